"""Municipality, indicator and year texts resolved once per distinct text of a file.

Large county files repeat the same few municipality, indicator and year texts on every
row, so each distinct raw text is resolved once per file; an unknown one is reported at
its cell, each time it is asked for.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from indicators.catalogue import IndicatorRecord
from indicators.catalogue import UnknownIndicator
from indicators.problems import phrase
from indicators.records import RawValue
from intake.files import problem_types as types
from intake.files.problem_types import PHRASES
from intake.set_choice import SetChoice
from intake.set_choice import resolve_in
from intake.validation.context import KOLADA_KPI
from intake.validation.context import CheckContext
from intake.validation.findings import Findings
from intake.validation.texts import REFUSED
from intake.validation.texts import cached
from intake.validation.texts import given
from intake.validation.texts import parse_year
from intake.validation.texts import text_key
from intake.validation.words import did_you_mean
from intake.validation.words import shown
from municipalities.errors import UnknownMunicipality
from municipalities.registry import resolve_municipality

FIRST_YEAR = 1990


class Resolver:
    """The municipality, indicator and year each distinct text of one file names."""

    def __init__(self, findings: Findings, context: CheckContext, sets: SetChoice) -> None:
        self.findings = findings
        self.indicators = context.indicators
        self.sets = sets
        self.kolada = context.kolada
        self.portal = context.portal
        self.last_year = context.last_year
        self._by_id = {r.id: r for r in context.indicators.indicators}
        self._municipality_cache: dict[Hashable, Any] = {}
        self._indicator_cache: dict[Hashable, Any] = {}
        self._year_cache: dict[Hashable, Any] = {}
        self._set_caches: dict[str | None, dict[Hashable, Any]] = {}
        # (KPI text, indicator id) -> factor, for rows read through a Kolada mapping.
        self.kolada_factors: dict[tuple[Hashable, int], float] = {}

    def municipality(self, text: Any, raw: RawValue | None, column: int | None) -> Any:
        """The municipality code a text names, or REFUSED after reporting the problem."""
        if not given(text):
            return None
        found = cached(self._municipality_cache, text, self._resolve_municipality)
        if isinstance(found, UnknownMunicipality):
            self.findings.error(
                raw,
                column,
                types.UNKNOWN_MUNICIPALITY,
                text=shown(text),
                did_you_mean=did_you_mean(found.suggestions),
            )
            return REFUSED
        return found

    def indicator(
        self, text: Any, raw: RawValue | None, column: int | None, set_code: Any = None
    ) -> Any:
        """The indicator a code or name names, or REFUSED after reporting the problem."""
        if set_code is None or set_code is REFUSED:
            found = cached(self._indicator_cache, text, self._resolve_indicator)
        else:
            resolver = self.sets.resolver(set_code)
            cache = self._set_caches.setdefault(set_code, {})
            found = cached(cache, text, lambda t: resolve_in(resolver, t))
        if isinstance(found, UnknownIndicator) and _kolada_id(text):
            return self._through_kolada(text, raw, column, set_code)
        if isinstance(found, UnknownIndicator):
            suggestions = list(getattr(found, "suggestions", []) or [])
            self.findings.error(
                raw,
                column,
                types.UNKNOWN_INDICATOR,
                text=shown(text),
                did_you_mean=did_you_mean(suggestions),
            )
            return REFUSED
        return found

    def year(self, text: Any, raw: RawValue | None, column: int | None) -> Any:
        """The year a cell states, or REFUSED after reporting the problem."""
        found = cached(self._year_cache, text, parse_year)
        if found is None:
            self.findings.error(raw, column, types.BAD_YEAR, text=shown(text))
            return REFUSED
        if not FIRST_YEAR <= found <= self.last_year:
            self.findings.error(
                raw,
                column,
                types.YEAR_OUT_OF_RANGE,
                year=found,
                first=FIRST_YEAR,
                last=self.last_year,
            )
            return REFUSED
        return found

    def _through_kolada(
        self, text: str, raw: RawValue | None, column: int | None, set_code: Any
    ) -> Any:
        """The indicator a Kolada KPI id is mapped to, in the row's set (a Kolada export)."""
        kpi = text.strip().upper()
        targets = self.kolada.get(kpi, [])
        chosen = [t for t in targets if t.set_code == set_code] or (
            targets if len(targets) == 1 else []
        )
        if not chosen and self.portal:
            self.findings.error(raw, column, types.KOLADA_KPI_NOT_MAPPED_PORTAL, kpi=kpi)
            return REFUSED
        if not chosen:
            in_set = (
                phrase(PHRASES["in-set"], set=set_code)
                if targets and set_code
                else PHRASES["nothing"]
            )
            self.findings.error(raw, column, types.KOLADA_KPI_NOT_MAPPED, kpi=kpi, in_set=in_set)
            return REFUSED
        record = self._by_id[chosen[0].indicator_id]
        self.kolada_factors[(text_key(text), record.id)] = chosen[0].factor
        return record

    def _resolve_municipality(self, text: Any) -> str | UnknownMunicipality:
        try:
            entry = resolve_municipality(text)
        except UnknownMunicipality as exc:
            return exc
        self.findings.names[entry.code] = f"{entry.short_name} ({entry.code})"
        return entry.code

    def _resolve_indicator(self, text: Any) -> IndicatorRecord | UnknownIndicator:
        return resolve_in(self.indicators, text)


def _kolada_id(text: Any) -> bool:
    return isinstance(text, str) and KOLADA_KPI.fullmatch(text.strip().upper()) is not None
