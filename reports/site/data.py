"""What the public site shows, read from the store once: series, trends, targets, dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import field
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from i18n import Lang
from i18n import pick
from indicators.across_sets import CarriedValue
from indicators.catalogue import list_indicators
from indicators.models import REPORTED
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation
from indicators.models import Target
from indicators.models import Upload
from indicators.safe_text import safe_filename
from indicators.sets import SAME
from indicators.sets import default_set
from indicators.sets import default_years
from indicators.sets import predecessor
from kolada.sync import KOLADA
from municipalities.groups import group_members
from municipalities.models import Municipality
from municipalities.registry import resolve_county
from reports.analysis import judge_trend
from reports.messages import SITE_LABELS
from reports.model.judgements import Trend
from reports.model.series import IMPROVING
from reports.model.series import NO_CLEAR_CHANGE
from reports.model.series import TOO_FEW_VALUES
from reports.model.series import WORSENING
from reports.open_data import observation_rows

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

JUDGEMENTS = (IMPROVING, NO_CLEAR_CHANGE, WORSENING, TOO_FEW_VALUES)


@dataclass(frozen=True)
class SiteIndicator:
    """An indicator as the site describes it."""

    code: str
    name: str
    name_en: str
    unit: str
    direction: str
    decimals: int
    source: str | None
    reported_by: str
    description: str | None

    def label(self, lang: Lang = "sv") -> str:
        return pick(lang, self.name, self.name_en)

    @property
    def anchor(self) -> str:
        """The id of the indicator's section on a municipality's page: `gn-8a`."""
        return re.sub(r"[^a-z0-9-]", "-", self.code.lower().replace(".", "-"))

    @property
    def file_name(self) -> str:
        """The code as a file name: as it is (`GN.7`) when that is safe, else made safe.

        Local catalogues may hold any code; none may write outside the site's folder.
        """
        if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,60}", self.code):
            return self.code
        return safe_filename(self.code)


@dataclass(frozen=True)
class SitePoint:
    """One published value; ``preliminary`` when the county has not approved it yet."""

    year: int
    value: float | None
    status: str
    comment: str | None
    preliminary: bool
    from_kolada: bool = False  # the official value was fetched from Kolada (`kolada sync`)
    # Sent with the other set's code of the same definition (indicators.across_sets).
    carried: CarriedValue | None = None


@dataclass(frozen=True)
class SiteTarget:
    value: float
    year: int
    owner: str  # municipality or county


@dataclass
class SiteSeries:
    """One municipality's published values of one indicator, with its trend and target."""

    municipality: str
    indicator: str
    points: list[SitePoint]
    trend: Trend
    target: SiteTarget | None
    updated: dt.date | None


@dataclass(frozen=True)
class SiteMunicipality:
    code: str
    name: str
    county_code: str


@dataclass(frozen=True)
class SiteScope:
    """Which values a publication shows: a county's (default 22), a group's or the whole
    country's, in one indicator set (default: the newest stored values' set)."""

    county: Any = None
    group: str | None = None
    whole_country: bool = False
    set_code: str | None = None
    include_unapproved: bool = False  # values of municipality-years not yet approved too


@dataclass
class SiteData:
    """Everything one publication of the site needs; pure data, no session."""

    title: str
    scope_name: str
    municipalities: list[SiteMunicipality]
    indicators: list[SiteIndicator]
    series: dict[tuple[str, str], SiteSeries]
    include_unapproved: bool
    set_code: str
    years: list[int] = field(default_factory=list)

    def data_date(self, municipality: str | None = None, indicator: str | None = None) -> str:
        """The date of the newest published change (of one municipality or indicator)."""
        dates = [
            s.updated
            for (m, i), s in self.series.items()
            if s.updated is not None
            and (municipality is None or m == municipality)
            and (indicator is None or i == indicator)
        ]
        return max(dates).isoformat() if dates else "–"

    def trend_counts(self, municipality: str) -> dict[str, int]:
        """How many of a municipality's indicators go each way."""
        counts = dict.fromkeys(JUDGEMENTS, 0)
        for indicator in self.indicators:
            found = self.series.get((municipality, indicator.code))
            if found is not None:
                counts[found.trend.judgement] += 1
        return counts


