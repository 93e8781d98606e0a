"""The plan report's tables, built once and written by every format.

Cells hold raw values (kronor as numbers, dates as dates, flags as their codes); each
writer formats them its own way, so the spreadsheet keeps numbers as numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from typing import Literal

from i18n import Lang
from indicators.numbers import display_round
from indicators.numbers import format_number
from plan.messages import MESSAGES
from plan.report_model import IndicatorTrend
from plan.report_model import PlanReport
from plan.texts import check_sentence
from plan.texts import check_verdict
from plan.texts import flag_counts
from plan.texts import flag_label
from plan.texts import flag_text
from plan.texts import kronor
from plan.texts import percent
from plan.texts import reasons_text
from plan.texts import status_label
from plan.texts import unknown_amount_line

Kind = Literal["text", "kr", "percent", "date", "flag", "code", "number"]
Cell = str | int | float | dt.date | None


@dataclass(frozen=True)
class Column:
    """A column: its header and what kind of value it holds."""

    header: str
    kind: Kind = "text"
    width: float = 1.0  # relative width in the PDF


@dataclass
class Table:
    """One section of the report as a table, with an optional note under it."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    note: str = ""
    row_flags: list[str | None] = field(default_factory=list)


def cell_text(value: Cell, kind: Kind, lang: Lang) -> str:
    """A cell as text for HTML and PDF."""
    if value is None or value == "":
        return ""
    if kind == "kr":
        return kronor(float(value), lang)  # type: ignore[arg-type]
    if kind == "percent":
        return percent(float(value), lang)  # type: ignore[arg-type]
    if kind == "number":
        return format_number(float(value), None, lang)  # type: ignore[arg-type]
    if kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if kind == "flag":
        return flag_text(str(value), lang)
    return str(value)


def trend_text(trend: IndicatorTrend, lang: Lang) -> str:
    """``GN.11 Länssnitt 12,3 kWh (2012) ↗``."""
    latest = trend.latest
    if latest is None:
        return f"{trend.code}: " + MESSAGES("no-values-in-county", lang)
    year, value = latest
    number = format_number(value, trend.decimals, lang)
    unit = f" {trend.unit}" if trend.unit else ""
    average = MESSAGES("county-average", lang)
    return f"{trend.code} {average} {number}{unit} ({year}) {trend.symbol}"


def trend_judgement(trend: IndicatorTrend, lang: Lang) -> str:
    """The direction in words."""
    return MESSAGES(f"judgement-{trend.judgement}", lang)


def report_tables(report: PlanReport, lang: Lang = "sv") -> list[Table]:
    """Every table of the report, in reading order."""
    return [
        goals_table(report, lang),
        activities_table(report, lang),
        budget_table(report, lang),
        parties_table(report, lang),
        totals_table(report, lang),
        recipients_table(report, lang),
        log_table(report, lang),
        indicators_table(report, lang),
    ]


def goals_table(report: PlanReport, lang: Lang) -> Table:
    """Status per goal: the worst flag of its activities, budget and spent."""
    rows: list[list[Cell]] = []
    for goal in report.goals:
        rows.append(
            [
                MESSAGES("goal-number", lang, number=goal.number),
                goal.title,
                goal.flag,
                flag_counts(goal.counts, lang),
                goal.budget,
                goal.spent,
            ]
        )
    return Table(
        "goals",
        MESSAGES("goals-title", lang),
        [
            Column(MESSAGES("col-goal", lang), width=0.6),
            Column(MESSAGES("col-goal-text", lang), width=3.2),
            Column(MESSAGES("col-light", lang), "flag", 0.9),
            Column(MESSAGES("col-activities", lang), width=1.5),
            Column("Budget", "kr", 1.0),
            Column(MESSAGES("col-spent", lang), "kr", 1.0),
        ],
        rows,
        note=MESSAGES("goals-note", lang),
        row_flags=[g.flag for g in report.goals],
    )


