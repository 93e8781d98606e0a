"""The queries every report shares: indicators, a county's municipalities, observations, series."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import select

from indicators.across_sets import StoredObservation
from indicators.catalogue import list_indicators
from indicators.models import Observation as O
from indicators.models import Upload
from indicators.sets import default_set
from kolada.sync import KOLADA
from kolada.sync import differences
from municipalities.models import County
from municipalities.models import Municipality
from municipalities.registry import resolve_county
from reports.errors import ReportError
from reports.model.series import IndicatorMeta
from reports.model.series import MunicipalityMeta
from reports.model.series import Series
from reports.model.sources import KoladaNote
from reports.queries.origin import REPORTED

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


# One current observation as fetched (a NamedTuple: tens of thousands are made fast).
FetchedObservation = StoredObservation


def report_indicators(
    session: Session, set_code: str | None
) -> tuple[list[int], list[IndicatorMeta]]:
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


def county_municipalities(
    session: Session, county_code: str
) -> tuple[str, str, list[MunicipalityMeta]]:
    """The county's code, name and municipalities (by code)."""
    code = resolve_county(county_code).code
    name = session.scalar(select(County.name).where(County.code == code))
    if name is None:
        raise ReportError("county-not-in-store", code=code)
    rows = session.execute(
        select(*municipality_columns())
        .where(Municipality.county_code == code)
        .order_by(Municipality.code)
    )
    return code, name, [MunicipalityMeta(c, n, bool(s), sn) for c, n, s, sn in rows]


def municipality_columns() -> tuple[Any, ...]:  # noqa: N802
    """The columns a report reads of a municipality: code, name, SEkom membership, short name."""
    return (
        Municipality.code,
        Municipality.name,
        Municipality.sekom_member,
        Municipality.short_name,
    )


def fetch_observations(
    session: Session,
    municipality_codes: Any,
    indicator_ids: Sequence[int],
    until: int | None = None,
    since: int | None = None,
    year: int | None = None,
) -> list[FetchedObservation]:
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
    return list(map(FetchedObservation._make, session.connection().execute(query).all()))


def series_by_key(
    observations: Iterable[FetchedObservation],
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


def empty_series(municipality_code: str, indicator_code: str, years: Sequence[int]) -> Series:
    """A series with no value in any of ``years``."""
    return Series(municipality_code, indicator_code, tuple((y, None) for y in years))


def shown_years(
    observations: Iterable[FetchedObservation], year: int, since: int | None
) -> tuple[int, ...]:
    """The years shown: ``since`` (else the first year with a value) to the report year."""
    first = since
    if first is None:
        reported = [o.year for o in observations if o.status == REPORTED and o.year <= year]
        first = min(reported, default=year)
    return tuple(range(min(first, year), year + 1))


def kolada_uploads(session: Session, upload_ids: Iterable[int | None]) -> frozenset[int]:
    """Those of the uploads that are Kolada syncs (their values came from Kolada)."""
    wanted = sorted({upload_id for upload_id in upload_ids if upload_id is not None})
    if not wanted:
        return frozenset()
    return frozenset(
        session.scalars(select(Upload.id).where(Upload.id.in_(wanted), Upload.layout == KOLADA))
    )


def county_report_set(year: int) -> str:
    """The indicator set a county report of ``year`` uses when none is given."""
    return default_set(year)


def kolada_notes(
    session: Session, municipality_codes: list[str], indicator_ids: list[int], years: list[int]
) -> list[KoladaNote]:
    """Official values that differ from Kolada's beyond the tolerance (kolada)."""
    return [
        KoladaNote(d.municipality_code, d.indicator_code, d.year, d.value, d.kolada_value, d.kpi)
        for d in differences(session, municipality_codes, indicator_ids, years)
    ]
