"""The time-series store: current values, uploads, revisions and year locks.

Every function takes a ``Session``; the caller owns the transaction.  Values are written
with Core ``insert()``/``update()`` in one executemany each (``indicators.bulk``), and the
existing values of a file are read with one query, so storing a large file costs little
more than the raw inserts.

History is never deleted: each created or changed observation gets one ``Revision``.
Reverting an upload is ``indicators.revert``; reading a value's history and the uploads,
``indicators.history``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any
from typing import NamedTuple
from typing import cast

from sqlalchemy import Table
from sqlalchemy import bindparam
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from database.errors import StoreError
from indicators.bulk import REVISION_COLUMNS
from indicators.bulk import State
from indicators.bulk import driver_timestamp
from indicators.bulk import insert_observations
from indicators.bulk import insert_revisions
from indicators.bulk import insert_row
from indicators.bulk import rows_without_lock
from indicators.bulk import select_rows
from indicators.bulk import update_observations
from indicators.errors import IndicatorError
from indicators.models import LOCK
from indicators.models import REPORTED
from indicators.models import UNLOCK
from indicators.models import CountyEvent
from indicators.models import Observation
from indicators.models import Revision
from indicators.models import Upload
from indicators.models import YearLock
from indicators.models import utcnow
from indicators.records import ApplySummary
from indicators.records import CleanValue
from indicators.records import UploadInfo

IMPORTED = "imported"
REVERT = "revert"
# The PostgreSQL advisory lock writers take (any fixed number; "miljomal" in ASCII).
WRITE_LOCK_KEY = 0x6D696C6A6F6D616C

ValueKey = tuple[str, int, int]  # (municipality code, indicator id, year)


class Place(NamedTuple):
    """Where an observation belongs, as a reader names it."""

    municipality_code: str
    indicator_code: str
    year: int


class CurrentValue(NamedTuple):
    """A stored observation as the import path compares it."""

    id: int
    value: float | None
    status: str
    comment: str | None


# The import path works on the tables with Core statements: no ORM query means the mappers
# never need configuring, which is a noticeable part of a one-file `miljomal import`.
OBSERVATION_TABLE = cast(Table, Observation.__table__)
REVISION_TABLE = cast(Table, Revision.__table__)
_UPLOAD = cast(Table, Upload.__table__)
_YEAR_LOCK = cast(Table, YearLock.__table__)

# The statements every imported file runs, built once: constructing a select with its IN
# lists cost more than running it for a 16-value template.  The lists are expanding
# parameters, so SQLAlchemy's compiled cache holds one statement for every file.
_INSERT_UPLOAD = insert(_UPLOAD)
_UPLOAD_COLUMNS = (
    "file_name",
    "sha256",
    "size",
    "layout",
    "uploaded_by",
    "uploaded_at",
    "created",
    "updated",
    "unchanged",
    "rejected",
    "warnings",
    "outcome",
    "force_reason",
    "content",
)
_UPLOAD_BY_SHA = (
    select(_UPLOAD.c.id)
    .where(_UPLOAD.c.sha256 == bindparam("sha256"), _UPLOAD.c.reverted_by.is_(None))
    .limit(1)
)
_ANY_UPLOAD_BY_SHA = select(_UPLOAD.c.id).where(_UPLOAD.c.sha256 == bindparam("sha256")).limit(1)
_UPLOADS_BY_SHA = select(_UPLOAD.c.id, _UPLOAD.c.reverted_by).where(
    _UPLOAD.c.sha256 == bindparam("sha256")
)
_LOCKED_YEARS = select(_YEAR_LOCK.c.year).where(_YEAR_LOCK.c.active.is_(True))
_WRITE_LOCK = select(func.pg_advisory_xact_lock(WRITE_LOCK_KEY))
_o = OBSERVATION_TABLE.c
_CURRENT_VALUES = select(
    _o.municipality_code, _o.indicator_id, _o.year, _o.id, _o.value, _o.status, _o.comment
).where(
    _o.municipality_code.in_(bindparam("codes", expanding=True)),
    _o.indicator_id.in_(bindparam("ids", expanding=True)),
    _o.year.between(bindparam("first"), bindparam("last")),
)
_PREVIOUS_SERIES = (
    select(_o.municipality_code, _o.indicator_id, _o.year, _o.value)
    .where(
        _o.municipality_code.in_(bindparam("codes", expanding=True)),
        _o.indicator_id.in_(bindparam("ids", expanding=True)),
        _o.status == REPORTED,
        _o.value.is_not(None),
    )
    .order_by(_o.year)
)
# Where a revision's value stands, or stood when a revert removed it: select from the
# revision with an outer join to its observation.
# (Typed Any: mypy reads a comparison of a typed coalesce as a plain bool.)
REVISION_MUNICIPALITY: Any = func.coalesce(_o.municipality_code, REVISION_TABLE.c.municipality_code)
REVISION_INDICATOR: Any = func.coalesce(_o.indicator_id, REVISION_TABLE.c.indicator_id)
REVISION_YEAR: Any = func.coalesce(_o.year, REVISION_TABLE.c.year)
# A revision's value, status and comment before and after, in that order.
REVISION_STATES = tuple(REVISION_TABLE.c[name] for name in REVISION_COLUMNS[2:8])
_PREVIOUS_SERIES_BEFORE = _PREVIOUS_SERIES.where(_o.year < bindparam("before"))
del _o


class UploadNotFoundError(IndicatorError, StoreError):
    """No upload has the given id."""


class DuplicateUploadError(IndicatorError, StoreError):
    """A file with the same content has already been imported."""


class DuplicateValueError(IndicatorError, StoreError):
    """The values to store name the same municipality, indicator and year twice."""


class RevertError(IndicatorError, StoreError):
    """An upload cannot be reverted (already reverted, or itself a revert)."""


class RevertLockedError(RevertError):
    """A revert would change a locked (approved) year and was not forced."""


class YearLockError(IndicatorError, StoreError):
    """A year cannot be unlocked because it is not locked."""


def year_lock_to_dict(lock: YearLock) -> dict[str, Any]:
    """The JSON contract of one year lock (`miljomal year list --json`)."""
    return {
        "year": lock.year,
        "active": lock.active,
        "locked_at": lock.locked_at.isoformat(),
        "locked_by": lock.locked_by,
    }


def find_upload_by_sha(session: Session, sha256: str) -> Upload | None:
    """The standing upload of a file with this SHA-256, if it was imported and not reverted."""
    # Asked once per imported file and almost always answered "no": a Core query on the
    # table, and the ORM object only for a file seen before.
    found = next(iter(select_rows(session, _UPLOAD_BY_SHA, {"sha256": sha256})), None)
    return session.get(Upload, found[0]) if found is not None else None


def find_uploads_by_sha(session: Session, sha256: str) -> tuple[Upload | None, Upload | None]:
    """The standing upload of a file with this SHA-256, and its latest reverted one, if any.

    One query for both (asked once per imported file, almost always answered "none").
    """
    standing_id = reverted_id = None
    for upload_id, reverted_by in select_rows(session, _UPLOADS_BY_SHA, {"sha256": sha256}):
        if reverted_by is None:
            standing_id = upload_id
        elif reverted_id is None or upload_id > reverted_id:
            reverted_id = upload_id
    return (
        session.get(Upload, standing_id) if standing_id is not None else None,
        session.get(Upload, reverted_id) if reverted_id is not None else None,
    )


def sha_seen_without_lock(engine: Engine, sha256: str) -> bool:
    """Whether any upload, standing or reverted, has this SHA-256, asked without a lock.

    The importer's first look, before it reads the file, almost always answered "no": on
    SQLite outside a transaction (`bulk.rows_without_lock`), so without the writers' lock.
    A file stored meanwhile by another writer is found when storing, under the lock
    (`apply_values`).
    """
    return bool(rows_without_lock(engine, _ANY_UPLOAD_BY_SHA, {"sha256": sha256}))


def current_values(
    session: Session,
    municipality_codes: Iterable[str],
    indicator_ids: Iterable[int],
    years: Iterable[int],
) -> dict[ValueKey, CurrentValue]:
    """Stored observations in the cross product of the given codes, indicators and years."""
    codes, ids, year_list = (
        sorted(set(municipality_codes)),
        sorted(set(indicator_ids)),
        sorted(set(years)),
    )
    if not codes or not ids or not year_list:
        return {}
    # The years as a range: the index (code, indicator, year) is then searched once per
    # series rather than once per key (0.26 s instead of 0.33 s for 232 000 keys in
    # sqlite3); years inside the range but not asked for are left out here.
    first, last = year_list[0], year_list[-1]
    wanted = None if len(year_list) == last - first + 1 else set(year_list)
    parameters = {"codes": codes, "ids": ids, "first": first, "last": last}
    make = CurrentValue._make
    return {
        (code, indicator_id, year): make((obs_id, value, status, comment))
        for code, indicator_id, year, obs_id, value, status, comment in select_rows(
            session, _CURRENT_VALUES, parameters
        )
        if wanted is None or year in wanted
    }


def previous_series(
    session: Session,
    municipality_codes: Iterable[str],
    indicator_ids: Iterable[int],
    before_year: int | None = None,
) -> dict[tuple[str, int], list[tuple[int, float]]]:
    """Reported values per (municipality, indicator) series, by year, before a year if given."""
    codes, ids = sorted(set(municipality_codes)), sorted(set(indicator_ids))
    if not codes or not ids:
        return {}
    if before_year is None:
        found = select_rows(session, _PREVIOUS_SERIES, {"codes": codes, "ids": ids})
    else:
        parameters = {"codes": codes, "ids": ids, "before": before_year}
        found = select_rows(session, _PREVIOUS_SERIES_BEFORE, parameters)
    series: dict[tuple[str, int], list[tuple[int, float]]] = {}
    for code, indicator_id, year, value in found:
        series.setdefault((code, indicator_id), []).append((year, value))
    return series


def locked_years(session: Session) -> set[int]:
    """The reporting years that are locked now."""
    return {year for (year,) in select_rows(session, _LOCKED_YEARS, {})}


def list_year_locks(session: Session) -> list[YearLock]:
    """Every year that has ever been locked, active or not, by year."""
    return list(session.scalars(select(YearLock).order_by(YearLock.year)))


def lock_year(session: Session, year: int, user: str) -> bool:
    """Lock a reporting year; False when it was already locked (then nothing changes).

    Takes the writers' lock first: an import that is storing finishes before the lock is
    recorded, and every file stored after it reads the lock in its own transaction.
    """
    lock_for_writing(session)
    lock = session.get(YearLock, year)
    if lock is not None and lock.active:
        return False
    if lock is None:
        session.add(YearLock(year=year, locked_at=utcnow(), locked_by=user, active=True))
    else:
        lock.active, lock.locked_at, lock.locked_by = True, utcnow(), user
    session.add(CountyEvent(action=LOCK, year=year, actor=user, at=utcnow()))
    session.flush()
    return True


def unlock_year(session: Session, year: int, user: str) -> None:
    """Unlock a locked year; the row stays (inactive) as a record that it was once locked.

    Who unlocked and when is kept in the county board's audit log (``county_event``).
    """
    lock_for_writing(session)
    lock = session.get(YearLock, year)
    if lock is None or not lock.active:
        raise YearLockError("year-not-locked", year=year)
    lock.active = False
    session.add(CountyEvent(action=UNLOCK, year=year, actor=user, at=utcnow()))
    session.flush()


def apply_values(
    session: Session,
    info: UploadInfo,
    values: list[CleanValue],
    *,
    dry_run: bool = False,
    existing: dict[ValueKey, CurrentValue] | None = None,
    unseen: bool = False,
) -> ApplySummary:
    """Store a file's values: insert new, update changed, keep identical; one revision each.

    Year locks are not checked here (validation does, and decides about ``--force``).
    With ``dry_run`` only the counts are computed and nothing is written.  ``existing`` is
    :func:`current_values` of the values' keys when the caller read them already in this
    transaction after :func:`lock_for_writing` (the importer does, for validation), so that
    a large file's stored values are read once.  ``unseen`` says the caller found no
    standing upload of the file's SHA-256 (:func:`find_uploads_by_sha`) in this transaction
    after :func:`lock_for_writing`, so that it is not looked up twice.
    """
    incoming = _index_values(values, info.file_name)
    if not dry_run:
        lock_for_writing(session)
        if not unseen:
            _refuse_duplicate(session, info)
    if existing is None:
        existing = current_values(
            session,
            {code for code, _, _ in incoming},
            {indicator_id for _, indicator_id, _ in incoming},
            {year for _, _, year in incoming},
        )
    created: list[CleanValue] = []
    changed: list[tuple[CurrentValue, CleanValue]] = []
    unchanged = 0
    for key, new in incoming.items():
        old = existing.get(key)
        if old is None:
            created.append(new)
        elif (old.value, old.status, old.comment) == (new.value, new.status, new.comment):
            unchanged += 1
        else:
            changed.append((old, new))
    summary = ApplySummary(None, created=len(created), updated=len(changed), unchanged=unchanged)
    if dry_run:
        return summary

    stamp = driver_timestamp(session, utcnow())
    upload_id = insert_row(
        session,
        _INSERT_UPLOAD,
        _UPLOAD_COLUMNS,
        (
            info.file_name,
            info.sha256,
            info.size,
            info.layout,
            info.uploaded_by,
            stamp,
            summary.created,
            summary.updated,
            summary.unchanged,
            0,
            0,
            IMPORTED,
            info.force_reason,
            info.content,
        ),
    )
    summary.upload_id = upload_id

    new_ids: dict[ValueKey, int] | None = None
    if created:
        new_ids = insert_observations(
            session,
            [
                (
                    v.municipality_code,
                    v.indicator_id,
                    v.year,
                    v.value,
                    v.status,
                    v.comment,
                    upload_id,
                    stamp,
                )
                for v in created
            ],
        )
    if changed:
        update_observations(
            session,
            [(old.id, new.value, new.status, new.comment) for old, new in changed],
            upload_id,
            stamp,
        )

    revisions: Iterable[tuple[int, State | None, State]] = [
        (
            old.id,
            State(old.value, old.status, old.comment),
            State(new.value, new.status, new.comment),
        )
        for old, new in changed
    ]
    if created:
        if new_ids is None:  # the insert could not return them: read them back
            new_ids = {
                key: found.id
                for key, found in current_values(
                    session,
                    {v.municipality_code for v in created},
                    {v.indicator_id for v in created},
                    {v.year for v in created},
                ).items()
            }
        # A generator: the rows stream to the driver instead of all being held at once.
        revisions = itertools.chain(
            revisions,
            (
                (
                    new_ids[(v.municipality_code, v.indicator_id, v.year)],
                    None,
                    State(v.value, v.status, v.comment),
                )
                for v in created
            ),
        )
    insert_revisions(session, revisions, upload_id, stamp, info.uploaded_by, info.force_reason)
    return summary


_WRITE_LOCKED = "miljomal_write_locked"  # session.info: the transaction holding the lock


def lock_for_writing(session: Session) -> None:
    """Let one writer at a time store values, until its transaction ends.

    SQLite does this already (every transaction begins IMMEDIATE).  On PostgreSQL two
    imports of files with the same values would otherwise both insert the same new
    observation (or the same file's upload) and the second would fail on the unique key;
    with this lock the second waits, then sees what the first stored.
    """
    if session.connection().dialect.name != "postgresql":
        return
    # Taken once per transaction: storing takes it again after the importer did (a round
    # trip of each upload).  The transaction object is kept, so its id is not reused.
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(_WRITE_LOCKED) is transaction:
        return
    session.execute(_WRITE_LOCK)
    session.info[_WRITE_LOCKED] = transaction


def _index_values(values: list[CleanValue], file_name: str) -> dict[ValueKey, CleanValue]:
    incoming: dict[ValueKey, CleanValue] = {}
    for value in values:
        code, indicator_id, year = key = (value.municipality_code, value.indicator_id, value.year)
        if key in incoming:
            raise DuplicateValueError(
                "duplicate-value", file=file_name, code=code, indicator=indicator_id, year=year
            )
        incoming[key] = value
    return incoming


def _refuse_duplicate(session: Session, info: UploadInfo) -> None:
    earlier = find_upload_by_sha(session, info.sha256)
    if earlier is not None:
        raise DuplicateUploadError(
            "duplicate-upload", file=info.file_name, upload=earlier.id, earlier=earlier.file_name
        )
