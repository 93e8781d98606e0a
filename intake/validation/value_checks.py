"""Checks of one row's value: what its cell holds, its range, its comment, a second value.

The cell itself is interpreted by :func:`intake.values.interpret`; these say what is
wrong with it, at its cell.
"""

from __future__ import annotations

from indicators.catalogue import IndicatorRecord
from indicators.numbers import format_number
from indicators.problems import ProblemType
from indicators.records import CleanValue
from indicators.records import RawValue
from intake import values as cell
from intake.files import problem_types as types
from intake.validation.findings import Findings
from intake.validation.words import number
from intake.validation.words import range_text
from intake.validation.words import shown
from intake.validation.words import shown_value
from intake.validation.words import where

# Excel's cell limit: a longer comment is cut in every xlsx export, and a CSV export
# holding one could not be read again.
MAX_COMMENT_LENGTH = 32_767

# The problem type of each code `intake.values.interpret` returns, and of the qualified
# numbers (`ca 40`, `<0,1`) it tells apart from text.
VALUE_TYPES: dict[str, ProblemType] = {
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


def value_problem(findings: Findings, raw: RawValue, code: str) -> None:
    """The error `intake.values.interpret` found in a value or status cell."""
    kind = VALUE_TYPES[code]
    if code == cell.NOT_A_NUMBER:
        # "ca 40" and "<0,1" are numbers with a qualifier: say what to write instead.
        kind = VALUE_TYPES.get(cell.qualified_number(raw.value) or code, kind)
    text = shown(raw.status if code == cell.BAD_STATUS else raw.value)
    column = raw.status_column if code == cell.BAD_STATUS else raw.column
    findings.error(raw, column, kind, value=text)


def value_warning(findings: Findings, raw: RawValue, code: str) -> None:
    """The warning `intake.values.interpret` gave about a value cell."""
    findings.warning(raw, raw.column, VALUE_TYPES[code], value=shown(raw.value))


def in_range(findings: Findings, raw: RawValue, indicator: IndicatorRecord, value: float) -> bool:
    """True when a value is within its indicator's bounds; False after reporting it."""
    low, high = indicator.min_value, indicator.max_value
    if (low is None or value >= low) and (high is None or value <= high):
        return True
    findings.error(
        raw,
        raw.column,
        types.OUT_OF_RANGE,
        value=number(value),
        range=range_text(low, high),
        indicator=indicator.code,
        unit=indicator.unit,
    )
    return False


def comment_too_long(findings: Findings, raw: RawValue, length: int) -> None:
    """A comment longer than a spreadsheet cell holds."""
    # Both languages show the numbers as written in Swedish, as the sentence always did.
    size, limit = format_number(length, 0), format_number(MAX_COMMENT_LENGTH, 0)
    findings.error(raw, None, types.COMMENT_TOO_LONG, length=size, limit=limit)


def duplicate(
    findings: Findings,
    raw: RawValue,
    first: CleanValue,
    again: CleanValue,
    indicator: IndicatorRecord,
) -> None:
    """A second value for the same key: a warning when it repeats the first, else an error."""
    what = findings.what(indicator, again)
    if (first.value, first.status) == (again.value, again.status):
        findings.warning(raw, raw.column, types.DUPLICATE_ROW, first_place=where(first), **what)
        return
    findings.error(
        raw,
        raw.column,
        types.DUPLICATE_VALUE,
        first_value=shown_value(first),
        first_place=where(first),
        value=shown_value(again),
        **what,
    )
