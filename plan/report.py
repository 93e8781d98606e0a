"""The plan follow-up report: gathered from the store once, then written as PDF, HTML or XLSX.

:func:`build_plan_report` reads the plan, its log and links and runs the pure follow-up
(:mod:`plan.followup`); the writers in ``plan/documents/`` only read the resulting
:class:`PlanReport` (defined in :mod:`plan.report_model`, which they import instead of this
module, so there is no import cycle).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from database.engine import safe_url
from i18n import Lang
from indicators.models import REPORTED
from indicators.models import Indicator
from indicators.models import Observation
from municipalities.models import Municipality
from plan import activity_log
from plan import store
from plan.documents.html import write_html
from plan.documents.pdf import write_pdf
from plan.documents.xlsx import write_xlsx
from plan.followup import by_recipients
from plan.followup import goal_rollups
from plan.followup import party_budgets
from plan.followup import plan_status
from plan.parser import check_totals
from plan.report_model import IndicatorTrend
from plan.report_model import PlanReport
from plan.report_model import ReportProvenance
from reports.analysis import judge_trend
from reports.queries import report_time

REPORT_SUFFIXES = (".pdf", ".html", ".xlsx")
COUNTY = "22"  # Västernorrland, whose board follows up the plan


def build_plan_report(
    session: Session,
    plan_name: str | None,
    as_of: dt.date,
    *,
    url: str | None = None,
    with_trends: bool = True,
) -> PlanReport:
    """Gather the plan, its log up to ``as_of`` and its linked indicators' county trends."""
    plan = store.find_plan(session, plan_name)
    activities = store.activity_plans(session, plan)
    goals = store.goals(session, plan)
    entries = activity_log.log_entries(session, plan)
    statuses = plan_status(activities, entries, as_of)
    parsed = store.to_parsed(session, plan)
    links = activity_log.indicator_links(session, plan)
    trends: dict[str, list[IndicatorTrend]] = {}
    if with_trends and links:
        cache: dict[str, IndicatorTrend] = {}
        for code, indicator_codes in links.items():
            for indicator_code in indicator_codes:
                if indicator_code not in cache:
                    cache[indicator_code] = county_trend(session, indicator_code)
                trends.setdefault(code, []).append(cache[indicator_code])
    elif links:
        trends = {code: [] for code in links}
    shown_log = [e for e in entries if e.date <= as_of]
    return PlanReport(
        plan_name=plan.name,
        title=plan.title or plan.name,
        subtitle=plan.subtitle,
        as_of=as_of,
        goals=goal_rollups([(g.number, g.title) for g in goals], statuses),
        goal_descriptions={g.number: g.description for g in goals},
        statuses=statuses,
        tasks={a.code: a.tasks for a in parsed.activities},
        parties=party_budgets(statuses),
        recipients=by_recipients(statuses),
        checks=check_totals(parsed),
        management=[(m.label, m.description, m.budget, m.budget_text) for m in parsed.management],
        unknown_amounts=parsed.unknown_budgets(),
        log=shown_log,
        links=trends,
        provenance=ReportProvenance(
            made_at=report_time(),
            database=safe_url(url or str(session.get_bind().engine.url)),
            activities=len(statuses),
            updates=len(shown_log),
            example_updates=sum(1 for e in shown_log if e.example),
            source_file=plan.source_file,
        ),
    )


def county_trend(
    session: Session, indicator_code: str, until_year: int | None = None
) -> IndicatorTrend:
    """The county's unweighted municipal mean per year of one indicator, and its trend.

    Every stored year is used unless ``until_year`` is given: the indicators show where the
    county stands now, whatever date the plan is followed up for.
    """
    indicator = session.scalar(select(Indicator).where(Indicator.code == indicator_code))
    assert indicator is not None
    query = (
        select(Observation.year, func.avg(Observation.value))
        .join(Municipality, Municipality.code == Observation.municipality_code)
        .where(
            Observation.indicator_id == indicator.id,
            Municipality.county_code == COUNTY,
            Observation.status == REPORTED,
            Observation.value.is_not(None),
        )
        .group_by(Observation.year)
        .order_by(Observation.year)
    )
    if until_year is not None:
        query = query.where(Observation.year <= until_year)
    points = tuple((int(year), float(value)) for year, value in session.execute(query))
    trend = judge_trend(points, indicator.direction)
    return IndicatorTrend(
        code=indicator.code,
        name=indicator.name,
        name_en=indicator.name_en,
        unit=indicator.unit,
        decimals=indicator.decimals,
        direction=indicator.direction,
        points=points,
        judgement=trend.judgement,
        symbol=trend.symbol,
    )


def write_plan_report(report: PlanReport, path: Path, lang: Lang = "sv") -> Path:
    """Write the report as PDF, HTML or XLSX, chosen by the file's suffix."""
    suffix = ".html" if str(path) == "-" else path.suffix.lower()  # `-o -`: HTML on stdout
    if suffix == ".html":
        write_html(report, path, lang)
    elif suffix == ".pdf":
        write_pdf(report, path, lang)
    elif suffix == ".xlsx":
        write_xlsx(report, path, lang)
    else:
        raise ValueError(f"{path.name}: the plan report is written as .pdf, .html or .xlsx")
    return path
