"""Fetching what a report needs from the store, in a few set-based queries, then analysing it.

Every function takes a ``Session`` from the caller and reads only.  Observations come in
one query per report (Core rows, not ORM objects): the county comparison reads the
county's municipalities x indicators x years up to the report year, the municipality
report also the SEkom members and the members of the municipality's named groups.
The analysis itself is :mod:`reports.analysis` and :mod:`reports.completeness`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import func, or_, select

from database.engine import safe_url
from indicators.across_sets import (
    NOTHING,
    CarriedValue,
    OtherSetValues,
    StoredObservation,
    read_other_set,
    sets_with_values,
)
from indicators.catalogue import MUNICIPALITY, list_indicators
from indicators.models import Indicator, IndicatorSet, Observation, Upload
from indicators.models import Observation as O
from indicators.sets import asks_only_reported, default_set
from indicators.targets import effective_targets
from kolada.mapping import list_mappings
from kolada.sync import KOLADA, differences
from municipalities.models import (
    County,
    GroupMember,
    Municipality,
    MunicipalityGroup,
    sekom_member_in,
)
from municipalities.registry import resolve_county, resolve_municipality
from reports import analysis, revisions
from reports.completeness import build_completeness
from reports.errors import ReportError
from reports.model import (
    ABSENT,
    AverageSeries,
    Cell,
    Completeness,
    CountyComparison,
    CountyTable,
    Coverage,
    IndicatorMeta,
    IndicatorSummary,
    KoladaNote,
    MunicipalityMeta,
    MunicipalityReport,
    Provenance,
    Series,
    UploadRef,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

REPORTED = "reported"


def stored_year_range(session: Session) -> tuple[int, int] | None:
    """The first and last year of any stored observation; None for an empty store."""
    first, last = session.execute(
        select(func.min(Observation.year), func.max(Observation.year))
    ).one()
    return None if first is None else (int(first), int(last))


# One current observation as fetched (a NamedTuple: tens of thousands are made fast).
_Obs = StoredObservation


# --- provenance ---------------------------------------------------------------------------


def report_time() -> dt.datetime:
    """Now in naive UTC to the second, or ``SOURCE_DATE_EPOCH`` when set (reproducible files)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().lstrip("-").isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def provenance(
    session: Session,
    url: str,
    value_count: int | None = None,
    upload_ids: Iterable[int] | None = None,
    set_code: str | None = None,
) -> Provenance:
    """Where a report's numbers come from.

    Without ``value_count``/``upload_ids`` it describes the whole store (every reported
    value, the newest upload); the report functions pass the values they drew on.
    """
    if value_count is None:
        value_count = session.scalar(
            select(func.count()).select_from(Observation).where(Observation.status == REPORTED)
        )
    query = select(Upload.file_name, Upload.uploaded_at).order_by(
        Upload.uploaded_at.desc(), Upload.id.desc()
    )
    if upload_ids is not None:
        ids = sorted(set(upload_ids))
        newest = session.execute(query.where(Upload.id.in_(ids)).limit(1)).first() if ids else None
    else:
        newest = session.execute(query.limit(1)).first()
    return Provenance(
        made_at=report_time(),
        database=safe_url(url),
        value_count=int(value_count or 0),
        newest_upload=UploadRef(newest[0], newest[1]) if newest else None,
        indicator_set=set_code,
    )


# --- shared fetching ----------------------------------------------------------------------


def _indicators(session: Session, set_code: str | None) -> tuple[list[int], list[IndicatorMeta]]:
    """Ids and meta of the indicators a report shows: one set, or every stored indicator."""
    rows = list_indicators(session, set_code)
    return [row.id for row in rows], [
        IndicatorMeta(
            code=row.code,
            name=row.name,
            name_en=row.name_en,
            unit=row.unit,
            direction=row.direction,  # type: ignore[arg-type]
            decimals=row.decimals,
            reported_by=row.reported_by,
            change_threshold=row.change_threshold,
        )
        for row in rows
    ]


def _county(session: Session, county_code: str) -> tuple[str, str, list[MunicipalityMeta]]:
    """The county's code, name and municipalities (by code)."""
    code = resolve_county(county_code).code
    name = session.scalar(select(County.name).where(County.code == code))
    if name is None:
        raise ReportError("county-not-in-store", code=code)
    rows = session.execute(
        select(*_municipality_columns())
        .where(Municipality.county_code == code)
        .order_by(Municipality.code)
    )
    return code, name, [MunicipalityMeta(c, n, bool(s), sn) for c, n, s, sn in rows]


