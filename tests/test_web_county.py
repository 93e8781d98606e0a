"""The county board's pages: Inrapportering with Godkänn / Skicka tillbaka / Öppna igen,
Påminnelser (table, CSV, mailto) and Granskningslogg, behind role checks and CSRF."""

from __future__ import annotations

from pathlib import Path

import pytest
from portal import TIMRA
from portal import USERS
from portal import csrf_token
from portal import log_in
from portal import make_portal
from portal import stored

from indicators import year_state

YEAR = 2022  # a year of the 2012 set: GN.7 is household waste, kg per person


@pytest.fixture
def portal(store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_portal(store_url, tmp_path, REPORT_CACHE=str(tmp_path))


def client_for(portal, who: str | None):  # type: ignore[no-untyped-def]
    client = portal.test_client()
    if who is not None:
        assert log_in(client, who).status_code == 302
    return client


def reporter_saves(client, value: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, f"/kommun/{TIMRA}/formular?ar={YEAR}")
    return client.post(
        f"/kommun/{TIMRA}/formular?ar={YEAR}", data={"csrf_token": token, "value-GN.7": value}
    )


def decide(client, action: str, reason: str = ""):  # type: ignore[no-untyped-def]
    token = csrf_token(client, f"/lan/inrapportering?ar={YEAR}")
    return client.post(
        f"/lan/kommun/{TIMRA}/beslut?ar={YEAR}",
        data={"csrf_token": token, "action": action, "reason": reason},
    )


def test_county_approves_and_the_reporter_can_no_longer_save(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    reporter, county = client_for(portal, "reporter"), client_for(portal, "county")
    assert reporter_saves(reporter, "412").status_code == 302
    page = county.get(f"/lan/inrapportering?ar={YEAR}").get_data(as_text=True)
    for label in ("Inrapportering", "Påminnelser", "Granskningslogg", "Godkänn", "Skicka tillbaka"):
        assert label in page
    assert "anna@timra.se" in page  # the last change, who

    assert decide(county, "approve").status_code == 302
    page = county.get(f"/lan/inrapportering?ar={YEAR}").get_data(as_text=True)
    assert "Öppna igen" in page and "godkänd" in page

    refused = reporter_saves(reporter, "300")
    assert refused.status_code == 409  # the gate refuses before anything is read or written
    assert f"Länsstyrelsen har godkänt {YEAR} för Timrå" in refused.get_data(as_text=True)
    assert stored(store_url, TIMRA, "GN.7", YEAR)[0] == 412.0

    assert decide(county, "reopen").status_code == 409  # a reason is needed
    assert decide(county, "reopen", "Fel i GN.7").status_code == 302
    # Saved (with a warning about the large change beside its field).
    assert reporter_saves(reporter, "300").status_code == 200
    assert stored(store_url, TIMRA, "GN.7", YEAR)[0] == 300.0

    log = county.get(f"/lan/granskningslogg?ar={YEAR}&kommun={TIMRA}").get_data(as_text=True)
    assert "öppnad igen" in log and "Fel i GN.7" in log and USERS["county"][0] in log
    csv_text = county.get(f"/lan/granskningslogg?ar={YEAR}&format=csv").get_data(as_text=True)
    assert ";öppnad igen;lars@lansstyrelsen.se;2262;Timrå;2022;Fel i GN.7;" in csv_text


def test_reminders_list_reporters_with_csv_and_mailto(portal) -> None:  # type: ignore[no-untyped-def]
    county = client_for(portal, "county")
    page = county.get(f"/lan/paminnelser?ar={YEAR}").get_data(as_text=True)
    assert 'href="mailto:anna@timra.se?subject=' in page
    assert "har inte skickat in" in page
    lines = county.get(f"/lan/paminnelser?ar={YEAR}&format=csv").get_data(as_text=True)
    assert "2262;Timrå;har inte skickat in;Anna;anna@timra.se;" in lines.splitlines()
    assert len(lines.strip().splitlines()) == 8  # header and Västernorrland's seven


ROUTES = [
    f"/lan/inrapportering?ar={YEAR}",
    "/lan/paminnelser",
    "/lan/rapporter",
    f"/lan/rapporter/completeness.json?ar={YEAR}",
    "/lan/granskningslogg",
]


@pytest.mark.parametrize("path", ROUTES)
def test_only_the_county_role_sees_the_county_pages(portal, path: str) -> None:  # type: ignore[no-untyped-def]
    expected = {None: 302, "reporter": 403, "county": 200, "admin": 403}
    got = {who: client_for(portal, who).get(path).status_code for who in expected}
    assert got == expected


def test_decisions_need_the_county_role_and_csrf(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    reporter = client_for(portal, "reporter")
    token = csrf_token(reporter, "/installningar")
    response = reporter.post(
        f"/lan/kommun/{TIMRA}/beslut?ar={YEAR}", data={"csrf_token": token, "action": "approve"}
    )
    assert response.status_code == 403
    county = client_for(portal, "county")
    no_token = county.post(f"/lan/kommun/{TIMRA}/beslut?ar={YEAR}", data={"action": "approve"})
    assert no_token.status_code == 400
    other_county = county.post(  # Stockholm's Botkyrka is not Västernorrland's
        f"/lan/kommun/0127/beslut?ar={YEAR}",
        data={"csrf_token": csrf_token(county, "/lan/inrapportering"), "action": "approve"},
    )
    assert other_county.status_code == 403
    page = county.get(f"/lan/inrapportering?ar={YEAR}").get_data(as_text=True)
    assert "godkänd" not in page


def test_outside_the_window_reporters_read_but_do_not_save(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from sqlalchemy.orm import Session

    from database.engine import make_engine

    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        year_state.set_window(session, YEAR, dt.date(2023, 2, 1), dt.date(2023, 3, 31), "lars")
    engine.dispose()
    reporter = client_for(portal, "reporter")
    assert reporter.get(f"/kommun/{TIMRA}/formular?ar={YEAR}").status_code == 200
    refused = reporter_saves(reporter, "412")
    assert refused.status_code == 403
    assert f"Inrapporteringen för {YEAR} stängde 2023-03-31." in refused.get_data(as_text=True)
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None
    # The county board still saves for the municipality.
    county = client_for(portal, "county")
    assert reporter_saves(county, "412").status_code == 302
    assert stored(store_url, TIMRA, "GN.7", YEAR)[0] == 412.0


def test_rapporter_are_made_on_request_and_cached_until_a_save(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    import json

    county = client_for(portal, "county")
    page = county.get(f"/lan/rapporter?ar={YEAR}").get_data(as_text=True)
    assert ">Rapporter</a>" in page  # the navigation link
    for link in (
        "Länsrapport (PDF)",
        "Inrapporteringsgrad (XLSX)",
        "Timrå kommun (JSON)",
    ):  # aria-label
        assert link in page
    cache = Path(portal.config["REPORT_CACHE"]) / "rapporter"

    def completeness() -> dict:  # type: ignore[type-arg]
        answer = county.get(f"/lan/rapporter/completeness.json?ar={YEAR}")
        assert answer.status_code == 200
        return json.loads(answer.get_data())

    def timra_gn7(data: dict) -> str:  # type: ignore[type-arg]
        return next(m for m in data["municipalities"] if m["code"] == TIMRA)["cells"]["GN.7"]

    first = completeness()
    assert timra_gn7(first) == "absent" and TIMRA in first["nothing_sent"]
    files = sorted(p.name for p in cache.iterdir())
    assert len(files) == 1
    assert completeness() == first  # the copy: nothing written
    assert sorted(p.name for p in cache.iterdir()) == files

    reporter = client_for(portal, "reporter")
    assert reporter_saves(reporter, "412").status_code == 302
    second = completeness()
    assert second != first
    assert len(list(cache.iterdir())) == 2  # a new data version, a new file
    assert timra_gn7(second) == "reported" and TIMRA not in second["nothing_sent"]

    pdf = county.get(f"/lan/rapporter/county.pdf?ar={YEAR}")
    assert pdf.status_code == 200 and pdf.get_data()[:5] == b"%PDF-"
    xlsx = county.get(f"/lan/rapporter/county.xlsx?ar={YEAR}")
    assert xlsx.status_code == 200 and xlsx.get_data()[:2] == b"PK"
    html = county.get(f"/lan/rapporter/municipality.html?ar={YEAR}&kommun={TIMRA}")
    assert html.status_code == 200 and "Timrå" in html.get_data(as_text=True)
    assert county.get(f"/lan/rapporter/municipality.json?ar={YEAR}&kommun=0127").status_code == 403
    assert county.get(f"/lan/rapporter/plan.json?ar={YEAR}").status_code == 404
    no_plan = county.get(f"/lan/rapporter/plan.html?ar={YEAR}")
    assert no_plan.status_code == 409


def test_a_large_change_without_a_comment_is_a_warning_cell(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from database.engine import make_engine
    from review.matrix import reporting_matrix

    reporter, county = client_for(portal, "reporter"), client_for(portal, "county")
    earlier = f"/kommun/{TIMRA}/formular?ar={YEAR - 1}"
    token = csrf_token(reporter, earlier)
    assert reporter.post(earlier, data={"csrf_token": token, "value-GN.7": "400"}).status_code
    assert stored(store_url, TIMRA, "GN.7", YEAR - 1)[0] == 400.0

    def cell() -> str:
        engine = make_engine(store_url)
        with Session(engine) as session:
            found = reporting_matrix(session, "22", YEAR)
        engine.dispose()
        row = next(r for r in found.rows if r.review.municipality_code == TIMRA)
        return row.cells["GN.7"]

    reporter_saves(reporter, "900")  # +125 %, more than the 50 % limit; saved with a warning
    assert stored(store_url, TIMRA, "GN.7", YEAR)[0] == 900.0
    assert cell() == "warning"
    page = county.get(f"/lan/inrapportering?ar={YEAR}").get_data(as_text=True)
    assert 'class="s-warning"' in page and "varning utan kommentar" in page
    url = f"/kommun/{TIMRA}/formular?ar={YEAR}"
    reporter.post(
        url,
        data={
            "csrf_token": csrf_token(reporter, url),
            "value-GN.7": "900",
            "comment-GN.7": "Ny vågning",
        },
    )
    assert cell() == "reported"
    reporter_saves(reporter, "420")  # within the limit: no warning, whatever the comment
    assert cell() == "reported"


def test_reminder_mail_is_off_by_default_and_sent_through_smtp(store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message as _Message

    off = client_for(make_portal(store_url, tmp_path), "county")
    assert "Skicka påminnelser per e-post" not in off.get("/lan/paminnelser").get_data(True)
    token = csrf_token(off, "/lan/paminnelser")
    assert off.post("/lan/paminnelser/skicka", data={"csrf_token": token}).status_code == 404

    received: list = []

    class Sink(_Message):
        def handle_message(self, message) -> None:  # type: ignore[no-untyped-def]
            received.append(message)

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # The users exist already: a second portal on the same store, with SMTP configured.
        from web import create_app

        on = create_app(
            {
                "DATABASE_URL": store_url,
                "SECRET_KEY": "test-secret",
                "TESTING": True,
                "SMTP_HOST": "127.0.0.1",
                "SMTP_PORT": port,
                "SMTP_FROM": "lansstyrelsen@example.se",
                "RATELIMIT_KEY_PREFIX": "mail-test",
            }
        )
        county = client_for(on, "county")
        page = county.get(f"/lan/paminnelser?ar={YEAR}").get_data(as_text=True)
        assert "Skicka påminnelser per e-post" in page
        token = csrf_token(county, f"/lan/paminnelser?ar={YEAR}")
        assert county.post("/lan/paminnelser/skicka").status_code == 400  # no CSRF token
        answer = county.post(f"/lan/paminnelser/skicka?ar={YEAR}", data={"csrf_token": token})
        assert answer.status_code == 302
        assert "2 påminnelser skickade" in county.get(answer.location).get_data(as_text=True)
    finally:
        controller.stop()
    by_to = {m["To"]: m for m in received}
    assert sorted(by_to) == ["anna@timra.se", "sven@sundsvall.se"]
    timra = by_to["anna@timra.se"]
    assert timra["From"] == "lansstyrelsen@example.se"
    from email.header import decode_header
    from email.header import make_header

    assert str(make_header(decode_header(timra["Subject"]))) == f"Nyckeltal {YEAR} – Timrå"
    assert f"Timrå har inte skickat in för {YEAR}." in timra.get_payload(decode=True).decode()
