"""The indicator set a file's and each row's codes are read in (:mod:`intake.set_choice`).

`--set`, or the set the file names, or the one its codes (or, across 2022/2023, its
names) pin; otherwise each row is read in its year's default set.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from indicators.records import RawValue
from indicators.records import ReadResult
from intake.files import problem_types as types
from intake.files.problem_types import PHRASES
from intake.set_choice import SetChoice
from intake.set_choice import stated_set
from intake.validation.findings import Findings
from intake.validation.texts import REFUSED
from intake.validation.texts import cached
from intake.validation.texts import first_given
from intake.validation.texts import given
from intake.validation.texts import hashable
from intake.validation.texts import parse_year
from intake.validation.texts import text_key
from intake.validation.words import row_word
from intake.validation.words import shown
from intake.validation.words import years_text


class SetReading:
    """The sets one file's rows are read in; each stated set text checked once."""

    def __init__(self, findings: Findings, sets: SetChoice) -> None:
        self.findings = findings
        self.sets = sets
        self._cache: dict[Hashable, Any] = {}

    def of_row(self, raw: RawValue, file_set: Any, row_year: Any) -> Any:
        """The set a row's code belongs to: its own Set cell, the file's, or its year's default."""
        if given(raw.indicator_set):
            return cached(
                self._cache,
                raw.indicator_set,
                lambda text: self.known(text, raw, raw.set_column),
            )
        if file_set is not None:
            return file_set
        if isinstance(row_year, int):
            return self.sets.default(row_year)
        return None

    def of_file(self, result: ReadResult, option: Any, file_year: Any) -> Any:
        """The set the whole file means: `--set`, the file's own word, or the one its rows fit."""
        stated = (
            self.known(result.indicator_set, None, None) if given(result.indicator_set) else None
        )
        chosen = self.known(option, None, None) if given(option) else None
        if isinstance(stated, str) and isinstance(chosen, str) and stated != chosen:
            self.findings.add(types.SET_MISMATCH, set=stated, chosen_set=chosen)
            return REFUSED
        stated_or_chosen = first_given(stated, chosen)
        if stated_or_chosen is not None:
            return stated_or_chosen
        return self._inferred(result, file_year)

    def known(self, text: Any, raw: RawValue | None, column: int | None) -> Any:
        """The set code a text names, or REFUSED after reporting an unknown one."""
        code = stated_set(text)
        if self.sets.knows(code):
            return code
        known = ", ".join(self.sets.set_codes)
        self.findings.error(raw, column, types.UNKNOWN_INDICATOR_SET, text=shown(text), known=known)
        return REFUSED

    def _inferred(self, result: ReadResult, file_year: Any) -> Any:
        """The set the file's codes (or, across 2022/2023, its names) pin; None when none does.

        REFUSED after refusing a file whose rows pin two sets.  None means the last rule:
        each row is read in its year's default set.
        """
        values = result.values
        years = {file_year} if isinstance(file_year, int) else set()
        pinned: dict[str, tuple[RawValue, str, int]] = {}
        asked: dict[tuple[Hashable, int], str | None] = {}
        parsed: dict[Hashable, Any] = {}  # a long file repeats a few year texts
        for raw in values:
            if given(raw.indicator_set):
                continue
            year_key = text_key(raw.year)
            if year_key not in parsed:
                parsed[year_key] = parse_year(raw.year) if given(raw.year) else file_year
            year = parsed[year_key]
            if not isinstance(year, int):
                continue
            years.add(year)
            text = raw.indicator if given(raw.indicator) else result.indicator
            key = (text_key(text), year)
            if key not in asked:
                asked[key] = self.sets.pinned(hashable(text), year)
            found = asked[key]
            if found is not None and found not in pinned:
                pinned[found] = (raw, str(text).strip(), year)
        if len(pinned) > 1:
            self._mixed(list(pinned.items()))
            return REFUSED
        if pinned:
            return self._read_as(next(iter(pinned)), years, "codes")
        rows = (
            (
                hashable(raw.indicator if given(raw.indicator) else result.indicator),
                hashable(raw.indicator_name),
                hashable(raw.unit),
            )
            for raw in values
            if not given(raw.indicator_set)
        )
        found = self.sets.infer(rows, years)
        return None if found is None else self._read_as(found, years, "names")

    def _read_as(self, found: str, years: set[int], why: str) -> str:
        """Warn that the whole file is read in ``found``, naming the years defaulting elsewhere."""
        others = sorted(y for y in years if self.sets.default(y) != found)
        if others:
            what = PHRASES["codes" if why == "codes" else "codes-and-names"]
            self.findings.add(types.READ_AS_SET, set=found, years=years_text(others), what=what)
        return found

    def _mixed(self, pinned: list[tuple[str, tuple[RawValue, str, int]]]) -> None:
        """Refuse a file whose rows pin two sets, naming the first row of each."""
        (first_set, (first, first_code, first_year)), (second_set, second_row) = pinned[:2]
        second, second_code, second_year = second_row
        self.findings.error(
            first,
            first.indicator_column,
            types.MIXED_INDICATOR_SETS,
            first_row=row_word(first),
            first_code=first_code,
            first_year=first_year,
            first_set=first_set,
            second_row=row_word(second),
            second_code=second_code,
            second_year=second_year,
            second_set=second_set,
        )
