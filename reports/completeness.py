"""Who has reported what: the completeness of one year's values, computed from statuses."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence

from indicators.models import MISSING
from indicators.models import NOT_APPLICABLE
from indicators.models import REPORTED
from reports.model.completeness import Completeness
from reports.model.completeness import NationalStatistic
from reports.model.series import ABSENT
from reports.model.series import IndicatorMeta
from reports.model.series import MunicipalityMeta
from reports.model.sources import KoladaNote
from reports.model.sources import Provenance


def reporting_rate(statuses: Iterable[str]) -> float | None:
    """Share of reported cells among the applicable ones; None when none is applicable.

    A ``not-applicable`` cell (``.``) is an answer that the indicator does not apply, so
    it leaves the denominator; ``missing`` (``..``) and ``absent`` count as not reported.
    """
    reported = applicable = 0
    for status in statuses:
        if status == NOT_APPLICABLE:
            continue
        applicable += 1
        reported += status == REPORTED
    return reported / applicable if applicable else None


def build_completeness(
    year: int,
    municipalities: Sequence[MunicipalityMeta],
    indicators: Sequence[IndicatorMeta],
    statuses: Mapping[tuple[str, str], str],
    county_code: str | None = None,
    county_name: str | None = None,
    provenance: Provenance | None = None,
    set_code: str | None = None,
    kolada_differences: Sequence[KoladaNote] = (),
    statistics: Sequence[IndicatorMeta] = (),
    kolada_kpis: Mapping[str, str] | None = None,
) -> Completeness:
    """Completeness of one year from the stored statuses, keyed (municipality, indicator).

    Every municipality x indicator cell is filled: a key not in ``statuses`` is ``absent``.
    Rates follow :func:`reporting_rate`; ``to_chase`` lists the missing and absent cells in
    the order of ``municipalities`` and ``indicators``.  ``statistics`` are indicators from
    national statistics: counted apart (municipalities with a value), never chased;
    ``kolada_kpis`` names Kolada's key figure of those mapped to one.
    """
    cells: dict[tuple[str, str], str] = {}
    for municipality in municipalities:
        for indicator in indicators:
            key = (municipality.code, indicator.code)
            cells[key] = statuses.get(key, ABSENT)
    by_municipality = {
        m.code: reporting_rate(cells[(m.code, i.code)] for i in indicators) for m in municipalities
    }
    by_indicator = {
        i.code: reporting_rate(cells[(m.code, i.code)] for m in municipalities) for i in indicators
    }
    to_chase = tuple(key for key, status in cells.items() if status in (MISSING, ABSENT))
    return Completeness(
        county_code=county_code,
        county_name=county_name,
        year=year,
        municipalities=tuple(municipalities),
        indicators=tuple(indicators),
        cells=cells,
        rate_by_municipality=by_municipality,
        rate_by_indicator=by_indicator,
        rate=reporting_rate(cells.values()),
        to_chase=to_chase,
        provenance=provenance,
        set_code=set_code,
        kolada_differences=tuple(kolada_differences),
        statistics=tuple(
            NationalStatistic(
                indicator,
                sum(statuses.get((m.code, indicator.code)) == REPORTED for m in municipalities),
                len(municipalities),
                (kolada_kpis or {}).get(indicator.code),
            )
            for indicator in statistics
        ),
    )
