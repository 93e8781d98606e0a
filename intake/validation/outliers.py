"""Unusual changes: a jump from the previous year, or a change unlike the series' history.

The robust z-score and the change limits are shared with the reports' outlier marks
(`reports.analysis`) and the county's reporting matrix.
"""

from __future__ import annotations

import bisect

from indicators.catalogue import IndicatorRecord
from indicators.records import CleanValue
from intake.files import problem_types as types
from intake.validation.findings import Findings
from intake.validation.words import number
from intake.validation.words import signed_percent

DEFAULT_CHANGE_LIMIT = 0.5  # a change of more than 50 % from the previous year is worth a look
Z_LIMIT = 3.5  # Iglewicz and Hoaglin's cut-off for the modified z-score
Z_MIN_HISTORY = 5
Z_MIN_RELATIVE = 0.05  # changes under 5 % are never worth a warning, however steady the past


class Series:
    """One municipality's values of one indicator, by year, for looking back from a year."""

    def __init__(self, points: dict[int, float]) -> None:
        self.points = sorted(points.items())
        self.years = [year for year, _value in self.points]
        # Year-to-year changes, computed once for the series rather than once per value.
        values = [value for _year, value in self.points]
        self.changes = [b - a for a, b in zip(values, values[1:], strict=False)]

    def before(self, year: int) -> tuple[list[tuple[int, float]], list[float]]:
        """The (year, value) pairs before a year, oldest first, and the changes between them."""
        count = bisect.bisect_left(self.years, year)
        return self.points[:count], self.changes[: max(count - 1, 0)]


def large_change(
    findings: Findings,
    value: CleanValue,
    indicator: IndicatorRecord,
    earlier: list[tuple[int, float]],
    changes: list[float],
) -> None:
    """Warn when a value jumps from the previous year or leaves the series' history.

    ``earlier`` are the series' (year, value) pairs before the value's year and
    ``changes`` their year-to-year differences.
    """
    x = value.value
    assert x is not None
    limit = change_limit(indicator)
    if earlier:
        previous_year, previous = earlier[-1]
        if previous != 0 and abs(x - previous) / abs(previous) > limit:
            change = (x - previous) / abs(previous) * 100
            findings.value_warning(
                value,
                types.LARGE_CHANGE,
                value=number(x),
                change=signed_percent(change),
                previous=number(previous),
                previous_year=previous_year,
                limit=number(limit * 100),
                **findings.what(indicator, value),
            )
            return
    if len(earlier) <= Z_MIN_HISTORY:
        return
    # The municipality's own history of year-to-year changes: a steady trend is normal,
    # a change unlike any before is worth a look (when it is at least Z_MIN_RELATIVE).
    previous_year, previous = earlier[-1]
    z = robust_z(x - previous, changes)
    relative = abs(x - previous) / abs(previous) if previous else float("inf")
    if z is not None and abs(z) > Z_LIMIT and relative >= Z_MIN_RELATIVE:
        typical = _sorted_median(sorted(abs(c) for c in changes))
        findings.value_warning(
            value,
            types.LARGE_CHANGE_UNUSUAL,
            value=number(x),
            change=number(x - previous),
            previous=number(previous),
            previous_year=previous_year,
            typical=number(typical),
            z=number(z, 1),
            z_limit=number(Z_LIMIT, 1),
            **findings.what(indicator, value),
        )


def change_limit(indicator: IndicatorRecord) -> float:
    """The indicator's largest unremarkable change from one year to the next, as a fraction."""
    threshold = indicator.change_threshold
    if threshold is None or threshold <= 0:
        return DEFAULT_CHANGE_LIMIT
    return threshold


def robust_z(value: float, history: list[float]) -> float | None:
    """The modified z-score of a value against a history (Iglewicz and Hoaglin, 1993).

    ``0.6745 * (x - median) / MAD``, where MAD is the median absolute deviation; 0.6745
    makes it comparable to a standard z-score for normal data, and median and MAD are not
    pulled along by the outliers we look for.  None with fewer than five history values
    or when MAD is 0 (a constant history, where any change would look infinite).
    """
    if len(history) < Z_MIN_HISTORY:
        return None
    # Called for every value of a file: the medians of sorted lists, as statistics.median
    # computes them, without its per-call overhead (nor the import of statistics and
    # fractions, a millisecond of every import's start-up).
    median = _sorted_median(sorted(history))
    mad = _sorted_median(sorted([abs(v - median) for v in history]))
    if mad == 0:
        return None
    return 0.6745 * (value - median) / mad


def _sorted_median(ordered: list[float]) -> float:
    """The median of a sorted, non-empty list (the mean of the middle two for an even count)."""
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2
