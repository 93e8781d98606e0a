"""Many rows written at once: one executemany per statement, the rows streamed to the driver.

The store's writes (`indicators.store.apply_values`, `indicators.revert`) go through here.
On SQLite the rows go to sqlite3 as plain values, past SQLAlchemy's per-row parameter
handling, which costs more than the insert itself; on PostgreSQL SQLAlchemy batches them.
The import path's reads (`select_rows`) come back the same way, as the driver's rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from typing import NamedTuple
from typing import cast

from sqlalchemy import Insert
from sqlalchemy import Select
from sqlalchemy import Table
from sqlalchemy import Update
from sqlalchemy import bindparam
from sqlalchemy import insert
from sqlalchemy import update
from sqlalchemy.engine import Connection
from sqlalchemy.engine import CursorResult
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from indicators.models import Observation
from indicators.models import Revision


class State(NamedTuple):
    """A value's state in a revision; ``status`` is None before the observation existed."""

    value: float | None
    status: str | None
    comment: str | None


_OBSERVATION = cast(Table, Observation.__table__)
_REVISION = cast(Table, Revision.__table__)

# Columns written per row, in table order; the same statements serve every file of a batch.
OBSERVATION_COLUMNS = (
    "municipality_code",
    "indicator_id",
    "year",
    "value",
    "status",
    "comment",
    "upload_id",
    "updated_at",
)
REVISION_COLUMNS = (
    "observation_id",
    "upload_id",
    "old_value",
    "old_status",
    "old_comment",
    "new_value",
    "new_status",
    "new_comment",
    "changed_at",
    "changed_by",
    "reason",
)
_UPDATE_COLUMNS = ("b_value", "b_status", "b_comment", "b_upload", "b_now", "b_id")
INSERT_OBSERVATION = insert(_OBSERVATION)
_INSERT_REVISION = insert(_REVISION)
_UPDATE_OBSERVATION = (
    update(_OBSERVATION)
    .where(_OBSERVATION.c.id == bindparam("b_id"))
    .values(
        value=bindparam("b_value"),
        status=bindparam("b_status"),
        comment=bindparam("b_comment"),
        upload_id=bindparam("b_upload"),
        updated_at=bindparam("b_now"),
    )
)


def select_rows(
    session: Session, statement: Select[Any], parameters: dict[str, Any]
) -> Iterable[Sequence[Any]]:
    """The rows of a select of plain columns, with IN lists (list values in ``parameters``).

    SQLAlchemy expands an IN list into its parameters on every execution, which costs more
    than the query itself for a 16-value template (three such queries for every imported
    file, and three more without lists whose overhead is most of their time). On SQLite
    the SQL for lists of these lengths is compiled once, and the rows come from the driver
    as they are: sqlite3 gives text, integers and floats as stored, which is what
    SQLAlchemy's rows would hold too, without a Row object per row (the current values of
    a 232 000-row file in 0.35 s instead of 0.5 s). Not for dates or booleans, which
    SQLAlchemy converts on SQLite.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return session.execute(statement, parameters)
    return _driver_rows(connection, statement, parameters)


def rows_without_lock(
    engine: Engine, statement: Select[Any], parameters: dict[str, Any]
) -> list[Sequence[Any]]:
    """A select's rows (as :func:`select_rows` gives them), read without the writers' lock.

    Every transaction on SQLite begins with the writers' lock (``BEGIN IMMEDIATE``); there
    the statement runs outside one, as a reader of the WAL, which also costs less than a
    transaction. PostgreSQL's readers take no lock: a transaction of its own. For a look
    that decides nothing by itself: what is read may change before a transaction acts.
    """
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            return list(connection.execute(statement, parameters))
        return list(_driver_rows(connection, statement, parameters))


def _driver_rows(
    connection: Connection, statement: Select[Any], parameters: dict[str, Any]
) -> Iterable[Sequence[Any]]:
    dialect = connection.dialect
    shape = tuple(
        (key, len(value) if isinstance(value, list) else None) for key, value in parameters.items()
    )
    sql, recipe = _expanded(statement, shape, dialect)
    values = [
        constant if key is None else parameters[key] if index is None else parameters[key][index]
        for key, index, constant in recipe
    ]
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, values)
    except dialect.dbapi.Error as exc:  # type: ignore[union-attr]
        cursor.close()
        # As in _driver_cursor: a driver error arrives as one of SQLAlchemy's.
        raise DBAPIError.instance(sql, values, exc, dialect.dbapi.Error) from exc  # type: ignore[union-attr]
    return _closing_rows(cursor)


def _closing_rows(cursor: Any) -> Iterator[Sequence[Any]]:
    """A driver cursor's rows, closing it when they are read (or the reader stops)."""
    try:
        yield from cursor
    finally:
        cursor.close()


