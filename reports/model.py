"""What the report documents consume: frozen records built by analysis and queries.

Charts and documents (``reports/charts.py``, ``reports/documents/``) only read these; they
never query the store or compute a statistic themselves.  Years are ints, values floats in
the indicator's unit, ``None`` for a year without a reported value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Judgement = Literal["improving", "worsening", "no-clear-change", "too-few-values"]
RankColour = Literal["green", "yellow", "red", "grey"]
CellStatus = Literal["reported", "missing", "not-applicable", "absent"]

IMPROVING = "improving"
WORSENING = "worsening"
NO_CLEAR_CHANGE = "no-clear-change"
TOO_FEW_VALUES = "too-few-values"
JUDGEMENTS = (IMPROVING, WORSENING, NO_CLEAR_CHANGE, TOO_FEW_VALUES)

GREEN, YELLOW, RED, GREY = "green", "yellow", "red", "grey"

# Completeness: a row in the store with status reported / missing / not-applicable, or no
# row at all ("absent": the municipality has not sent anything for that cell).
ABSENT = "absent"


@dataclass(frozen=True)
class IndicatorMeta:
    """What a reader needs to know about an indicator to show its values."""

    code: str
    name: str
    name_en: str
    unit: str
    direction: Literal["lower", "higher"]
    decimals: int = 1
    reported_by: str = "municipality"

    def label(self, lang: str = "sv") -> str:
        """The indicator's name in the reader's language."""
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class MunicipalityMeta:
    """A municipality as shown in a report."""

    code: str
    name: str  # the full name: "Sundsvalls kommun"
    sekom_member: bool = False
    short_name: str = ""  # for tables and legends: "Sundsvall"

    @property
    def label(self) -> str:
        """The short name when there is one, else the full name."""
        return self.short_name or self.name


@dataclass(frozen=True)
class Series:
    """One yearly series: a municipality's values of one indicator, or an average series.

    ``points`` is sorted by year and holds every year of the shown span; ``None`` marks a
    gap (missing, not applicable or absent).  ``statuses`` gives the stored status per year
    (years without a row are left out), ``comments`` the official's comment per year.
    For average series ``municipality_code`` is a key such as ``county:22``, ``sekom`` or
    ``group:sekom-y`` and ``counts`` gives how many municipalities each year's mean is over.
    """

    municipality_code: str
    indicator_code: str
    points: tuple[tuple[int, float | None], ...]
    statuses: dict[int, str] = field(default_factory=dict)
    comments: dict[int, str] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        """Every year of the series, gaps included."""
        return [year for year, _ in self.points]

    @property
    def values(self) -> list[float | None]:
        """The value per year, ``None`` for a gap."""
        return [value for _, value in self.points]

    def reported(self) -> list[tuple[int, float]]:
        """The (year, value) pairs that have a value."""
        return [(year, value) for year, value in self.points if value is not None]

    def value_in(self, year: int) -> float | None:
        """The value of one year, ``None`` when there is none."""
        for point_year, value in self.points:
            if point_year == year:
                return value
        return None

    def latest(self, year: int | None = None) -> tuple[int, float] | None:
        """The newest (year, value) with a value, at or before ``year`` when given."""
        pairs = [p for p in self.reported() if year is None or p[0] <= year]
        return pairs[-1] if pairs else None


@dataclass(frozen=True)
class AverageSeries:
    """An unweighted mean series over a group of municipalities (county, SEkom, named group)."""

    kind: Literal["county", "sekom", "group"]
    name: str
    series: Series

    def label(self, lang: str = "sv") -> str:
        """Legend text: ``Länssnitt``/``County average``, ``SEkom-snitt``, or the group name."""
        if self.kind == "county":
            return "County average" if lang == "en" else "Länssnitt"
        if self.kind == "sekom":
            return "SEkom average" if lang == "en" else "SEkom-snitt"
        return f"{self.name} average" if lang == "en" else f"Snitt {self.name}"


@dataclass(frozen=True)
class Trend:
    """The judged development of one series since its baseline (see docs/method.md).

    ``slope_per_year`` is the Theil-Sen slope in the indicator's unit per year;
    ``relative_change_per_year`` is that slope divided by the median of the values (None
    when the median is 0); ``p_value`` is the two-sided Mann-Kendall p-value.  All three
    are ``None`` when there were too few values.  ``n`` counts the values used.
    """

    judgement: Judgement
    slope_per_year: float | None
    relative_change_per_year: float | None
    p_value: float | None
    n: int
    baseline_year: int | None
    baseline_value: float | None
    latest_year: int | None
    latest_value: float | None
    mann_kendall_s: int | None = None
    relative_change_over_period: float | None = None

    @property
    def rising(self) -> bool | None:
        """True when the values rise, False when they fall, None when not judged a change."""
        if self.judgement not in (IMPROVING, WORSENING) or self.slope_per_year is None:
            return None
        return self.slope_per_year > 0

    @property
    def symbol(self) -> str:
        """An arrow for the value's movement: ↗ rising, ↘ falling, → no clear change, – too few."""
        if self.judgement == TOO_FEW_VALUES:
            return "–"
        if self.rising is None:
            return "→"
        return "↗" if self.rising else "↘"

    @property
    def colour(self) -> RankColour:
        """The colour of the symbol: green improving, red worsening, grey otherwise."""
        return {IMPROVING: GREEN, WORSENING: RED}.get(self.judgement, GREY)  # type: ignore[return-value]

    def sentence(self, lang: str = "sv") -> str:
        """The judgement as a sentence: ``Utvecklingen går åt rätt håll sedan 2010``."""
        since = self.baseline_year
        if self.judgement == TOO_FEW_VALUES or since is None:
            if lang == "en":
                return "Too few values to judge the development"
            return "För få värden för att bedöma utvecklingen"
        texts = {
            "sv": {
                IMPROVING: "Utvecklingen går åt rätt håll sedan {y}",
                WORSENING: "Utvecklingen går åt fel håll sedan {y}",
                NO_CLEAR_CHANGE: "Ingen tydlig förändring sedan {y}",
            },
            "en": {
                IMPROVING: "Moving in the right direction since {y}",
                WORSENING: "Moving in the wrong direction since {y}",
                NO_CLEAR_CHANGE: "No clear change since {y}",
            },
        }
        return texts["en" if lang == "en" else "sv"][self.judgement].format(y=since)


