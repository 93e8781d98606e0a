"""The writers' lock on PostgreSQL is held for storing only, not for validating.

Rule: a file is validated before its import takes the writers' lock, so that imports at
once (20 API clients) do not wait for each other's validation; what the file replaces is
read again under the lock, and when another writer changed it (a value, a year lock) in
between, the file is validated again, so its outcome is the one it would have had alone.
SQLite begins every transaction with its write lock: these tests are for PostgreSQL.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from test_import_cli import write_csv

from indicators import store as store_module
from intake.import_outcome import IMPORTED
from intake.import_outcome import REJECTED
from intake.import_outcome import UNCHANGED
from intake.import_outcome import FileOutcome
from intake.importer import import_file


@pytest.fixture
def pg_store(store: Engine) -> Engine:
    if store.dialect.name != "postgresql":
        pytest.skip("SQLite takes its write lock when a transaction begins")
    return store


def waiting_for_the_lock(engine: Engine) -> int:
    """How many other connections wait for an advisory lock in this test's database now.

    pg_locks is server-wide: other test workers' databases on the same server are left out.
    """
    with engine.connect() as connection:
        query = text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND pid <> pg_backend_pid() "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        return int(connection.execute(query).scalar_one())


def wait_for_waiters(engine: Engine, count: int, threads: list[threading.Thread]) -> None:
    deadline = time.monotonic() + 60
    while waiting_for_the_lock(engine) < count:
        assert time.monotonic() < deadline, "the imports never waited for the writers' lock"
        assert all(t.is_alive() for t in threads), "an import ended without the lock"
        time.sleep(0.02)


def importing(
    engine: Engine, path: Path, outcomes: dict[str, FileOutcome], user: str = "lena"
) -> threading.Thread:
    def run() -> None:
        outcomes[path.name] = import_file(engine, path, user=user)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_file_with_errors_is_answered_while_another_import_stores(
    pg_store: Engine, tmp_path: Path
) -> None:
    bad = write_csv(tmp_path / "fel.csv", "2281;GN.99;2024;5,8;;")
    outcomes: dict[str, FileOutcome] = {}
    with Session(pg_store) as session, session.begin():
        store_module.lock_for_writing(session)  # what an import holds while it stores
        thread = importing(pg_store, bad, outcomes)
        thread.join(timeout=30)
        answered = not thread.is_alive()
    thread.join(timeout=60)
    assert answered, "the file waited for the writers' lock before it was validated"
    assert outcomes["fel.csv"].outcome == REJECTED
    assert [p.code for p in outcomes["fel.csv"].problems.errors] == ["unknown-indicator"]


def test_two_files_validated_at_once_store_one_after_the_other(
    pg_store: Engine, tmp_path: Path
) -> None:
    """Both validated against an empty store; the second stored replaces the first."""
    first = write_csv(tmp_path / "a.csv", "2281;GN.6;2024;5,8;;")
    second = write_csv(tmp_path / "b.csv", "2281;GN.6;2024;6,1;;")
    outcomes: dict[str, FileOutcome] = {}
    with Session(pg_store) as session, session.begin():
        store_module.lock_for_writing(session)
        threads = [importing(pg_store, first, outcomes)]
        wait_for_waiters(pg_store, 1, threads)  # validated, now waiting to store
        threads.append(importing(pg_store, second, outcomes))
        wait_for_waiters(pg_store, 2, threads)
    for thread in threads:
        thread.join(timeout=60)
    files = [outcomes["a.csv"], outcomes["b.csv"]]
    assert [f.outcome for f in files] == [IMPORTED, IMPORTED]
    assert sorted((f.created, f.updated) for f in files) == [(0, 1), (1, 0)]
    earlier = next(f for f in files if f.created == 1)
    later = next(f for f in files if f.updated == 1)
    assert [p.code for p in earlier.problems.warnings] == ["read-as-set"]
    assert [p.code for p in later.problems.warnings] == ["read-as-set", "replaces-value"]
    with pg_store.connect() as connection:
        stored = connection.execute(
            text("SELECT count(*) FROM observation WHERE municipality_code = '2281'")
        ).scalar_one()
        revisions = connection.execute(text("SELECT count(*) FROM revision")).scalar_one()
    assert (stored, revisions) == (1, 2)


def test_a_year_locked_while_a_file_waits_to_store_rejects_it(
    pg_store: Engine, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "b-2024.csv", "2281;GN.6;2024;6,1;;")
    outcomes: dict[str, FileOutcome] = {}
    with Session(pg_store) as session, session.begin():
        store_module.lock_for_writing(session)
        threads = [importing(pg_store, path, outcomes)]
        wait_for_waiters(pg_store, 1, threads)
        assert store_module.lock_year(session, 2024, "lansstyrelsen@example.se")
    threads[0].join(timeout=60)
    outcome = outcomes["b-2024.csv"]
    assert outcome.outcome == REJECTED
    assert [p.code for p in outcome.problems.errors] == ["locked-year"]
    with pg_store.connect() as connection:
        query = text("SELECT count(*) FROM observation WHERE year = 2024")
        assert connection.execute(query).scalar_one() == 0


def test_a_file_takes_one_connection_and_stores_in_its_second_transaction(
    pg_store: Engine, tmp_path: Path
) -> None:
    """Looking the file up, reading and validating it are one transaction, storing it the
    second; both run on one connection from the pool (one checkout, one ping)."""
    path = write_csv(tmp_path / "a.csv", "2281;GN.6;2024;5,8;;")
    checkouts: list[object] = []
    commits: list[object] = []

    def checkout(dbapi_connection: object, record: object, proxy: object) -> None:
        checkouts.append(record)

    listened = [(pg_store.pool, "checkout", checkout), (pg_store, "commit", commits.append)]
    for target, name, listener in listened:
        event.listen(target, name, listener)
    try:
        first = import_file(pg_store, path, user="lena")
        counted = (len(checkouts), len(commits))
        again = import_file(pg_store, path, user="lena")
    finally:
        for target, name, listener in listened:
            event.remove(target, name, listener)
    assert (first.outcome, first.created, again.outcome) == (IMPORTED, 1, UNCHANGED)
    assert counted == (1, 2)
    assert (len(checkouts), len(commits)) == (2, 3)  # a file seen before: one transaction
