"""One gate for every write to a municipality's year: may this role change it now, and why not.

Every door that changes values asks :func:`check` first: a file import (command line and
portal upload), the portal's form, the API's import, a revert, the Kolada sync, the
reporter's "Klar för granskning" and the county board's decisions.  The gate decides from
the role, whether the user may write for the municipality at all, the year's state (öppen,
inskickad, tillbakaskickad, godkänd, låst) and the reporting window, and answers with a
:class:`GateDecision`: a reason code and a sentence in Swedish and English.  The web shows
the sentence as it is; the command line may add its flag hint (``message(lang, cli=True)``).

Rules (``docs/architecture.md`` keeps the table):

* a user who may not write for the municipality is refused (``not-permitted``);
* a locked year refuses every door; the command line's import and revert pass with
  ``--force --reason`` (``force``);
* an approved year refuses every door; the county board reopens it first; the command
  line's import and revert pass with ``--force --reason``;
* a reporter writes only inside the year's reporting window (when one is set);
* "Klar för granskning" is the reporter's, and only for a year not already marked;
* a write into a year marked "Klar för granskning" is allowed and opens it again
  (``notice``: the portal says so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import Lang
from i18n import Messages
from i18n import Text
from i18n import pick_lang
from indicators.models import SUBMIT
from indicators.models import CountyEvent
from indicators.models import YearLock
from indicators.models import utcnow
from indicators.year_state import APPROVED
from indicators.year_state import MUNICIPALITY_APPROVED
from indicators.year_state import OPEN
from indicators.year_state import REOPENED
from indicators.year_state import RETURNED
from indicators.year_state import SUBMITTED
from indicators.year_state import WINDOW_CLOSED
from indicators.year_state import WINDOW_NOT_OPEN
from indicators.year_state import YEAR_LOCKED
from indicators.year_state import ApprovalChange
from indicators.year_state import ApprovalError
from indicators.year_state import Decision
from indicators.year_state import Window
from indicators.year_state import YearsRead
from indicators.year_state import approved_municipality_years
from indicators.year_state import get_window
from indicators.year_state import latest_decision
from indicators.year_state import state_after
from municipalities.registry import resolve_municipality

# --- doors: every way a value can change --------------------------------------------------

IMPORT = "import"  # `miljomal import` and the portal's Ladda upp -> Spara
FORM = "form"  # the portal's Fyll i direkt
API_IMPORT = "api-import"  # POST /api/v1/imports
REVERT = "revert"  # `miljomal uploads revert` and Historik's Återställ
KOLADA = "kolada-sync"  # `miljomal kolada sync`
SUBMIT_DOOR = "submit"  # the reporter's "Klar för granskning"
DECIDE = "decide"  # the county board's Godkänn / Skicka tillbaka / Öppna igen
DOORS = (IMPORT, FORM, API_IMPORT, REVERT, KOLADA, SUBMIT_DOOR, DECIDE)

# --- roles: the portal's three, and the command line (the store's operator) ---------------

REPORTER = "reporter"
COUNTY = "county"
ADMIN = "admin"
CLI = "cli"
ROLES = (REPORTER, COUNTY, ADMIN, CLI)

# --- a municipality-year's state, as the municipality and the county read it -------------

LOCKED = "locked"
YEAR_STATES = (OPEN, SUBMITTED, RETURNED, APPROVED, LOCKED)
YEAR_STATE_WORDS = Messages(
    {
        OPEN: Text("öppen", "open"),
        SUBMITTED: Text("inskickad", "submitted"),
        RETURNED: Text("tillbakaskickad", "returned"),
        APPROVED: Text("godkänd", "approved"),
        LOCKED: Text("låst", "locked"),
    }
)

# --- why the gate refuses (None: it lets the write through) ------------------------------

NOT_PERMITTED = "not-permitted"
ALREADY_SUBMITTED = "already-submitted"
REASONS = (
    NOT_PERMITTED,
    YEAR_LOCKED,
    MUNICIPALITY_APPROVED,
    WINDOW_NOT_OPEN,
    WINDOW_CLOSED,
    ALREADY_SUBMITTED,
)
# A write that goes through but changes the year's state: the portal tells the reporter.
SUBMISSION_WITHDRAWN = "submission-withdrawn"

MESSAGES = Messages(
    {
        NOT_PERMITTED: Text(
            "Du får inte ändra värden för {name} {year}.",
            "You may not change the values of {name} {year}.",
        ),
        YEAR_LOCKED: Text(
            "Året {year} är låst av länsstyrelsen; inga värden för {year} kan ändras.",
            "The year {year} is locked by the county board; no value for {year} can change.",
        ),
        MUNICIPALITY_APPROVED: Text(
            "Länsstyrelsen har godkänt {year} för {name}; värdena kan inte ändras. Be "
            "länsstyrelsen öppna året igen om något behöver rättas.",
            "The county board has approved {year} for {name}; the values cannot change. Ask "
            "the county board to reopen the year if something needs correcting.",
        ),
        f"{MUNICIPALITY_APPROVED}-county": Text(
            "{name} {year} är godkänd; öppna året igen innan värdena ändras.",
            "{name} {year} is approved; reopen the year before its values change.",
        ),
        ALREADY_SUBMITTED: Text(
            "{name} {year} är redan markerad som klar för granskning.",
            "{name} {year} is already marked ready for review.",
        ),
        SUBMISSION_WITHDRAWN: Text(
            "{name} {year} var markerad som klar för granskning; ändringen gör året öppet "
            "igen. Markera det som klart när du är färdig.",
            "{name} {year} was marked ready for review; the change opens the year again. "
            "Mark it ready when you are done.",
        ),
        "cli-force": Text(
            ' Använd --force --reason "..." om ändringen är beslutad.',
            ' Use --force --reason "..." if the change is decided.',
        ),
    }
)


class GateRefused(ApprovalError):
    """A write the gate refused; ``decision`` says why (with the flag hint when ``cli``)."""

    def __init__(self, decision: GateDecision, *, cli: bool = False) -> None:
        self.decision, self.cli = decision, cli
        super().__init__(decision.message("en", cli=cli))

    def message(self, lang: Lang | None = "sv") -> str:
        """The decision's sentence in the reader's language (its words are `MESSAGES`)."""
        return self.decision.message(pick_lang(lang), cli=self.cli)


@dataclass(frozen=True)
class YearState:
    """A municipality-year's state, the decision that set it (who, when, why) and the window."""

    municipality_code: str
    year: int
    state: str
    decision: Decision | None
    window: Window

    def words(self, lang: Lang = "sv") -> str:
        return YEAR_STATE_WORDS(self.state, lang)

    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality_code,
            "year": self.year,
            "state": self.state,
            "decision": self.decision.to_dict() if self.decision else None,
            "window": self.window.to_dict(),
        }


