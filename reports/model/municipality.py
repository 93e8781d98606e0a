"""The municipality report: a summary row per indicator, the series and averages of its charts."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

from i18n import Lang
from indicators.across_sets import CarriedValue
from indicators.across_sets import IncomparableValue
from reports.messages import MESSAGES
from reports.model.judgements import TargetStatus
from reports.model.judgements import Trend
from reports.model.series import AverageSeries
from reports.model.series import Coverage
from reports.model.series import IndicatorMeta
from reports.model.series import RankColour
from reports.model.series import Series
from reports.model.sources import KoladaNote
from reports.model.sources import Provenance


@dataclass(frozen=True)
class Revision:
    """Where an indicator's series crosses a revision of its set (SEkom 2012 -> 2023).

    ``relation`` is ``same`` (the values before ``year`` are the old code's, drawn as one
    line with the revision marked) or ``changed`` (the old definition is ``earlier``, drawn
    apart with a visible break, and left out of the trend).
    """

    year: int
    relation: str
    old_set: str
    old_code: str

    def to_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {
            "year": self.year,
            "relation": self.relation,
            "old_set": self.old_set,
            "old_code": self.old_code,
        }


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
    # How many of each group's municipalities the averages and the rank are over; None on
    # hand-built rows (then every average is shown).
    county_coverage: Coverage | None = None
    sekom_coverage: Coverage | None = None
    group_coverages: dict[str, Coverage] = field(default_factory=dict)
    rank_coverage: Coverage | None = None

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """The row as JSON: latest value, trend and its numbers, caveats, rank, averages.

        An average or rank below the coverage threshold keeps its number but says
        ``"enough": false``; the documents print "för få värden" for it.
        """
        compared = self.latest_year

        def average(value: float | None, coverage: Coverage | None) -> dict[str, object]:
            return {
                "value": value,
                "year": compared,
                "coverage": coverage.to_dict() if coverage else None,
                "shown": coverage is None or coverage.enough,
            }

        turn = self.trend.recent_turn
        return {
            "indicator": self.indicator.to_dict(lang),
            "latest_year": self.latest_year,
            "latest_value": self.latest_value,
            "status": self.status,
            "comment": self.comment,
            "trend": self.trend.to_dict(lang),
            "caveats": [turn.to_dict(lang)] if turn else [],
            "rank": {
                "rank": self.rank,
                "of": self.rank_of,
                "colour": self.colour,
                "coverage": self.rank_coverage.to_dict() if self.rank_coverage else None,
                "shown": self.rank_coverage is None or self.rank_coverage.enough,
            },
            "averages": {
                "county": average(self.county_average, self.county_coverage),
                "sekom": average(self.sekom_average, self.sekom_coverage),
                "groups": {
                    name: average(value, self.group_coverages.get(name))
                    for name, value in self.group_averages.items()
                },
            },
            "target": self.target.to_dict(lang) if self.target else None,
        }

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
    # Per indicator code: where its series crosses a set revision, and (changed definition
    # only) the old definition's series, shown apart.
    revisions: dict[str, Revision] = field(default_factory=dict)
    earlier: dict[str, Series] = field(default_factory=dict)
    # indicator code -> year -> Kolada's value where the official one differs from it
    kolada_differences: dict[str, dict[int, KoladaNote]] = field(default_factory=dict)
    # indicator code -> the years whose official value a Kolada sync wrote
    kolada_sources: dict[str, frozenset[int]] = field(default_factory=dict)
    # indicator code -> year -> the other set's code a value was reported with (same
    # definition), and the other set's values that cannot be compared (across_sets).
    carried: dict[str, dict[int, CarriedValue]] = field(default_factory=dict)
    incomparable: tuple[IncomparableValue, ...] = ()
    overridden: tuple[IncomparableValue, ...] = ()

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """The data behind the municipality report, one entry per indicator (JSON-ready)."""
        return {
            "report": "municipality",
            "municipality": self.municipality_code,
            "municipality_name": self.municipality_name,
            "county": self.county_code,
            "county_name": self.county_name,
            "year": self.year,
            "since": self.since,
            "set": self.set_code,
            "years": list(self.years),
            "sekom_member": self.sekom_member,
            "indicators": [row.to_dict(lang) for row in self.rows],
            "reported_as": [
                value.to_dict(lang)
                for by_year in self.carried.values()
                for value in by_year.values()
            ],
            "incomparable": [value.to_dict(lang) for value in self.incomparable],
            "overridden": [value.to_dict(lang) for value in self.overridden],
            "provenance": self.provenance.to_dict(lang),
        }

    def comments(self, indicator_code: str) -> dict[int, str]:
        """The official's comments per year for one indicator."""
        series = self.series.get(indicator_code)
        return dict(series.comments) if series else {}

    def notes(self, indicator_code: str, lang: Lang = "sv") -> dict[int, str]:
        """The comments per year, with a line where the value came from Kolada or differs."""
        notes = self.comments(indicator_code)
        source = MESSAGES("source-kolada", lang)
        for year in sorted(self.kolada_sources.get(indicator_code, ())):
            notes[year] = f"{source} {notes[year]}" if notes.get(year) else source
        for year, carried in self.carried.get(indicator_code, {}).items():
            text = carried.note(lang)
            notes[year] = f"{text}. {notes[year]}" if notes.get(year) else text
        for year, kolada in self.kolada_differences.get(indicator_code, {}).items():
            text = kolada.text(lang)
            notes[year] = f"{notes[year]} {text}" if notes.get(year) else text
        return notes
