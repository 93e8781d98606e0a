"""Header matching, one mechanism for every file kind: column names and indicator names.

:func:`header_key` folds a header the one way all readers compare headers (case, accents,
spacing and punctuation, a note in parentheses); :class:`HeaderAliases` maps the Swedish and
English names a file kind accepts to its fields.

Matching a column or row header to an indicator, as county offices write them:

A compilation names its columns ``Koldioxidutsläpp från industrin (ton CO2/inv)``,
``Mängd hushållsavfall, kg/person`` or ``Andel ekologiska livsmedel i kommunens
verksamhet``.  A header is a sure match when, after removing a unit that agrees with the
indicator's unit, it is the indicator's Swedish or English name (case, accents and
punctuation folded).  Anything less certain (a unit that disagrees, longer or shorter
phrasing around the name) is never taken: it gives a suggestion for the message
("menade du GN.11 Ekologiska livsmedel?").

The candidates are passed in (anything with ``code``, ``name``, ``name_en`` and ``unit``),
so that a caller can offer the indicators of one set only.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# A unit at the end of a header: in parentheses or brackets, or after the last comma.
_TRAILING_UNIT = re.compile(
    r"^(?P<name>.+?)\s*(?:\((?P<p>[^()]*)\)|\[(?P<b>[^\[\]]*)\]|,\s*(?P<c>[^,]+))\s*$"
)
_UNIT_WORDS = {
    "procent": "%",
    "percent": "%",
    "andel": "%",
    "person": "inv",
    "personer": "inv",
    "invanare": "inv",
    "capita": "inv",
    "inhabitant": "inv",
    "co₂": "co2",
}


_IN_PARENTHESES = re.compile(r"\s*[(\[].*?[)\]]")


def header_key(text: Any) -> str:
    """A header as compared: ``Målvärde``, ``MÅLVÄRDE (kr)`` and ``mal-varde`` all ``malvarde``."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", _IN_PARENTHESES.sub("", str(text)).casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^0-9a-z]+", "", plain)


class HeaderAliases:
    """The header names a file kind accepts for each of its fields, in Swedish and English."""

    def __init__(self, aliases: dict[str, tuple[str, ...]]) -> None:
        self._fields = {
            header_key(name): field for field, names in aliases.items() for name in names
        }

    def field(self, header: Any) -> str | None:
        """The field a header names, or None."""
        return self._fields.get(header_key(header))


@dataclass(frozen=True)
class HeaderMatch:
    """What a header names: a sure ``indicator``, or only a ``suggestion`` (never taken)."""

    indicator: Any | None = None
    suggestion: Any | None = None


def fold(text: str) -> str:
    """Case, accents, punctuation and spacing folded: ``Mängd`` -> ``mangd``."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", plain).split())


def unit_key(unit: str) -> str:
    """A unit without case, spaces or synonyms: ``ton CO₂ / invånare`` -> ``tonco2/inv``."""
    text = str(unit).casefold().replace("₂", "2")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.findall(r"[a-z0-9%]+|/", plain)
    return "".join(_UNIT_WORDS.get(word, word) for word in words)


def split_unit(header: str) -> tuple[str, str | None]:
    """A header's name and the unit written after it, if any."""
    match = _TRAILING_UNIT.match(str(header).strip())
    if match is None:
        return str(header).strip(), None
    unit = match.group("p") or match.group("b") or match.group("c")
    return match.group("name"), unit


def match_indicator_header(header: Any, candidates: Sequence[Any]) -> HeaderMatch:
    """The indicator a header names for sure, else the one it most likely means."""
    text = str(header).strip()
    names = {id(c): {fold(c.name), fold(c.name_en)} for c in candidates}
    whole = fold(text)
    for candidate in candidates:
        if whole in names[id(candidate)]:
            return HeaderMatch(indicator=candidate)
    name, unit = split_unit(text)
    if unit is not None:
        folded = fold(name)
        for candidate in candidates:
            if folded in names[id(candidate)]:
                if unit_key(unit) == unit_key(candidate.unit):
                    return HeaderMatch(indicator=candidate)
                return HeaderMatch(suggestion=candidate)  # the name, but another unit
        whole = folded
    return HeaderMatch(suggestion=_likely(whole, candidates, names))


def _likely(folded: str, candidates: Sequence[Any], names: dict[int, set[str]]) -> Any | None:
    """The candidate whose name's words the header holds most of, or is spelt closest to."""
    words = set(folded.split())
    best, best_score = None, 0
    for candidate in candidates:
        for name in names[id(candidate)]:
            name_words = set(name.split())
            if name_words and name_words <= words and len(name_words) > best_score:
                best, best_score = candidate, len(name_words)
    if best is not None:
        return best
    spelled = {name: c for c in candidates for name in names[id(c)]}
    close = difflib.get_close_matches(folded, spelled, 1, 0.75)
    return spelled[close[0]] if close else None
