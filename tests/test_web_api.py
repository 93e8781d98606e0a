"""The portal's JSON API: bearer tokens, the import and export contracts, permissions."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from portal import SUNDSVALL
from portal import TIMRA
from portal import USERS
from portal import fill_template
from portal import make_portal
from portal import stored
from portal import template_file

from indicators import year_state

YEAR = 2022  # a year of the 2012 set, whose 16 indicators municipalities report


@pytest.fixture
def portal(store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_portal(store_url, tmp_path)


def _token(store_url: str, who: str) -> str:
    from sqlalchemy.orm import Session

    from accounts.users import create_api_token
    from database.engine import make_engine

    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        token = create_api_token(session, USERS[who][0])
    engine.dispose()
    return token


def _csv(tmp_path: Path, name: str, municipality: str, value: str) -> Path:
    path = tmp_path / name
    path.write_bytes(
        f"Kommun;Indikator;År;Värde\r\n{municipality};GN.7;{YEAR};{value}\r\n".encode("cp1252")
    )
    return path


def _post(client, token: str, path: Path, **fields: str):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return client.post(
            "/api/v1/imports",
            headers={"Authorization": f"Bearer {token}"},
            data={"file": (handle, path.name), **fields},
            content_type="multipart/form-data",
        )


def test_import_answers_with_the_cli_json(portal, store_url, tmp_path, miljomal) -> None:  # type: ignore[no-untyped-def]
    token = _token(store_url, "reporter")
    client = portal.test_client()
    path = _csv(tmp_path, "timra.csv", "Timrå", "401,5")
    dry = _post(client, token, path, dry_run="true", municipality=TIMRA)
    assert dry.status_code == 200
    assert dry.get_json()["files"][0]["outcome"] == "dry-run"
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None
    response = _post(client, token, path, municipality=TIMRA)
    assert response.status_code == 200
    assert response.get_json() == {
        "files": [
            {
                "path": "timra.csv",
                "outcome": "imported",
                "created": 1,
                "updated": 0,
                "unchanged": 0,
                "problems": [
                    {
                        "severity": "warning",
                        "code": "code-meaning-changed",
                        "sheet": None,
                        "cell": None,
                        "row": 2,
                        "column": "Indikator",
                        "message": (
                            "GN.7 läses som Mängd hushållsavfall (2012); i 2023 års nyckeltal "
                            "är GN.7 Förnybar och återvunnen energi i lokaler, tidigare GN.9. "
                            "Gäller rad 2; skriv indikatorns namn i en kolumn Namn, eller "
                            "uppsättningen i en kolumn Uppsättning, om du menade något annat."
                        ),
                    }
                ],
            }
        ]
    }
    assert stored(store_url, TIMRA, "GN.7", YEAR) == (401.5, "reported", None)
    # The CLI's --json for a file: the same keys and meaning.
    again = _csv(tmp_path, "timra2.csv", "Timrå", "402")
    cli = miljomal("import", str(again), "--json", "--dry-run")
    assert json.loads(cli.output)["files"][0].keys() == response.get_json()["files"][0].keys()


def test_a_timra_token_cannot_import_for_sundsvall(portal, store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    token = _token(store_url, "reporter")
    client = portal.test_client()
    path = _csv(tmp_path, "sundsvall.csv", "Sundsvall", "380")
    refused = _post(client, token, path, municipality=SUNDSVALL)
    assert refused.status_code == 403
    # Nor by naming Timrå while the file holds Sundsvall's values.
    hidden = _post(client, token, path, municipality=TIMRA)
    assert hidden.status_code == 422
    assert hidden.get_json()["files"][0]["outcome"] == "rejected"
    codes = [p["code"] for p in hidden.get_json()["files"][0]["problems"]]
    assert codes == ["municipality-mismatch", "code-meaning-changed"]
    assert stored(store_url, SUNDSVALL, "GN.7", YEAR) is None


def test_the_importer_rejects_values_for_municipalities_not_permitted(
    store, store_url, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from intake.importer import import_file

    path = tmp_path / "two.csv"
    path.write_bytes(
        "Kommun;Indikator;År;Värde\r\nTimrå;GN.7;2022;401\r\nSundsvall;GN.7;2022;380\r\n".encode(
            "cp1252"
        )
    )
    outcome = import_file(store, path, user="anna@timra.se", permitted=[TIMRA])
    assert outcome.outcome == "rejected"
    assert [p.code for p in outcome.problems.problems] == [
        "code-meaning-changed",
        "municipality-not-permitted",
    ]
    assert "2281" in outcome.problems.problems[1].message("sv")
    assert stored(store_url, SUNDSVALL, "GN.7", YEAR) is None


def test_a_template_for_sundsvall_sent_as_timra_is_rejected(portal, store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    token = _token(store_url, "reporter")
    blank = template_file(store_url, SUNDSVALL, YEAR, tmp_path / "mall.xlsx")
    filled = fill_template(blank, tmp_path / "sundsvall.xlsx", {"GN.7": (390, None, None)})
    response = _post(portal.test_client(), token, filled, municipality=TIMRA)
    assert response.status_code == 422
    assert stored(store_url, SUNDSVALL, "GN.7", YEAR) is None
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None


def test_without_a_token_the_api_answers_401(portal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client = portal.test_client()
    assert client.get("/api/v1/observations").status_code == 401
    bad = client.get("/api/v1/observations", headers={"Authorization": "Bearer mm_wrong"})
    assert bad.status_code == 401


def test_over_the_size_limit_the_api_answers_413(store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    portal = make_portal(store_url, tmp_path, MAX_CONTENT_LENGTH=10_000)
    token = _token(store_url, "reporter")
    path = tmp_path / "big.csv"
    path.write_bytes(b"Kommun;Indikator;\xc5r;V\xe4rde\r\n" + b"Timr\xe5;GN.7;2022;1\r\n" * 1000)
    response = _post(portal.test_client(), token, path, municipality=TIMRA)
    assert response.status_code == 413
    assert "högst 0,01 MB" in response.get_json()["error"]


def test_observations_are_the_export_json_filtered_to_what_the_user_reads(
    portal, store_url, tmp_path, miljomal
) -> None:  # type: ignore[no-untyped-def]
    county = _token(store_url, "county")
    client = portal.test_client()
    for code, name, value in ((TIMRA, "Timrå", "401"), (SUNDSVALL, "Sundsvall", "380")):
        path = _csv(tmp_path, f"{code}.csv", name, value)
        assert _post(client, county, path, municipality=code).status_code == 200
    reporter = _token(store_url, "reporter")
    mine = client.get("/api/v1/observations", headers={"Authorization": f"Bearer {reporter}"})
    assert mine.get_json() == [
        {
            "municipality": TIMRA,
            "indicator": "GN.7",
            "year": YEAR,
            "value": 401.0,
            "status": "reported",
            "comment": None,
            "set": "sekom-2012",
        }
    ]
    exported = json.loads(miljomal("export", "--format", "json", "-m", TIMRA).output)
    assert mine.get_json() == exported
    other = client.get(
        f"/api/v1/observations?municipality={SUNDSVALL}",
        headers={"Authorization": f"Bearer {reporter}"},
    )
    assert other.status_code == 403
    everything = client.get("/api/v1/observations", headers={"Authorization": f"Bearer {county}"})
    assert [row["municipality"] for row in everything.get_json()] == [TIMRA, SUNDSVALL]


def test_two_reporters_saving_at_once_both_land_in_history(store_url, tmp_path, miljomal) -> None:  # type: ignore[no-untyped-def]
    """Concurrency: two saves of the same municipality and year, both kept; verify passes."""
    from sqlalchemy.orm import Session

    from accounts.users import add_user
    from database.engine import make_engine

    portal = make_portal(store_url, tmp_path)
    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        add_user(
            session,
            "karin@timra.se",
            name="Karin",
            role="reporter",
            municipalities=[TIMRA],
            password="ett annat långt lösenord",
        )
    engine.dispose()
    tokens = [_token(store_url, "reporter"), _token_for(store_url, "karin@timra.se")]
    files = [_csv(tmp_path, f"t{i}.csv", "Timrå", str(400 + i)) for i in range(2)]
    results: list[int] = []
    start = threading.Barrier(2)

    def save(index: int) -> None:
        client = portal.test_client()
        start.wait()
        results.append(_post(client, tokens[index], files[index], municipality=TIMRA).status_code)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200, 200]
    history = miljomal("history", "-m", TIMRA, "-i", "GN.7", "--json")
    assert history.exit_code == 0, history.output
    entries = json.loads(history.output)
    people = sorted(entry["changed_by"] for entry in _revisions(entries))
    assert people == ["anna@timra.se", "karin@timra.se"]
    assert miljomal("verify").exit_code == 0


def _revisions(data):  # type: ignore[no-untyped-def]
    if isinstance(data, dict):
        for key in ("revisions", "history", "entries"):
            if key in data:
                return data[key]
    return data


def _token_for(store_url: str, email: str) -> str:
    from sqlalchemy.orm import Session

    from accounts.users import create_api_token
    from database.engine import make_engine

    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        token = create_api_token(session, email)
    engine.dispose()
    return token


def test_the_api_honours_the_reporting_window_and_approvals(portal, store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """As in the portal: outside the window 403, an approved year 409, with the error JSON."""
    import datetime as dt

    from sqlalchemy.orm import Session

    from database.engine import make_engine
    from review import approval

    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        year_state.set_window(session, YEAR, dt.date(2023, 2, 1), dt.date(2023, 3, 31), "lars")
    token = _token(store_url, "reporter")
    client = portal.test_client()
    path = _csv(tmp_path, "timra.csv", "Timrå", "401,5")
    closed = _post(client, token, path, municipality=TIMRA, year=str(YEAR))
    assert closed.status_code == 403
    assert closed.get_json() == {
        "error": f"Inrapporteringen för {YEAR} stängde 2023-03-31.",
        "reason": "window-closed",
    }
    assert (
        _post(client, token, path, municipality=TIMRA, year=str(YEAR), dry_run="1").status_code
        == 200
    )
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None

    with Session(engine) as session, session.begin():
        year_state.set_window(session, YEAR, dt.date(2023, 2, 1), dt.date(2099, 3, 31), "lars")
        approval.approve(session, TIMRA, YEAR, "lars@lansstyrelsen.se", None)
    engine.dispose()
    approved = _post(client, token, path, municipality=TIMRA, year=str(YEAR))
    assert approved.status_code == 409
    assert approved.get_json()["reason"] == "approved"
    assert f"godkänt {YEAR}" in approved.get_json()["error"]
    # Without a year field the file's own year is refused by the import, as the CLI does.
    unsaid = _post(client, token, path, municipality=TIMRA)
    assert unsaid.status_code == 422
    assert [p["code"] for p in unsaid.get_json()["files"][0]["problems"]] == [
        "code-meaning-changed",
        "approved-year",
    ]
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None


def test_the_files_own_year_is_held_to_the_window(portal, store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The window is checked for the years the file states, not only for the `year` field:
    a reporter cannot save a closed year by leaving the field out."""
    import datetime as dt

    from sqlalchemy.orm import Session

    from database.engine import make_engine

    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        year_state.set_window(session, YEAR, dt.date(2023, 2, 1), dt.date(2023, 3, 31), "lars")
    engine.dispose()
    token = _token(store_url, "reporter")
    client = portal.test_client()
    path = _csv(tmp_path, "timra.csv", "Timrå", "401,5")
    unsaid = _post(client, token, path, municipality=TIMRA)
    assert unsaid.status_code == 422
    problems = unsaid.get_json()["files"][0]["problems"]
    assert [(p["code"], p["severity"]) for p in problems] == [
        ("code-meaning-changed", "warning"),
        ("window-closed", "error"),
    ]
    assert "stängde 2023-03-31" in problems[1]["message"]
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None
    # Checking the file is still allowed outside the window.
    assert _post(client, token, path, municipality=TIMRA, dry_run="1").status_code == 200
    # The county board's own imports are not held to the reporters' window.
    county = _post(client, _token(store_url, "county"), path, municipality=TIMRA)
    assert county.status_code == 200, county.get_json()
    assert stored(store_url, TIMRA, "GN.7", YEAR) is not None


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("..", "fil"),
        (".", "fil"),
        ("../../x.csv", "x.csv"),
        ("..\\..\\x.csv", "x.csv"),
        ("/home/anna/Timrå 2022.csv", "Timrå 2022.csv"),
        ("\u202evsc.csv", "vsc.csv"),
        (".hemlig.csv", "hemlig.csv"),
    ],
)
def test_an_uploaded_file_name_is_only_a_name(portal, store_url, sent: str, kept: str) -> None:  # type: ignore[no-untyped-def]
    """A browser or client sends any name: a path, `..`, control characters.  The name kept
    is the last part, without them; `..` used to end in a server error."""
    import io

    token = _token(store_url, "reporter")
    body = f"Kommun;Indikator;År;Värde\r\nTimrå;GN.7;{YEAR};401\r\n".encode()
    response = portal.test_client().post(
        "/api/v1/imports",
        headers={"Authorization": f"Bearer {token}"},
        data={"file": (io.BytesIO(body), sent), "municipality": TIMRA},
        content_type="multipart/form-data",
    )
    assert response.status_code in (200, 422), response.get_data(as_text=True)
    assert response.get_json()["files"][0]["path"] == kept


