"""The shell's own part of the store: schema upgrades through the bundled Alembic migrations.

Opening the store (engine, session, schema check) is `database.engine`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from database.engine import first_line
from database.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration pointing at the bundled migrations."""
    from alembic.config import Config  # heavy: tests/test_startup_imports.py (import)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    from alembic import command  # heavy: tests/test_startup_imports.py (import)

    try:
        command.upgrade(alembic_config(engine), "head")
    except OperationalError as exc:
        raise StoreError("cannot-reach", cause=first_line(exc)) from exc
    finally:
        # A migration may switch a SQLite connection's transaction mode (autocommit blocks
        # for PRAGMA foreign_keys); Alembic restores pysqlite's default, not ours, so the
        # pooled connections it touched are dropped and new ones get our connect settings.
        engine.dispose()
