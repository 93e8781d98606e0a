"""The completeness report's data: who has reported what in one year."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import select

from indicators.across_sets import read_other_set
from indicators.catalogue import MUNICIPALITY
from indicators.sets import asks_only_reported
from kolada.mapping import list_mappings
from municipalities.models import Municipality
from reports.completeness import build_completeness
from reports.model.completeness import Completeness
from reports.model.series import IndicatorMeta
from reports.model.series import MunicipalityMeta
from reports.queries.fetching import county_municipalities
from reports.queries.fetching import county_report_set
from reports.queries.fetching import fetch_observations
from reports.queries.fetching import kolada_notes
from reports.queries.fetching import municipality_columns
from reports.queries.fetching import report_indicators
from reports.queries.origin import REPORTED
from reports.queries.origin import report_provenance

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def completeness(
    session: Session,
    county_code: str | None,
    year: int,
    set_code: str | None = None,
    url: str | None = None,
) -> Completeness:
    """Who has reported what in ``year``: one county's municipalities, or all when None."""
    set_code = set_code or county_report_set(year)
    ids, indicators = report_indicators(session, set_code)
    codes = dict(zip(ids, (i.code for i in indicators), strict=True))
    code: str | None
    name: str | None
    if county_code is not None:
        code, name, municipalities = county_municipalities(session, county_code)
        selection: Any = [m.code for m in municipalities]
    else:
        code = name = None
        municipalities = [
            MunicipalityMeta(c, n, bool(s), sn)
            for c, n, s, sn in session.execute(
                select(*municipality_columns()).order_by(Municipality.code)
            )
        ]
        selection = select(Municipality.code)
    observations = fetch_observations(session, selection, ids, year=year)
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
        provenance=report_provenance(session, url, [o.upload_id for o in used], set_code),
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
