"""A file's values compared with the store: what they replace and what changes unusually."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import NamedTuple

from indicators.catalogue import IndicatorRecord
from indicators.models import MISSING
from indicators.models import REPORTED
from indicators.records import CleanValue
from indicators.store import CurrentValue
from indicators.store import ValueKey
from indicators.store import current_values
from indicators.store import previous_series
from intake.files import problem_types as types
from intake.validation.findings import Findings
from intake.validation.outliers import Series
from intake.validation.outliers import large_change
from intake.validation.words import state_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Compared(NamedTuple):
    """The values to store, and the store's current values of the file's keys as read."""

    values: list[CleanValue]
    stored: dict[ValueKey, CurrentValue]


def compare_with_store(
    session: Session,
    findings: Findings,
    clean: dict[tuple[str, int, int], CleanValue],
    indicators: dict[int, IndicatorRecord],
    blank_keys: set[tuple[str, int, int]],
) -> Compared:
    """Warn about the stored values the file's values replace and about unusual changes.

    A blank cell (no value, no status) says nothing new: where the store already has a
    value or a status other than missing, that is kept and the blank is left out, so an
    official who leaves a row empty never wipes what the county already holds.  Writing
    `..` replaces it, with a warning.
    """
    # The keys' three columns side by side: one pass in C instead of three in Python.
    codes, ids, years = zip(*clean, strict=True)
    stored = current_values(session, codes, ids, years)
    kept: list[CleanValue] = []
    # A value the store already holds as it is changes nothing: it replaces nothing and
    # makes no unusual change, so only the other values' series are read and judged
    # (re-importing a whole county file of unchanged values stays cheap).
    changes: list[CleanValue] = []
    stored_value, keep, change = stored.get, kept.append, changes.append
    for key, value in clean.items():
        old = stored_value(key)
        if old is None:
            keep(value)
            change(value)
            continue
        if key in blank_keys and old.status != MISSING:
            _blank_keeps_stored(findings, value, indicators[value.indicator_id], old)
            continue
        keep(value)
        if _changes(old, value):
            change(value)
    values = kept
    series_keys = {(v.municipality_code, v.indicator_id) for v in changes}
    if not changes:
        return Compared(values, stored)
    # Each series as the store has it, with this file's values put in place.
    points = {
        key: dict(found)
        for key, found in previous_series(
            session,
            {code for code, _ in series_keys},
            {indicator_id for _, indicator_id in series_keys},
        ).items()
        if key in series_keys
    }
    for value in values:
        series_key = (value.municipality_code, value.indicator_id)
        if series_key not in series_keys:
            continue
        series = points.setdefault(series_key, {})
        if value.status == REPORTED:
            series[value.year] = value.value  # type: ignore[assignment]
        else:
            series.pop(value.year, None)
    ordered = {key: Series(series) for key, series in points.items()}
    for value in changes:
        indicator = indicators[value.indicator_id]
        old = stored.get((value.municipality_code, value.indicator_id, value.year))
        if old is not None:
            _replaced(findings, value, indicator, old)
        if value.status == REPORTED and value.value is not None:
            line = ordered[(value.municipality_code, value.indicator_id)]
            large_change(findings, value, indicator, *line.before(value.year))
    return Compared(values, stored)


def _changes(old: CurrentValue | None, value: CleanValue) -> bool:
    """True unless the store holds this value already (same number and status)."""
    return old is None or (old.value, old.status) != (value.value, value.status)


def _blank_keeps_stored(
    findings: Findings, value: CleanValue, indicator: IndicatorRecord, old: CurrentValue
) -> None:
    findings.value_warning(
        value,
        types.BLANK_KEEPS_STORED,
        old=state_text(old.value, old.status),
        **findings.what(indicator, value),
    )


def _replaced(
    findings: Findings, value: CleanValue, indicator: IndicatorRecord, old: CurrentValue
) -> None:
    if old.status == MISSING or (old.value, old.status) == (value.value, value.status):
        return  # filling in a missing value, or the same value again, replaces nothing
    findings.value_warning(
        value,
        types.REPLACES_VALUE,
        old=state_text(old.value, old.status),
        new=state_text(value.value, value.status),
        **findings.what(indicator, value),
    )
