"""Embeddable charts: a standalone SVG and an embed page per chart, framed by other sites.

Every municipality x indicator chart is a standalone accessible SVG and a small embed page
(no JavaScript) that a municipality shows on its own website in an ``<iframe>``; the chart's
section has the "Bädda in" code to copy.  The browser test serves the site on one port and
a host page on another, with the headers `publish` writes: the embed is shown in the other
origin's frame, the other pages are not.
"""

from __future__ import annotations

import os
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from test_accessible_html import axe_run  # noqa: F401
from test_accessible_html import browser  # noqa: F401
from test_publish_site import reported  # noqa: F401  (the fixture, asked for by name below)

SVG = "{http://www.w3.org/2000/svg}"
SHOTS = os.environ.get("MILJOMAL_SCREENSHOTS")  # a folder for a person to look at, when set
GN7 = "Mängd hushållsavfall, Sundsvall"


@pytest.fixture
def cli(miljomal, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The CLI on a store with Sundsvall's and Timrå's values (test_publish_site's fixture)."""
    return request.getfixturevalue("reported")


def data_date(site: Path) -> str:
    page = (site / "kommun" / "2281.html").read_text(encoding="utf-8")
    found = re.search(r"Uppgifter till och med (\d{4}-\d\d-\d\d)", page)
    assert found
    return found.group(1)


def test_every_chart_is_a_standalone_accessible_svg(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    assert cli("publish", "-o", str(site)).exit_code == 0
    raw = (site / "kommun" / "2281" / "GN.7.svg").read_text(encoding="utf-8")
    assert raw.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    svg = ET.fromstring(raw.split("\n", 1)[1])
    assert (svg.get("role"), svg.get("aria-labelledby"), svg.get("aria-describedby")) == (
        "img",
        "c-gn-7-title",
        "c-gn-7-desc",
    )
    assert (svg.get("width"), svg.get("{http://www.w3.org/XML/1998/namespace}lang")) == (
        "560",
        "sv",
    )
    assert svg.findtext(f"{SVG}title") == GN7
    assert svg.findtext(f"{SVG}desc") == (
        "Linjediagram: GN.7 Mängd hushållsavfall i Sundsvall, 2017–2024. "
        "Senaste värde 1 260 kg/person år 2024. Utvecklingen går åt rätt håll sedan 2018."
    )
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert texts[0] == GN7  # shown above the plot, as the file may be opened on its own
    assert "Källa: kommunernas inrapportering till länsstyrelsen (miljomal)." in texts
    assert f"Uppgifter till och med {data_date(site)}." in texts
    [link] = svg.iter(f"{SVG}a")
    assert link.get("href") == "../2281.html#gn-7"  # the data table beside the chart
    assert "".join(link.itertext()) == "Tabell med värdena"
    # Every municipality x indicator with values has one; Timrå has none published.
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.svg")) == [
        "kommun/2281/GN.6.svg",
        "kommun/2281/GN.7.svg",
    ]


def test_an_embed_page_carries_the_chart_source_and_date_without_scripts(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    assert cli("publish", "-o", str(site)).exit_code == 0
    page = (site / "inbadda" / "2281" / "GN.7.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert '<html lang="sv">' in page and '<link rel="stylesheet" href="../../style.css">' in page
    assert page.count("<svg ") == 1 and f'<title id="c-gn-7-title">{GN7}</title>' in page
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Källa: Kommunernas inrapportering till länsstyrelsen (miljomal)" in text
    assert f"Uppgifter till och med {data_date(site)}." in text
    assert (
        '<a href="../../kommun/2281.html#gn-7" target="_blank" rel="noopener">Tabell med värdena'
        in page
    )
    assert '<a href="../../kommun/2281/GN.7.csv">CSV</a>' in page
    english = tmp_path / "en"
    assert cli("publish", "-o", str(english), "--lang", "en").exit_code == 0
    page_en = (english / "inbadda" / "2281" / "GN.7.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page_en and "Table of the values" in page_en
    assert "Source: The municipalities' reporting" in page_en.replace("&#39;", "'")


def test_each_chart_section_has_the_embed_code_to_copy(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    base = "https://miljomal.lansstyrelsen.se/y/"
    assert cli("publish", "-o", str(site), "--base-url", base).exit_code == 0
    page = (site / "kommun" / "2281.html").read_text(encoding="utf-8")
    assert page.count("<summary>Bädda in") == 2
    code = (
        "&lt;iframe src=&#34;https://miljomal.lansstyrelsen.se/y/inbadda/2281/GN.7.html&#34; "
        f"title=&#34;{GN7}&#34; width=&#34;600&#34; height=&#34;440&#34; "
        "style=&#34;border: 0; max-width: 100%&#34; loading=&#34;lazy&#34;&gt;&lt;/iframe&gt;"
    )
    assert (
        '<label for="embed-gn-7">HTML-kod att kopiera</label>\n'
        '<textarea id="embed-gn-7" readonly rows="3" spellcheck="false">' + code + "</textarea>"
    ) in page.replace("&#39;", "'")
    assert '<a href="../inbadda/2281/GN.7.html">Förhandsgranska</a>' in page
    assert '<a href="2281/GN.7.svg">SVG</a>' in page
    # Without the site's address the code holds the path, and the page says what to add.
    bare = tmp_path / "bare"
    assert cli("publish", "-o", str(bare)).exit_code == 0
    page = (bare / "kommun" / "2281.html").read_text(encoding="utf-8")
    assert "&lt;iframe src=&#34;inbadda/2281/GN.7.html&#34;" in page
    assert "Skriv webbplatsens adress framför sökvägen i src." in page


def test_the_headers_let_other_sites_frame_only_the_embeds(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reports.site.headers import headers_for

    site = tmp_path / "site"
    assert cli("publish", "-o", str(site), "--base-url", "https://l.se/miljomal").exit_code == 0
    policy = (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
        "form-action 'none'; frame-ancestors "
    )
    assert headers_for("kommun/2281.html")["Content-Security-Policy"] == policy + "'self'"
    assert headers_for("kommun/2281.html")["X-Frame-Options"] == "SAMEORIGIN"
    assert headers_for("inbadda/2281/GN.7.html")["Content-Security-Policy"] == policy + "*"
    assert "X-Frame-Options" not in headers_for("inbadda/2281/GN.7.html")
    conf = (site / ".miljomal-headers.nginx.conf").read_text(encoding="utf-8")
    assert "location /miljomal/ {\n" in conf and "location /miljomal/inbadda/ {\n" in conf
    assert f'add_header Content-Security-Policy "{policy}*" always;' in conf
    assert f"add_header Content-Security-Policy \"{policy}'self'\" always;" in conf

    limited = tmp_path / "limited"
    only = "https://sundsvall.se https://www.sundsvall.se"
    assert cli("publish", "-o", str(limited), "--embed-frame-ancestors", only).exit_code == 0
    conf = (limited / ".miljomal-headers.nginx.conf").read_text(encoding="utf-8")
    assert f'"{policy}{only}" always;' in conf and "location / {\n" in conf


def test_a_bad_frame_ancestors_list_publishes_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    result = cli("publish", "-o", str(site), "--embed-frame-ancestors", "x; script-src *")
    assert result.exit_code == 1
    assert "x; script-src * är inte en lista med webbplatser som får visa inbäddningarna" in (
        result.output
    )
    assert "Traceback" not in result.output and not site.exists()
    injected = cli("publish", "-o", str(site), "--base-url", "https://l.se/a;} server {")
    assert injected.exit_code == 1
    assert "https://l.se/a;} server { är inte webbplatsens adress: väntat https://värd/sökväg" in (
        injected.output
    )
    assert not site.exists()


class _SiteHandler(SimpleHTTPRequestHandler):
    """The site's files with the headers publish decided (as nginx would send them)."""

    frame_ancestors = "*"

    def end_headers(self) -> None:
        from reports.site.headers import headers_for

        for name, value in headers_for(self.path.split("?")[0], self.frame_ancestors).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _serve(handler) -> Iterator[str]:  # type: ignore[no-untyped-def]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )  # shutdown() waits up to one poll interval (0,5 s by default)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _framed(chromium, host: str, site: str, folder: Path, name: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Open a host page with the embed and the municipality page in frames: their h1 texts."""
    (folder / f"{name}.html").write_text(
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Sundsvall</title></head>'
        "<body>"
        "<h1>Vårt avfall</h1>"
        f'<iframe src="{site}/inbadda/2281/GN.7.html" title="GN.7" width="600" height="440">'
        "</iframe>"
        f'<iframe src="{site}/kommun/2281.html" title="Sidan" width="600" height="440"></iframe>'
        "</body></html>",
        encoding="utf-8",
    )
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    try:
        page.goto(f"{host}/{name}.html")
        page.wait_for_load_state("load")
        shown = {}
        for frame in page.frames[1:]:
            if frame.url.startswith(site):
                heading = frame.locator("h1")
                shown[frame.url.removeprefix(site)] = heading.first.text_content() or ""
        _shoot(page, name, full_page=True)
        return shown
    finally:
        page.close()


def test_an_embed_shows_in_a_frame_of_another_origin_and_nothing_else_does(  # type: ignore[no-untyped-def]
    cli, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    chromium = request.getfixturevalue("browser")
    site, hosts = tmp_path / "site", tmp_path / "hosts"
    hosts.mkdir()
    host_server = _serve(partial(_Quiet, directory=str(hosts)))
    other_server = _serve(partial(_Quiet, directory=str(hosts)))
    host, other = next(host_server), next(other_server)
    assert cli("publish", "-o", str(site), "--embed-frame-ancestors", host).exit_code == 0
    handler = type("Allowed", (_SiteHandler,), {"frame_ancestors": host})
    site_server = _serve(partial(handler, directory=str(site)))
    site_url = next(site_server)
    try:
        title = "GN.7 Mängd hushållsavfall, Sundsvall"
        # The host named in --embed-frame-ancestors shows the embed; the page itself is
        # refused (frame-ancestors 'self'); a third origin is refused the embed too.
        assert _framed(chromium, host, site_url, hosts, "host") == {
            "/inbadda/2281/GN.7.html": title
        }
        assert _framed(chromium, other, site_url, hosts, "other") == {}
    finally:
        for server in (host_server, other_server, site_server):
            server.close()


@pytest.mark.parametrize("width", [1280, 400])
def test_an_embed_page_passes_axe(
    cli, request: pytest.FixtureRequest, tmp_path: Path, width: int
) -> None:  # type: ignore[no-untyped-def]
    chromium, run_axe = request.getfixturevalue("browser"), request.getfixturevalue("axe_run")
    site = tmp_path / "site"
    assert cli("publish", "-o", str(site), "--include-unapproved").exit_code == 0
    pages = ["inbadda/2281/GN.7.html", "kommun/2281.html"]
    assert {p: run_axe(site / p, width) for p in pages} == {p: [] for p in pages}
    page = chromium.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto((site / pages[0]).as_uri())
        overflow = page.evaluate("document.documentElement.scrollWidth")
        _shoot(page, f"embed-{width}", full_page=True)
        page.goto((site / "kommun/2281.html").as_uri())
        page.locator("#gn-7 summary").click()
        details = page.locator("#gn-7 details")
        assert details.is_visible()
        _shoot(details, f"baddain-{width}")
    finally:
        page.close()
    assert overflow <= width


def _shoot(shown, name: str, **options: bool) -> None:  # type: ignore[no-untyped-def]
    """A screenshot of a page or an element into $MILJOMAL_SCREENSHOTS, when set."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shown.screenshot(path=str(Path(SHOTS) / f"{name}.png"), **options)
