"""The indicator catalogue: reading catalogue files, loading them into a store, finding indicators.

A catalogue file is a semicolon-separated UTF-8 CSV (or an .xlsx sheet with the same columns):
a block of `# key: value` lines naming the set, a header row, and one indicator per row.
The format is described in docs/catalogue.md.  Reading is pure and reports every problem of a
file at once; loading refuses anything that would change what a stored indicator means.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import Select
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import contains_eager

from i18n import Lang
from i18n import Text
from indicators.errors import ERRORS
from indicators.errors import IndicatorError
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.problems import ProblemReport

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

BUNDLED_DIR = Path(__file__).parent / "data"
# A value changing by more than this share from one year to the next gets a warning.
DEFAULT_CHANGE_THRESHOLD = 0.5
MAX_FILE_SIZE = 5 * 1024 * 1024
LOWER = "lower"
HIGHER = "higher"
MUNICIPALITY = "municipality"
CENTRAL = "central"
OBJECTIVE_NAMES = {
    1: "Begränsad klimatpåverkan",
    2: "Frisk luft",
    3: "Bara naturlig försurning",
    4: "Giftfri miljö",
    5: "Skyddande ozonskikt",
    6: "Säker strålmiljö",
    7: "Ingen övergödning",
    8: "Levande sjöar och vattendrag",
    9: "Grundvatten av god kvalitet",
    10: "Hav i balans samt levande kust och skärgård",
    11: "Myllrande våtmarker",
    12: "Levande skogar",
    13: "Ett rikt odlingslandskap",
    14: "Storslagen fjällmiljö",
    15: "God bebyggd miljö",
    16: "Ett rikt växt- och djurliv",
}

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("kod", "code", "indikator", "indicator"),
    "name": ("namn", "name"),
    "name_en": ("namn_en", "name_en", "engelskt_namn", "english_name"),
    "description": ("beskrivning", "description"),
    "unit": ("enhet", "unit"),
    "direction": ("riktning", "direction"),
    "decimals": ("decimaler", "decimals"),
    "min_value": ("min", "min_value", "minimum", "minvärde"),
    "max_value": ("max", "max_value", "maximum", "maxvärde"),
    "reported_by": ("rapporteras_av", "reported_by"),
    "source": ("källa", "source"),
    "objectives": ("miljömål", "objectives"),
    "change_threshold": ("tröskel", "change_threshold", "ändringströskel"),
}

DIRECTIONS = {"lägre": LOWER, "lower": LOWER, "högre": HIGHER, "higher": HIGHER}
REPORTERS = {
    "kommun": MUNICIPALITY,
    "kommunen": MUNICIPALITY,
    "municipality": MUNICIPALITY,
    "central": CENTRAL,
    "centralt": CENTRAL,
    "central källa": CENTRAL,
}
# Changing any of these would change what stored values of an indicator mean.
MEANING_FIELDS = ("unit", "direction", "decimals", "min_value", "max_value")
# These may change freely when a catalogue is loaded again.
TEXT_FIELDS = (
    "name",
    "name_en",
    "description",
    "reported_by",
    "source",
    "objectives",
    "change_threshold",
)


class CatalogueError(IndicatorError):
    """A catalogue file is invalid, or loading it would break the store; carries the report."""

    def __init__(self, key: str, report: ProblemReport | None = None, **params: object) -> None:
        super().__init__(key, **params)
        self.report = report or ProblemReport()


class CatalogueConflict(CatalogueError):
    """Loading would change the meaning of indicator codes already in the store."""

    def __init__(self, set_code: str, listed: str) -> None:
        super().__init__("catalogue-conflict", set=set_code, listed=listed)


class UnknownIndicatorSet(IndicatorError):
    """No indicator set has this code."""


class UnknownIndicator(IndicatorError):
    """No indicator matches a code or name; carries close matches as suggestions."""

    def __init__(self, wanted: str, suggestions: list[str]) -> None:
        """`okänd indikator 'GN.13'; menade du GN.1a eller GN.12?`."""
        self.wanted = wanted
        self.suggestions = suggestions
        if not suggestions:
            super().__init__("unknown-indicator", wanted=repr(wanted))
            return
        listed = Text(_or_list(suggestions, "eller"), _or_list(suggestions, "or"))
        super().__init__("unknown-indicator-suggest", wanted=repr(wanted), suggestions=listed)


@dataclass(frozen=True)
class CatalogueIndicator:
    """One indicator as a catalogue file defines it (``line`` is where, 1-based)."""

    code: str
    name: str
    name_en: str
    unit: str
    direction: str
    decimals: int = 1
    min_value: float | None = None
    max_value: float | None = None
    reported_by: str = MUNICIPALITY
    source: str | None = None
    objectives: str = ""
    change_threshold: float | None = None
    description: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Catalogue:
    """A valid catalogue: the set it defines and its indicators, with any warnings."""

    set_code: str
    name: str
    indicators: tuple[CatalogueIndicator, ...]
    name_en: str | None = None
    description: str | None = None
    path: str | None = None
    problems: ProblemReport = field(default_factory=ProblemReport, compare=False)
    # The fields the file has columns for; loading leaves the others of stored indicators alone.
    columns: frozenset[str] = frozenset(COLUMNS)


@dataclass
class LoadSummary:
    """What loading one catalogue did to the store."""

    created: int = 0
    unchanged: int = 0
    updated_text: int = 0
    set_code: str = ""
    warnings: int = 0

    LINE = Text(
        "{set}: {created} nya, {updated} ändrade, {unchanged} oförändrade",
        "{set}: {created} created, {updated} updated, {unchanged} unchanged",
    )

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `indicators load`."""
        return {
            "set": self.set_code,
            "created": self.created,
            "updated": self.updated_text,
            "unchanged": self.unchanged,
            "warnings": self.warnings,
        }

    def line(self, lang: Lang = "sv") -> str:
        """`sekom-2012: 3 nya, 1 ändrade, 25 oförändrade`."""
        return self.LINE(
            lang,
            set=self.set_code,
            created=self.created,
            updated=self.updated_text,
            unchanged=self.unchanged,
        )


