"""`miljomal init`: creating a store, running it again, and failing clearly on a bad database."""

from __future__ import annotations

from click.testing import CliRunner
from click.testing import Result
from sqlalchemy import func
from sqlalchemy import select

from database.engine import make_engine
from database.engine import session_scope
from indicators.models import Indicator
from miljomal.cli import cli
from municipalities.models import County
from municipalities.models import Municipality

COUNTS = "Register: 21 län, 290 kommuner. Katalog: 2 indikatoruppsättning(ar), 29 indikatorer."


def run(*args: str) -> Result:
    """Run `miljomal ARGS...` in-process."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def stored_counts(url: str) -> tuple[int, int, int]:
    """(counties, municipalities, indicators) in the store at url."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return tuple(  # type: ignore[return-value]
                session.scalar(select(func.count()).select_from(table))
                for table in (County, Municipality, Indicator)
            )
    finally:
        engine.dispose()


def test_init_creates_the_schema_and_loads_registry_and_catalogue(db_url: str) -> None:
    result = run("--db", db_url, "init")
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first.startswith("Lagret är klart: ")
    assert first.endswith(" (schemat skapat)")
    assert second == COUNTS
    assert stored_counts(db_url) == (21, 290, 29)


def test_init_twice_is_harmless(db_url: str) -> None:
    assert run("--db", db_url, "init").exit_code == 0
    result = run("--db", db_url, "init")
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first.endswith(" (schemat är aktuellt)")
    assert second == COUNTS
    assert stored_counts(db_url) == (21, 290, 29)


def test_init_with_a_url_that_is_no_database_is_one_error_line() -> None:
    result = run("--db", "nonsense://x", "init")
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    # The supported databases are named (issue 11: instead of a driver's import error).
    assert line.startswith("Fel: miljomal fungerar med SQLite ")
    assert line.endswith("och PostgreSQL (postgresql://ANVÄNDARE@VÄRD/DATABAS), inte nonsense")
    assert "Traceback" not in result.output


def test_init_with_an_unreachable_database_is_one_error_line() -> None:
    result = run("--db", "postgresql+psycopg://postgres@127.0.0.1:1/none", "init")
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Fel: kan inte nå databasen: ")
    assert "port 1 failed" in line
    assert "Traceback" not in result.output
