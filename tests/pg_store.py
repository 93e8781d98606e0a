"""One PostgreSQL store per test worker, put back to its initialised state before each test.

``CREATE DATABASE … TEMPLATE`` and ``DROP DATABASE`` per test cost 0,3–1 s each on a busy
two-core machine, most of a PostgreSQL store test's set-up.  A worker instead copies the
initialised template once and, before each test, undoes what the previous test did:

- the tables the initialised store leaves empty (uploads, values, users, …) are emptied with
  ``DELETE`` and ``VACUUM``-ed back to no pages at all: a table a test wrote to has pages,
  one it did not has none (``pg_relation_size``), so only those are touched (as a superuser
  without the foreign keys' per-row checks: what could refer to those rows is emptied or
  restored too).  ``TRUNCATE``
  costs 30–60 ms a table (new files each time); the vacuum's truncation also leaves the
  table physically as a fresh copy has it, so rows read without ``ORDER BY`` come back in
  the order they were written, as on a fresh copy;
- the tables the initialised store fills (registry, catalogues, Alembic's version) are
  compared with their snapshot, rows in physical order; one that differs is truncated with
  every table that refers to it, and the snapshot's rows are copied back in (rare: few
  tests change the registry or a catalogue);
- every sequence a test moved is set back to its snapshot value;
- when the schema itself changed (a test dropped an index, ran a downgrade), the database is
  replaced by a new copy of the template, under a new name.  What counts as the schema is
  the catalogue's fingerprint (relations, columns, defaults, constraints, indexes, triggers,
  types, functions); it is computed only when a catalogue row it reads has a new version
  (a new ``xmin``: any DDL writes one), which asking costs half as much.

Other connections to the database are ended first, as ``DROP DATABASE … WITH (FORCE)`` did:
an engine a test left behind may hold a lock or an advisory lock.  The reset goes on once
none of them is left in ``pg_stat_activity`` or ``pg_locks``.

What is not put back: the planner's statistics of a table emptied this way (``VACUUM`` counts
it as empty where a fresh copy has it as never counted), and the pages an index keeps.
Neither is anything a query can read.  ``MILJOMAL_TEST_PG_COUNTS=FILE`` appends each
worker's counts (resets, tables emptied, restores, replacements) to FILE at the end.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from dataclasses import field
from graphlib import TopologicalSorter
from typing import Any

import psycopg
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.engine import make_url

# The schema as the catalogue describes it: relations, columns, defaults, constraints,
# indexes, sequences, types and functions of every schema but the system's own.
_SCHEMA_FINGERPRINT = """
SELECT md5(string_agg(item, E'\\n' ORDER BY item)) FROM (
    SELECT 'schema ' || nspname AS item FROM pg_namespace
    WHERE nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'
    UNION ALL
    SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text || ':'
           || coalesce(array_to_string(c.reloptions, ','), '')
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
    UNION ALL
    SELECT a.attrelid::regclass::text || '.' || a.attname || ':'
           || format_type(a.atttypid, a.atttypmod) || ':' || a.attnotnull::text || ':'
           || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
      AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT conrelid::regclass::text || '.' || conname || ':' || pg_get_constraintdef(oid)
    FROM pg_constraint
    WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
    UNION ALL
    SELECT schemaname || ':' || indexdef FROM pg_indexes
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
    UNION ALL
    SELECT tgrelid::regclass::text || '.' || tgname || ':' || tgenabled::text
    FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL
    SELECT t.typname || ':' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
    FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid GROUP BY t.typname
    UNION ALL
    SELECT p.oid::regprocedure::text || ':' || md5(p.prosrc) FROM pg_proc p
    WHERE p.pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
) AS catalogue
"""

# Which versions of the catalogue rows the fingerprint reads are there, in half its time: the
# same rows (and the index relations and types its functions name), each as its key and
# xmin.  A row a statement changes is a new version with a new xmin (VACUUM and ANALYZE
# write their counts in place, and those are not read); the rows a fingerprint depends on
# cannot change without this sum changing too.  It changes for more than the fingerprint
# does (TRUNCATE gives a table new files, so a new pg_class row): then the fingerprint
# decides.
_CATALOGUE_ROWS = """
SELECT count(*) || ':' || sum(hashtextextended(item, 0)::numeric) FROM (
    SELECT 'n' || oid || ':' || xmin AS item FROM pg_namespace
    WHERE nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'
    UNION ALL
    SELECT 'c' || c.oid || ':' || c.xmin
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
    UNION ALL
    SELECT 'a' || a.attrelid || '.' || a.attnum || ':' || a.xmin
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
      AND a.attnum > 0
    UNION ALL
    SELECT 'd' || d.oid || ':' || d.xmin
    FROM pg_attrdef d
    JOIN pg_class c ON c.oid = d.adrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
    UNION ALL
    SELECT 'k' || oid || ':' || xmin FROM pg_constraint
    WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
    UNION ALL
    SELECT 'i' || i.indexrelid || ':' || i.xmin || ':' || c.xmin
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_class t ON t.oid = i.indrelid
    WHERE t.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
    UNION ALL
    SELECT 't' || oid || ':' || xmin FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL
    SELECT 'y' || oid || ':' || xmin FROM pg_type
    WHERE typnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
       OR typtype = 'e'
    UNION ALL
    SELECT 'e' || oid || ':' || xmin FROM pg_enum
    UNION ALL
    SELECT 'p' || oid || ':' || xmin FROM pg_proc
    WHERE pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
) AS catalogue
"""

# Every sequence's last value (NULL before its first nextval), by name.
_SEQUENCES = """
SELECT coalesce(json_object_agg(schemaname || '.' || sequencename, last_value), '{}')
FROM pg_sequences WHERE schemaname = 'public'
"""


# A commit in a test database returns without waiting for its WAL to reach the disk
# (3–6 ms a commit on this machine, thousands of commits a run).  What a commit makes visible
# and what a killed client leaves behind are the same; only a crash of the server itself
# could lose the last commits, and no test crashes the server.
NO_COMMIT_FLUSH = "ALTER DATABASE {database} SET synchronous_commit = off"


# How long the connections a test left behind may take to end (pg_terminate_backend's own
# wait was 10 s).
_LEAVE_TIMEOUT = 10.0


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def database_url(base_url: str, database: str) -> str:
    """``base_url`` pointing at another database of the same server."""
    return make_url(base_url).set(database=database).render_as_string(hide_password=False)


def _libpq_url(url: str) -> str:
    """A SQLAlchemy ``postgresql+psycopg://`` URL as libpq takes it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@dataclass