@lru_cache(maxsize=64)
def _expanded(
    statement: Select[Any], shape: tuple[tuple[str, int | None], ...], dialect: Any
) -> tuple[str, tuple[tuple[str | None, int | None, Any], ...]]:
    """The SQL of a select whose IN lists have these lengths, and where each ``?`` comes from.

    ``shape`` is (parameter, length of its list or None for a single value); each entry of
    the recipe is (parameter, index in its list or None, None), or (None, None, a constant
    of the statement itself, such as the status a query asks for).
    """
    sample = {key: list(range(length)) if length is not None else 0 for key, length in shape}
    compiled = statement.params(**sample).compile(
        dialect=dialect, compile_kwargs={"render_postcompile": True}
    )
    lists = {key for key, length in shape if length is not None}
    recipe: list[tuple[str | None, int | None, Any]] = []
    for name in compiled.positiontup or ():
        key, _, number = name.rpartition("_")
        if key in lists and number.isdigit():
            recipe.append((key, int(number) - 1, None))
        elif name in sample:
            recipe.append((name, None, None))
        else:
            recipe.append((None, None, compiled.binds[name].effective_value))
    return str(compiled), tuple(recipe)


def driver_timestamp(session: Session, moment: dt.datetime) -> Any:
    """A timestamp as the database driver takes it (SQLite stores text), converted once."""
    process = _timestamp_processor(session.connection().dialect)
    return process(moment) if process else moment


@lru_cache(maxsize=8)
def _timestamp_processor(dialect: Any) -> Callable[[Any], Any] | None:
    """The dialect's conversion of a timestamp column's values (asked once per file)."""
    column_type = _OBSERVATION.c.updated_at.type
    return column_type.dialect_impl(dialect).bind_processor(dialect)


def executemany(
    session: Session,
    statement: Insert | Update,
    keys: tuple[str, ...],
    rows: Iterable[tuple[Any, ...]],
) -> None:
    """Run one statement for many rows (tuples of values for ``keys``) in one executemany.

    Going through SQLAlchemy's parameter handling costs more per row than the insert
    itself; the rows here hold only plain values (timestamps converted beforehand by
    :func:`driver_timestamp`), so on SQLite they go to the driver as they are, and they
    stream (sqlite3 takes any iterator): a 232 000-row file never holds every row at once.
    """
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        # PostgreSQL: SQLAlchemy hands the rows to psycopg's executemany (sent in pipeline
        # mode); the per-row overhead matters little next to the round trips.
        parameters = [dict(zip(keys, row, strict=True)) for row in rows]
        if parameters:
            session.execute(statement, parameters)
        return
    sql, order = _compiled(statement, keys, dialect)
    if order is not None:
        rows = (tuple(row[i] for i in order) for row in rows)
    with _driver_cursor(connection, sql) as cursor:
        cursor.executemany(sql, rows)


@contextmanager
def _driver_cursor(connection: Connection, sql: str) -> Iterator[Any]:
    """A cursor of the SQLite driver itself, closed after use.

    Past SQLAlchemy, a driver error (disk full, read-only) must still arrive as one of
    SQLAlchemy's, which the importer reports as a database error of the file.
    """
    dialect = connection.dialect
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        yield cursor
    except dialect.dbapi.Error as exc:  # type: ignore[union-attr]
        raise DBAPIError.instance(sql, None, exc, dialect.dbapi.Error) from exc  # type: ignore[union-attr]
    finally:
        cursor.close()


def insert_row(
    session: Session, statement: Insert, keys: tuple[str, ...], row: tuple[Any, ...]
) -> Any:
    """Insert one row (values for ``keys``, timestamps as :func:`driver_timestamp` gives
    them) and return its new primary key.

    Every imported file inserts its upload row: on SQLite it goes to the driver as it is,
    as :func:`executemany`'s rows do (SQLAlchemy's execution of one insert costs more than
    the insert); on PostgreSQL through SQLAlchemy.
    """
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        inserted = cast(
            "CursorResult[Any]", session.execute(statement, dict(zip(keys, row, strict=True)))
        )
        return cast(Sequence[Any], inserted.inserted_primary_key)[0]
    sql, order = _compiled(statement, keys, dialect)
    if order is not None:
        row = tuple(row[i] for i in order)
    with _driver_cursor(connection, sql) as cursor:
        cursor.execute(sql, row)
        return cursor.lastrowid


