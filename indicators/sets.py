"""Indicator sets as versions: which set a year reports in, and how codes continue between sets.

SEkom renumbered its gröna nyckeltal in 2023, so a code alone does not say what was measured:
GN.7 is household waste in `sekom-2012` and renewable energy in premises in `sekom-2023`.
This module holds the two facts that tie the versions together, both as data:

- the default set of a reporting year (a county setting, shipped as `sekom-2012` up to 2022
  and `sekom-2023` from 2023), used only where a file does not say which set it means;
- the mapping from an old set's code to the new set's code, with whether the definition is
  the same (one continuous series), changed (two series with a visible break) or a break.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAPPING_FILE = Path(__file__).parent / "data" / "mappings" / "sekom-2012-2023.csv"
SAME = "same"
CHANGED = "changed"
BREAK = "break"
RELATIONS = (SAME, CHANGED, BREAK)


@dataclass(frozen=True)
class DefaultSet:
    """From ``first_year`` on (until the next rule), files mean ``set_code`` by default."""

    first_year: int
    set_code: str


# The shipped county setting: SEkom adopted the new set in 2023.
DEFAULT_SETS: tuple[DefaultSet, ...] = (
    DefaultSet(1990, "sekom-2012"),
    DefaultSet(2023, "sekom-2023"),
)


def default_set(year: int, rules: tuple[DefaultSet, ...] = DEFAULT_SETS) -> str:
    """The set a value for ``year`` means when nothing else says: the last rule started by then."""
    chosen = rules[0].set_code
    for rule in sorted(rules, key=lambda r: r.first_year):
        if rule.first_year <= year:
            chosen = rule.set_code
    return chosen


def default_years(set_code: str, rules: tuple[DefaultSet, ...] = DEFAULT_SETS) -> range:
    """The years whose default set is ``set_code`` (empty when it is nobody's default)."""
    ordered = sorted(rules, key=lambda r: r.first_year)
    for index, rule in enumerate(ordered):
        if rule.set_code == set_code:
            end = ordered[index + 1].first_year if index + 1 < len(ordered) else 10_000
            return range(rule.first_year, end)
    return range(0)


# In the SEkom sets from 2023 on, the computed indicators come from national statistics
# (central files, the Kolada sync): a municipality is asked only for what it reports itself
# (the catalogue's rapporteras_av), in its template, its completeness, chase lists, reminders
# and the county's matrix.  The 2012 set keeps the whole set, as the county then collected
# every value through the municipalities.
ASK_ONLY_REPORTED_FROM = 2023


def asks_only_reported(set_code: str | None) -> bool:
    """Whether a municipality answers only for the indicators it reports itself in this set."""
    return set_code is not None and int(set_year(set_code) or 0) >= ASK_ONLY_REPORTED_FROM


def set_year(set_code: str) -> str | None:
    """The year a versioned set is named after: `sekom-2023` gives '2023'."""
    tail = set_code.rpartition("-")[2]
    return tail if tail.isdigit() and len(tail) == 4 else None


@dataclass(frozen=True)
class Continuation:
    """How an old set's indicator continues in a newer set."""

    old_set: str
    old_code: str
    new_set: str
    new_code: str
    relation: str
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        """The JSON form."""
        return {
            "old_set": self.old_set,
            "old_code": self.old_code,
            "new_set": self.new_set,
            "new_code": self.new_code,
            "relation": self.relation,
            "note": self.note,
        }


@lru_cache(maxsize=1)
def continuations() -> tuple[Continuation, ...]:
    """The mapping table shipped in indicators/data/sekom-mapping.csv."""
    lines = [
        line
        for line in MAPPING_FILE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    found = []
    for row in list(csv.reader(lines, delimiter=";"))[1:]:
        old_set, old_code, new_set, new_code, relation, note = (row + [""] * 6)[:6]
        if relation not in RELATIONS:
            raise ValueError(f"{MAPPING_FILE.name}: unknown relation {relation!r} for {old_code}")
        found.append(Continuation(old_set, old_code, new_set, new_code, relation, note))
    return tuple(found)


def successor(set_code: str, code: str) -> Continuation | None:
    """Where an indicator of an old set continues, if anywhere."""
    for item in continuations():
        if (item.old_set, item.old_code) == (set_code, code):
            return item
    return None


def predecessor(set_code: str, code: str) -> Continuation | None:
    """Which old set's indicator a newer indicator continues, if any."""
    for item in continuations():
        if (item.new_set, item.new_code) == (set_code, code):
            return item
    return None
