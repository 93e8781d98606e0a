"""Which indicator set a file's codes belong to, and whether a row's name or unit contradicts it.

A code means something only within its set (GN.7 is household waste in `sekom-2012` and
renewable energy in premises in `sekom-2023`).  A file's set is, in this order (the rule
docs/import.md states): what the command line or the file says (`--set`, the template, a
title such as "Gröna nyckeltal (2023)", a column `Uppsättning`); else the codes: a row whose
code is missing from its year's default set but exists in exactly one other version pins
the whole file to that version (a 2021 GN.6a: the file is in 2023 codes; a 2024 GN.12: in
2012 codes), and rows pinning two versions refuse the file; else, for a file running across
the change of default, the one set all its names and units fit; else each year's default
set (indicators.sets.default_set).  A row whose name or unit says the code means something
else in its set is never stored under that code.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from typing import NamedTuple

from i18n import Text
from indicators.catalogue import IndicatorRecord
from indicators.catalogue import IndicatorResolver
from indicators.catalogue import UnknownIndicator
from indicators.catalogue import name_key
from indicators.catalogue import set_family
from indicators.numbers import format_number
from indicators.problems import phrase
from indicators.sets import DEFAULT_SETS
from indicators.sets import DefaultSet
from indicators.sets import default_set
from indicators.sets import predecessor
from indicators.sets import set_year
from indicators.sets import successor
from intake.files.headers import match_indicator_header
from intake.files.problem_types import PHRASES


@dataclass(frozen=True)
class Mismatch:
    """A row's name or unit says its code means another indicator than the set's.

    ``params`` are the facts of the `name-contradicts-code` or `unit-contradicts-code`
    problem (intake/files/problem_types/), which says them.
    """

    field: str  # "name" or "unit"
    params: dict[str, Any]


def unit_key(text: Any) -> str:
    """Units compared without case, spaces or the word procent: '% ', 'Procent' -> '%'."""
    folded = "".join(str(text).split()).casefold()
    return {"procent": "%", "percent": "%", "andel(%)": "%"}.get(folded, folded)


class SetChoice:
    """The store's indicators by set, for resolving codes within one set and checking rows."""

    def __init__(
        self, records: list[IndicatorRecord], rules: tuple[DefaultSet, ...] = DEFAULT_SETS
    ) -> None:
        self.records = records
        self.rules = rules
        self.set_codes = list(dict.fromkeys(r.set_code for r in records))
        self._resolvers: dict[str, IndicatorResolver] = {}
        self._pinned: dict[tuple[Any, int], str | None] = {}

    def knows(self, set_code: str) -> bool:
        """True when the store has this set."""
        return set_code in self.set_codes

    def resolver(self, set_code: str) -> IndicatorResolver:
        """Finds codes in ``set_code`` first, then in sets of other families (local sets)."""
        found = self._resolvers.get(set_code)
        if found is None:
            family = set_family(set_code)
            own = [r for r in self.records if r.set_code == set_code]
            local = [r for r in self.records if set_family(r.set_code) != family]
            found = self._resolvers[set_code] = IndicatorResolver(indicators=own + local)
        return found

    def default(self, year: int) -> str | None:
        """The default set of a year, when the store has it."""
        chosen = default_set(year, self.rules)
        return chosen if self.knows(chosen) else None

    def pinned(self, code: Any, year: int) -> str | None:
        """The version a row's code pins its file to: one that has the code its year's lacks.

        A 2021 row with GN.6a (only in `sekom-2023`) gives `sekom-2023`; a 2024 row with
        GN.12 (only in `sekom-2012`) gives `sekom-2012`; a code the year's default set has,
        or that no set (or several) has, pins nothing.  Each answer is kept: a code missing
        from a set is looked for among its names too (fuzzy header matching, 0.4 ms).
        """
        key = (code, year)
        if key in self._pinned:
            return self._pinned[key]
        own = self.default(year)
        found = None
        if own is not None and not self.fits(own, code, None, None):
            others = [v for v in self._versions() if v != own and self.fits(v, code, None, None)]
            found = others[0] if len(others) == 1 else None
        self._pinned[key] = found
        return found

    def remembered(self) -> int:
        """How many answers it keeps (a long-lived choice is renewed past a limit)."""
        resolvers = list(self._resolvers.values())
        return len(self._pinned) + sum(resolver.remembered() for resolver in resolvers)

    def infer(self, rows: Iterable[tuple[Any, Any, Any]], years: Iterable[int]) -> str | None:
        """The one set all (code, name, unit) rows fit, for a file across the change of default.

        Only when the codes pinned nothing (:meth:`pinned`): where every code exists in
        both versions, the names and units beside them decide for a file whose years run
        across the change of default (a 2012 history into 2023, "GN.7;Mängd
        hushållsavfall").  A file of one era is read in that era's set, and a row that
        contradicts it is rejected.
        """
        candidates = self._versions()
        eras = {self.default(year) for year in set(years)} - {None}
        if len(candidates) < 2 or len(eras) < 2:
            return None
        distinct = [
            row
            for row in dict.fromkeys(rows)
            if any(self.fits(code, row[0], None, None) for code in candidates)
        ]
        if not distinct:
            return None
        # Names decide only where every code exists in both versions.
        if not all(self.fits(code, row[0], None, None) for code in candidates for row in distinct):
            return None
        fitting = [
            code
            for code in candidates
            if code in eras and all(self.fits(code, *row) for row in distinct)
        ]
        return fitting[0] if len(fitting) == 1 else None

    def only_in(self, set_code: str) -> list[str]:
        """The codes of ``set_code`` that no other version of its set has, in catalogue order."""
        others = {r.code for r in self._siblings(set_code)}
        return [r.code for r in self.records if r.set_code == set_code and r.code not in others]

    def changed_meaning(self) -> list[str]:
        """Codes two versions share with different meanings (GN.7, GN.11), in catalogue order."""
        found: list[str] = []
        for version in self._versions():
            for record in self.records:
                if record.set_code != version or record.code in found:
                    continue
                if any(
                    r.code == record.code and not _same_name(r, record.name)
                    for r in self._siblings(version)
                ):
                    found.append(record.code)
        return found

    def other_meaning(self, indicator: IndicatorRecord) -> IndicatorRecord | None:
        """What ``indicator``'s code means in another version, when that is something else."""
        for record in self._siblings(indicator.set_code):
            if record.code == indicator.code and not _same_name(record, indicator.name):
                return record
        return None

    def _siblings(self, set_code: str) -> list[IndicatorRecord]:
        """The indicators of the other versions of ``set_code``'s family."""
        family = set_family(set_code)
        return [
            r for r in self.records if r.set_code != set_code and set_family(r.set_code) == family
        ]

    def _versions(self) -> list[str]:
        """The sets the default rules name that the store has, oldest rule first."""
        ordered = sorted(self.rules, key=lambda rule: rule.first_year)
        return list(dict.fromkeys(r.set_code for r in ordered if self.knows(r.set_code)))

    def fits(self, set_code: str, code: Any, name: Any, unit: Any) -> bool:
        """True when ``code`` is an indicator of the set and its name and unit agree."""
        indicator = resolve_in(self.resolver(set_code), code)
        if isinstance(indicator, UnknownIndicator):
            return False
        return self.mismatch(indicator, set_code, name, unit) is None

    def mismatch(
        self, indicator: IndicatorRecord, set_code: str, name: Any, unit: Any
    ) -> Mismatch | None:
        """Why a row's name or unit contradicts what ``indicator`` means, or None."""
        if indicator.set_code != set_code:
            return None  # a local indicator: its code means one thing only
        meant: IndicatorRecord | None = None
        field = ""
        if _given(name) and name_key(str(name)) not in (
            name_key(indicator.name),
            name_key(indicator.name_en),
        ):
            meant = self._named(set_code, str(name))
            if meant is not None and meant.id != indicator.id:
                field = "name"
            elif self._elsewhere(indicator, lambda r: _same_name(r, str(name))):
                field, meant = "name", self._continued(indicator, str(name), None)
            else:
                meant = None
        if (
            not field
            and _given(unit)
            and unit_key(unit) != unit_key(indicator.unit)
            and self._elsewhere(indicator, lambda r: unit_key(r.unit) == unit_key(unit))
        ):
            field, meant = "unit", self._continued(indicator, None, unit)
        if not field:
            return None
        return _mismatch(field, indicator, set_code, meant)

    # --- what else the row may mean ----------------------------------------------------

    def _named(self, set_code: str, name: str) -> IndicatorRecord | None:
        """The indicator of the set with this name, or a name very close to it."""
        own = [r for r in self.records if r.set_code == set_code]
        key = name_key(name)
        for record in own:
            if key in (name_key(record.name), name_key(record.name_en)):
                return record
        names = {name_key(r.name): r for r in own} | {name_key(r.name_en): r for r in own}
        close = difflib.get_close_matches(key, names, 1, 0.85)
        return names[close[0]] if close else None

    def _elsewhere(self, indicator: IndicatorRecord, test: Any) -> bool:
        """True when the same code in another version of the set passes ``test``."""
        family = set_family(indicator.set_code)
        return any(
            r.code == indicator.code
            and r.set_code != indicator.set_code
            and set_family(r.set_code) == family
            and test(r)
            for r in self.records
        )

    def _continued(
        self, indicator: IndicatorRecord, name: Any, unit: Any
    ) -> IndicatorRecord | None:
        """The indicator of ``indicator``'s set that continues what the row describes.

        The row's name or unit fits the same code in another version of the set (GN.7
        "Mängd hushållsavfall" is 2012's GN.7); the mapping table says where that went.
        """
        family = set_family(indicator.set_code)
        for other in self.records:
            if (
                other.code != indicator.code
                or other.set_code == indicator.set_code
                or set_family(other.set_code) != family
            ):
                continue
            if name is not None and not _same_name(other, name):
                continue
            if unit is not None and unit_key(other.unit) != unit_key(unit):
                continue
            code = _counterpart(other, indicator.set_code)
            for record in self.records:
                if (record.set_code, record.code) == (indicator.set_code, code):
                    return record
        return None