def _municipality_columns() -> tuple[Any, ...]:  # noqa: N802
    return (
        Municipality.code,
        Municipality.name,
        Municipality.sekom_member,
        Municipality.short_name,
    )


def _observations(
    session: Session,
    municipality_codes: Any,
    indicator_ids: Sequence[int],
    until: int | None = None,
    since: int | None = None,
    year: int | None = None,
) -> list[_Obs]:
    """Current observations of some municipalities (codes or a subquery) and indicators."""
    query = select(
        O.municipality_code, O.indicator_id, O.year, O.value, O.status, O.comment, O.upload_id
    ).where(O.municipality_code.in_(municipality_codes), O.indicator_id.in_(list(indicator_ids)))
    if year is not None:
        query = query.where(O.year == year)
    if until is not None:
        query = query.where(O.year <= until)
    if since is not None:
        query = query.where(O.year >= since)
    # Core rows straight from the connection: no ORM loading layer for plain columns.
    return list(map(_Obs._make, session.connection().execute(query).all()))


def _series(
    observations: Iterable[_Obs],
    codes: dict[int, str],
    years: Sequence[int],
) -> dict[tuple[str, str], Series]:
    """Series keyed (municipality code, indicator code) over ``years``, gaps as None."""
    values: dict[tuple[str, str], dict[int, float | None]] = {}
    statuses: dict[tuple[str, str], dict[int, str]] = {}
    comments: dict[tuple[str, str], dict[int, str]] = {}
    for obs in observations:
        key = (obs.municipality_code, codes[obs.indicator_id])
        values.setdefault(key, {})[obs.year] = obs.value if obs.status == REPORTED else None
        statuses.setdefault(key, {})[obs.year] = obs.status
        if obs.comment:
            comments.setdefault(key, {})[obs.year] = obs.comment
    wanted = set(years)
    return {
        key: Series(
            municipality_code=key[0],
            indicator_code=key[1],
            points=tuple((y, by_year.get(y)) for y in years),
            statuses={y: s for y, s in statuses[key].items() if y in wanted},
            comments={y: c for y, c in comments.get(key, {}).items() if y in wanted},
        )
        for key, by_year in values.items()
    }


def _empty(municipality_code: str, indicator_code: str, years: Sequence[int]) -> Series:
    return Series(municipality_code, indicator_code, tuple((y, None) for y in years))


def _span(observations: Iterable[_Obs], year: int, since: int | None) -> tuple[int, ...]:
    """The years shown: ``since`` (else the first year with a value) to the report year."""
    first = since
    if first is None:
        reported = [o.year for o in observations if o.status == REPORTED and o.year <= year]
        first = min(reported, default=year)
    return tuple(range(min(first, year), year + 1))


# --- county comparison --------------------------------------------------------------------


class _CountyScope(NamedTuple):
    """The county, its municipalities and the indicators a county report covers."""

    code: str
    name: str
    municipalities: list[MunicipalityMeta]
    indicator_ids: list[int]
    indicators: list[IndicatorMeta]

    @property
    def municipality_codes(self) -> list[str]:
        return [m.code for m in self.municipalities]

    @property
    def shown(self) -> list[tuple[int, str]]:
        """(id, code) of the indicators shown."""
        return [(id_, i.code) for id_, i in zip(self.indicator_ids, self.indicators, strict=True)]


def _county_scope(session: Session, county_code: str, set_code: str | None) -> _CountyScope:
    code, name, municipalities = _county(session, county_code)
    ids, indicators = _indicators(session, set_code)
    return _CountyScope(code, name, municipalities, ids, indicators)


def county_table(
    session: Session,
    county_code: str,
    year: int,
    set_code: str | None = None,
    url: str | None = None,
) -> CountyTable:
    """The county table for one year: values, ranks, colours, average and median.

    Ranks and colours are among the county's municipalities with a reported value that
    year; average and median are unweighted over the same.  Only that year's observations
    are read (one row per municipality and indicator), so a county of 49 municipalities
    costs little more than one of 7.  ``url`` is shown, password removed, in the provenance.
    """
    set_code = set_code or _default_set(year)
    scope = _county_scope(session, county_code, set_code)
    current = _observations(session, scope.municipality_codes, scope.indicator_ids, year=year)
    other = read_other_set(
        session, scope.municipality_codes, set_code, scope.shown, current, year=year
    )
    current = [*current, *other.added]
    used = [o for o in current if o.status == REPORTED]
    return _county_table(
        session,
        scope,
        year,
        current,
        _report_provenance(session, url, [o.upload_id for o in used], set_code),
        set_code,
        kolada_uploads(session, [o.upload_id for o in used]),
        other,
    )


