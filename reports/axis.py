"""The one value-axis rule of every chart, matplotlib's (:mod:`reports.charts`) and the site's SVG.

Pure arithmetic without matplotlib, so the public site, which writes its thousands of charts
as text (:mod:`reports.site.svg`), takes its range and ticks from the same rule as the
reports' figures.  ``tests/test_report_truth.py`` checks that :func:`ticks` picks the ticks
matplotlib's ``MaxNLocator(steps=TICK_STEPS)`` shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# The value axis starts at zero for quantities and shares (never negative) unless the series
# would then be a flat line: when the values' spread is under this share of the largest
# value, the axis starts near the data instead and is marked as broken (docs/method.md).
MIN_SPREAD_FOR_ZERO = 0.2

# Round tick steps only (1, 2, 2,5, 5 times a power of ten): no ticks at 1,5 or 7,5 apart.
TICK_STEPS = [1, 2, 2.5, 5, 10]

# With values below zero the range is the data's with this share of its span on either side
# (matplotlib's default autoscale margin), so the SVG charts match the figures.
MARGIN = 0.05


@dataclass(frozen=True)
class ValueAxis:
    """The y range of a chart and whether it is broken (does not start at zero)."""

    bottom: float
    top: float
    broken: bool = False


def value_axis(values: Sequence[float | None]) -> ValueAxis | None:
    """The one axis rule of every chart; None leaves matplotlib's range (values below 0).

    Non-negative values: from 0 to a little above the largest, unless (largest - smallest)
    is under :data:`MIN_SPREAD_FOR_ZERO` of the largest; then from a little below the
    smallest, marked broken.  No values: 0 to 1.
    """
    finite = [v for v in values if v is not None and math.isfinite(v)]
    if not finite:
        return ValueAxis(0, 1)
    low, high = min(finite), max(finite)
    if low < 0:
        return None
    if high == 0:
        return ValueAxis(0, 1)
    if high - low >= MIN_SPREAD_FOR_ZERO * high:
        return ValueAxis(0, high * 1.12)
    spread = (high - low) or abs(high) * 0.05
    return ValueAxis(max(0.0, low - spread * 0.6), high + spread * 0.35, broken=low - spread > 0)


def value_range(values: Sequence[float | None]) -> ValueAxis:
    """:func:`value_axis`, or for values below zero the range matplotlib would choose itself."""
    axis = value_axis(values)
    if axis is not None:
        return axis
    finite = [v for v in values if v is not None and math.isfinite(v)]
    low, high = min(finite), max(finite)
    margin = (high - low) * MARGIN
    return ValueAxis(low - margin, high + margin)


def ticks(bottom: float, top: float, bins: int) -> list[float]:
    """Round values between bottom and top at most ``bins`` intervals apart, at least two.

    The step is the smallest of :data:`TICK_STEPS` times a power of ten that covers the
    range in ``bins`` intervals, chosen as matplotlib's ``MaxNLocator`` chooses it.
    """
    if top <= bottom:
        top = bottom + 1
    span, middle = top - bottom, (top + bottom) / 2
    # Far from zero matplotlib measures from a round offset (its scale_range); so do we, so
    # that the same rounding picks the same step.
    offset = 0.0
    if abs(middle) / span >= 100:
        offset = math.copysign(10 ** (math.log10(abs(middle)) // 1), middle)
    scale = 10 ** (math.log10(span / bins) // 1)
    factors = [f / 10 for f in TICK_STEPS[:-1]] + TICK_STEPS + [TICK_STEPS[1] * 10]
    steps = [f * scale for f in factors]
    raw = ((top - offset) - (bottom - offset)) / bins
    first_large = next((i for i, step in enumerate(steps) if step >= raw), len(steps) - 1)
    # The smallest large enough step, or a smaller one when fewer than two ticks fit inside.
    inside: list[float] = []
    for step in reversed(steps[: first_large + 1]):
        inside = _multiples(bottom, top, step)
        if len(inside) >= 2:
            break
    return inside


def _multiples(bottom: float, top: float, step: float) -> list[float]:
    first = math.ceil(bottom / step - 1e-9)
    last = math.floor(top / step + 1e-9)
    return [round(n * step, 10) for n in range(first, last + 1)]
