"""Storing values with full history: created/updated/unchanged, revisions, reverts, year locks."""

from __future__ import annotations

import json
import time

import pytest
from conftest import add_test_indicators
from conftest import run_cli
from sqlalchemy import event
from sqlalchemy import func
from sqlalchemy import select

from database.engine import session_scope
from indicators import history
from indicators import revert as reverting
from indicators import store
from indicators.models import MISSING
from indicators.models import NOT_APPLICABLE
from indicators.models import REPORTED
from indicators.models import Observation
from indicators.models import Revision
from indicators.models import Upload
from indicators.records import CleanValue
from indicators.records import UploadInfo


@pytest.fixture
def seeded(migrated):  # type: ignore[no-untyped-def]
    """A store with the schema, the registry and a small indicator set of its own."""
    ids = add_test_indicators(migrated, ["T.1", "T.2", "T.3"])
    migrated.indicator_ids = ids  # type: ignore[attr-defined]
    return migrated


def info(name: str, user: str = "anna", reason: str | None = None) -> UploadInfo:
    """Upload facts for a file named `name` (its name doubles as its checksum)."""
    return UploadInfo(
        file_name=name, sha256=f"sha-{name}", size=100, uploaded_by=user, force_reason=reason
    )


def value(
    ids: dict[str, int],
    code: str,
    year: int,
    number: float | None,
    status: str = REPORTED,
    comment: str | None = None,
    municipality: str = "2281",
) -> CleanValue:
    """A validated value for municipality/indicator/year."""
    return CleanValue(municipality, ids[code], year, number, status, comment)


def apply(engine, name: str, values: list[CleanValue], **kwargs) -> store.ApplySummary:  # type: ignore[no-untyped-def]
    """Apply values in a transaction of their own."""
    user = kwargs.pop("user", "anna")
    with session_scope(engine) as session:
        return store.apply_values(session, info(name, user), values, **kwargs)


def observations(engine) -> dict[tuple[str, str, int], tuple]:  # type: ignore[no-untyped-def]
    """Every observation: (municipality, indicator code, year) -> (value, status, comment)."""
    from indicators.models import Indicator

    with session_scope(engine) as session:
        rows = session.execute(
            select(
                Observation.municipality_code,
                Indicator.code,
                Observation.year,
                Observation.value,
                Observation.status,
                Observation.comment,
            ).join(Indicator, Indicator.id == Observation.indicator_id)
        )
        return {(m, i, y): (v, s, c) for m, i, y, v, s, c in rows}


def revision_count(engine) -> int:  # type: ignore[no-untyped-def]
    """How many revisions the store holds."""
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(Revision))


def first_values(ids: dict[str, int]) -> list[CleanValue]:
    """Three values of Sundsvall 2024: a number, a missing one with a comment, a 0."""
    return [
        value(ids, "T.1", 2024, 5.8),
        value(ids, "T.2", 2024, None, MISSING, "ej mätt i år"),
        value(ids, "T.3", 2024, 0.0),
    ]


# --- applying values ---------------------------------------------------------------------


