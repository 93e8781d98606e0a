"""The stored values as one flat table: what the public site's open data and the analysts'
pandas API both publish.

One row per municipality, indicator and year, with the municipality's name and whether the
county board has approved that municipality-year (or locked the whole year).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any
from typing import NamedTuple

from sqlalchemy import select

from indicators.meanings import code_meanings
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation
from indicators.models import YearLock
from indicators.year_state import approved_municipality_years
from municipalities.models import Municipality
from municipalities.registry import resolve_county
from municipalities.registry import resolve_municipality

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

COLUMNS = (
    "municipality",
    "municipality_name",
    "indicator_set",
    "indicator",
    "year",
    "value",
    "status",
    "comment",
    "approved",
)


class ObservationRow(NamedTuple):
    """One stored value, as published."""

    municipality: str
    municipality_name: str
    indicator_set: str
    indicator: str
    year: int
    value: float | None
    status: str
    comment: str | None
    approved: bool


def municipality_codes(
    session: Session, county: Any = None, municipalities: Iterable[Any] | None = None
) -> list[str]:
    """The municipality codes a selection means: given ones, a county's, or every one."""
    if municipalities is not None:
        return sorted({resolve_municipality(m).code for m in municipalities})
    query = select(Municipality.code).order_by(Municipality.code)
    if county is not None:
        query = query.where(Municipality.county_code == resolve_county(county).code)
    return list(session.scalars(query))


def observation_rows(
    session: Session,
    *,
    county: Any = None,
    municipalities: Iterable[Any] | None = None,
    indicators: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    approved_only: bool = False,
    set_code: str | None = None,
) -> list[ObservationRow]:
    """Stored values of a county (or given municipalities, or all), ordered by key.

    An indicator is identified by set and code (`sekom-2012` GN.7 is not `sekom-2023` GN.7):
    a code in ``indicators`` means the set(s) the series have values in
    (:func:`indicators.meanings.code_meanings`), and ``set_code`` keeps one set.  A value
    counts as approved when its municipality-year is approved or its year is locked.
    """
    codes = municipality_codes(session, county, municipalities)
    query = (
        select(
            Observation.municipality_code,
            Municipality.short_name,
            IndicatorSet.code,
            Indicator.code,
            Observation.year,
            Observation.value,
            Observation.status,
            Observation.comment,
        )
        .join(Municipality, Municipality.code == Observation.municipality_code)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .where(Observation.municipality_code.in_(codes))
        .order_by(
            Observation.municipality_code, IndicatorSet.id, Indicator.sort_order, Observation.year
        )
    )
    if indicators is not None:
        ids = [m.id for i in indicators for m in code_meanings(session, i, codes, set_code)]
        query = query.where(Indicator.id.in_(ids))
    if set_code is not None:
        query = query.where(IndicatorSet.code == set_code)
    year_list = None
    if years is not None:
        year_list = [int(year) for year in years]
        query = query.where(Observation.year.in_(year_list))
    approved = approved_municipality_years(session, year_list)
    locked = set(session.scalars(select(YearLock.year).where(YearLock.active.is_(True))))
    rows = []
    for code, name, set_of, indicator, year, value, status, comment in session.execute(query):
        is_approved = year in locked or (code, year) in approved
        if approved_only and not is_approved:
            continue
        rows.append(
            ObservationRow(code, name, set_of, indicator, year, value, status, comment, is_approved)
        )
    return rows
