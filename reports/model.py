"""What the report documents consume: frozen records built by analysis and queries.

Charts and documents (``reports/charts.py``, ``reports/documents/``) only read these; they
never query the store or compute a statistic themselves.  Years are ints, values floats in
the indicator's unit, ``None`` for a year without a reported value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final, Literal

from i18n import Lang, pick, render_stored
from indicators.across_sets import CarriedValue, IncomparableValue
from indicators.numbers import format_number, format_percent
from reports.messages import MESSAGES

Judgement = Literal["improving", "worsening", "no-clear-change", "too-few-values"]
RankColour = Literal["green", "yellow", "red", "grey"]
CellStatus = Literal["reported", "missing", "not-applicable", "absent"]

IMPROVING: Final = "improving"
WORSENING: Final = "worsening"
NO_CLEAR_CHANGE: Final = "no-clear-change"
TOO_FEW_VALUES: Final = "too-few-values"
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
    change_threshold: float | None = None  # the import's large-change limit, as a fraction

    def label(self, lang: Lang = "sv") -> str:
        """The indicator's name in the reader's language."""
        return pick(lang, self.name, self.name_en or self.name)

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """JSON form: code, name in the reader's language, unit, direction, decimals."""
        return {
            "code": self.code,
            "name": self.label(lang),
            "unit": self.unit,
            "direction": self.direction,
            "decimals": self.decimals,
        }


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


# An average or a rank over fewer than this share of a group's municipalities is not shown
# as the group's figure (docs/method.md, "Täckning").
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Coverage:
    """How many of a group's municipalities an average or a rank is over."""

    count: int
    of: int

    @property
    def enough(self) -> bool:
        """True when at least :data:`MIN_COVERAGE` of the group has a value."""
        return self.of > 0 and self.count >= self.of * MIN_COVERAGE

    def text(self, lang: Lang = "sv") -> str:
        """``snitt av 4 av 7 kommuner``, or ``för få värden (1 av 7)`` below the threshold."""
        key = "coverage-mean" if self.enough else "coverage-too-few"
        return MESSAGES(key, lang, count=self.count, of=self.of)

    def short(self, lang: Lang = "sv") -> str:
        """``4 av 7``."""
        return MESSAGES("coverage-short", lang, count=self.count, of=self.of)

    def to_dict(self) -> dict[str, object]:
        """JSON form: count, of and whether it is enough to show."""
        return {"count": self.count, "of": self.of, "enough": self.enough}


@dataclass(frozen=True)
class AverageSeries:
    """An unweighted mean series over a group of municipalities (county, SEkom, named group)."""

    kind: Literal["county", "sekom", "group"]
    name: str
    series: Series
    members: dict[int, int] = field(default_factory=dict)  # year -> municipalities in the group

    def coverage(self, year: int) -> Coverage:
        """How many of the group's members the mean of ``year`` is over."""
        return Coverage(self.series.counts.get(year, 0), self.members.get(year, 0))

    def shown_values(self) -> list[float | None]:
        """The values to draw: years with too few values (:class:`Coverage`) are gaps.

        Without member counts (hand-built series) every value is shown.
        """
        if not self.members:
            return self.series.values
        return [value if self.coverage(year).enough else None for year, value in self.series.points]

    def label(self, lang: Lang = "sv") -> str:
        """Legend text: ``Länssnitt``/``County average``, ``SEkom-snitt``, or the group name."""
        if self.kind == "group":
            return MESSAGES("group-average", lang, name=self.name)
        return MESSAGES(f"{self.kind}-average", lang)


