"""Opening the store: the database URL, engine settings per database, sessions, the schema check."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import NoSuchModuleError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from database.errors import SUPPORTED
from database.errors import StoreError

DEFAULT_URL = "sqlite:///miljomal.db"


def first_line(exc: BaseException) -> str:
    """The first line of a database error (the driver's own message where there is one)."""
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def database_url(option: str | None = None) -> str:
    """The database URL: the --db option, else MILJOMAL_DATABASE_URL, else ./miljomal.db.

    A value without `://` is the path of a SQLite file (`--db arkiv/miljomal.db`).
    """
    url = option or os.environ.get("MILJOMAL_DATABASE_URL") or DEFAULT_URL
    if "://" not in url:
        url = "sqlite:///" + url
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # psycopg 3 is the driver we ship; plain URLs from other tools should just work.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def safe_url(url: str) -> str:
    """The database URL without its password (and without a user's secret in the query)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url.split("@")[-1]
    secret = [k for k in parsed.query if k.lower() in ("password", "sslpassword")]
    # URL.set() ignores None, so the NamedTuple's own _replace drops the password.
    cleaned = parsed.difference_update_query(secret)._replace(password=None)
    return cleaned.render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (absolute), or None for other databases and in-memory ones."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    database = str(parsed.database)
    if database.startswith("file:"):
        database = database.removeprefix("file:").split("?", 1)[0]
    return Path(database).absolute()


def require_store_file(url: str) -> None:
    """Refuse a SQLite file that does not exist: only `miljomal init` creates a store."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise StoreError("no-store", path=path)


def make_engine(url: str, *, read_only: bool = False, **kwargs: object) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and foreign keys on every connection.

    ``read_only`` opens a SQLite file with ``mode=ro``: nothing is created or written, so
    reading commands also work where the folder (or the file) cannot be written.
    """
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise StoreError("not-a-url", url=safe_url(url), supported=SUPPORTED) from exc
    if backend not in ("sqlite", "postgresql"):
        raise StoreError("unsupported-backend", supported=SUPPORTED, backend=backend)
    try:
        if backend == "sqlite":
            path = sqlite_path(url)
            if read_only and path is not None:
                url = f"sqlite:///file:{quote(str(path))}?{_read_only_parameters(path)}&uri=true"
            engine = create_engine(url, connect_args={"timeout": 60}, **kwargs)

            @event.listens_for(engine, "connect")
            def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
                # pysqlite's own transaction handling would defer BEGIN; we issue it ourselves
                # so that a write transaction takes its lock up front (no upgrade deadlocks).
                dbapi_connection.isolation_level = None
                cursor = dbapi_connection.cursor()
                if not read_only:  # a read-only connection may not change the journal
                    cursor.execute("PRAGMA journal_mode=WAL")
                    cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute("PRAGMA busy_timeout=60000")
                cursor.execute("PRAGMA foreign_keys=ON")
                cursor.close()

            @event.listens_for(engine, "begin")
            def _sqlite_begin(conn):  # type: ignore[no-untyped-def]
                _begin_on_driver(conn, "BEGIN" if read_only else "BEGIN IMMEDIATE")

        else:
            engine = create_engine(url, pool_pre_ping=True, **kwargs)
    except (ArgumentError, NoSuchModuleError, ValueError, ImportError) as exc:
        raise StoreError(
            "cannot-open-url", url=safe_url(url), cause=exc, supported=SUPPORTED
        ) from exc
    return engine


def _begin_on_driver(connection: Connection, sql: str) -> None:
    """Begin a SQLite transaction on the driver's connection itself.

    Every transaction begins here (each file of an import): SQLAlchemy's execution of the
    statement cost 70 µs more than the statement within an import of 290 small files.  A
    driver error still arrives as one of SQLAlchemy's, as from ``exec_driver_sql``.
    """
    driver_connection = connection.connection.driver_connection
    error = connection.dialect.loaded_dbapi.Error
    try:
        driver_connection.execute(sql)  # type: ignore[union-attr]
    except error as exc:
        raise DBAPIError.instance(sql, None, exc, error) from exc


def check_schema(engine: Engine) -> None:
    """Fail with a clear message when the store has no schema yet (run `miljomal init`)."""
    try:
        # The dialect's own check, without building an Inspector: this runs at the start of
        # every command, and a one-file import is short.
        with engine.connect() as connection:
            has = engine.dialect.has_table(connection, "alembic_version")
    except OperationalError as exc:
        raise StoreError("cannot-reach", cause=first_line(exc)) from exc
    except SQLAlchemyError as exc:
        raise StoreError("cannot-open", cause=first_line(exc)) from exc
    if not has:
        raise StoreError("no-schema")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose transaction commits on success and rolls back on any error."""
    with Session(engine) as session, session.begin():
        yield session


def _read_only_parameters(path: Path) -> str:
    """`mode=ro`, and `immutable=1` where SQLite could not otherwise read a WAL store.

    SQLite reads a WAL-mode file read-only only when its `-shm` file exists or can be made.
    In a folder we cannot write, with no `-wal` file beside the store (so no writer has it
    open), the file cannot change under us while we read it: `immutable=1` lets SQLite read
    it without the `-shm` file.
    """
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not wal.exists():
        return "mode=ro&immutable=1"
    return "mode=ro"