# --- loading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeaningChange:
    """One way a load would change what a stored indicator code means."""

    code: str
    what: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.code} ({self.what}: {_show(self.old)} -> {_show(self.new)})"


def load_catalogue(session: Session, catalogue: Catalogue) -> LoadSummary:
    """Store a catalogue's set and indicators; idempotent; refuses changes of meaning."""
    indicator_set = session.scalar(
        select(IndicatorSet).where(IndicatorSet.code == catalogue.set_code)
    )
    set_codes = {
        row.id: row.code for row in session.execute(select(IndicatorSet.id, IndicatorSet.code))
    }
    family = set_family(catalogue.set_code)
    own_id = indicator_set.id if indicator_set is not None else None
    everything = list(session.scalars(select(Indicator)))
    # A code is unique within its set.  Versions of one family (sekom-2012, sekom-2023) may
    # give a code a new meaning; any other set reusing a code would make files ambiguous.
    stored = {i.code: i for i in everything if i.set_id == own_id}
    others = {
        i.code: i
        for i in everything
        if i.set_id != own_id and set_family(set_codes.get(i.set_id, "")) != family
    }
    by_key = {code_key(i.code): i for i in everything if i.set_id == own_id or i.code in others}

    changes: list[MeaningChange] = []
    new: list[CatalogueIndicator] = []
    text_updates: list[dict[str, Any]] = []
    unchanged = 0
    for item in catalogue.indicators:
        existing = stored.get(item.code)
        if existing is None:
            elsewhere = others.get(item.code)
            similar = by_key.get(code_key(item.code))
            if elsewhere is not None:
                old_set = set_codes.get(elsewhere.set_id)
                changes.append(MeaningChange(item.code, "set", old_set, catalogue.set_code))
            elif similar is not None:
                changes.append(MeaningChange(item.code, "same code as", similar.code, item.code))
            else:
                new.append(item)
            continue
        for name in MEANING_FIELDS:
            if name in catalogue.columns and getattr(existing, name) != getattr(item, name):
                what = name.removesuffix("_value")
                changes.append(
                    MeaningChange(item.code, what, getattr(existing, name), getattr(item, name))
                )
        altered = {
            name: getattr(item, name)
            for name in TEXT_FIELDS
            if name in catalogue.columns and getattr(existing, name) != getattr(item, name)
        }
        if altered:
            text_updates.append({"id": existing.id, **altered})
        else:
            unchanged += 1
    if changes:
        listed = "; ".join(str(change) for change in changes)
        raise CatalogueConflict(catalogue.set_code, listed)

    if indicator_set is None:
        indicator_set = IndicatorSet(
            code=catalogue.set_code,
            name=catalogue.name,
            name_en=catalogue.name_en,
            description=catalogue.description,
        )
        session.add(indicator_set)
        session.flush()
    else:
        for name in ("name", "name_en", "description"):
            wanted = getattr(catalogue, name)
            if wanted and getattr(indicator_set, name) != wanted:
                setattr(indicator_set, name, wanted)
    if new:
        start = (
            session.scalar(
                select(func.coalesce(func.max(Indicator.sort_order), 0)).where(
                    Indicator.set_id == indicator_set.id
                )
            )
            or 0
        )
        session.execute(
            insert(Indicator),
            [
                {"set_id": indicator_set.id, "sort_order": start + position, **_columns_of(item)}
                for position, item in enumerate(new, start=1)
            ],
        )
    if text_updates:
        session.execute(update(Indicator), text_updates)
    return LoadSummary(
        len(new),
        unchanged,
        len(text_updates),
        catalogue.set_code,
        len(catalogue.problems.warnings),
    )


