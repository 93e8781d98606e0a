"""A killed import, two imports at once, and a failing database: the store stays whole.

These tests run real `python -m miljomal import` processes against the test database
(SQLite, and PostgreSQL when MILJOMAL_TEST_DATABASE_URL is set).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy import text
from sqlalchemy.engine import Engine
from test_hostile_files import dump_tables

from database.engine import session_scope
from indicators.verify import verify_store
from intake.import_outcome import REJECTED
from intake.import_outcome import UNCHANGED
from intake.importer import import_file

ROOT = Path(__file__).resolve().parents[1]


def codes(engine: Engine) -> tuple[list[str], list[str]]:
    """Every municipality code and every indicator code of the 2012 set, sorted.

    The years are those of sekom-2012 (from 1990): a code of the 2023 set would mean
    something else there, and the same code twice would be two values for one key.
    """
    with engine.connect() as connection:
        municipalities = connection.execute(text("SELECT code FROM municipality ORDER BY code"))
        indicators = connection.execute(
            text(
                "SELECT i.code FROM indicator i JOIN indicator_set s ON s.id = i.set_id "
                "WHERE s.code = 'sekom-2012' ORDER BY i.code"
            )
        )
        return list(municipalities.scalars()), list(indicators.scalars())


def big_csv(
    engine: Engine, path: Path, values: int, *, first_year: int = 1990, offset: int = 0
) -> Path:
    """A long-table CSV with about ``values`` values: all municipalities and indicators."""
    municipalities, indicators = codes(engine)
    per_year = len(municipalities) * len(indicators)
    years = max(1, -(-values // per_year))
    with path.open("w", encoding="utf-8") as out:
        out.write("Kommunkod;Indikator;År;Värde\n")
        for year in range(first_year, first_year + years):
            for m_index, municipality in enumerate(municipalities):
                for i_index, indicator in enumerate(indicators):
                    value = (m_index + i_index + year + offset) % 50 + 1
                    out.write(f"{municipality};{indicator};{year};{value}\n")
    return path


def start_import(db_url: str, path: Path, **env: str) -> subprocess.Popen[bytes]:
    """`python -m miljomal --db URL import PATH` as a child process."""
    return subprocess.Popen(
        [sys.executable, "-m", "miljomal", "--db", db_url, "import", "--quiet", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), **env),
        cwd=path.parent,
    )


def storing(engine: Engine, db_url: str) -> bool:
    """True while another connection holds the store's write transaction with rows written."""
    if engine.dialect.name == "sqlite":
        # The importer's transaction begins IMMEDIATE (a write lock); once it inserts, the
        # WAL file grows past what the schema and catalogue left in it.
        database = db_url.removeprefix("sqlite:///")
        probe = sqlite3.connect(database, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            wal = Path(database + "-wal")
            return wal.exists() and wal.stat().st_size > storing.wal_baseline  # type: ignore[attr-defined]
        finally:
            probe.close()
    with engine.connect() as connection:
        # A RowExclusiveLock on this schema's observation table: another backend inserts.
        query = text(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE c.relname = 'observation' AND c.relnamespace = current_schema()::regnamespace "
            "AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()"
        )
        return bool(connection.execute(query).scalar_one())


def wait_until_storing(
    engine: Engine, db_url: str, child: subprocess.Popen[bytes], limit: float = 120
) -> bool:
    """Poll until the child is storing (True) or has ended (False)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if child.poll() is not None:
            return False
        if storing(engine, db_url):
            return True
        time.sleep(0.01)
    raise AssertionError("the import never started storing")


@pytest.fixture
def wal_baseline(store: Engine, db_url: str) -> Iterator[None]:
    """Record the WAL size of the fresh store (SQLite), so that growth means new rows."""
    if store.dialect.name == "sqlite":
        wal = Path(db_url.removeprefix("sqlite:///") + "-wal")
        storing.wal_baseline = wal.stat().st_size if wal.exists() else 0  # type: ignore[attr-defined]
    yield


# --- a killed import ------------------------------------------------------------------------


def test_an_import_killed_while_storing_leaves_the_store_as_it_was(
    store: Engine, store_url: str, tmp_path: Path, wal_baseline: None
) -> None:
    values = 90_000  # under the default row limit; a retry raises the limit with the size
    for _attempt in range(3):
        path = big_csv(store, tmp_path / f"stor-{values}.csv", values)
        before = dump_tables(store)
        child = start_import(store_url, path, MILJOMAL_MAX_ROWS=str(values * 2))
        if wait_until_storing(store, store_url, child):
            child.send_signal(signal.SIGKILL)
            child.wait()
            break
        child.wait()  # it finished before we saw it store: try again with a bigger file
        store.dispose()
        values *= 2
        with store.begin() as connection:
            for table in ("revision", "observation", "upload"):
                connection.execute(text(f"DELETE FROM {table}"))
    else:
        pytest.fail("the import always finished before it could be killed")
    assert child.returncode == -signal.SIGKILL
    store.dispose()  # a new connection, as the next user of the store would open
    assert dump_tables(store) == before
    with session_scope(store) as session:
        assert verify_store(session).ok


# --- two imports at once ---------------------------------------------------------------------


def test_two_different_files_imported_at_once_are_both_recorded(
    store: Engine, store_url: str, tmp_path: Path
) -> None:
    # Both files hold the same values' keys (the second changes each value), the worst case.
    first = big_csv(store, tmp_path / "a.csv", 5_000, first_year=2010)
    second = big_csv(store, tmp_path / "b.csv", 5_000, first_year=2010, offset=7)
    children = [start_import(store_url, path) for path in (first, second)]
    outputs = [child.communicate()[0].decode() for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    with store.connect() as connection:
        uploads = connection.execute(text("SELECT count(*) FROM upload")).scalar_one()
        observations = connection.execute(text("SELECT count(*) FROM observation")).scalar_one()
        revisions = connection.execute(text("SELECT count(*) FROM revision")).scalar_one()
    assert uploads == 2
    assert revisions == 2 * observations  # each value created by one file, changed by the other
    with session_scope(store) as session:
        report = verify_store(session)
    assert report.ok, report.inconsistencies[:3]


def test_the_same_file_imported_twice_at_once_is_recorded_once(
    store: Engine, store_url: str, tmp_path: Path
) -> None:
    path = big_csv(store, tmp_path / "samma.csv", 5_000, first_year=2010)
    children = [start_import(store_url, path) for _ in range(2)]
    outputs = [child.communicate()[0].decode() for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    assert sum(output.startswith("oförändrad ") for output in outputs) == 1, outputs
    assert sum(output.startswith("importerad ") for output in outputs) == 1, outputs
    with store.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM upload")).scalar_one() == 1
    with session_scope(store) as session:
        assert verify_store(session).ok


# --- database errors -------------------------------------------------------------------------


def test_a_full_disk_while_storing_is_one_line_and_nothing_is_written(
    store: Engine, tmp_path: Path
) -> None:
    path = big_csv(store, tmp_path / "full.csv", 2_000, first_year=2015)
    before = dump_tables(store)
    if store.dialect.name == "sqlite":
        # A real SQLITE_FULL: room for the upload row (it keeps the file's bytes) and a
        # few pages more, so that the disk fills up while the values are written.
        with store.connect() as connection:
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
            page_size = connection.exec_driver_sql("PRAGMA page_size").scalar_one()
        store.dispose()
        room = pages + path.stat().st_size // page_size + 15

        def disk_full(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            dbapi_connection.execute(f"PRAGMA max_page_count = {room}")

        listened = "connect"
    else:

        def disk_full(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            if statement.lstrip().upper().startswith("INSERT INTO REVISION"):
                raise conn.dialect.dbapi.OperationalError("database or disk is full")

        listened = "before_cursor_execute"
    event.listen(store, listened, disk_full)
    try:
        outcome = import_file(store, path, user="test")
    finally:
        event.remove(store, listened, disk_full)
        store.dispose()
    assert outcome.outcome == REJECTED
    (problem,) = outcome.problems.errors
    # The bare codes whose meaning changed in 2023 (GN.7, GN.11 ...) are named, as warnings.
    assert {p.code for p in outcome.problems.warnings} == {"code-meaning-changed"}
    assert problem.code == "database-error"
    assert "database or disk is full" in problem.message("en")
    assert "\n" not in problem.message("sv") and "\n" not in problem.message("en")
    assert dump_tables(store) == before


def test_a_read_only_sqlite_store_is_one_line(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from database.engine import make_engine
    from miljomal.bootstrap import initialise

    engine = make_engine(sqlite_url)
    initialise(engine)
    database = sqlite_url.removeprefix("sqlite:///")
    before = dump_tables(engine)
    engine.dispose()
    path = tmp_path / "ett.csv"
    path.write_text("Kommunkod;Indikator;År;Värde\n2281;GN.6;2023;5,8\n", encoding="utf-8")
    read_only = f"sqlite:///file:{database}?mode=ro&uri=true"
    result = subprocess.run(
        [sys.executable, "-m", "miljomal", "--db", read_only, "import", str(path)],
        capture_output=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        check=False,
    )
    output = result.stdout.decode()
    assert result.returncode == 1, output
    errors = [line for line in output.splitlines() if "[database-error]" in line]
    assert len(errors) == 1
    assert "readonly database" in errors[0] and "inget ur filen skrevs" in errors[0]
    assert dump_tables(create_engine(sqlite_url)) == before


def test_a_lost_connection_while_storing_is_one_line_and_nothing_is_written(
    store: Engine, store_url: str, tmp_path: Path
) -> None:
    if store.dialect.name != "postgresql":
        pytest.skip("a connection can be cut from outside only on PostgreSQL")
    path = big_csv(store, tmp_path / "avbruten.csv", 60_000)
    before = dump_tables(store)
    child = start_import(store_url, path)
    assert wait_until_storing(store, store_url, child)
    with store.connect() as connection:
        connection.execute(
            text(
                "SELECT pg_terminate_backend(l.pid) FROM pg_locks l "
                "JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'observation' "
                "AND c.relnamespace = current_schema()::regnamespace "
                "AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()"
            )
        )
    output = child.communicate()[0].decode()
    assert child.returncode == 1, output
    errors = [line for line in output.splitlines() if "[database-error]" in line]
    assert len(errors) == 1, output
    assert "Databasfel" in errors[0] and "inget ur filen skrevs" in errors[0]
    store.dispose()
    assert dump_tables(store) == before


def test_a_duplicate_found_only_when_storing_ends_as_unchanged(
    store: Engine, tmp_path: Path
) -> None:
    # The first look for the file's hash misses (as when another import commits meanwhile);
    # the unique hash then makes the import end as unchanged, not as a crash.
    path = big_csv(store, tmp_path / "tvilling.csv", 100, first_year=2015)
    assert import_file(store, path, user="a").outcome == "imported"
    import indicators.store

    real = indicators.store.find_upload_by_sha
    calls: list[int] = []

    def miss_first(session, sha):  # type: ignore[no-untyped-def]
        calls.append(1)
        return None if len(calls) == 1 else real(session, sha)

    indicators.store.find_upload_by_sha = miss_first  # type: ignore[assignment]
    try:
        before = dump_tables(store)
        outcome = import_file(store, path, user="b")
    finally:
        indicators.store.find_upload_by_sha = real  # type: ignore[assignment]
    assert outcome.outcome == UNCHANGED
    assert [p.code for p in outcome.problems.problems] == ["already-imported"]
    assert dump_tables(store) == before
