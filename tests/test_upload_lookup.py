"""The importer finds a file seen before through an index, not by reading every upload.

Every upload row holds its file (`upload.content`), and a county's store gathers thousands:
a look for a hash that scans them costs milliseconds per file imported (2 ms at 5 000
uploads of 10 KB), and more each year.  Migration 0014 indexes the hash for every upload,
standing or reverted; the partial unique index of 0004 holds standing ones only.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import event
from test_import_cli import good_csv

from database.engine import make_engine
from intake.importer import import_file


def test_every_look_for_a_files_hash_uses_an_index(sqlite_store_url: str, tmp_path: Path) -> None:
    engine = make_engine(sqlite_store_url)
    statements: list[str] = []

    @event.listens_for(engine, "connect")
    def _trace(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.set_trace_callback(statements.append)

    path = good_csv(tmp_path / "a.csv")
    assert import_file(engine, path, user="anna").outcome == "imported"
    assert import_file(engine, path, user="anna").outcome == "unchanged"  # seen before
    engine.dispose()
    looks = [sql for sql in statements if "FROM upload" in sql and "sha256 =" in sql]
    assert len(looks) >= 3  # the first look, the look in the transaction, the one storing
    database = sqlite_store_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        for sql in looks:
            plan = " ".join(row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}"))
            assert "USING" in plan and "INDEX" in plan, (sql, plan)
            assert "SCAN upload" not in plan, (sql, plan)
