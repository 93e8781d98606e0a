"""Targets: a target value and year for an indicator, set for a municipality or a county.

A target is set one at a time (:func:`set_target`) or from a target file
(:func:`load_target_file`, CSV or XLSX with the columns kommun/län, indikator, målvärde,
målår, basår).  Setting a target for an owner and indicator that already has one replaces
it.  A municipality without a target of its own follows its county's
(:func:`effective_targets`).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import case
from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from i18n import Text
from indicators.catalogue import IndicatorResolver
from indicators.errors import IndicatorError
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import NationalTargetOff
from indicators.models import Target
from indicators.models import utcnow
from indicators.problems import ProblemReport
from municipalities.models import County
from municipalities.models import Municipality

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MIN_YEAR, MAX_YEAR = 1900, 2100


class TargetError(IndicatorError):
    """A target cannot be set or read."""


class InvalidTargetError(TargetError, ValueError):
    """A target with an impossible owner, value or year."""


class TargetFileError(TargetError):
    """A target file with problems; nothing of it was written. ``problems`` lists them all."""

    def __init__(self, problems: ProblemReport) -> None:
        self.problems = problems
        lines = Text("\n".join(problems.lines("sv")), "\n".join(problems.lines("en")))
        count = len(problems.errors)
        super().__init__("target-file-rejected", file=problems.file, count=count, lines=lines)


@dataclass(frozen=True)
class TargetRecord:
    """A stored target, with its owner and indicator spelled out."""

    id: int
    municipality_code: str | None
    county_code: str | None
    indicator_id: int
    indicator_code: str
    target_value: float
    target_year: int
    base_year: int | None
    created_at: dt.datetime
    created_by: str | None

    @property
    def owner(self) -> str:
        """``municipality``, ``county`` or ``national`` (shipped, see :func:`national_targets`)."""
        if self.municipality_code:
            return "municipality"
        return "county" if self.county_code else "national"

    @property
    def owner_code(self) -> str:
        """The owner's kommunkod or länskod."""
        return self.municipality_code or self.county_code or ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "municipality": self.municipality_code,
            "county": self.county_code,
            "indicator": self.indicator_code,
            "target_value": self.target_value,
            "target_year": self.target_year,
            "base_year": self.base_year,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "created_by": self.created_by,
        }


@dataclass(frozen=True)
class TargetLoadSummary:
    """What loading a target file did."""

    created: int
    replaced: int

    @property
    def total(self) -> int:
        return self.created + self.replaced


def indicator_id_for(session: Session, code: str, set_code: str | None = None) -> int:
    """The id of the indicator a code (or name) names, written loosely (``gn6`` is GN.6).

    ``set_code`` names the set the code belongs to; without it, the oldest set that has it.
    """
    return IndicatorResolver(session, set_code).resolve(code).id


def check_target(
    value: float,
    year: int,
    base_year: int | None = None,
    municipality_code: str | None = None,
    county_code: str | None = None,
) -> None:
    """Raise :class:`InvalidTargetError` unless the target is possible."""
    if (municipality_code is None) == (county_code is None):
        raise InvalidTargetError("target-owner")
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidTargetError("target-value", value=repr(value))
    for key, candidate in (("target-year-implausible", year), ("base-year-implausible", base_year)):
        if candidate is not None and not MIN_YEAR <= candidate <= MAX_YEAR:
            raise InvalidTargetError(key, year=candidate, first=MIN_YEAR, last=MAX_YEAR)
    if base_year is not None and base_year >= year:
        raise InvalidTargetError("base-year-after-target", base=base_year, year=year)


