"""The county board's pages in a real browser (issue 21, case 5): Inrapportering uses the
whole width, and every indicator column can be scrolled into view beside the municipality
column, on a 2400, 1280 and 400 px screen.  With ``MILJOMAL_SCREENSHOTS=DIR`` the county
pages and Historik are saved at 2400 (the matrix), 1280 and 400 px."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from portal import PASSWORD
from portal import TIMRA
from portal import USERS
from test_web_browser import browser  # noqa: F401  (fixtures)
from test_web_browser import served  # noqa: F401  (fixtures)


def _log_in(page: Any, base: str, who: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-post").fill(USERS[who][0])
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def _shoot(page: Any, name: str, widths: tuple[int, ...] = (1280, 400)) -> None:
    folder = os.environ.get("MILJOMAL_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)


SCROLLED_TO_THE_END = """() => {
  const region = document.querySelector('div.scroll');
  region.scrollLeft = region.scrollWidth;
  const box = region.getBoundingClientRect();
  const heads = document.querySelectorAll('table.matrix thead th');
  const last = heads[heads.length - 1].getBoundingClientRect();
  const first = document.querySelector('table.matrix tbody th').getBoundingClientRect();
  return {
    scrollable: region.scrollWidth > region.clientWidth,
    lastInside: last.left >= box.left && last.right <= box.right + 1,
    firstAtLeft: Math.abs(first.left - box.left) <= 1,
    mainWidth: document.querySelector('main').getBoundingClientRect().width,
    lastText: heads[heads.length - 1].innerText,
  };
}"""


WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 5)"""


def test_every_indicator_column_scrolls_into_view(browser, served) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = browser.new_page(viewport={"width": 2400, "height": 900})
    _log_in(page, served, "county")
    page.goto(f"{served}/lan/inrapportering")
    indicators = page.locator("table.matrix thead th").all_inner_texts()[5:]
    assert indicators  # the set's indicators the county's municipalities report
    for width in (2400, 1280, 400):
        page.set_viewport_size({"width": width, "height": 900})
        found = page.evaluate(SCROLLED_TO_THE_END)
        assert found["lastText"] == indicators[-1]
        assert found["lastInside"], (width, found)
        assert found["firstAtLeft"], (width, found)  # the municipality column stays in view
        assert found["mainWidth"] >= width - 40, (width, found)  # the whole width
    page.evaluate("() => { document.querySelector('div.scroll').scrollLeft = 0; }")
    _shoot(page, "inrapportering", (2400, 1280, 400))
    for name in ("paminnelser", "rapporter", "granskningslogg", "ladda-upp"):
        page.goto(f"{served}/lan/{name}")
        _shoot(page, name)


def test_a_county_compilation_is_reviewed_in_the_browser(browser, served, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _log_in(page, served, "county")
    page.goto(f"{served}/lan/inrapportering")
    page.get_by_role("link", name="Ladda upp länssammanställning").click()
    compilation = tmp_path / "lan.csv"
    compilation.write_bytes(
        "Kommun;GN.7;GN.9b\r\nTimrå;41,5;0,3\r\nBotkyrka;40;0,2\r\n"
        "Västernorrlands län;40;0,2\r\n".encode()
    )
    page.get_by_label("Fil").set_input_files(str(compilation))
    page.get_by_role("button", name="Granska").click()
    # The totals row, and the bare GN.7 whose meaning changed in 2023.
    page.get_by_text("2 varningar att titta på.").wait_for()
    assert page.get_by_role("button", name="Spara").count() == 0  # Botkyrka is not ours
    _shoot(page, "granskning-lan")


def test_history_reads_as_cards_on_a_phone(browser, served) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = browser.new_page(viewport={"width": 400, "height": 900})
    _log_in(page, served, "reporter")
    page.goto(f"{served}/kommun/{TIMRA}/formular")
    page.locator("input[name='value-GN.7']").fill("41,5")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    page.goto(f"{served}/kommun/{TIMRA}/historik")
    _shoot(page, "historik")
    wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert wide == []  # nothing to scroll sideways
    cell = page.locator("table.uploads td[data-label='Utfall']").first
    assert cell.inner_text() == "sparad"
    label = page.evaluate(
        "() => getComputedStyle(document.querySelector(\"table.uploads td[data-label='Utfall']\"),"
        " '::before').content"
    )
    assert label == '"Utfall: "'
    page.goto(f"{served}/kommun/{TIMRA}")
    _shoot(page, "min-kommun")
