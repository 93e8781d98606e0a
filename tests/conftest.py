"""Shared fixtures: a fresh store on SQLite always, and on PostgreSQL when one is configured.

Set MILJOMAL_TEST_DATABASE_URL (for example
``postgresql+psycopg://postgres@127.0.0.1:5432/test``) to run every store test there too;
a test that asks for an empty database gets a schema of its own, dropped afterwards.

An initialised store is built once per test session and worker (``initialise`` takes 1–2 s,
most of a store test's set-up) and every test that asks for ``store`` starts from exactly
that state: on SQLite a copy of the file; on PostgreSQL the worker's one copy of the
template database, put back to the initialised state before each test (``pg_store.py``:
creating and dropping a database per test cost 0,3–1 s each).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from click.testing import Result

from miljomal.cli import cli

PG_URL = os.environ.get("MILJOMAL_TEST_DATABASE_URL")
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"
DATA = Path(__file__).parent / "data"


# Tests that take tens of seconds whatever the machine (whole PDF documents, the demo, races
# with waits): marked `slow` and run first, so that xdist's workers do not end the run
# waiting on one of them.  Node ids, or a test file for all its tests.
SLOW = (
    "tests/test_demo.py",
    "tests/test_web_browser.py",
    "tests/test_accessible_html.py",
    "tests/test_year_lock_race.py",
    "tests/test_crash_and_concurrency.py",
    "tests/test_report_all.py",
    "tests/test_web_county.py::test_rapporter_are_made_on_request_and_cached_until_a_save",
    "tests/test_report_truth.py::test_county_report_names_coverage_and_the_sharp_turn",
    "tests/test_county_report.py::test_identical_bytes_with_source_date_epoch",
    "tests/test_municipality_report.py::test_identical_bytes_with_source_date_epoch",
    "tests/test_county_report.py::test_cli_county_report",
    "tests/test_web_security.py::test_throttling_with_redis",
    "tests/test_web_security.py::test_the_demo_users_log_in_with_the_printed_passwords",
    "tests/test_publish_site.py::test_pages_render_and_pass_axe_in_chromium",
    "tests/test_template.py::test_libreoffice_opens_it_and_a_resave_keeps_what_import_needs",
    "tests/test_store_history.py::test_a_large_file_is_stored_in_bulk",
    "tests/test_site_embeds.py::test_an_embed_shows_in_a_frame_of_another_origin",
    "tests/test_site_embeds.py::test_an_embed_page_passes_axe",
    "tests/test_kolada_sync.py::test_the_county_report_marks_values_from_kolada",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the SLOW tests and move them to the front (a stable sort keeps the rest's order)."""
    for item in items:
        if item.nodeid.split("[")[0].startswith(SLOW):
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@contextlib.contextmanager
def shared_folder(
    tmp_path_factory: pytest.TempPathFactory, name: str
) -> Iterator[tuple[Path, bool]]:
    """A folder that one test run's xdist workers share, and whether it is still to be made.

    For output that takes minutes to make and is only read afterwards (the demo): the first
    worker makes it while holding a lock, the others wait and read it.  Without xdist the
    folder is the run's own.
    """
    import fcntl

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / ".made"
        yield folder, not done.exists()
        done.parent.mkdir(parents=True, exist_ok=True)
        done.touch()


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> Iterator[None]:
    """Argon2id at its smallest cost while testing: hashing the portal fixtures' users took
    most of their set-up.  The product's parameters (argon2-cffi's defaults) are unchanged;
    a hash still says its own parameters, so one made either way verifies either way."""
    from argon2 import PasswordHasher

    import accounts.users

    product = accounts.users._HASHER
    accounts.users._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    accounts.users._HASHER = product


def _pg_schema_url(schema: str) -> str:
    separator = "&" if "?" in PG_URL else "?"  # type: ignore[operator]
    # synchronous_commit as in pg_store.NO_COMMIT_FLUSH: the shared database's own setting
    # is left alone
    options = f"-csearch_path={schema} -csynchronous_commit=off"
    return f"{PG_URL}{separator}options={quote(options)}"


