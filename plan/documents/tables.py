"""The plan report's tables, built once and written by every format.

Cells hold raw values (kronor as numbers, dates as dates, flags as their codes); each
writer formats them its own way, so the spreadsheet keeps numbers as numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from i18n import Lang
from indicators.numbers import display_round, format_number
from plan.report_model import IndicatorTrend, PlanReport
from plan.texts import (
    FLAG_SYMBOLS,
    check_sentence,
    check_verdict,
    flag_label,
    kronor,
    percent,
    reasons_text,
    status_label,
    unknown_amount_line,
)

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


def L(sv: str, en: str, lang: Lang) -> str:  # noqa: N802 - short on purpose, used everywhere
    """The English or Swedish text."""
    return en if lang == "en" else sv


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
        return f"{FLAG_SYMBOLS[str(value)]} {flag_label(str(value), lang)}"
    return str(value)


def trend_text(trend: IndicatorTrend, lang: Lang) -> str:
    """``GN.11 Länssnitt 12,3 kWh (2012) ↗``."""
    latest = trend.latest
    if latest is None:
        return f"{trend.code}: " + L("inga värden i länet", "no values in the county", lang)
    year, value = latest
    number = format_number(value, trend.decimals, lang)
    unit = f" {trend.unit}" if trend.unit else ""
    average = L("länssnitt", "county average", lang)
    return f"{trend.code} {average} {number}{unit} ({year}) {trend.symbol}"


def trend_judgement(trend: IndicatorTrend, lang: Lang) -> str:
    """The direction in words."""
    words = {
        "improving": ("åt rätt håll", "improving"),
        "worsening": ("åt fel håll", "worsening"),
        "no-clear-change": ("ingen tydlig förändring", "no clear change"),
        "too-few-values": ("för få värden", "too few values"),
    }
    sv, en = words[trend.judgement]
    return L(sv, en, lang)


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
        counts = ", ".join(f"{n} {flag_label(f, lang).lower()}" for f, n in goal.counts.items())
        rows.append(
            [
                L(f"Mål {goal.number}", f"Goal {goal.number}", lang),
                goal.title,
                goal.flag,
                counts,
                goal.budget,
                goal.spent,
            ]
        )
    return Table(
        "goals",
        L("Status per mål", "Status per goal", lang),
        [
            Column(L("Mål", "Goal", lang), width=0.6),
            Column(L("Mål", "Goal", lang) + L("beskrivning", " text", lang), width=3.2),
            Column(L("Läge", "Light", lang), "flag", 0.9),
            Column(L("Aktiviteter", "Activities", lang), width=1.5),
            Column("Budget", "kr", 1.0),
            Column(L("Förbrukat", "Spent", lang), "kr", 1.0),
        ],
        rows,
        note=L(
            "Målets läge är det allvarligaste av dess aktiviteters: ■ Sen, ▲ Risk, ● I fas, "
            "✓ Klar, – Avbruten.",
            "A goal's light is the most serious of its activities': ■ Late, ▲ At risk, "
            "● On track, ✓ Done, – Cancelled.",
            lang,
        ),
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
        L("Aktiviteter", "Activities", lang),
        [
            Column(L("Kod", "Code", lang), "code", 0.45),
            Column(L("Aktivitet", "Activity", lang), width=2.4),
            Column(L("Ansvar", "Responsible", lang), width=1.0),
            Column("Start", "date", 0.8),
            Column(L("Slut", "End", lang), "date", 0.8),
            Column("Status", width=0.8),
            Column(L("Klart", "Done", lang), "percent", 0.5),
            Column(L("Tid gått", "Time", lang), "percent", 0.6),
            Column("Budget", "kr", 0.9),
            Column(L("Förbrukat", "Spent", lang), "kr", 0.9),
            Column(L("Läge", "Light", lang), "flag", 0.8),
            Column(L("Orsak", "Why", lang), width=1.4),
            Column(L("Länkade nyckeltal", "Linked indicators", lang), width=1.8),
        ],
        rows,
        note=L(
            f"Läget per {report.as_of.isoformat()}: Sen = slutdatum passerat utan att "
            "aktiviteten är klar; Risk = mindre gjort än andelen av perioden som gått, mer "
            "förbrukat än budget eller rapporterad försenad; annars I fas.",
            f"Status as of {report.as_of.isoformat()}: Late = end date passed and not done; "
            "At risk = less done than the share of the period elapsed, more spent than the "
            "budget, or reported delayed; otherwise On track.",
            lang,
        ),
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
                L(f"Mål {goal.number}", f"Goal {goal.number}", lang),
                L("Summa", "Subtotal", lang),
                goal.budget,
                goal.spent,
                goal.budget - goal.spent,
            ]
        )
        flags.append("subtotal")
    rows.append(
        [
            "",
            L("Alla målaktiviteter", "All goal activities", lang),
            report.activity_budget,
            report.spent,
            report.activity_budget - report.spent,
        ]
    )
    flags.append("total")
    for label, description, budget, _text in report.management:
        rows.append(
            [L("Projektledning", "Management", lang), f"{label}: {description}", budget, None, None]
        )
        flags.append(None)
    unknown = "; ".join(unknown_amount_line(u, lang) for u in report.unknown_amounts)
    return Table(
        "budget",
        L(
            "Budget och förbrukat per aktivitet och mål",
            "Budget and spent per activity and goal",
            lang,
        ),
        [
            Column(L("Kod", "Code", lang), "code", 0.8),
            Column(L("Aktivitet", "Activity", lang), width=4.2),
            Column("Budget", "kr", 1.1),
            Column(L("Förbrukat", "Spent", lang), "kr", 1.1),
            Column(L("Kvar", "Remaining", lang), "kr", 1.1),
        ],
        rows,
        note=(
            L("Okända belopp (räknas inte som 0): ", "Unknown amounts (not counted as 0): ", lang)
            + unknown
        )
        if unknown
        else "",
        row_flags=flags,
    )


def parties_table(report: PlanReport, lang: Lang) -> Table:
    """Budget and spent per responsible party, alone and shared."""
    rows: list[list[Cell]] = [
        [
            p.party or L("(ingen angiven)", "(none given)", lang),
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
        L("Budget per ansvarig", "Budget per responsible party", lang),
        [
            Column(L("Ansvarig", "Party", lang), width=1.6),
            Column(L("Aktiviteter", "Activities", lang), width=2.2),
            Column(L("Budget ensam", "Budget alone", lang), "kr", 1.1),
            Column(L("Budget delad", "Budget shared", lang), "kr", 1.1),
            Column(L("Förbrukat ensam", "Spent alone", lang), "kr", 1.1),
            Column(L("Förbrukat delad", "Spent shared", lang), "kr", 1.1),
        ],
        rows,
        note=L(
            "En aktivitet med flera ansvariga (t.ex. Arena MV + SAMT) delas inte upp, eftersom "
            "planen inte säger hur; den räknas i sin helhet som delad hos var och en.",
            "An activity with several parties (such as Arena MV + SAMT) is not split, since the "
            "plan does not say how; it counts in full as shared under each of them.",
            lang,
        ),
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
        L(
            f"{c.label} stämmer inte: angivet {kronor(c.stated, lang)}, beräknat "
            f"{kronor(c.computed, lang)}, skillnad {kronor(c.difference, lang)}",
            f"{c.label} does not add up: stated {kronor(c.stated, lang)}, computed "
            f"{kronor(c.computed, lang)}, difference {kronor(c.difference, lang)}",
            lang,
        )
        for c in wrong
    )
    return Table(
        "totals",
        L("Planens angivna summor", "The plan's stated totals", lang),
        [
            Column(L("Summa", "Total", lang), width=2.6),
            Column(L("Angivet", "Stated", lang), "kr", 1.0),
            Column(L("Beräknat", "Computed", lang), "kr", 1.0),
            Column(L("Skillnad", "Difference", lang), "kr", 0.8),
            Column(L("Bedömning", "Verdict", lang), width=1.0),
            Column(L("Förklaring", "Explanation", lang), width=3.0),
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
        L("Aktiviteter per mottagare", "Activities by recipient group", lang),
        [
            Column(L("Mottagare av resultat", "Recipients of the results", lang), width=2.6),
            Column(L("Aktiviteter", "Activities", lang), width=1.4),
            Column("Budget", "kr", 1.0),
            Column(L("Läge", "Status", lang), width=2.6),
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
            L("exempel", "example", lang) if e.example else "",
        ]
        for e in report.log
    ]
    return Table(
        "log",
        L("Uppföljningslogg", "Follow-up log", lang),
        [
            Column(L("Datum", "Date", lang), "date", 0.9),
            Column(L("Kod", "Code", lang), "code", 0.5),
            Column("Status", width=0.9),
            Column(L("Förbrukat", "Spent", lang), "kr", 0.9),
            Column(L("Klart", "Done", lang), "percent", 0.5),
            Column(L("Anteckning", "Note", lang), width=3.0),
            Column(L("Av", "By", lang), width=0.8),
            Column(L("Exempel", "Example", lang), width=0.6),
        ],
        rows,
        note=""
        if report.log
        else L("Inga statusuppdateringar ännu.", "No status updates yet.", lang),
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
        L(
            "Länkade nyckeltal: länssnitt (Västernorrland)",
            "Linked indicators: county average",
            lang,
        ),
        [
            Column(L("Aktivitet", "Activity", lang), "code", 0.6),
            Column(L("Nyckeltal", "Indicator", lang), "code", 0.6),
            Column(L("Namn", "Name", lang), width=3.0),
            Column(L("Senaste länssnitt", "Latest county average", lang), "number", 1.1),
            Column(L("Enhet", "Unit", lang), width=0.8),
            Column(L("År", "Year", lang), width=0.5),
            Column(L("Utveckling", "Development", lang), width=1.6),
        ],
        rows,
        note=L(
            "Länssnitt = oviktat medelvärde av länets kommuners rapporterade värden per år. "
            "Utvecklingen bedöms med Mann–Kendall och Theil–Sen (se metodbilagan i "
            "nyckeltalsrapporten).",
            "County average = unweighted mean of the county's municipalities' reported values "
            "per year. The development is judged with Mann–Kendall and Theil–Sen.",
            lang,
        )
        if rows
        else L(
            "Inga aktiviteter är länkade till nyckeltal.",
            "No activity is linked to an indicator.",
            lang,
        ),
    )
