"""A municipality-year's state as the county board's decisions leave it, and the reporting window.

The states (öppen, inskickad, tillbakaskickad, godkänd, öppnad igen), the county's latest
decision per municipality-year, the approved municipality-years an import must respect, the
year's reporting window and whether a municipality's reporters may save now.  The write gate
(`indicators.gate`) and the board's review (`review/`) both read the state from here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import cast

from sqlalchemy import Table
from sqlalchemy import bindparam
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import Lang
from i18n import Messages
from i18n import Text
from indicators.errors import IndicatorError
from indicators.messages import MESSAGES
from indicators.messages import words
from indicators.models import APPROVE
from indicators.models import REOPEN
from indicators.models import RETURN
from indicators.models import SUBMIT
from indicators.models import CountyEvent
from indicators.models import Observation
from indicators.models import ReportingWindow
from indicators.models import Revision
from indicators.models import utcnow
from indicators.store import REVISION_MUNICIPALITY
from indicators.store import REVISION_YEAR
from indicators.store import lock_for_writing
from indicators.store import locked_years

# Approval states of a municipality-year: its latest event, or "open" when it has none.
OPEN = "open"


APPROVED = "approved"


RETURNED = "returned"


REOPENED = "reopened"


# The municipality marked the year "Klar för granskning"; any later save makes it open again.
SUBMITTED = "submitted"


STATE_OF_ACTION = {APPROVE: APPROVED, RETURN: RETURNED, REOPEN: REOPENED, SUBMIT: SUBMITTED}


STATE_WORDS = Messages(
    {
        OPEN: Text("öppen", "open"),
        APPROVED: Text("godkänd", "approved"),
        RETURNED: Text("tillbakaskickad", "returned"),
        REOPENED: Text("öppnad igen", "reopened"),
        SUBMITTED: Text("inskickad", "submitted"),
    }
)


# Why a reporter may not save values for a municipality-year (None: they may).
WINDOW_NOT_OPEN = "window-not-open"


WINDOW_CLOSED = "window-closed"


YEAR_LOCKED = "year-locked"


MUNICIPALITY_APPROVED = "approved"


class ApprovalError(IndicatorError):
    """An approval, return, reopen or window cannot be done as asked."""


@dataclass(frozen=True)
class Window:
    """A year's reporting window, and where a given day falls in it."""

    year: int
    opens: dt.date | None
    closes: dt.date | None
    set_by: str | None
    set_at: dt.datetime | None
    today: dt.date

    @property
    def state(self) -> str:
        """`none` (no window set), `not-yet-open`, `open` or `closed` on ``today``."""
        if self.opens is None or self.closes is None:
            return "none"
        if self.today < self.opens:
            return "not-yet-open"
        if self.today > self.closes:
            return "closed"
        return "open"

    def sentence(self, lang: Lang = "sv") -> str:
        """What a reporter reads: when the window opens or closed."""
        if self.opens is None or self.closes is None:
            return MESSAGES("window-none", lang, year=self.year)
        return MESSAGES(
            f"window-{self.state}",
            lang,
            year=self.year,
            opens=self.opens.isoformat(),
            closes=self.closes.isoformat(),
        )

    def period(self, lang: Lang = "sv") -> str:
        """The window's dates as a reporter reads them ahead of time, or "" when none is set:
        "Inrapportering 1 februari–31 mars 2026"."""
        if self.opens is None or self.closes is None:
            return ""
        months = words("months", lang)
        opens = f"{self.opens.day} {months[self.opens.month - 1]}"
        closes = f"{self.closes.day} {months[self.closes.month - 1]} {self.closes.year}"
        if self.opens.year != self.closes.year:
            opens += f" {self.opens.year}"
        return MESSAGES("window-period", lang, opens=opens, closes=closes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "opens": self.opens.isoformat() if self.opens else None,
            "closes": self.closes.isoformat() if self.closes else None,
            "state": self.state,
            "set_by": self.set_by,
            "set_at": self.set_at.isoformat() if self.set_at else None,
        }


def set_window(session: Session, year: int, opens: dt.date, closes: dt.date, user: str) -> Window:
    """Set (or move) a year's reporting window; both days are included."""
    if opens > closes:
        raise ApprovalError("window-closes-before-it-opens", year=year, closes=closes, opens=opens)
    row = session.get(ReportingWindow, year)
    if row is None:
        row = ReportingWindow(year=year)
        session.add(row)
    row.opens, row.closes, row.set_by, row.set_at = opens, closes, user, utcnow()
    session.flush()
    return get_window(session, year)


