"""Cell contents as the checks read them: given or blank, as dict keys, as a year, as a comment."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from collections.abc import Hashable
from typing import Any

from indicators.records import RawValue

REFUSED = object()  # a resolution that failed (the problem is already reported)


def given(value: Any) -> bool:
    """True when a cell holds anything but blanks."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def first_given(stated: Any, chosen: Any) -> Any:
    """What the file states, else the option; REFUSED when either was already refused."""
    if stated is REFUSED or chosen is REFUSED:
        return REFUSED
    return stated if stated is not None else chosen


def filled(raw: RawValue) -> bool:
    """True when a value cell or its status cell holds anything."""
    return given(raw.value) or given(raw.status) or raw.formula_without_cache


def hashable(value: Any) -> Hashable:
    """A cell's content as it is, or as text when it cannot be a dict key."""
    try:
        hash(value)
    except TypeError:
        return str(value)
    return value


def text_key(text: Any) -> Hashable:
    """A cell's content as a dict key that keeps 2281, 2281.0 and True apart from "2281"."""
    return text if type(text) is str else (type(text), text)


def cached(cache: dict[Hashable, Any], text: Any, resolve: Callable[[Any], Any]) -> Any:
    """What ``resolve`` makes of a text, asked once per distinct (stripped) text."""
    try:
        key: Hashable = (type(text), text.strip() if isinstance(text, str) else text)
        return cache[key]
    except KeyError:
        found = cache[key] = resolve(text)
        return found
    except TypeError:  # unhashable: resolve without remembering
        return resolve(text)


def parse_year(text: Any) -> int | None:
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


def comment_text(value: Any) -> str | None:
    """A comment cell as text; a number typed as the comment keeps its written form (2, not 2.0)."""
    if not given(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