def _county_table(
    session: Session,
    scope: _CountyScope,
    year: int,
    current: Iterable[_Obs],
    provenance: Provenance,
    set_code: str | None,
    from_kolada: Collection[int] = (),
    other: OtherSetValues = NOTHING,
) -> CountyTable:
    """The table from the observations of its year (``from_kolada``: Kolada syncs' uploads;
    ``other``: what came from the other set)."""
    codes = dict(zip(scope.indicator_ids, (i.code for i in scope.indicators), strict=True))
    by_key = {(o.municipality_code, codes[o.indicator_id]): o for o in current}
    cells: dict[tuple[str, str], Cell] = {}
    averages: dict[str, float | None] = {}
    medians: dict[str, float | None] = {}
    reported: dict[str, int] = {}
    for indicator in scope.indicators:
        values: dict[str, float | None] = {}
        for municipality in scope.municipalities:
            obs = by_key.get((municipality.code, indicator.code))
            values[municipality.code] = obs.value if obs and obs.status == REPORTED else None
        ranks, colours = analysis.rank_colours(values, indicator.direction, check_coverage=True)
        for municipality in scope.municipalities:
            obs = by_key.get((municipality.code, indicator.code))
            cells[(municipality.code, indicator.code)] = Cell(
                value=values[municipality.code],
                status=obs.status if obs else ABSENT,  # type: ignore[arg-type]
                rank=ranks[municipality.code],
                colour=colours[municipality.code],
                comment=obs.comment if obs else None,
                from_kolada=bool(obs and obs.status == REPORTED and obs.upload_id in from_kolada),
                carried=other.carried.get((municipality.code, indicator.code, year)),
            )
        averages[indicator.code] = analysis.mean(values.values())
        medians[indicator.code] = analysis.median(values.values())
        reported[indicator.code] = sum(v is not None for v in values.values())
    other_sets: tuple[str, ...] = ()
    if not any(reported.values()) and not other.incomparable:
        other_sets = tuple(
            found
            for found in sets_with_values(session, scope.municipality_codes, year)
            if found != set_code
        )
    return CountyTable(
        other_sets=other_sets,
        county_code=scope.code,
        county_name=scope.name,
        year=year,
        indicators=tuple(scope.indicators),
        municipalities=tuple(scope.municipalities),
        cells=cells,
        averages=averages,
        medians=medians,
        reported=reported,
        provenance=provenance,
        set_code=set_code,
        incomparable=tuple(v for v in other.incomparable if v.year == year),
        overridden=tuple(v for v in other.overridden if v.year == year),
    )


def county_comparison(
    session: Session,
    county_code: str,
    year: int,
    set_code: str | None = None,
    since: int | None = None,
    url: str | None = None,
) -> CountyComparison:
    """The county table of :func:`county_table` and every municipality's series.

    The series for the small multiples run from ``since`` (else the first year with a
    value in the county) to ``year``; the provenance counts every value they show.
    """
    set_code = set_code or _default_set(year)
    scope = _county_scope(session, county_code, set_code)
    codes = scope.municipality_codes
    current = _observations(session, codes, scope.indicator_ids, year=year)
    history = _history(session, codes, scope.indicator_ids, until=year, since=since)
    # Values stored under the other set (2012 codes for 2023): one rule for every document.
    other = read_other_set(session, codes, set_code, scope.shown, history, since=since, until=year)
    current = [*current, *(o for o in other.added if o.year == year)]
    history = [
        *history,
        *(
            (o.municipality_code, o.indicator_id, o.year, o.value, o.status, o.upload_id)
            for o in other.added
        ),
    ]
    first = since
    if first is None:
        first = min((y for _, _, y, _, status, _ in history if status == REPORTED), default=year)
    years = tuple(range(min(first, year), year + 1))
    series = _history_series(history, scope, years)
    county_average = {
        indicator.code: analysis.average_series(
            series[indicator.code].values(), f"county:{scope.code}", indicator.code, years
        )
        for indicator in scope.indicators
    }
    used = [row for row in history if row[4] == REPORTED and row[2] >= years[0]]
    table = _county_table(
        session,
        scope,
        year,
        current,
        _report_provenance(session, url, [row[5] for row in used], set_code),
        set_code,
        kolada_uploads(session, [o.upload_id for o in current if o.status == REPORTED]),
        other,
    )
    turns = {}
    for indicator in scope.indicators:
        for code, municipality_series in series[indicator.code].items():
            turn = analysis.recent_turn(
                municipality_series.reported(), indicator.direction, indicator.change_threshold
            )
            # Only a turn in the report year itself: an older one is history, not news.
            if turn is not None and turn.year == year:
                turns[(code, indicator.code)] = turn
    return CountyComparison(
        **vars(table), years=years, series=series, county_average=county_average, turns=turns
    )


