"""Reminders: the municipalities that have not sent, not completed or not answered a return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import Messages
from i18n import Text
from indicators.models import NOT_APPLICABLE
from indicators.models import REPORTED
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation
from indicators.year_state import APPROVED
from indicators.year_state import SUBMITTED
from review.approval import ApprovalList
from review.approval import approval_list

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
