"""The county board's review: reporting windows, approve/return/reopen, reminders, audit log."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select

from database.engine import session_scope
from indicators import year_state
from indicators.models import Observation
from review import audit
from review.matrix import reporting_matrix

HEADER = "Kommun;Indikator;År;Värde;Status;Kommentar"


def excel_csv(path: Path, *rows: str) -> Path:
    """A `;` CSV in cp1252, as Swedish Excel saves it."""
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


def sundsvall_2022(tmp_path: Path, value: str = "5,8", name: str = "sundsvall.csv") -> Path:
    return excel_csv(
        tmp_path / name,
        f"Sundsvall;GN.6;2022;{value};;",
        "Sundsvall;GN.7;2022;412;;Enligt avfallsbolaget",
    )


# --- reporting window -------------------------------------------------------------------------


def test_year_window_is_set_and_shown(miljomal) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("year", "window", "2025", "--opens", "2026-02-01", "--closes", "2026-03-31")
    assert result.exit_code == 0, result.output
    shown = miljomal("year", "window", "2025", "--json")
    data = json.loads(shown.output)
    assert (data["year"], data["opens"], data["closes"]) == (2025, "2026-02-01", "2026-03-31")
    assert miljomal("year", "window", "2022").output.strip() == (
        "Inget inrapporteringsfönster är satt för 2022."
    )


def test_a_window_that_closes_before_it_opens_is_refused(miljomal) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("year", "window", "2025", "--opens", "2026-04-01", "--closes", "2026-03-31")
    assert result.exit_code == 1
    assert "Fel: fönstret för 2025 skulle stänga (2026-03-31) innan det öppnar" in result.output
    assert miljomal("year", "window", "2025", "--opens", "2026-04-01").exit_code == 2


def test_window_decides_whether_reporters_may_save(store) -> None:  # type: ignore[no-untyped-def]
    with session_scope(store) as session:
        year_state.set_window(session, 2025, dt.date(2026, 2, 1), dt.date(2026, 3, 31), "lena")
        before = year_state.reporting_permission(session, "2281", 2025, dt.date(2026, 1, 31))
        first = year_state.reporting_permission(session, "2281", 2025, dt.date(2026, 2, 1))
        last = year_state.reporting_permission(session, "2281", 2025, dt.date(2026, 3, 31))
        after = year_state.reporting_permission(session, "2281", 2025, dt.date(2026, 4, 1))
    assert (before.reason, first.reason, last.reason) == ("window-not-open", None, None)
    assert after.reason == "window-closed"
    assert after.message("sv") == "Inrapporteringen för 2025 stängde 2026-03-31."
    assert before.message("en") == "Reporting for 2025 opens on 2026-02-01 (closes on 2026-03-31)."


# --- approval ---------------------------------------------------------------------------------


def test_approve_return_reopen_through_the_cli(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert miljomal("import", str(sundsvall_2022(tmp_path)), "--user", "anna").exit_code == 0

    result = miljomal("approval", "approve", "-m", "2281", "-y", "2022", "--user", "lena")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "Sundsvall 2022 är godkänd; kommunens rapportörer kan inte längre ändra."
    )
    with session_scope(store) as session:
        refused = year_state.reporting_permission(session, "2281", 2022)
        other = year_state.reporting_permission(session, "2262", 2022)
    assert (refused.reason, other.reason) == ("approved", None)

    # Returning an approved year needs it reopened first; reopening needs a reason.
    result = miljomal("approval", "return", "-m", "2281", "-y", "2022", "--reason", "GN.6?")
    assert result.exit_code == 1
    assert result.output.strip() == "Fel: Sundsvall 2022 är godkänd. Öppna den igen först."
    result = miljomal("approval", "reopen", "-m", "2281", "-y", "2022", "--reason", "  ")
    assert result.exit_code == 1
    assert "kräver en motivering" in result.output

    result = miljomal(
        "approval", "reopen", "-m", "Sundsvall", "-y", "2022", "--reason", "Fel enhet i GN.6",
        "--user", "lena", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["previous_state"], data["state"]) == ("approved", "reopened")
    assert data["decision"]["reason"] == "Fel enhet i GN.6"
    assert data["decision"]["actor"] == "lena"

    result = miljomal(
        "approval", "return", "-m", "2281", "-y", "2022", "--reason", "Kolla GN.6", "--json"
    )
    assert json.loads(result.output)["state"] == "returned"
    with session_scope(store) as session:
        latest = year_state.latest_decision(session, "2281", 2022)
        assert year_state.latest_decision(session, "2262", 2022) is None
    assert latest is not None and (latest.action, latest.reason) == ("return", "Kolla GN.6")


def test_approval_list_for_the_county(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("import", str(sundsvall_2022(tmp_path)), "--user", "anna")
    miljomal("approval", "approve", "-m", "2281", "-y", "2022", "--user", "lena")
    result = miljomal("approval", "list", "--county", "22", "--year", "2022", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rows = {row["municipality"]: row for row in data["municipalities"]}
    assert len(rows) == 7  # Västernorrland's seven municipalities
    sundsvall = rows["2281"]
    assert (sundsvall["state"], sundsvall["reported"], sundsvall["last_change"]["by"]) == (
        "approved",
        2,
        "anna",
    )
    assert sundsvall["absent"] == sundsvall["expected"] - 2
    assert rows["2262"]["state"] == "open"
    assert rows["2262"]["last_change"] is None

    table = miljomal("approval", "list", "--year", "2022").output
    assert "2281  Sundsvall" in table
    assert "godkänd" in table


def test_an_approved_year_refuses_an_import_unless_forced(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("import", str(sundsvall_2022(tmp_path)), "--user", "anna")
    miljomal("approval", "approve", "-m", "2281", "-y", "2022")
    changed = sundsvall_2022(tmp_path, "6,1", "andra.csv")

    result = miljomal("import", str(changed), "--json")
    assert result.exit_code == 1
    [entry] = json.loads(result.output)["files"]
    errors = [(p["code"], p["row"]) for p in entry["problems"] if p["severity"] == "error"]
    assert errors == [("approved-year", 2)]
    with session_scope(store) as session:
        [value] = session.scalars(select(Observation.value).where(Observation.value < 100))
    assert value == 5.8  # the rejected file left the store as it was

    result = miljomal("import", str(changed), "--force", "--reason", "Beslut 2025-04-02")
    assert result.exit_code == 0, result.output
    assert "[approved-year-forced]" in result.output


def test_a_locked_year_refuses_approval_changes(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    assert miljomal("year", "lock", "2022").exit_code == 0
    result = miljomal("approval", "approve", "-m", "2281", "-y", "2022", "--lang", "en")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: the year 2022 is locked for the whole county; unlock it first "
        "(miljomal year unlock 2022)"
    )


# --- reminders and the audit log --------------------------------------------------------------


def test_reminders_name_who_has_not_sent_or_not_answered(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("import", str(sundsvall_2022(tmp_path)), "--user", "anna")
    timra = excel_csv(tmp_path / "timra.csv", "Timrå;GN.6;2022;4,0;;")
    miljomal("import", str(timra), "--user", "tove")
    miljomal("approval", "approve", "-m", "2281", "-y", "2022")
    miljomal("approval", "return", "-m", "2262", "-y", "2022", "--reason", "GN.7 saknas")

    data = json.loads(miljomal("approval", "reminders", "--year", "2022", "--json").output)
    reasons = {r["municipality"]: r["reasons"] for r in data["reminders"]}
    assert "2281" not in reasons  # approved
    assert reasons["2262"] == ["incomplete", "return-unanswered"]
    assert reasons["2284"] == ["not-sent"]  # Örnsköldsvik
    assert len(reasons) == 6
    [timra_row] = [r for r in data["reminders"] if r["municipality"] == "2262"]
    assert timra_row["return_comment"] == "GN.7 saknas"

    # Timrå answers: the return is no longer unanswered.
    answer = excel_csv(tmp_path / "timra2.csv", "Timrå;GN.7;2022;300;;")
    assert miljomal("import", str(answer), "--user", "tove").exit_code == 0
    data = json.loads(miljomal("approval", "reminders", "--year", "2022", "--json").output)
    assert {r["municipality"]: r["reasons"] for r in data["reminders"]}["2262"] == ["incomplete"]


def test_audit_log_lists_uploads_decisions_and_locks(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("import", str(sundsvall_2022(tmp_path)), "--user", "anna")
    miljomal("approval", "approve", "-m", "2281", "-y", "2022", "--user", "lena")
    miljomal(
        "approval", "reopen", "-m", "2281", "-y", "2022", "--reason", "Rättelse", "--user", "lena"
    )
    miljomal("year", "lock", "2022", "--user", "lena")
    miljomal("year", "unlock", "2022", "--user", "per")
    miljomal("uploads", "revert", "1", "--user", "anna")

    data = json.loads(miljomal("approval", "log", "--year", "2022", "--json").output)
    entries = [(e["kind"], e["actor"], e["municipality"], e["reason"]) for e in data["entries"]]
    assert entries == [
        ("upload", "anna", "2281", None),
        ("approve", "lena", "2281", None),
        ("reopen", "lena", "2281", "Rättelse"),
        ("lock", "lena", None, None),
        ("unlock", "per", None, None),
        ("revert", "anna", "2281", None),
    ]
    only = json.loads(miljomal("approval", "log", "--kind", "reopen", "--json").output)
    assert [e["kind"] for e in only["entries"]] == ["reopen"]
    other = json.loads(miljomal("approval", "log", "-m", "2262", "--json").output)
    assert [e["kind"] for e in other["entries"]] == ["lock", "unlock"]
    table = miljomal("approval", "log").output
    [reopened] = [line for line in table.splitlines() if "öppnad igen" in line]
    assert reopened.split()[4:] == ["lena", "2281", "2022", "Rättelse"]
    assert table.splitlines()[-1].endswith("återställning av uppladdning 1")


def test_migration_keeps_years_locked_before_it_in_the_audit_log(engine) -> None:  # type: ignore[no-untyped-def]
    """A store at 0002 with a locked year: after the upgrade the lock is in the audit log."""
    from alembic import command
    from sqlalchemy import text

    from miljomal.db import alembic_config

    command.upgrade(alembic_config(engine), "0002")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO year_lock (year, locked_at, locked_by, active) VALUES "
                "(2022, '2022-05-02 10:00:00', 'lena', :yes), (2021, '2023-05-02 10:00:00', "
                "'per', :no)"
            ),
            {"yes": True, "no": False},
        )
    command.upgrade(alembic_config(engine), "head")
    with session_scope(engine) as session:
        entries = audit.audit_log(session).entries
    assert [(e.kind, e.year, e.actor, e.at.isoformat()) for e in entries] == [
        ("lock", 2022, "lena", "2022-05-02T10:00:00")
    ]


def test_reporting_matrix_cells_rows_and_columns(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("import", str(sundsvall_2022(tmp_path)), "--user", "anna")
    timra = excel_csv(tmp_path / "timra.csv", "Timrå;GN.6;2022;..;;", "Timrå;GN.7;2022;.;;")
    miljomal("import", str(timra), "--user", "tove")
    miljomal("approval", "approve", "-m", "2281", "-y", "2022")
    with session_scope(store) as session:
        matrix = reporting_matrix(session, "22", 2022)
    rows = {row.review.municipality_code: row for row in matrix.rows}
    assert rows["2281"].review.state == "approved"
    assert (rows["2281"].cells["GN.6"], rows["2281"].cells["GN.1a"]) == ("reported", "absent")
    assert (rows["2262"].cells["GN.6"], rows["2262"].cells["GN.7"]) == (
        "missing",
        "not-applicable",
    )
    assert matrix.reported_by_indicator["GN.6"] == 1
    assert matrix.indicators[:3] == ["GN.1a", "GN.1b", "GN.2"]
    data = matrix.to_dict()
    assert data["indicators"][6] == {"code": "GN.6", "reported": 1}
    assert data["municipalities"][1]["cells"]["GN.7"] == "not-applicable"


def test_approval_list_with_cells_through_the_cli(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("import", str(sundsvall_2022(tmp_path)), "--user", "anna")
    table = miljomal("approval", "list", "--year", "2022", "--cells").output.splitlines()
    assert table[0].split()[:3] == ["kommun", "GN.1a", "GN.1b"]
    [sundsvall] = [line for line in table if line.startswith("Sundsvall")]
    assert sundsvall.split()[7:9] == ["✓", "✓"]  # GN.6 and GN.7
    data = json.loads(miljomal("approval", "list", "-y", "2022", "--cells", "--json").output)
    assert data["municipalities"][3]["cells"]["GN.7"] == "reported"
