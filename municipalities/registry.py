"""The bundled registry of Swedish counties and municipalities: lookup, and loading it into a store.

The lookup functions are pure and cached (they run once per row of large imports); the
functions taking a ``Session`` read and write the registry tables, and the caller owns the
transaction.
"""

from __future__ import annotations

import csv
import difflib
import math
import numbers
import re
import unicodedata
from collections.abc import Callable
from collections.abc import Hashable
from dataclasses import dataclass
from functools import cache
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update

from municipalities.errors import InvalidMembershipYears
from municipalities.errors import InvalidYear
from municipalities.errors import RegistryNotLoaded
from municipalities.errors import UnknownCounty
from municipalities.errors import UnknownMunicipality
from municipalities.models import County
from municipalities.models import Municipality

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


DATA = Path(__file__).parent / "data"
MUNICIPALITIES_FILE = DATA / "kommuner.csv"
COUNTIES_FILE = DATA / "lan.csv"

DEFAULT_COUNTY = "22"  # Västernorrlands län, the county board that runs miljomal

MAX_SUGGESTIONS = 3
_SUGGESTION_CUTOFF = 0.7
_CACHE_LIMIT = 100_000  # distinct values remembered per kind before the cache starts over

_SUFFIX = re.compile(r"(?:s)? (?:kommun|stad|lan)$")
_PREFIX = re.compile(r"^region ")
_DASHES = re.compile(r"[-\u2010-\u2015_]")
_CODE = re.compile(r"\d{1,4}(?:\.0+)?")
_CODE_AND_NAME = re.compile(r"(\d{4})\s*[-\u2013:,]?\s*(\D.*)")


@dataclass(frozen=True, slots=True)
class CountyEntry:
    """A county (län) as the bundled registry has it."""

    code: str
    name: str
    short_name: str


@dataclass(frozen=True, slots=True)
class MunicipalityEntry:
    """A municipality (kommun) as the bundled registry has it."""

    code: str
    name: str
    short_name: str
    county_code: str


