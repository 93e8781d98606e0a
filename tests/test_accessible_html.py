"""Every HTML document passes axe-core in Chromium without serious or critical violations.

County boards and municipalities must publish accessibly (lag 2018:1937, WCAG 2.1 AA). The
test injects the `axe-core` npm package with Playwright into Debian's `chromium`.  Without a
browser, Playwright or axe-core it skips on a developer's machine and fails when `CI` is set
(`.ci/run` installs `chromium` and `npm install`s axe-core into tests/a11y/).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from urllib.parse import urlsplit

import pytest
from conftest import DATA

AXE = Path(
    os.environ.get(
        "MILJOMAL_AXE_JS", Path(__file__).parent / "a11y/node_modules/axe-core/axe.min.js"
    )
)
BLOCKING = ("serious", "critical")


def _missing() -> str | None:
    """Why the browser test cannot run here, or None."""
    if shutil.which("chromium") is None:
        return "no chromium on PATH (apt-get install chromium)"
    if not AXE.is_file():
        return f"no axe-core at {AXE} (npm install --prefix tests/a11y axe-core@4)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Debian's chromium through Playwright (skips, or fails in CI, without one)."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


def measure(browser, path: Path, width: int, script: str):  # type: ignore[no-untyped-def]
    """Open ``path`` at ``width`` px and return what ``script`` (a JS function) gives."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(path.resolve().as_uri())
        return page.evaluate(script)
    finally:
        page.close()


@pytest.fixture(scope="module")
def axe_run(browser):  # type: ignore[no-untyped-def]
    """A function from an HTML file to axe-core's serious and critical violations.

    One tab for each width serves every check: a new tab each time started a renderer and
    compiled axe-core anew (test_report_documents_pass_axe took 11.4 s, then 5.8 s).  A
    page is checked once per width and module: the answer is kept under the bytes of the
    page and of every file it loaded, named relative to the page, so the same site published
    from SQLite and from PostgreSQL is checked once, and a page that differs by one byte, in
    itself or in its style sheet, is checked anew.
    """
    script = AXE.read_text(encoding="utf-8")
    tabs: dict[int, tuple[Any, list[str]]] = {}  # width -> the tab, the URLs it loaded
    checked: dict[tuple[int, str], list[str]] = {}

    def run(path: Path, width: int = 1280) -> list[str]:
        if width not in tabs:
            page = browser.new_page(viewport={"width": width, "height": 900})
            tabs[width] = page, []
            page.on("request", lambda request: tabs[width][1].append(request.url))
        page, loaded = tabs[width]
        loaded.clear()
        page.goto(path.resolve().as_uri())
        key = (width, _fingerprint(path, loaded))
        if key not in checked:
            page.add_script_tag(content=script)
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            checked[key] = [
                f"{v['impact']} {v['id']}: {len(v['nodes'])} × {v['nodes'][0]['target']}"
                for v in result["violations"]
                if v["impact"] in BLOCKING
            ]
        return list(checked[key])

    yield run
    for page, _ in tabs.values():
        page.close()


def _fingerprint(path: Path, urls: list[str]) -> str:
    """A digest of the page and every file it loaded, each named relative to the page."""
    folder = path.resolve().parent
    digest = hashlib.sha256()
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme != "file":
            digest.update(f"{url}\n".encode())
            continue
        loaded = Path(unquote(parts.path))
        content = loaded.read_bytes() if loaded.is_file() else b""
        digest.update(f"{os.path.relpath(loaded, folder)} {len(content)}\n".encode() + content)
    return digest.hexdigest()


def _report_documents(folder: Path) -> list[Path]:
    from reports.documents import write_completeness_report
    from reports.documents import write_county_report
    from reports.documents.html import write_municipality_html
    from tests.report_samples import completeness
    from tests.report_samples import county_comparison
    from tests.report_samples import municipality_report

    return [
        write_municipality_html(municipality_report(), folder / "kommun.html"),
        write_county_report(county_comparison(), folder / "lan.html"),
        write_completeness_report(completeness(), folder / "inrapportering.html"),
        write_municipality_html(municipality_report(), folder / "municipality.html", lang="en"),
    ]