def set_family(set_code: str) -> str:
    """The family a set is a version of: `sekom-2023` and `sekom-2012` are both `sekom`."""
    head, _, tail = set_code.rpartition("-")
    return head if head and re.fullmatch(r"(19|20)\d\d", tail) else set_code


def _columns_of(item: CatalogueIndicator) -> dict[str, Any]:
    names = ("code", *MEANING_FIELDS, *TEXT_FIELDS)
    return {name: getattr(item, name) for name in names}


# --- finding -----------------------------------------------------------------------------


def list_sets(session: Session) -> list[IndicatorSet]:
    """Every indicator set in the store, oldest first."""
    return list(session.scalars(select(IndicatorSet).order_by(IndicatorSet.id)))


def indicator_to_dict(indicator: Indicator) -> dict[str, Any]:
    """The JSON contract of one indicator (`indicators list --json`, `indicators show --json`)."""
    return {
        "code": indicator.code,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "description": indicator.description,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "decimals": indicator.decimals,
        "min": indicator.min_value,
        "max": indicator.max_value,
        "reported_by": indicator.reported_by,
        "source": indicator.source,
        "objectives": [int(n) for n in indicator.objectives.split(";") if n],
        "change_threshold": indicator.change_threshold,
        "set": indicator.indicator_set.code,
    }


def list_indicators(session: Session, set_code: str | None = None) -> list[Indicator]:
    """The stored indicators in catalogue order, optionally of one set (UnknownIndicatorSet)."""
    query = (
        select(Indicator)
        .join(Indicator.indicator_set)
        .options(contains_eager(Indicator.indicator_set))
        .order_by(IndicatorSet.id, Indicator.sort_order, Indicator.id)
    )
    if set_code is not None:
        wanted = set_code.strip().lower()
        if session.scalar(select(IndicatorSet.id).where(IndicatorSet.code == wanted)) is None:
            known = ", ".join(s.code for s in list_sets(session)) or ERRORS["none"]
            raise UnknownIndicatorSet("unknown-set", wanted=repr(set_code), known=known)
        query = query.where(IndicatorSet.code == wanted)
    return list(session.scalars(query).unique())


def get_indicator(session: Session, code: str) -> Indicator:
    """One indicator by code or name, written loosely; raises UnknownIndicator."""
    return IndicatorResolver(session).resolve(code)


@dataclass(frozen=True, slots=True)
class IndicatorRecord:
    """What checking values needs of a stored indicator, as a plain record (no ORM object).

    An import reads these once per run with one Core query; checking 232 000 rows then
    reads plain attributes instead of ORM-instrumented ones.
    """

    id: int
    code: str
    name: str
    name_en: str
    unit: str
    min_value: float | None
    max_value: float | None
    change_threshold: float | None
    set_id: int = 0
    set_code: str = ""
    direction: str = ""


def _records_query() -> Select[Any]:
    i, s = Indicator.__table__.c, IndicatorSet.__table__.c
    return (
        select(
            i.id,
            i.code,
            i.name,
            i.name_en,
            i.unit,
            i.min_value,
            i.max_value,
            i.change_threshold,
            i.set_id,
            s.code,
            i.direction,
        )
        .join_from(Indicator.__table__, IndicatorSet.__table__, i.set_id == s.id)
        .order_by(s.id, i.sort_order, i.id)
    )


# Built once: every import (each API upload) reads the catalogue.
_RECORDS = _records_query()


def indicator_records(session: Session) -> list[IndicatorRecord]:
    """Every stored indicator as a record, in catalogue order (as :func:`list_indicators`)."""
    return [IndicatorRecord(*row) for row in session.execute(_RECORDS)]


