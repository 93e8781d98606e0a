"""The completeness report: who has reported what for one year."""

from __future__ import annotations

from dataclasses import dataclass

from i18n import Lang
from reports.model.series import ABSENT
from reports.model.series import IndicatorMeta
from reports.model.series import MunicipalityMeta
from reports.model.sources import KoladaNote
from reports.model.sources import Provenance


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