@dataclass(frozen=True)
class RecentTurn:
    """A latest value that breaks sharply from the one before it (see docs/method.md).

    ``relative_change`` is (latest - previous) / |previous| (None when previous is 0);
    ``against_direction`` is True when the change moves the wrong way for the indicator.
    """

    year: int
    value: float
    previous_year: int
    previous_value: float
    relative_change: float | None
    against_direction: bool

    @property
    def rising(self) -> bool:
        """True when the latest value is higher than the previous one."""
        return self.value > self.previous_value

    def text(self, lang: Lang = "sv") -> str:
        """``2025 ökade värdet kraftigt (+70 % mot 2024)``."""
        if self.relative_change is None:
            change = format_number(self.value - self.previous_value, None, lang)
        else:
            change = format_percent(self.relative_change * 100, 0, lang)
        if not change.startswith(("-", "−")):
            change = "+" + change
        change = change.replace("-", "−")
        key = "turn-rose" if self.rising else "turn-fell"
        return MESSAGES(key, lang, year=self.year, change=change, previous=self.previous_year)

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """JSON form of the caveat, with its sentence in the reader's language."""
        return {
            "kind": "sharp-latest-change",
            "year": self.year,
            "value": self.value,
            "previous_year": self.previous_year,
            "previous_value": self.previous_value,
            "relative_change": self.relative_change,
            "against_direction": self.against_direction,
            "text": self.text(lang),
        }


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
    recent_turn: RecentTurn | None = None

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

    def sentence(self, lang: Lang = "sv") -> str:
        """The judgement as a sentence, with the caveat of a sharp recent turn when there is one.

        ``Utvecklingen går åt rätt håll sedan 2010, men 2025 ökade värdet kraftigt (+70 %
        mot 2024)``: "men"/"but" when the turn goes against the indicator's direction.
        """
        text = self.judgement_sentence(lang)
        turn = self.recent_turn
        if turn is None:
            return text
        key = "turn-against" if turn.against_direction else "turn-along"
        return MESSAGES(key, lang, sentence=text, turn=turn.text(lang))

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """JSON form: the judgement, its sentence and the numbers behind it."""
        return {
            "judgement": self.judgement,
            "symbol": self.symbol,
            "sentence": self.sentence(lang),
            "baseline_year": self.baseline_year,
            "baseline_value": self.baseline_value,
            "latest_year": self.latest_year,
            "latest_value": self.latest_value,
            "n": self.n,
            "slope_per_year": self.slope_per_year,
            "relative_change_per_year": self.relative_change_per_year,
            "relative_change_over_period": self.relative_change_over_period,
            "mann_kendall_s": self.mann_kendall_s,
            "p_value": self.p_value,
        }

    def judgement_sentence(self, lang: Lang = "sv") -> str:
        """The judgement alone: ``Utvecklingen går åt rätt håll sedan 2010``."""
        since = self.baseline_year
        if self.judgement == TOO_FEW_VALUES or since is None:
            return MESSAGES("judgement-too-few-values", lang)
        return MESSAGES(f"judgement-{self.judgement}", lang, year=since)