# (municipality code, indicator id, year, value, status, upload id): plain tuples, because a
# large county fetches tens of thousands of them.
_HistoryRow = tuple[str, int, int, float | None, str, int | None]


def _history(
    session: Session,
    municipality_codes: Sequence[str],
    indicator_ids: Sequence[int],
    until: int,
    since: int | None,
) -> list[_HistoryRow]:
    """Every observation of the municipalities and indicators up to ``until``, as tuples.

    Only the columns the series need (no comments: the table carries the report year's),
    plus the upload for the provenance, which is cheaper here than in a second query.
    Ordered by the unique index, so the database does not sort.
    """
    query = (
        select(O.municipality_code, O.indicator_id, O.year, O.value, O.status, O.upload_id)
        .where(
            O.municipality_code.in_(municipality_codes),
            O.indicator_id.in_(list(indicator_ids)),
            O.year <= until,
        )
        .order_by(O.municipality_code, O.indicator_id, O.year)
    )
    if since is not None:
        query = query.where(O.year >= since)
    # Core rows from the connection; a Row unpacks like a tuple, no ORM loading layer.
    return session.connection().execute(query).all()  # type: ignore[return-value]


def _history_series(
    history: Iterable[_HistoryRow], scope: _CountyScope, years: tuple[int, ...]
) -> dict[str, dict[str, Series]]:
    """Series per indicator code and municipality code over ``years``, gaps as None."""
    slot = {year: k for k, year in enumerate(years)}
    values: dict[tuple[str, int], list[float | None]] = {}
    statuses: dict[tuple[str, int], dict[int, str]] = {}
    for municipality_code, indicator_id, year, value, status, _ in history:
        k = slot.get(year)
        if k is None:  # before the first year with a value
            continue
        key = (municipality_code, indicator_id)
        if key not in values:
            values[key] = [None] * len(years)
            statuses[key] = {}
        if status == REPORTED:
            values[key][k] = value
        statuses[key][year] = status
    result: dict[str, dict[str, Series]] = {}
    for indicator_id, indicator in zip(scope.indicator_ids, scope.indicators, strict=True):
        by_municipality: dict[str, Series] = {}
        for code in scope.municipality_codes:
            found = values.get((code, indicator_id))
            if found is None:
                by_municipality[code] = _empty(code, indicator.code, years)
            else:
                by_municipality[code] = Series(
                    municipality_code=code,
                    indicator_code=indicator.code,
                    points=tuple(zip(years, found, strict=True)),
                    statuses=statuses[(code, indicator_id)],
                )
        result[indicator.code] = by_municipality
    return result