def test_report_documents_pass_axe(axe_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for path in _report_documents(tmp_path):
        for width in (1280, 400):  # desktop and phone
            assert axe_run(path, width) == [], f"{path.name} at {width} px"


def test_a_page_is_checked_anew_when_its_style_sheet_changes(axe_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The answers axe_run keeps are keyed on every byte the page loaded: the same page with
    a grey-on-white style sheet is checked anew, and a copy elsewhere gets the same answer."""
    page = tmp_path / "site" / "sida.html"
    page.parent.mkdir()
    page.write_text(
        '<!DOCTYPE html><html lang="sv"><head><title>Sida</title>'
        '<link rel="stylesheet" href="../stil.css"></head>'
        "<body><main><h1>Sida</h1><p>Text som ska gå att läsa.</p></main></body></html>",
        encoding="utf-8",
    )
    style = tmp_path / "stil.css"
    style.write_text("p { color: #000; background: #fff; }", encoding="utf-8")
    assert axe_run(page) == []
    style.write_text("p { color: #eee; background: #fff; }", encoding="utf-8")
    assert [line.split(" ")[1] for line in axe_run(page)] == ["color-contrast:"]
    copy = tmp_path / "kopia" / "site" / "sida.html"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(page.read_bytes())
    (tmp_path / "kopia" / "stil.css").write_bytes(style.read_bytes())
    assert [line.split(" ")[1] for line in axe_run(copy)] == ["color-contrast:"]


def test_plan_report_passes_axe(axe_run, miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(DATA / "plan" / "handlingsplan.txt"))
    miljomal("plan", "import-updates", str(DATA / "plan" / "uppdateringar.csv"))
    miljomal("plan", "update", "3.4", "--status", "pågår", "--date", "2009-10-01", "--example")
    out = tmp_path / "plan.html"
    result = miljomal("plan", "report", "--as-of", "2010-02-15", "-o", str(out))
    assert result.exit_code == 0, result.output
    for width in (1280, 400):
        assert axe_run(out, width) == [], f"plan.html at {width} px"


def test_charts_have_text_alternatives_and_data_tables(tmp_path: Path) -> None:
    """Without a browser too: each chart names its message and folds its data as a table."""
    import re

    from reports.documents.html import municipality_html
    from tests.report_samples import municipality_report

    report = municipality_report()
    html = municipality_html(report)
    labels = re.findall(r'<svg[^>]*role="img"[^>]*aria-label="([^"]+)"', html)
    assert len(labels) == len(report.rows)
    first = report.rows[0]
    assert labels[0].startswith(f"{first.indicator.code} {first.indicator.name}. ")
    assert first.trend.sentence() in labels[0]
    assert html.count('<details class="data">') == len(report.rows)
    assert html.count('tabindex="0" role="region"') == len(report.rows) + 1


def test_county_html_uses_the_width_and_phones_get_one_panel_a_row(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reports.documents import write_county_report
    from tests.report_samples import county_comparison

    path = write_county_report(county_comparison(), tmp_path / "lan.html")
    region = "() => document.querySelector('.scroll').getBoundingClientRect().width"
    assert measure(browser, path, 1600, region) > 1500  # not capped at 60rem (960 px)
    sticky = "() => getComputedStyle(document.querySelector('table.county th')).position"
    assert measure(browser, path, 1600, sticky) == "sticky"
    panels = """() => [...document.querySelectorAll('.panels')][0].querySelectorAll('svg')
        .length && [...[...document.querySelectorAll('.panels')][0].querySelectorAll('svg')]
        .map(svg => Math.round(svg.getBoundingClientRect().left))"""
    lefts = measure(browser, path, 400, panels)
    assert len(set(lefts)) == 1  # every panel starts at the same x: one per row
    width = "() => document.querySelector('.panels svg').getBoundingClientRect().width"
    assert measure(browser, path, 400, width) > 340


def test_plan_html_on_a_phone_keeps_the_status(browser, miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("plan", "import", str(DATA / "plan" / "handlingsplan.txt"))
    out = tmp_path / "plan.html"
    assert miljomal("plan", "report", "--as-of", "2010-02-15", "-o", str(out)).exit_code == 0
    status = """() => [...document.querySelectorAll('td[data-label="Status"]')]
        .map(td => td.getBoundingClientRect().right)"""
    rights = measure(browser, out, 400, status)
    assert rights and max(rights) <= 400  # every status is on screen, none scrolled away
