"""The municipality, year and indicator of a file as a whole and of each of its rows.

A row's own cell wins over what the file states once (a title cell, `--kommun`, `--year`);
a contradiction between them, or between a code and the name or unit beside it, is an
error at the cell.
"""

from __future__ import annotations

from typing import Any

from indicators.catalogue import IndicatorRecord
from indicators.records import COUNTY
from indicators.records import COUNTY_TRANSPOSED
from indicators.records import RawValue
from indicators.records import ReadResult
from intake.files import problem_types as types
from intake.validation.findings import header_place
from intake.validation.resolve import Resolver
from intake.validation.texts import REFUSED
from intake.validation.texts import first_given
from intake.validation.texts import given

_MISSING_KINDS = {
    "municipality": types.NO_MUNICIPALITY,
    "indicator": types.NO_INDICATOR,
    "year": types.NO_YEAR,
}


class Keys:
    """What one file's cells name, checked against what the file and the options state."""

    def __init__(self, result: ReadResult, resolver: Resolver) -> None:
        self.result = result
        self.resolver = resolver
        self.findings = resolver.findings

    def file_municipality(self, option: Any) -> Any:
        """The municipality stated once for the file or by the option; REFUSED when wrong."""
        resolve = self.resolver.municipality
        stated = resolve(self.result.municipality, None, None)
        chosen = resolve(option, None, None) if given(option) else None
        if isinstance(stated, str) and isinstance(chosen, str) and stated != chosen:
            self.findings.add(types.MUNICIPALITY_MISMATCH, **self.findings.pair(stated, chosen))
            return REFUSED
        return first_given(stated, chosen)

    def file_year(self, option: Any) -> Any:
        """The year stated once for the file or by the option; REFUSED when wrong."""
        resolve, stated_text = self.resolver.year, self.result.year
        stated = resolve(stated_text, None, None) if given(stated_text) else None
        chosen = resolve(option, None, None) if given(option) else None
        if isinstance(stated, int) and isinstance(chosen, int) and stated != chosen:
            self.findings.add(types.YEAR_MISMATCH, year=stated, chosen_year=chosen)
            return REFUSED
        return first_given(stated, chosen)

    def row_municipality(self, raw: RawValue, file_code: Any, option: Any) -> Any:
        """The municipality of a row: its own cell, else the file's."""
        if not given(raw.municipality):
            return file_code
        source = header_place(raw) if self.result.layout == COUNTY_TRANSPOSED else raw
        code = self.resolver.municipality(raw.municipality, source, raw.municipality_column)
        if isinstance(code, str) and given(option) and not self.result.single_municipality:
            chosen = self.resolver.municipality(option, None, None)
            if isinstance(chosen, str) and chosen != code:
                self.findings.error(
                    raw,
                    raw.municipality_column,
                    types.MUNICIPALITY_MISMATCH_ROW,
                    **self.findings.pair(code, chosen),
                )
                return REFUSED
        return code

    def row_indicator(self, raw: RawValue, file_indicator: Any, row_set: Any) -> Any:
        """The indicator of a row in its set: its own cell, else the file's."""
        if not given(raw.indicator):
            return file_indicator
        if row_set is REFUSED:
            return REFUSED  # the set named for the row is unknown; said so already
        source = header_place(raw) if self.result.layout == COUNTY else raw
        found = self.resolver.indicator(raw.indicator, source, raw.indicator_column, row_set)
        if isinstance(found, IndicatorRecord) and row_set is not None:
            if not (given(raw.indicator_name) or given(raw.unit)):
                return found
            mismatch = self.resolver.sets.mismatch(found, row_set, raw.indicator_name, raw.unit)
            if mismatch is not None:
                column = raw.name_column if mismatch.field == "name" else raw.unit_column
                kind = (
                    types.NAME_CONTRADICTS_CODE
                    if mismatch.field == "name"
                    else types.UNIT_CONTRADICTS_CODE
                )
                self.findings.error(raw, column, kind, **mismatch.params)
                return REFUSED
        return found

    def row_year(self, raw: RawValue, file_year: Any) -> Any:
        """The year of a row: its own cell, else the file's."""
        if not given(raw.year):
            return file_year
        return self.resolver.year(raw.year, raw, raw.year_column)

    def mixed(self, raw: RawValue, main: str, other: str) -> None:
        """A second municipality in a file that may hold only one."""
        self.findings.error(
            raw,
            raw.municipality_column,
            types.MIXED_MUNICIPALITIES,
            municipality=main,
            municipality_name=self.findings.name(main),
            other=other,
            other_name=self.findings.name(other),
        )

    def missing(self, what: str, raw: RawValue) -> None:
        """A row without a municipality, indicator or year, and nothing in the file to give one."""
        self.findings.error(raw, raw.column, _MISSING_KINDS[what])
