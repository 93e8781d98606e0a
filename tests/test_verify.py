"""`miljomal verify`: the audit trail replays to the stored values, and tampering shows."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import text
from sqlalchemy.engine import Engine


def _csv(path: Path, rows: list[tuple[int, str, str]]) -> Path:
    lines = ["Kommunkod;Indikator;År;Värde;Kommentar"]
    lines += [f"2281;GN.6;{year};{value};{comment}" for year, value, comment in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def history(miljomal: Callable[..., Result], tmp_path: Path) -> Callable[..., Result]:
    """A store with two imports (the second changes one value) and a revert of neither."""
    first = _csv(tmp_path / "a.csv", [(2022, "5,8", ""), (2023, "6,1", "preliminärt")])
    second = _csv(tmp_path / "b.csv", [(2023, "6,4", "slutligt"), (2024, "..", "")])
    for path in (first, second):
        result = miljomal("import", str(path))
        assert result.exit_code == 0, result.output
    return miljomal


def verify_json(miljomal: Callable[..., Result], *args: str) -> tuple[int, dict]:
    result = miljomal("verify", "--json", *args)
    return result.exit_code, json.loads(result.output)


def test_an_untouched_store_verifies(history: Callable[..., Result]) -> None:
    code, report = verify_json(history)
    assert code == 0
    assert report == {
        "ok": True,
        "observations": 3,
        "revisions": 4,
        "uploads": 2,
        "inconsistencies": [],
    }
    result = history("verify")
    assert result.exit_code == 0
    assert "Historiken förklarar alla lagrade värden." in result.output


def test_a_reverted_upload_still_verifies(history: Callable[..., Result]) -> None:
    assert history("uploads", "revert", "2").exit_code == 0
    code, report = verify_json(history)
    assert (code, report["inconsistencies"]) == (0, [])


def test_an_empty_store_verifies(miljomal: Callable[..., Result]) -> None:
    assert verify_json(miljomal) == (
        0,
        {"ok": True, "observations": 0, "revisions": 0, "uploads": 0, "inconsistencies": []},
    )


def test_a_value_changed_behind_the_history_is_caught(
    history: Callable[..., Result], store: Engine
) -> None:
    with store.begin() as connection:
        connection.execute(text("UPDATE observation SET value = 99.9 WHERE year = 2022"))
    code, report = verify_json(history)
    assert code == 1
    (found,) = report["inconsistencies"]
    assert found["code"] == "value-mismatch"
    assert "2281, GN.6, 2022" in found["message"]
    assert "99.9" in found["message"] and "5.8" in found["message"]
    result = history("verify", "--lang", "en")
    assert result.exit_code == 1
    assert "1 inconsistencies:" in result.output
    assert "is stored as reported 99.9, but its history gives reported 5.8" in result.output


def test_a_comment_or_status_changed_behind_the_history_is_caught(
    history: Callable[..., Result], store: Engine
) -> None:
    with store.begin() as connection:
        connection.execute(text("UPDATE observation SET comment = 'ändrad' WHERE year = 2023"))
        connection.execute(
            text("UPDATE observation SET status = 'not-applicable' WHERE year = 2024")
        )
    code, report = verify_json(history)
    assert code == 1
    assert [f["code"] for f in report["inconsistencies"]] == ["value-mismatch", "value-mismatch"]


def test_an_edited_revision_breaks_the_chain(history: Callable[..., Result], store: Engine) -> None:
    with store.begin() as connection:
        first = connection.execute(
            text("SELECT min(id) FROM revision WHERE new_comment = 'preliminärt'")
        ).scalar_one()
        connection.execute(text(f"UPDATE revision SET new_value = 7.0 WHERE id = {first}"))
    code, report = verify_json(history)
    assert code == 1
    assert [f["code"] for f in report["inconsistencies"]] == ["broken-chain"]


def test_a_revision_without_upload_or_reason_is_caught(
    history: Callable[..., Result], store: Engine
) -> None:
    with store.begin() as connection:
        revision = connection.execute(text("SELECT min(id) FROM revision")).scalar_one()
        connection.execute(
            text(f"UPDATE revision SET upload_id = NULL, reason = NULL WHERE id = {revision}")
        )
    code, report = verify_json(history)
    assert code == 1
    assert [f["code"] for f in report["inconsistencies"]] == [
        "manual-without-reason",
        "upload-mismatch",
    ]


def test_a_manual_change_with_a_reason_is_accepted(
    history: Callable[..., Result], store: Engine
) -> None:
    with store.begin() as connection:
        obs_id, value = connection.execute(
            text("SELECT id, value FROM observation WHERE year = 2022")
        ).one()
        connection.execute(
            text(
                "INSERT INTO revision (observation_id, upload_id, old_value, old_status, "
                "new_value, new_status, changed_at, changed_by, reason) VALUES "
                f"({obs_id}, NULL, {value}, 'reported', 6.0, 'reported', "
                "'2025-01-01 00:00:00', 'lst', 'rättelse enligt kommunens mejl')"
            )
        )
        connection.execute(
            text(f"UPDATE observation SET value = 6.0, upload_id = NULL WHERE id = {obs_id}")
        )
    assert verify_json(history)[0] == 0


def test_a_revision_pointing_to_a_deleted_upload_is_caught(
    history: Callable[..., Result], store: Engine
) -> None:
    with store.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("COMMIT")  # the engine opened a transaction
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.exec_driver_sql("DELETE FROM upload WHERE id = 1")
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        else:
            connection.exec_driver_sql("SET session_replication_role = replica")
            connection.exec_driver_sql("DELETE FROM upload WHERE id = 1")
            connection.exec_driver_sql("SET session_replication_role = DEFAULT")
            connection.commit()
    code, report = verify_json(history)
    assert code == 1
    codes = {f["code"] for f in report["inconsistencies"]}
    assert codes == {"missing-upload"}
    assert {f["upload_id"] for f in report["inconsistencies"]} == {1}


def test_kept_file_bytes_that_do_not_match_their_hash_are_caught(
    history: Callable[..., Result], store: Engine
) -> None:
    with store.begin() as connection:
        connection.execute(text("UPDATE upload SET content = :c WHERE id = 2"), {"c": b"annat"})
    code, report = verify_json(history)
    assert code == 1
    assert [(f["code"], f["upload_id"]) for f in report["inconsistencies"]] == [
        ("sha256-mismatch", 2)
    ]


def test_a_file_imported_again_after_its_revert_verifies(
    miljomal: Callable[..., Result], tmp_path: Path
) -> None:
    """The importer allows it (warning `reverted-before`); verify applies the same rule."""
    path = _csv(tmp_path / "a.csv", [(2022, "5,8", ""), (2023, "6,1", "")])
    assert miljomal("import", str(path)).exit_code == 0
    assert miljomal("uploads", "revert", "1").exit_code == 0
    again = miljomal("import", str(path))
    assert again.exit_code == 0, again.output
    assert "[reverted-before]" in again.output
    code, report = verify_json(miljomal)
    assert (code, report["inconsistencies"]) == (0, [])
    assert report["uploads"] == 3


def test_two_standing_uploads_of_one_file_are_caught(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = _csv(tmp_path / "a.csv", [(2022, "5,8", "")])
    assert miljomal("import", str(path)).exit_code == 0
    assert miljomal("uploads", "revert", "1").exit_code == 0
    assert miljomal("import", str(path)).exit_code == 0
    with store.begin() as conn:  # what the unique index forbids, done behind its back
        conn.execute(text("DROP INDEX uq_upload_sha256_standing"))
        conn.execute(text("UPDATE upload SET reverted_by = NULL WHERE id = 1"))
    code, report = verify_json(miljomal)
    assert code == 1
    assert [(row["code"], row["upload_id"]) for row in report["inconsistencies"]][-1:] == [
        ("duplicate-sha256", 1)
    ]
