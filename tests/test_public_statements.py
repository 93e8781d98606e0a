"""The accessibility statement and the privacy page, on the public site and in the portal.

Lag (2018:1937) om tillgänglighet till digital offentlig service asks for an accessibility
statement linked from every page, with DIGG's content; the portal keeps officials' names and
e-mail addresses, so it also says what it keeps, why, for how long and whom to ask.  The
organisation's name, contact address, the assessment date and the retention period come from
the county's settings and are never made up: without them the page says what is missing.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from portal import log_in
from portal import make_portal

# Chromium with axe-core, and `miljomal serve` as a subprocess (asked for with
# request.getfixturevalue, as a parameter would shadow the import).
from test_accessible_html import axe_run  # noqa: F401
from test_accessible_html import browser  # noqa: F401
from test_publish_site import excel_csv
from test_publish_site import text_of
from test_web_browser import served  # noqa: F401

ORG = (
    "--org-name",
    "Länsstyrelsen Västernorrland",
    "--org-contact",
    "tillganglighet@lansstyrelsen.example.se",
    "--assessed",
    "2026-11-30",
)
DIGG = "https://www.digg.se/tdosanmalan"


class _Footer(HTMLParser):
    """The links (href) inside a page's <footer>."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []
        self.footers = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "footer":
            self.depth += 1
            self.footers += 1
        elif tag == "a" and self.depth:
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer":
            self.depth -= 1


def footer_links(html: str) -> list[str]:
    parser = _Footer()
    parser.feed(html)
    return parser.links


def site_pages_without_the_links(site: Path) -> list[str]:
    """Every page of the site whose footer does not link both statements."""
    lacking = []
    targets = {(site / name).resolve() for name in ("tillganglighet.html", "personuppgifter.html")}
    for page in sorted(site.rglob("*.html")):
        # An embed page (inbadda/) is shown in a frame on another site, whose own page
        # carries that site's statements.
        if page.relative_to(site).parts[0] == "inbadda":
            continue
        links = footer_links(page.read_text(encoding="utf-8"))
        if not targets <= {(page.parent / link).resolve() for link in links}:
            lacking.append(str(page.relative_to(site)))
    return lacking


