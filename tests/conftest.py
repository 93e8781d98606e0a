"""Shared fixtures: a fresh store on SQLite always, and on PostgreSQL when one is configured.

Set MILJOMAL_TEST_DATABASE_URL (for example
``postgresql+psycopg://postgres@127.0.0.1:5432/test``) to run every store test there too;
each test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner, Result

from miljomal.cli import cli

PG_URL = os.environ.get("MILJOMAL_TEST_DATABASE_URL")
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"
DATA = Path(__file__).parent / "data"


def _pg_schema_url(schema: str) -> str:
    separator = "&" if "?" in PG_URL else "?"  # type: ignore[operator]
    return f"{PG_URL}{separator}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of each kind (PostgreSQL: a schema of its own)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'miljomal.db'}"
        return
    if not PG_URL:
        pytest.skip("MILJOMAL_TEST_DATABASE_URL is not set; PostgreSQL tests skipped")
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The URL of an empty SQLite database, for tests that need only one kind."""
    return f"sqlite:///{tmp_path / 'miljomal.db'}"


@pytest.fixture
def engine(db_url: str):  # type: ignore[no-untyped-def]
    """An engine on an empty database of each kind, schema not yet created."""
    from miljomal.db import make_engine

    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine):  # type: ignore[no-untyped-def]
    """An engine on an initialised store: schema, registry and bundled catalogues."""
    from miljomal.bootstrap import initialise

    initialise(engine)
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

    from indicators.models import Indicator, IndicatorSet
    from miljomal.db import session_scope, upgrade
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
