"""What is recorded against a plan's current activities: the follow-up log (status updates)
and the links to indicators.

Every function takes a ``Session`` from the caller, who owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.models import Indicator
from indicators.models import utcnow
from plan.errors import ActivityNotFoundError
from plan.errors import IndicatorNotFoundError
from plan.errors import StatusUpdateError
from plan.followup import LogEntry
from plan.followup import StatusUpdate
from plan.models import STATUSES
from plan.models import Plan
from plan.models import PlanActivity
from plan.models import PlanIndicatorLink
from plan.models import PlanStatusUpdate
from plan.store import activities


def find_activity(session: Session, plan: Plan, code: str) -> PlanActivity:
    """The current activity with this code."""
    current = select(PlanActivity).where(
        PlanActivity.plan_id == plan.id,
        PlanActivity.removed.is_(False),
        PlanActivity.code == code.strip().rstrip("."),
    )
    row = session.scalar(current.order_by(PlanActivity.sort_order))
    if row is None:
        codes = ", ".join(a.code for a in activities(session, plan))
        raise ActivityNotFoundError(
            "no-activity", plan=repr(plan.name), code=repr(code), codes=codes
        )
    return row


def check_update(status: str, spent: float | None, progress: float | None) -> None:
    """Refuse a status, amount or progress the log cannot hold."""
    if status not in STATUSES:
        raise StatusUpdateError("unknown-status", status=repr(status), statuses=", ".join(STATUSES))
    if spent is not None and spent < 0:
        raise StatusUpdateError("negative-spent", spent=f"{spent:g}")
    if progress is not None and not 0 <= progress <= 100:
        raise StatusUpdateError("progress-range", progress=f"{progress:g}")


@dataclass(frozen=True)
class NewUpdate(StatusUpdate):
    """A status update to add to an activity's log."""

    user: str | None = None
    line: int | None = None


def add_updates(
    session: Session,
    plan: Plan,
    updates: Sequence[NewUpdate],
    *,
    user: str,
    example: bool = False,
    source_file: str | None = None,
) -> int:
    """Add entries to the activities' logs (one bulk insert); returns how many."""
    ids = {a.code: a.id for a in activities(session, plan)}
    rows = []
    now = utcnow()
    for u in updates:
        check_update(u.status, u.spent, u.progress)
        if u.code not in ids:
            find_activity(session, plan, u.code)  # raises with the list of codes
        rows.append(
            {
                "activity_id": ids[u.code],
                "date": u.date,
                "status": u.status,
                "spent": u.spent,
                "progress": u.progress,
                "note": u.note or None,
                "recorded_by": u.user or user,
                "recorded_at": now,
                "source_file": source_file,
                "example": example,
            }
        )
    if rows:
        session.execute(insert(PlanStatusUpdate), rows)
    return len(rows)


def spent_before(session: Session, plan: Plan, code: str, date: dt.date) -> float | None:
    """The latest cumulative spending logged for an activity on or before ``date``."""
    latest = None
    for entry in log_entries(session, plan):
        if entry.code == code and entry.spent is not None and entry.date <= date:
            latest = entry.spent
    return latest


def log_entries(session: Session, plan: Plan) -> list[LogEntry]:
    """Every status update of the plan's current activities, in recording order."""
    query = (
        select(PlanStatusUpdate, PlanActivity.code)
        .join(PlanActivity, PlanActivity.id == PlanStatusUpdate.activity_id)
        .where(PlanActivity.plan_id == plan.id, PlanActivity.removed.is_(False))
        .order_by(PlanStatusUpdate.date, PlanStatusUpdate.id)
    )
    return [
        LogEntry(
            code=code,
            date=u.date,
            status=u.status,
            spent=u.spent,
            progress=u.progress,
            note=u.note,
            user=u.recorded_by,
            example=u.example,
            order=u.id,
        )
        for u, code in session.execute(query)
    ]


def _indicator(session: Session, code: str) -> Indicator:
    indicator = session.scalar(select(Indicator).where(func.upper(Indicator.code) == code.upper()))
    if indicator is None:
        raise IndicatorNotFoundError("no-indicator", code=repr(code))
    return indicator


def link_indicator(session: Session, plan: Plan, code: str, indicator_code: str, user: str) -> bool:
    """Link an activity to an indicator; False when the link was already there."""
    activity = find_activity(session, plan, code)
    indicator = _indicator(session, indicator_code)
    exists = session.scalar(
        select(PlanIndicatorLink.id).where(
            PlanIndicatorLink.activity_id == activity.id,
            PlanIndicatorLink.indicator_id == indicator.id,
        )
    )
    if exists is not None:
        return False
    session.add(
        PlanIndicatorLink(activity_id=activity.id, indicator_id=indicator.id, created_by=user)
    )
    session.flush()
    return True


def unlink_indicator(session: Session, plan: Plan, code: str, indicator_code: str) -> bool:
    """Remove a link; False when there was none."""
    activity = find_activity(session, plan, code)
    indicator = _indicator(session, indicator_code)
    result = session.execute(
        delete(PlanIndicatorLink).where(
            PlanIndicatorLink.activity_id == activity.id,
            PlanIndicatorLink.indicator_id == indicator.id,
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def indicator_links(session: Session, plan: Plan) -> dict[str, list[str]]:
    """Activity code -> linked indicator codes (in catalogue order)."""
    query = (
        select(PlanActivity.code, Indicator.code)
        .join(PlanIndicatorLink, PlanIndicatorLink.activity_id == PlanActivity.id)
        .join(Indicator, Indicator.id == PlanIndicatorLink.indicator_id)
        .where(PlanActivity.plan_id == plan.id, PlanActivity.removed.is_(False))
        .order_by(PlanActivity.sort_order, Indicator.sort_order, Indicator.code)
    )
    links: dict[str, list[str]] = {}
    for activity_code, indicator_code in session.execute(query):
        links.setdefault(activity_code, []).append(indicator_code)
    return links
