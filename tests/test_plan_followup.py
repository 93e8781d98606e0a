"""The follow-up at a date: status from the log, elapsed share, late / at-risk / on-track."""

from __future__ import annotations

import datetime as dt

import pytest

from plan.followup import ActivityPlan
from plan.followup import LogEntry
from plan.followup import activity_status
from plan.followup import elapsed_share
from plan.followup import goal_rollups
from plan.followup import party_budgets
from plan.followup import plan_status

D = dt.date
# 3.2.1 as in the plan: 10 800 kr, 2009-06-01 - 2010-01-31 (244 days).
SYSTEM = ActivityPlan(
    "3.2.1",
    "System för miljömålsindikatorer",
    3,
    10800,
    D(2009, 6, 1),
    D(2010, 1, 31),
    ("Arena MV",),
)
WORKSHOP = ActivityPlan(
    "3.1", "Lokala nätverk", 3, 5000, D(2009, 9, 15), D(2009, 9, 15), ("Arena MV", "SAMT")
)
ANALYSIS = ActivityPlan("3.3", "Bred analys", 3, None, D(2009, 9, 3), D(2010, 1, 31))
LOG = [
    LogEntry("3.2.1", D(2009, 9, 1), "ongoing", spent=2000, progress=20, order=1),
    LogEntry("3.2.1", D(2010, 1, 15), "ongoing", spent=5400, progress=40, order=2),
    LogEntry("3.2.1", D(2010, 1, 15), "delayed", order=3),
    LogEntry("3.2.1", D(2010, 3, 10), "done", spent=11200, progress=100, order=4),
]  # fmt: skip


def test_elapsed_share_on_exact_days() -> None:
    start, end = D(2009, 6, 1), D(2010, 1, 31)
    assert elapsed_share(start, end, D(2009, 5, 31)) == 0.0
    assert elapsed_share(start, end, start) == 0.0
    assert elapsed_share(start, end, D(2009, 6, 2)) == 1 / 244
    assert elapsed_share(start, end, D(2009, 10, 1)) == 122 / 244
    assert elapsed_share(start, end, end) == 1.0
    assert elapsed_share(start, end, D(2011, 1, 1)) == 1.0
    assert elapsed_share(None, end, D(2009, 10, 1)) is None


def test_no_entry_before_the_start_is_not_started_and_on_track() -> None:
    status = activity_status(SYSTEM, LOG, D(2009, 5, 20))
    assert (status.status, status.status_date, status.spent, status.flag) == (
        "not-started",
        None,
        None,
        "on-track",
    )


def test_not_started_after_the_start_is_at_risk() -> None:
    status = activity_status(SYSTEM, LOG, D(2009, 8, 31))
    assert status.status == "not-started"
    assert (status.flag, status.reasons) == ("at-risk", ("behind-schedule",))


def test_the_entry_of_the_day_counts_on_that_day() -> None:
    status = activity_status(SYSTEM, LOG, D(2009, 9, 1))
    assert (status.status, status.spent, status.progress) == ("ongoing", 2000, 20)
    # 92 of 244 days gone (38 %), 20 % done: at risk
    assert status.elapsed == 92 / 244
    assert status.flag == "at-risk"


def test_progress_ahead_of_time_is_on_track() -> None:
    ahead = [LogEntry("3.2.1", D(2009, 7, 1), "ongoing", progress=15)]
    status = activity_status(SYSTEM, ahead, D(2009, 7, 1))
    # 30 of 244 days (12,3 %) gone, 15 % done
    assert (status.flag, status.reasons) == ("on-track", ())


def test_later_entry_of_the_same_day_wins_and_keeps_spent_and_progress() -> None:
    status = activity_status(SYSTEM, LOG, D(2010, 1, 15))
    assert (status.status, status.spent, status.progress) == ("delayed", 5400, 40)
    assert status.flag == "at-risk"
    assert status.reasons == ("behind-schedule", "reported-delayed")


def test_late_the_day_after_the_end_not_on_the_end_day() -> None:
    assert activity_status(SYSTEM, LOG, D(2010, 1, 31)).flag == "at-risk"
    late = activity_status(SYSTEM, LOG, D(2010, 2, 1))
    assert late.flag == "late"
    assert late.reasons[0] == "end-passed"
    assert late.light == "red"


def test_done_is_done_even_over_budget() -> None:
    status = activity_status(SYSTEM, LOG, D(2010, 3, 10))
    assert (status.status, status.spent, status.flag) == ("done", 11200, "done")
    assert status.over_budget is True
    assert status.remaining == -400


def test_spending_over_budget_is_at_risk() -> None:
    log = [LogEntry("3.1", D(2009, 9, 10), "ongoing", spent=5001, progress=100)]
    status = activity_status(WORKSHOP, log, D(2009, 9, 12))
    assert (status.flag, status.reasons) == ("at-risk", ("over-budget",))


def test_cancelled_is_never_late() -> None:
    log = [LogEntry("3.3", D(2009, 12, 1), "cancelled")]
    assert activity_status(ANALYSIS, log, D(2011, 1, 1)).flag == "cancelled"


def test_unknown_budget_is_never_over_budget() -> None:
    log = [LogEntry("3.3", D(2009, 12, 1), "ongoing", spent=999999, progress=90)]
    status = activity_status(ANALYSIS, log, D(2009, 12, 1))
    assert status.flag == "on-track"
    assert status.remaining is None


@pytest.mark.parametrize(
    ("as_of", "flags", "goal_flag"),
    [
        (D(2009, 5, 1), ["on-track", "on-track", "on-track"], "on-track"),
        (D(2009, 9, 15), ["at-risk", "on-track", "at-risk"], "at-risk"),
        (D(2009, 9, 16), ["at-risk", "late", "at-risk"], "late"),
        (D(2010, 3, 10), ["done", "late", "late"], "late"),
    ],
)
def test_goal_rollup_takes_the_worst_flag(as_of: dt.date, flags: list[str], goal_flag: str) -> None:
    statuses = plan_status([SYSTEM, WORKSHOP, ANALYSIS], LOG, as_of)
    assert [s.flag for s in statuses] == flags
    (goal,) = goal_rollups([(3, "Nätverk")], statuses)
    assert goal.flag == goal_flag
    assert goal.budget == 15800
    assert goal.unknown_budgets == ("3.3",)


def test_party_budgets_do_not_split_shared_activities() -> None:
    statuses = plan_status([SYSTEM, WORKSHOP, ANALYSIS], LOG, D(2010, 1, 15))
    parties = {p.party: p for p in party_budgets(statuses)}
    assert list(parties) == ["Arena MV", "SAMT", ""]
    assert (parties["Arena MV"].budget_alone, parties["Arena MV"].budget_shared) == (10800, 5000)
    assert parties["Arena MV"].spent_alone == 5400
    assert (parties["SAMT"].budget_alone, parties["SAMT"].budget_shared) == (0, 5000)
    assert parties[""].unknown_budgets == ("3.3",)