@dataclass(frozen=True)
class TargetStatus:
    """A target and where the series stands against the straight path towards it.

    ``path`` runs from (base_year, base_value) to (target_year, target_value), one point
    per year.  ``expected_now`` is the path's value at ``latest_year``; ``on_track`` is
    True when the latest value is at least as good as that (respecting the direction),
    None when there is no base value or no latest value.  ``owner`` says whether the
    target was set for the municipality or for its county.
    """

    target_value: float
    target_year: int
    base_year: int | None
    base_value: float | None
    expected_now: float | None
    on_track: bool | None
    path: tuple[tuple[int, float], ...] = ()
    latest_year: int | None = None
    latest_value: float | None = None
    owner: Literal["municipality", "county"] = "municipality"

    def sentence(self, lang: str = "sv") -> str:
        """``I fas med målet`` / ``Efter målet`` / ``Kan inte bedömas`` and English equivalents."""
        if self.on_track is None:
            return "Cannot be judged" if lang == "en" else "Kan inte bedömas"
        if self.on_track:
            return "On track for the target" if lang == "en" else "I fas med målet"
        return "Behind the target path" if lang == "en" else "Efter målkurvan"


@dataclass(frozen=True)
class UploadRef:
    """The newest upload a report includes."""

    file_name: str
    uploaded_at: dt.datetime