@pytest.fixture(scope="session")
def pg_admin():  # type: ignore[no-untyped-def]
    """An engine on the configured PostgreSQL database, for creating and dropping others."""
    from sqlalchemy import create_engine

    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")  # type: ignore[arg-type]
    yield engine
    engine.dispose()


def _initialise(engine) -> None:  # type: ignore[no-untyped-def]
    from miljomal.bootstrap import initialise

    initialise(engine)


def _migrate(engine) -> None:  # type: ignore[no-untyped-def]
    from miljomal.db import upgrade

    upgrade(engine)


def _sqlite_template(tmp_path_factory: pytest.TempPathFactory, build) -> Path:  # type: ignore[no-untyped-def]
    """A SQLite store file that ``build`` made, once per session (and xdist worker)."""
    from database.engine import make_engine

    path = tmp_path_factory.mktemp("store-template") / "miljomal.db"
    engine = make_engine(f"sqlite:///{path}")
    build(engine)
    engine.dispose()
    # Fold the write-ahead log into the file, so that copying the one file copies the store.
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@contextlib.contextmanager
def _postgresql_template(pg_admin, build) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The name of a PostgreSQL database that ``build`` made, the template of a worker's copy."""
    from pg_store import NO_COMMIT_FLUSH
    from pg_store import database_url
    from sqlalchemy import text

    from database.engine import make_engine

    name = f"miljomal_template_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        conn.execute(text(NO_COMMIT_FLUSH.format(database=f'"{name}"')))
    try:
        engine = make_engine(database_url(PG_URL, name))  # type: ignore[arg-type]
        build(engine)
        engine.dispose()  # a template database may have no open connections
        yield name
    finally:
        with pg_admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An initialised SQLite store file, built once per session (and xdist worker)."""
    return _sqlite_template(tmp_path_factory, _initialise)


@pytest.fixture(scope="session")
def sqlite_migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the newest schema and nothing else, built once per session."""
    return _sqlite_template(tmp_path_factory, _migrate)


@pytest.fixture(scope="session")
def postgresql_template(pg_admin) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The name of an initialised PostgreSQL database, the template of the worker's copy."""
    with _postgresql_template(pg_admin, _initialise) as name:
        yield name


@pytest.fixture(scope="session")
def postgresql_store(postgresql_template: str):  # type: ignore[no-untyped-def]
    """The worker's PostgreSQL store, reset to the initialised state for each test."""
    from pg_store import WorkerDatabase

    database = WorkerDatabase(PG_URL, postgresql_template)  # type: ignore[arg-type]
    yield database
    database.drop()


@pytest.fixture(scope="session")
def postgresql_migrated(pg_admin):  # type: ignore[no-untyped-def]
    """The worker's PostgreSQL database with the newest schema and nothing else, reset to
    that state for each test that asks for ``migrated``."""
    from pg_store import WorkerDatabase

    with _postgresql_template(pg_admin, _migrate) as template:
        database = WorkerDatabase(PG_URL, template)  # type: ignore[arg-type]
        yield database
        database.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database of each kind: empty, in the initialised state when the test
    asks for ``store``, or migrated when it asks for ``migrated`` (SQLite: a copy of the
    template file; PostgreSQL: the worker's database of that state, reset; an empty one is a
    schema of its own)."""
    initialised = "store" in request.fixturenames
    migrated = not initialised and "migrated" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "miljomal.db"
        if initialised:
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        elif migrated:
            shutil.copyfile(request.getfixturevalue("sqlite_migrated_template"), path)
        yield f"sqlite:///{path}"
        return
    if not PG_URL:
        pytest.skip("MILJOMAL_TEST_DATABASE_URL is not set; PostgreSQL tests skipped")
    if initialised:
        yield request.getfixturevalue("postgresql_store").checkout()
        return
    if migrated:
        yield request.getfixturevalue("postgresql_migrated").checkout()
        return
    from sqlalchemy import text

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = request.getfixturevalue("pg_admin")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        yield _pg_schema_url(name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The URL of an empty SQLite database, for tests that need only one kind."""
    return f"sqlite:///{tmp_path / 'miljomal.db'}"


