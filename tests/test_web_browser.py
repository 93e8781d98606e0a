"""The portal in a real browser: Debian's Chromium driven by Playwright against `miljomal serve`.

Playwright's own browser download is not available on our machines, so the test launches
the system's ``chromium``.  Without it (or without Playwright) the test is skipped on a
developer's machine and fails when ``CI`` is set.  With ``MILJOMAL_SCREENSHOTS=DIR`` it
also saves screenshots of the login, Min kommun, review and form pages at 1280 and 400 px.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from portal import PASSWORD
from portal import SUNDSVALL
from portal import TIMRA
from portal import USERS
from portal import fill_template
from portal import make_portal
from portal import stored
from portal import template_file as write_template_file

YEAR = dt.date.today().year - 1  # the year reported with no reporting window


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium, launched once per test module (1–2 s); each test opens its own
    context (``new_page`` makes one), so no cookie or storage is shared between tests."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    executable = shutil.which("chromium")
    if executable is None:
        _unavailable("no chromium command (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            # The machine's network is closed: no background connections to be refused.
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(sqlite_store_url: str, tmp_path: Path) -> Iterator[str]:
    """`miljomal serve` on a fresh store with the test users, as a subprocess."""
    sqlite_url = sqlite_store_url  # the tests read the same store as `sqlite_url`
    make_portal(sqlite_url, tmp_path)  # adds the users
    port = _free_port()
    env = {
        **os.environ,
        "MILJOMAL_SECRET_KEY": "browser-test",
        "MILJOMAL_INSTANCE": str(tmp_path / "instance"),
    }
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "miljomal", "--db", sqlite_url, "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1000):  # 20 s at most
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.02)
        else:
            pytest.fail(f"miljomal serve did not answer: {(tmp_path / 'serve.log').read_text()}")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
    assert f"http://127.0.0.1:{port}/" in (tmp_path / "serve.log").read_text()


def _shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("MILJOMAL_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width in (1280, 400):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_official_reports_in_the_browser(browser, served, sqlite_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # Log in.
    page.goto(f"{served}/login")
    _shoot(page, "login")
    page.get_by_label("E-post").fill(USERS["reporter"][0])
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("link", name="Min kommun").wait_for()
    assert "Timrå kommun – nyckeltal" in page.inner_text("h1")
    _shoot(page, "min-kommun")

    # A messy file: its problems with their cells, and no Spara.
    blank = write_template_file(sqlite_url, TIMRA, YEAR, tmp_path / "mall.xlsx")
    # The 2023 set: a municipality reports GN.2b, GN.7, GN.8a and GN.9b (rows 5 to 8).
    messy = fill_template(
        blank,
        tmp_path / "timra-rorig.xlsx",
        {"GN.2b": ("140", None, None), "GN.7": ("ca 40", None, None)},
    )
    page.get_by_role("link", name="Ladda upp").click()
    page.get_by_label("Fil").set_input_files(str(messy))
    page.get_by_role("button", name="Granska").click()
    page.get_by_text("Värden!I5").wait_for()
    assert page.get_by_text("Värden!I6").is_visible()
    assert page.get_by_role("button", name="Spara").count() == 0
    _shoot(page, "granskning-fel")

    # A good file: Granska, Spara, and Min kommun changes.
    good = fill_template(
        blank, tmp_path / "timra.xlsx", {"GN.7": ("41,5", None, "<script>alert(1)</script>")}
    )
    page.get_by_role("link", name="Ladda upp").click()
    page.get_by_label("Fil").set_input_files(str(good))
    page.get_by_role("button", name="Granska").click()
    page.get_by_text("Filen kan sparas").wait_for()
    _shoot(page, "granskning")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Sparat (uppladdning").wait_for()
    row = page.get_by_role("row", name="GN.7 Förnybar och återvunnen energi i lokaler")
    assert "41,5" in row.inner_text()
    assert "<script>alert(1)</script>" in row.inner_text()  # shown as text
    assert dialogs == []
    assert stored(sqlite_url, TIMRA, "GN.7", YEAR)[0] == 41.5

    # The form with one bad value: the error at its field, nothing saved.
    page.get_by_role("link", name="Fyll i direkt").click()
    page.get_by_label("GN.8a Kommunorganisationens solceller").fill("88,5")
    page.get_by_label("GN.2b Förnybara bränslen i kollektivtrafiken").fill("140")
    page.get_by_role("button", name="Spara").click()
    field = page.get_by_label("GN.2b Förnybara bränslen i kollektivtrafiken")
    field.wait_for()
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby").split()
    error = page.locator(f'[id="{described[-1]}"]')
    assert "140" in error.inner_text()
    assert stored(sqlite_url, TIMRA, "GN.8a", YEAR) == (None, "missing", None)  # not 88,5
    _shoot(page, "formular-fel")
    page.get_by_role("link", name="GN.2b:").click()  # the summary link moves to the field
    assert page.evaluate("document.activeElement.id") == "value-GN.2b"

    # Another municipality's page: 403.
    response = page.goto(f"{served}/kommun/{SUNDSVALL}")
    assert response.status == 403
    assert "Du har inte behörighet" in page.inner_text("h1")

    # Log out.
    page.goto(f"{served}/kommun/{TIMRA}")
    page.get_by_role("button", name="Logga ut").click()
    page.get_by_label("E-post").wait_for()
    assert page.goto(f"{served}/kommun/{TIMRA}").url.startswith(f"{served}/login")


def test_the_portal_pages_pass_axe(browser, served, sqlite_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Login, Min kommun, upload, review with errors, the form with errors and Historik:
    no serious or critical axe-core violations, on a desktop and a phone."""
    from test_accessible_html import AXE
    from test_accessible_html import BLOCKING

    if not AXE.exists():
        _unavailable(f"no axe-core at {AXE} (npm install --prefix tests/a11y axe-core@4)")
    script = AXE.read_text(encoding="utf-8")
    # The portal's Content-Security-Policy forbids inline scripts, axe's injection included.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def violations() -> list[str]:
        found = []
        for width in (1280, 400):
            page.set_viewport_size({"width": width, "height": 900})
            page.add_script_tag(content=script)
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            found += [
                f"{page.url} {width}px {v['impact']} {v['id']}: {v['nodes'][0]['target']}"
                for v in result["violations"]
                if v["impact"] in BLOCKING
            ]
        return found

    found = []
    page.goto(f"{served}/login")
    found += violations()
    page.get_by_label("E-post").fill(USERS["reporter"][0])
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("link", name="Min kommun").wait_for()
    found += violations()
    page.get_by_role("link", name="Ladda upp").click()
    found += violations()
    blank = write_template_file(sqlite_url, TIMRA, YEAR, tmp_path / "mall.xlsx")
    messy = fill_template(blank, tmp_path / "rorig.xlsx", {"GN.2b": ("140", None, None)})
    page.get_by_label("Fil").set_input_files(str(messy))
    page.get_by_role("button", name="Granska").click()
    page.get_by_text("Värden!I5").wait_for()
    found += violations()
    page.get_by_role("link", name="Fyll i direkt").click()
    page.get_by_label("GN.2b Förnybara bränslen i kollektivtrafiken").fill("140")
    page.get_by_role("button", name="Spara").click()
    page.locator(".error-summary").wait_for()
    found += violations()
    page.get_by_role("link", name="Historik").click()
    found += violations()
    context.close()
    assert found == []