@dataclass(frozen=True)
class Provenance:
    """Where a report's numbers come from: ends every document.

    ``made_at`` is naive UTC and honours ``SOURCE_DATE_EPOCH``; ``database`` is the URL
    with any password removed; ``value_count`` counts the stored observations the report
    draws on.  ``example`` marks the demo's invented data.
    """

    made_at: dt.datetime
    database: str
    value_count: int
    newest_upload: UploadRef | None = None
    example: bool = False

    def line(self, lang: str = "sv") -> str:
        """One line of provenance text for the foot of a document."""
        from indicators.numbers import format_number

        when = self.made_at.strftime("%Y-%m-%d %H:%M") + " UTC"
        count = format_number(self.value_count, 0, lang)
        if lang == "en":
            text = f"Made {when} from {self.database}, {count} values"
            if self.newest_upload:
                up = self.newest_upload
                text += f"; newest upload {up.file_name} ({up.uploaded_at:%Y-%m-%d %H:%M} UTC)"
            else:
                text += "; no uploads"
            if self.example:
                text += ". EXAMPLE DATA, not real values"
            return text + "."
        text = f"Skapad {when} från {self.database}, {count} värden"
        if self.newest_upload:
            up = self.newest_upload
            text += f"; senaste uppladdning {up.file_name} ({up.uploaded_at:%Y-%m-%d %H:%M} UTC)"
        else:
            text += "; inga uppladdningar"
        if self.example:
            text += ". EXEMPELDATA, inte verkliga värden"
        return text + "."


@dataclass(frozen=True)
class IndicatorSummary:
    """One row of a municipality's summary page."""

    indicator: IndicatorMeta
    latest_year: int | None
    latest_value: float | None
    baseline_year: int | None
    baseline_value: float | None
    trend: Trend
    rank: int | None
    rank_of: int
    colour: RankColour
    county_average: float | None
    sekom_average: float | None
    group_averages: dict[str, float | None] = field(default_factory=dict)
    target: TargetStatus | None = None
    status: str | None = None  # stored status of the report year, None when absent
    comment: str | None = None  # the official's comment of the report year


@dataclass(frozen=True)
class MunicipalityReport:
    """Everything the municipality report shows.

    ``year`` is the report year (latest values are at or before it); ``series`` maps the
    indicator code to the municipality's series over ``years``; ``county_average``,
    ``sekom_average`` and ``group_averages`` (group name -> indicator code -> series) hold
    the comparison lines; comments per year are in each series' ``comments``.
    """

    municipality_code: str
    municipality_name: str
    county_code: str
    county_name: str
    year: int
    years: tuple[int, ...]
    rows: tuple[IndicatorSummary, ...]
    series: dict[str, Series]
    county_average: dict[str, AverageSeries]
    sekom_average: dict[str, AverageSeries]
    group_averages: dict[str, dict[str, AverageSeries]]
    provenance: Provenance
    sekom_member: bool = False
    set_code: str | None = None
    since: int | None = None
    municipality_short_name: str = ""
    # indicator code -> year -> Kolada's value where the official one differs from it
    kolada_differences: dict[str, dict[int, KoladaNote]] = field(default_factory=dict)

    def comments(self, indicator_code: str) -> dict[int, str]:
        """The official's comments per year for one indicator."""
        series = self.series.get(indicator_code)
        return dict(series.comments) if series else {}

    def notes(self, indicator_code: str, lang: str = "sv") -> dict[int, str]:
        """The comments per year, with a line where the value differs from Kolada's."""
        notes = self.comments(indicator_code)
        for year, kolada in self.kolada_differences.get(indicator_code, {}).items():
            text = kolada.text(lang)
            notes[year] = f"{notes[year]} {text}" if notes.get(year) else text
        return notes


@dataclass(frozen=True)
class KoladaNote:
    """Kolada's value where a municipality's official value differs from it (docs/kolada.md)."""

    municipality_code: str
    indicator_code: str
    year: int
    value: float
    kolada_value: float
    kpi: str

    def text(self, lang: str = "sv") -> str:
        """`Skiljer från Kolada: 435,5 (U07801).`"""
        from indicators.numbers import format_number

        label = "Skiljer från Kolada" if lang == "sv" else "Differs from Kolada"
        return f"{label}: {format_number(self.kolada_value, lang=lang)} ({self.kpi})."

    def to_dict(self) -> dict[str, object]:
        return {
            "municipality": self.municipality_code,
            "indicator": self.indicator_code,
            "year": self.year,
            "value": self.value,
            "kolada_value": self.kolada_value,
            "kpi": self.kpi,
        }