@dataclass(frozen=True)
class GateDecision:
    """The gate's answer for one door, role and municipality-year."""

    door: str
    role: str
    municipality_code: str
    year: int
    year_state: YearState
    reason: str | None  # None: the write may go through
    notice: str | None = None  # set when an allowed write changes the year's state

    @property
    def allowed(self) -> bool:
        return self.reason is None

    @property
    def status(self) -> int:
        """The HTTP status of a refusal: 403 for who and when, 409 for the year's state."""
        return 403 if self.reason in (NOT_PERMITTED, WINDOW_NOT_OPEN, WINDOW_CLOSED) else 409

    def message(self, lang: Lang = "sv", *, cli: bool = False) -> str:
        """Why the write is refused (empty when allowed); ``cli`` adds the flag hint."""
        if self.reason is None:
            return ""
        if self.reason in (WINDOW_NOT_OPEN, WINDOW_CLOSED):
            return self.year_state.window.sentence(lang)
        key = self.reason
        if key == MUNICIPALITY_APPROVED and self.role in (COUNTY, ADMIN):
            key = f"{MUNICIPALITY_APPROVED}-county"
        text = MESSAGES(key, lang, name=_name(self.municipality_code), year=self.year)
        forceable = self.door in (IMPORT, REVERT) and self.role == CLI
        if cli and forceable and self.reason in (YEAR_LOCKED, MUNICIPALITY_APPROVED):
            text += MESSAGES("cli-force", lang)
        return text

    def notice_message(self, lang: Lang = "sv") -> str:
        """What an allowed write changes about the year (empty when nothing)."""
        if self.notice is None:
            return ""
        return MESSAGES(self.notice, lang, name=_name(self.municipality_code), year=self.year)

    def to_dict(self) -> dict[str, Any]:
        return {
            "door": self.door,
            "role": self.role,
            "municipality": self.municipality_code,
            "year": self.year,
            "state": self.year_state.state,
            "allowed": self.allowed,
            "reason": self.reason,
            "notice": self.notice,
        }


def year_state(
    session: Session,
    municipality_code: str,
    year: int,
    today: dt.date | None = None,
    *,
    read: YearsRead | None = None,
) -> YearState:
    """The municipality-year's state: låst, else its latest decision (open when none).

    ``read``: the year locks and decisions ``session``'s transaction read already (under
    the writers' lock, an import's); a year it did not read is asked here.
    """
    window = get_window(session, year, today)
    if read is not None and year in read.years:
        decision = read.decisions.get((municipality_code, year))
        locked = year in read.locked
    else:
        decision = latest_decision(session, municipality_code, year)
        locked = _is_locked(session, year)
    if locked:
        state = LOCKED
    else:
        state = state_after(session, decision)
        state = OPEN if state == REOPENED else state
    return YearState(municipality_code, year, state, decision, window)