# --- municipality report ------------------------------------------------------------------


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
    ids, indicators = _indicators(session, set_code)
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
    observations = _observations(
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
    years = _span(
        [o for o in [*observations, *apart] if o.municipality_code in set(county_members)],
        year,
        since,
    )
    series = _series(observations, codes, years)
    earlier = {
        key[1]: found
        for key, found in _series(
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
        mine_series = series.get((code, ind)) or _empty(code, ind, years)
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
        provenance=_report_provenance(session, url, [o.upload_id for o in used], set_code),
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


def kolada_uploads(session: Session, upload_ids: Iterable[int | None]) -> frozenset[int]:
    """Those of the uploads that are Kolada syncs (their values came from Kolada)."""
    wanted = sorted({upload_id for upload_id in upload_ids if upload_id is not None})
    if not wanted:
        return frozenset()
    return frozenset(
        session.scalars(select(Upload.id).where(Upload.id.in_(wanted), Upload.layout == KOLADA))
    )


def _from_kolada(
    session: Session, used: list[_Obs], codes: dict[int, str]
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


def _default_set(year: int) -> str:
    """The indicator set a county report of ``year`` uses when none is given."""
    return default_set(year)


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
    observations: Iterable[_Obs], municipality_code: str, indicator_id: int
) -> list[tuple[int, float | None]]:
    """Every fetched (year, value) of one series, also before the shown span (target bases)."""
    return [
        (o.year, o.value if o.status == REPORTED else None)
        for o in observations
        if o.municipality_code == municipality_code and o.indicator_id == indicator_id
    ]


# --- completeness -------------------------------------------------------------------------


def completeness(
    session: Session,
    county_code: str | None,
    year: int,
    set_code: str | None = None,
    url: str | None = None,
) -> Completeness:
    """Who has reported what in ``year``: one county's municipalities, or all when None."""
    set_code = set_code or _default_set(year)
    ids, indicators = _indicators(session, set_code)
    codes = dict(zip(ids, (i.code for i in indicators), strict=True))
    code: str | None
    name: str | None
    if county_code is not None:
        code, name, municipalities = _county(session, county_code)
        selection: Any = [m.code for m in municipalities]
    else:
        code = name = None
        municipalities = [
            MunicipalityMeta(c, n, bool(s), sn)
            for c, n, s, sn in session.execute(
                select(*_municipality_columns()).order_by(Municipality.code)
            )
        ]
        selection = select(Municipality.code)
    observations = _observations(session, selection, ids, year=year)
    other = read_other_set(
        session, selection, set_code, list(codes.items()), observations, year=year
    )
    observations = [*observations, *other.added]
    statuses = {(o.municipality_code, codes[o.indicator_id]): o.status for o in observations}
    used = [o for o in observations if o.status == REPORTED]
    asked, statistics = _who_reports(set_code, indicators)
    return build_completeness(
        year,
        municipalities,
        asked,
        statuses,
        county_code=code,
        county_name=name,
        provenance=_report_provenance(session, url, [o.upload_id for o in used], set_code),
        set_code=set_code,
        kolada_differences=kolada_notes(session, [m.code for m in municipalities], ids, [year]),
        statistics=statistics,
        kolada_kpis=_kolada_kpis(session, [i for i, c in codes.items() if c in _codes(statistics)]),
    )


def _who_reports(
    set_code: str | None, indicators: list[IndicatorMeta]
) -> tuple[list[IndicatorMeta], list[IndicatorMeta]]:
    """The indicators municipalities are asked for, and those from national statistics."""
    if not asks_only_reported(set_code):
        return indicators, []
    asked = [i for i in indicators if i.reported_by == MUNICIPALITY]
    return asked, [i for i in indicators if i.reported_by != MUNICIPALITY]


def _codes(indicators: Iterable[IndicatorMeta]) -> set[str]:
    return {i.code for i in indicators}


def _kolada_kpis(session: Session, indicator_ids: list[int]) -> dict[str, str]:
    """Indicator code -> Kolada key figure, for the indicators mapped to one."""
    if not indicator_ids:
        return {}
    return {m.indicator_code: m.kpi for m in list_mappings(session, indicator_ids)}


def kolada_notes(
    session: Session, municipality_codes: list[str], indicator_ids: list[int], years: list[int]
) -> list[KoladaNote]:
    """Official values that differ from Kolada's beyond the tolerance (kolada)."""
    return [
        KoladaNote(d.municipality_code, d.indicator_code, d.year, d.value, d.kolada_value, d.kpi)
        for d in differences(session, municipality_codes, indicator_ids, years)
    ]


def _report_provenance(
    session: Session, url: str | None, upload_ids: list[int | None], set_code: str | None
) -> Provenance:
    """The provenance of a report that drew on one reported value per entry of ``upload_ids``."""
    return provenance(
        session,
        url or _session_url(session),
        value_count=len(upload_ids),
        upload_ids=[upload_id for upload_id in upload_ids if upload_id is not None],
        set_code=set_code,
    )


def _session_url(session: Session) -> str:
    bind = session.get_bind()
    return str(getattr(bind, "url", "")) or "?"
