"""The PostgreSQL test store's reset (``pg_store.py``) puts back what a test changed.

Only with MILJOMAL_TEST_DATABASE_URL set: the xdist worker's store database, reset between
the steps of each test.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pg_store import _CATALOGUE_ROWS
from pg_store import _SCHEMA_FINGERPRINT
from pg_store import _SEQUENCES
from pg_store import WorkerDatabase
from pg_store import _libpq_url
from pg_store import _rows_digest
from pg_store import _sequence_state
from test_import_cli import write_csv

from database.engine import make_engine
from intake.import_outcome import IMPORTED
from intake.importer import import_file

PG_URL = os.environ.get("MILJOMAL_TEST_DATABASE_URL")

pytestmark = pytest.mark.skipif(
    not PG_URL, reason="MILJOMAL_TEST_DATABASE_URL is not set; PostgreSQL tests skipped"
)


@pytest.fixture
def worker(postgresql_store: WorkerDatabase) -> WorkerDatabase:
    """The worker's own store database: each test checks it out and leaves it to the next
    test's checkout, as a store test does."""
    return postgresql_store


def connect(url: str, autocommit: bool = True) -> psycopg.Connection[Any]:
    return psycopg.connect(_libpq_url(url), autocommit=autocommit)


def rows(url: str, query: str) -> list[tuple[Any, ...]]:
    with connect(url) as connection:
        return connection.execute(query).fetchall()


def test_the_connections_left_behind_are_ended_with_their_locks(
    worker: WorkerDatabase,
) -> None:
    url = worker.checkout()
    left = [connect(url, autocommit=False) for _ in range(20)]
    for key, connection in enumerate(left):
        connection.execute("SELECT pg_advisory_lock(%s)", (key,))  # past its transaction
        connection.commit()
        connection.execute("SELECT count(*) FROM municipality")  # and a transaction open
    pids = [connection.info.backend_pid for connection in left]
    url = worker.checkout()
    with connect(url) as other:
        for key in range(len(left)):
            taken = other.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
            assert taken == (True,)
        gone = "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)"
        assert other.execute(gone, (pids,)).fetchone() == (0,)
    for connection in left:
        connection.close()


def test_rows_come_back_in_the_order_written_as_on_a_fresh_copy(
    worker: WorkerDatabase,
) -> None:
    insert = (
        "INSERT INTO account_event (action, subject, actor, at)"
        " VALUES ('remove', %s, 'test', now())"
    )
    url = worker.checkout()
    with connect(url) as connection:
        for number in range(300):
            connection.execute(insert, (f"first {number}",))
        connection.execute("DELETE FROM account_event WHERE id % 3 = 0")  # holes
        connection.execute("UPDATE account_event SET reason = 'x' WHERE id % 5 = 0")
    url = worker.checkout()
    size = "SELECT pg_relation_size('account_event')"
    assert rows(url, size) == [(0,)]  # no pages, as on a fresh copy
    subjects = [f"second {number}" for number in range(50)]
    with connect(url) as connection:
        for subject in subjects:
            connection.execute(insert, (subject,))
    read = rows(url, "SELECT id, subject FROM account_event")  # no ORDER BY
    assert read == list(enumerate(subjects, start=1))  # and the sequence from its start


def test_after_an_import_the_store_is_the_initialised_one_again(
    worker: WorkerDatabase, tmp_path: Path
) -> None:
    url = worker.checkout()
    engine = make_engine(url)
    for number, year in enumerate((2022, 2023, 2024)):
        path = write_csv(
            tmp_path / f"{number}.csv", f"2281;GN.6;{year};5,8;;", "2281;GN.7;2022;4;;"
        )
        assert import_file(engine, path, user="lena").outcome == IMPORTED
    engine.dispose()
    url = worker.checkout()
    snapshot = worker.snapshot
    assert snapshot is not None
    with connect(url) as connection:
        for table in snapshot.empty:
            size = connection.execute(f"SELECT pg_relation_size('public.\"{table}\"')")
            assert size.fetchone() == (0,), table
        digests = ", ".join(_rows_digest(table) for table in snapshot.filled)
        assert connection.execute(f"SELECT {digests}").fetchone() == tuple(snapshot.hashes.values())
        sequences = connection.execute(_SEQUENCES).fetchone()[0]  # type: ignore[index]
    assert {name: _sequence_state(value) for name, value in sequences.items()} == (
        snapshot.sequences
    )


