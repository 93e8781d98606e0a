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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from i18n import Messages, Text
from indicators.across_sets import read_other_set
from indicators.catalogue import MUNICIPALITY
from indicators.errors import IndicatorError
from indicators.models import (
    APPROVE,
    LOCK,
    MISSING,
    NOT_APPLICABLE,
    REMOVE,
    REOPEN,
    REPORTED,
    RETURN,
    SUBMIT,
    UNLOCK,
    AccountEvent,
    CountyEvent,
    Indicator,
    IndicatorSet,
    Observation,
    ReportingWindow,
    Revision,
    Upload,
    YearLock,
    utcnow,
)
from indicators.sets import asks_only_reported
from indicators.store import REVISION_MUNICIPALITY, REVISION_YEAR

# Approval states of a municipality-year: its latest event, or "open" when it has none.
OPEN = "open"
APPROVED = "approved"
RETURNED = "returned"
REOPENED = "reopened"
# The municipality marked the year "Klar för granskning"; any later save makes it open again.
SUBMITTED = "submitted"
_STATE_OF_ACTION = {APPROVE: APPROVED, RETURN: RETURNED, REOPEN: REOPENED, SUBMIT: SUBMITTED}

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
    """An approval, return, reopen or window cannot be done as asked.

    ``str()`` is the English line; :meth:`message` gives it in the reader's language.
    """

    def __init__(self, message_en: str, message_sv: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_sv = message_sv

    def message(self, lang: str = "sv") -> str:
        """The message in Swedish (default) or English."""
        return self.message_en if lang == "en" else self.message_sv


# --- reporting windows ---------------------------------------------------------------------

_MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


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

    def sentence(self, lang: str = "sv") -> str:
        """What a reporter reads: when the window opens or closed."""
        if self.opens is None or self.closes is None:
            if lang == "en":
                return f"No reporting window is set for {self.year}."
            return f"Inget inrapporteringsfönster är satt för {self.year}."
        opens, closes = self.opens.isoformat(), self.closes.isoformat()
        texts = {
            "not-yet-open": (
                f"Inrapporteringen för {self.year} öppnar {opens} (stänger {closes}).",
                f"Reporting for {self.year} opens on {opens} (closes on {closes}).",
            ),
            "open": (
                f"Inrapporteringen för {self.year} är öppen {opens}–{closes}.",
                f"Reporting for {self.year} is open from {opens} to {closes}.",
            ),
            "closed": (
                f"Inrapporteringen för {self.year} stängde {closes}.",
                f"Reporting for {self.year} closed on {closes}.",
            ),
        }[self.state]
        return texts[1] if lang == "en" else texts[0]

    def period(self, lang: str = "sv") -> str:
        """The window's dates as a reporter reads them ahead of time, or "" when none is set:
        "Inrapportering 1 februari–31 mars 2026"."""
        if self.opens is None or self.closes is None:
            return ""
        months = _MONTHS_EN if lang == "en" else _MONTHS_SV
        opens = f"{self.opens.day} {months[self.opens.month - 1]}"
        closes = f"{self.closes.day} {months[self.closes.month - 1]} {self.closes.year}"
        if self.opens.year != self.closes.year:
            opens += f" {self.opens.year}"
        label = "Reporting" if lang == "en" else "Inrapportering"
        return f"{label} {opens}–{closes}"

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
        raise ApprovalError(
            f"the window for {year} would close ({closes}) before it opens ({opens})",
            f"fönstret för {year} skulle stänga ({closes}) innan det öppnar ({opens})",
        )
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


# --- approval ------------------------------------------------------------------------------


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

    def sentence(self, lang: str = "sv") -> str:
        name, year = self.municipality_name, self.year
        if lang == "en":
            return {
                APPROVED: f"{name} {year} approved; its reporters can no longer change it.",
                RETURNED: f"{name} {year} returned to the municipality with a comment.",
                REOPENED: f"{name} {year} reopened; its reporters can change it again.",
            }[self.state]
        return {
            APPROVED: f"{name} {year} är godkänd; kommunens rapportörer kan inte längre ändra.",
            RETURNED: f"{name} {year} är tillbakaskickad till kommunen med en kommentar.",
            REOPENED: f"{name} {year} är öppnad igen; kommunens rapportörer kan ändra.",
        }[self.state]


def approval_state(session: Session, municipality_code: str, year: int) -> str:
    """The approval state of one municipality-year (`open` when nothing was decided)."""
    latest = _latest_decisions(session, year, [municipality_code]).get(municipality_code)
    last = _last_changes(session, [municipality_code], year).get(municipality_code)
    return state_of(latest, last)


def state_of(latest: Decision | None, last_change: LastChange | None) -> str:
    """The state a municipality-year's latest decision leaves, given its latest change.

    A year marked "Klar för granskning" is open again once a value changes after the mark.
    """
    if latest is None:
        return OPEN
    if latest.action == SUBMIT and last_change is not None and last_change.at > latest.at:
        return OPEN
    return _STATE_OF_ACTION[latest.action]


def latest_decision(session: Session, municipality_code: str, year: int) -> Decision | None:
    """The county's latest approve/return/reopen of a municipality-year (its comment for the
    reporters when it is a return), or None."""
    return _latest_decisions(session, year, [municipality_code]).get(municipality_code)


def approved_municipality_years(
    session: Session, years: Iterable[int] | None = None
) -> set[tuple[str, int]]:
    """Every (municipality code, year) whose latest decision is an approval."""
    event = CountyEvent
    latest = (
        select(func.max(event.id))
        .where(event.municipality_code.is_not(None), event.action.in_(_STATE_OF_ACTION))
        .group_by(event.municipality_code, event.year)
    )
    if years is not None:
        latest = latest.where(event.year.in_(list(years)))
    rows = session.execute(
        select(event.municipality_code, event.year).where(
            event.id.in_(latest), event.action == APPROVE
        )
    )
    return {(str(code), int(year)) for code, year in rows}


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
    from municipalities.registry import resolve_municipality

    entry = resolve_municipality(municipality)
    reason = reason.strip() if reason and reason.strip() else None
    if action in (RETURN, REOPEN) and reason is None:
        raise ApprovalError(
            f"{'returning' if action == RETURN else 'reopening'} {entry.short_name} {year} needs "
            "a reason (--reason TEXT)",
            f"att {'skicka tillbaka' if action == RETURN else 'öppna igen'} {entry.short_name} "
            f"{year} kräver en motivering (--reason TEXT)",
        )
    if year in _locked(session):
        raise ApprovalError(
            f"the year {year} is locked for the whole county; unlock it first "
            f"(miljomal year unlock {year})",
            f"året {year} är låst för hela länet; lås upp det först (miljomal year unlock {year})",
        )
    # Two county officials deciding at once: the later one sees the first one's event.
    _lock_decisions(session)
    before = approval_state(session, entry.code, year)
    if before not in _ALLOWED_FROM[action]:
        words_sv, words_en = STATE_WORDS(before, "sv"), STATE_WORDS(before, "en")
        hint_sv, hint_en = {
            APPROVE: ("", ""),
            RETURN: (" Öppna den igen först.", " Reopen it first."),
            REOPEN: (" Bara en godkänd kommun kan öppnas igen.", " Only approved years reopen."),
        }[action]
        raise ApprovalError(
            f"{entry.short_name} {year} is {words_en}.{hint_en}".replace("..", "."),
            f"{entry.short_name} {year} är {words_sv}.{hint_sv}".replace("..", "."),
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
        state=_STATE_OF_ACTION[action],
        decision=_decision(event),
    )


def _lock_decisions(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        from indicators.store import lock_for_writing

        lock_for_writing(session)


def _locked(session: Session) -> set[int]:
    return set(session.scalars(select(YearLock.year).where(YearLock.active.is_(True))))


def _decision(event: CountyEvent) -> Decision:
    return Decision(
        event.action, event.municipality_code, event.year, event.reason, event.actor, event.at
    )


def _latest_decisions(
    session: Session, year: int, municipality_codes: Sequence[str] | None = None
) -> dict[str, Decision]:
    """Each municipality's latest approve/return/reopen event for a year."""
    query = (
        select(CountyEvent)
        .where(
            CountyEvent.year == year,
            CountyEvent.municipality_code.is_not(None),
            CountyEvent.action.in_(_STATE_OF_ACTION),
        )
        .order_by(CountyEvent.id)
    )
    if municipality_codes is not None:
        query = query.where(CountyEvent.municipality_code.in_(list(municipality_codes)))
    latest: dict[str, Decision] = {}
    for event in session.scalars(query):
        latest[str(event.municipality_code)] = _decision(event)
    return latest


# --- may a reporter save? -------------------------------------------------------------------


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

    def message(self, lang: str = "sv") -> str:
        """One line for the reporter: why saving is refused (empty when it is allowed)."""
        if self.reason is None:
            return ""
        if self.reason in (WINDOW_NOT_OPEN, WINDOW_CLOSED):
            return self.window.sentence(lang)
        texts = {
            YEAR_LOCKED: (
                f"Året {self.year} är låst av länsstyrelsen.",
                f"The year {self.year} is locked by the county board.",
            ),
            MUNICIPALITY_APPROVED: (
                f"Länsstyrelsen har godkänt {self.year}; be den öppna året igen för ändringar.",
                f"The county board has approved {self.year}; ask it to reopen the year.",
            ),
        }[self.reason]
        return texts[1] if lang == "en" else texts[0]

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
    if year in _locked(session):
        reason = YEAR_LOCKED
    elif approval_state(session, municipality_code, year) == APPROVED:
        reason = MUNICIPALITY_APPROVED
    elif window.state == "not-yet-open":
        reason = WINDOW_NOT_OPEN
    elif window.state == "closed":
        reason = WINDOW_CLOSED
    return ReportingPermission(municipality_code, year, reason, window)


# --- the county's list for a year ----------------------------------------------------------


@dataclass(frozen=True)
class LastChange:
    """The latest change of a municipality's values for the year: who and when."""

    by: str
    at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {"by": self.by, "at": self.at.isoformat()}


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
    from indicators.sets import default_set
    from municipalities.registry import municipalities_in_county, resolve_county

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
    last = _last_changes(session, codes, year)
    decisions = _latest_decisions(session, year, codes)
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
        year_locked=year in _locked(session),
        window=get_window(session, year, today),
        rows=rows,
    )


def _last_changes(session: Session, codes: Sequence[str], year: int) -> dict[str, LastChange]:
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


# --- the reporting matrix ------------------------------------------------------------------

ABSENT = "absent"  # nothing sent for the cell
# A reported value the import warned about (it changes more than the indicator's limit from
# the previous year) and that carries no comment explaining it: worth the county's look.
WARNING_OUTSTANDING = "warning"


@dataclass(frozen=True)
class MatrixRow:
    """One municipality's row: its approval state and each indicator's status."""

    review: ApprovalRow
    cells: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {**self.review.to_dict(), "cells": self.cells}


@dataclass(frozen=True)
class ReportingMatrix:
    """A county's municipalities x indicators for one year, for the county's overview.

    Each cell is `reported`, `warning` (reported, changed by more than the indicator's limit
    from the previous year, no comment), `missing` (`..`), `not-applicable` (`.`) or
    `absent`; a row
    also carries its approval state and last change, a column its count of reported cells.
    """

    review: ApprovalList
    indicators: list[str]
    rows: list[MatrixRow]

    @property
    def reported_by_indicator(self) -> dict[str, int]:
        return {
            code: sum(row.cells[code] in (REPORTED, WARNING_OUTSTANDING) for row in self.rows)
            for code in self.indicators
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.review.to_dict()
        data["indicators"] = [
            {"code": code, "reported": self.reported_by_indicator[code]} for code in self.indicators
        ]
        data["municipalities"] = [row.to_dict() for row in self.rows]
        return data


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


def reporting_matrix(
    session: Session,
    county: Any,
    year: int,
    set_code: str | None = None,
    today: dt.date | None = None,
) -> ReportingMatrix:
    """Every cell of a county's year by status, with each municipality's review state."""
    review = approval_list(session, county, year, set_code, today)
    set_code = review.set_code
    codes = [code for _, code in asked_indicators(session, set_code)]
    from indicators.validation import DEFAULT_CHANGE_LIMIT

    members = [r.municipality_code for r in review.rows]
    previous = {
        (code, indicator_id): value
        for code, indicator_id, value in session.execute(
            select(Observation.municipality_code, Observation.indicator_id, Observation.value)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
            .where(
                Observation.year == year - 1,
                IndicatorSet.code == set_code,
                Observation.municipality_code.in_(members),
                Observation.value.is_not(None),
            )
        )
    }
    statuses: dict[tuple[str, str], str] = {}
    for code, indicator_id, indicator_code, status, value, comment, threshold in session.execute(
        select(
            Observation.municipality_code,
            Observation.indicator_id,
            Indicator.code,
            Observation.status,
            Observation.value,
            Observation.comment,
            Indicator.change_threshold,
        )
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .where(
            Observation.year == year,
            IndicatorSet.code == set_code,
            Observation.municipality_code.in_(members),
        )
    ):
        before = previous.get((code, indicator_id))
        limit = threshold if threshold and threshold > 0 else DEFAULT_CHANGE_LIMIT
        if (
            status == REPORTED
            and not (comment or "").strip()
            and value is not None
            and before  # neither None nor 0
            and abs(value - before) / abs(before) > limit
        ):
            status = WARNING_OUTSTANDING
        statuses[(code, indicator_code)] = status
    rows = [
        MatrixRow(
            row, {code: statuses.get((row.municipality_code, code), ABSENT) for code in codes}
        )
        for row in review.rows
    ]
    return ReportingMatrix(review, codes, rows)


# --- reminders -----------------------------------------------------------------------------

NOT_SENT = "not-sent"
INCOMPLETE = "incomplete"
RETURN_UNANSWERED = "return-unanswered"

REMINDER_WORDS = Messages(
    {
        NOT_SENT: Text("har inte skickat in", "has not sent"),
        INCOMPLETE: Text("saknar värden", "values missing"),
        RETURN_UNANSWERED: Text("tillbakaskickad, inte besvarad", "returned, not answered"),
    }
)


@dataclass(frozen=True)
class Reminder:
    """A municipality the county should remind, and why (one or more reason codes)."""

    municipality_code: str
    municipality_name: str
    reasons: tuple[str, ...]
    missing: int
    absent: int
    return_comment: str | None
    # The codes of the indicators with `..` or no value, in the set's order.
    missing_indicators: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality_code,
            "municipality_name": self.municipality_name,
            "reasons": list(self.reasons),
            "missing": self.missing,
            "absent": self.absent,
            "missing_indicators": list(self.missing_indicators),
            "return_comment": self.return_comment,
        }


@dataclass(frozen=True)
class ReminderList:
    """The municipalities of a county to remind for a year."""

    county_code: str
    year: int
    reminders: list[Reminder]

    def to_dict(self) -> dict[str, Any]:
        return {
            "county": self.county_code,
            "year": self.year,
            "reminders": [r.to_dict() for r in self.reminders],
        }


def reminders(
    session: Session, county: Any, year: int, set_code: str | None = None
) -> ReminderList:
    """Who has not sent, has values missing (`..` or none) or has not answered a return.

    Approved municipality-years, and those marked "Klar för granskning", are never reminded.
    """
    listing = approval_list(session, county, year, set_code)
    gaps = _missing_indicators(session, [r.municipality_code for r in listing.rows], year, listing)
    found = []
    for row in listing.rows:
        if row.state in (APPROVED, SUBMITTED):
            continue
        reasons: list[str] = []
        if not row.sent:
            reasons.append(NOT_SENT)
        elif row.missing or row.absent:
            reasons.append(INCOMPLETE)
        if row.return_unanswered:
            reasons.append(RETURN_UNANSWERED)
        if reasons:
            comment = row.decision.reason if row.return_unanswered and row.decision else None
            found.append(
                Reminder(
                    row.municipality_code,
                    row.municipality_name,
                    tuple(reasons),
                    row.missing,
                    row.absent,
                    comment,
                    gaps.get(row.municipality_code, ()),
                )
            )
    return ReminderList(listing.county_code, year, found)


def _missing_indicators(
    session: Session, codes: list[str], year: int, listing: ApprovalList
) -> dict[str, tuple[str, ...]]:
    """Each municipality's indicators of the set with `..` or no value for the year."""
    indicators = list(
        session.scalars(
            select(Indicator.code)
            .join(IndicatorSet)
            .where(IndicatorSet.code == listing.set_code)
            .order_by(Indicator.sort_order, Indicator.id)
        )
    )
    given: dict[str, set[str]] = {code: set() for code in codes}
    for code, indicator in session.execute(
        select(Observation.municipality_code, Indicator.code)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .where(
            Observation.year == year,
            IndicatorSet.code == listing.set_code,
            Observation.municipality_code.in_(codes),
            Observation.status.in_([REPORTED, NOT_APPLICABLE]),
        )
    ):
        given[code].add(indicator)
    return {code: tuple(i for i in indicators if i not in done) for code, done in given.items()}


# --- audit log -----------------------------------------------------------------------------

UPLOAD = "upload"
REVERT = "revert"
AUDIT_KINDS = (UPLOAD, REVERT, APPROVE, RETURN, REOPEN, LOCK, UNLOCK, SUBMIT, REMOVE)

AUDIT_WORDS = Messages(
    {
        UPLOAD: Text("uppladdning", "upload"),
        REVERT: Text("återställning", "revert"),
        APPROVE: Text("godkänd", "approved"),
        RETURN: Text("tillbakaskickad", "returned"),
        REOPEN: Text("öppnad igen", "reopened"),
        LOCK: Text("år låst", "year locked"),
        UNLOCK: Text("år upplåst", "year unlocked"),
        SUBMIT: Text("klar för granskning", "ready for review"),
        REMOVE: Text("person borttagen", "person removed"),
    }
)


@dataclass(frozen=True)
class AuditEntry:
    """One thing that happened to the store: who, when, why, and to what."""

    kind: str
    at: dt.datetime
    actor: str
    year: int | None
    municipality_code: str | None
    reason: str | None
    upload_id: int | None = None
    file_name: str | None = None
    subject: str | None = None  # the pseudonym of a removed person

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "year": self.year,
            "municipality": self.municipality_code,
            "reason": self.reason,
            "upload_id": self.upload_id,
            "file_name": self.file_name,
            "subject": self.subject,
        }


