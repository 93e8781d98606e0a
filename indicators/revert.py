"""Reverting an upload: the plan (what each value returns to, the changes since) and the revert.

A revert writes its own revisions under a synthetic `revert` upload, in one transaction:
values the upload changed return to their earlier value, status and comment; values it
created are removed (their history stays).  History is never deleted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from i18n import system_text
from indicators.bulk import State
from indicators.bulk import driver_timestamp
from indicators.bulk import insert_revisions
from indicators.bulk import update_observations
from indicators.models import MISSING
from indicators.models import Indicator
from indicators.models import Upload
from indicators.models import utcnow
from indicators.records import ApplySummary
from indicators.store import OBSERVATION_TABLE
from indicators.store import REVERT
from indicators.store import REVISION_STATES
from indicators.store import REVISION_TABLE
from indicators.store import Place
from indicators.store import RevertError
from indicators.store import RevertLockedError
from indicators.store import UploadNotFoundError
from indicators.store import lock_for_writing
from indicators.store import locked_years


@dataclass(frozen=True)
class RevertConflict:
    """A value the reverted upload set but a later change replaced: left as it is."""

    observation_id: int
    municipality_code: str
    indicator_code: str
    year: int
    upload_value: float | None
    upload_status: str
    current_value: float | None
    current_status: str
    changed_by: str | None = None  # who made the change the revert would undo

    def to_dict(self) -> dict[str, Any]:
        """One conflict of the revert's JSON contract."""
        return {
            "changed_by": self.changed_by,
            "municipality": self.municipality_code,
            "indicator": self.indicator_code,
            "year": self.year,
            "upload_value": self.upload_value,
            "upload_status": self.upload_status,
            "current_value": self.current_value,
            "current_status": self.current_status,
        }