def set_target(
    session: Session,
    indicator_id: int,
    value: float,
    year: int,
    municipality_code: str | None = None,
    county_code: str | None = None,
    base_year: int | None = None,
    user: str | None = None,
) -> tuple[TargetRecord, bool]:
    """Set the target of one owner for one indicator; returns it and whether it replaced one."""
    check_target(value, year, base_year, municipality_code, county_code)
    if session.get(Indicator, indicator_id) is None:
        raise InvalidTargetError("no-indicator-id", id=indicator_id)
    if municipality_code is not None and session.get(Municipality, municipality_code) is None:
        raise InvalidTargetError("target-municipality-missing", code=municipality_code)
    if county_code is not None and session.get(County, county_code) is None:
        raise InvalidTargetError("target-county-missing", code=county_code)
    owner = (
        Target.municipality_code == municipality_code
        if municipality_code is not None
        else Target.county_code == county_code
    )
    target = session.scalar(select(Target).where(owner, Target.indicator_id == indicator_id))
    replaced = target is not None
    if target is None:
        target = Target(
            municipality_code=municipality_code, county_code=county_code, indicator_id=indicator_id
        )
        session.add(target)
    target.target_value = float(value)
    target.target_year = int(year)
    target.base_year = base_year
    target.created_at = utcnow()
    target.created_by = user
    session.flush()
    return _record(session, target), replaced


def list_targets(
    session: Session,
    municipality_code: str | None = None,
    county_code: str | None = None,
    indicator_id: int | None = None,
) -> list[TargetRecord]:
    """Stored targets, by owner then indicator; filtered by owner and/or indicator."""
    query = select(Target, Indicator.code).join(Indicator, Indicator.id == Target.indicator_id)
    if municipality_code is not None:
        query = query.where(Target.municipality_code == municipality_code)
    if county_code is not None:
        query = query.where(Target.county_code == county_code)
    if indicator_id is not None:
        query = query.where(Target.indicator_id == indicator_id)
    # County targets first, then municipalities by code (NULLs sort differently per database).
    query = query.order_by(
        case((Target.county_code.is_(None), 1), else_=0),
        func.coalesce(Target.county_code, Target.municipality_code),
        Indicator.sort_order,
        Indicator.code,
    )
    return [_record_with_code(target, code) for target, code in session.execute(query)]


def effective_targets(session: Session, municipality_code: str) -> dict[int, TargetRecord]:
    """The target per indicator id that applies to a municipality: its own, else its county's."""
    county = select(Municipality.county_code).where(Municipality.code == municipality_code)
    query = (
        select(Target, Indicator.code)
        .join(Indicator, Indicator.id == Target.indicator_id)
        .where(
            or_(
                Target.municipality_code == municipality_code,
                Target.county_code == county.scalar_subquery(),
            )
        )
    )
    found: dict[int, TargetRecord] = {}
    for target, code in session.execute(query):
        record = _record_with_code(target, code)
        if record.municipality_code or record.indicator_id not in found:
            found[record.indicator_id] = record
    county_code = session.scalar(county)
    if county_code is not None:
        for indicator_id, record in national_target_records(session, county_code).items():
            found.setdefault(indicator_id, record)
    return found


# --- national targets ------------------------------------------------------------------------

NATIONAL_FILE = Path(__file__).parent / "data" / "mappings" / "national-targets.csv"
# When the national targets were shipped: shown as their creation time.
NATIONAL_SINCE = dt.datetime(2023, 1, 1)


@dataclass(frozen=True)
class NationalTarget:
    """A national target shipped with an indicator set, as SEKOM's pages show it."""

    set_code: str
    indicator_code: str
    target_value: float
    target_year: int
    source: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "set": self.set_code,
            "indicator": self.indicator_code,
            "target_value": self.target_value,
            "target_year": self.target_year,
            "source": self.source,
        }