def test_upload_name_keeps_only_the_name() -> None:
    from indicators.safe_text import upload_name

    assert upload_name("C:\\Users\\anna\\Timrå 2022.xlsx") == "Timrå 2022.xlsx"
    assert upload_name("..") == upload_name("") == upload_name(None) == "fil"
    assert upload_name("x\x1b[2J\n.csv") == "x[2J.csv"
    long = upload_name("å" * 300 + ".xlsx")
    assert len(long) == 200 and long.endswith("å.xlsx")


def test_an_uploaded_file_is_removed_after_its_import(portal, store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The API keeps a sent file on disk only while it is imported, also when it is rejected."""
    from web import api

    token = _token(store_url, "reporter")
    client = portal.test_client()
    good = _post(client, token, _csv(tmp_path, "bra.csv", "Timrå", "401"), municipality=TIMRA)
    bad = _post(client, token, _csv(tmp_path, "fel.csv", "Timrå", "x"), municipality=TIMRA)
    assert (good.status_code, bad.status_code) == (200, 422)
    folder = api._folders.path  # this thread's folder: the test client runs in this thread
    assert folder.is_dir()
    assert list(folder.iterdir()) == []


def _local_set(tmp_path: Path, *codes: str) -> Path:
    path = tmp_path / "lokala.csv"
    rows = "".join(f"{code};Laddpunkter {code};antal/1000 inv;högre;1;0;100\n" for code in codes)
    path.write_text(
        f"# set: timra-lokala\nkod;namn;enhet;riktning;decimaler;min;max\n{rows}",
        encoding="utf-8",
    )
    return path


def _local_csv(tmp_path: Path, name: str, code: str, value: str) -> Path:
    path = tmp_path / name
    path.write_bytes(
        f"Kommun;Indikator;År;Värde\r\nTimrå;{code};{YEAR};{value}\r\n".encode("cp1252")
    )
    return path


def _outcome(answer) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    found = answer.get_json()["files"][0]
    return found["outcome"], [problem["code"] for problem in found["problems"]]


def test_a_catalogue_load_counts_from_the_next_upload(
    portal, store_url, tmp_path, miljomal
) -> None:  # type: ignore[no-untyped-def]
    """The server keeps the catalogue's code finders between uploads, never past a change."""
    token = _token(store_url, "reporter")
    client = portal.test_client()

    def upload(name: str, code: str, value: str) -> tuple[str, list[str]]:
        path = _local_csv(tmp_path, name, code, value)
        return _outcome(_post(client, token, path, municipality=TIMRA))

    assert upload("a.csv", "TL.1", "50") == ("rejected", ["unknown-indicator"])
    assert upload("b.csv", "TL.2", "50") == ("rejected", ["unknown-indicator"])
    loaded = miljomal("indicators", "load", str(_local_set(tmp_path, "TL.1")))
    assert loaded.exit_code == 0, loaded.output
    # A new set: its code is found in the very next upload, the unknown one still unknown.
    assert upload("c.csv", "TL.1", "50,5") == ("imported", [])
    assert upload("d.csv", "TL.2", "50,5") == ("rejected", ["unknown-indicator"])
    loaded = miljomal("indicators", "load", str(_local_set(tmp_path, "TL.1", "TL.2")))
    assert loaded.exit_code == 0, loaded.output
    # A new indicator of a set already loaded: likewise.
    assert upload("e.csv", "TL.2", "60") == ("imported", [])
    assert stored(store_url, TIMRA, "TL.1", YEAR)[0] == 50.5
    assert stored(store_url, TIMRA, "TL.2", YEAR)[0] == 60
