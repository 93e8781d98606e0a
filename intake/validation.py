"""Checking one read file completely, in one pass, before anything is written.

Every raw value is resolved (municipality, indicator, year), interpreted (number and
status) and checked (range, duplicates, locked years); the stored values are then read
with one query each to warn about replaced values and unusual changes.  Problems are
gathered in one report; the file is accepted only when it has no errors.

Large county files repeat the same few municipality, indicator and year texts on every
row, so each distinct raw text is resolved once per file.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
import statistics
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from i18n import Lang, Text
from indicators.catalogue import (
    IndicatorRecord,
    IndicatorResolver,
    UnknownIndicator,
    code_key,
    indicator_records,
)
from indicators.models import (
    MISSING,
    NOT_APPLICABLE,
    REPORTED,
    Indicator,
    IndicatorSet,
    KoladaMapping,
)
from indicators.numbers import format_number
from indicators.problems import ProblemReport, ProblemType, cell_ref, phrase
from indicators.records import COUNTY, COUNTY_TRANSPOSED, CleanValue, RawValue, ReadResult
from indicators.store import CurrentValue, ValueKey, current_values, locked_years, previous_series
from indicators.year_state import approved_municipality_years
from intake import values as cell
from intake.files import problem_types as types
from intake.files.problem_types import PHRASES
from intake.set_choice import SetChoice, meaning_changed, resolve_in, stated_set
from municipalities.errors import UnknownMunicipality
from municipalities.registry import resolve_municipality

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FIRST_YEAR = 1990
DEFAULT_CHANGE_LIMIT = 0.5  # a change of more than 50 % from the previous year is worth a look
Z_LIMIT = 3.5  # Iglewicz and Hoaglin's cut-off for the modified z-score
Z_MIN_HISTORY = 5
Z_MIN_RELATIVE = 0.05  # changes under 5 % are never worth a warning, however steady the past
# Excel's cell limit: a longer comment is cut in every xlsx export, and a CSV export
# holding one could not be read again.
MAX_COMMENT_LENGTH = 32_767

_MISSING = object()  # a resolution that failed (the problem is already reported)

# Anything with a sheet, row and column: a raw cell, or a clean value that remembers its cell.
Source = RawValue | CleanValue


@dataclass
class ValidatedFile:
    """A checked file: the values ready to store, every problem, and what the file covers.

    ``stored`` holds the store's current values of the file's keys as validation read them
    (None when it read none), for storing to use in the same transaction.
    """

    values: list[CleanValue] = field(default_factory=list)
    report: ProblemReport = field(default_factory=ProblemReport)
    stored: dict[ValueKey, CurrentValue] | None = None

    @property
    def municipalities(self) -> list[str]:
        """The municipality codes the values are for, sorted."""
        return sorted({v.municipality_code for v in self.values})

    @property
    def years(self) -> list[int]:
        """The years the values are for, sorted."""
        return sorted({v.year for v in self.values})

    @property
    def ok(self) -> bool:
        """True when nothing stops the file from being imported."""
        return self.report.ok


@dataclass
class CheckContext:
    """What every file of one import run is checked against: read from the store once.

    A batch of 290 files would otherwise read the catalogue and the year locks 290 times;
    the resolver also keeps its answers from file to file.
    """

    indicators: IndicatorResolver
    locked_years: set[int]
    last_year: int
    # The catalogue by indicator set: codes are resolved within the set a file means.
    sets: SetChoice | None = None
    # (municipality code, year) the county board has approved: locked for that municipality.
    approved: set[tuple[str, int]] = field(default_factory=set)
    # Kolada KPI id -> the indicators mapped to it (`kolada_mapping`), for Kolada's exports.
    kolada: dict[str, list[KoladaTarget]] = field(default_factory=dict)
    portal: bool = False  # messages for the portal's users: no command lines

    @classmethod
    def read(cls, session: Session) -> CheckContext:
        """The catalogue, the locked years and the latest year accepted, as the store has them."""
        records = indicator_records(session)
        return cls(
            indicators=IndicatorResolver(indicators=records),
            locked_years=locked_years(session),
            last_year=last_accepted_year(),
            sets=SetChoice(records),
            approved=approved_municipality_years(session),
            kolada=kolada_targets(session),
        )


@dataclass(frozen=True)
class KoladaTarget:
    """An indicator a Kolada KPI is mapped to: Kolada's value x ``factor`` is its value."""

    set_code: str
    indicator_id: int
    factor: float


# Kolada's KPI ids: a letter and five digits (U07801, N00403).
KOLADA_KPI = re.compile(r"[A-Z][0-9]{5}")


def kolada_targets(session: Session) -> dict[str, list[KoladaTarget]]:
    """Every mapped Kolada KPI with the indicators it gives values for."""
    found: dict[str, list[KoladaTarget]] = {}
    query = (
        select(KoladaMapping.kpi, IndicatorSet.code, Indicator.id, KoladaMapping.factor)
        .join(Indicator, Indicator.id == KoladaMapping.indicator_id)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .order_by(KoladaMapping.kpi, IndicatorSet.code)
    )
    for kpi, set_code, indicator_id, factor in session.execute(query):
        found.setdefault(kpi.upper(), []).append(KoladaTarget(set_code, indicator_id, factor))
    return found


def last_accepted_year(today: dt.date | None = None) -> int:
    """The latest year a file may report: next year (budgets and targets run ahead)."""
    return (today or dt.date.today()).year + 1