def _counterpart(record: IndicatorRecord, set_code: str) -> str | None:
    """The code ``record`` continues as (or continued from) in ``set_code``, per the mapping."""
    later = successor(record.set_code, record.code)
    if later is not None and later.new_set == set_code:
        return later.new_code
    earlier = predecessor(record.set_code, record.code)
    if earlier is not None and earlier.old_set == set_code:
        return earlier.old_code
    return None


def resolve_in(resolver: IndicatorResolver, text: Any) -> Any:
    """The indicator ``text`` names among the resolver's, or UnknownIndicator (not raised).

    Codes and names first; then a header as county compilations write it (a name with its
    unit, or longer phrasing), where only a sure match is taken and an unsure one becomes
    the first suggestion.
    """
    try:
        return resolver.resolve(text)
    except UnknownIndicator as exc:
        if not isinstance(text, str):
            return exc

        match = match_indicator_header(text, resolver.indicators)
        if match.indicator is not None:
            return match.indicator
        if match.suggestion is not None:
            likely = f"{match.suggestion.code} {match.suggestion.name}"
            others = [code for code in exc.suggestions if code != match.suggestion.code]
            return UnknownIndicator(exc.wanted, [likely, *others])
        return exc


def _same_name(record: IndicatorRecord, name: str) -> bool:
    return name_key(name) in (name_key(record.name), name_key(record.name_en))


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _mismatch(
    field: str, indicator: IndicatorRecord, set_code: str, meant: IndicatorRecord | None
) -> Mismatch:
    year = set_year(set_code)
    where = (
        phrase(PHRASES["in-year-set"], year=year)
        if year
        else phrase(PHRASES["in-set-named"], set=set_code)
    )
    if meant is not None:
        advice = Text(
            PHRASES["did-you-mean-indicator"].render("sv", code=meant.code, name=meant.name),
            PHRASES["did-you-mean-indicator"].render("en", code=meant.code, name=meant.name_en),
        )
    else:
        advice = PHRASES["correct-code-or-set"]
    params = {
        "code": indicator.code,
        "name": Text(indicator.name, indicator.name_en),
        "where": where,
        "advice": advice,
    }
    return Mismatch(field, params)


