"""Many rows written at once: one executemany per statement, the rows streamed to the driver.

The store's writes (`indicators.store.apply_values`, `indicators.revert`) go through here.
On SQLite the rows go to sqlite3 as plain values, past SQLAlchemy's per-row parameter
handling, which costs more than the insert itself; on PostgreSQL SQLAlchemy batches them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, cast

from sqlalchemy import Insert, Table, Update, bindparam, insert, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from indicators.models import Observation, Revision


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


def driver_rows(result: CursorResult[Any]) -> Iterable[Sequence[Any]]:
    """The rows of a result of plain columns (text, numbers), on SQLite as the driver has them.

    sqlite3 gives text, integers and floats as they are stored, which is what SQLAlchemy's
    rows would hold too, without a Row object per row: reading the current values of a
    232 000-row file this way takes 0.35 s instead of 0.5 s.  Not for dates or booleans,
    which SQLAlchemy converts on SQLite.
    """
    if result.dialect.name == "sqlite":
        return cast(Iterable[Sequence[Any]], result.cursor)
    return result


def driver_timestamp(session: Session, moment: dt.datetime) -> Any:
    """A timestamp as the database driver takes it (SQLite stores text), converted once."""
    column_type = _OBSERVATION.c.updated_at.type
    dialect = session.connection().dialect
    process = column_type.dialect_impl(dialect).bind_processor(dialect)
    return process(moment) if process else moment


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
        # PostgreSQL: SQLAlchemy batches the rows into multi-row statements, faster than the
        # driver's executemany; the per-row overhead matters little next to the round trips.
        parameters = [dict(zip(keys, row, strict=True)) for row in rows]
        if parameters:
            session.execute(statement, parameters)
        return
    sql, order = _compiled(statement, keys, dialect)
    if order is not None:
        rows = (tuple(row[i] for i in order) for row in rows)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, rows)
    except dialect.dbapi.Error as exc:  # type: ignore[union-attr]
        # Past SQLAlchemy, a driver error (disk full, read-only) must still arrive as one
        # of SQLAlchemy's, which the importer reports as a database error of the file.
        raise DBAPIError.instance(sql, None, exc, dialect.dbapi.Error) from exc  # type: ignore[union-attr]
    finally:
        cursor.close()


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