def validate(
    result: ReadResult,
    session: Session,
    *,
    municipality: Any = None,
    year: Any = None,
    force: bool = False,
    lang: Lang = "sv",
    context: CheckContext | None = None,
    indicator_set: str | None = None,
) -> ValidatedFile:
    """Check everything in a read file against the registry, catalogue and store.

    ``context`` is the catalogue and year locks read once for a batch of files; without it
    they are read from ``session``.  ``indicator_set`` is the set the file's codes belong
    to (`--set`); without it the file says, or its codes and years decide
    (:mod:`intake.set_choice`).
    """
    context = context or CheckContext.read(session)
    validator = _Validator(result, session, context, force=force)
    return validator.run(municipality, year, indicator_set)


class _Validator:
    """The state of checking one file: caches of resolved texts and the growing report."""

    def __init__(
        self, result: ReadResult, session: Session, context: CheckContext, *, force: bool
    ) -> None:
        self.result = result
        self.session = session
        self.force = force
        self.report = ProblemReport(file=result.path)
        self.report.extend(result.problems)
        self.indicators = context.indicators
        self.sets = context.sets or SetChoice(list(context.indicators.indicators))
        self._set_caches: dict[str | None, dict[Hashable, Any]] = {}
        self.locked = context.locked_years
        self.approved = context.approved
        self.last_year = context.last_year
        self.stored: dict[ValueKey, CurrentValue] | None = None
        self._municipality_cache: dict[Hashable, Any] = {}
        self._indicator_cache: dict[Hashable, Any] = {}
        self._year_cache: dict[Hashable, Any] = {}
        self._set_cache: dict[Hashable, Any] = {}
        self._names: dict[str, str] = {}
        self._reported: set[tuple[Any, ...]] = set()
        self.kolada = context.kolada
        self.portal = context.portal
        self._by_id = {r.id: r for r in context.indicators.indicators}
        # (KPI text, indicator id) -> factor, for rows read through a Kolada mapping.
        self.kolada_factors: dict[tuple[Hashable, int], float] = {}
        # Bare codes whose meaning changed at SEkom's revision, read by their year's set:
        # indicator id -> (indicator, its other meaning or None, the rows).
        self._bare: dict[int, tuple[IndicatorRecord, IndicatorRecord | None, list[RawValue]]] = {}

    # --- the pass over the file --------------------------------------------------------

    def run(
        self, municipality_option: Any, year_option: Any, set_option: Any = None
    ) -> ValidatedFile:
        result = self.result
        file_municipality = self._file_municipality(municipality_option)
        file_year = self._file_year(year_option)
        file_set = self._file_set(set_option, file_year)
        file_indicator = None
        if _given(result.indicator):
            file_indicator = self._indicator(
                result.indicator, None, None, file_set if isinstance(file_set, str) else None
            )

        if not any(_filled(raw) for raw in result.values):
            if not self.report.ok:
                return ValidatedFile(report=self.report)  # the reader said why already
            self.report.add(types.NO_VALUES)
            return ValidatedFile(report=self.report)

        clean: dict[tuple[str, int, int], CleanValue] = {}
        locked = self.locked
        locked_hits: dict[int, list[RawValue]] = {}
        approved = self.approved
        approved_hits: dict[tuple[str, int], list[RawValue]] = {}
        indicators_by_id: dict[int, IndicatorRecord] = {}
        main_municipality = file_municipality if isinstance(file_municipality, str) else None
        missing_reported: set[str] = set()
        blank_keys: set[tuple[str, int, int]] = set()

        # What each distinct municipality, indicator and year text of the rows resolved to,
        # when it resolved: the resolutions that succeed report nothing, so a long file's
        # rows repeat them with one dict lookup each.  A text that fails goes the full way
        # on every row, which reports its problem at each cell as before.
        row_municipalities: dict[Hashable, str] = {}
        row_indicators: dict[tuple[Hashable, ...], IndicatorRecord] = {}
        row_years: dict[Hashable, int] = {}

        # _text_key is written out in the loop: five calls a row cost a tenth of a second of
        # a 232 000-row file.
        for raw in result.values:
            text = raw.municipality
            text_key: Hashable = text if type(text) is str else (type(text), text)
            code: object = row_municipalities.get(text_key)
            if code is None:
                code = self._row_municipality(raw, file_municipality, municipality_option)
                if isinstance(code, str):
                    row_municipalities[text_key] = code
            if code is None and "municipality" not in missing_reported:
                missing_reported.add("municipality")
                self._missing("municipality", raw)
            if isinstance(code, str) and result.single_municipality:
                if main_municipality is None:
                    main_municipality = code
                elif code != main_municipality:
                    self._mixed(raw, main_municipality, code)
                    code = _MISSING
            text = raw.year
            text_key = text if type(text) is str else (type(text), text)
            row_year = row_years.get(text_key)
            if row_year is None:
                row_year = self._row_year(raw, file_year)
                if isinstance(row_year, int):
                    row_years[text_key] = row_year
            if row_year is None and "year" not in missing_reported:
                missing_reported.add("year")
                self._missing("year", raw)
            # A row without its own set cell takes the file's set (as _row_set would).
            if raw.indicator_set is None and file_set is not None:
                row_set = file_set
            else:
                row_set = self._row_set(raw, file_set, row_year)
            text, stated_name, stated_unit = raw.indicator, raw.indicator_name, raw.unit
            indicator_key = (
                text if type(text) is str else (type(text), text),
                row_set,
                stated_name if type(stated_name) is str else (type(stated_name), stated_name),
                stated_unit if type(stated_unit) is str else (type(stated_unit), stated_unit),
            )
            indicator: object = row_indicators.get(indicator_key)
            if indicator is None:
                indicator = self._row_indicator(raw, file_indicator, row_set)
                if isinstance(indicator, IndicatorRecord):
                    row_indicators[indicator_key] = indicator
            if indicator is None and "indicator" not in missing_reported:
                missing_reported.add("indicator")
                self._missing("indicator", raw)
            if (
                file_set is None
                and isinstance(indicator, IndicatorRecord)
                and not (_given(raw.indicator_set) or _given(raw.indicator_name))
                and not _given(raw.unit)
            ):
                self._note_bare_code(raw, indicator)

            unit = indicator.unit if isinstance(indicator, IndicatorRecord) else None
            number, status, problem, warning = cell.interpret(
                raw.value,
                raw.status,
                percent_format=raw.percent_format,
                unit=unit,
                formula_without_cache=raw.formula_without_cache,
            )
            if (
                number is not None
                and self.kolada_factors
                and isinstance(indicator, IndicatorRecord)
            ):
                number *= self.kolada_factors.get((_text_key(raw.indicator), indicator.id), 1.0)
            if problem:
                self._value_problem(raw, problem)
            if warning:
                self._value_warning(raw, warning)
            if not isinstance(indicator, IndicatorRecord):
                continue
            # The bounds asked here first: a call a row only for a value outside them.
            low, high = indicator.min_value, indicator.max_value
            in_range = (
                number is None
                or ((low is None or number >= low) and (high is None or number <= high))
                or self._in_range(raw, indicator, number)
            )
            if problem or not in_range or not isinstance(code, str):
                continue
            if not isinstance(row_year, int):
                continue

            comment = _comment(raw.comment) if raw.comment is not None else None
            if comment is not None and len(comment) > MAX_COMMENT_LENGTH:
                self._comment_too_long(raw, len(comment))
                continue
            # Positional, in the order of CleanValue's fields (keywords cost more, per row).
            value = CleanValue(
                code,  # municipality_code
                indicator.id,
                row_year,
                number,
                status,
                comment,
                raw.row,
                raw.column,
                raw.sheet,
            )
            key = (code, indicator.id, row_year)
            first = clean.get(key)
            if first is not None:
                self._duplicate(raw, first, value, indicator)
                continue
            clean[key] = value
            # A blank cell is read as missing; asking only then spares the reported rows.
            if status == MISSING and not _filled(raw):
                blank_keys.add(key)
            indicators_by_id[indicator.id] = indicator
            if row_year in locked:
                locked_hits.setdefault(row_year, []).append(raw)
            elif approved and (code, row_year) in approved:
                approved_hits.setdefault((code, row_year), []).append(raw)

        self._report_meaning_changed()
        self._report_locked(locked_hits)
        self._report_approved(approved_hits)
        values = self._compare_with_store(clean, indicators_by_id, blank_keys) if clean else []
        return ValidatedFile(values=values, report=self.report, stored=self.stored)

    def _note_bare_code(self, raw: RawValue, indicator: IndicatorRecord) -> None:
        """Remember a row read in its year's set from a code alone, if the code changed meaning."""
        found = self._bare.get(indicator.id)
        if found is None:
            # Only a code written as the code is ambiguous; a name says what it means.
            written = code_key(str(raw.indicator)) if _given(raw.indicator) else ""
            other = (
                self.sets.other_meaning(indicator) if written == code_key(indicator.code) else None
            )
            found = self._bare[indicator.id] = (indicator, other, [])
        if found[1] is not None:
            found[2].append(raw)

    def _report_meaning_changed(self) -> None:
        """One `code-meaning-changed` warning per code read, naming both meanings and its rows."""
        for indicator, other, rows in self._bare.values():
            if other is None or not rows:
                continue
            numbers = list(dict.fromkeys(raw.row for raw in rows if raw.row is not None))
            said = meaning_changed(indicator, other, numbers)
            self._place_warning(
                rows[0], rows[0].indicator_column, types.CODE_MEANING_CHANGED, **said.params
            )

    # --- the file as a whole -----------------------------------------------------------

    def _file_municipality(self, option: Any) -> Any:
        """The municipality stated once for the file or by the option; _MISSING when wrong."""
        stated = self._municipality(self.result.municipality, None, None)
        chosen = self._municipality(option, None, None) if _given(option) else None
        if isinstance(stated, str) and isinstance(chosen, str) and stated != chosen:
            self.report.add(types.MUNICIPALITY_MISMATCH, **self._pair(stated, chosen))
            return _MISSING
        return _first_given(stated, chosen)

    def _file_year(self, option: Any) -> Any:
        """The year stated once for the file or by the option; _MISSING when wrong."""
        stated = self._year(self.result.year, None, None) if _given(self.result.year) else None
        chosen = self._year(option, None, None) if _given(option) else None
        if isinstance(stated, int) and isinstance(chosen, int) and stated != chosen:
            self.report.add(types.YEAR_MISMATCH, year=stated, chosen_year=chosen)
            return _MISSING
        return _first_given(stated, chosen)

    # --- one row -------------------------------------------------------------------------

    def _row_municipality(self, raw: RawValue, file_code: Any, option: Any) -> Any:
        if not _given(raw.municipality):
            return file_code
        source = _header_place(raw) if self.result.layout == COUNTY_TRANSPOSED else raw
        code = self._municipality(raw.municipality, source, raw.municipality_column)
        if isinstance(code, str) and _given(option) and not self.result.single_municipality:
            chosen = self._municipality(option, None, None)
            if isinstance(chosen, str) and chosen != code:
                self._place_error(
                    raw,
                    raw.municipality_column,
                    types.MUNICIPALITY_MISMATCH_ROW,
                    **self._pair(code, chosen),
                )
                return _MISSING
        return code

    def _row_indicator(self, raw: RawValue, file_indicator: Any, row_set: Any) -> Any:
        if not _given(raw.indicator):
            return file_indicator
        if row_set is _MISSING:
            return _MISSING  # the set named for the row is unknown; said so already
        source = _header_place(raw) if self.result.layout == COUNTY else raw
        found = self._indicator(raw.indicator, source, raw.indicator_column, row_set)
        if isinstance(found, IndicatorRecord) and row_set is not None:
            if not (_given(raw.indicator_name) or _given(raw.unit)):
                return found
            mismatch = self.sets.mismatch(found, row_set, raw.indicator_name, raw.unit)
            if mismatch is not None:
                column = raw.name_column if mismatch.field == "name" else raw.unit_column
                kind = (
                    types.NAME_CONTRADICTS_CODE
                    if mismatch.field == "name"
                    else types.UNIT_CONTRADICTS_CODE
                )
                self._place_error(raw, column, kind, **mismatch.params)
                return _MISSING
        return found

    def _row_set(self, raw: RawValue, file_set: Any, row_year: Any) -> Any:
        """The set a row's code belongs to: its own Set cell, the file's, or its year's default."""
        if _given(raw.indicator_set):
            return _cached(
                self._set_cache,
                raw.indicator_set,
                lambda text: self._known_set(text, raw, raw.set_column),
            )
        if file_set is not None:
            return file_set
        if isinstance(row_year, int):
            return self.sets.default(row_year)
        return None

    def _file_set(self, option: Any, file_year: Any) -> Any:
        """The set the whole file means: `--set`, the file's own word, or the one its rows fit."""
        stated = (
            self._known_set(self.result.indicator_set, None, None)
            if _given(self.result.indicator_set)
            else None
        )
        chosen = self._known_set(option, None, None) if _given(option) else None
        if isinstance(stated, str) and isinstance(chosen, str) and stated != chosen:
            self.report.add(types.SET_MISMATCH, set=stated, chosen_set=chosen)
            return _MISSING
        given = _first_given(stated, chosen)
        if given is not None:
            return given
        return self._inferred_set(file_year)

    def _inferred_set(self, file_year: Any) -> Any:
        """The set the file's codes (or, across 2022/2023, its names) pin; None when none does.

        _MISSING after refusing a file whose rows pin two sets.  None means the last rule:
        each row is read in its year's default set.
        """
        values = self.result.values
        years = {file_year} if isinstance(file_year, int) else set()
        pinned: dict[str, tuple[RawValue, str, int]] = {}
        asked: dict[tuple[Hashable, int], str | None] = {}
        parsed: dict[Hashable, Any] = {}  # a long file repeats a few year texts
        for raw in values:
            if _given(raw.indicator_set):
                continue
            year_key = _text_key(raw.year)
            if year_key not in parsed:
                parsed[year_key] = _parse_year(raw.year) if _given(raw.year) else file_year
            year = parsed[year_key]
            if not isinstance(year, int):
                continue
            years.add(year)
            text = raw.indicator if _given(raw.indicator) else self.result.indicator
            key = (_text_key(text), year)
            if key not in asked:
                asked[key] = self.sets.pinned(_hashable(text), year)
            found = asked[key]
            if found is not None and found not in pinned:
                pinned[found] = (raw, str(text).strip(), year)
        if len(pinned) > 1:
            self._mixed_sets(list(pinned.items()))
            return _MISSING
        if pinned:
            return self._read_as(next(iter(pinned)), years, "codes")
        rows = (
            (
                _hashable(raw.indicator if _given(raw.indicator) else self.result.indicator),
                _hashable(raw.indicator_name),
                _hashable(raw.unit),
            )
            for raw in values
            if not _given(raw.indicator_set)
        )
        found = self.sets.infer(rows, years)
        return None if found is None else self._read_as(found, years, "names")

    def _read_as(self, found: str, years: set[int], why: str) -> str:
        """Warn that the whole file is read in ``found``, naming the years defaulting elsewhere."""
        others = sorted(y for y in years if self.sets.default(y) != found)
        if others:
            what = PHRASES["codes" if why == "codes" else "codes-and-names"]
            self.report.add(types.READ_AS_SET, set=found, years=_years_text(others), what=what)
        return found

    def _mixed_sets(self, pinned: list[tuple[str, tuple[RawValue, str, int]]]) -> None:
        """Refuse a file whose rows pin two sets, naming the first row of each."""
        (first_set, (first, first_code, first_year)), (second_set, second_row) = pinned[:2]
        second, second_code, second_year = second_row
        self._place_error(
            first,
            first.indicator_column,
            types.MIXED_INDICATOR_SETS,
            first_row=_row_word(first),
            first_code=first_code,
            first_year=first_year,
            first_set=first_set,
            second_row=_row_word(second),
            second_code=second_code,
            second_year=second_year,
            second_set=second_set,
        )

    def _known_set(self, text: Any, raw: RawValue | None, column: int | None) -> Any:
        """The set code a text names, or _MISSING after reporting an unknown one."""
        code = stated_set(text)
        if self.sets.knows(code):
            return code
        known = ", ".join(self.sets.set_codes)
        self._place_error(raw, column, types.UNKNOWN_INDICATOR_SET, text=_shown(text), known=known)
        return _MISSING

    def _row_year(self, raw: RawValue, file_year: Any) -> Any:
        if not _given(raw.year):
            return file_year
        return self._year(raw.year, raw, raw.year_column)

    # --- resolving, once per distinct text ----------------------------------------------

    def _municipality(self, text: Any, raw: RawValue | None, column: int | None) -> Any:
        """The municipality code a text names, or _MISSING after reporting the problem."""
        if not _given(text):
            return None
        found = _cached(self._municipality_cache, text, self._resolve_municipality)
        if isinstance(found, UnknownMunicipality):
            self._place_error(
                raw,
                column,
                types.UNKNOWN_MUNICIPALITY,
                text=_shown(text),
                did_you_mean=_did_you_mean(found.suggestions),
            )
            return _MISSING
        return found

    def _indicator(
        self, text: Any, raw: RawValue | None, column: int | None, set_code: Any = None
    ) -> Any:
        """The indicator a code or name names, or _MISSING after reporting the problem."""
        if set_code is None or set_code is _MISSING:
            found = _cached(self._indicator_cache, text, self._resolve_indicator)
        else:
            resolver = self.sets.resolver(set_code)
            cache = self._set_caches.setdefault(set_code, {})
            found = _cached(cache, text, lambda t: _resolved(resolver, t))
        if isinstance(found, UnknownIndicator) and self._kolada_id(text):
            return self._through_kolada(text, raw, column, set_code)
        if isinstance(found, UnknownIndicator):
            suggestions = list(getattr(found, "suggestions", []) or [])
            self._place_error(
                raw,
                column,
                types.UNKNOWN_INDICATOR,
                text=_shown(text),
                did_you_mean=_did_you_mean(suggestions),
            )
            return _MISSING
        return found

    @staticmethod
    def _kolada_id(text: Any) -> bool:
        return isinstance(text, str) and KOLADA_KPI.fullmatch(text.strip().upper()) is not None

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
            self._place_error(raw, column, types.KOLADA_KPI_NOT_MAPPED_PORTAL, kpi=kpi)
            return _MISSING
        if not chosen:
            in_set = (
                phrase(PHRASES["in-set"], set=set_code)
                if targets and set_code
                else PHRASES["nothing"]
            )
            self._place_error(raw, column, types.KOLADA_KPI_NOT_MAPPED, kpi=kpi, in_set=in_set)
            return _MISSING
        record = self._by_id[chosen[0].indicator_id]
        self.kolada_factors[(_text_key(text), record.id)] = chosen[0].factor
        return record

    def _resolve_municipality(self, text: Any) -> str | UnknownMunicipality:
        try:
            entry = resolve_municipality(text)
        except UnknownMunicipality as exc:
            return exc
        self._names[entry.code] = f"{entry.short_name} ({entry.code})"
        return entry.code

    def _resolve_indicator(self, text: Any) -> IndicatorRecord | UnknownIndicator:
        return _resolved(self.indicators, text)

    def _year(self, text: Any, raw: RawValue | None, column: int | None) -> Any:
        """The year a cell states, or _MISSING after reporting the problem."""
        found = _cached(self._year_cache, text, _parse_year)
        if found is None:
            self._place_error(raw, column, types.BAD_YEAR, text=_shown(text))
            return _MISSING
        if not FIRST_YEAR <= found <= self.last_year:
            self._place_error(
                raw,
                column,
                types.YEAR_OUT_OF_RANGE,
                year=found,
                first=FIRST_YEAR,
                last=self.last_year,
            )
            return _MISSING
        return found

    def _name(self, code: str) -> str:
        return self._names.get(code, code)

    def _what(self, indicator: IndicatorRecord, value: CleanValue) -> dict[str, Any]:
        """The parameters naming a value: its indicator, municipality and year."""
        return {
            "indicator": indicator.code,
            "municipality": value.municipality_code,
            "municipality_name": self._name(value.municipality_code),
            "year": value.year,
        }

    def _pair(self, found: str, chosen: str) -> dict[str, Any]:
        """The parameters of a municipality problem: the file's and the chosen municipality."""
        return {
            "municipality": found,
            "municipality_name": self._name(found),
            "chosen": chosen,
            "chosen_name": self._name(chosen),
        }

    # --- checks ----------------------------------------------------------------------------

    def _in_range(self, raw: RawValue, indicator: IndicatorRecord, value: float) -> bool:
        low, high = indicator.min_value, indicator.max_value
        if (low is None or value >= low) and (high is None or value <= high):
            return True
        self._place_error(
            raw,
            raw.column,
            types.OUT_OF_RANGE,
            value=_number(value),
            range=_range_text(low, high),
            indicator=indicator.code,
            unit=indicator.unit,
        )
        return False

    def _duplicate(
        self, raw: RawValue, first: CleanValue, again: CleanValue, indicator: IndicatorRecord
    ) -> None:
        what = self._what(indicator, again)
        if (first.value, first.status) == (again.value, again.status):
            self._place_warning(
                raw, raw.column, types.DUPLICATE_ROW, first_place=_where(first), **what
            )
            return
        self._place_error(
            raw,
            raw.column,
            types.DUPLICATE_VALUE,
            first_value=_shown_value(first),
            first_place=_where(first),
            value=_shown_value(again),
            **what,
        )

    def _mixed(self, raw: RawValue, main: str, other: str) -> None:
        self._place_error(
            raw,
            raw.municipality_column,
            types.MIXED_MUNICIPALITIES,
            municipality=main,
            municipality_name=self._name(main),
            other=other,
            other_name=self._name(other),
        )

    def _missing(self, what: str, raw: RawValue) -> None:
        kinds = {
            "municipality": types.NO_MUNICIPALITY,
            "indicator": types.NO_INDICATOR,
            "year": types.NO_YEAR,
        }
        self._place_error(raw, raw.column, kinds[what])

    def _report_locked(self, hits: dict[int, list[RawValue]]) -> None:
        for year in sorted(hits):
            first, count = hits[year][0], len(hits[year])
            if self.force:
                self._place_warning(
                    first, first.column, types.LOCKED_YEAR_FORCED, year=year, count=count
                )
                continue
            self._place_error(first, first.column, types.LOCKED_YEAR, year=year, count=count)

    def _report_approved(self, hits: dict[tuple[str, int], list[RawValue]]) -> None:
        for municipality, year in sorted(hits):
            found = hits[(municipality, year)]
            first, count = found[0], len(found)
            if self.force:
                self._place_warning(
                    first,
                    first.column,
                    types.APPROVED_YEAR_FORCED,
                    **self._pair(municipality, municipality),
                    year=year,
                    count=count,
                )
                continue
            self._place_error(
                first,
                first.column,
                types.APPROVED_YEAR,
                **self._pair(municipality, municipality),
                year=year,
                count=count,
            )

    def _value_problem(self, raw: RawValue, code: str) -> None:
        kind = _VALUE_TYPES[code]
        if code == cell.NOT_A_NUMBER:
            # "ca 40" and "<0,1" are numbers with a qualifier: say what to write instead.
            kind = _VALUE_TYPES.get(cell.qualified_number(raw.value) or code, kind)
        shown = _shown(raw.status if code == cell.BAD_STATUS else raw.value)
        column = raw.status_column if code == cell.BAD_STATUS else raw.column
        self._place_error(raw, column, kind, value=shown)

    def _comment_too_long(self, raw: RawValue, length: int) -> None:
        # Both languages show the numbers as written in Swedish, as the sentence always did.
        shown, limit = format_number(length, 0), format_number(MAX_COMMENT_LENGTH, 0)
        self._place_error(raw, None, types.COMMENT_TOO_LONG, length=shown, limit=limit)

    def _value_warning(self, raw: RawValue, code: str) -> None:
        self._place_warning(raw, raw.column, _VALUE_TYPES[code], value=_shown(raw.value))

    # --- the store -----------------------------------------------------------------------

    def _compare_with_store(
        self,
        clean: dict[tuple[str, int, int], CleanValue],
        indicators: dict[int, IndicatorRecord],
        blank_keys: set[tuple[str, int, int]],
    ) -> list[CleanValue]:
        """Warn about the stored values the file's values replace and about unusual changes.

        A blank cell (no value, no status) says nothing new: where the store already has a
        value or a status other than missing, that is kept and the blank is left out, so an
        official who leaves a row empty never wipes what the county already holds.  Writing
        `..` replaces it, with a warning.
        """
        # The keys' three columns side by side: one pass in C instead of three in Python.
        codes, ids, years = zip(*clean, strict=True)
        stored = current_values(self.session, codes, ids, years)
        self.stored = stored
        kept: list[CleanValue] = []
        # A value the store already holds as it is changes nothing: it replaces nothing and
        # makes no unusual change, so only the other values' series are read and judged
        # (re-importing a whole county file of unchanged values stays cheap).
        changes: list[CleanValue] = []
        stored_value, keep, change = stored.get, kept.append, changes.append
        for key, value in clean.items():
            old = stored_value(key)
            if old is None:
                keep(value)
                change(value)
                continue
            if key in blank_keys and old.status != MISSING:
                self._blank_keeps_stored(value, indicators[value.indicator_id], old)
                continue
            keep(value)
            if _changes(old, value):
                change(value)
        values = kept
        series_keys = {(v.municipality_code, v.indicator_id) for v in changes}
        if not changes:
            return values
        # Each series as the store has it, with this file's values put in place.
        points = {
            key: dict(found)
            for key, found in previous_series(
                self.session,
                {code for code, _ in series_keys},
                {indicator_id for _, indicator_id in series_keys},
            ).items()
            if key in series_keys
        }
        for value in values:
            series_key = (value.municipality_code, value.indicator_id)
            if series_key not in series_keys:
                continue
            series = points.setdefault(series_key, {})
            if value.status == REPORTED:
                series[value.year] = value.value  # type: ignore[assignment]
            else:
                series.pop(value.year, None)
        ordered = {key: _Series(series) for key, series in points.items()}
        for value in changes:
            indicator = indicators[value.indicator_id]
            old = stored.get((value.municipality_code, value.indicator_id, value.year))
            if old is not None:
                self._replaced(value, indicator, old)
            if value.status == REPORTED and value.value is not None:
                line = ordered[(value.municipality_code, value.indicator_id)]
                self._large_change(value, indicator, *line.before(value.year))
        return values

    def _blank_keeps_stored(
        self, value: CleanValue, indicator: IndicatorRecord, old: CurrentValue
    ) -> None:
        self._value_place_warning(
            value,
            types.BLANK_KEEPS_STORED,
            old=_state_text(old.value, old.status),
            **self._what(indicator, value),
        )

    def _replaced(self, value: CleanValue, indicator: IndicatorRecord, old: CurrentValue) -> None:
        if old.status == MISSING or (old.value, old.status) == (value.value, value.status):
            return  # filling in a missing value, or the same value again, replaces nothing
        self._value_place_warning(
            value,
            types.REPLACES_VALUE,
            old=_state_text(old.value, old.status),
            new=_state_text(value.value, value.status),
            **self._what(indicator, value),
        )

    def _large_change(
        self,
        value: CleanValue,
        indicator: IndicatorRecord,
        earlier: list[tuple[int, float]],
        changes: list[float],
    ) -> None:
        """Warn when a value jumps from the previous year or leaves the series' history.

        ``earlier`` are the series' (year, value) pairs before the value's year and
        ``changes`` their year-to-year differences.
        """
        x = value.value
        assert x is not None
        limit = change_limit(indicator)
        if earlier:
            previous_year, previous = earlier[-1]
            if previous != 0 and abs(x - previous) / abs(previous) > limit:
                change = (x - previous) / abs(previous) * 100
                self._value_place_warning(
                    value,
                    types.LARGE_CHANGE,
                    value=_number(x),
                    change=_signed_percent(change),
                    previous=_number(previous),
                    previous_year=previous_year,
                    limit=_number(limit * 100),
                    **self._what(indicator, value),
                )
                return
        if len(earlier) <= Z_MIN_HISTORY:
            return
        # The municipality's own history of year-to-year changes: a steady trend is normal,
        # a change unlike any before is worth a look (when it is at least Z_MIN_RELATIVE).
        previous_year, previous = earlier[-1]
        z = robust_z(x - previous, changes)
        relative = abs(x - previous) / abs(previous) if previous else float("inf")
        if z is not None and abs(z) > Z_LIMIT and relative >= Z_MIN_RELATIVE:
            typical = statistics.median(abs(c) for c in changes)
            self._value_place_warning(
                value,
                types.LARGE_CHANGE_UNUSUAL,
                value=_number(x),
                change=_number(x - previous),
                previous=_number(previous),
                previous_year=previous_year,
                typical=_number(typical),
                z=_number(z, 1),
                z_limit=_number(Z_LIMIT, 1),
                **self._what(indicator, value),
            )

    # --- places -----------------------------------------------------------------------------

    def _place(self, source: Source | None, column: int | None) -> dict[str, Any]:
        """Where a problem is: a sheet cell, or a CSV line and header name."""
        if source is None:
            return {}
        if source.sheet is None and column is not None and column in self.result.headers:
            return {"row": source.row, "column": self.result.headers[column]}
        return {"sheet": source.sheet, "row": source.row, "column": column}

    def _place_error(
        self, source: Source | None, column: int | None, kind: ProblemType, /, **params: Any
    ) -> None:
        place = self._place(source, column)
        # A wide table's row shares one municipality or indicator cell among all its years:
        # an unknown name there is one problem, not one per year.
        key = (kind.code, place.get("sheet"), place.get("row"), place.get("column"))
        if place and key in self._reported:
            return
        self._reported.add(key)
        self.report.add(kind, **place, **params)

    def _place_warning(
        self, source: Source | None, column: int | None, kind: ProblemType, /, **params: Any
    ) -> None:
        self.report.add(kind, **self._place(source, column), **params)

    def _value_place_warning(self, value: CleanValue, kind: ProblemType, /, **params: Any) -> None:
        self._place_warning(value, value.column, kind, **params)


