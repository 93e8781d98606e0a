"""Checking one read file completely, in one pass, before anything is written.

Every raw value is resolved (municipality, indicator, year: :mod:`.resolve`, :mod:`.keys`,
in the set :mod:`.sets` chooses), interpreted (number and status) and checked (range,
duplicates, comment: :mod:`.value_checks`; locked years: :mod:`.locks`; codes whose
meaning changed in 2023: :mod:`.renumbering`); the stored values are then read with one
query each to warn about replaced values and unusual changes (:mod:`.stored`,
:mod:`.outliers`).  Problems are gathered in one report (:mod:`.findings`); the file is
accepted only when it has no errors.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from dataclasses import field
from typing import TYPE_CHECKING
from typing import Any

from i18n import Lang
from indicators.catalogue import IndicatorRecord
from indicators.models import MISSING
from indicators.problems import ProblemReport
from indicators.records import CleanValue
from indicators.records import RawValue
from indicators.records import ReadResult
from indicators.store import CurrentValue
from indicators.store import ValueKey
from intake import values as cell
from intake.files import problem_types as types
from intake.set_choice import SetChoice
from intake.validation.context import CheckContext
from intake.validation.findings import Findings
from intake.validation.keys import Keys
from intake.validation.locks import report_approved
from intake.validation.locks import report_locked
from intake.validation.renumbering import BareCodes
from intake.validation.resolve import Resolver
from intake.validation.sets import SetReading
from intake.validation.stored import compare_with_store
from intake.validation.texts import REFUSED
from intake.validation.texts import comment_text
from intake.validation.texts import filled
from intake.validation.texts import given
from intake.validation.texts import text_key
from intake.validation.value_checks import MAX_COMMENT_LENGTH
from intake.validation.value_checks import comment_too_long
from intake.validation.value_checks import duplicate
from intake.validation.value_checks import in_range
from intake.validation.value_checks import value_problem
from intake.validation.value_checks import value_warning

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
    return _check(result, session, context, municipality, year, indicator_set, force=force)


def _check(
    result: ReadResult,
    session: Session,
    context: CheckContext,
    municipality_option: Any,
    year_option: Any,
    set_option: Any,
    *,
    force: bool,
) -> ValidatedFile:
    """The pass over one file's rows: each row resolved, interpreted and checked."""
    findings = Findings(result)
    choice = context.sets or SetChoice(list(context.indicators.indicators))
    resolver = Resolver(findings, context, choice)
    keys = Keys(result, resolver)
    sets = SetReading(findings, choice)
    bare = BareCodes(choice)
    kolada_factors = resolver.kolada_factors
    file_municipality = keys.file_municipality(municipality_option)
    file_year = keys.file_year(year_option)
    file_set = sets.of_file(result, set_option, file_year)
    file_indicator = None
    if given(result.indicator):
        file_indicator = resolver.indicator(
            result.indicator, None, None, file_set if isinstance(file_set, str) else None
        )

    if not any(filled(raw) for raw in result.values):
        if not findings.report.ok:
            return ValidatedFile(report=findings.report)  # the reader said why already
        findings.add(types.NO_VALUES)
        return ValidatedFile(report=findings.report)

    clean: dict[tuple[str, int, int], CleanValue] = {}
    locked = context.locked_years
    locked_hits: dict[int, list[RawValue]] = {}
    approved = context.approved
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

    # text_key is written out in the loop: five calls a row cost a tenth of a second of
    # a 232 000-row file.
    for raw in result.values:
        text = raw.municipality
        cell_key: Hashable = text if type(text) is str else (type(text), text)
        code: object = row_municipalities.get(cell_key)
        if code is None:
            code = keys.row_municipality(raw, file_municipality, municipality_option)
            if isinstance(code, str):
                row_municipalities[cell_key] = code
        if code is None and "municipality" not in missing_reported:
            missing_reported.add("municipality")
            keys.missing("municipality", raw)
        if isinstance(code, str) and result.single_municipality:
            if main_municipality is None:
                main_municipality = code
            elif code != main_municipality:
                keys.mixed(raw, main_municipality, code)
                code = REFUSED
        text = raw.year
        cell_key = text if type(text) is str else (type(text), text)
        row_year = row_years.get(cell_key)
        if row_year is None:
            row_year = keys.row_year(raw, file_year)
            if isinstance(row_year, int):
                row_years[cell_key] = row_year
        if row_year is None and "year" not in missing_reported:
            missing_reported.add("year")
            keys.missing("year", raw)
        # A row without its own set cell takes the file's set (as SetReading.of_row would).
        if raw.indicator_set is None and file_set is not None:
            row_set = file_set
        else:
            row_set = sets.of_row(raw, file_set, row_year)
        text, stated_name, stated_unit = raw.indicator, raw.indicator_name, raw.unit
        indicator_key = (
            text if type(text) is str else (type(text), text),
            row_set,
            stated_name if type(stated_name) is str else (type(stated_name), stated_name),
            stated_unit if type(stated_unit) is str else (type(stated_unit), stated_unit),
        )
        indicator: object = row_indicators.get(indicator_key)
        if indicator is None:
            indicator = keys.row_indicator(raw, file_indicator, row_set)
            if isinstance(indicator, IndicatorRecord):
                row_indicators[indicator_key] = indicator
        if indicator is None and "indicator" not in missing_reported:
            missing_reported.add("indicator")
            keys.missing("indicator", raw)
        if (
            file_set is None
            and isinstance(indicator, IndicatorRecord)
            and not (given(raw.indicator_set) or given(raw.indicator_name))
            and not given(raw.unit)
        ):
            bare.note(raw, indicator)

        unit = indicator.unit if isinstance(indicator, IndicatorRecord) else None
        number, status, problem, warning = cell.interpret(
            raw.value,
            raw.status,
            percent_format=raw.percent_format,
            unit=unit,
            formula_without_cache=raw.formula_without_cache,
        )
        if number is not None and kolada_factors and isinstance(indicator, IndicatorRecord):
            number *= kolada_factors.get((text_key(raw.indicator), indicator.id), 1.0)
        if problem:
            value_problem(findings, raw, problem)
        if warning:
            value_warning(findings, raw, warning)
        if not isinstance(indicator, IndicatorRecord):
            continue
        # The bounds asked here first: a call a row only for a value outside them.
        low, high = indicator.min_value, indicator.max_value
        in_bounds = (
            number is None
            or ((low is None or number >= low) and (high is None or number <= high))
            or in_range(findings, raw, indicator, number)
        )
        if problem or not in_bounds or not isinstance(code, str):
            continue
        if not isinstance(row_year, int):
            continue

        comment = comment_text(raw.comment) if raw.comment is not None else None
        if comment is not None and len(comment) > MAX_COMMENT_LENGTH:
            comment_too_long(findings, raw, len(comment))
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
            duplicate(findings, raw, first, value, indicator)
            continue
        clean[key] = value
        # A blank cell is read as missing; asking only then spares the reported rows.
        if status == MISSING and not filled(raw):
            blank_keys.add(key)
        indicators_by_id[indicator.id] = indicator
        if row_year in locked:
            locked_hits.setdefault(row_year, []).append(raw)
        elif approved and (code, row_year) in approved:
            approved_hits.setdefault((code, row_year), []).append(raw)

    bare.report(findings)
    report_locked(findings, locked_hits, force=force)
    report_approved(findings, approved_hits, force=force)
    if not clean:
        return ValidatedFile(report=findings.report)
    compared = compare_with_store(session, findings, clean, indicators_by_id, blank_keys)
    return ValidatedFile(compared.values, findings.report, compared.stored)