@dataclass(frozen=True)
class TargetStatus:
    """A target and where the series stands against the straight path towards it.

    ``path`` runs from (base_year, base_value) to (target_year, target_value), one point
    per year.  ``expected_now`` is the path's value at ``latest_year``; ``on_track`` is
    True when the latest value is at least as good as that (respecting the direction),
    None when there is no base value or no latest value.  ``owner`` says whether the
    target was set for the municipality, for its county, or is a shipped national target.
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
    owner: Literal["municipality", "county", "national"] = "municipality"

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """JSON form of the target and where the series stands."""
        return {
            "target_value": self.target_value,
            "target_year": self.target_year,
            "base_year": self.base_year,
            "base_value": self.base_value,
            "expected_now": self.expected_now,
            "on_track": self.on_track,
            "owner": self.owner,
            "sentence": self.sentence(lang),
        }

    def sentence(self, lang: Lang = "sv") -> str:
        """``I fas med målet`` / ``Efter målet`` / ``Kan inte bedömas`` and English equivalents."""
        if self.on_track is None:
            return MESSAGES("target-not-judged", lang)
        return MESSAGES("target-on-track" if self.on_track else "target-behind", lang)


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
    indicator_set: str | None = None  # the set the report's codes belong to

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """JSON form of the provenance, with its line of text."""
        return {
            "made_at": self.made_at.isoformat(),
            "database": self.database,
            "value_count": self.value_count,
            "newest_upload": (
                {
                    "file_name": render_stored(self.newest_upload.file_name, "en"),
                    "uploaded_at": self.newest_upload.uploaded_at.isoformat(),
                }
                if self.newest_upload
                else None
            ),
            "example": self.example,
            "set": self.indicator_set,
            "line": self.line(lang),
        }

    def line(self, lang: Lang = "sv") -> str:
        """One line of provenance text for the foot of a document."""
        when = self.made_at.strftime("%Y-%m-%d %H:%M") + " UTC"
        count = format_number(self.value_count, 0, lang)
        text = MESSAGES("provenance-made", lang, when=when, database=self.database, count=count)
        if self.newest_upload:
            up = self.newest_upload
            name = render_stored(up.file_name, lang)
            at = f"{up.uploaded_at:%Y-%m-%d %H:%M}"
            text += MESSAGES("provenance-newest-upload", lang, name=name, at=at)
        else:
            text += MESSAGES("provenance-no-uploads", lang)
        if self.indicator_set:
            text += MESSAGES("provenance-set", lang, set=self.indicator_set)
        if self.example:
            text += MESSAGES("provenance-example", lang)
        return text + "."


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


@dataclass(frozen=True)
class KoladaNote:
    """Kolada's value where a municipality's official value differs from it (docs/kolada.md)."""

    municipality_code: str
    indicator_code: str
    year: int
    value: float
    kolada_value: float
    kpi: str

    def text(self, lang: Lang = "sv") -> str:
        """`Skiljer från Kolada: 435,5 (U07801).`"""
        value = format_number(self.kolada_value, lang=lang)
        return MESSAGES("differs-from-kolada", lang, value=value, kpi=self.kpi)

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
    from_kolada: bool = False  # the value was fetched from Kolada (`kolada sync`)
    # Stored under the other set's code with the same definition (indicators.across_sets).
    carried: CarriedValue | None = None

    def note(self, lang: Lang = "sv") -> str:
        """``inrapporterat med 2012 års kod GN.7`` for a carried-over value, else empty."""
        return self.carried.note(lang) if self.carried else ""


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
    # Values stored for the year under the other set that cannot be compared (by name).
    incomparable: tuple[IncomparableValue, ...] = ()
    # Same definition under the other set's code, not shown: the year's code has another value.
    overridden: tuple[IncomparableValue, ...] = ()
    # Without a value in the shown set: the sets that do hold values for the year (a set
    # chosen explicitly with --set reads only its own values).
    other_sets: tuple[str, ...] = ()

    @property
    def has_values(self) -> bool:
        """False when no municipality of the county has any value for the year, in any set."""
        return any(self.reported.values()) or bool(self.incomparable)

    def carried_lines(self, lang: Lang = "sv") -> list[str]:
        """``GN.6a: inrapporterat med 2012 års kod GN.7 (Timrå, Sundsvall)``, table order."""
        lines = []
        for i in self.indicators:
            by_note: dict[str, list[str]] = {}
            for m in self.municipalities:
                cell = self.cells.get((m.code, i.code))
                if cell is not None and cell.carried:
                    by_note.setdefault(cell.note(lang), []).append(m.label)
            lines += [f"{i.code}: {note} ({', '.join(names)})" for note, names in by_note.items()]
        return lines

    def incomparable_lines(self, lang: Lang = "sv") -> list[str]:
        """The values apart, one line each, by municipality."""
        return self._lines(self.incomparable, lang)

    def overridden_lines(self, lang: Lang = "sv") -> list[str]:
        """The other set's values of the same definition that the table does not show."""
        return self._lines(self.overridden, lang)

    def _lines(self, values: tuple[IncomparableValue, ...], lang: Lang) -> list[str]:
        names = {m.code: m.label for m in self.municipalities}
        return [
            value.line(names.get(value.municipality_code, value.municipality_code), lang)
            for value in values
        ]

    @property
    def has_kolada_values(self) -> bool:
        """True when a value of the table came from Kolada (marked K, with a key line)."""
        return any(cell.from_kolada for cell in self.cells.values())

    def coverage(self, indicator_code: str) -> Coverage:
        """How many of the county's municipalities the indicator's average is over."""
        return Coverage(self.reported.get(indicator_code, 0), len(self.municipalities))

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
    # (municipality code, indicator code) -> the sharp change of the latest value up to the
    # report year, where there is one (docs/method.md).
    turns: dict[tuple[str, str], RecentTurn] = field(default_factory=dict)

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """The data behind the county report: per indicator the cells, average, median."""
        indicators = []
        for ind in self.indicators:
            coverage = self.coverage(ind.code)
            cells = []
            for m in self.municipalities:
                cell = self.cells.get((m.code, ind.code))
                turn = self.turns.get((m.code, ind.code))
                cells.append(
                    {
                        "municipality": m.code,
                        "name": m.label,
                        "value": cell.value if cell else None,
                        "status": cell.status if cell else ABSENT,
                        "rank": cell.rank if cell else None,
                        "of": self.reported.get(ind.code, 0),
                        "colour": cell.colour if cell else GREY,
                        "comment": cell.comment if cell else None,
                        "reported_as": cell.carried.to_dict(lang)
                        if cell and cell.carried
                        else None,
                        "caveats": [turn.to_dict(lang)] if turn else [],
                    }
                )
            indicators.append(
                {
                    "indicator": ind.to_dict(lang),
                    "average": self.averages.get(ind.code),
                    "median": self.medians.get(ind.code),
                    "coverage": coverage.to_dict(),
                    "shown": coverage.enough,
                    "municipalities": cells,
                }
            )
        return {
            "report": "county",
            "county": self.county_code,
            "county_name": self.county_name,
            "year": self.year,
            "set": self.set_code,
            "years": list(self.years),
            "has_values": self.has_values,
            "indicators": indicators,
            "incomparable": [value.to_dict(lang) for value in self.incomparable],
            "overridden": [value.to_dict(lang) for value in self.overridden],
            "provenance": self.provenance.to_dict(lang),
        }

    def shown_average(self, indicator_code: str) -> list[float | None]:
        """The county average to draw: years over too few municipalities are gaps."""
        series = self.county_average.get(indicator_code)
        if series is None:
            return []
        size = len(self.municipalities)
        return [
            value if Coverage(series.counts.get(year, 0), size).enough else None
            for year, value in series.points
        ]