def normalise_name(text: str) -> str:
    """A name reduced for comparison: case-folded, without accents, "kommun"/"län"/"stad"."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = " ".join(_DASHES.sub(" ", plain).split())
    stripped = _PREFIX.sub("", _SUFFIX.sub("", plain))
    return stripped or plain


@cache
def counties() -> tuple[CountyEntry, ...]:
    """Every county in the bundled registry, by code."""
    return tuple(
        CountyEntry(row["länskod"], row["namn"], row["kortnamn"])
        for row in _read_rows(COUNTIES_FILE)
    )


@cache
def municipalities() -> tuple[MunicipalityEntry, ...]:
    """Every municipality in the bundled registry, by code."""
    return tuple(
        MunicipalityEntry(row["kommunkod"], row["namn"], row["kortnamn"], row["länskod"])
        for row in _read_rows(MUNICIPALITIES_FILE)
    )


def municipalities_in_county(county: Any) -> list[MunicipalityEntry]:
    """The municipalities of one county (code or name), by code."""
    code = resolve_county(county).code
    return [entry for entry in municipalities() if entry.county_code == code]


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key: value.strip() for key, value in row.items()}
            for row in csv.DictReader(handle, delimiter=";")
        ]


class _Index:
    """Codes and names of one kind of entry, with the lookups that resolve a value to one."""

    def __init__(self, entries: tuple[Any, ...], width: int) -> None:
        self.width = width
        self.entries = entries
        self.by_code: dict[str, Any] = {entry.code: entry for entry in entries}

    # The name indexes are built on the first lookup by name: a template file names its
    # municipality by code, and a one-file import should not fold 580 names for nothing.
    @cached_property
    def exact(self) -> dict[str, list[Any]]:
        exact: dict[str, list[Any]] = {}
        for entry in self.entries:
            for name in (entry.name, entry.short_name):
                _add(exact, " ".join(name.casefold().split()), entry)
        return exact

    @cached_property
    def normalised(self) -> dict[str, list[Any]]:
        normalised: dict[str, list[Any]] = {}
        for entry in self.entries:
            for name in (entry.name, entry.short_name):
                _add(normalised, normalise_name(name), entry)
        return normalised

    @cached_property
    def keys(self) -> list[str]:
        return list(self.normalised)

    def find(self, value: Any) -> tuple[Any | None, list[str]]:
        """The entry a value names, else None and the names it most resembles."""
        if value is None or isinstance(value, bool):
            return None, []
        if isinstance(value, numbers.Integral):
            return self.by_code.get(self._code(int(value))), []
        if isinstance(value, numbers.Real):
            number = float(value)
            if math.isfinite(number) and number.is_integer():
                return self.by_code.get(self._code(int(number))), []
            return None, []
        text = " ".join(str(value).split())
        if _CODE.fullmatch(text):
            return self.by_code.get(self._code(int(float(text)))), []
        both = _CODE_AND_NAME.fullmatch(text)
        if both:
            entry = self.by_code.get(both.group(1))
            if entry is not None and entry in self.normalised.get(
                normalise_name(both.group(2)), []
            ):
                return entry, []
            return None, []
        return self._by_name(text)

    def _code(self, number: int) -> str:
        return str(number).zfill(self.width) if 0 <= number < 10**self.width else ""

    def _by_name(self, text: str) -> tuple[Any | None, list[str]]:
        exact = self.exact.get(text.casefold(), [])
        if len(exact) == 1:
            return exact[0], []
        key = normalise_name(text)
        candidates = self.normalised.get(key, [])
        if len(candidates) == 1:
            return candidates[0], []
        if candidates:  # the same name once accents are gone: let the user pick
            return None, [entry.short_name for entry in candidates][:MAX_SUGGESTIONS]
        close = difflib.get_close_matches(
            key, self.keys, n=MAX_SUGGESTIONS, cutoff=_SUGGESTION_CUTOFF
        )
        suggestions: list[str] = []
        for match in close:
            for entry in self.normalised[match]:
                if entry.short_name not in suggestions:
                    suggestions.append(entry.short_name)
        return None, suggestions[:MAX_SUGGESTIONS]


def _add(index: dict[str, list[Any]], key: str, entry: Any) -> None:
    entries = index.setdefault(key, [])
    if entry not in entries:
        entries.append(entry)


@cache
def _municipality_index() -> _Index:
    return _Index(municipalities(), width=4)


@cache
def _county_index() -> _Index:
    return _Index(counties(), width=2)


_MUNICIPALITY_CACHE: dict[tuple[type, Hashable], tuple[Any, list[str]]] = {}
_COUNTY_CACHE: dict[tuple[type, Hashable], tuple[Any, list[str]]] = {}


def _resolve(
    value: Any,
    index: Callable[[], _Index],
    memo: dict[tuple[type, Hashable], tuple[Any, list[str]]],
    error: type[UnknownMunicipality] | type[UnknownCounty],
) -> Any:
    try:
        key: tuple[type, Hashable] | None = (type(value), value)
        found = memo.get(key)  # type: ignore[arg-type]
    except TypeError:  # unhashable: look it up without remembering
        key, found = None, None
    if found is None:
        found = index().find(value)
        if key is not None:
            if len(memo) >= _CACHE_LIMIT:
                memo.clear()
            memo[key] = found
    entry, suggestions = found
    if entry is None:
        raise error(value, suggestions)
    return entry


def resolve_municipality(value: Any) -> MunicipalityEntry:
    """The municipality a code (2284, "0114", 114.0) or name ("Örnsköldsviks kommun") names."""
    return _resolve(value, _municipality_index, _MUNICIPALITY_CACHE, UnknownMunicipality)


def resolve_county(value: Any) -> CountyEntry:
    """The county a code (22, "22") or name ("Västernorrland", "Västernorrlands län") names."""
    return _resolve(value, _county_index, _COUNTY_CACHE, UnknownCounty)


# --- the registry in a store -------------------------------------------------------------


def load_registry(session: Session) -> tuple[int, int]:
    """Insert or update every county and municipality; SEkom flags are kept. Returns the counts."""
    county_rows = [{"code": c.code, "name": c.name, "short_name": c.short_name} for c in counties()]
    municipality_rows = [
        {"code": m.code, "name": m.name, "short_name": m.short_name, "county_code": m.county_code}
        for m in municipalities()
    ]
    for model, rows, extra in (
        (County, county_rows, {}),
        (
            Municipality,
            municipality_rows,
            {"sekom_member": False, "sekom_since": None, "sekom_left": None},
        ),
    ):
        stored = {
            row.code: tuple(row)
            for row in session.execute(select(*(getattr(model, k) for k in rows[0])))
        }
        new = [row | extra for row in rows if row["code"] not in stored]
        changed = [
            row
            for row in rows
            if row["code"] in stored and tuple(row.values()) != stored[row["code"]]
        ]
        if new:
            session.execute(insert(model), new)
        if changed:
            session.execute(update(model), changed)
    return len(county_rows), len(municipality_rows)


def list_municipalities(
    session: Session, county_code: Any = None, members_only: bool = False
) -> list[Municipality]:
    """The stored municipalities, by code; of one county (code or name) and/or SEkom members."""
    query = select(Municipality).order_by(Municipality.code)
    if county_code is not None:
        query = query.where(Municipality.county_code == resolve_county(county_code).code)
    if members_only:
        query = query.where(Municipality.sekom_member.is_(True))
    return list(session.scalars(query))


def municipality_to_dict(municipality: Municipality) -> dict[str, Any]:
    """The JSON contract of one stored municipality (`miljomal municipalities list --json`)."""
    return {
        "code": municipality.code,
        "name": municipality.name,
        "short_name": municipality.short_name,
        "county_code": municipality.county_code,
        "sekom_member": bool(municipality.sekom_member),
        "sekom_since": municipality.sekom_since,
        "sekom_left": municipality.sekom_left,
    }


def get_municipality(session: Session, value: Any) -> Municipality:
    """The stored municipality a code or name names."""
    code = resolve_municipality(value).code
    municipality = session.get(Municipality, code)
    if municipality is None:
        raise RegistryNotLoaded(code)
    return municipality


def set_sekom_member(
    session: Session,
    code: Any,
    since: int | None,
    member: bool = True,
    left: int | None = None,
) -> Municipality:
    """Mark a municipality (code or name) as SEkom member since a year, or remove it.

    Removing with ``left`` keeps the years of membership (joined ``since``, or as stored,
    and left ``left``), so earlier years' SEkom averages still count it; removing without
    ``left`` forgets the membership altogether (it was recorded by mistake).
    """
    for year in (since, left):
        if year is not None and not 1900 <= year <= 2100:
            raise InvalidYear(year)
    municipality = get_municipality(session, code)
    if member:
        municipality.sekom_member = True
        municipality.sekom_since = since
        municipality.sekom_left = None
    elif left is not None:
        joined = since if since is not None else municipality.sekom_since
        if joined is not None and left <= joined:
            raise InvalidMembershipYears(joined, left)
        municipality.sekom_member = False
        municipality.sekom_since = joined
        municipality.sekom_left = left
    else:
        municipality.sekom_member = False
        municipality.sekom_since = None
        municipality.sekom_left = None
    session.flush()
    return municipality


def sekom_members(session: Session) -> list[str]:
    """Codes of the SEkom member municipalities, sorted."""
    return [m.code for m in list_municipalities(session, members_only=True)]
