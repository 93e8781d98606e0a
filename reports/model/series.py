"""The words of every report: judgements, colours, indicators, municipalities, series, averages."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Final
from typing import Literal

from i18n import Lang
from i18n import pick
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
