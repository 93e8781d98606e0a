"""Codes whose meaning changed at SEkom's 2023 revision, read from a code alone.

A row that gives only a code (no set, name or unit) is read in its year's set; when that
code means another indicator in the other set, the file gets one warning per code,
naming both meanings and the rows read so.
"""

from __future__ import annotations

from indicators.catalogue import IndicatorRecord
from indicators.catalogue import code_key
from indicators.records import RawValue
from intake.files import problem_types as types
from intake.set_choice import SetChoice
from intake.set_choice import meaning_changed
from intake.validation.findings import Findings
from intake.validation.texts import given


class BareCodes:
    """The rows of one file read in their year's set from a code alone, by indicator."""

    def __init__(self, sets: SetChoice) -> None:
        self.sets = sets
        # Indicator id -> (indicator, its other meaning or None, the rows).
        self._bare: dict[int, tuple[IndicatorRecord, IndicatorRecord | None, list[RawValue]]] = {}

    def note(self, raw: RawValue, indicator: IndicatorRecord) -> None:
        """Remember a row read in its year's set from a code alone, if the code changed meaning."""
        found = self._bare.get(indicator.id)
        if found is None:
            # Only a code written as the code is ambiguous; a name says what it means.
            written = code_key(str(raw.indicator)) if given(raw.indicator) else ""
            other = (
                self.sets.other_meaning(indicator) if written == code_key(indicator.code) else None
            )
            found = self._bare[indicator.id] = (indicator, other, [])
        if found[1] is not None:
            found[2].append(raw)

    def report(self, findings: Findings) -> None:
        """One `code-meaning-changed` warning per code read, naming both meanings and its rows."""
        for indicator, other, rows in self._bare.values():
            if other is None or not rows:
                continue
            numbers = list(dict.fromkeys(raw.row for raw in rows if raw.row is not None))
            said = meaning_changed(indicator, other, numbers)
            findings.warning(
                rows[0], rows[0].indicator_column, types.CODE_MEANING_CHANGED, **said.params
            )
