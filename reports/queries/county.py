"""The county report's data: the table of one year and every municipality's series."""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import NamedTuple

from sqlalchemy import select

from indicators.across_sets import NOTHING
from indicators.across_sets import OtherSetValues
from indicators.across_sets import read_other_set
from indicators.across_sets import sets_with_values
from indicators.models import Observation as O
from reports import analysis
from reports.model.county import Cell
from reports.model.county import CountyComparison
from reports.model.county import CountyTable
from reports.model.series import ABSENT
from reports.model.series import IndicatorMeta
from reports.model.series import MunicipalityMeta
from reports.model.series import Series
from reports.model.sources import Provenance
from reports.queries.fetching import FetchedObservation
from reports.queries.fetching import county_municipalities
from reports.queries.fetching import county_report_set
from reports.queries.fetching import empty_series
from reports.queries.fetching import fetch_observations
from reports.queries.fetching import kolada_uploads
from reports.queries.fetching import report_indicators
from reports.queries.origin import REPORTED
from reports.queries.origin import report_provenance

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
    code, name, municipalities = county_municipalities(session, county_code)
    ids, indicators = report_indicators(session, set_code)
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
    set_code = set_code or county_report_set(year)
    scope = _county_scope(session, county_code, set_code)
    current = fetch_observations(session, scope.municipality_codes, scope.indicator_ids, year=year)
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
        report_provenance(session, url, [o.upload_id for o in used], set_code),
        set_code,
        kolada_uploads(session, [o.upload_id for o in used]),
        other,
    )


def _county_table(
    session: Session,
    scope: _CountyScope,
    year: int,
    current: Iterable[FetchedObservation],
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
    set_code = set_code or county_report_set(year)
    scope = _county_scope(session, county_code, set_code)
    codes = scope.municipality_codes
    current = fetch_observations(session, codes, scope.indicator_ids, year=year)
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
        report_provenance(session, url, [row[5] for row in used], set_code),
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
                by_municipality[code] = empty_series(code, indicator.code, years)
            else:
                by_municipality[code] = Series(
                    municipality_code=code,
                    indicator_code=indicator.code,
                    points=tuple(zip(years, found, strict=True)),
                    statuses=statuses[(code, indicator_id)],
                )
        result[indicator.code] = by_municipality
    return result