def _log_in(browser, served: str, who: str):  # type: ignore[no-untyped-def]
    """A page in its own browser context (its own cookies), logged in as one of USERS."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{served}/login")
    page.get_by_label("E-post").fill(USERS[who][0])
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("button", name="Logga ut").wait_for()
    return page


def _reporter_saves(page, served: str, value: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served}/kommun/{TIMRA}/formular?ar={YEAR}")
    page.get_by_label("GN.7 Förnybar och återvunnen energi i lokaler").fill(value)
    page.get_by_role("button", name="Spara").click()


def _reminded(page, served: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Påminnelser as {municipality: the row's text}."""
    page.goto(f"{served}/lan/inrapportering?ar={YEAR}")
    page.get_by_role("link", name="Påminnelser").click()
    page.get_by_role("heading", name=f"Påminnelser {YEAR}").wait_for()
    return {
        row.locator("th").inner_text(): row.inner_text() for row in page.locator("tbody tr").all()
    }


def test_the_county_board_approves_and_reopens_in_the_browser(browser, served, sqlite_url) -> None:  # type: ignore[no-untyped-def]
    county = _log_in(browser, served, "county")
    reporter = _log_in(browser, served, "reporter")

    # Inrapportering before Timrå has sent anything.
    county.get_by_role("link", name="Inrapportering").click()
    county.goto(f"{served}/lan/inrapportering?ar={YEAR}")
    timra = county.locator("tbody tr").filter(has=county.get_by_role("rowheader", name="Timrå"))
    assert timra.locator("td.s-reported").count() == 0
    assert "anna@timra.se" not in timra.inner_text()
    assert "har inte skickat in" in _reminded(county, served)["Timrå"]

    # The reporter saves GN.7 in the form; the county's matrix shows it.
    _reporter_saves(reporter, served, "41,5")
    reporter.get_by_text("Sparat (uppladdning").wait_for()
    county.goto(f"{served}/lan/inrapportering?ar={YEAR}")
    assert timra.locator("td.s-reported").count() == 1
    assert "anna@timra.se" in timra.inner_text()
    _shoot(county, "inrapportering")
    reminded = _reminded(county, served)
    assert "saknar värden" in reminded["Timrå"]
    assert "har inte skickat in" in reminded["Sundsvall"]
    assert "sven@sundsvall.se" in reminded["Sundsvall"]
    _shoot(county, "paminnelser")

    # Godkänn: the row says so, Timrå leaves the reminders, the reporter cannot save.
    county.goto(f"{served}/lan/inrapportering?ar={YEAR}")
    timra.get_by_role("button", name="Godkänn").click()
    timra.get_by_role("button", name="Öppna igen").wait_for()
    assert "godkänd" in timra.inner_text()
    assert "Timrå" not in _reminded(county, served)
    reporter.goto(f"{served}/kommun/{TIMRA}/formular?ar={YEAR}")
    assert reporter.get_by_role("button", name="Spara").is_disabled()
    assert f"Länsstyrelsen har godkänt {YEAR} för Timrå" in reporter.inner_text("#writes-closed")
    assert stored(sqlite_url, TIMRA, "GN.7", YEAR)[0] == 41.5

    # Öppna igen with a reason: the reporter saves again, and the reason is in the log.
    county.goto(f"{served}/lan/inrapportering?ar={YEAR}")
    timra.get_by_label("Kommentar").fill("Fel i GN.7")
    timra.get_by_role("button", name="Öppna igen").click()
    timra.get_by_role("button", name="Godkänn").wait_for()
    _reporter_saves(reporter, served, "50")
    reporter.get_by_text("Sparat (uppladdning").wait_for()
    assert stored(sqlite_url, TIMRA, "GN.7", YEAR)[0] == 50.0
    assert "saknar värden" in _reminded(county, served)["Timrå"]
    county.get_by_role("link", name="Granskningslogg").click()
    assert "Fel i GN.7" in county.locator("main").inner_text()

    # Rapporter: the completeness report made now shows Timrå's GN.7 as reported.
    county.get_by_role("link", name="Rapporter", exact=True).click()
    _shoot(county, "rapporter")
    county.get_by_role("link", name="Inrapporteringsgrad (HTML)").click()
    county.get_by_role("heading", level=1).wait_for()
    assert "Timrå" in county.locator("body").inner_text()