@dataclass(frozen=True)
class AuditLog:
    """Entries of the audit log, oldest first."""

    entries: list[AuditEntry]

    def to_dict(self) -> dict[str, Any]:
        return {"entries": [entry.to_dict() for entry in self.entries]}


def audit_log(
    session: Session,
    *,
    year: int | None = None,
    municipality: Any = None,
    kinds: Iterable[str] | None = None,
    actor: str | None = None,
    since: dt.datetime | None = None,
) -> AuditLog:
    """Uploads, reverts, approvals, returns, reopenings and year locks, filtered, oldest first.

    An upload counts for a municipality or a year when it changed one of its values; a
    year lock counts for every municipality of that year.
    """
    wanted = set(kinds) if kinds is not None else set(AUDIT_KINDS)
    unknown = wanted - set(AUDIT_KINDS)
    if unknown:
        raise ApprovalError(
            f"unknown kind {sorted(unknown)[0]!r}; known: {', '.join(AUDIT_KINDS)}",
            f"okänd händelsetyp {sorted(unknown)[0]!r}; kända: {', '.join(AUDIT_KINDS)}",
        )
    code = None
    if municipality is not None:
        from municipalities.registry import resolve_municipality

        code = resolve_municipality(municipality).code
    entries: list[AuditEntry] = []
    if wanted & {UPLOAD, REVERT}:
        entries.extend(_upload_entries(session, wanted, year, code, actor, since))
    county_kinds = wanted & {APPROVE, RETURN, REOPEN, LOCK, UNLOCK, SUBMIT}
    if county_kinds:
        query = select(CountyEvent).where(CountyEvent.action.in_(county_kinds))
        if year is not None:
            query = query.where(CountyEvent.year == year)
        if code is not None:
            query = query.where(
                (CountyEvent.municipality_code == code) | CountyEvent.municipality_code.is_(None)
            )
        if actor is not None:
            query = query.where(CountyEvent.actor == actor)
        if since is not None:
            query = query.where(CountyEvent.at >= since)
        entries.extend(
            AuditEntry(e.action, e.at, e.actor, e.year, e.municipality_code, e.reason)
            for e in session.scalars(query)
        )
    if REMOVE in wanted and year is None and code is None:
        entries.extend(_removal_entries(session, actor, since))
    entries.sort(key=lambda entry: (entry.at, entry.kind))
    return AuditLog(entries)


