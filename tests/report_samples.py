"""Hand-built report models for the seven Västernorrland municipalities (no database).

The document tests render these; values are deterministic pseudo-random series with
gaps, a not-applicable cell, comments (some with characters that need escaping) and a
target, computed through :mod:`reports.analysis` so ranks and colours are consistent.
"""

from __future__ import annotations

import datetime as dt
import random

from reports.analysis import average_series
from reports.analysis import judge_trend
from reports.analysis import mean
from reports.analysis import median
from reports.analysis import rank_colours
from reports.analysis import target_status
from reports.completeness import build_completeness
from reports.model.completeness import Completeness
from reports.model.county import Cell
from reports.model.county import CountyComparison
from reports.model.municipality import IndicatorSummary
from reports.model.municipality import MunicipalityReport
from reports.model.series import ABSENT
from reports.model.series import AverageSeries
from reports.model.series import IndicatorMeta
from reports.model.series import MunicipalityMeta
from reports.model.series import Series
from reports.model.sources import Provenance
from reports.model.sources import UploadRef

MUNICIPALITIES = (
    MunicipalityMeta("2260", "Ånge kommun", True, "Ånge"),
    MunicipalityMeta("2262", "Timrå kommun", True, "Timrå"),
    MunicipalityMeta("2280", "Härnösands kommun", True, "Härnösand"),
    MunicipalityMeta("2281", "Sundsvalls kommun", True, "Sundsvall"),
    MunicipalityMeta("2282", "Kramfors kommun", True, "Kramfors"),
    MunicipalityMeta("2283", "Sollefteå kommun", False, "Sollefteå"),
    MunicipalityMeta("2284", "Örnsköldsviks kommun", True, "Örnsköldsvik"),
)

INDICATORS = (
    IndicatorMeta(
        "GN.2", "Resor med kollektivtrafik", "Public transport journeys", "resor/inv", "higher", 0
    ),
    IndicatorMeta("GN.6", "Skyddad natur", "Protected nature", "%", "higher", 1),
    IndicatorMeta("GN.7", "Mängd hushållsavfall", "Household waste", "kg/person", "lower", 0),
    IndicatorMeta(
        "GN.8b", "Kadmium i avloppsslam", "Cadmium in sewage sludge", "mg/kg TS", "lower", 2
    ),
    IndicatorMeta(
        "GN.10a",
        "Energi för tjänsteresor",
        "Energy use for business travel",
        "kWh/årsarbetare",
        "lower",
        0,
    ),
    IndicatorMeta("GN.11", "Ekologiska livsmedel", "Organic food", "%", "higher", 0),
)

# Level, yearly change and noise of each indicator's invented series.
_SHAPES = {
    "GN.2": (45.0, 1.5, 4.0),
    "GN.6": (4.0, 0.15, 0.2),
    "GN.7": (520.0, -6.0, 15.0),
    "GN.8b": (0.9, -0.02, 0.08),
    "GN.10a": (1450.0, -40.0, 60.0),
    "GN.11": (12.0, 2.0, 1.5),
}

YEARS = tuple(range(2010, 2025))
COUNTY = ("22", "Västernorrlands län")
MADE_AT = dt.datetime(2025, 3, 1, 12, 0)


def provenance(example: bool = True) -> Provenance:
    """A provenance as the queries would give it."""
    return Provenance(
        made_at=MADE_AT,
        database="sqlite:///demo-output/miljomal.db",
        value_count=1234,
        newest_upload=UploadRef("sundsvall-2024.xlsx", dt.datetime(2025, 2, 14, 9, 30)),
        example=example,
    )


def _statuses() -> dict[tuple[str, str, int], str]:
    """Stored status per (municipality, indicator, year); a missing key means nothing sent."""
    rng = random.Random(22)
    statuses: dict[tuple[str, str, int], str] = {}
    for m in MUNICIPALITIES:
        for i in INDICATORS:
            for year in YEARS:
                roll = rng.random()
                if roll < 0.06:
                    continue
                statuses[(m.code, i.code, year)] = "missing" if roll < 0.12 else "reported"
    statuses[("2283", "GN.8b", 2024)] = "not-applicable"
    statuses.pop(("2260", "GN.2", 2024), None)
    statuses[("2281", "GN.6", 2024)] = "reported"
    return statuses


def series_table() -> dict[str, dict[str, Series]]:
    """indicator code -> municipality code -> series over YEARS."""
    rng = random.Random(2281)
    statuses = _statuses()
    table: dict[str, dict[str, Series]] = {}
    for i in INDICATORS:
        level, change, noise = _SHAPES[i.code]
        table[i.code] = {}
        for m in MUNICIPALITIES:
            offset = level * rng.uniform(0.6, 1.4)
            slope = change * rng.choice((1.0, 0.0, -0.8, 1.5))
            points = []
            status_by_year = {}
            for n, year in enumerate(YEARS):
                status = statuses.get((m.code, i.code, year))
                if status is not None:
                    status_by_year[year] = status
                value = None
                if status == "reported":
                    value = round(max(0.0, offset + slope * n + rng.gauss(0, noise)), i.decimals)
                points.append((year, value))
            comments = {}
            if m.code == "2281":
                comments = {
                    2015: "Ny mätmetod från 2015; värdena före är inte helt jämförbara.",
                    2020: "Pandemin minskade resandet <kraftigt> & tillfälligt.",
                    2024: "=SUM(A1) preliminär uppgift, $x$ kontrolleras i mars.",
                }
            table[i.code][m.code] = Series(m.code, i.code, tuple(points), status_by_year, comments)
    return table