class _Series:
    """One municipality's values of one indicator, by year, for looking back from a year."""

    def __init__(self, points: dict[int, float]) -> None:
        self.points = sorted(points.items())
        self.years = [year for year, _value in self.points]
        # Year-to-year changes, computed once for the series rather than once per value.
        values = [value for _year, value in self.points]
        self.changes = [b - a for a, b in zip(values, values[1:], strict=False)]

    def before(self, year: int) -> tuple[list[tuple[int, float]], list[float]]:
        """The (year, value) pairs before a year, oldest first, and the changes between them."""
        count = bisect.bisect_left(self.years, year)
        return self.points[:count], self.changes[: max(count - 1, 0)]


# --- statistics ------------------------------------------------------------------------------


def change_limit(indicator: IndicatorRecord) -> float:
    """The indicator's largest unremarkable change from one year to the next, as a fraction."""
    threshold = indicator.change_threshold
    if threshold is None or threshold <= 0:
        return DEFAULT_CHANGE_LIMIT
    return threshold


def robust_z(value: float, history: list[float]) -> float | None:
    """The modified z-score of a value against a history (Iglewicz and Hoaglin, 1993).

    ``0.6745 * (x - median) / MAD``, where MAD is the median absolute deviation; 0.6745
    makes it comparable to a standard z-score for normal data, and median and MAD are not
    pulled along by the outliers we look for.  None with fewer than five history values
    or when MAD is 0 (a constant history, where any change would look infinite).
    """
    if len(history) < Z_MIN_HISTORY:
        return None
    # Called for every value of a file: the medians of sorted lists, as statistics.median
    # computes them, without its per-call overhead.
    median = _sorted_median(sorted(history))
    mad = _sorted_median(sorted([abs(v - median) for v in history]))
    if mad == 0:
        return None
    return 0.6745 * (value - median) / mad


