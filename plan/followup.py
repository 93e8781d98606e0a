"""Follow-up of a plan at a date: each activity's status from its log, and the derived flag.

Pure functions: activities and log entries in, results out; nothing here reads the store.

The rules, as the county board follows up a plan:

- The status on a date is that of the newest log entry dated on or before it (entries of
  the same date in the order recorded); an activity without such an entry is not started.
- ``spent`` (kronor spent so far) and ``progress`` (per cent done) are the newest values
  given on or before the date, so an entry that only changes the status keeps them.
- The flag: *done* and *cancelled* as reported; *late* when the end date has passed (the
  date is after the end) and the activity is neither done nor cancelled; *at-risk* when the
  progress is below the share of the period that has elapsed, when more than the budget has
  been spent, or when the activity is reported as delayed; otherwise *on-track*.  A
  not-started activity counts as 0 % done; an ongoing one without a progress figure is not
  judged on time, only on money.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from plan.models import CANCELLED
from plan.models import DELAYED
from plan.models import DONE
from plan.models import NOT_STARTED

ON_TRACK = "on-track"
AT_RISK = "at-risk"
LATE = "late"
FLAGS = (LATE, AT_RISK, ON_TRACK, DONE, CANCELLED)

# Traffic lights: red for late, yellow for at risk, green for on track and done.
LIGHTS = {LATE: "red", AT_RISK: "yellow", ON_TRACK: "green", DONE: "green", CANCELLED: "grey"}
# The worse flag wins a roll-up.
_SEVERITY = {LATE: 4, AT_RISK: 3, ON_TRACK: 2, DONE: 1, CANCELLED: 0}

# Why an activity is flagged.
END_PASSED = "end-passed"
BEHIND_SCHEDULE = "behind-schedule"
OVER_BUDGET = "over-budget"
REPORTED_DELAYED = "reported-delayed"


@dataclass(frozen=True)
class StatusUpdate:
    """What a status update says: the activity, the date, its status, money spent, progress."""

    code: str
    date: dt.date
    status: str
    spent: float | None = None
    progress: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class LogEntry(StatusUpdate):
    """One status update as the follow-up needs it."""

    user: str = ""
    example: bool = False
    order: int = 0  # recording order among entries of the same date


@dataclass(frozen=True)
class ActivityPlan:
    """What the plan says about one activity, as far as the follow-up needs it."""

    code: str
    title: str
    goal_number: int
    budget: int | None
    start: dt.date | None
    end: dt.date | None
    parties: tuple[str, ...] = ()
    recipients: str = ""


@dataclass(frozen=True)
class ActivityStatus:
    """One activity's state on a date."""

    activity: ActivityPlan
    as_of: dt.date
    status: str
    status_date: dt.date | None
    spent: float | None
    progress: float | None
    elapsed: float | None
    flag: str
    reasons: tuple[str, ...] = ()

    @property
    def light(self) -> str:
        """The traffic light: red, yellow, green or grey."""
        return LIGHTS[self.flag]

    @property
    def over_budget(self) -> bool:
        """True when more than a known budget has been spent."""
        return is_over_budget(self.spent, self.activity.budget)

    @property
    def remaining(self) -> float | None:
        """Budget minus spent (None when the budget is unknown)."""
        if self.activity.budget is None:
            return None
        return self.activity.budget - (self.spent or 0)

    def to_dict(self) -> dict[str, object]:
        """The JSON form used by `plan show --json`."""
        a = self.activity
        return {
            "code": a.code,
            "title": a.title,
            "goal": a.goal_number,
            "status": self.status,
            "status_date": self.status_date.isoformat() if self.status_date else None,
            "spent": self.spent,
            "budget": a.budget,
            "progress": self.progress,
            "elapsed": None if self.elapsed is None else round(self.elapsed * 100, 1),
            "start": a.start.isoformat() if a.start else None,
            "end": a.end.isoformat() if a.end else None,
            "flag": self.flag,
            "light": self.light,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class GoalRollup:
    """The follow-up of one goal: its activities' flags, budgets and spending together."""

    number: int
    title: str
    statuses: tuple[ActivityStatus, ...]
    flag: str
    counts: dict[str, int] = field(default_factory=dict)
    budget: int = 0
    unknown_budgets: tuple[str, ...] = ()
    spent: float = 0.0

    @property
    def light(self) -> str:
        """The goal's traffic light: the worst of its activities'."""
        return LIGHTS[self.flag]

    def to_dict(self) -> dict[str, object]:
        """The JSON form used by `plan show --json`."""
        return {
            "goal": self.number,
            "title": self.title,
            "flag": self.flag,
            "light": self.light,
            "counts": self.counts,
            "budget": self.budget,
            "unknown_budgets": list(self.unknown_budgets),
            "spent": self.spent,
        }


@dataclass(frozen=True)
class PartyBudget:
    """Budget and spending of the activities one party is responsible for."""

    party: str
    activities: tuple[str, ...]
    budget_alone: int
    budget_shared: int
    spent_alone: float
    spent_shared: float
    unknown_budgets: tuple[str, ...] = ()


def entries_until(entries: Iterable[LogEntry], as_of: dt.date) -> list[LogEntry]:
    """The entries dated on or before ``as_of``, oldest first (same date: recording order)."""
    return sorted((e for e in entries if e.date <= as_of), key=lambda e: (e.date, e.order))


def elapsed_share(start: dt.date | None, end: dt.date | None, as_of: dt.date) -> float | None:
    """The share (0-1) of the period from start to end that has passed on ``as_of``.

    0 up to and including the start day, 1 from the end day on; None without a period.
    """
    if start is None or end is None:
        return None
    if as_of <= start:
        return 0.0
    if as_of >= end:
        return 1.0
    return (as_of - start).days / (end - start).days


def is_over_budget(spent: float | None, budget: int | None) -> bool:
    """True when ``spent`` exceeds a known budget."""
    return spent is not None and budget is not None and spent > budget


def activity_status(
    activity: ActivityPlan, entries: Iterable[LogEntry], as_of: dt.date
) -> ActivityStatus:
    """The status, spending, progress and flag of one activity on ``as_of``."""
    seen = entries_until((e for e in entries if e.code == activity.code), as_of)
    latest = seen[-1] if seen else None
    status = latest.status if latest else NOT_STARTED
    spent = next((e.spent for e in reversed(seen) if e.spent is not None), None)
    progress = next((e.progress for e in reversed(seen) if e.progress is not None), None)
    elapsed = elapsed_share(activity.start, activity.end, as_of)
    flag, reasons = derive_flag(status, progress, spent, activity, as_of, elapsed)
    return ActivityStatus(
        activity=activity,
        as_of=as_of,
        status=status,
        status_date=latest.date if latest else None,
        spent=spent,
        progress=progress,
        elapsed=elapsed,
        flag=flag,
        reasons=reasons,
    )


def derive_flag(
    status: str,
    progress: float | None,
    spent: float | None,
    activity: ActivityPlan,
    as_of: dt.date,
    elapsed: float | None,
) -> tuple[str, tuple[str, ...]]:
    """The flag (late, at-risk, on-track, done, cancelled) and the reasons behind it."""
    if status in (DONE, CANCELLED):
        # Finished is finished, but a finished activity that cost more than its budget
        # is still worth a line in the follow-up.
        return status, (OVER_BUDGET,) if is_over_budget(spent, activity.budget) else ()
    reasons: list[str] = []
    if activity.end is not None and as_of > activity.end:
        reasons.append(END_PASSED)
    done_share = 0.0 if status == NOT_STARTED and progress is None else progress
    if done_share is not None and elapsed is not None and done_share < elapsed * 100:
        reasons.append(BEHIND_SCHEDULE)
    if is_over_budget(spent, activity.budget):
        reasons.append(OVER_BUDGET)
    if status == DELAYED:
        reasons.append(REPORTED_DELAYED)
    if END_PASSED in reasons:
        return LATE, tuple(reasons)
    if reasons:
        return AT_RISK, tuple(reasons)
    return ON_TRACK, ()


def plan_status(
    activities: Sequence[ActivityPlan], entries: Iterable[LogEntry], as_of: dt.date
) -> list[ActivityStatus]:
    """Every activity's status on ``as_of``, in plan order."""
    entries = list(entries)
    return [activity_status(a, entries, as_of) for a in activities]


def worst_flag(flags: Iterable[str]) -> str:
    """The most serious flag of several; on-track when there are none."""
    flags = list(flags)
    return max(flags, key=lambda f: _SEVERITY[f]) if flags else ON_TRACK


def goal_rollups(
    goals: Sequence[tuple[int, str]], statuses: Sequence[ActivityStatus]
) -> list[GoalRollup]:
    """Per goal: the worst flag, how many activities have each flag, budget and spent."""
    rollups = []
    for number, title in goals:
        own = tuple(s for s in statuses if s.activity.goal_number == number)
        counts = {flag: sum(1 for s in own if s.flag == flag) for flag in FLAGS}
        rollups.append(
            GoalRollup(
                number=number,
                title=title,
                statuses=own,
                flag=worst_flag(s.flag for s in own),
                counts={k: v for k, v in counts.items() if v},
                budget=sum(s.activity.budget or 0 for s in own),
                unknown_budgets=tuple(s.activity.code for s in own if s.activity.budget is None),
                spent=sum(s.spent or 0 for s in own),
            )
        )
    return rollups


def party_budgets(statuses: Sequence[ActivityStatus]) -> list[PartyBudget]:
    """Per responsible party: budget and spent of its activities, alone and shared.

    An activity with several parties ("Arena MV + SAMT") is not split between them, since
    the plan does not say how; it counts in full under each party's *shared* columns.
    Activities without a responsible party are gathered under the party ``""``.
    """
    parties: list[str] = []
    for s in statuses:
        for party in s.activity.parties or ("",):
            if party not in parties:
                parties.append(party)
    result = []
    for party in parties:
        own = [s for s in statuses if party in (s.activity.parties or ("",))]
        alone = [s for s in own if len(s.activity.parties) == 1]
        shared = [s for s in own if len(s.activity.parties) > 1]
        result.append(
            PartyBudget(
                party=party,
                activities=tuple(s.activity.code for s in own),
                budget_alone=sum(s.activity.budget or 0 for s in alone),
                budget_shared=sum(s.activity.budget or 0 for s in shared),
                spent_alone=sum(s.spent or 0 for s in alone),
                spent_shared=sum(s.spent or 0 for s in shared),
                unknown_budgets=tuple(s.activity.code for s in own if s.activity.budget is None),
            )
        )
    return result


def by_recipients(statuses: Sequence[ActivityStatus]) -> dict[str, list[ActivityStatus]]:
    """The activities grouped by their recipients as written, in order of first appearance."""
    groups: dict[str, list[ActivityStatus]] = {}
    for s in statuses:
        groups.setdefault(s.activity.recipients or "–", []).append(s)
    return groups
