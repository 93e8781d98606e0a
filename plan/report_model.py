"""The plan report's data: what `plan.report` gathers and the writers in `plan/documents/` read.

Kept apart from `plan.report` so the writers import only these types and `plan.report`
(which chooses a writer) is not part of an import cycle with them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

from i18n import Lang
from i18n import pick
from plan.followup import ActivityStatus
from plan.followup import GoalRollup
from plan.followup import LogEntry
from plan.followup import PartyBudget
from plan.messages import MESSAGES
from plan.parser import TotalCheck


@dataclass(frozen=True)
class IndicatorTrend:
    """A linked indicator's county average: the latest value and the direction it moves."""

    code: str
    name: str
    name_en: str
    unit: str
    decimals: int
    direction: str
    points: tuple[tuple[int, float], ...]
    judgement: str
    symbol: str

    @property
    def latest(self) -> tuple[int, float] | None:
        """The newest (year, county average)."""
        return self.points[-1] if self.points else None

    def label(self, lang: Lang = "sv") -> str:
        """The indicator's name in the reader's language."""
        return pick(lang, self.name, self.name_en or self.name)


@dataclass(frozen=True)
class ReportProvenance:
    """Where the report comes from: when, which database, how much it draws on."""

    made_at: dt.datetime
    database: str
    activities: int
    updates: int
    example_updates: int
    source_file: str

    def line(self, lang: Lang = "sv") -> str:
        """One line for the foot of the document."""
        when = self.made_at.strftime("%Y-%m-%d %H:%M") + " UTC"
        text = MESSAGES(
            "provenance",
            lang,
            when=when,
            database=self.database,
            file=self.source_file,
            activities=self.activities,
            updates=self.updates,
        )
        if self.example_updates:
            text += MESSAGES("provenance-examples", lang, n=self.example_updates)
        return text + "."


@dataclass
class PlanReport:
    """Everything the plan report shows, as of one date."""

    plan_name: str
    title: str
    subtitle: str
    as_of: dt.date
    goals: list[GoalRollup]
    goal_descriptions: dict[int, str]
    statuses: list[ActivityStatus]
    tasks: dict[str, list[str]]
    parties: list[PartyBudget]
    recipients: dict[str, list[ActivityStatus]]
    checks: list[TotalCheck]
    management: list[tuple[str, str, int | None, str]]
    unknown_amounts: list[str]
    log: list[LogEntry]
    links: dict[str, list[IndicatorTrend]]
    provenance: ReportProvenance
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def activity_budget(self) -> int:
        """The sum of the known activity budgets."""
        return sum(s.activity.budget or 0 for s in self.statuses)

    @property
    def spent(self) -> float:
        """The sum spent on all activities so far."""
        return sum(s.spent or 0 for s in self.statuses)

    @property
    def has_examples(self) -> bool:
        """True when the log holds invented example entries."""
        return any(e.example for e in self.log)

    def to_dict(self) -> dict[str, object]:
        """The JSON form used by `plan show --json`."""
        return {
            "plan": self.plan_name,
            "as_of": self.as_of.isoformat(),
            "activities": [s.to_dict() for s in self.statuses],
            "goals": [g.to_dict() for g in self.goals],
            "budget": self.activity_budget,
            "spent": self.spent,
        }