@lru_cache(maxsize=8192)
def code_key(text: str) -> str:
    """The form codes are compared in: 'GN.6', 'gn 6' and 'GN6' all give 'gn6'."""
    return re.sub(r"[^0-9a-z]", "", _strip_accents(text).casefold())


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """The form names are compared in: case, accents, punctuation and spacing folded."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", _strip_accents(text).casefold()).split())


class IndicatorResolver:
    """Finds indicators by code or name as people write them; caches every answer.

    Built once per import, it answers each row from dictionaries: the code in any case and
    spacing (``GN.6``, ``gn 6``, ``GN6``), the Swedish or English name, or code and name
    together (``GN.6 Skyddad natur``).  Given ``indicators`` (such as
    :func:`indicator_records`), it finds among those instead of reading the store.
    """

    def __init__(
        self,
        session: Session | None = None,
        set_code: str | None = None,
        *,
        indicators: list[Any] | None = None,
    ) -> None:
        if indicators is None:
            assert session is not None, "a session or the indicators to find among"
            indicators = list(list_indicators(session, set_code))
        self.indicators = indicators
        self._by_code: dict[str, Indicator] = {}
        self._by_label: dict[str, Indicator] = {}
        self._by_name: dict[str, Indicator] = {}
        ambiguous: set[str] = set()
        # Among several sets the first in catalogue order (the oldest) answers a code or
        # name both use; a name two indicators of one set share answers nothing.
        for indicator in self.indicators:
            self._by_code.setdefault(code_key(indicator.code), indicator)
            for label in {indicator.name, indicator.name_en}:
                key = name_key(label)
                first = self._by_name.get(key)
                if first is None:
                    self._by_name[key] = indicator
                elif first is not indicator and first.set_id == indicator.set_id:
                    ambiguous.add(key)
                self._by_label.setdefault(code_key(f"{indicator.code} {label}"), indicator)
        for key in ambiguous:
            del self._by_name[key]
        self._found: dict[str, Indicator] = {}
        self._missing: dict[str, list[str]] = {}

    def remembered(self) -> int:
        """How many texts it keeps answers for (a long-lived resolver is renewed past a limit)."""
        return len(self._found) + len(self._missing)

    def get(self, text: Any) -> Indicator | None:
        """The indicator meant by ``text``, or None."""
        raw = _as_text(text)
        found = self._found.get(raw)
        if found is None and raw not in self._missing:
            key = code_key(raw)
            found = (
                self._by_code.get(key)
                or self._by_name.get(name_key(raw))
                or self._by_label.get(key)
            )
            if found is not None:
                self._found[raw] = found
        return found

    def resolve(self, text: Any) -> Indicator:
        """The indicator meant by ``text``; raises UnknownIndicator with suggestions."""
        found = self.get(text)
        if found is not None:
            return found
        raw = _as_text(text)
        if raw not in self._missing:
            self._missing[raw] = self.suggestions(raw)
        raise UnknownIndicator(raw, self._missing[raw])

    def suggestions(self, text: str, limit: int = 3) -> list[str]:
        """Codes of the indicators closest to ``text`` (prefix of a code, or similar spelling)."""
        key, label = code_key(text), name_key(text)
        found: list[str] = []
        # 'GN.8' is the start of GN.8a, GN.8b and GN.8c, and '8a' the end of GN.8a: offer them.
        prefixed = [
            i.code
            for k, i in self._by_code.items()
            if len(key) >= 2 and k.startswith(key) and k[len(key) :].isalpha()
        ]
        if key[:1].isdigit():
            prefixed += [
                i.code for k, i in self._by_code.items() if re.fullmatch(rf"[a-z]*{key}[a-z]*", k)
            ]
        close = difflib.get_close_matches(key, self._by_code, limit) if key else []
        named = difflib.get_close_matches(label, self._by_name, limit, 0.7) if label else []
        found = prefixed + [self._by_code[k].code for k in close]
        found += [self._by_name[k].code for k in named]
        return list(dict.fromkeys(found))[: max(limit, len(prefixed))]


# --- small helpers -----------------------------------------------------------------------


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_name(text: str) -> str:
    """Header and metadata names compared without case, accents or spacing differences."""
    return re.sub(r"[\s\-]+", "_", _strip_accents(text).strip().casefold())


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _or_list(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


# field -> accepted header names (compared after folding case, accents and spacing).