@dataclass(frozen=True)
class NationalStatistic:
    """An indicator that comes from national statistics, not from the municipalities.

    ``fetched`` counts the municipalities with a value for the year (of ``of``);
    ``kolada_kpi`` is Kolada's key figure where a mapping to it exists (docs/kolada.md).
    """

    indicator: IndicatorMeta
    fetched: int
    of: int
    kolada_kpi: str | None = None

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """The JSON form."""
        return {
            "code": self.indicator.code,
            "name": self.indicator.label(lang),
            "fetched": self.fetched,
            "of": self.of,
            "kolada_kpi": self.kolada_kpi,
        }


@dataclass(frozen=True)
class Completeness:
    """Who has reported what for one year.

    ``cells`` is keyed by (municipality code, indicator code) with status ``reported``,
    ``missing`` (reported as ``..``), ``not-applicable`` (``.``) or ``absent`` (nothing
    sent).  A rate is the share (0-1) of reported cells among the applicable ones
    (not-applicable cells leave the denominator); None when nothing is applicable.
    ``to_chase`` lists the missing and absent cells, municipality by municipality.
    ``indicators`` are those the municipalities report themselves (in the 2023 set on,
    indicators.sets.asks_only_reported); ``statistics`` the ones that come from national
    statistics, counted apart and never chased.
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
    statistics: tuple[NationalStatistic, ...] = ()

    @property
    def statistics_fetched(self) -> int:
        """How many national-statistics indicators have a value for the year (any municipality)."""
        return sum(1 for item in self.statistics if item.fetched)

    def nothing_sent(self) -> tuple[str, ...]:
        """The municipalities with no row at all for the year: nothing has been sent."""
        return tuple(
            m.code
            for m in self.municipalities
            if self.indicators
            and all(self.cells.get((m.code, i.code), ABSENT) == ABSENT for i in self.indicators)
        )

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
            "nothing_sent": list(self.nothing_sent()),
            "national_statistics": {
                "fetched": self.statistics_fetched,
                "of": len(self.statistics),
                "indicators": [item.to_dict() for item in self.statistics],
            },
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
