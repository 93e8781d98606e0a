"""The review loop in a real browser (issue 21): approve -> the reporter sees godkänd and
cannot change anything by any door; return with a reason -> the reporter sees it, fixes,
marks "Klar för granskning" -> the matrix shows inskickad -> approve.

With ``MILJOMAL_SCREENSHOTS=DIR`` it saves Min kommun in each state at 1280 and 400 px.
"""

from __future__ import annotations

import re
from typing import Any

from portal import TIMRA
from portal import USERS
from portal import stored
from test_web_browser import YEAR  # noqa: F401 (fixtures)
from test_web_browser import _log_in  # noqa: F401 (fixtures)
from test_web_browser import _shoot  # noqa: F401 (fixtures)
from test_web_browser import browser  # noqa: F401 (fixtures)
from test_web_browser import served  # noqa: F401 (fixtures)

GN7 = "GN.7 Förnybar och återvunnen energi i lokaler"


def _save(page, base: str, value: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/kommun/{TIMRA}/formular?ar={YEAR}")
    page.get_by_label(GN7).fill(value)
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Sparat (uppladdning").wait_for()


def _min_kommun(page, base: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/kommun/{TIMRA}?ar={YEAR}")
    return str(page.locator("main").inner_text())


def _decide(county, base: str, button: str, reason: str = "") -> None:  # type: ignore[no-untyped-def]
    county.goto(f"{base}/lan/inrapportering?ar={YEAR}")
    row = county.locator("tbody tr").filter(has=county.get_by_role("rowheader", name="Timrå"))
    if reason:
        row.get_by_label("Kommentar").fill(reason)
    row.get_by_role("button", name=button).click()
    county.wait_for_load_state()


def _matrix_state(county, base: str) -> str:  # type: ignore[no-untyped-def]
    county.goto(f"{base}/lan/inrapportering?ar={YEAR}")
    row = county.locator("tbody tr").filter(has=county.get_by_role("rowheader", name="Timrå"))
    return str(row.locator("td").first.inner_text())


def _api_import(sqlite_url: str, value: str) -> Any:
    """POST /api/v1/imports as Timrå's reporter, through the app on the same store."""
    import io

    from sqlalchemy.orm import Session

    from accounts.users import create_api_token
    from database.engine import make_engine
    from web import create_app

    engine = make_engine(sqlite_url)
    with Session(engine) as session, session.begin():
        token = create_api_token(session, USERS["reporter"][0])
    engine.dispose()
    app = create_app({"DATABASE_URL": sqlite_url, "SECRET_KEY": "x", "TESTING": True})
    body = f"Kommun;Indikator;År;Värde\r\nTimrå;GN.7;{YEAR};{value}\r\n".encode("cp1252")
    return app.test_client().post(
        "/api/v1/imports",
        headers={"Authorization": f"Bearer {token}"},
        data={"file": (io.BytesIO(body), "timra.csv"), "year": str(YEAR)},
        content_type="multipart/form-data",
    )


def test_the_review_loop_in_the_browser(browser, served, sqlite_url) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    county = _log_in(browser, served, "county")
    reporter = _log_in(browser, served, "reporter")

    _save(reporter, served, "41,5")
    text = _min_kommun(reporter, served)
    assert f"Året {YEAR} är öppen." in text
    _shoot(reporter, "minkommun-oppen")

    # Godkänn: godkänd on Min kommun, and no door lets the reporter change anything.
    _decide(county, served, "Godkänn")
    text = _min_kommun(reporter, served)
    assert f"Året {YEAR} är godkänd." in text
    assert f"Beslut av {USERS['county'][0]}" in text
    assert reporter.get_by_role("button", name="Klar för granskning").count() == 0
    _shoot(reporter, "minkommun-godkand")
    reporter.goto(f"{served}/kommun/{TIMRA}/formular?ar={YEAR}")
    assert reporter.get_by_role("button", name="Spara").is_disabled()
    reporter.goto(f"{served}/kommun/{TIMRA}/ladda-upp?ar={YEAR}")
    assert reporter.get_by_role("button", name="Granska").is_disabled()
    assert f"Länsstyrelsen har godkänt {YEAR} för Timrå" in reporter.inner_text("#writes-closed")
    reporter.goto(f"{served}/kommun/{TIMRA}/historik")
    reporter.get_by_role("link", name=re.compile(r"^Återställ \d+$")).first.click()
    assert f"Länsstyrelsen har godkänt {YEAR} för Timrå" in reporter.locator("h1").inner_text()
    api = _api_import(sqlite_url, "60")
    assert (api.status_code, api.get_json()["reason"]) == (409, "approved")
    assert stored(sqlite_url, TIMRA, "GN.7", YEAR)[0] == 41.5

    # Öppna igen, then Skicka tillbaka with a reason: the reporter reads the reason in full.
    _decide(county, served, "Öppna igen", "GN.7 behöver rättas")
    reason = "GN.7 verkar för högt jämfört med 2024 – kontrollera mot energistatistiken."
    _decide(county, served, "Skicka tillbaka", reason)
    text = _min_kommun(reporter, served)
    assert f"Året {YEAR} är tillbakaskickad." in text
    assert f"Länsstyrelsens motivering: {reason}" in text
    _shoot(reporter, "minkommun-tillbakaskickad")

    # The reporter fixes the value and marks the year ready: the matrix shows inskickad.
    _save(reporter, served, "38,2")
    _min_kommun(reporter, served)
    reporter.get_by_role("button", name="Klar för granskning").click()
    reporter.get_by_text(f"{YEAR} är markerad som klar för granskning.").wait_for()
    assert f"Året {YEAR} är inskickad." in reporter.locator("main").inner_text()
    _shoot(reporter, "minkommun-inskickad")
    assert _matrix_state(county, served) == "inskickad"
    _shoot(county, "inrapportering-inskickad")

    # Godkänn.
    _decide(county, served, "Godkänn")
    assert _matrix_state(county, served) == "godkänd"
    assert f"Året {YEAR} är godkänd." in _min_kommun(reporter, served)
    assert stored(sqlite_url, TIMRA, "GN.7", YEAR)[0] == 38.2

    # The county-wide lock: låst.
    from sqlalchemy.orm import Session

    from database.engine import make_engine
    from indicators.store import lock_year

    engine = make_engine(sqlite_url)
    with Session(engine) as session, session.begin():
        lock_year(session, YEAR, "lars")
    engine.dispose()
    text = _min_kommun(reporter, served)
    assert f"Året {YEAR} är låst." in text
    _shoot(reporter, "minkommun-last")
