"""One value cell as an official wrote it, interpreted: a number and a status, or a problem.

Swedish official statistics mark a missing figure with ``..`` (uppgift saknas), a figure
that cannot exist with ``.`` (ej tillämpligt), and a true zero with a lone dash.  Files
arrive with numbers as spreadsheet numbers, as text in Swedish or English convention, as
percent-formatted cells, and now and then as dates, booleans or formulas nobody calculated.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Any
from typing import NamedTuple

from indicators.models import MISSING
from indicators.models import NOT_APPLICABLE
from indicators.models import REPORTED
from indicators.numbers import NumberFormatError
from indicators.numbers import parse_number
from intake.files import problem_types as types

# Values beyond this are typing mistakes or overflow, never an indicator value.
LIMIT = 1e15

# The codes of the problem types (intake/files/problem_types/) this module returns.
NOT_A_NUMBER = types.NOT_A_NUMBER.code
NOT_FINITE = types.NOT_FINITE.code
DATE_IN_VALUE = types.DATE_IN_VALUE.code
BOOLEAN_IN_VALUE = types.BOOLEAN_IN_VALUE.code
FORMULA_WITHOUT_VALUE = types.FORMULA_WITHOUT_VALUE.code
REPORTED_WITHOUT_VALUE = types.REPORTED_WITHOUT_VALUE.code
BAD_STATUS = types.BAD_STATUS.code
ERROR_IN_VALUE = types.ERROR_IN_VALUE.code
# Warnings.
DASH_AS_ZERO = types.DASH_AS_ZERO.code
VALUE_IGNORED = types.VALUE_IGNORED_BY_STATUS.code

_DASHES = {"-", "\u2013", "\u2014", "\u2212"}
_STATUS_WORDS = {
    "rapporterat": REPORTED,
    "rapporterad": REPORTED,
    "reported": REPORTED,
    "värde": REPORTED,
    "value": REPORTED,
    "uppgift saknas": MISSING,
    "saknas": MISSING,
    "missing": MISSING,
    "ej tillämpligt": NOT_APPLICABLE,
    "ej tillämplig": NOT_APPLICABLE,
    "ej tillampligt": NOT_APPLICABLE,
    "not applicable": NOT_APPLICABLE,
    "n/a": NOT_APPLICABLE,
}
_NON_FINITE_WORDS = {"nan", "inf", "+inf", "-inf", "infinity", "-infinity"}
# What a cell shows when its formula failed: Excel (English and Swedish) and LibreOffice.
_SPREADSHEET_ERROR = re.compile(
    r"^(#[^\s#]{1,15}[!?]|#N/?A|#NV|#SAKNAS!?|#GETTING_DATA|Err:\d{3})$", re.I
)

# "ca 40", "~40": an estimate; "<0,1", "under 0,1": a limit (below detection).  Neither is
# a number to store as it stands, and guessing one would put a made-up figure in the series.
_APPROXIMATE = re.compile(r"^(?:ca\.?|c:a|cirka|circa|approx\.?|ungefär|omkring|~|≈)\s*(.+)$", re.I)
_LIMIT = re.compile(
    r"^(?:<=?|>=?|≤|≥|under|över|mindre än|större än|minst|högst|below|above)\s*(.+)$", re.I
)


class Interpretation(NamedTuple):
    """What one cell means: ``(value, status, problem, warning)``; codes are None when fine."""

    value: float | None
    status: str
    problem: str | None = None
    warning: str | None = None


def is_percent_unit(unit: str | None) -> bool:
    """True for an indicator measured in percent (unit ``%``, ``procent`` or ``percent``)."""
    if not unit:
        return False
    text = unit.strip().lower()
    return text in {"%", "procent", "percent"}


def parse_status(raw_status: Any) -> str | None:
    """The status a status cell states, None for an empty cell; raises ValueError otherwise.

    Accepts the template's dropdown texts (``.. uppgift saknas``, ``. ej tillämpligt``),
    the bare markers ``..`` and ``.``, and the words in Swedish and English.
    """
    if raw_status is None:
        return None
    text = " ".join(str(raw_status).split()).lower()
    if not text:
        return None
    if text.startswith(".."):
        return MISSING
    if text.startswith("."):
        return NOT_APPLICABLE
    status = _STATUS_WORDS.get(text)
    if status is None:
        raise ValueError(text)
    return status


def interpret(
    raw_value: Any,
    raw_status: Any = None,
    *,
    percent_format: bool = False,
    unit: str | None = None,
    formula_without_cache: bool = False,
) -> Interpretation:
    """Interpret one value cell and its status cell for an indicator measured in ``unit``."""
    if (
        type(raw_value) is float
        and raw_status is None
        and not percent_format
        and not formula_without_cache
        and -LIMIT <= raw_value <= LIMIT  # False for NaN and infinities
    ):
        # Nearly every cell of a large file is a plain number: answer it without the checks
        # below, which would come to the same.
        return Interpretation(raw_value, REPORTED)
    try:
        status = parse_status(raw_status)
    except ValueError:
        return Interpretation(None, MISSING, BAD_STATUS)
    if formula_without_cache or (isinstance(raw_value, str) and raw_value.lstrip().startswith("=")):
        return Interpretation(None, status or MISSING, FORMULA_WITHOUT_VALUE)
    empty = raw_value is None or (isinstance(raw_value, str) and not raw_value.strip())
    if status in (MISSING, NOT_APPLICABLE):
        # The status cell decides; a number beside it is dropped, with a warning.
        return Interpretation(None, status, None, None if empty else VALUE_IGNORED)
    if empty:
        if status == REPORTED:
            return Interpretation(None, REPORTED, REPORTED_WITHOUT_VALUE)
        return Interpretation(None, MISSING)
    result = _interpret_value(raw_value, percent_format=percent_format, unit=unit)
    if status == REPORTED and result.status != REPORTED and result.problem is None:
        return Interpretation(None, REPORTED, REPORTED_WITHOUT_VALUE)
    return result


def _interpret_value(raw_value: Any, *, percent_format: bool, unit: str | None) -> Interpretation:
    """A non-empty value cell without an overriding status."""
    if isinstance(raw_value, bool):
        return Interpretation(None, MISSING, BOOLEAN_IN_VALUE)
    if isinstance(raw_value, dt.date | dt.time | dt.timedelta):
        return Interpretation(None, MISSING, DATE_IN_VALUE)
    if isinstance(raw_value, int | float | Decimal):
        scale = percent_format and is_percent_unit(unit)
        return _number(raw_value, scale)
    if isinstance(raw_value, str):
        return _text(raw_value)
    return Interpretation(None, MISSING, NOT_A_NUMBER)


def _text(raw: str) -> Interpretation:
    """A value written as text: a marker, a dash, or a number in either convention."""
    text = " ".join(raw.replace("\u00a0", " ").split())
    if text == "..":
        return Interpretation(None, MISSING)
    if text == ".":
        return Interpretation(None, NOT_APPLICABLE)
    if text in _DASHES:
        return Interpretation(0.0, REPORTED, None, DASH_AS_ZERO)
    try:
        value, _percent = parse_number(text)
    except NumberFormatError:
        return Interpretation(None, MISSING, _why_not_a_number(text))
    # A text "12,5 %" means 12.5 whatever the unit: the official wrote the number shown.
    return _number(value, False)


def _why_not_a_number(text: str) -> str:
    """The most helpful code for a text that parse_number refused."""
    lowered = text.lower()
    if _SPREADSHEET_ERROR.match(text):
        return ERROR_IN_VALUE
    if lowered in _NON_FINITE_WORDS:
        return NOT_FINITE
    try:
        number = float(lowered.replace(",", ".").replace(" ", "").rstrip("%"))
    except ValueError:
        number = 0.0
    if math.isinf(number) or math.isnan(number):
        return NOT_FINITE  # such as 1e400, which overflows to infinity
    if lowered in {"sant", "falskt", "true", "false", "ja", "nej"}:
        return BOOLEAN_IN_VALUE
    if _looks_like_date(text):
        return DATE_IN_VALUE
    return NOT_A_NUMBER


def qualified_number(raw: Any) -> str | None:
    """``"approximate"`` for `ca 40`, ``"limit"`` for `<0,1`, else None (for the message)."""
    if not isinstance(raw, str):
        return None
    text = " ".join(raw.replace("\u00a0", " ").split())
    for pattern, kind in ((_APPROXIMATE, "approximate"), (_LIMIT, "limit")):
        qualified = pattern.match(text)
        if qualified and _is_number(qualified.group(1)):
            return kind
    return None


def _is_number(text: str) -> bool:
    try:
        parse_number(text)
    except NumberFormatError:
        return False
    return True


def _looks_like_date(text: str) -> bool:
    """True for ISO and Swedish date texts such as 2024-03-01 or 1/3 2024."""
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


def _number(raw: int | float | Decimal, scale_percent: bool) -> Interpretation:
    """A spreadsheet number, checked for size and scaled when it is a percent-formatted share."""
    try:
        value = float(raw)
    except (OverflowError, ValueError):
        return Interpretation(None, MISSING, NOT_FINITE)
    if math.isnan(value) or math.isinf(value) or abs(value) > LIMIT:
        return Interpretation(None, MISSING, NOT_FINITE)
    if scale_percent:
        # Through the shortest decimal form, so that 0.07 becomes 7.0 and not 7.000000000000001.
        value = float(Decimal(repr(value)).scaleb(2))
    return Interpretation(value, REPORTED)