# A county file repeats a code on hundreds of rows: the message lists the first ones.
ROWS_LISTED = 10


class MeaningChanged(NamedTuple):
    """The facts of a `code-meaning-changed` warning (its parameters ``facts_sv``/``facts_en``).

    The sentences around the facts are the problem type's (intake/files/problem_types/):
    the command line's names ``--set``, the portal's (``web``) does not.
    """

    facts_sv: str
    facts_en: str

    @property
    def params(self) -> dict[str, str]:
        return {"facts_sv": self.facts_sv, "facts_en": self.facts_en}


def meaning_changed(
    indicator: IndicatorRecord, other: IndicatorRecord, rows: list[int]
) -> MeaningChanged:
    """The `code-meaning-changed` message: what a bare code is read as and what it means elsewhere.

    "GN.11 läses som Certifierade skolor och förskolor (2023); i 2012 års nyckeltal var GN.11
    Ekologiska livsmedel, nu GN.10": the other meaning's code in the set read comes from
    the mapping table, when it has one.
    """
    code = indicator.code
    read_year = set_year(indicator.set_code) or indicator.set_code
    other_year = set_year(other.set_code) or other.set_code
    earlier = other_year < read_year
    moved = _counterpart(other, indicator.set_code)
    if earlier:
        sv = f"i {other_year} års nyckeltal var {code} {other.name}"
        en = f"in the {other_year} key indicators {code} was {other.name_en}"
        if moved:
            sv, en = f"{sv}, nu {moved}", f"{en}, now {moved}"
    else:
        sv = f"i {other_year} års nyckeltal är {code} {other.name}"
        en = f"in the {other_year} key indicators {code} is {other.name_en}"
        if moved:
            sv, en = f"{sv}, tidigare {moved}", f"{en}, formerly {moved}"
    listed = ", ".join(str(row) for row in rows[:ROWS_LISTED])
    more_sv = more_en = ""
    if len(rows) > ROWS_LISTED:
        more = len(rows) - ROWS_LISTED
        more_sv = f" och {format_number(more, 0)} till"
        more_en = f" and {format_number(more, 0, 'en')} more"
    facts_sv = (
        f"{code} läses som {indicator.name} ({read_year}); {sv}. Gäller rad {listed}{more_sv}"
    )
    facts_en = (
        f"{code} is read as {indicator.name_en} ({read_year}); {en}. Applies to "
        f"{'row' if len(rows) == 1 else 'rows'} {listed}{more_en}"
    )
    return MeaningChanged(facts_sv, facts_en)


def stated_set(text: Any) -> str:
    """The set code a cell or option names: 'sekom-2023', 'SEKOM 2023', '2023' -> 'sekom-2023'."""
    folded = "-".join(str(text).strip().casefold().replace("_", " ").split())
    if folded.isdigit() and len(folded) == 4:
        return f"sekom-{folded}"
    return folded.replace("sekom-(", "sekom-").rstrip(")")