def _sorted_median(ordered: list[float]) -> float:
    """The median of a sorted, non-empty list (the mean of the middle two for an even count)."""
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


# --- small helpers -----------------------------------------------------------------------------


# The problem type of each code `intake.values.interpret` returns, and of the qualified
# numbers (`ca 40`, `<0,1`) it tells apart from text.
_VALUE_TYPES: dict[str, ProblemType] = {
    **{
        kind.code: kind
        for kind in (
            types.NOT_A_NUMBER,
            types.NOT_FINITE,
            types.DATE_IN_VALUE,
            types.BOOLEAN_IN_VALUE,
            types.FORMULA_WITHOUT_VALUE,
            types.REPORTED_WITHOUT_VALUE,
            types.BAD_STATUS,
            types.ERROR_IN_VALUE,
            types.DASH_AS_ZERO,
            types.VALUE_IGNORED_BY_STATUS,
        )
    },
    "approximate": types.APPROXIMATE_NUMBER,
    "limit": types.LIMIT_NOT_NUMBER,
}


def _changes(old: CurrentValue | None, value: CleanValue) -> bool:
    """True unless the store holds this value already (same number and status)."""
    return old is None or (old.value, old.status) != (value.value, value.status)


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _first_given(stated: Any, chosen: Any) -> Any:
    """What the file states, else the option; _MISSING when either was already refused."""
    if stated is _MISSING or chosen is _MISSING:
        return _MISSING
    return stated if stated is not None else chosen