def activities_table(report: PlanReport, lang: Lang) -> Table:
    """Each activity's status, progress, elapsed time, budget, spent and flag."""
    rows: list[list[Cell]] = []
    for s in report.statuses:
        a = s.activity
        linked = "; ".join(trend_text(t, lang) for t in report.links.get(a.code, []))
        rows.append(
            [
                a.code,
                a.title,
                " + ".join(a.parties),
                a.start,
                a.end,
                status_label(s.status, lang),
                s.progress,
                None if s.elapsed is None else s.elapsed * 100,
                a.budget,
                s.spent,
                s.flag,
                reasons_text(s.reasons, lang),
                linked,
            ]
        )
    return Table(
        "activities",
        MESSAGES("activities-title", lang),
        [
            Column(MESSAGES("col-code", lang), "code", 0.45),
            Column(MESSAGES("col-activity", lang), width=2.4),
            Column(MESSAGES("col-responsible", lang), width=1.0),
            Column("Start", "date", 0.8),
            Column(MESSAGES("col-end", lang), "date", 0.8),
            Column("Status", width=0.8),
            Column(MESSAGES("col-done", lang), "percent", 0.5),
            Column(MESSAGES("col-elapsed", lang), "percent", 0.6),
            Column("Budget", "kr", 0.9),
            Column(MESSAGES("col-spent", lang), "kr", 0.9),
            Column(MESSAGES("col-light", lang), "flag", 0.8),
            Column(MESSAGES("col-why", lang), width=1.4),
            Column(MESSAGES("col-linked-indicators", lang), width=1.8),
        ],
        rows,
        note=MESSAGES("activities-note", lang, date=report.as_of.isoformat()),
        row_flags=[s.flag for s in report.statuses],
    )


def budget_table(report: PlanReport, lang: Lang) -> Table:
    """Budget and spent per activity grouped by goal, with goal subtotals and the total."""
    rows: list[list[Cell]] = []
    flags: list[str | None] = []
    for goal in report.goals:
        for s in goal.statuses:
            a = s.activity
            rows.append([a.code, a.title, a.budget, s.spent, s.remaining])
            flags.append(None)
        rows.append(
            [
                MESSAGES("goal-number", lang, number=goal.number),
                MESSAGES("subtotal", lang),
                goal.budget,
                goal.spent,
                goal.budget - goal.spent,
            ]
        )
        flags.append("subtotal")
    rows.append(
        [
            "",
            MESSAGES("all-goal-activities", lang),
            report.activity_budget,
            report.spent,
            report.activity_budget - report.spent,
        ]
    )
    flags.append("total")
    for label, description, budget, _text in report.management:
        rows.append([MESSAGES("management", lang), f"{label}: {description}", budget, None, None])
        flags.append(None)
    unknown = "; ".join(unknown_amount_line(u, lang) for u in report.unknown_amounts)
    return Table(
        "budget",
        MESSAGES("budget-title", lang),
        [
            Column(MESSAGES("col-code", lang), "code", 0.8),
            Column(MESSAGES("col-activity", lang), width=4.2),
            Column("Budget", "kr", 1.1),
            Column(MESSAGES("col-spent", lang), "kr", 1.1),
            Column(MESSAGES("col-remaining", lang), "kr", 1.1),
        ],
        rows,
        note=MESSAGES("unknown-amounts", lang, amounts=unknown) if unknown else "",
        row_flags=flags,
    )


def parties_table(report: PlanReport, lang: Lang) -> Table:
    """Budget and spent per responsible party, alone and shared."""
    rows: list[list[Cell]] = [
        [
            p.party or MESSAGES("no-party", lang),
            ", ".join(p.activities),
            p.budget_alone,
            p.budget_shared,
            p.spent_alone,
            p.spent_shared,
        ]
        for p in report.parties
    ]
    return Table(
        "parties",
        MESSAGES("parties-title", lang),
        [
            Column(MESSAGES("col-party", lang), width=1.6),
            Column(MESSAGES("col-activities", lang), width=2.2),
            Column(MESSAGES("col-budget-alone", lang), "kr", 1.1),
            Column(MESSAGES("col-budget-shared", lang), "kr", 1.1),
            Column(MESSAGES("col-spent-alone", lang), "kr", 1.1),
            Column(MESSAGES("col-spent-shared", lang), "kr", 1.1),
        ],
        rows,
        note=MESSAGES("parties-note", lang),
    )


