"""Every value stored for a year, read in that year's indicator set.

SEkom renumbered its gröna nyckeltal in 2023 (:mod:`indicators.sets`).  A municipality that
sends 2023's values in its old template, with 2012's codes, has them stored under
`sekom-2012`; a history exported from Miljöbarometern stores years before 2023 under
`sekom-2023`.  A document for a year reads the set of that year, so without this module such
values were stored but shown nowhere.

:func:`read_other_set` is the one rule every document uses (reports, completeness, Min
kommun, the public site, the API): for a year whose default set is the shown set, a value
stored under the other set of the mapping table is

- read as the shown code's value when the definition is the same (samband ``same``), with a
  note naming the code it was reported with ("inrapporterat med 2012 års kod GN.7"), unless
  the shown code has its own row for that municipality and year, which always wins;
- otherwise (``changed``, ``break``, or a code that does not continue) listed apart by name,
  under "Värden med äldre koder som inte kan jämföras".

A set chosen explicitly for a year that is not its default (``--set sekom-2012`` for 2023)
reads only its own values: the choice is the reader's.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any
from typing import NamedTuple

from sqlalchemy import select

from i18n import Lang
from i18n import Messages
from i18n import Text
from i18n import pick
from indicators.models import REPORTED
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation as O
from indicators.numbers import format_number
from indicators.sets import SAME
from indicators.sets import continuations
from indicators.sets import default_years
from indicators.sets import predecessor
from indicators.sets import set_year
from indicators.sets import successor

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TEXTS = Messages(
    {
        "carried": Text(
            "inrapporterat med {year} års kod {code}", "reported with the {year} code {code}"
        ),
        "incomparable-heading": Text(
            "Värden med äldre koder som inte kan jämföras",
            "Values with older codes that cannot be compared",
        ),
        "overridden-heading": Text(
            "Värden med äldre koder där årets kod redan har ett annat värde",
            "Values with older codes where the year's code already has another value",
        ),
        "overridden-line": Text(
            "{municipality}: {code} {name} ({year} års nyckeltal) {value} för {report_year}; "
            "visas inte, {shown_code} har {shown_value}",
            "{municipality}: {code} {name} ({year} indicators) {value} for {report_year}; "
            "not shown, {shown_code} has {shown_value}",
        ),
        "incomparable-line": Text(
            "{municipality}: {code} {name} ({year} års nyckeltal) {value} för {report_year}",
            "{municipality}: {code} {name} ({year} indicators) {value} for {report_year}",
        ),
    }
)


class StoredObservation(NamedTuple):
    """One current observation as a document reads it (a NamedTuple: many are made)."""

    municipality_code: str
    indicator_id: int
    year: int
    value: float | None
    status: str
    comment: str | None
    upload_id: int | None


@dataclass(frozen=True)
class CarriedValue:
    """A value stored under the other set's code, shown under ``indicator_code``."""

    municipality_code: str
    indicator_code: str
    year: int
    from_set: str
    from_code: str

    def note(self, lang: Lang = "sv") -> str:
        """``inrapporterat med 2012 års kod GN.7`` / ``reported with the 2012 code GN.7``."""
        return TEXTS(
            "carried", lang, year=set_year(self.from_set) or self.from_set, code=self.from_code
        )

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """The JSON form."""
        return {
            "municipality": self.municipality_code,
            "indicator": self.indicator_code,
            "year": self.year,
            "reported_as": {"set": self.from_set, "code": self.from_code},
            "note": self.note(lang),
        }


@dataclass(frozen=True)
class IncomparableValue:
    """A value stored for the year under the other set whose definition does not continue."""

    municipality_code: str
    year: int
    set_code: str
    code: str
    name: str
    name_en: str
    unit: str
    decimals: int
    value: float
    relation: str | None  # "changed", "break", or None when the code does not continue
    # A same-definition value not shown because the year's code holds another one.
    shown_code: str | None = None
    shown_value: float | None = None

    def label(self, lang: Lang = "sv") -> str:
        """The indicator's name in the reader's language."""
        return pick(lang, self.name, self.name_en or self.name)

    def line(self, municipality: str, lang: Lang = "sv") -> str:
        """``Sundsvall: GN.4 Ekologisk odling (2012 års nyckeltal) 18,2 % för 2023``."""
        extra = {}
        if self.shown_code is not None:
            extra = {
                "shown_code": self.shown_code,
                "shown_value": self._with_unit(self.shown_value, lang),
            }
        return TEXTS(
            "overridden-line" if self.shown_code is not None else "incomparable-line",
            lang,
            municipality=municipality,
            code=self.code,
            name=self.label(lang),
            year=set_year(self.set_code) or self.set_code,
            value=self._with_unit(self.value, lang),
            report_year=self.year,
            **extra,
        )

    def _with_unit(self, value: float | None, lang: Lang) -> str:
        number = format_number(value, self.decimals, lang)
        with_unit = f"{number} {self.unit}".strip()
        return pick(lang, with_unit, f"{number}%") if self.unit == "%" else with_unit

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """The JSON form."""
        return {
            "municipality": self.municipality_code,
            "year": self.year,
            "set": self.set_code,
            "code": self.code,
            "name": self.label(lang),
            "unit": self.unit,
            "value": self.value,
            "relation": self.relation,
            **(
                {"shown_code": self.shown_code, "shown_value": self.shown_value}
                if self.shown_code is not None
                else {}
            ),
        }