def _filled(raw: RawValue) -> bool:
    """True when a value cell or its status cell holds anything."""
    return _given(raw.value) or _given(raw.status) or raw.formula_without_cache


def _resolved(resolver: IndicatorResolver, text: Any) -> IndicatorRecord | UnknownIndicator:
    return resolve_in(resolver, text)


def _hashable(value: Any) -> Hashable:
    try:
        hash(value)
    except TypeError:
        return str(value)
    return value


def _years_text(years: list[int]) -> str:
    return ", ".join(str(year) for year in years)


def _text_key(text: Any) -> Hashable:
    """A cell's content as a dict key that keeps 2281, 2281.0 and True apart from "2281"."""
    return text if type(text) is str else (type(text), text)


def _cached(cache: dict[Hashable, Any], text: Any, resolve: Callable[[Any], Any]) -> Any:
    try:
        key: Hashable = (type(text), text.strip() if isinstance(text, str) else text)
        return cache[key]
    except KeyError:
        found = cache[key] = resolve(text)
        return found
    except TypeError:  # unhashable: resolve without remembering
        return resolve(text)


def _parse_year(text: Any) -> int | None:
    """A year from a cell: 2024, 2024.0 or "2024" (also "år 2024"); None when it is not one."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text
    if isinstance(text, float):
        return int(text) if math.isfinite(text) and text.is_integer() else None
    if isinstance(text, dt.date):
        return None
    words = str(text).strip().lower().removeprefix("år").strip()
    if words.endswith(".0"):
        words = words[:-2]
    return int(words) if words.isdigit() and len(words) == 4 else None


def _comment(value: Any) -> str | None:
    """A comment cell as text; a number typed as the comment keeps its written form (2, not 2.0)."""
    if not _given(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _shown(value: Any) -> str:
    if isinstance(value, str):
        # Control characters (left by a lossy encoding) are shown, not hidden: '\x12' + '0'.
        text = "".join(
            f"\\x{ord(ch):02x}" if unicodedata.category(ch) == "Cc" else ch for ch in value.strip()
        )
        return f"'{text}'"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return "—"
    return str(value)


def _header_place(raw: RawValue) -> RawValue:
    """Where a problem with a column header belongs: the header cell, not the value's row."""
    if raw.header_row is None:
        return raw
    return RawValue(None, None, None, None, raw.header_row, raw.column, raw.sheet)


