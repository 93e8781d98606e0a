"""Numbers as Swedish officials write them, and as Swedish readers expect to see them.

Swedish convention: decimal comma, a space (often a no-break or thin space) between
thousands, a Unicode minus sign in typeset text, and `%` after a space.  Files also
arrive with English conventions (decimal point), so parsing accepts both where the
reading is unambiguous.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP
from decimal import Decimal

from i18n import Lang
from i18n import pick
from indicators.errors import IndicatorError

# Every kind of space that Excel, Word and web pages put between groups of thousands.
_SPACES = "\u0020\u00a0\u2007\u2009\u202f\u2008\u200a"
_MINUS_SIGNS = "\u2212\u2013\u2014\u2012-"
_SPACE_RE = re.compile(f"[{_SPACES}]")
_GROUPED_SPACE = re.compile(r"^\d{1,3}( \d{3})+([.,]\d+)?$")
_PLAIN = re.compile(r"^\d+([.,]\d+)?$")
_COMMA_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_POINT_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_EXPONENT = re.compile(r"^\d+([.,]\d+)?[eE][+-]?\d+$")


class NumberFormatError(IndicatorError, ValueError):
    """A text that is not a number in any convention we accept."""


def parse_number(text: str) -> tuple[float, bool]:
    """Parse a number written the Swedish or the English way.

    Returns ``(value, is_percent)``; ``is_percent`` is true when the text ended in ``%``
    (the value is returned as written, ``12,5 %`` gives 12.5).  Raises
    :class:`NumberFormatError` for anything else, including NaN and infinity.
    """
    raw = text
    s = _SPACE_RE.sub(" ", text).strip()
    if not s:
        raise NumberFormatError("not-a-number", text=raw)
    is_percent = s.endswith("%")
    if is_percent:
        s = s[:-1].rstrip()
    sign = 1.0
    if s and s[0] in _MINUS_SIGNS:
        sign = -1.0
        s = s[1:].lstrip()
    elif s.startswith("+"):
        s = s[1:].lstrip()
    if _GROUPED_SPACE.match(s):
        s = s.replace(" ", "").replace(",", ".")
    elif _PLAIN.match(s):
        s = s.replace(",", ".")
    elif _COMMA_GROUPED.match(s):
        # 1,234,567 or 1,234.5: English grouping.  A lone "1,234" is ambiguous and is read
        # as the Swedish decimal 1.234 by _PLAIN above, so it never reaches here.
        s = s.replace(",", "")
    elif _POINT_GROUPED.match(s) and (s.count(".") > 1 or "," in s):
        # 1.234.567 or 1.234,5: continental grouping with points.
        s = s.replace(".", "").replace(",", ".")
    elif _EXPONENT.match(s):
        s = s.replace(",", ".")
    else:
        raise NumberFormatError("not-a-number", text=raw)
    value = sign * float(s)
    if math.isnan(value) or math.isinf(value):
        raise NumberFormatError("not-a-number", text=raw)
    return value, is_percent


def display_round(value: float | int, decimals: int) -> Decimal:
    """``value`` rounded to ``decimals`` for display: half away from zero, as Excel shows it.

    The one rounding rule of every document (PDF, HTML, XLSX, the site, CLI tables, JSON
    display strings): 98,5 at 0 decimals is 99 and −0,5 is −1, where Python's ``round``
    and ``f"{x:.0f}"`` round half to even (98).  The float is read through its shortest
    decimal form (``repr``), as Excel reads the 15 digits it shows, so 2,675 at two decimals
    is 2,68 although the binary float lies just below.  Stored values are never rounded.
    """
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))
    quantum = Decimal(1).scaleb(-decimals)
    rounded = abs(exact).quantize(quantum, rounding=ROUND_HALF_UP)
    return -rounded if exact < 0 and rounded else rounded


def excel_number_format(decimals: int | None) -> str:
    """The Excel number format that shows a value as :func:`display_round` does: ``#,##0.0``.

    Excel rounds half away from zero on display, so a cell holding the unrounded value
    with this format shows the same digits as every other document.
    """
    if not decimals or decimals < 0:
        return "#,##0"
    return "#,##0." + "0" * min(decimals, 10)


def format_number(value: float | int | None, decimals: int | None = None, lang: Lang = "sv") -> str:
    """Format a number for a reader: ``1 234,5`` in Swedish, ``1,234.5`` in English.

    ``decimals`` fixes the number of decimals; ``None`` shows as many as the value needs
    (up to six).  ``None`` values give an empty string.  Rounding is :func:`display_round`.
    """
    if value is None:
        return ""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return ""
    if decimals is None:
        text = f"{display_round(value, 6):,.6f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
    else:
        text = f"{display_round(value, decimals):,.{decimals}f}"
    if text in ("-0", "-0.0") or re.fullmatch(r"-0\.0*", text):
        text = text[1:]
    return pick(lang, text.replace(",", " ").replace(".", ","), text)


def format_percent(share: float | None, decimals: int = 0, lang: Lang = "sv") -> str:
    """Format a share in percent (``share`` is already in percent): ``87 %`` / ``87%``."""
    if share is None:
        return ""
    number = format_number(share, decimals, lang)
    return pick(lang, f"{number} %", f"{number}%")
