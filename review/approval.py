"""The county board's review of a reporting year: windows, approval, reminders, audit log.

A municipality's year moves through approval by events that are never changed or deleted
(``county_event``): the county approves it (the municipality's reporters can no longer
change it), sends it back with a comment the reporters see, or reopens an approved year with
a reason.  The state is the latest event.  A year lock (``miljomal year lock``) stays the
county-wide final lock on top of this.

Every function takes a ``Session`` from the caller, who owns the transaction; the CLI and
the web portal both call these and render the result types (``to_dict()`` is the JSON).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.across_sets import read_other_set
from indicators.catalogue import MUNICIPALITY
from indicators.models import APPROVE
from indicators.models import MISSING
from indicators.models import NOT_APPLICABLE
from indicators.models import REOPEN
from indicators.models import REPORTED
from indicators.models import RETURN
from indicators.models import CountyEvent
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation
from indicators.models import utcnow
from indicators.sets import asks_only_reported
from indicators.sets import default_set
from indicators.store import locked_years
from indicators.year_state import APPROVED
from indicators.year_state import OPEN
from indicators.year_state import REOPENED
from indicators.year_state import RETURNED
from indicators.year_state import STATE_OF_ACTION
from indicators.year_state import STATE_WORDS
from indicators.year_state import SUBMITTED
from indicators.year_state import ApprovalChange
from indicators.year_state import Decision
from indicators.year_state import LastChange
from indicators.year_state import Window
from indicators.year_state import approval_state
from indicators.year_state import decision_of
from indicators.year_state import get_window
from indicators.year_state import last_changes
from indicators.year_state import latest_decisions
from indicators.year_state import lock_decisions
from indicators.year_state import state_of
from municipalities.registry import municipalities_in_county
from municipalities.registry import resolve_county
from municipalities.registry import resolve_municipality
from review.errors import ERRORS
from review.errors import ReviewError

# --- approval ------------------------------------------------------------------------------


def approve(
    session: Session, municipality: Any, year: int, user: str, reason: str | None = None
) -> ApprovalChange:
    """Approve a municipality's year: its reporters can no longer change its values."""
    return _decide(session, municipality, year, user, APPROVE, reason)


def return_to_municipality(
    session: Session, municipality: Any, year: int, user: str, comment: str
) -> ApprovalChange:
    """Send a municipality's year back with a comment the reporters see."""
    return _decide(session, municipality, year, user, RETURN, comment)


def reopen(
    session: Session, municipality: Any, year: int, user: str, reason: str
) -> ApprovalChange:
    """Reopen an approved municipality-year; the reason is kept in the history."""
    return _decide(session, municipality, year, user, REOPEN, reason)


# Which state each action may start from.
_ALLOWED_FROM = {
    APPROVE: {OPEN, RETURNED, REOPENED, SUBMITTED},
    RETURN: {OPEN, REOPENED, RETURNED, SUBMITTED},
    REOPEN: {APPROVED},
}


def _decide(
    session: Session, municipality: Any, year: int, user: str, action: str, reason: str | None
) -> ApprovalChange:
    entry = resolve_municipality(municipality)
    reason = reason.strip() if reason and reason.strip() else None
    if action in (RETURN, REOPEN) and reason is None:
        key = "return-needs-reason" if action == RETURN else "reopen-needs-reason"
        raise ReviewError(key, name=entry.short_name, year=year)
    if year in locked_years(session):
        raise ReviewError("year-locked", year=year)
    # Two county officials deciding at once: the later one sees the first one's event.
    lock_decisions(session)
    before = approval_state(session, entry.code, year)
    if before not in _ALLOWED_FROM[action]:
        hint = ERRORS[{APPROVE: "no-hint", RETURN: "return-hint", REOPEN: "reopen-hint"}[action]]
        raise ReviewError(
            "decision-not-allowed",
            name=entry.short_name,
            year=year,
            state=STATE_WORDS[before],
            hint=hint,
        )
    event = CountyEvent(
        action=action,
        municipality_code=entry.code,
        year=year,
        reason=reason,
        actor=user,
        at=utcnow(),
    )
    session.add(event)
    session.flush()
    return ApprovalChange(
        municipality_code=entry.code,
        municipality_name=entry.short_name,
        year=year,
        previous_state=before,
        state=STATE_OF_ACTION[action],
        decision=decision_of(event),
    )


# --- may a reporter save? -------------------------------------------------------------------


# --- the county's list for a year ----------------------------------------------------------