@pytest.fixture
def site(miljomal, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A published site of Sundsvall's and Timrå's GN.6, with the county's settings."""
    rows = ["Sundsvall;GN.6;2023;10,5;;", "Sundsvall;GN.6;2024;11,5;;", "Timrå;GN.6;2024;3;;"]
    assert miljomal("import", str(excel_csv(tmp_path / "in.csv", *rows))).exit_code == 0
    out = tmp_path / "site"
    result = miljomal("publish", "-o", str(out), "--include-unapproved", *ORG)
    assert result.exit_code == 0, result.output
    return out


def test_the_site_statement_says_what_digg_requires(site: Path) -> None:
    text = text_of(site / "tillganglighet.html")
    html = (site / "tillganglighet.html").read_text(encoding="utf-8")
    assert "<h1>Tillgänglighetsredogörelse</h1>" in html
    assert "Länsstyrelsen Västernorrland står bakom webbplatsen med miljömålsindikatorer" in text
    assert (
        "Webbplatsen med miljömålsindikatorer är delvis förenlig med lagen om tillgänglighet "
        "till digital offentlig service" in text
    )
    assert "Datafilerna (CSV, JSON, RDF/XML och Turtle) är maskinläsbara" in text
    assert "axe-core i webbläsaren Chromium vid 1280 och 400 pixlars bredd" in text
    assert "Kontrolleras för hand vid varje bedömning:" in text
    assert "Bedömningen gjordes 2026-11-30. Redogörelsen uppdaterades senast 2026-11-30." in text
    assert 'href="mailto:tillganglighet@lansstyrelsen.example.se"' in html
    assert f'href="{DIGG}"' in html
    assert "Uppgifter saknas" not in text


def test_every_site_page_links_both_statements_from_its_footer(site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "inbadda"]
    assert len(pages) == 27
    assert site_pages_without_the_links(site) == []
    # ... and the check fails on a page whose footer lacks a link.
    page = site / "kommun" / "2281.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('href="../tillganglighet.html"', 'href="../metod.html"'))
    other = site / "metod.html"
    html = other.read_text(encoding="utf-8")
    other.write_text(html.replace('href="personuppgifter.html"', 'href="index.html"'))
    assert site_pages_without_the_links(site) == ["kommun/2281.html", "metod.html"]


def test_the_site_privacy_page_says_it_shows_no_names_and_sets_no_cookies(site: Path) -> None:
    text = text_of(site / "personuppgifter.html")
    assert "<h1>Personuppgifter</h1>" in (site / "personuppgifter.html").read_text(encoding="utf-8")
    assert "men inte vem som rapporterade eller ändrade dem" in text
    assert "Webbplatsen använder inga kakor och inga skript" in text
    assert "hur länge bestämmer Länsstyrelsen Västernorrland" in text
    assert "Frågor om personuppgifter: tillganglighet@lansstyrelsen.example.se." in text
    assert not list(site.rglob("*.js"))


def test_without_settings_the_site_statement_says_plainly_what_is_missing(
    miljomal, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    assert miljomal("publish", "-o", str(out)).exit_code == 0
    text = text_of(out / "tillganglighet.html")
    assert (
        "Uppgifter saknas i inställningarna, så redogörelsen är inte komplett: "
        "organisationens namn (--org-name / MILJOMAL_ORG_NAME) "
        "kontaktadress (--org-contact / MILJOMAL_ORG_CONTACT) "
        "datum för bedömningen (--assessed / MILJOMAL_ACCESSIBILITY_ASSESSED)" in text
    )
    assert (
        "Datum för bedömningen: uppgift saknas. Redogörelsen uppdaterades senast: uppgift saknas."
        in text
    )
    assert "Länsstyrelsen" not in text


def test_the_english_site_statement(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    assert miljomal("publish", "-o", str(out), "--lang", "en", *ORG).exit_code == 0
    text = text_of(out / "tillganglighet.html")
    assert "Accessibility statement" in text
    assert "is partially compliant with the Act on accessibility" in text
    assert "The assessment was made on 2026-11-30." in text


def test_a_date_that_is_not_one_is_a_usage_error(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("publish", "-o", str(tmp_path / "s"), "--assessed", "30/11/2026")
    assert result.exit_code == 2
    assert "--assessed" in result.output


# --- the portal ---------------------------------------------------------------------------

SETTINGS = {
    "MILJOMAL_ORG_NAME": "Länsstyrelsen Västernorrland",
    "MILJOMAL_ORG_CONTACT": "https://www.lansstyrelsen.example.se/kontakt",
    "MILJOMAL_ACCESSIBILITY_ASSESSED": "2026-11-30",
    "MILJOMAL_ACCESSIBILITY_UPDATED": "2026-12-01",
    "MILJOMAL_RETENTION_YEARS": "3",
}


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_portal_statements_are_public_and_use_the_settings(
    store_url: str, tmp_path: Path
) -> None:
    client = make_portal(store_url, tmp_path, **SETTINGS).test_client()
    page = client.get("/tillganglighet")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    text = plain(html)
    assert "Länsstyrelsen Västernorrland står bakom portalen för inrapportering" in text
    assert "Portalen för inrapportering av miljömålsindikatorer är delvis förenlig" in text
    assert "PDF-rapporterna är inte taggade" in text and "samma innehåll finns som HTML" in text
    assert "Bedömningen gjordes 2026-11-30. Redogörelsen uppdaterades senast 2026-12-01." in text
    assert f'href="{DIGG}"' in html
    assert 'href="https://www.lansstyrelsen.example.se/kontakt"' in html

    privacy = plain(client.get("/personuppgifter").get_data(as_text=True))
    assert "Namn och e-postadress för den som har ett konto" in privacy
    assert "Vem som ändrade vad och när" in privacy
    assert "sparas så länge kontot finns och därefter i 3 år" in privacy
    assert "Länsstyrelsen Västernorrland är personuppgiftsansvarig" in privacy
    assert "Uppgifter saknas" not in privacy


def test_the_portal_says_which_settings_are_missing(store_url: str, tmp_path: Path) -> None:
    settings = dict.fromkeys(SETTINGS)
    settings["MILJOMAL_ACCESSIBILITY_ASSESSED"] = "igår"
    client = make_portal(store_url, tmp_path, **settings).test_client()
    text = plain(client.get("/tillganglighet").get_data(as_text=True))
    # The portal names the environment settings only (the web never speaks command line).
    assert (
        "organisationens namn (MILJOMAL_ORG_NAME) "
        "kontaktadress (MILJOMAL_ORG_CONTACT) "
        "datum för bedömningen (MILJOMAL_ACCESSIBILITY_ASSESSED) "
        "MILJOMAL_ACCESSIBILITY_ASSESSED är inte ett datum (ÅÅÅÅ-MM-DD): igår" in text
    )
    assert "--" not in text
    privacy = plain(client.get("/personuppgifter").get_data(as_text=True))
    assert "hur många år namn och e-post sparas (MILJOMAL_RETENTION_YEARS)" in privacy


def _portal_pages(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Every GET route of the portal without parameters, but the API and files."""
    return sorted(
        str(rule.rule)
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods
        and not rule.arguments
        and not rule.rule.startswith(("/api", "/static", "/health", "/reports.css"))
    )


@pytest.mark.parametrize("who", [None, "reporter", "county", "admin"])
def test_every_portal_page_links_both_statements_from_its_footer(
    store_url: str, tmp_path: Path, who: str | None
) -> None:
    app = make_portal(store_url, tmp_path)
    client = app.test_client()
    if who is not None:
        log_in(client, who)
    lacking, seen = [], 0
    for url in _portal_pages(app) + ["/finns-inte"]:
        page = client.get(url, follow_redirects=True)
        if page.mimetype != "text/html":
            continue
        seen += 1
        links = footer_links(page.get_data(as_text=True))
        if links[:2] != ["/tillganglighet", "/personuppgifter"]:
            lacking.append(f"{url} ({page.status_code})")
    assert seen >= 4
    assert lacking == []


def test_the_portal_statements_pass_axe_at_1280_and_400_px(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Served by `miljomal serve` with the settings in its environment, read by Chromium."""
    from test_accessible_html import AXE
    from test_accessible_html import BLOCKING

    for name, value in SETTINGS.items():
        monkeypatch.setenv(name, value)
    chromium = request.getfixturevalue("browser")
    base = request.getfixturevalue("served")
    if not AXE.exists():
        pytest.fail(f"no axe-core at {AXE}")
    script = AXE.read_text(encoding="utf-8")
    context = chromium.new_context(bypass_csp=True)
    page = context.new_page()
    found, headings = [], []
    for path in ("/tillganglighet", "/personuppgifter", "/login"):
        for width in (1280, 400):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base + path)
            headings.append(page.locator("h1").count())
            page.add_script_tag(content=script)
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            found += [
                f"{path} {width}px {v['impact']} {v['id']}: {v['nodes'][0]['target']}"
                for v in result["violations"]
                if v["impact"] in BLOCKING
            ]
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            _shoot(page, f"portal{path.replace('/', '-')}-{width}")
            page.keyboard.press("Tab")  # the first stop is the skip link
            assert page.evaluate("document.activeElement.className") == "skip"
    context.close()
    assert found == []
    assert headings == [1] * 6


def test_the_site_statements_pass_axe_at_1280_and_400_px(
    request: pytest.FixtureRequest, site: Path
) -> None:
    run_axe = request.getfixturevalue("axe_run")
    chromium = request.getfixturevalue("browser")
    pages = ["tillganglighet.html", "personuppgifter.html"]
    found = {(p, w): run_axe(site / p, w) for p in pages for w in (1280, 400)}
    assert found == {(p, w): [] for p in pages for w in (1280, 400)}
    page = chromium.new_page()
    for name in pages:
        for width in (1280, 400):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto((site / name).as_uri())
            _shoot(page, f"site-{name.removesuffix('.html')}-{width}")
    page.close()


def _shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """A full-page screenshot into $MILJOMAL_SCREENSHOTS, when set (for a person to look)."""
    import os

    folder = os.environ.get("MILJOMAL_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_the_portal_statements_in_english(store_url: str, tmp_path: Path) -> None:
    client = make_portal(store_url, tmp_path, **SETTINGS).test_client()
    client.get("/login?lang=en")
    text = plain(client.get("/tillganglighet").get_data(as_text=True))
    assert "Accessibility statement" in text
    assert "The PDF reports are not tagged" in text
    assert "The assessment was made on 2026-11-30." in text
    privacy = plain(client.get("/personuppgifter").get_data(as_text=True))
    assert "kept while the account exists and for 3 years after" in privacy