def test_granska_lists_every_value_with_its_name_and_old_and_new_value(  # type: ignore[no-untyped-def]
    browser, served, sqlite_url, tmp_path
) -> None:
    """Issue 20: before Spara, the person sees what each code is read as, the stored value
    and the new one, in Swedish number format."""
    from conftest import run_cli

    stored_first = tmp_path / "skolor.csv"
    stored_first.write_text(
        f"Kommun;Uppsättning;Kod;År;Värde\n{TIMRA};sekom-2023;GN.11;{YEAR};57\n", encoding="utf-8"
    )
    assert run_cli("import", str(stored_first), db=sqlite_url).exit_code == 0
    sent = tmp_path / "timra.csv"
    sent.write_text(
        f"Kommun;Kod;År;Värde\n{TIMRA};GN.11;{YEAR};24,5\n{TIMRA};GN.6a;{YEAR};1 412,5\n",
        encoding="utf-8",
    )
    # CSP bypassed only so that axe can be injected below.
    page = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{served}/login")
    page.get_by_label("E-post").fill(USERS["reporter"][0])
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("button", name="Logga ut").wait_for()
    page.goto(f"{served}/kommun/{TIMRA}/ladda-upp?ar={YEAR}")
    page.get_by_label("Fil").set_input_files(str(sent))
    page.get_by_role("button", name="Granska").click()
    page.get_by_role("heading", name="Värden som sparas").wait_for()
    rows = page.locator("table.planned tbody tr")
    assert [row.inner_text().split("\t") for row in rows.all()] == [
        ["GN.11 Certifierade skolor och förskolor (sekom-2023)", str(YEAR), "57", "24,5"],
        ["GN.6a Mängd hushållsavfall (sekom-2023)", str(YEAR), "inget", "1 412,5"],
    ]
    assert "GN.11 läses som Certifierade skolor och förskolor (2023)" in page.inner_text("main")
    _shoot(page, "granskning-varden")
    from test_accessible_html import AXE
    from test_accessible_html import BLOCKING

    if AXE.exists():  # the page with its list passes axe as the other portal pages do
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        assert [v["id"] for v in result["violations"] if v["impact"] in BLOCKING] == []
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Sparat (uppladdning").wait_for()
    assert stored(sqlite_url, TIMRA, "GN.11", YEAR)[0] == 24.5