def test_new_values_are_created_with_one_revision_each(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    summary = apply(seeded, "a.xlsx", first_values(ids))

    assert (summary.created, summary.updated, summary.unchanged) == (3, 0, 0)
    assert observations(seeded) == {
        ("2281", "T.1", 2024): (5.8, REPORTED, None),
        ("2281", "T.2", 2024): (None, MISSING, "ej mätt i år"),
        ("2281", "T.3", 2024): (0.0, REPORTED, None),
    }
    with session_scope(seeded) as session:
        upload = session.get(Upload, summary.upload_id)
        assert (upload.file_name, upload.outcome, upload.uploaded_by) == (
            "a.xlsx",
            "imported",
            "anna",
        )
        assert (upload.created, upload.updated, upload.unchanged) == (3, 0, 0)
        revisions = session.scalars(select(Revision).order_by(Revision.id)).all()
        assert len(revisions) == 3
        assert {(r.old_value, r.old_status, r.old_comment) for r in revisions} == {
            (None, None, None)
        }
        assert {r.upload_id for r in revisions} == {summary.upload_id}
        assert {r.changed_by for r in revisions} == {"anna"}
        assert set(session.scalars(select(Observation.upload_id))) == {summary.upload_id}


@pytest.mark.parametrize("way", ["returning", "in-small-inserts", "read-back"])
def test_each_new_values_revision_names_its_own_observation(seeded, monkeypatch, way: str) -> None:  # type: ignore[no-untyped-def]
    """New ids come back with the insert (in several INSERTs on SQLite if many), or are
    read back by their keys where the database cannot return them."""
    from indicators import bulk

    if way == "in-small-inserts":
        monkeypatch.setattr(bulk, "_ROWS_PER_INSERT", 2)
    if way == "read-back":
        monkeypatch.setattr(seeded.dialect, "insert_executemany_returning", False)
    ids = seeded.indicator_ids
    values = [
        value(ids, code, year, float(year) + n, comment=f"{code} {year}")
        for n, code in enumerate(("T.1", "T.2", "T.3"))
        for year in (2024, 2022, 2023)
    ]
    summary = apply(seeded, "a.xlsx", values)

    assert summary.created == len(values)
    with session_scope(seeded) as session:
        rows = session.execute(
            select(Observation.id, Observation.comment, Observation.value, Revision.new_comment)
            .join(Revision, Revision.observation_id == Observation.id)
            .order_by(Revision.id)
        ).all()
    assert [(comment, number) for _, comment, number, _ in rows] == [
        (v.comment, v.value) for v in values
    ]
    assert all(comment == new_comment for _, comment, _, new_comment in rows)


def test_identical_values_again_change_nothing(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    apply(seeded, "a.xlsx", first_values(ids))

    summary = apply(seeded, "a-igen.xlsx", first_values(ids))

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)
    assert revision_count(seeded) == 3


def test_a_changed_value_is_updated_with_old_and_new_in_its_revision(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    first = apply(seeded, "a.xlsx", first_values(ids))
    values = first_values(ids)
    values[0] = value(ids, "T.1", 2024, 6.1)

    summary = apply(seeded, "b.xlsx", values, user="bo")

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 2)
    assert observations(seeded)[("2281", "T.1", 2024)] == (6.1, REPORTED, None)
    with session_scope(seeded) as session:
        latest = session.scalars(select(Revision).order_by(Revision.id.desc())).first()
        assert (latest.old_value, latest.old_status, latest.new_value, latest.new_status) == (
            5.8,
            REPORTED,
            6.1,
            REPORTED,
        )
        assert (latest.changed_by, latest.upload_id) == ("bo", summary.upload_id)
        uploads = {o.upload_id for o in session.scalars(select(Observation))}
        assert uploads == {first.upload_id, summary.upload_id}


def test_a_comment_alone_counts_as_a_change(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    apply(seeded, "a.xlsx", first_values(ids))
    values = first_values(ids)
    values[1] = value(ids, "T.2", 2024, None, MISSING, "mäts från 2025")

    summary = apply(seeded, "b.xlsx", values)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 2)
    with session_scope(seeded) as session:
        latest = session.scalars(select(Revision).order_by(Revision.id.desc())).first()
        assert (latest.old_comment, latest.new_comment) == ("ej mätt i år", "mäts från 2025")


def test_a_status_change_is_a_change(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    apply(seeded, "a.xlsx", first_values(ids))
    values = first_values(ids)
    values[1] = value(ids, "T.2", 2024, None, NOT_APPLICABLE, "ej mätt i år")

    summary = apply(seeded, "b.xlsx", values)

    assert summary.updated == 1
    assert observations(seeded)[("2281", "T.2", 2024)] == (None, NOT_APPLICABLE, "ej mätt i år")


def test_force_reason_is_recorded_on_upload_and_revisions(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    with session_scope(seeded) as session:
        summary = store.apply_values(
            session, info("a.xlsx", reason="rättelse efter granskning"), first_values(ids)
        )
    with session_scope(seeded) as session:
        assert session.get(Upload, summary.upload_id).force_reason == "rättelse efter granskning"
        assert set(session.scalars(select(Revision.reason))) == {"rättelse efter granskning"}


def test_dry_run_counts_without_writing(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    apply(seeded, "a.xlsx", first_values(ids))
    values = first_values(ids)
    values[0] = value(ids, "T.1", 2024, 6.1)
    values.append(value(ids, "T.1", 2023, 4.0))

    summary = apply(seeded, "b.xlsx", values, dry_run=True)

    assert (summary.upload_id, summary.created, summary.updated, summary.unchanged) == (
        None,
        1,
        1,
        2,
    )
    assert observations(seeded)[("2281", "T.1", 2024)] == (5.8, REPORTED, None)
    assert len(observations(seeded)) == 3
    assert revision_count(seeded) == 3
    with session_scope(seeded) as session:
        assert session.scalar(select(func.count()).select_from(Upload)) == 1


def test_the_same_file_twice_is_refused(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    first = apply(seeded, "a.xlsx", first_values(ids))

    with pytest.raises(store.DuplicateUploadError, match=f"upload {first.upload_id}"):
        apply(seeded, "a.xlsx", first_values(ids))
    with session_scope(seeded) as session:
        assert store.find_upload_by_sha(session, "sha-a.xlsx").id == first.upload_id
        assert store.find_upload_by_sha(session, "sha-other") is None


def test_the_same_value_twice_in_one_file_is_refused(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    values = [value(ids, "T.1", 2024, 1.0), value(ids, "T.1", 2024, 2.0)]

    with pytest.raises(store.DuplicateValueError, match="2281.*2024"):
        apply(seeded, "a.xlsx", values)
    assert observations(seeded) == {}


def test_current_values_and_previous_series(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    apply(
        seeded,
        "a.xlsx",
        [
            value(ids, "T.1", 2022, 4.0),
            value(ids, "T.1", 2023, None, MISSING),
            value(ids, "T.1", 2024, 5.8),
            value(ids, "T.1", 2024, 7.0, municipality="2284"),
        ],
    )
    with session_scope(seeded) as session:
        current = store.current_values(session, ["2281"], [ids["T.1"]], [2023, 2024])
        series = store.previous_series(session, ["2281", "2284"], [ids["T.1"]])
        before = store.previous_series(session, ["2281"], [ids["T.1"]], before_year=2024)

    assert {key: state[1:] for key, state in current.items()} == {
        ("2281", ids["T.1"], 2023): (None, MISSING, None),
        ("2281", ids["T.1"], 2024): (5.8, REPORTED, None),
    }
    assert series == {
        ("2281", ids["T.1"]): [(2022, 4.0), (2024, 5.8)],
        ("2284", ids["T.1"]): [(2024, 7.0)],
    }
    assert before == {("2281", ids["T.1"]): [(2022, 4.0)]}


# --- reverting ---------------------------------------------------------------------------


def test_revert_restores_the_previous_values_and_is_audited(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    apply(seeded, "a.xlsx", first_values(ids))
    values = first_values(ids)
    values[0] = value(ids, "T.1", 2024, 6.1)
    values.append(value(ids, "T.1", 2023, 4.0))
    second = apply(seeded, "b.xlsx", values)

    with session_scope(seeded) as session:
        summary = reverting.revert_upload(session, second.upload_id, "lena")

    assert (summary.updated, summary.removed, summary.conflicts) == (2, 1, [])
    # The value the upload created (T.1 2023) is removed: no `missing` left where nothing stood.
    assert observations(seeded) == {
        ("2281", "T.1", 2024): (5.8, REPORTED, None),
        ("2281", "T.2", 2024): (None, MISSING, "ej mätt i år"),
        ("2281", "T.3", 2024): (0.0, REPORTED, None),
    }
    with session_scope(seeded) as session:
        original = session.get(Upload, second.upload_id)
        revert = session.get(Upload, summary.upload_id)
        assert original.reverted_by == revert.id
        assert (revert.outcome, revert.file_name, revert.sha256, revert.uploaded_by) == (
            "revert",
            f"@revert-of-upload upload={second.upload_id}",  # a code, rendered when read
            f"revert-{second.upload_id}",
            "lena",
        )
        assert revert.updated == 2
        revisions = session.scalars(
            select(Revision).where(Revision.upload_id == revert.id).order_by(Revision.id)
        ).all()
        # The removal is in the history: a revision to no status, naming where the value stood.
        assert {(r.old_value, r.new_value, r.new_status) for r in revisions} == {
            (6.1, 5.8, REPORTED),
            (4.0, None, None),
        }
        [removal] = [r for r in revisions if r.new_status is None]
        assert (removal.observation_id, removal.municipality_code, removal.year) == (
            None,
            "2281",
            2023,
        )
        assert removal.indicator_id == ids["T.1"]
        assert {r.reason for r in revisions} == {f"@revert-of-upload upload={second.upload_id}"}
        assert {r.changed_by for r in revisions} == {"lena"}


def test_revert_twice_is_refused(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    first = apply(seeded, "a.xlsx", first_values(ids))
    with session_scope(seeded) as session:
        revert = reverting.revert_upload(session, first.upload_id, "lena")

    with pytest.raises(store.RevertError, match="already reverted"), session_scope(seeded) as s:
        reverting.revert_upload(s, first.upload_id, "lena")
    with pytest.raises(store.RevertError, match="itself a revert"), session_scope(seeded) as s:
        reverting.revert_upload(s, revert.upload_id, "lena")
    with pytest.raises(store.UploadNotFoundError), session_scope(seeded) as s:
        reverting.revert_upload(s, 999, "lena")


def test_revert_skips_values_a_later_upload_changed(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    first = apply(seeded, "a.xlsx", first_values(ids))
    values = first_values(ids)
    values[0] = value(ids, "T.1", 2024, 6.1)
    apply(seeded, "b.xlsx", values)

    with session_scope(seeded) as session:
        summary = reverting.revert_upload(session, first.upload_id, "lena")

    assert (summary.updated, summary.removed) == (2, 2)
    assert [(c.municipality_code, c.indicator_code, c.year) for c in summary.conflicts] == [
        ("2281", "T.1", 2024)
    ]
    assert (summary.conflicts[0].upload_value, summary.conflicts[0].current_value) == (5.8, 6.1)
    assert summary.conflicts[0].changed_by == "anna"  # who made the later change
    # T.2 and T.3 did not stand before the first upload: removed, not set to missing.
    assert observations(seeded) == {("2281", "T.1", 2024): (6.1, REPORTED, None)}
    with session_scope(seeded) as session:
        assert session.get(Upload, summary.upload_id).rejected == 1


# --- history -----------------------------------------------------------------------------


def test_history_lists_every_revision_of_a_series_oldest_first(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    apply(seeded, "a.xlsx", [value(ids, "T.1", 2024, 5.8), value(ids, "T.2", 2024, 1.0)])
    apply(seeded, "b.xlsx", [value(ids, "T.1", 2023, 4.0)], user="bo")
    apply(seeded, "c.xlsx", [value(ids, "T.1", 2024, 6.1, comment="rättad")], user="cia")
    apply(seeded, "d.xlsx", [value(ids, "T.1", 2024, 9.9, municipality="2284")])

    with session_scope(seeded) as session:
        entries = history.history(session, "2281", ids["T.1"])
        rows = [
            (e.year, e.old_value, e.new_value, e.new_comment, e.changed_by, e.file_name, e.created)
            for e in entries
        ]

    assert rows == [
        (2024, None, 5.8, None, "anna", "a.xlsx", True),
        (2023, None, 4.0, None, "bo", "b.xlsx", True),
        (2024, 5.8, 6.1, "rättad", "cia", "c.xlsx", False),
    ]


def test_upload_detail_and_list(seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    first = apply(seeded, "a.xlsx", first_values(ids))
    apply(seeded, "b.xlsx", [value(ids, "T.1", 2023, 4.0)])

    with session_scope(seeded) as session:
        names = [u.file_name for u in history.list_uploads(session)]
        detail = history.upload_detail(session, first.upload_id)
        shown = [(e.indicator_code, e.year, e.new_value, e.new_status) for e in detail.revisions]
        assert detail.upload.file_name == "a.xlsx"
        with pytest.raises(store.UploadNotFoundError, match="no upload with id 999"):
            history.upload_detail(session, 999)

    assert names == ["a.xlsx", "b.xlsx"]
    assert sorted(shown) == [
        ("T.1", 2024, 5.8, REPORTED),
        ("T.2", 2024, None, MISSING),
        ("T.3", 2024, 0.0, REPORTED),
    ]


# --- year locks --------------------------------------------------------------------------


def test_year_lock_and_unlock_round_trip(seeded) -> None:  # type: ignore[no-untyped-def]
    with session_scope(seeded) as session:
        assert store.lock_year(session, 2024, "lena") is True
        assert store.lock_year(session, 2024, "lena") is False
        store.lock_year(session, 2023, "lena")
    with session_scope(seeded) as session:
        assert store.locked_years(session) == {2023, 2024}
        store.unlock_year(session, 2024, "lena")
    with session_scope(seeded) as session:
        assert store.locked_years(session) == {2023}
        locks = [(lock.year, lock.active) for lock in store.list_year_locks(session)]
        assert locks == [(2023, True), (2024, False)]
        with pytest.raises(store.YearLockError, match="year 2024 is not locked"):
            store.unlock_year(session, 2024, "lena")
        assert store.lock_year(session, 2024, "olle") is True
        assert store.locked_years(session) == {2023, 2024}


# --- performance -------------------------------------------------------------------------


def test_a_large_file_is_stored_in_bulk(seeded) -> None:  # type: ignore[no-untyped-def]
    """50,000+ values in a handful of statements (not timed; printed with -s)."""
    from municipalities.registry import municipalities

    ids = seeded.indicator_ids
    codes = [m.code for m in municipalities()]
    values = [
        value(ids, code, year, float(n % 997) / 10, municipality=municipality)
        for n, (municipality, code, year) in enumerate(
            (m, c, y) for m in codes for c in ("T.1", "T.2", "T.3") for y in range(2000, 2060)
        )
    ]
    assert len(values) >= 50_000
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(seeded, "before_cursor_execute", count)
    try:
        started = time.perf_counter()
        first = apply(seeded, "stor.csv", values)
        middle = time.perf_counter()
        for n in range(0, len(values), 10):
            values[n].value = (values[n].value or 0) + 1
        second = apply(seeded, "stor-2.csv", values)
        finished = time.perf_counter()
    finally:
        event.remove(seeded, "before_cursor_execute", count)

    changed = len(values[::10])
    assert first.created == len(values)
    assert (second.created, second.updated, second.unchanged) == (0, changed, len(values) - changed)
    assert revision_count(seeded) == len(values) + changed
    print(
        f"\n{len(values)} values created in {middle - started:.2f} s, "
        f"compared and {changed} updated in {finished - middle:.2f} s"
    )
    assert len(statements) < 40


# --- the commands ------------------------------------------------------------------------


def test_history_command_shows_a_table_and_json(seeded, db_url: str) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    apply(seeded, "a.xlsx", [value(ids, "T.1", 2024, 5.8)])
    apply(seeded, "b.xlsx", [value(ids, "T.1", 2024, 1234.5)], user="bo")

    table = run_cli("history", "--municipality", "Sundsvall", "--indicator", "T.1", db=db_url)
    as_json = run_cli(
        "history", "--municipality", "2281", "--indicator", "T.1", "--json", db=db_url
    )

    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split() == [
        "år",
        "gammalt",
        "värde",
        "nytt",
        "värde",
        "status",
        "när",
        "av",
        "vem",
        "uppladdning",
        "kommentar",
    ]
    assert len(lines) == 3
    assert lines[1].split()[:3] == ["2024", "5,8", "rapporterat"]
    assert "anna" in lines[1] and lines[1].endswith("a.xlsx")
    assert lines[2].split()[:5] == ["2024", "5,8", "1", "234,5", "rapporterat"]
    assert "bo" in lines[2] and lines[2].endswith("b.xlsx")
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert [(d["year"], d["old_value"], d["new_value"], d["file_name"]) for d in data] == [
        (2024, None, 5.8, "a.xlsx"),
        (2024, 5.8, 1234.5, "b.xlsx"),
    ]


def test_history_command_names_an_unknown_municipality(seeded, db_url: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("history", "--municipality", "Sundsval", "--indicator", "T.1", db=db_url)

    assert result.exit_code == 1
    assert "Sundsval" in result.output and "Sundsvall" in result.output


def test_uploads_commands_list_show_and_revert(seeded, db_url: str) -> None:  # type: ignore[no-untyped-def]
    ids = seeded.indicator_ids
    first = apply(seeded, "a.xlsx", first_values(ids))

    listed = run_cli("uploads", "list", "--json", db=db_url)
    shown = run_cli("uploads", "show", str(first.upload_id), db=db_url)
    reverted = run_cli("uploads", "revert", str(first.upload_id), "--user", "lena", db=db_url)
    again = run_cli("uploads", "revert", str(first.upload_id), db=db_url)
    table = run_cli("uploads", "list", db=db_url)

    assert listed.exit_code == 0, listed.output
    uploads = json.loads(listed.output)
    assert [(u["id"], u["file_name"], u["created"], u["outcome"]) for u in uploads] == [
        (first.upload_id, "a.xlsx", 3, "imported")
    ]
    assert shown.exit_code == 0, shown.output
    assert "a.xlsx" in shown.output and "T.2" in shown.output and "5,8" in shown.output
    assert reverted.exit_code == 0, reverted.output
    n = first.upload_id
    assert reverted.output == (
        f"Uppladdning {n} återställd: 3 värden återställda, 0 konflikter "
        f"(registrerat som uppladdning {n + 1}).\n"
    )
    assert again.exit_code == 1
    assert again.output == f"Fel: uppladdning {n} är redan återställd (av uppladdning {n + 1})\n"
    assert f"återställning av uppladdning {first.upload_id}" in table.output
    assert observations(seeded) == {}  # every value was created by the reverted upload


def test_year_commands_lock_list_and_unlock(seeded, db_url: str) -> None:  # type: ignore[no-untyped-def]
    locked = run_cli("year", "lock", "2024", "--user", "lena", db=db_url)
    listed = run_cli("year", "list", db=db_url)
    unlocked = run_cli("year", "unlock", "2024", db=db_url)
    again = run_cli("year", "unlock", "2024", db=db_url)

    assert locked.exit_code == 0, locked.output
    assert "2024" in locked.output
    assert listed.exit_code == 0 and "2024" in listed.output and "lena" in listed.output
    assert unlocked.exit_code == 0, unlocked.output
    assert (again.exit_code, again.output) == (1, "Fel: år 2024 är inte låst\n")
    with session_scope(seeded) as session:
        assert store.locked_years(session) == set()


def test_history_of_a_bundled_indicator_through_the_cli(store, miljomal) -> None:  # type: ignore[no-untyped-def]
    """The same on a store made by `init`: registry and bundled catalogue (GN.6)."""
    from indicators.catalogue import get_indicator
    from indicators.store import apply_values

    with session_scope(store) as session:
        gn6 = get_indicator(session, "GN.6").id
        values = [CleanValue("2281", gn6, 2024, 5.8, REPORTED, None)]
        apply_values(session, info("gn6.xlsx"), values)

    result = miljomal("history", "--municipality", "Sundsvall", "--indicator", "gn 6", "--json")

    assert result.exit_code == 0, result.output
    assert [(d["indicator"], d["year"], d["new_value"]) for d in json.loads(result.output)] == [
        ("GN.6", 2024, 5.8)
    ]
