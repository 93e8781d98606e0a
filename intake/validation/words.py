"""How a problem's sentence names what it is about: a cell's text, a number, a row, a range."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from i18n import Text
from indicators.models import MISSING
from indicators.models import NOT_APPLICABLE
from indicators.numbers import format_number
from indicators.problems import cell_ref
from indicators.problems import phrase
from indicators.records import CleanValue
from indicators.records import RawValue
from intake.files.problem_types import PHRASES


def shown(value: Any) -> str:
    """A cell's content as a message quotes it: text in quotes, its control characters visible."""
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


def number(value: float, decimals: int | None = None) -> Text:
    """A number as each language writes it: `1 234,5` and `1,234.5`."""
    return Text(format_number(value, decimals), format_number(value, decimals, "en"))


def years_text(years: list[int]) -> str:
    """Years as a list in a sentence: `2021, 2022`."""
    return ", ".join(str(year) for year in years)


def row_word(raw: RawValue) -> Text:
    """A row as a message names it: `rad 3`, or `rad 3 i bladet Värden` in a workbook."""
    if raw.sheet:
        return phrase(PHRASES["row-of-sheet"], row=raw.row, sheet=raw.sheet)
    return phrase(PHRASES["row"], row=raw.row)


def did_you_mean(suggestions: list[str]) -> Text:
    """The close matches of an unknown text, or nothing when there are none."""
    if not suggestions:
        return PHRASES["nothing"]
    return phrase(PHRASES["did-you-mean"], listed=", ".join(str(s) for s in suggestions))


def range_text(low: float | None, high: float | None) -> Text:
    """What the valid range says, after "the value X": both limits, or the one there is."""
    limits = {"low": number(low) if low is not None else "", "high": ""}
    if high is not None:
        limits["high"] = number(high)
    if low is not None and high is not None:
        return phrase(PHRASES["range-both"], **limits)
    if low is not None:
        return phrase(PHRASES["range-low"], **limits)
    return phrase(PHRASES["range-high"], **limits)


def state_text(value: float | None, status: str) -> Text:
    """A stored or new value as a message says it: the number, or its status."""
    if status == MISSING:
        return PHRASES["missing"]
    if status == NOT_APPLICABLE:
        return PHRASES["not-applicable"]
    return Text(format_number(value), format_number(value, lang="en"))


def shown_value(value: CleanValue) -> Text:
    """A checked value as a message says it."""
    return state_text(value.value, value.status)


def signed_percent(change: float) -> Text:
    """A change in per cent with its sign: `+12 %`, `−5 %`."""
    magnitude = number(abs(change), 0)
    sign_sv = "+" if change > 0 else "−"
    sign_en = "+" if change > 0 else "-"
    return Text(f"{sign_sv}{magnitude.sv} %", f"{sign_en}{magnitude.en} %")


def where(value: CleanValue) -> Text | str:
    """The place of a value in a message: `Värden!E7`, or `rad 12` in a CSV file."""
    place = cell_ref(value.sheet, value.row, value.column)
    if place:
        return place
    return phrase(PHRASES["line"], line=value.row)