@dataclass(frozen=True)
class OtherSetValues:
    """What :func:`read_other_set` found: values to add, their notes, and the ones apart."""

    added: tuple[StoredObservation, ...]
    carried: dict[tuple[str, str, int], CarriedValue]  # (municipality, shown code, year)
    incomparable: tuple[IncomparableValue, ...]
    # Same definition, but the year's code holds a different value, which is shown.
    overridden: tuple[IncomparableValue, ...] = ()

    def note(
        self, municipality_code: str, indicator_code: str, year: int, lang: Lang = "sv"
    ) -> str:
        """The carried-over note of one cell, or an empty string."""
        carried = self.carried.get((municipality_code, indicator_code, year))
        return carried.note(lang) if carried else ""


NOTHING = OtherSetValues((), {}, ())


def sets_with_values(session: Session, municipality_codes: Any, year: int) -> list[str]:
    """The sets holding a reported value for ``year`` of any of the municipalities."""
    return list(
        session.scalars(
            select(IndicatorSet.code)
            .join(Indicator, Indicator.set_id == IndicatorSet.id)
            .join(O, O.indicator_id == Indicator.id)
            .where(
                O.year == year, O.status == REPORTED, O.municipality_code.in_(municipality_codes)
            )
            .distinct()
            .order_by(IndicatorSet.code)
        )
    )


def partner_sets(set_code: str) -> set[str]:
    """The sets the mapping table ties to ``set_code`` (either direction)."""
    found = set()
    for item in continuations():
        if item.new_set == set_code:
            found.add(item.old_set)
        if item.old_set == set_code:
            found.add(item.new_set)
    return found


def continues_as(from_set: str, from_code: str, set_code: str) -> tuple[str, str] | None:
    """(code in ``set_code``, samband) of another set's indicator, if the table ties them."""
    forward = successor(from_set, from_code)
    if forward is not None and forward.new_set == set_code:
        return forward.new_code, forward.relation
    backward = predecessor(from_set, from_code)
    if backward is not None and backward.old_set == set_code:
        return backward.old_code, backward.relation
    return None


def read_other_set(
    session: Session,
    municipality_codes: Any,
    set_code: str | None,
    shown: Sequence[tuple[int, str]],
    own: Iterable[Any],
    *,
    year: int | None = None,
    since: int | None = None,
    until: int | None = None,
) -> OtherSetValues:
    """The values stored under the other set for the shown set's years (module docstring).

    ``shown`` is the shown set's (indicator id, code); ``own`` the observations already read
    for it (anything with ``municipality_code``, ``indicator_id`` and ``year``), whose cells
    are never replaced.  ``municipality_codes`` is a list or a subquery.  One query.
    """
    if set_code is None:
        return NOTHING
    others = partner_sets(set_code)
    years = default_years(set_code)
    first, last = years.start, years.stop - 1
    if year is not None:
        first, last = max(first, year), min(last, year)
    if since is not None:
        first = max(first, since)
    if until is not None:
        last = min(last, until)
    if not others or first > last:
        return NOTHING
    query = (
        select(
            O.municipality_code,
            O.year,
            O.value,
            O.status,
            O.comment,
            O.upload_id,
            IndicatorSet.code,
            Indicator.code,
            Indicator.name,
            Indicator.name_en,
            Indicator.unit,
            Indicator.decimals,
        )
        .join(Indicator, Indicator.id == O.indicator_id)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .where(
            IndicatorSet.code.in_(sorted(others)),
            O.municipality_code.in_(municipality_codes),
            O.year >= first,
            O.year <= last,
        )
        .order_by(O.municipality_code, O.year, IndicatorSet.code, Indicator.sort_order)
    )
    ids = {code: id_ for id_, code in shown}
    taken = {(o.municipality_code, o.indicator_id, o.year): getattr(o, "value", None) for o in own}
    added: list[StoredObservation] = []
    carried: dict[tuple[str, str, int], CarriedValue] = {}
    apart: list[IncomparableValue] = []
    overridden: list[IncomparableValue] = []
    for row in session.execute(query):
        municipality, at, value, status, comment, upload, from_set, from_code = row[:8]
        link = continues_as(from_set, from_code, set_code)
        if link is not None and link[1] == SAME and link[0] in ids:
            key = (municipality, ids[link[0]], at)
            if key in taken:
                if _differs(value if status == REPORTED else None, taken[key]):
                    shown_value = taken[key]
                    overridden.append(_apart(row, link[1], link[0], shown_value))
                continue
            taken[key] = value
            added.append(
                StoredObservation(municipality, key[1], at, value, status, comment, upload)
            )
            carried[(municipality, link[0], at)] = CarriedValue(
                municipality, link[0], at, from_set, from_code
            )
        elif status == REPORTED and value is not None:
            apart.append(_apart(row, link[1] if link else None))
    return OtherSetValues(tuple(added), carried, tuple(apart), tuple(overridden))


def _differs(value: float | None, shown: float | None) -> bool:
    """Both are numbers and they differ (beyond a float's last digits)."""
    if value is None or shown is None:
        return False
    return abs(shown - value) > 1e-9 * max(1.0, abs(value))


def _apart(
    row: Any, relation: str | None, shown_code: str | None = None, shown_value: float | None = None
) -> IncomparableValue:
    """A fetched row of the other set as a value listed apart."""
    municipality, at, value, _, _, _, from_set, from_code, name, name_en, unit, decimals = row
    return IncomparableValue(
        municipality,
        at,
        from_set,
        from_code,
        name,
        name_en or "",
        unit or "",
        decimals if decimals is not None else 1,
        value,
        relation,
        shown_code,
        shown_value,
    )