@dataclass(frozen=True)
class ApprovalRow:
    """One municipality's year as the county reviews it."""

    municipality_code: str
    municipality_name: str
    state: str
    reported: int
    missing: int
    not_applicable: int
    expected: int
    last_change: LastChange | None
    decision: Decision | None

    @property
    def absent(self) -> int:
        """Indicators of the set with no value at all for the year."""
        return max(self.expected - self.reported - self.missing - self.not_applicable, 0)

    @property
    def sent(self) -> bool:
        return self.reported + self.missing + self.not_applicable > 0

    @property
    def return_unanswered(self) -> bool:
        """Sent back, and nothing changed since."""
        if self.state != RETURNED or self.decision is None:
            return False
        return self.last_change is None or self.last_change.at <= self.decision.at

    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality_code,
            "municipality_name": self.municipality_name,
            "state": self.state,
            "reported": self.reported,
            "missing": self.missing,
            "not_applicable": self.not_applicable,
            "absent": self.absent,
            "expected": self.expected,
            "last_change": self.last_change.to_dict() if self.last_change else None,
            "decision": self.decision.to_dict() if self.decision else None,
        }


@dataclass(frozen=True)
class ApprovalList:
    """Every municipality of a county for one year, with its approval state and values."""

    county_code: str
    county_name: str
    year: int
    set_code: str
    year_locked: bool
    window: Window
    rows: list[ApprovalRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "county": self.county_code,
            "county_name": self.county_name,
            "year": self.year,
            "indicator_set": self.set_code,
            "year_locked": self.year_locked,
            "window": self.window.to_dict(),
            "municipalities": [row.to_dict() for row in self.rows],
        }


def approval_list(
    session: Session,
    county: Any,
    year: int,
    set_code: str | None = None,
    today: dt.date | None = None,
) -> ApprovalList:
    """The county's municipalities for a year: state, counts by status, last change.

    The indicators counted are those of ``set_code``, by default the set in force for the
    year (`indicators.sets.default_set`), that the municipalities report themselves
    (`indicators.sets.asks_only_reported`); a value sent with the other set's code of the
    same definition counts (`indicators.across_sets`).
    """
    set_code = set_code or default_set(year)
    entry = resolve_county(county)
    members = municipalities_in_county(entry.code)
    codes = [m.code for m in members]
    shown = asked_indicators(session, set_code)
    indicator_ids = [id_ for id_, _ in shown]
    own = session.execute(
        select(
            Observation.municipality_code,
            Observation.indicator_id,
            Observation.year,
            Observation.status,
        ).where(
            Observation.year == year,
            Observation.municipality_code.in_(codes),
            Observation.indicator_id.in_(indicator_ids),
        )
    ).all()
    other = read_other_set(session, codes, set_code, shown, own, year=year)
    counts: dict[tuple[str, str], int] = {}
    statuses = [(row.municipality_code, row.status) for row in own]
    statuses += [(added.municipality_code, added.status) for added in other.added]
    for key in statuses:
        counts[key] = counts.get(key, 0) + 1
    last = last_changes(session, codes, year)
    decisions = latest_decisions(session, year, codes)
    rows = [
        ApprovalRow(
            municipality_code=m.code,
            municipality_name=m.short_name,
            state=state_of(decisions.get(m.code), last.get(m.code)),
            reported=counts.get((m.code, REPORTED), 0),
            missing=counts.get((m.code, MISSING), 0),
            not_applicable=counts.get((m.code, NOT_APPLICABLE), 0),
            expected=len(indicator_ids),
            last_change=last.get(m.code),
            decision=decisions.get(m.code),
        )
        for m in members
    ]
    return ApprovalList(
        county_code=entry.code,
        county_name=entry.name,
        year=year,
        set_code=set_code,
        year_locked=year in locked_years(session),
        window=get_window(session, year, today),
        rows=rows,
    )


# --- the reporting matrix ------------------------------------------------------------------


# --- reminders -----------------------------------------------------------------------------


# --- audit log -----------------------------------------------------------------------------


def asked_indicators(session: Session, set_code: str) -> list[tuple[int, str]]:
    """(id, code) of the set's indicators a municipality answers for, in catalogue order."""
    query = (
        select(Indicator.id, Indicator.code)
        .join(IndicatorSet)
        .where(IndicatorSet.code == set_code)
        .order_by(Indicator.sort_order, Indicator.id)
    )
    if asks_only_reported(set_code):
        query = query.where(Indicator.reported_by == MUNICIPALITY)
    return [(id_, code) for id_, code in session.execute(query)]