def get_window(session: Session, year: int, today: dt.date | None = None) -> Window:
    """A year's reporting window (``state`` is `none` when the county has set none)."""
    row = session.get(ReportingWindow, year)
    today = today or dt.date.today()
    if row is None:
        return Window(year, None, None, None, None, today)
    return Window(year, row.opens, row.closes, row.set_by, row.set_at, today)


@dataclass(frozen=True)
class Decision:
    """One decision of the county board, as the audit log and a municipality's page show it."""

    action: str
    municipality_code: str | None
    year: int
    reason: str | None
    actor: str
    at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "municipality": self.municipality_code,
            "year": self.year,
            "reason": self.reason,
            "actor": self.actor,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True)
class ApprovalChange:
    """What an approve, return or reopen did: the state before and after, and the event."""

    municipality_code: str
    municipality_name: str
    year: int
    previous_state: str
    state: str
    decision: Decision

    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality_code,
            "municipality_name": self.municipality_name,
            "year": self.year,
            "previous_state": self.previous_state,
            "state": self.state,
            "decision": self.decision.to_dict(),
        }

    def sentence(self, lang: Lang = "sv") -> str:
        return MESSAGES(f"change-{self.state}", lang, name=self.municipality_name, year=self.year)


def approval_state(session: Session, municipality_code: str, year: int) -> str:
    """The approval state of one municipality-year (`open` when nothing was decided)."""
    latest = latest_decisions(session, year, [municipality_code]).get(municipality_code)
    return state_after(session, latest)


def state_after(session: Session, latest: Decision | None) -> str:
    """The state the municipality-year's ``latest`` decision leaves (`open` after none).

    Its latest change is read only when it matters: after "Klar för granskning" (every
    upload asks the gate, most of them about a year nothing was decided about).
    """
    if latest is None or latest.action != SUBMIT or latest.municipality_code is None:
        return state_of(latest, None)
    code = latest.municipality_code
    return state_of(latest, last_changes(session, [code], latest.year).get(code))


def state_of(latest: Decision | None, last_change: LastChange | None) -> str:
    """The state a municipality-year's latest decision leaves, given its latest change.

    A year marked "Klar för granskning" is open again once a value changes after the mark.
    """
    if latest is None:
        return OPEN
    if latest.action == SUBMIT and last_change is not None and last_change.at > latest.at:
        return OPEN
    return STATE_OF_ACTION[latest.action]


def latest_decision(session: Session, municipality_code: str, year: int) -> Decision | None:
    """The county's latest approve/return/reopen of a municipality-year (its comment for the
    reporters when it is a return), or None."""
    return latest_decisions(session, year, [municipality_code]).get(municipality_code)


# The table's columns, not the mapped class's: every import asks these, and an ORM statement
# would configure all the mappers first (indicators/store.py, the import path).  Built once:
# building them cost each API upload more than PostgreSQL's answer to them.
_EVENT = cast(Table, CountyEvent.__table__).c
_LATEST_EVENTS = (
    select(func.max(_EVENT.id))
    .where(_EVENT.municipality_code.is_not(None), _EVENT.action.in_(STATE_OF_ACTION))
    .group_by(_EVENT.municipality_code, _EVENT.year)
)
_LATEST_EVENTS_IN_YEARS = _LATEST_EVENTS.where(_EVENT.year.in_(bindparam("years", expanding=True)))
_APPROVED_EVER = select(_EVENT.municipality_code, _EVENT.year).where(
    _EVENT.id.in_(_LATEST_EVENTS), _EVENT.action == APPROVE
)
_APPROVED_IN_YEARS = select(_EVENT.municipality_code, _EVENT.year).where(
    _EVENT.id.in_(_LATEST_EVENTS_IN_YEARS), _EVENT.action == APPROVE
)
_LATEST_DECISIONS_IN_YEARS = select(
    _EVENT.action, _EVENT.municipality_code, _EVENT.year, _EVENT.reason, _EVENT.actor, _EVENT.at
).where(_EVENT.id.in_(_LATEST_EVENTS_IN_YEARS))


def approved_municipality_years(
    session: Session, years: Iterable[int] | None = None
) -> set[tuple[str, int]]:
    """Every (municipality code, year) whose latest decision is an approval."""
    if years is None:
        rows = session.execute(_APPROVED_EVER)
    else:
        rows = session.execute(_APPROVED_IN_YEARS, {"years": list(years)})
    return {(str(code), int(year)) for code, year in rows}


@dataclass(frozen=True)
class YearsRead:
    """What one transaction read of some years: the locked years, and the latest decision
    of each municipality-year in ``years``.

    An import reads these under the writers' lock to see whether its file's years changed
    since validation; the gate then decides the file's municipality-years from them instead
    of asking the same transaction again (`indicators.gate.year_state`).
    """

    years: frozenset[int]
    locked: frozenset[int]
    decisions: dict[tuple[str, int], Decision]

    @property
    def approved(self) -> frozenset[tuple[str, int]]:
        """The municipality-years of ``years`` whose latest decision is an approval, as
        :func:`approved_municipality_years` reads them."""
        return frozenset(
            place for place, found in self.decisions.items() if found.action == APPROVE
        )