def check(
    session: Session,
    *,
    door: str,
    role: str,
    municipality_code: str,
    year: int,
    permitted: bool = True,
    force: bool = False,
    today: dt.date | None = None,
    read: YearsRead | None = None,
) -> GateDecision:
    """May ``role`` change the municipality's ``year`` through ``door`` now?

    ``permitted`` is whether the user may write for the municipality at all (the caller
    knows the account); ``force`` is the command line's ``--force --reason``; ``read`` is
    what the caller's transaction read of the year already (`year_state`).
    """
    if door not in DOORS or role not in ROLES:
        raise ValueError(f"unknown door {door!r} or role {role!r}")
    found = year_state(session, municipality_code, year, today, read=read)
    reason = _refusal(door, role, found, permitted=permitted, force=force)
    notice = None
    if reason is None and found.state == SUBMITTED and door not in (SUBMIT_DOOR, DECIDE):
        notice = SUBMISSION_WITHDRAWN
    return GateDecision(door, role, municipality_code, year, found, reason, notice)


def require(session: Session, **arguments: Any) -> GateDecision:
    """:func:`check`, raising :class:`GateRefused` when the gate refuses."""
    decision = check(session, **arguments)
    if not decision.allowed:
        raise GateRefused(decision)
    return decision


def require_revert(
    session: Session, places: Iterable[tuple[str, int]], *, force: bool = False
) -> None:
    """The command line's revert: refused (with the flag hint) into an approved year.

    A locked year is refused by ``store.revert_upload`` itself, naming the upload; the
    portal asks :func:`check` for its user's role instead.
    """
    for code, year in sorted(places):
        decision = check(
            session, door=REVERT, role=CLI, municipality_code=code, year=year, force=force
        )
        if not decision.allowed and decision.reason != YEAR_LOCKED:
            raise GateRefused(decision, cli=True)


def refused_places(
    session: Session, *, door: str, role: str, places: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], str]:
    """The gate's refusals (reason code) for many municipality-years at once.

    The same rules as :func:`check` with ``permitted`` and without ``force``, read in two
    queries for a sync of every municipality and year; a reporter's window is asked year
    by year.
    """
    wanted = set(places)
    if door == KOLADA and role == REPORTER:
        return dict.fromkeys(wanted, NOT_PERMITTED)
    if role == REPORTER:
        found = {
            place: check(
                session, door=door, role=role, municipality_code=place[0], year=place[1]
            ).reason
            for place in wanted
        }
        return {place: reason for place, reason in found.items() if reason is not None}
    years = {year for _, year in wanted}
    locked = set(session.scalars(select(YearLock.year).where(YearLock.active))) & years
    approved = approved_municipality_years(session, years)
    refused: dict[tuple[str, int], str] = {}
    for place in wanted:
        if place[1] in locked:
            refused[place] = YEAR_LOCKED
        elif place in approved and door != DECIDE:
            refused[place] = MUNICIPALITY_APPROVED
    return refused


def mark_ready_for_review(
    session: Session,
    municipality_code: str,
    year: int,
    user: str,
    *,
    role: str = REPORTER,
    permitted: bool = True,
    today: dt.date | None = None,
) -> ApprovalChange:
    """ "Klar för granskning": the municipality's year goes to the county board (inskickad)."""
    decision = require(
        session,
        door=SUBMIT_DOOR,
        role=role,
        municipality_code=municipality_code,
        year=year,
        permitted=permitted,
        today=today,
    )
    event = CountyEvent(
        action=SUBMIT,
        municipality_code=municipality_code,
        year=year,
        reason=None,
        actor=user,
        at=utcnow(),
    )
    session.add(event)
    session.flush()
    return ApprovalChange(
        municipality_code=municipality_code,
        municipality_name=_name(municipality_code),
        year=year,
        previous_state=decision.year_state.state,
        state=SUBMITTED,
        decision=Decision(SUBMIT, municipality_code, year, None, user, event.at),
    )


def _refusal(door: str, role: str, found: YearState, *, permitted: bool, force: bool) -> str | None:
    if not permitted:
        return NOT_PERMITTED
    if door == SUBMIT_DOOR and role not in (REPORTER, ADMIN):
        return NOT_PERMITTED
    if door == DECIDE and role not in (COUNTY, CLI):
        return NOT_PERMITTED
    if door == KOLADA and role == REPORTER:
        return NOT_PERMITTED
    forced = force and role == CLI and door in (IMPORT, REVERT)
    if found.state == LOCKED and not forced:
        return YEAR_LOCKED
    if door == DECIDE:
        return None  # which decision may follow which: review.approval's own rules
    if found.state == APPROVED and not forced:
        return MUNICIPALITY_APPROVED
    if door == SUBMIT_DOOR and found.state == SUBMITTED:
        return ALREADY_SUBMITTED
    if role == REPORTER:
        window = found.window.state
        if window == "not-yet-open":
            return WINDOW_NOT_OPEN
        if window == "closed":
            return WINDOW_CLOSED
    return None


def _is_locked(session: Session, year: int) -> bool:
    found = session.scalar(select(YearLock.year).where(YearLock.year == year, YearLock.active))
    return found is not None


def _name(code: str) -> str:
    try:
        return str(resolve_municipality(code).short_name)
    except Exception:  # a code the registry does not know: name it by its code
        return code