def read_site_data(session: Session, scope: SiteScope, lang: Lang = "sv") -> SiteData:
    """Read the published values of a county, a group or the whole country."""
    set_code, include_unapproved = scope.set_code, scope.include_unapproved
    query = select(Municipality.code, Municipality.short_name, Municipality.county_code)
    if scope.whole_country:
        scope_name = SITE_LABELS("sweden", lang)
    elif scope.group is not None:
        scope_name = scope.group
        query = query.where(Municipality.code.in_(group_members(session, scope.group)))
    else:
        entry = resolve_county(scope.county or "22")
        scope_name = entry.name
        query = query.where(Municipality.county_code == entry.code)
    municipalities = [
        SiteMunicipality(code, name, county_code)
        for code, name, county_code in session.execute(query.order_by(Municipality.code))
    ]
    selected = [m.code for m in municipalities]
    if set_code is None:
        # The set of the newest stored values (the county reports in it now); none stored:
        # the set in force this year.
        newest = session.execute(
            select(IndicatorSet.code, func.max(Observation.year).label("last"))
            .join(Indicator, Indicator.set_id == IndicatorSet.id)
            .join(Observation, Observation.indicator_id == Indicator.id)
            .where(Observation.municipality_code.in_(selected))
            .group_by(IndicatorSet.code)
            .order_by(func.max(Observation.year).desc(), IndicatorSet.code.desc())
        ).first()
        set_code = newest[0] if newest else default_set(dt.date.today().year)
    indicators = [
        SiteIndicator(
            i.code,
            i.name,
            i.name_en,
            i.unit,
            i.direction,
            i.decimals,
            i.source,
            i.reported_by,
            i.description,
        )
        for i in list_indicators(session, set_code)
    ]
    # What each shown (set, code) draws on: itself, and the values of the years before the
    # set's revision of an old code that continues with the same definition.
    shown = {(set_code, i.code): i.code for i in indicators}
    for i in indicators:
        before = predecessor(set_code, i.code)
        if before is not None and before.relation == SAME:
            shown[(before.old_set, before.old_code)] = i.code
    older_years = {old_set: default_years(old_set) for old_set, _ in shown if old_set != set_code}
    rows = observation_rows(session, municipalities=selected) if selected else []
    updated: dict[tuple[str, str], dt.datetime] = {}
    for code, set_of, indicator, moment in session.execute(
        select(
            Observation.municipality_code,
            IndicatorSet.code,
            Indicator.code,
            func.max(Observation.updated_at),
        )
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .where(Observation.municipality_code.in_(selected))
        .group_by(Observation.municipality_code, IndicatorSet.code, Indicator.code)
    ):
        target = shown.get((set_of, indicator))
        if target is not None and (
            (code, target) not in updated or updated[(code, target)] < moment
        ):
            updated[(code, target)] = moment
    from_kolada = _kolada_values(session, selected)
    points: dict[tuple[str, str], list[SitePoint]] = {}
    years: set[int] = set()
    published = [row for row in rows if row.approved or include_unapproved]
    # The rule of indicators.across_sets: the shown set's own row always wins; an old code
    # of the same definition fills the rest, named when it is a year of the shown set.
    own = {(r.municipality, r.indicator, r.year) for r in published if r.indicator_set == set_code}
    for row in published:
        target = shown.get((row.indicator_set, row.indicator))
        if target is None:
            continue
        carried = None
        if row.indicator_set != set_code:
            if (row.municipality, target, row.year) in own:
                continue
            if row.year not in older_years[row.indicator_set]:
                carried = CarriedValue(
                    row.municipality, target, row.year, row.indicator_set, row.indicator
                )
        key = (row.municipality, target)
        kolada = (row.municipality, row.indicator_set, row.indicator, row.year) in from_kolada
        points.setdefault(key, []).append(
            SitePoint(
                row.year, row.value, row.status, row.comment, not row.approved, kolada, carried
            )
        )
        years.add(row.year)
    for found in points.values():
        found.sort(key=lambda point: point.year)
    targets = _targets(session, selected, Target, Indicator)
    county_of = {m.code: m.county_code for m in municipalities}
    by_code = {i.code: i for i in indicators}
    series = {}
    for (code, indicator), found in points.items():
        trend = judge_trend(
            [(p.year, p.value if p.status == "reported" else None) for p in found],
            by_code[indicator].direction,
        )
        goal = targets.get((code, indicator)) or targets.get((county_of[code], indicator))
        changed_at = updated.get((code, indicator))
        series[(code, indicator)] = SiteSeries(
            code, indicator, found, trend, goal, changed_at.date() if changed_at else None
        )
    return SiteData(
        title=SITE_LABELS("title", lang, scope=scope_name),
        scope_name=scope_name,
        municipalities=municipalities,
        indicators=indicators,
        series=series,
        include_unapproved=include_unapproved,
        set_code=set_code,
        years=sorted(years),
    )


def _kolada_values(session: Session, codes: list[str]) -> set[tuple[str, str, str, int]]:
    """(municipality, set, indicator, year) of the reported values a Kolada sync wrote."""
    if not codes:
        return set()
    query = (
        select(Observation.municipality_code, IndicatorSet.code, Indicator.code, Observation.year)
        .join(Upload, Upload.id == Observation.upload_id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .where(
            Upload.layout == KOLADA,
            Observation.status == REPORTED,
            Observation.municipality_code.in_(codes),
        )
    )
    return {
        (code, set_code, indicator, year)
        for code, set_code, indicator, year in session.execute(query)
    }


def _targets(
    session: Session, codes: list[str], target: Any, indicator: Any
) -> dict[tuple[str, str], SiteTarget]:
    """Targets by (municipality or county code, indicator code); the newest of each."""
    found: dict[tuple[str, str], SiteTarget] = {}
    query = (
        select(target, indicator.code)
        .join(indicator, indicator.id == target.indicator_id)
        .where(or_(target.municipality_code.in_(codes), target.county_code.is_not(None)))
        .order_by(target.id)
    )
    for row, code in session.execute(query):
        owner = row.municipality_code or row.county_code
        kind = "municipality" if row.municipality_code else "county"
        found[(owner, code)] = SiteTarget(row.target_value, row.target_year, kind)
    return found