@pytest.fixture
def sqlite_store_url(sqlite_url: str, sqlite_template: Path, tmp_path: Path) -> str:
    """``sqlite_url`` holding an initialised store: a copy of the session's template, what
    ``initialise`` makes without its 1–2 s (for tests on SQLite only, like `serve`'s)."""
    shutil.copyfile(sqlite_template, tmp_path / "miljomal.db")
    return sqlite_url


@pytest.fixture
def engine(db_url: str):  # type: ignore[no-untyped-def]
    """An engine on an empty database of each kind, schema not yet created."""
    from database.engine import make_engine

    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def migrated(engine):  # type: ignore[no-untyped-def]
    """An engine on a database holding the newest schema and nothing else: what ``upgrade``
    makes of an empty database, copied from a template migrated once per session (Alembic's
    migrations took most of the set-up of the tests that load their own registry or set).

    ``db_url`` has already put the migrated template in place; ``upgrade`` finds it at head.
    """
    return engine


@pytest.fixture
def store(engine):  # type: ignore[no-untyped-def]
    """An engine on an initialised store: schema, registry and bundled catalogues.

    ``db_url`` has already put the session's initialised template in place.
    """
    return engine


@pytest.fixture
def store_url(store, db_url: str) -> str:  # type: ignore[no-untyped-def]
    """The URL of an initialised store, for CLI tests."""
    return db_url


def run_cli(*args: str, db: str | None = None, input: str | None = None) -> Result:
    """Run `miljomal [--db URL] ARGS...` in-process and return click's result."""
    argv = (["--db", db] if db else []) + list(args)
    return CliRunner().invoke(cli, argv, input=input, catch_exceptions=False)


@pytest.fixture
def miljomal(store_url: str):  # type: ignore[no-untyped-def]
    """Run the CLI against an initialised store: ``miljomal("indicators", "list")``."""

    def _run(*args: str, input: str | None = None) -> Result:
        return run_cli(*args, db=store_url, input=input)

    return _run


def add_test_indicators(engine, codes: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Create the schema, load the registry and a `test-set` of % indicators; code -> id.

    For store tests that want a catalogue of their own instead of the bundled one; the
    indicators are sorted in the order given.
    """
    from sqlalchemy import select

    from database.engine import session_scope
    from indicators.models import Indicator
    from indicators.models import IndicatorSet
    from miljomal.db import upgrade
    from municipalities.registry import load_registry

    upgrade(engine)
    with session_scope(engine) as session:
        load_registry(session)
        test_set = IndicatorSet(code="test-set", name="Testnyckeltal")
        session.add(test_set)
        session.flush()
        for order, code in enumerate(codes, start=1):
            session.add(
                Indicator(
                    code=code,
                    set_id=test_set.id,
                    sort_order=order,
                    name=f"Test {code}",
                    name_en=f"Test {code}",
                    unit="%",
                    direction="higher",
                    decimals=1,
                )
            )
        session.flush()
        return dict(session.execute(select(Indicator.code, Indicator.id)).all())


@contextlib.contextmanager
def one_transaction(db: str) -> Iterator[Any]:
    """A session on the store at ``db`` whose changes commit together; the engine is
    disposed after (set-up that would otherwise take a CLI call, and on PostgreSQL a new
    connection, per change)."""
    from database.engine import make_engine
    from database.engine import session_scope

    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            yield session
    finally:
        engine.dispose()


def approve_years(db: str, municipality: str, years: Iterable[int], user: str = "lars") -> None:
    """Approve a municipality's years in one transaction: set-up for tests of what approval
    lets through (`miljomal approval approve` does one year per call; it is tested in
    test_county_approval.py)."""
    from review.approval import approve

    with one_transaction(db) as session:
        for year in years:
            approve(session, municipality, year, user)


def confirm_mappings(db: str, set_code: str, codes: Iterable[str], user: str) -> None:
    """Confirm Kolada mappings in one transaction (`miljomal kolada map confirm` does one
    per call; it is tested in test_kolada_sync.py)."""
    from kolada.mapping import confirm_mapping

    with one_transaction(db) as session:
        for code in codes:
            confirm_mapping(session, set_code, code, user)