def _number(value: float, decimals: int | None = None) -> Text:
    """A number as each language writes it: `1 234,5` and `1,234.5`."""
    return Text(format_number(value, decimals), format_number(value, decimals, "en"))


def _row_word(raw: RawValue) -> Text:
    """A row as a message names it: `rad 3`, or `rad 3 i bladet Värden` in a workbook."""
    if raw.sheet:
        return phrase(PHRASES["row-of-sheet"], row=raw.row, sheet=raw.sheet)
    return phrase(PHRASES["row"], row=raw.row)


def _did_you_mean(suggestions: list[str]) -> Text:
    if not suggestions:
        return PHRASES["nothing"]
    return phrase(PHRASES["did-you-mean"], listed=", ".join(str(s) for s in suggestions))


def _range_text(low: float | None, high: float | None) -> Text:
    """What the valid range says, after "the value X": both limits, or the one there is."""
    limits = {"low": _number(low) if low is not None else "", "high": ""}
    if high is not None:
        limits["high"] = _number(high)
    if low is not None and high is not None:
        return phrase(PHRASES["range-both"], **limits)
    if low is not None:
        return phrase(PHRASES["range-low"], **limits)
    return phrase(PHRASES["range-high"], **limits)


def _state_text(value: float | None, status: str) -> Text:
    if status == MISSING:
        return PHRASES["missing"]
    if status == NOT_APPLICABLE:
        return PHRASES["not-applicable"]
    return Text(format_number(value), format_number(value, lang="en"))


def _shown_value(value: CleanValue) -> Text:
    return _state_text(value.value, value.status)


def _signed_percent(change: float) -> Text:
    shown = _number(abs(change), 0)
    sign_sv = "+" if change > 0 else "−"
    sign_en = "+" if change > 0 else "-"
    return Text(f"{sign_sv}{shown.sv} %", f"{sign_en}{shown.en} %")


def _where(value: CleanValue) -> Text | str:
    """The place of a value in a message: `Värden!E7`, or `rad 12` in a CSV file."""
    place = cell_ref(value.sheet, value.row, value.column)
    if place:
        return place
    return phrase(PHRASES["line"], line=value.row)
