"""miljomal as a library for analysts: the store, read-only, as pandas DataFrames.

    import miljomal
    store = miljomal.open("sqlite:///miljomal.db")
    df = store.observations(county="22", indicators=["GN.7"], years=range(2015, 2025))

This is the only module that imports pandas at its top; the CLI never loads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from typing import Any
from typing import TypedDict
from typing import Unpack

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from database.engine import check_schema
from database.engine import database_url
from database.engine import make_engine
from database.engine import require_store_file
from indicators.models import Indicator
from indicators.models import IndicatorSet
from municipalities.registry import resolve_county
from reports.analysis import judge_trend
from reports.model.series import ABSENT
from reports.open_data import COLUMNS
from reports.open_data import observation_rows
from reports.queries import completeness

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

TREND_COLUMNS = (
    "municipality",
    "municipality_name",
    "indicator_set",
    "indicator",
    "judgement",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "slope_per_year",
    "relative_change_per_year",
    "p_value",
    "n",
)
COMPLETENESS_COLUMNS = ("municipality", "municipality_name", "indicator", "status")
# Each method takes set_code= to keep one indicator set (`sekom-2012`, `sekom-2023`).


class Selection(TypedDict, total=False):
    """Which values `observations` and `trends` read, besides ``county`` (all by default)."""

    indicators: Iterable[str] | None  # codes; a code both sets use means those with values
    years: Iterable[int] | None
    municipalities: Iterable[Any] | None  # codes or names, instead of a county
    approved_only: bool  # only values of approved or locked municipality-years
    set_code: str | None  # keep one indicator set


class Store:
    """A miljomal store opened for reading; every method returns a new DataFrame."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A session whose transaction is always rolled back: this API never writes."""
        with Session(self.engine) as session, session.begin():
            try:
                yield session
            finally:
                session.rollback()

    def observations(self, county: Any = None, **selection: Unpack[Selection]) -> pd.DataFrame:
        """Stored values, one row per municipality, indicator and year.

        Columns: municipality, municipality_name, indicator_set, indicator, year, value
        (float, NaN unless reported), status (`reported`, `missing`, `not-applicable`),
        comment, approved.
        """
        with self._session() as session:
            rows = observation_rows(session, county=county, **selection)
        frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
        return frame.astype({"year": "int64", "value": "float64", "approved": "bool"})

    def trends(self, county: Any = None, **selection: Unpack[Selection]) -> pd.DataFrame:
        """The trend judgement of each municipality's series (docs/method.md), one row each.

        ``judgement`` is `improving`, `worsening`, `no-clear-change` or `too-few-values`.
        """
        with self._session() as session:
            rows = observation_rows(session, county=county, **selection)
            directions = {
                (set_of, code): direction
                for set_of, code, direction in session.execute(
                    select(IndicatorSet.code, Indicator.code, Indicator.direction).join(
                        IndicatorSet, IndicatorSet.id == Indicator.set_id
                    )
                )
            }
        series: dict[tuple[str, str, str, str], list[tuple[int, float | None]]] = {}
        for row in rows:
            key = (row.municipality, row.municipality_name, row.indicator_set, row.indicator)
            value = row.value if row.status == "reported" else None
            series.setdefault(key, []).append((row.year, value))
        records = []
        for (code, name, set_of, indicator), points in series.items():
            trend = judge_trend(points, directions[(set_of, indicator)])
            records.append(
                (
                    code,
                    name,
                    set_of,
                    indicator,
                    trend.judgement,
                    trend.baseline_year,
                    trend.baseline_value,
                    trend.latest_year,
                    trend.latest_value,
                    trend.slope_per_year,
                    trend.relative_change_per_year,
                    trend.p_value,
                    trend.n,
                )
            )
        frame = pd.DataFrame.from_records(records, columns=list(TREND_COLUMNS))
        return frame.astype({"baseline_year": "Int64", "latest_year": "Int64", "n": "int64"})

    def completeness(self, county: Any, year: int, set_code: str | None = None) -> pd.DataFrame:
        """Who has reported what in a year: every municipality × indicator of the set.

        ``status`` is `reported`, `missing` (`..`), `not-applicable` (`.`) or `absent`
        (nothing sent); the share reported is in ``frame.attrs["rate"]``.
        """
        with self._session() as session:
            found = completeness(session, resolve_county(county).code, year, set_code)
        records = [
            (m.code, m.short_name, i.code, found.cells.get((m.code, i.code), ABSENT))
            for m in found.municipalities
            for i in found.indicators
        ]
        frame = pd.DataFrame.from_records(records, columns=list(COMPLETENESS_COLUMNS))
        frame.attrs["rate"] = found.rate
        frame.attrs["year"] = year
        return frame


def open_store(url: str | None = None) -> Store:
    """Open the store at ``url`` (default: $MILJOMAL_DATABASE_URL, else ./miljomal.db)."""
    url = database_url(url)
    require_store_file(url)
    # A SQLite file is opened read-only (mode=ro): the API cannot write even by mistake.
    engine = make_engine(url, read_only=True)
    check_schema(engine)
    return Store(engine)
