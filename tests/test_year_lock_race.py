"""A year lock that `year lock` has confirmed holds for every later commit, also mid-batch.

Rule: once `miljomal year lock YEAR` has returned 0, no commit after it changes YEAR
without --force --reason, even when an import batch was already running.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from conftest import run_cli
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from test_crash_and_concurrency import big_csv  # noqa: F401 (wal_baseline is a fixture)
from test_crash_and_concurrency import start_import  # noqa: F401 (wal_baseline is a fixture)
from test_crash_and_concurrency import wait_until_storing  # noqa: F401 (wal_baseline is a fixture)
from test_crash_and_concurrency import wal_baseline  # noqa: F401 (wal_baseline is a fixture)
from test_import_cli import write_csv
from test_import_write_lock import wait_for_waiters

from indicators import store as store_module
from intake.import_outcome import IMPORTED
from intake.import_outcome import REJECTED
from intake.importer import import_paths


def values_of_year(engine: Engine, year: int) -> int:
    with engine.connect() as connection:
        query = text("SELECT count(*) FROM observation WHERE year = :year")
        return connection.execute(query, {"year": year}).scalar_one()


def test_a_lock_taken_between_two_files_of_a_batch_stops_the_second(
    store: Engine, store_url: str, tmp_path: Path
) -> None:
    first = write_csv(tmp_path / "a-2023.csv", "2281;GN.6;2023;5,8;;")
    second = write_csv(tmp_path / "b-2024.csv", "2281;GN.6;2024;6,1;;")

    def lock_after_first(outcome):  # type: ignore[no-untyped-def]
        if outcome.path == str(first):
            assert run_cli("year", "lock", "2024", db=store_url).exit_code == 0

    batch = import_paths(store, [first, second], user="lena", progress=lock_after_first)
    assert [f.outcome for f in batch.files] == [IMPORTED, REJECTED]
    assert [p.code for p in batch.files[1].problems.errors] == ["locked-year"]
    assert values_of_year(store, 2024) == 0


def test_year_lock_waits_for_an_import_that_is_storing(store: Engine, store_url: str) -> None:
    """`year lock` takes the lock that storing takes, so it cannot slip in under a file."""
    results: list[int] = []
    with Session(store) as session, session.begin():
        store_module.lock_for_writing(session)  # what an import holds while it stores
        locker = threading.Thread(
            target=lambda: results.append(run_cli("year", "lock", "2024", db=store_url).exit_code)
        )
        locker.start()
        if store.dialect.name == "postgresql":
            # Seen waiting for the writers' lock, not only given 1.5 s to slip past it.
            wait_for_waiters(store, 1, [locker])
        else:
            time.sleep(1.5)  # SQLite's wait for its write lock cannot be seen from outside
        assert locker.is_alive(), "year lock returned while an import was storing"
        assert results == []
    locker.join(timeout=60)
    assert results == [0]


@pytest.mark.usefixtures("wal_baseline")
def test_a_lock_confirmed_during_a_running_batch_holds(
    store: Engine, store_url: str, tmp_path: Path
) -> None:
    """A real race: `year lock 2024` while a separate process imports a big file first."""
    folder = tmp_path / "inkommet"
    folder.mkdir()
    big_csv(store, folder / "a-stor.csv", 30_000, first_year=1990)
    write_csv(folder / "b-2024.csv", "2281;GN.6;2024;6,1;;")
    child = start_import(store_url, folder, MILJOMAL_MAX_ROWS="100000")
    if not wait_until_storing(store, store_url, child):
        pytest.fail(f"the import ended before the race: {child.communicate()[0].decode()}")
    assert run_cli("year", "lock", "2024", db=store_url).exit_code == 0
    stored_when_locked = values_of_year(store, 2024)
    output = child.communicate(timeout=300)[0].decode()
    if stored_when_locked == 0:
        # The 2024 file had not committed when the lock was confirmed: it must be refused.
        assert child.returncode == 1, output
        assert "[locked-year]" in output
        assert values_of_year(store, 2024) == 0
    else:
        assert child.returncode == 0, output