def municipality_report(code: str = "2281", example: bool = True) -> MunicipalityReport:
    """The report model for one municipality, report year 2024."""
    table = series_table()
    year = YEARS[-1]
    county_avg: dict[str, AverageSeries] = {}
    sekom_avg: dict[str, AverageSeries] = {}
    rows = []
    for i in INDICATORS:
        members = list(table[i.code].values())
        county = average_series(members, "county:22", i.code, YEARS)
        sekom_members = [table[i.code][m.code] for m in MUNICIPALITIES if m.sekom_member]
        sekom = average_series(sekom_members, "sekom", i.code, YEARS)
        county_avg[i.code] = AverageSeries("county", COUNTY[1], county)
        sekom_avg[i.code] = AverageSeries("sekom", "SEkom", sekom)
        own = table[i.code][code]
        trend = judge_trend(own.points, i.direction)
        latest = own.latest(year)
        values = {
            m: s.latest(year)[1] if s.latest(year) else None for m, s in table[i.code].items()
        }
        ranks, colours = rank_colours(values, i.direction)
        target = None
        if i.code in ("GN.6", "GN.7"):
            target = target_status(
                own.points, i.direction, 8.0 if i.code == "GN.6" else 400.0, 2030, 2015
            )
        rows.append(
            IndicatorSummary(
                indicator=i,
                latest_year=latest[0] if latest else None,
                latest_value=latest[1] if latest else None,
                baseline_year=trend.baseline_year,
                baseline_value=trend.baseline_value,
                trend=trend,
                rank=ranks[code],
                rank_of=sum(1 for r in ranks.values() if r is not None),
                colour=colours[code],
                county_average=county.value_in(year),
                sekom_average=sekom.value_in(year),
                target=target,
                status=own.statuses.get(year),
                comment=own.comments.get(year),
            )
        )
    meta = next(m for m in MUNICIPALITIES if m.code == code)
    return MunicipalityReport(
        municipality_code=code,
        municipality_name=meta.name,
        municipality_short_name=meta.short_name,
        county_code=COUNTY[0],
        county_name=COUNTY[1],
        year=year,
        years=YEARS,
        rows=tuple(rows),
        series={i.code: table[i.code][code] for i in INDICATORS},
        county_average=county_avg,
        sekom_average=sekom_avg,
        group_averages={},
        provenance=provenance(example),
        sekom_member=True,
        set_code="sekom-2012",
    )


def county_comparison(example: bool = True) -> CountyComparison:
    """The county table model for Västernorrland, report year 2024."""
    table = series_table()
    year = YEARS[-1]
    cells: dict[tuple[str, str], Cell] = {}
    averages: dict[str, float | None] = {}
    medians: dict[str, float | None] = {}
    reported: dict[str, int] = {}
    county_avg: dict[str, Series] = {}
    for i in INDICATORS:
        values = {m.code: table[i.code][m.code].value_in(year) for m in MUNICIPALITIES}
        ranks, colours = rank_colours(values, i.direction)
        for m in MUNICIPALITIES:
            series = table[i.code][m.code]
            status = series.statuses.get(year, ABSENT)
            cells[(m.code, i.code)] = Cell(
                values[m.code], status, ranks[m.code], colours[m.code], series.comments.get(year)
            )
        averages[i.code] = mean(values.values())
        medians[i.code] = median(values.values())
        reported[i.code] = sum(1 for v in values.values() if v is not None)
        county_avg[i.code] = average_series(table[i.code].values(), "county:22", i.code, YEARS)
    return CountyComparison(
        county_code=COUNTY[0],
        county_name=COUNTY[1],
        year=year,
        years=YEARS,
        indicators=INDICATORS,
        municipalities=MUNICIPALITIES,
        cells=cells,
        averages=averages,
        medians=medians,
        reported=reported,
        series=table,
        county_average=county_avg,
        provenance=provenance(example),
        set_code="sekom-2012",
    )


def completeness(example: bool = True) -> Completeness:
    """Completeness of 2024 for the county."""
    statuses = {(m, i): s for (m, i, y), s in _statuses().items() if y == YEARS[-1]}
    return build_completeness(
        YEARS[-1],
        MUNICIPALITIES,
        INDICATORS,
        statuses,
        county_code=COUNTY[0],
        county_name=COUNTY[1],
        provenance=provenance(example),
        set_code="sekom-2012",
    )


def fill_store(engine) -> None:  # type: ignore[no-untyped-def]
    """Store the sample series of GN.6 and GN.7 for the seven municipalities, with one upload."""
    from sqlalchemy import insert

    from database.engine import session_scope
    from indicators.models import Observation
    from indicators.models import Upload
    from indicators.targets import indicator_id_for

    table = series_table()
    with session_scope(engine) as session:
        session.execute(
            insert(Upload),
            [
                {
                    "id": 1,
                    "file_name": "lan-2010-2024.xlsx",
                    "sha256": "0" * 64,
                    "size": 100,
                    "uploaded_by": "test",
                    "uploaded_at": dt.datetime(2025, 2, 1, 14, 30),
                    "outcome": "imported",
                }
            ],
        )
        rows = []
        for code in ("GN.6", "GN.7"):
            indicator_id = indicator_id_for(session, code)
            for municipality, series in table[code].items():
                for year, status in series.statuses.items():
                    rows.append(
                        {
                            "municipality_code": municipality,
                            "indicator_id": indicator_id,
                            "year": year,
                            "value": series.value_in(year),
                            "status": status,
                            "comment": series.comments.get(year),
                            "upload_id": 1,
                        }
                    )
        session.execute(insert(Observation), rows)