def totals_table(report: PlanReport, lang: Lang) -> Table:
    """Every total the plan states, checked against the sum of its parts."""
    rows: list[list[Cell]] = [
        [
            c.label,
            c.stated,
            c.computed,
            c.difference,
            check_verdict(c, lang),
            check_sentence(c, lang),
        ]
        for c in report.checks
    ]
    flags: list[str | None] = ["at-risk" if c.consistent is False else None for c in report.checks]
    wrong = [c for c in report.checks if c.consistent is False]
    note = "; ".join(
        MESSAGES(
            "total-differs",
            lang,
            label=c.label,
            stated=kronor(c.stated, lang),
            computed=kronor(c.computed, lang),
            difference=kronor(c.difference, lang),
        )
        for c in wrong
    )
    return Table(
        "totals",
        MESSAGES("totals-title", lang),
        [
            Column(MESSAGES("col-total", lang), width=2.6),
            Column(MESSAGES("col-stated", lang), "kr", 1.0),
            Column(MESSAGES("col-computed", lang), "kr", 1.0),
            Column(MESSAGES("col-difference", lang), "kr", 0.8),
            Column(MESSAGES("col-verdict", lang), width=1.0),
            Column(MESSAGES("col-explanation", lang), width=3.0),
        ],
        rows,
        note=note,
        row_flags=flags,
    )


def recipients_table(report: PlanReport, lang: Lang) -> Table:
    """The activities grouped by who receives their results."""
    rows: list[list[Cell]] = []
    for recipients, statuses in report.recipients.items():
        rows.append(
            [
                recipients,
                ", ".join(s.activity.code for s in statuses),
                sum(s.activity.budget or 0 for s in statuses),
                ", ".join(
                    f"{s.activity.code} {flag_label(s.flag, lang).lower()}" for s in statuses
                ),
            ]
        )
    return Table(
        "recipients",
        MESSAGES("recipients-title", lang),
        [
            Column(MESSAGES("col-recipients", lang), width=2.6),
            Column(MESSAGES("col-activities", lang), width=1.4),
            Column("Budget", "kr", 1.0),
            Column(MESSAGES("col-flag", lang), width=2.6),
        ],
        rows,
    )


def log_table(report: PlanReport, lang: Lang) -> Table:
    """The follow-up log up to the report date; example entries labelled as such."""
    rows: list[list[Cell]] = [
        [
            e.date,
            e.code,
            status_label(e.status, lang),
            e.spent,
            e.progress,
            e.note or "",
            e.user,
            MESSAGES("example", lang) if e.example else "",
        ]
        for e in report.log
    ]
    return Table(
        "log",
        MESSAGES("log-title", lang),
        [
            Column(MESSAGES("col-date", lang), "date", 0.9),
            Column(MESSAGES("col-code", lang), "code", 0.5),
            Column("Status", width=0.9),
            Column(MESSAGES("col-spent", lang), "kr", 0.9),
            Column(MESSAGES("col-done", lang), "percent", 0.5),
            Column(MESSAGES("col-note", lang), width=3.0),
            Column(MESSAGES("col-by", lang), width=0.8),
            Column(MESSAGES("col-example", lang), width=0.6),
        ],
        rows,
        note="" if report.log else MESSAGES("no-updates", lang),
    )


def indicators_table(report: PlanReport, lang: Lang) -> Table:
    """The indicators linked to activities, with the county average's latest value and trend."""
    rows: list[list[Cell]] = []
    for code, trends in report.links.items():
        for trend in trends:
            latest = trend.latest
            rows.append(
                [
                    code,
                    trend.code,
                    trend.label(lang),
                    float(display_round(latest[1], trend.decimals)) if latest else None,
                    trend.unit,
                    latest[0] if latest else None,
                    f"{trend.symbol} {trend_judgement(trend, lang)}",
                ]
            )
    return Table(
        "indicators",
        MESSAGES("indicators-title", lang),
        [
            Column(MESSAGES("col-activity", lang), "code", 0.6),
            Column(MESSAGES("col-indicator", lang), "code", 0.6),
            Column(MESSAGES("col-name", lang), width=3.0),
            Column(MESSAGES("col-latest-average", lang), "number", 1.1),
            Column(MESSAGES("col-unit", lang), width=0.8),
            Column(MESSAGES("col-year", lang), width=0.5),
            Column(MESSAGES("col-development", lang), width=1.6),
        ],
        rows,
        note=MESSAGES("indicators-note" if rows else "no-links", lang),
    )