def read_years(session: Session, years: Iterable[int], locked: Iterable[int]) -> YearsRead:
    """The latest decision of every municipality-year in ``years`` (one query), with the
    ``locked`` years the caller read in the same transaction."""
    wanted = frozenset(years)
    return YearsRead(wanted, frozenset(locked), _latest_in_years(session, wanted))


def _latest_in_years(
    session: Session, years: Iterable[int], municipality_codes: Sequence[str] | None = None
) -> dict[tuple[str, int], Decision]:
    """The latest approve/return/reopen event of each municipality-year in ``years`` (of
    the ``municipality_codes`` only, when given), by (municipality code, year)."""
    wanted = sorted(set(years))
    if not wanted:
        return {}
    query = _LATEST_DECISIONS_IN_YEARS
    if municipality_codes is not None:
        query = query.where(_EVENT.municipality_code.in_(list(municipality_codes)))
    return {
        (str(code), int(year)): Decision(action, code, year, reason, actor, at)
        for action, code, year, reason, actor, at in session.execute(query, {"years": wanted})
    }


def lock_decisions(session: Session) -> None:
    """Take the writers' lock before a decision on PostgreSQL (SQLite holds it from the start)."""
    if session.get_bind().dialect.name == "postgresql":
        lock_for_writing(session)


def decision_of(event: CountyEvent) -> Decision:
    """The decision a county event records."""
    return Decision(
        event.action, event.municipality_code, event.year, event.reason, event.actor, event.at
    )


def latest_decisions(
    session: Session, year: int, municipality_codes: Sequence[str] | None = None
) -> dict[str, Decision]:
    """Each municipality's latest approve/return/reopen event for a year."""
    found = _latest_in_years(session, [year], municipality_codes)
    return {code: decision for (code, _), decision in found.items()}


@dataclass(frozen=True)
class ReportingPermission:
    """Whether a municipality's reporters may save values for a year, and if not, why."""

    municipality_code: str
    year: int
    reason: str | None  # None: they may save
    window: Window

    @property
    def allowed(self) -> bool:
        return self.reason is None

    def message(self, lang: Lang = "sv") -> str:
        """One line for the reporter: why saving is refused (empty when it is allowed)."""
        if self.reason is None:
            return ""
        if self.reason in (WINDOW_NOT_OPEN, WINDOW_CLOSED):
            return self.window.sentence(lang)
        return MESSAGES(f"refused-{self.reason}", lang, year=self.year)

    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality_code,
            "year": self.year,
            "allowed": self.allowed,
            "reason": self.reason,
            "window": self.window.to_dict(),
        }


def reporting_permission(
    session: Session, municipality_code: str, year: int, today: dt.date | None = None
) -> ReportingPermission:
    """May the municipality's reporters save values for the year today?

    Refused when the year is locked, the municipality-year is approved, or a window is set
    and today is outside it.  The county board itself imports from the command line, where
    locked and approved years need ``--force --reason``.
    """
    window = get_window(session, year, today)
    reason: str | None = None
    if year in locked_years(session):
        reason = YEAR_LOCKED
    elif approval_state(session, municipality_code, year) == APPROVED:
        reason = MUNICIPALITY_APPROVED
    elif window.state == "not-yet-open":
        reason = WINDOW_NOT_OPEN
    elif window.state == "closed":
        reason = WINDOW_CLOSED
    return ReportingPermission(municipality_code, year, reason, window)


@dataclass(frozen=True)
class LastChange:
    """The latest change of a municipality's values for the year: who and when."""

    by: str
    at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {"by": self.by, "at": self.at.isoformat()}


def last_changes(session: Session, codes: Sequence[str], year: int) -> dict[str, LastChange]:
    """Each municipality's latest revision of a value for the year (by, at)."""
    newest = (
        select(
            REVISION_MUNICIPALITY.label("municipality_code"),
            func.max(Revision.id).label("revision_id"),
        )
        .outerjoin(Observation, Revision.observation_id == Observation.id)
        .where(year == REVISION_YEAR, REVISION_MUNICIPALITY.in_(list(codes)))
        .group_by(REVISION_MUNICIPALITY)
        .subquery()
    )
    rows = session.execute(
        select(newest.c.municipality_code, Revision.changed_by, Revision.changed_at).join(
            Revision, Revision.id == newest.c.revision_id
        )
    )
    return {code: LastChange(by, at) for code, by, at in rows}