def test_a_changed_registry_is_copied_back_in_its_order(worker: WorkerDatabase) -> None:
    url = worker.checkout()
    fresh = rows(url, "SELECT * FROM municipality")
    with connect(url) as connection:
        connection.execute("UPDATE municipality SET name = 'Ändrad' WHERE code = '2281'")
        connection.execute(
            "INSERT INTO county_event (action, municipality_code, year, actor, at)"
            " VALUES ('lock', '2281', 2024, 'test', now())"
        )
    restored = worker.counts["restored"]
    url = worker.checkout()
    assert worker.counts["restored"] == restored + 1
    assert rows(url, "SELECT * FROM municipality") == fresh
    assert rows(url, "SELECT count(*) FROM county_event") == [(0,)]


def test_a_dropped_index_is_put_back_on_a_new_copy(worker: WorkerDatabase) -> None:
    url = worker.checkout()
    with connect(url) as connection:
        connection.execute("DROP INDEX ix_county_event_year_municipality")
    replaced = worker.counts["replaced"]
    new = worker.checkout()
    assert worker.counts["replaced"] == replaced + 1 and new != url
    index = "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_county_event_year_municipality'"
    assert rows(new, index) == [(1,)]


def test_new_files_for_a_table_are_not_a_new_schema(worker: WorkerDatabase) -> None:
    """TRUNCATE writes a new pg_class row (new files): the fingerprint, not the row versions,
    says whether the schema changed."""
    url = worker.checkout()
    with connect(url) as connection:
        connection.execute("TRUNCATE county_event")
        connection.execute("VACUUM ANALYZE")  # counts written in place: no new row versions
    replaced = worker.counts["replaced"]
    assert worker.checkout() == url
    assert worker.counts["replaced"] == replaced


@pytest.mark.parametrize(
    "statement",
    [
        "ALTER TABLE account_event ALTER COLUMN reason SET NOT NULL",
        "ALTER TABLE account_event ALTER COLUMN reason SET DEFAULT 'x'",
        "ALTER TABLE account_event ALTER COLUMN subject TYPE varchar(300)",
        "ALTER TABLE account_event RENAME COLUMN reason TO why",
        "ALTER TABLE account_event ADD COLUMN extra integer",
        "ALTER TABLE account_event DROP COLUMN reason",
        "ALTER TABLE account_event RENAME TO account_events",
        "ALTER TABLE account_event SET (fillfactor = 50)",
        "ALTER TABLE account_event DROP CONSTRAINT ck_account_event_action",
        "ALTER TABLE county_event ADD CONSTRAINT ck_year CHECK (year > 1900)",
        "ALTER INDEX ix_county_event_year_municipality RENAME TO ix_other",
        "CREATE INDEX ix_new ON account_event (actor)",
        "ALTER SEQUENCE upload_id_seq RENAME TO upload_seq",
        "CREATE SCHEMA extra",
        "CREATE TYPE mood AS ENUM ('glad')",
        "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "CREATE TRIGGER t BEFORE INSERT ON account_event FOR EACH ROW"
        " EXECUTE FUNCTION suppress_redundant_updates_trigger()",
    ],
)
def test_the_catalogue_rows_change_whenever_the_fingerprint_does(
    worker: WorkerDatabase, statement: str
) -> None:
    worker.checkout()
    connection = worker.connection
    assert connection is not None

    def both() -> tuple[str, str]:
        fingerprint = connection.execute(_SCHEMA_FINGERPRINT).fetchone()
        catalogue = connection.execute(_CATALOGUE_ROWS).fetchone()
        return fingerprint[0], catalogue[0]  # type: ignore[index]

    before = both()
    with connection.transaction(force_rollback=True):  # undone: nothing to reset
        connection.execute(statement)
        after = both()
    assert after[0] != before[0], "the statement does not change the schema"
    assert after[1] != before[1]
    assert both() == before