@dataclass(frozen=True)
class Cell:
    """One municipality x indicator cell of the county table for the report year."""

    value: float | None
    status: CellStatus
    rank: int | None
    colour: RankColour
    comment: str | None = None


@dataclass(frozen=True, kw_only=True)
class CountyTable:
    """The county table: municipalities x indicators for one year.

    ``cells`` is keyed by (municipality code, indicator code).  ``averages`` and ``medians``
    are per indicator over the municipalities with a reported value that year (None when
    none); ``reported`` counts them.
    """

    county_code: str
    county_name: str
    year: int
    indicators: tuple[IndicatorMeta, ...]
    municipalities: tuple[MunicipalityMeta, ...]
    cells: dict[tuple[str, str], Cell]
    averages: dict[str, float | None]
    medians: dict[str, float | None]
    reported: dict[str, int]
    provenance: Provenance
    set_code: str | None = None

    def value(self, municipality_code: str, indicator_code: str) -> float | None:
        """The value in one cell, None when not reported."""
        cell = self.cells.get((municipality_code, indicator_code))
        return cell.value if cell else None

    def colour(self, municipality_code: str, indicator_code: str) -> RankColour:
        """The rank colour of one cell (grey when not reported)."""
        cell = self.cells.get((municipality_code, indicator_code))
        return cell.colour if cell else GREY  # type: ignore[return-value]


@dataclass(frozen=True, kw_only=True)
class CountyComparison(CountyTable):
    """The county table and its small multiples: every municipality's series per indicator.

    ``series`` maps indicator code -> municipality code -> series over ``years``;
    ``county_average`` the county's mean series per indicator.  The series carry statuses
    but no comments: the table's cells hold the comments of the report year.
    """

    years: tuple[int, ...]
    series: dict[str, dict[str, Series]]
    county_average: dict[str, Series]


@dataclass(frozen=True)
class Completeness:
    """Who has reported what for one year.

    ``cells`` is keyed by (municipality code, indicator code) with status ``reported``,
    ``missing`` (reported as ``..``), ``not-applicable`` (``.``) or ``absent`` (nothing
    sent).  A rate is the share (0-1) of reported cells among the applicable ones
    (not-applicable cells leave the denominator); None when nothing is applicable.
    ``to_chase`` lists the missing and absent cells, municipality by municipality.
    """

    county_code: str | None
    county_name: str | None
    year: int
    municipalities: tuple[MunicipalityMeta, ...]
    indicators: tuple[IndicatorMeta, ...]
    cells: dict[tuple[str, str], str]
    rate_by_municipality: dict[str, float | None]
    rate_by_indicator: dict[str, float | None]
    rate: float | None
    to_chase: tuple[tuple[str, str], ...]
    provenance: Provenance | None = None
    set_code: str | None = None
    kolada_differences: tuple[KoladaNote, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form (cells nested municipality -> indicator -> status)."""
        return {
            "kolada_differences": [note.to_dict() for note in self.kolada_differences],
            "county": self.county_code,
            "county_name": self.county_name,
            "year": self.year,
            "set": self.set_code,
            "rate": self.rate,
            "municipalities": [
                {
                    "code": m.code,
                    "name": m.name,
                    "rate": self.rate_by_municipality.get(m.code),
                    "cells": {
                        i.code: self.cells.get((m.code, i.code), ABSENT) for i in self.indicators
                    },
                }
                for m in self.municipalities
            ],
            "indicators": [
                {"code": i.code, "name": i.name, "rate": self.rate_by_indicator.get(i.code)}
                for i in self.indicators
            ],
            "to_chase": [
                {"municipality": m, "indicator": i, "status": self.cells.get((m, i), ABSENT)}
                for m, i in self.to_chase
            ],
            "provenance": (
                {
                    "made_at": self.provenance.made_at.isoformat(),
                    "database": self.provenance.database,
                    "value_count": self.provenance.value_count,
                }
                if self.provenance
                else None
            ),
        }
