"""What every file of one import run is checked against, read from the store once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import field
from typing import TYPE_CHECKING
from typing import Any
from typing import cast

from sqlalchemy import Select
from sqlalchemy import Table
from sqlalchemy import select

from indicators.catalogue import IndicatorResolver
from indicators.catalogue import indicator_records
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import KoladaMapping
from indicators.store import locked_years
from indicators.year_state import approved_municipality_years
from intake.catalogue_cache import catalogue_finders
from intake.set_choice import SetChoice

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Kolada's KPI ids: a letter and five digits (U07801, N00403).
KOLADA_KPI = re.compile(r"[A-Z][0-9]{5}")


@dataclass
class CheckContext:
    """What every file of one import run is checked against: read from the store once.

    A batch of 290 files would otherwise read the catalogue and the year locks 290 times;
    the resolver also keeps its answers from file to file.
    """

    indicators: IndicatorResolver
    locked_years: set[int]
    last_year: int
    # The catalogue by indicator set: codes are resolved within the set a file means.
    sets: SetChoice | None = None
    # (municipality code, year) the county board has approved: locked for that municipality.
    approved: set[tuple[str, int]] = field(default_factory=set)
    # Kolada KPI id -> the indicators mapped to it (`kolada_mapping`), for Kolada's exports.
    kolada: dict[str, list[KoladaTarget]] = field(default_factory=dict)
    portal: bool = False  # messages for the portal's users: no command lines

    @classmethod
    def read(cls, session: Session) -> CheckContext:
        """The catalogue, the locked years and the latest year accepted, as the store has them."""
        finders = catalogue_finders(indicator_records(session))
        return cls(
            indicators=finders.indicators,
            locked_years=locked_years(session),
            last_year=last_accepted_year(),
            sets=finders.sets,
            approved=approved_municipality_years(session),
            kolada=kolada_targets(session),
        )


@dataclass(frozen=True)
class KoladaTarget:
    """An indicator a Kolada KPI is mapped to: Kolada's value x ``factor`` is its value."""

    set_code: str
    indicator_id: int
    factor: float


def _kolada_query() -> Select[Any]:
    # On the tables, as the rest of the import path (indicators/store.py): an ORM statement
    # would configure all the mappers first.
    mapping, indicator, indicator_set = (
        cast(Table, model.__table__) for model in (KoladaMapping, Indicator, IndicatorSet)
    )
    return (
        select(mapping.c.kpi, indicator_set.c.code, indicator.c.id, mapping.c.factor)
        .join(indicator, indicator.c.id == mapping.c.indicator_id)
        .join(indicator_set, indicator_set.c.id == indicator.c.set_id)
        .order_by(mapping.c.kpi, indicator_set.c.code)
    )


# Built once: every import (each API upload) reads the mapping.
_KOLADA_TARGETS = _kolada_query()


def kolada_targets(session: Session) -> dict[str, list[KoladaTarget]]:
    """Every mapped Kolada KPI with the indicators it gives values for."""
    found: dict[str, list[KoladaTarget]] = {}
    for kpi, set_code, indicator_id, factor in session.execute(_KOLADA_TARGETS):
        found.setdefault(kpi.upper(), []).append(KoladaTarget(set_code, indicator_id, factor))
    return found


def last_accepted_year(today: dt.date | None = None) -> int:
    """The latest year a file may report: next year (budgets and targets run ahead)."""
    return (today or dt.date.today()).year + 1
