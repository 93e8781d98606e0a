"""The municipality report's data: series, averages, ranks, trends and targets per indicator."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from indicators.across_sets import CarriedValue
from indicators.across_sets import OtherSetValues
from indicators.across_sets import read_other_set
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation
from indicators.sets import default_set
from indicators.targets import effective_targets
from municipalities.models import County
from municipalities.models import GroupMember
from municipalities.models import Municipality
from municipalities.models import MunicipalityGroup
from municipalities.models import sekom_member_in
from municipalities.registry import resolve_municipality
from reports import analysis
from reports import revisions
from reports.errors import ReportError
from reports.model.municipality import IndicatorSummary
from reports.model.municipality import MunicipalityReport
from reports.model.series import AverageSeries
from reports.model.series import Coverage
from reports.model.series import Series
from reports.model.sources import KoladaNote
from reports.queries.fetching import FetchedObservation
from reports.queries.fetching import empty_series
from reports.queries.fetching import fetch_observations
from reports.queries.fetching import kolada_notes
from reports.queries.fetching import kolada_uploads
from reports.queries.fetching import report_indicators
from reports.queries.fetching import series_by_key
from reports.queries.fetching import shown_years
from reports.queries.origin import REPORTED
from reports.queries.origin import report_provenance
from reports.queries.origin import report_time

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def municipality_report_data(
    session: Session,
    municipality_code: str,
    year: int | None = None,
    since: int | None = None,
    set_code: str | None = None,
    url: str | None = None,
) -> MunicipalityReport:
    """Everything the municipality report shows, for ``year`` (default: its latest year).

    Per indicator: the series from ``since`` (else the first year with a value in the
    county) to ``year``; latest value at or before ``year``; trend from the baseline;
    rank and colour among the county's municipalities in ``year`` (grey when the
    municipality has no value that year); county, SEkom and group averages of the year of
    the latest value (comparing like with like); the target (the municipality's own, else
    its county's) against the straight path.
    """
    code = resolve_municipality(municipality_code).code
    found = session.execute(
        select(
            Municipality.name,
            Municipality.county_code,
            County.name,
            Municipality.sekom_member,
            Municipality.short_name,
        )
        .join(County, County.code == Municipality.county_code)
        .where(Municipality.code == code)
    ).first()
    if found is None:
        raise ReportError("municipality-not-in-store", code=code)
    name, county_code, county_name, sekom_member, short_name = found
    if set_code is None:
        set_code = _default_report_set(session, [code], year)
    ids, indicators = report_indicators(session, set_code)
    codes = dict(zip(ids, (i.code for i in indicators), strict=True))
    # Series continued across the set's revision (SEkom 2012 -> 2023), per the mapping table.
    links = revisions.links(set_code, list(codes.items()), _stored_indicator_ids(session))

    mine = select(GroupMember.group_id).where(GroupMember.municipality_code == code)
    group_rows = session.execute(
        select(MunicipalityGroup.name, GroupMember.municipality_code)
        .join(GroupMember, GroupMember.group_id == MunicipalityGroup.id)
        .where(GroupMember.group_id.in_(mine))
    ).all()
    groups: dict[str, list[str]] = {}
    for group_name, member in group_rows:
        groups.setdefault(group_name, []).append(member)
    member_rows = session.execute(
        select(
            Municipality.code,
            Municipality.county_code,
            Municipality.sekom_member,
            Municipality.sekom_since,
            Municipality.sekom_left,
        ).where(
            or_(
                Municipality.county_code == county_code,
                Municipality.sekom_member.is_(True),
                Municipality.sekom_left.is_not(None),
                Municipality.code.in_([m for members in groups.values() for m in members]),
            )
        )
    ).all()
    county_members = sorted(row[0] for row in member_rows if row[1] == county_code)
    # Anyone who was a SEkom member at some time; each year's average is over that year's.
    sekom_rows = [row for row in member_rows if row[2] or row[4] is not None]
    sekom_members = sorted(row[0] for row in sekom_rows)

    # Not limited by `since`: a target's base year may lie before the shown span.
    observations = fetch_observations(
        session,
        [row[0] for row in member_rows],
        ids + [link.old_id for link in links],
        until=year,
    )
    # The notes on values sent with the other set's code, and the values apart: the one rule.
    other = read_other_set(
        session,
        [code],
        set_code,
        list(codes.items()),
        [o for o in observations if o.indicator_id in codes],
        until=year,
    )
    observations, apart = revisions.carry_over([*observations, *other.added], links)
    if year is None:
        own_years = [o.year for o in observations if o.municipality_code == code]
        any_years = [o.year for o in observations]
        if not any_years:
            raise ReportError("no-values", code=code)
        year = max(own_years or any_years)
        observations = [o for o in observations if o.year <= year]
    # The span includes a changed definition's old values: the chart shows them apart.
    years = shown_years(
        [o for o in [*observations, *apart] if o.municipality_code in set(county_members)],
        year,
        since,
    )
    series = series_by_key(observations, codes, years)
    earlier = {
        key[1]: found
        for key, found in series_by_key(
            [o for o in apart if o.municipality_code == code], codes, years
        ).items()
    }
    targets = effective_targets(session, code)
    sekom_in = {
        y: {row[0] for row in sekom_rows if sekom_member_in(row[2], row[3], row[4], y)}
        for y in years
    }

    def members_series(members: Iterable[str], indicator_code: str) -> list[Series]:
        return [series[(m, indicator_code)] for m in members if (m, indicator_code) in series]

    rows: list[IndicatorSummary] = []
    own: dict[str, Series] = {}
    county_avg: dict[str, AverageSeries] = {}
    sekom_avg: dict[str, AverageSeries] = {}
    group_avg: dict[str, dict[str, AverageSeries]] = {g: {} for g in sorted(groups)}
    for indicator_id, indicator in zip(ids, indicators, strict=True):
        ind = indicator.code
        mine_series = series.get((code, ind)) or empty_series(code, ind, years)
        own[ind] = mine_series
        county_avg[ind] = AverageSeries(
            "county",
            county_name,
            analysis.average_series(
                members_series(county_members, ind), f"county:{county_code}", ind, years
            ),
            members=dict.fromkeys(years, len(county_members)),
        )
        sekom_avg[ind] = AverageSeries(
            "sekom",
            "SEkom",
            analysis.average_series(
                members_series(sekom_members, ind), "sekom", ind, years, members_in=sekom_in
            ),
            members={y: len(sekom_in[y]) for y in years},
        )
        for group_name in group_avg:
            group_avg[group_name][ind] = AverageSeries(
                "group",
                group_name,
                analysis.average_series(
                    members_series(sorted(groups[group_name]), ind),
                    f"group:{group_name}",
                    ind,
                    years,
                ),
                members=dict.fromkeys(years, len(groups[group_name])),
            )
        in_year = {m: _value(series.get((m, ind)), year) for m in county_members}
        ranks, colours = analysis.rank_colours(in_year, indicator.direction, check_coverage=True)
        trend = analysis.judge_trend(
            mine_series.points,
            indicator.direction,
            since,
            year,
            change_threshold=indicator.change_threshold,
        )
        latest = mine_series.latest(year)
        latest_year, latest_value = latest if latest else (None, None)
        compared = latest_year if latest_year is not None else year
        target = targets.get(indicator_id)
        rows.append(
            IndicatorSummary(
                indicator=indicator,
                latest_year=latest_year,
                latest_value=latest_value,
                baseline_year=trend.baseline_year,
                baseline_value=trend.baseline_value,
                trend=trend,
                rank=ranks.get(code),
                rank_of=sum(r is not None for r in ranks.values()),
                colour=colours.get(code, "grey"),
                county_average=county_avg[ind].series.value_in(compared),
                sekom_average=sekom_avg[ind].series.value_in(compared),
                group_averages={g: group_avg[g][ind].series.value_in(compared) for g in group_avg},
                county_coverage=county_avg[ind].coverage(compared),
                sekom_coverage=sekom_avg[ind].coverage(compared),
                group_coverages={g: group_avg[g][ind].coverage(compared) for g in group_avg},
                rank_coverage=Coverage(
                    sum(r is not None for r in ranks.values()), len(county_members)
                ),
                target=(
                    analysis.target_status(
                        _all_points(observations, code, indicator_id),
                        indicator.direction,
                        target.target_value,
                        target.target_year,
                        base_year=target.base_year,
                        until=year,
                        owner=target.owner,
                    )
                    if target
                    else None
                ),
                status=mine_series.statuses.get(year),
                comment=mine_series.comments.get(year),
            )
        )
    shown = set(years)
    used = [
        o
        for o in observations
        if o.status == REPORTED and o.municipality_code == code and o.year in shown
    ]
    return MunicipalityReport(
        municipality_code=code,
        municipality_name=name,
        county_code=county_code,
        county_name=county_name,
        year=year,
        years=years,
        rows=tuple(rows),
        series=own,
        county_average=county_avg,
        sekom_average=sekom_avg,
        group_averages=group_avg,
        provenance=report_provenance(session, url, [o.upload_id for o in used], set_code),
        sekom_member=bool(sekom_member),
        set_code=set_code,
        since=since,
        municipality_short_name=short_name,
        revisions={codes[link.new_id]: link.revision for link in links},
        earlier=earlier,
        kolada_differences=_notes_by_indicator(kolada_notes(session, [code], ids, list(years))),
        kolada_sources=_from_kolada(session, used, codes),
        carried=_carried_by_indicator(other, set(years)),
        incomparable=tuple(v for v in other.incomparable if v.year in set(years)),
        overridden=tuple(v for v in other.overridden if v.year in set(years)),
    )


def _carried_by_indicator(
    other: OtherSetValues, years: set[int]
) -> dict[str, dict[int, CarriedValue]]:
    by_indicator: dict[str, dict[int, CarriedValue]] = {}
    for (_, indicator_code, year), carried in other.carried.items():
        if year in years:
            by_indicator.setdefault(indicator_code, {})[year] = carried
    return by_indicator


def _from_kolada(
    session: Session, used: list[FetchedObservation], codes: dict[int, str]
) -> dict[str, frozenset[int]]:
    """Indicator code -> the years whose shown value a Kolada sync wrote."""
    kolada = kolada_uploads(session, [o.upload_id for o in used])
    years: dict[str, set[int]] = {}
    for o in used:
        if o.upload_id in kolada and o.indicator_id in codes:
            years.setdefault(codes[o.indicator_id], set()).add(o.year)
    return {code: frozenset(found) for code, found in years.items()}


def _notes_by_indicator(notes: list[KoladaNote]) -> dict[str, dict[int, KoladaNote]]:
    by_indicator: dict[str, dict[int, KoladaNote]] = {}
    for note in notes:
        by_indicator.setdefault(note.indicator_code, {})[note.year] = note
    return by_indicator


def _default_report_set(session: Session, municipality_codes: list[str], year: int | None) -> str:
    """The set a report of ``year`` (default: the latest stored year) uses: the year's default."""
    if year is None:
        year = session.scalar(
            select(func.max(Observation.year)).where(
                Observation.municipality_code.in_(municipality_codes)
            )
        )
    return default_set(year if year is not None else report_time().year)


def _stored_indicator_ids(session: Session) -> dict[tuple[str, str], int]:
    """(set code, indicator code) -> id of every stored indicator."""
    rows = session.execute(
        select(IndicatorSet.code, Indicator.code, Indicator.id).join(
            IndicatorSet, IndicatorSet.id == Indicator.set_id
        )
    )
    return {(set_code, code): id_ for set_code, code, id_ in rows}


def _value(series: Series | None, year: int) -> float | None:
    return series.value_in(year) if series else None


def _all_points(
    observations: Iterable[FetchedObservation], municipality_code: str, indicator_id: int
) -> list[tuple[int, float | None]]:
    """Every fetched (year, value) of one series, also before the shown span (target bases)."""
    return [
        (o.year, o.value if o.status == REPORTED else None)
        for o in observations
        if o.municipality_code == municipality_code and o.indicator_id == indicator_id
    ]
