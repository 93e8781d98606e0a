"""The county board's Granskningslogg (issue 22, cases 13 and 14): each county sees only
the rows of its own municipalities, and its CSV runs no formula whatever the separator."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from portal import PASSWORD
from portal import SUNDSVALL
from portal import TIMRA
from portal import USERS
from portal import csrf_token
from portal import make_portal

STOCKHOLM = "0180"  # county 01
STOCKHOLM_COUNTY_USER = "stina@lansstyrelsen-ab.se"
ATTACK_NAME = "rapport,=cmd|' -C calc'!A0,.csv"


def _file(folder: Path, name: str, rows: list[tuple[str, int, str]], tail: str = "") -> Path:
    lines = ["Kommunkod;Indikator;År;Värde;Kommentar"]
    lines += [f"{code};GN.6;{year};{value};" for code, year, value in rows]
    path = folder / name
    path.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    return path


@pytest.fixture
def portal(store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A portal whose log holds uploads of one county, of two, and one that changed nothing."""
    from sqlalchemy.orm import Session

    from accounts.users import add_user
    from database.engine import make_engine
    from intake.importer import import_file

    app = make_portal(store_url, tmp_path, REPORT_CACHE=str(tmp_path))
    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        add_user(
            session, STOCKHOLM_COUNTY_USER, name="Stina", role="county", county="01",
            password=PASSWORD,
        )  # fmt: skip
    folder = tmp_path / "filer"
    folder.mkdir()
    both_of_22 = _file(
        folder, "vasternorrland.csv", [(TIMRA, 2022, "5,8"), (SUNDSVALL, 2022, "6,1")]
    )
    imports = [
        (both_of_22, USERS["county"][0]),
        (_file(folder, "tva-lan.csv", [(SUNDSVALL, 2023, "7"), (STOCKHOLM, 2023, "8")]), "cli"),
        # The same values again in other bytes: stored as an upload that changed nothing.
        (_file(folder, "oforandrad.csv", [(TIMRA, 2022, "5,8")], tail="\n"), USERS["reporter"][0]),
        (_file(folder, "ingen-alls.csv", [(TIMRA, 2022, "5,8")], tail="\n\n"), "cli"),
        (_file(folder, ATTACK_NAME, [(TIMRA, 2024, "2,5")]), USERS["county"][0]),
    ]
    for path, user in imports:
        outcome = import_file(engine, path, user=user)
        assert outcome.outcome == "imported", (path.name, outcome)
    engine.dispose()
    return app


def _log_in_as(client, email: str) -> None:  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/login")
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def _log_csv(portal, email: str) -> str:  # type: ignore[no-untyped-def]
    client = portal.test_client()
    _log_in_as(client, email)
    response = client.get("/lan/granskningslogg?format=csv")
    assert response.status_code == 200
    return response.get_data(as_text=True).removeprefix("\ufeff")


def _file_names(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    return [row[rows[0].index("fil")] for row in rows[1:]]


def test_each_county_sees_only_rows_of_its_municipalities(portal) -> None:  # type: ignore[no-untyped-def]
    # Newest first, as the Granskningslogg lists them.
    assert _file_names(_log_csv(portal, USERS["county"][0])) == [
        ATTACK_NAME.replace(",=", ",'="),
        "oforandrad.csv",
        "tva-lan.csv",
        "vasternorrland.csv",
    ]
    assert _file_names(_log_csv(portal, STOCKHOLM_COUNTY_USER)) == ["tva-lan.csv"]


def test_the_page_leaks_no_other_countys_reporter_or_file(portal) -> None:  # type: ignore[no-untyped-def]
    client = portal.test_client()
    _log_in_as(client, STOCKHOLM_COUNTY_USER)
    page = client.get("/lan/granskningslogg").get_data(as_text=True)
    assert "tva-lan.csv" in page
    for hidden in ("vasternorrland.csv", "oforandrad.csv", "ingen-alls.csv", "anna@timra.se"):
        assert hidden not in page, hidden


def test_the_admin_command_still_lists_every_row(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from database.engine import make_engine
    from review.audit import audit_log

    engine = make_engine(store_url)
    with Session(engine) as session:
        names = [e.file_name for e in audit_log(session).entries]
    engine.dispose()
    assert names == [
        "vasternorrland.csv",
        "tva-lan.csv",
        "oforandrad.csv",
        "ingen-alls.csv",
        ATTACK_NAME,
    ]


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_the_audit_csv_runs_no_formula_whatever_the_separator(portal, separator: str) -> None:  # type: ignore[no-untyped-def]
    text = _log_csv(portal, USERS["county"][0])
    assert "\"rapport,'=cmd|' -C calc'!A0,.csv\"" in text
    for row in csv.reader(io.StringIO(text), delimiter=separator):
        for field in row:
            assert not field.startswith(("=", "+", "-", "@", "\t", "\r")), (separator, field)