class _Snapshot:
    """What the initialised store holds, taken once from a fresh copy."""

    tables: list[str]  # every table of the public schema, parents before children
    filled: dict[str, bytes]  # the tables with rows: their rows as COPY writes them
    hashes: dict[str, str]  # and the same rows' digest, in physical order
    sequences: dict[str, tuple[int, bool]]  # every sequence: (last value, is called)
    schema: str  # the catalogue's fingerprint
    catalogue: str  # and its rows' versions (_CATALOGUE_ROWS)
    empty: list[str] = field(default_factory=list)  # the tables without rows
    children: dict[str, set[str]] = field(default_factory=dict)  # who refers to each table


def _sequence_state(last_value: int | None) -> tuple[int, bool]:
    """A sequence's (value, is called) as ``setval`` takes them, from its last value."""
    return (int(last_value or 1), last_value is not None)


def _rows_digest(table: str) -> str:
    return (
        f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY ctid), '')) "
        f"FROM public.{_quote(table)} t)"
    )


class WorkerDatabase:
    """A copy of the initialised template that one test at a time uses, reset in between."""

    def __init__(self, base_url: str, template: str) -> None:
        self.base_url = base_url
        self.template = template
        self.admin: Engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
        self.name = ""
        self.connection: psycopg.Connection[Any] | None = None
        self.snapshot: _Snapshot | None = None
        self.used = False  # handed to a test since the last reset
        self.superuser = False  # whether the reset's DELETE may turn the triggers off
        self.counts = {"resets": 0, "emptied": 0, "restored": 0, "replaced": 0}
        self._copy()

    @property
    def url(self) -> str:
        return database_url(self.base_url, self.name)

    def _copy(self) -> None:
        """A new database copied from the template, and its snapshot."""
        self.name = f"miljomal_worker_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(
                text(f"CREATE DATABASE {_quote(self.name)} TEMPLATE {_quote(self.template)}")
            )
            conn.execute(text(NO_COMMIT_FLUSH.format(database=_quote(self.name))))
        self.connection = psycopg.connect(_libpq_url(self.url), autocommit=True)
        self.snapshot = self._take_snapshot()
        self.used = False
        # Only a superuser may turn the foreign keys' triggers off (see reset)
        shown = self.connection.execute("SHOW is_superuser").fetchone()
        self.superuser = shown == ("on",)

    def _take_snapshot(self) -> _Snapshot:
        assert self.connection is not None
        run = self.connection.execute
        tables = [
            row[0]
            for row in run(
                "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace"
                " AND c.relkind IN ('r', 'p') ORDER BY c.relname"
            )
        ]
        parents: dict[str, set[str]] = {table: set() for table in tables}
        for child, parent in run(
            "SELECT c.relname, p.relname FROM pg_constraint k"
            " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid"
            " WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace"
        ):
            if child != parent and child in parents:
                parents[child].add(parent)
        ordered = list(TopologicalSorter(parents).static_order())
        children: dict[str, set[str]] = {table: set() for table in tables}
        for child, referred in parents.items():
            for parent in referred:
                children[parent].add(child)
        filled: dict[str, bytes] = {}
        for table in ordered:
            if run(f"SELECT EXISTS (SELECT FROM public.{_quote(table)})").fetchone()[0]:  # type: ignore[index]
                with self.connection.cursor().copy(
                    f"COPY public.{_quote(table)} TO STDOUT"
                ) as copy:
                    filled[table] = b"".join(bytes(block) for block in copy)
        hashes = {}
        if filled:
            digests = ", ".join(_rows_digest(table) for table in filled)
            hashes = dict(zip(filled, run(f"SELECT {digests}").fetchone() or (), strict=True))
        sequences = {
            name: _sequence_state(value)
            for name, value in run(_SEQUENCES).fetchone()[0].items()  # type: ignore[index]
        }
        schema = run(_SCHEMA_FINGERPRINT).fetchone()[0]  # type: ignore[index]
        catalogue = run(_CATALOGUE_ROWS).fetchone()[0]  # type: ignore[index]
        empty = [table for table in ordered if table not in filled]
        return _Snapshot(ordered, filled, hashes, sequences, schema, catalogue, empty, children)

    def checkout(self) -> str:
        """The database's URL, in its initialised state, for one test."""
        if self.used:
            self.reset()
        self.used = True
        return self.url

    def reset(self) -> None:
        """Undo what the last test did (see the module's docstring)."""
        from miljomal.commands import report

        # The report command keeps one engine per URL for its worker processes; in-process
        # (one job) that is this process, and its connection ends below.
        stale = report._ENGINES.pop(self.url, None)
        if stale is not None:
            stale.dispose()
        assert self.connection is not None and self.snapshot is not None
        snapshot, run = self.snapshot, self.connection.execute
        self.counts["resets"] += 1
        self._end_other_connections()
        empty = ", ".join(_literal(table) for table in snapshot.empty) or "NULL"
        columns = [
            f"({_CATALOGUE_ROWS})",
            f"({_SEQUENCES})",
            "ARRAY(SELECT c.relname::text FROM pg_class c"
            " WHERE c.relnamespace = 'public'::regnamespace"
            f" AND c.relname IN ({empty}) AND pg_relation_size(c.oid) > 0)",
            *(_rows_digest(table) for table in snapshot.filled),
        ]
        found = run(f"SELECT {', '.join(columns)}").fetchone()
        catalogue, sequences, written, *hashes = found  # type: ignore[misc]
        if catalogue != snapshot.catalogue:
            if run(_SCHEMA_FINGERPRINT).fetchone()[0] != snapshot.schema:  # type: ignore[index]
                self.counts["replaced"] += 1
                self._replace()
                return
            snapshot.catalogue = catalogue  # new row versions, the same schema
        changed = [
            table
            for table, digest in zip(snapshot.filled, hashes, strict=True)
            if digest != snapshot.hashes[table]
        ]
        setval = ", ".join(
            f"setval({_literal(name)}, {value}, {called})"
            for name, (value, called) in snapshot.sequences.items()
            if _sequence_state(sequences.get(name)) != (value, called)
        )
        if changed:
            self.counts["restored"] += 1
            written = self._restore(changed, written)
            # TRUNCATE gave the tables new files: new pg_class rows, the same schema
            snapshot.catalogue = run(_CATALOGUE_ROWS).fetchone()[0]  # type: ignore[index]
        order = [table for table in reversed(snapshot.tables) if table in written]
        self.counts["emptied"] += len(order)
        if order:
            run(
                # Without the foreign keys' triggers (a check per row deleted from a table
                # others refer to): every row that could refer to one of these is in a
                # table emptied here too, or in a filled table, and one of those that
                # refers to a row the test wrote differs from its snapshot and was restored.
                "BEGIN; "
                + ("SET LOCAL session_replication_role = replica; " if self.superuser else "")
                + "; ".join(f"DELETE FROM public.{_quote(table)}" for table in order)
                + (f"; SELECT {setval}" if setval else "")
                + "; COMMIT"
            )
            run("VACUUM (INDEX_CLEANUP ON) " + ", ".join(f"public.{_quote(t)}" for t in order))
        elif setval:
            run(f"SELECT {setval}")

    def _end_other_connections(self) -> None:
        """End every other connection to the database and wait until each has released its
        locks and left: ``pg_terminate_backend(pid, timeout)`` waits too, but in steps of
        100 ms, and a test leaves an engine's connections behind more often than not."""
        assert self.connection is not None
        run = self.connection.execute
        ended = [
            pid
            for pid, _ in run(
                "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ]
        deadline, pause = time.monotonic() + _LEAVE_TIMEOUT, 0.0
        while ended:
            # A backend releases its locks (advisory ones too) before it leaves
            # pg_stat_activity; pg_locks is asked as well rather than relied on for that.
            ended = run(
                "SELECT ARRAY(SELECT pid FROM pg_stat_activity WHERE pid = ANY(%(pids)s)"
                " UNION SELECT pid FROM pg_locks WHERE pid = ANY(%(pids)s))",
                {"pids": ended},
            ).fetchone()[0]  # type: ignore[index]
            if ended and time.monotonic() > deadline:
                raise RuntimeError(f"connections {ended} did not end in {_LEAVE_TIMEOUT} s")
            if ended:
                time.sleep(pause)  # the first look again at once: most have left by then
                pause = min(0.01, pause + 0.0005)

    def _restore(self, changed: list[str], written: list[str]) -> list[str]:
        """Truncate the changed tables with every table that refers to them and copy the
        snapshot's rows back in; the written tables that are left to empty."""
        assert self.connection is not None and self.snapshot is not None
        snapshot = self.snapshot
        truncated, todo = set(changed), list(changed)
        while todo:  # what TRUNCATE … CASCADE reaches
            for child in snapshot.children[todo.pop()]:
                if child not in truncated:
                    truncated.add(child)
                    todo.append(child)
        names = [table for table in snapshot.tables if table in truncated]
        with self.connection.transaction():
            self.connection.execute(
                "TRUNCATE " + ", ".join(f"public.{_quote(table)}" for table in names)
            )
            cursor = self.connection.cursor()
            for table, rows in snapshot.filled.items():  # parents first
                if table in truncated:
                    with cursor.copy(f"COPY public.{_quote(table)} FROM STDIN") as copy:
                        copy.write(rows)
        return [table for table in written if table not in truncated]

    def _replace(self) -> None:
        """A new copy of the template instead of this database (its schema changed)."""
        old = self.name
        self.close_connection()
        with self.admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(old)} WITH (FORCE)"))
        self._copy()

    def close_connection(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def drop(self) -> None:
        """Drop the database (at the end of the session)."""
        counts = os.environ.get("MILJOMAL_TEST_PG_COUNTS")
        if counts:
            with open(counts, "a", encoding="utf-8") as out:
                out.write(json.dumps(self.counts) + "\n")
        self.close_connection()
        with self.admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(self.name)} WITH (FORCE)"))
        self.admin.dispose()