@lru_cache(maxsize=32)
def _compiled(
    statement: Insert | Update, keys: tuple[str, ...], dialect: Any
) -> tuple[str, tuple[int, ...] | None]:
    """The SQL of a statement for these parameter keys, compiled once per dialect.

    Also the positions of ``keys`` in the order the SQL takes them, or None when the rows
    are in that order already.
    """
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    names = tuple(compiled.positiontup or ())
    order = None if names == keys else tuple(keys.index(name) for name in names)
    return str(compiled), order


ObservationKey = tuple[str, int, int]  # (municipality code, indicator id, year)

# The new observations' ids come back with their keys: the order of the rows RETURNING
# gives is not the order of the VALUES (SQLite documents it as arbitrary).
_o = _OBSERVATION.c
_INSERT_OBSERVATION_RETURNING = INSERT_OBSERVATION.returning(
    _o.id, _o.municipality_code, _o.indicator_id, _o.year
)
del _o
# Rows per SQLite INSERT of many VALUES: 800 parameters, under SQLite's oldest limit (999).
_ROWS_PER_INSERT = 100


def insert_observations(
    session: Session, rows: Sequence[tuple[Any, ...]]
) -> dict[ObservationKey, int] | None:
    """Insert observations (tuples of values for ``OBSERVATION_COLUMNS``) and return their
    new ids by (municipality code, indicator id, year): a file of new values need not read
    them back for their revisions.

    None when they were inserted without returning ids: on SQLite before 3.35 (no
    RETURNING), and on PostgreSQL for more rows than one INSERT takes
    (``insertmanyvalues_page_size``), which go to the driver's executemany as before.

    On SQLite the rows go to the driver as :func:`executemany`'s do, in INSERTs of up to
    ``_ROWS_PER_INSERT`` rows with RETURNING (sqlite3's executemany returns no rows); on
    PostgreSQL SQLAlchemy's "insertmanyvalues" does the same.
    """
    connection = session.connection()
    dialect = connection.dialect
    if not dialect.insert_executemany_returning or (
        dialect.name != "sqlite" and len(rows) > dialect.insertmanyvalues_page_size
    ):
        executemany(session, INSERT_OBSERVATION, OBSERVATION_COLUMNS, rows)
        return None
    if dialect.name != "sqlite":
        if not rows:
            return {}
        parameters = [dict(zip(OBSERVATION_COLUMNS, row, strict=True)) for row in rows]
        returned = session.execute(_INSERT_OBSERVATION_RETURNING, parameters)
        return {(code, indicator_id, year): obs_id for obs_id, code, indicator_id, year in returned}
    ids: dict[ObservationKey, int] = {}
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        chunk = rows[start : start + _ROWS_PER_INSERT]
        sql, order = _compiled_many(len(chunk), dialect)
        if order is not None:
            chunk = [tuple(row[i] for i in order) for row in chunk]
        with _driver_cursor(connection, sql) as cursor:
            cursor.execute(sql, [value for row in chunk for value in row])
            for obs_id, code, indicator_id, year in cursor:
                ids[(code, indicator_id, year)] = obs_id
    return ids


@lru_cache(maxsize=8)
def _compiled_many(count: int, dialect: Any) -> tuple[str, tuple[int, ...] | None]:
    """The SQL of an observation INSERT of ``count`` rows with RETURNING, and the order of
    ``OBSERVATION_COLUMNS`` in each row's parameters (as :func:`_compiled` gives it)."""
    sql, order = _compiled(_INSERT_OBSERVATION_RETURNING, OBSERVATION_COLUMNS, dialect)
    row = "(" + ", ".join("?" * len(OBSERVATION_COLUMNS)) + ")"
    head, values, tail = sql.partition(f" VALUES {row}")
    if not values:
        raise AssertionError(f"unexpected SQL for an insert of many rows: {sql}")
    return f"{head} VALUES {', '.join([row] * count)}{tail}", order


def update_observations(
    session: Session,
    states: list[tuple[int, float | None, str, str | None]],
    upload_id: int,
    stamp: Any,
) -> None:
    """Set value, status and comment of observations by id, in one executemany."""
    executemany(
        session,
        _UPDATE_OBSERVATION,
        _UPDATE_COLUMNS,
        (
            (value, status, comment, upload_id, stamp, obs_id)
            for obs_id, value, status, comment in states
        ),
    )


def insert_revisions(
    session: Session,
    changes: Iterable[tuple[int, State | None, State]],
    upload_id: int,
    stamp: Any,
    user: str,
    reason: str | None,
) -> None:
    """One revision row per (observation id, old state or None, new state)."""
    none = State(None, None, None)
    executemany(
        session,
        _INSERT_REVISION,
        REVISION_COLUMNS,
        (
            (obs_id, upload_id, *(old or none), *new, stamp, user, reason)
            for obs_id, old, new in changes
        ),
    )
