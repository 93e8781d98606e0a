"""The review loop (issue 21): one gate for every write, Återställ within it, the year's state
on Min kommun, "Klar för granskning", and the board's decisions reaching the municipality."""

from __future__ import annotations

import datetime as dt
import re
import socket
from email.header import decode_header
from email.header import make_header
from pathlib import Path
from typing import Any

import pytest
from portal import PASSWORD
from portal import TIMRA
from portal import USERS
from portal import csrf_token
from portal import log_in
from portal import make_portal
from portal import stored

from indicators import year_state

YEAR = 2022  # a year of the 2012 set: GN.6 and GN.7 are household waste
KRAMFORS = "2282"
KERSTIN = "kerstin@kramfors.se"


@pytest.fixture
def portal(store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_portal(store_url, tmp_path, REPORT_CACHE=str(tmp_path))


def client_for(portal, who: str | None):  # type: ignore[no-untyped-def]
    client = portal.test_client()
    if who is not None:
        assert log_in(client, who).status_code == 302
    return client


def in_store(store_url: str, action) -> Any:  # type: ignore[no-untyped-def]
    """Run ``action(session)`` in a committed transaction of its own."""
    from sqlalchemy.orm import Session

    from database.engine import make_engine

    engine = make_engine(store_url)
    try:
        with Session(engine) as session, session.begin():
            return action(session)
    finally:
        engine.dispose()


def save_form(client, code: str = TIMRA, **values: str):  # type: ignore[no-untyped-def]
    url = f"/kommun/{code}/formular?ar={YEAR}"
    data = {"csrf_token": csrf_token(client, url)}
    for key, value in values.items():  # value_GN_7 -> value-GN.7
        kind, code_part = key.split("_", 1)
        data[f"{kind}-{code_part.replace('_', '.')}"] = value
    return client.post(url, data=data)


def decide(client, action: str, reason: str = "", code: str = TIMRA):  # type: ignore[no-untyped-def]
    token = csrf_token(client, f"/lan/inrapportering?ar={YEAR}")
    return client.post(
        f"/lan/kommun/{code}/beslut?ar={YEAR}",
        data={"csrf_token": token, "action": action, "reason": reason},
    )


def newest_upload(client, code: str = TIMRA) -> int:
    page = client.get(f"/kommun/{code}/historik").get_data(as_text=True)
    return int(re.search(r"/historik/(\d+)/aterstall", page).group(1))


def revert_post(client, upload_id: int, code: str = TIMRA):  # type: ignore[no-untyped-def]
    token = csrf_token(client, f"/kommun/{code}/historik")
    return client.post(f"/kommun/{code}/historik/{upload_id}/aterstall", data={"csrf_token": token})


def mark_ready(client, code: str = TIMRA):  # type: ignore[no-untyped-def]
    token = csrf_token(client, f"/kommun/{code}?ar={YEAR}")
    return client.post(f"/kommun/{code}/klar?ar={YEAR}", data={"csrf_token": token})


def add_kramfors_reporter(store_url: str) -> None:
    from accounts.users import add_user

    in_store(
        store_url,
        lambda s: add_user(
            s,
            KERSTIN,
            name="Kerstin",
            role="reporter",
            municipalities=[KRAMFORS],
            password=PASSWORD,
        ),
    )


def log_in_as(client, email: str) -> None:  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/login")
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


# --- case 1: Återställ goes through the gate, with a confirmation page first ----------------


def test_revert_of_an_approved_year_is_refused_by_the_gate(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    reporter, county = client_for(portal, "reporter"), client_for(portal, "county")
    assert save_form(reporter, value_GN_7="412").status_code == 302
    upload_id = newest_upload(reporter)
    assert decide(county, "approve").status_code == 302

    for response in (
        reporter.get(f"/kommun/{TIMRA}/historik/{upload_id}/aterstall"),
        revert_post(reporter, upload_id),
    ):
        assert response.status_code == 409
        page = response.get_data(as_text=True)
        assert f"Länsstyrelsen har godkänt {YEAR} för Timrå; värdena kan inte ändras." in page
        assert "--" not in page.split("<main", 1)[1]
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (412.0, "reported", None)
    overview = reporter.get(f"/kommun/{TIMRA}?ar={YEAR}").get_data(as_text=True)
    assert f"Året {YEAR} är godkänd." in overview


def test_kramfors_cannot_revert_the_county_import_after_the_window(portal, store_url) -> None:  # type: ignore[no-untyped-def]

    add_kramfors_reporter(store_url)
    county = client_for(portal, "county")
    assert save_form(county, code=KRAMFORS, value_GN_7="380").status_code == 302
    upload_id = newest_upload(county, KRAMFORS)
    in_store(
        store_url,
        lambda s: year_state.set_window(s, YEAR, dt.date(2023, 2, 1), dt.date(2023, 3, 31), "lars"),
    )
    kerstin = portal.test_client()
    log_in_as(kerstin, KERSTIN)
    refused = revert_post(kerstin, upload_id, KRAMFORS)
    assert refused.status_code == 403
    assert f"Inrapporteringen för {YEAR} stängde 2023-03-31." in refused.get_data(as_text=True)
    assert stored(store_url, KRAMFORS, "GN.7", YEAR) == (380.0, "reported", None)


def test_revert_asks_for_confirmation_listing_now_and_after(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    reporter = client_for(portal, "reporter")
    save_form(reporter, value_GN_6="5,8", comment_GN_6="första")
    save_form(reporter, value_GN_6="6,1", comment_GN_6="rättad", value_GN_7="300")
    upload_id = newest_upload(reporter)

    page = reporter.get(f"/kommun/{TIMRA}/historik/{upload_id}/aterstall")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f"Återställ uppladdning {upload_id}" in text
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", text, re.S)
    cells = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in rows]
    assert cells == [
        [str(YEAR), "6,1", "5,8"],
        [str(YEAR), "300", "tas bort (fanns inte före uppladdningen)"],
    ]
    assert "GN.6" in rows[0] and "GN.7" in rows[1]
    # Nothing changed by looking.
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (300.0, "reported", None)


# --- case 2: a revert restores the state before the upload ----------------------------------


def test_revert_removes_created_values_and_restores_changed_ones(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    from indicators.export import export_rows
    from review.overview import municipality_uploads

    reporter = client_for(portal, "reporter")
    save_form(reporter, value_GN_6="5,8", comment_GN_6="första")
    save_form(reporter, value_GN_6="6,1", comment_GN_6="rättad", value_GN_7="300")
    upload_id = newest_upload(reporter)

    assert revert_post(reporter, upload_id).status_code == 302
    assert stored(store_url, TIMRA, "GN.6", YEAR) == (5.8, "reported", "första")
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None  # no "uppgift saknas" left behind
    exported = in_store(store_url, lambda s: export_rows(s, [TIMRA], None, [YEAR]))
    assert [(r["indicator"], r["status"]) for r in exported] == [("GN.6", "reported")]
    uploads = in_store(
        store_url,
        lambda s: [
            (u.upload.id, u.upload.outcome, u.values) for u in municipality_uploads(s, TIMRA)
        ],
    )
    assert uploads[0][1:] == ("revert", 2)  # the revert is in Historik: two values
    assert (upload_id, "imported") == uploads[1][:2]


def test_a_reporter_cannot_revert_what_another_user_changed_since(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    reporter, county = client_for(portal, "reporter"), client_for(portal, "county")
    save_form(reporter, value_GN_7="300")
    upload_id = newest_upload(reporter)
    save_form(county, value_GN_7="310")
    refused = revert_post(reporter, upload_id)
    assert refused.status_code == 409
    text = refused.get_data(as_text=True)
    assert "andra användare har ändrat värden sedan dess" in text
    assert f"GN.7 {YEAR}: ändrad av {USERS['county'][0]}" in text
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (310.0, "reported", None)


# --- case 3: the municipality sees the decision ---------------------------------------------


def test_min_kommun_shows_the_return_with_its_reason_and_the_approval(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    reporter, county = client_for(portal, "reporter"), client_for(portal, "county")
    save_form(reporter, value_GN_7="300")
    reason = "GN.7 verkar för lågt – kontrollera mot avfallstaxan och komplettera GN.6."
    assert decide(county, "return", reason).status_code == 302
    page = reporter.get(f"/kommun/{TIMRA}?ar={YEAR}").get_data(as_text=True)
    assert f"Året {YEAR} är tillbakaskickad." in page
    assert f"Beslut av {USERS['county'][0]} " in page
    assert f"Länsstyrelsens motivering:</strong> {reason}" in page

    assert decide(county, "approve").status_code == 302
    page = reporter.get(f"/kommun/{TIMRA}?ar={YEAR}").get_data(as_text=True)
    assert f"Året {YEAR} är godkänd." in page
    assert "Klar för granskning" not in page
    form = reporter.get(f"/kommun/{TIMRA}/formular?ar={YEAR}").get_data(as_text=True)
    upload = reporter.get(f"/kommun/{TIMRA}/ladda-upp?ar={YEAR}").get_data(as_text=True)
    for text in (form, upload):
        assert f"Länsstyrelsen har godkänt {YEAR} för Timrå; värdena kan inte ändras." in text
        assert re.search(r'<button type="submit" disabled aria-describedby="writes-closed">', text)
    refused = save_form(reporter, value_GN_7="350")
    assert refused.status_code == 409
    assert "--" not in refused.get_data(as_text=True).split("<main", 1)[1]
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (300.0, "reported", None)


def test_the_window_is_shown_ahead_of_time(portal, store_url) -> None:  # type: ignore[no-untyped-def]

    in_store(
        store_url,
        lambda s: year_state.set_window(s, 2025, dt.date(2026, 2, 1), dt.date(2026, 3, 31), "lars"),
    )
    page = client_for(portal, "reporter").get(f"/kommun/{TIMRA}?ar=2025").get_data(as_text=True)
    assert "Inrapportering 1 februari–31 mars 2026" in page


# --- "Klar för granskning" -------------------------------------------------------------------


def test_ready_for_review_goes_to_the_matrix_stops_reminders_and_a_save_reopens(
    portal, store_url
) -> None:  # type: ignore[no-untyped-def]
    reporter, county = client_for(portal, "reporter"), client_for(portal, "county")
    save_form(reporter, value_GN_7="300")
    overview = reporter.get(f"/kommun/{TIMRA}?ar={YEAR}").get_data(as_text=True)
    assert ">Klar för granskning</button>" in overview

    assert mark_ready(reporter).status_code == 302
    page = reporter.get(f"/kommun/{TIMRA}?ar={YEAR}&klar=1").get_data(as_text=True)
    assert f"Året {YEAR} är inskickad." in page
    assert f"Markerad som klar för granskning av {USERS['reporter'][0]}" in page
    assert ">Klar för granskning</button>" not in page
    matrix = county.get(f"/lan/inrapportering?ar={YEAR}").get_data(as_text=True)
    assert re.search(r'<tr class="state-submitted">.*?inskickad', matrix, re.S)
    reminders = county.get(f"/lan/paminnelser?ar={YEAR}&format=csv").get_data(as_text=True)
    assert f"\n{TIMRA};" not in reminders and "\n2281;" in reminders  # Sundsvall still
    assert mark_ready(reporter).status_code == 409  # already marked

    saved = save_form(reporter, value_GN_7="310")
    assert saved.status_code == 200  # saved, with the form's warnings beside their fields
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (310.0, "reported", None)
    page = saved.get_data(as_text=True)
    assert "var markerad som klar för granskning; ändringen gör året öppet igen." in page
    assert f"Året {YEAR} är öppen." in page
    matrix = county.get(f"/lan/inrapportering?ar={YEAR}").get_data(as_text=True)
    assert '<tr class="state-submitted">' not in matrix

    assert mark_ready(reporter).status_code == 302
    assert decide(county, "approve").status_code == 302
    assert f"Året {YEAR} är godkänd." in reporter.get(f"/kommun/{TIMRA}?ar={YEAR}").get_data(True)


def test_reporters_get_mail_when_their_year_is_returned_or_approved(store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message as _Message

    received: list = []

    class Sink(_Message):
        def handle_message(self, message) -> None:  # type: ignore[no-untyped-def]
            received.append(message)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        portal = make_portal(store_url, tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=port)
        county = client_for(portal, "county")
        assert decide(county, "return", "GN.7 saknas; komplettera.").status_code == 302
        assert decide(county, "approve").status_code == 302
    finally:
        controller.stop()
    assert [m["To"] for m in received] == [USERS["reporter"][0]] * 2
    subjects = [str(make_header(decode_header(m["Subject"]))) for m in received]
    assert subjects == [
        f"Nyckeltal {YEAR} – Timrå är tillbakaskickad",
        f"Nyckeltal {YEAR} – Timrå är godkänd",
    ]
    body = received[0].get_payload(decode=True).decode("utf-8")
    assert "Länsstyrelsens motivering: GN.7 saknas; komplettera." in body


# --- the gate: every POST route reaches it or is declared exempt -----------------------------

# POST routes that write no indicator value: logging in and out, invitations, the user's own
# settings, and sending reminder e-mail.
EXEMPT = {
    "auth.login",
    "auth.logout",
    "auth.logout_everywhere",
    "auth.invitation",
    "auth.settings",
    "county.send_reminder_mail",
}


def _csv_file(tmp_path: Path, value: str) -> Path:
    path = tmp_path / f"timra-{value}.csv"
    path.write_bytes(f"Kommun;Indikator;År;Värde\r\nTimrå;GN.7;{YEAR};{value}\r\n".encode("cp1252"))
    return path


def _post_upload(client, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = _csv_file(tmp_path, "301")
    token = csrf_token(client, f"/kommun/{TIMRA}/ladda-upp?ar={YEAR}")
    with path.open("rb") as handle:
        return client.post(
            f"/kommun/{TIMRA}/ladda-upp?ar={YEAR}",
            data={"csrf_token": token, "year": str(YEAR), "file": (handle, path.name)},
        )


def _post_save(client, tmp_path: Path):  # type: ignore[no-untyped-def]
    page = _post_upload(client, tmp_path).get_data(as_text=True)
    sha = re.search(r'name="sha256" value="([0-9a-f]+)"', page).group(1)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(f"/kommun/{TIMRA}/spara", data={"csrf_token": token, "sha256": sha})


def _post_api(store_url: str, client, tmp_path: Path):  # type: ignore[no-untyped-def]
    from accounts.users import create_api_token

    token = in_store(store_url, lambda s: create_api_token(s, USERS["reporter"][0]))
    path = _csv_file(tmp_path, "302")
    with path.open("rb") as handle:
        return client.post(
            "/api/v1/imports",
            headers={"Authorization": f"Bearer {token}"},
            data={"file": (handle, path.name), "municipality": TIMRA, "year": str(YEAR)},
            content_type="multipart/form-data",
        )


def _post_county_compilation(client):  # type: ignore[no-untyped-def]
    from io import BytesIO

    content = b"Kommun;GN.7\r\nSundsvall;301\r\n"
    url = f"/lan/ladda-upp?ar={YEAR}"
    return client.post(
        url,
        data={"csrf_token": csrf_token(client, url), "file": (BytesIO(content), "lan.csv")},
        content_type="multipart/form-data",
    )


def _save_county_compilation(client):  # type: ignore[no-untyped-def]
    page = _post_county_compilation(client).get_data(as_text=True)
    sha = re.search(r'name="sha256" value="([0-9a-f]+)"', page).group(1)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post("/lan/spara", data={"csrf_token": token, "sha256": sha})


def test_every_post_route_reaches_the_gate_or_is_exempt(
    portal, store_url, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from indicators import gate

    reporter, county = client_for(portal, "reporter"), client_for(portal, "county")
    save_form(reporter, value_GN_7="300")
    upload_id = newest_upload(reporter)
    posts = {
        "reporting.upload": lambda: _post_upload(reporter, tmp_path),
        "reporting.save": lambda: _post_save(reporter, tmp_path),
        "reporting.form": lambda: save_form(reporter, value_GN_7="305"),
        "reporting.revert": lambda: revert_post(reporter, upload_id),
        "reporting.ready_for_review": lambda: mark_ready(reporter),
        "api.imports": lambda: _post_api(store_url, portal.test_client(), tmp_path),
        "county.decide": lambda: decide(county, "approve"),
        "county_upload.upload": lambda: _post_county_compilation(county),
        "county_upload.save": lambda: _save_county_compilation(county),
    }
    routes = {r.endpoint for r in portal.url_map.iter_rules() if "POST" in (r.methods or ())}
    assert routes - EXEMPT == set(posts), "a POST route neither reaches the gate nor is exempt"

    calls: list[str] = []
    reached: dict[str, str] = {}
    real = gate.check

    def recording(session, **arguments):  # type: ignore[no-untyped-def]
        calls.append(arguments["door"])
        return real(session, **arguments)

    monkeypatch.setattr(gate, "check", recording)
    for endpoint, post in posts.items():
        calls.clear()
        response = post()
        assert response.status_code < 400, (endpoint, response.status_code)
        reached[endpoint] = calls[-1]  # the POST's own question (a page read asks too)
    assert reached == {
        "reporting.upload": gate.IMPORT,
        "reporting.save": gate.IMPORT,
        "reporting.form": gate.FORM,
        "reporting.revert": gate.REVERT,
        "reporting.ready_for_review": gate.SUBMIT_DOOR,
        "api.imports": gate.IMPORT,  # API_IMPORT first, then the importer for each year
        "county.decide": gate.DECIDE,
        "county_upload.upload": gate.IMPORT,
        "county_upload.save": gate.IMPORT,
    }


# --- the gate's table ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "role", "door", "expected"),
    [
        ("open", "reporter", "form", None),
        ("open", "county", "form", None),
        ("submitted", "reporter", "form", None),
        ("submitted", "reporter", "submit", "already-submitted"),
        ("returned", "reporter", "revert", None),
        ("approved", "reporter", "form", "approved"),
        ("approved", "reporter", "revert", "approved"),
        ("approved", "county", "import", "approved"),
        ("approved", "cli", "kolada-sync", "approved"),
        ("approved", "county", "decide", None),
        ("locked", "county", "form", "year-locked"),
        ("locked", "cli", "decide", "year-locked"),
        ("closed", "reporter", "api-import", "window-closed"),
        ("closed", "reporter", "submit", "window-closed"),
        ("closed", "county", "form", None),
        ("not-yet", "reporter", "import", "window-not-open"),
        ("open", "county", "submit", "not-permitted"),
        ("open", "reporter", "kolada-sync", "not-permitted"),
    ],
)
def test_the_gate_decides_by_role_year_state_and_window(
    store_url, setup: str, role: str, door: str, expected: str | None
) -> None:
    from indicators import gate

    in_store(store_url, lambda session: arrange_year(session, setup))
    decision = in_store(
        store_url,
        lambda s: gate.check(s, door=door, role=role, municipality_code=TIMRA, year=YEAR),
    )
    assert decision.reason == expected
    assert "--" not in decision.message("sv") and "--" not in decision.message("en")
    if expected == "approved" and role == "cli":
        assert decision.message("sv", cli=True) == decision.message("sv")  # sync: no --force


def arrange_year(session, setup: str) -> None:  # type: ignore[no-untyped-def]
    """Put Timrå's YEAR in the state ``setup`` names (`open`: as it is)."""
    from indicators import gate
    from indicators.store import lock_year
    from review import approval

    if setup == "submitted":
        gate.mark_ready_for_review(session, TIMRA, YEAR, "anna")
    elif setup == "returned":
        approval.return_to_municipality(session, TIMRA, YEAR, "lars", "komplettera")
    elif setup == "approved":
        approval.approve(session, TIMRA, YEAR, "lars")
    elif setup == "reopened":
        approval.approve(session, TIMRA, YEAR, "lars")
        approval.reopen(session, TIMRA, YEAR, "lars", "rättelse")
    elif setup == "locked":
        lock_year(session, YEAR, "lars")
    elif setup == "closed":
        year_state.set_window(session, YEAR, dt.date(2023, 2, 1), dt.date(2023, 3, 31), "l")
    elif setup == "not-yet":
        year_state.set_window(session, YEAR, dt.date(2099, 2, 1), dt.date(2099, 3, 31), "l")


@pytest.mark.parametrize(
    "setup", ["open", "submitted", "returned", "approved", "reopened", "locked", "closed"]
)
@pytest.mark.parametrize("role", ["reporter", "county"])
def test_the_gate_decides_the_same_from_what_an_import_read_of_the_year(
    store_url, setup: str, role: str
) -> None:
    """An import under the writers' lock hands the gate the year locks and decisions it read."""
    from indicators import gate
    from indicators.store import locked_years

    in_store(store_url, lambda session: arrange_year(session, setup))

    def both(session):  # type: ignore[no-untyped-def]
        read = year_state.read_years(session, [YEAR], locked_years(session))
        arguments = {"door": gate.IMPORT, "role": role, "municipality_code": TIMRA, "year": YEAR}
        asked = gate.check(session, **arguments)
        given = gate.check(session, **arguments, read=read)
        approved = year_state.approved_municipality_years(session, [YEAR])
        return asked, given, read, approved

    asked, given, read, approved = in_store(store_url, both)
    assert given == asked
    assert read.approved == approved
    assert read.locked == ({YEAR} if setup == "locked" else set())


def test_the_command_line_reverts_into_an_approved_year_only_with_force(miljomal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "timra.csv"
    path.write_text(f"Kommun;Indikator;År;Värde\nTimrå;GN.7;{YEAR};300\n", encoding="utf-8")
    assert miljomal("import", str(path), "--quiet").exit_code == 0
    assert miljomal("approval", "approve", "-m", TIMRA, "-y", str(YEAR)).exit_code == 0
    refused = miljomal("uploads", "revert", "1")
    assert (refused.exit_code, refused.output) == (
        1,
        f"Fel: Länsstyrelsen har godkänt {YEAR} för Timrå; värdena kan inte ändras. Be "
        "länsstyrelsen öppna året igen om något behöver rättas. "
        'Använd --force --reason "..." om ändringen är beslutad.\n',
    )
    forced = miljomal("uploads", "revert", "1", "--force", "--reason", "fel fil")
    assert forced.exit_code == 0, forced.output