@dataclass
class RevertSummary(ApplySummary):
    """What reverting one upload did; ``updated`` counts restored values."""

    reverted_upload_id: int = 0
    conflicts: list[RevertConflict] = field(default_factory=list)
    removed: int = 0  # values the upload had created, removed

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `miljomal uploads revert --json`."""
        return {
            "reverted_upload": self.reverted_upload_id,
            "upload_id": self.upload_id,
            "restored": self.updated - self.removed,
            "removed": self.removed,
            "conflicts": [conflict.to_dict() for conflict in self.conflicts],
        }


@dataclass(frozen=True)
class PlannedRestore:
    """One value a revert changes: from what it holds now to what it held before the upload.

    ``after`` is None when the upload created the value: the revert removes it.
    """

    observation_id: int
    place: Place
    indicator_id: int
    indicator_name: str
    now: State
    after: State | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.place.municipality_code,
            "indicator": self.place.indicator_code,
            "year": self.place.year,
            "now": self.now._asdict(),
            "after": self.after._asdict() if self.after is not None else None,
        }


@dataclass(frozen=True)
class RevertPlan:
    """What reverting one upload would do, read before anything is written."""

    upload: Upload
    changes: list[PlannedRestore]
    conflicts: list[RevertConflict]

    @property
    def places(self) -> set[tuple[str, int]]:
        """Every (municipality code, year) the revert would change."""
        return {(c.place.municipality_code, c.place.year) for c in self.changes}


def plan_revert(session: Session, upload_id: int) -> RevertPlan:
    """What reverting an upload would change, and the values changed since (conflicts).

    A value the upload set and nobody changed since goes back to what it was before the
    upload, or is removed when the upload created it; a value changed since is a conflict,
    named with who changed it.
    """
    original = session.get(Upload, upload_id)
    if original is None:
        raise UploadNotFoundError("upload-not-found", upload=upload_id)
    if original.outcome == REVERT:
        raise RevertError("revert-of-revert", upload=upload_id)
    if original.reverted_by is not None:
        raise RevertError("already-reverted", upload=upload_id, by=original.reverted_by)
    restore: dict[int, tuple[State, State]] = {}  # observation id -> (old state, current)
    planned: dict[int, State] = {}  # observation id -> state the upload left
    places: dict[int, Place] = {}
    names: dict[int, tuple[int, str]] = {}
    r, o = REVISION_TABLE.c, OBSERVATION_TABLE.c
    query = (
        select(
            r.observation_id,
            *REVISION_STATES,
            o.value,
            o.status,
            o.comment,
            o.municipality_code,
            Indicator.code,
            Indicator.id,
            Indicator.name,
            o.year,
        )
        .join(OBSERVATION_TABLE, o.id == r.observation_id)
        .join(Indicator, Indicator.id == o.indicator_id)
        .where(r.upload_id == upload_id)
        .order_by(r.id)
    )
    for row in session.execute(query):
        obs_id = row.observation_id
        old = State(row.old_value, row.old_status, row.old_comment)
        new = State(row.new_value, row.new_status, row.new_comment)
        current = State(row.value, row.status, row.comment)
        # The earliest old state and the latest new state, should one upload touch a value twice.
        restore.setdefault(obs_id, (old, current))
        planned[obs_id] = new
        places[obs_id] = Place(row.municipality_code, row.code, row.year)
        names[obs_id] = (row.id, row.name)

    changes: list[PlannedRestore] = []
    conflicting: list[int] = []
    for obs_id, (old, current) in restore.items():
        if current != planned[obs_id]:
            conflicting.append(obs_id)
            continue
        after = old if old.status is not None else None
        if after == current:
            continue
        changes.append(PlannedRestore(obs_id, places[obs_id], *names[obs_id], current, after))
    changed_by = _last_changed_by(session, conflicting)
    conflicts = [
        RevertConflict(
            obs_id,
            places[obs_id].municipality_code,
            places[obs_id].indicator_code,
            places[obs_id].year,
            planned[obs_id].value,
            planned[obs_id].status or MISSING,
            restore[obs_id][1].value,
            restore[obs_id][1].status or MISSING,
            changed_by.get(obs_id),
        )
        for obs_id in conflicting
    ]
    conflicts.sort(key=lambda c: (c.municipality_code, c.indicator_code, c.year))
    return RevertPlan(original, changes, conflicts)


def revert_upload(
    session: Session, upload_id: int, user: str, force_reason: str | None = None
) -> RevertSummary:
    """Undo one upload with new revisions, skipping values changed since (the conflicts).

    Each value the upload set is restored to what it was before (value, status, comment),
    when it still holds what the upload set; a value the upload created is removed, with
    its history (it never stood before the upload).  All in the caller's transaction.  The
    revert is recorded as an upload of its own (outcome ``revert``, its ``rejected`` count
    is the number of conflicts) and the original's ``reverted_by`` points at it, so an
    upload is reverted at most once.  Like an import, a revert that would change a locked
    year needs ``force_reason`` (kept on the revert's upload row); who may revert what,
    when, is :mod:`indicators.gate`'s decision, asked by the caller.
    """
    lock_for_writing(session)
    plan = plan_revert(session, upload_id)
    original = plan.upload
    locked = sorted(locked_years(session) & {year for _, year in plan.places})
    if locked and force_reason is None:
        years = ", ".join(str(year) for year in locked)
        raise RevertLockedError("revert-locked", upload=upload_id, years=years)
    restored = [c for c in plan.changes if c.after is not None]
    removed = [c for c in plan.changes if c.after is None]

    now = utcnow()
    revert = Upload(
        file_name=system_text("revert-of-upload", upload=upload_id),
        sha256=f"revert-{upload_id}",
        size=0,
        layout=None,
        uploaded_by=user,
        uploaded_at=now,
        created=0,
        updated=len(restored) + len(removed),
        unchanged=0,
        rejected=len(plan.conflicts),
        warnings=0,
        outcome=REVERT,
        force_reason=force_reason if locked else None,
    )
    session.add(revert)
    session.flush()
    original.reverted_by = revert.id
    session.flush()
    stamp = driver_timestamp(session, now)
    if restored:
        update_observations(
            session,
            [
                (c.observation_id, c.after.value, c.after.status or MISSING, c.after.comment)
                for c in restored
                if c.after is not None
            ],
            revert.id,
            stamp,
        )
    if removed:
        _remove_observations(session, removed, revert.id, now, user, upload_id)
    insert_revisions(
        session,
        [(c.observation_id, c.now, c.after) for c in restored if c.after is not None],
        revert.id,
        stamp,
        user,
        system_text("revert-of-upload", upload=upload_id),
    )
    session.flush()
    return RevertSummary(
        revert.id,
        updated=len(restored) + len(removed),
        reverted_upload_id=upload_id,
        conflicts=plan.conflicts,
        removed=len(removed),
    )


def _remove_observations(
    session: Session,
    removed: list[PlannedRestore],
    revert_id: int,
    now: dt.datetime,
    user: str,
    upload_id: int,
) -> None:
    """Remove values an upload created; their history stays, naming where they stood.

    A value that did not stand before the upload leaves no status behind (a `missing`
    would read as a reported gap in exports, the API and reports).  Its revisions keep the
    municipality, indicator and year, and the removal is a revision of its own whose new
    status is None.
    """
    r = REVISION_TABLE.c
    for change in removed:
        place = {
            "municipality_code": change.place.municipality_code,
            "indicator_id": change.indicator_id,
            "year": change.place.year,
        }
        session.execute(
            update(REVISION_TABLE)
            .where(r.observation_id == change.observation_id)
            .values(observation_id=None, **place)
        )
        session.execute(
            insert(REVISION_TABLE).values(
                observation_id=None,
                upload_id=revert_id,
                old_value=change.now.value,
                old_status=change.now.status,
                old_comment=change.now.comment,
                new_value=None,
                new_status=None,
                new_comment=None,
                changed_at=now,
                changed_by=user,
                reason=system_text("revert-of-upload", upload=upload_id),
                **place,
            )
        )
    session.execute(
        delete(OBSERVATION_TABLE).where(
            OBSERVATION_TABLE.c.id.in_([c.observation_id for c in removed])
        )
    )


def _last_changed_by(session: Session, observation_ids: list[int]) -> dict[int, str]:
    """Who made the latest change of each observation."""
    if not observation_ids:
        return {}
    r = REVISION_TABLE.c
    newest = (
        select(func.max(r.id))
        .where(r.observation_id.in_(observation_ids))
        .group_by(r.observation_id)
        .scalar_subquery()
    )
    rows = session.execute(select(r.observation_id, r.changed_by).where(r.id.in_(newest)))
    return {int(obs_id): str(by) for obs_id, by in rows}