def _removal_entries(
    session: Session, actor: str | None, since: dt.datetime | None
) -> list[AuditEntry]:
    """People removed (their pseudonym as the file name); they belong to no year or place."""
    query = select(AccountEvent).where(AccountEvent.action == REMOVE)
    if actor is not None:
        query = query.where(AccountEvent.actor == actor)
    if since is not None:
        query = query.where(AccountEvent.at >= since)
    return [
        AuditEntry(REMOVE, e.at, e.actor, None, None, e.reason, subject=e.subject)
        for e in session.scalars(query)
    ]


def _upload_entries(
    session: Session,
    wanted: set[str],
    year: int | None,
    code: str | None,
    actor: str | None,
    since: dt.datetime | None,
) -> list[AuditEntry]:
    outcomes = {"imported" if kind == UPLOAD else "revert" for kind in wanted & {UPLOAD, REVERT}}
    query = select(
        Upload.id,
        Upload.outcome,
        Upload.uploaded_at,
        Upload.uploaded_by,
        Upload.force_reason,
        Upload.file_name,
    ).where(Upload.outcome.in_(outcomes))
    if actor is not None:
        query = query.where(Upload.uploaded_by == actor)
    if since is not None:
        query = query.where(Upload.uploaded_at >= since)
    conditions = []
    if year is not None:
        conditions.append(year == REVISION_YEAR)
    if code is not None:
        conditions.append(code == REVISION_MUNICIPALITY)
    if conditions:
        ids = (
            select(Revision.upload_id)
            .outerjoin(Observation, Observation.id == Revision.observation_id)
            .where(and_(*conditions))
        )
        query = query.where(Upload.id.in_(ids))
    # Which municipality and year each upload changed: named when it is only one.
    spans = {
        upload_id: (low_m if low_m == high_m else None, low_y if low_y == high_y else None)
        for upload_id, low_m, high_m, low_y, high_y in session.execute(
            select(
                Revision.upload_id,
                func.min(REVISION_MUNICIPALITY),
                func.max(REVISION_MUNICIPALITY),
                func.min(REVISION_YEAR),
                func.max(REVISION_YEAR),
            )
            .outerjoin(Observation, Observation.id == Revision.observation_id)
            .where(Revision.upload_id.in_(query.with_only_columns(Upload.id).scalar_subquery()))
            .group_by(Revision.upload_id)
        )
    }
    entries = []
    for upload_id, outcome, at, by, reason, file_name in session.execute(query):
        municipality, value_year = spans.get(upload_id, (None, None))
        entries.append(
            AuditEntry(
                UPLOAD if outcome == "imported" else REVERT,
                at,
                by,
                value_year if value_year is not None else year,
                municipality if municipality is not None else code,
                reason,
                upload_id,
                file_name,
            )
        )
    return entries