def national_targets() -> tuple[NationalTarget, ...]:
    """The national targets in indicators/data/mappings/national-targets.csv."""
    lines = [
        line
        for line in NATIONAL_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    rows = list(csv.reader(lines, delimiter=";"))[1:]
    return tuple(
        NationalTarget(set_code, code, float(value), int(year), source)
        for set_code, code, value, year, source in rows
    )


def national_target_records(session: Session, county_code: str) -> dict[int, TargetRecord]:
    """The national targets that apply in a county (those it has not switched off), by id."""
    found: dict[int, TargetRecord] = {}
    for target, indicator_id in _in_county(session, county_code):
        if indicator_id is None:
            continue
        found[indicator_id] = TargetRecord(
            id=0,
            municipality_code=None,
            county_code=None,
            indicator_id=indicator_id,
            indicator_code=target.indicator_code,
            target_value=target.target_value,
            target_year=target.target_year,
            base_year=None,
            created_at=NATIONAL_SINCE,
            created_by=target.source,
        )
    return found


@dataclass(frozen=True)
class CountyNationalTargets:
    """The shipped national targets, each with whether it applies in one county."""

    county_code: str
    targets: tuple[tuple[NationalTarget, bool], ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `miljomal targets national --json`."""
        return {
            "county": self.county_code,
            "targets": [{**target.to_dict(), "active": active} for target, active in self.targets],
        }


def county_national_targets(session: Session, county_code: str) -> CountyNationalTargets:
    """Every shipped national target and whether it applies in the county (its indicator is
    in the catalogue and the county has not switched it off)."""
    return CountyNationalTargets(
        county_code,
        tuple(
            (target, indicator_id is not None)
            for target, indicator_id in _in_county(session, county_code)
        ),
    )


def _in_county(session: Session, county_code: str) -> list[tuple[NationalTarget, int | None]]:
    """Every shipped national target with its indicator's id where it applies in the county
    (the indicator is in the catalogue and the county has not switched it off), else None."""
    ids = {
        (set_code, code): id_
        for id_, code, set_code in session.execute(
            select(Indicator.id, Indicator.code, IndicatorSet.code).join(
                IndicatorSet, IndicatorSet.id == Indicator.set_id
            )
        )
    }
    off = set(
        session.scalars(
            select(NationalTargetOff.indicator_id).where(
                NationalTargetOff.county_code == county_code
            )
        )
    )
    found: list[tuple[NationalTarget, int | None]] = []
    for target in national_targets():
        indicator_id = ids.get((target.set_code, target.indicator_code))
        found.append((target, None if indicator_id in off else indicator_id))
    return found


def switch_national_target(
    session: Session, county_code: str, indicator_id: int, *, on: bool, user: str | None = None
) -> bool:
    """Switch a national target off (or on again) for a county; True when something changed.

    Raises TargetError when the indicator has no national target.
    """
    code, set_code = session.execute(
        select(Indicator.code, IndicatorSet.code)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .where(Indicator.id == indicator_id)
    ).one()
    if not any((t.set_code, t.indicator_code) == (set_code, code) for t in national_targets()):
        shipped = ", ".join(f"{t.indicator_code} ({t.set_code})" for t in national_targets())
        raise TargetError("no-national-target", code=code, set=set_code, shipped=shipped)
    key = {"county_code": county_code, "indicator_id": indicator_id}
    present = session.get(NationalTargetOff, (county_code, indicator_id)) is not None
    if on:
        if present:
            session.execute(delete(NationalTargetOff).filter_by(**key))
        return present
    if not present:
        session.add(NationalTargetOff(**key, switched_by=user))
        session.flush()
    return not present


def _record(session: Session, target: Any) -> TargetRecord:
    indicator = session.get(Indicator, target.indicator_id)
    return _record_with_code(target, indicator.code if indicator else "")


def _record_with_code(target: Any, code: str) -> TargetRecord:
    return TargetRecord(
        id=target.id,
        municipality_code=target.municipality_code,
        county_code=target.county_code,
        indicator_id=target.indicator_id,
        indicator_code=code,
        target_value=target.target_value,
        target_year=target.target_year,
        base_year=target.base_year,
        created_at=target.created_at,
        created_by=target.created_by,
    )


# --- target files -------------------------------------------------------------------------
