"""Opening the store: engine settings per database, and schema upgrades through Alembic."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

DEFAULT_URL = "sqlite:///miljomal.db"
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(Exception):
    """The store cannot be reached, opened or upgraded."""


def database_url(option: str | None = None) -> str:
    """The database URL: the --db option, else MILJOMAL_DATABASE_URL, else ./miljomal.db."""
    url = option or os.environ.get("MILJOMAL_DATABASE_URL") or DEFAULT_URL
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # psycopg 3 is the driver we ship; plain URLs from other tools should just work.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, **kwargs: object) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and foreign keys on every connection."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 60}, **kwargs)

            @event.listens_for(engine, "connect")
            def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
                # pysqlite's own transaction handling would defer BEGIN; we issue it ourselves
                # so that a write transaction takes its lock up front (no upgrade deadlocks).
                dbapi_connection.isolation_level = None
                cursor = dbapi_connection.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA busy_timeout=60000")
                cursor.execute("PRAGMA foreign_keys=ON")
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.close()

            @event.listens_for(engine, "begin")
            def _sqlite_begin(conn):  # type: ignore[no-untyped-def]
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        else:
            engine = create_engine(url, pool_pre_ping=True, **kwargs)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise StoreError(f"not a database URL we can use: {url!r} ({exc})") from exc
    return engine


def alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    """An Alembic configuration pointing at the bundled migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    from alembic import command
    from sqlalchemy.exc import OperationalError

    try:
        command.upgrade(alembic_config(engine), "head")
    except OperationalError as exc:
        raise StoreError(f"cannot reach the database: {_first_line(exc)}") from exc


def check_schema(engine: Engine) -> None:
    """Fail with a clear message when the store has no schema yet (run `miljomal init`)."""
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    try:
        # The dialect's own check, without building an Inspector: this runs at the start of
        # every command, and a one-file import is short.
        with engine.connect() as connection:
            has = engine.dialect.has_table(connection, "alembic_version")
    except OperationalError as exc:
        raise StoreError(f"cannot reach the database: {_first_line(exc)}") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the database: {_first_line(exc)}") from exc
    if not has:
        raise StoreError("the database has no miljomal schema yet; run `miljomal init` first")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose transaction commits on success and rolls back on any error."""
    from sqlalchemy.orm import Session

    with Session(engine) as session, session.begin():
        yield session


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
