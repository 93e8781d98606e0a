"""The county report: the table of one year (values, ranks, colours) and the small multiples."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

from i18n import Lang
from indicators.across_sets import CarriedValue
from indicators.across_sets import IncomparableValue
from reports.model.judgements import RecentTurn
from reports.model.series import ABSENT
from reports.model.series import GREY
from reports.model.series import CellStatus
from reports.model.series import Coverage
from reports.model.series import IndicatorMeta
from reports.model.series import MunicipalityMeta
from reports.model.series import RankColour
from reports.model.series import Series
from reports.model.sources import Provenance


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
