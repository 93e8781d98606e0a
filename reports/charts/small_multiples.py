"""The county report's small multiples: every municipality's series of one indicator."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from i18n import Lang
from indicators.numbers import format_number
from reports.axis import TICK_STEPS
from reports.axis import ValueAxis
from reports.charts.drawing import chart_label
from reports.charts.drawing import finite_values
from reports.charts.drawing import frame_axes
from reports.charts.drawing import include_zero
from reports.charts.drawing import mark_broken_axis
from reports.charts.drawing import plot_reference
from reports.charts.drawing import plot_series
from reports.charts.drawing import style_axes
from reports.charts.palette import LABEL_SIZE
from reports.charts.palette import RANK_FILLS
from reports.charts.palette import TICK_SIZE
from reports.charts.trend_chart import add_legend
from reports.charts.trend_chart import reset_axes
from reports.model.county import CountyComparison
from reports.model.series import IndicatorMeta
from reports.model.series import MunicipalityMeta


def small_multiples_grid(n: int, width: float, height: float) -> tuple[int, int]:
    """Columns and rows for ``n`` panels in a width x height area, panels about 3:2."""
    best = (1, n)
    best_score = -1.0
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        panel_w, panel_h = width / cols, height / rows
        score = min(panel_w, panel_h * 1.5)
        if score > best_score:
            best, best_score = (cols, rows), score
    return best


def draw_small_multiples(
    fig: Figure,
    box: tuple[float, float, float, float],
    comparison: CountyComparison,
    indicator: IndicatorMeta,
    lang: Lang = "sv",
    only: Sequence[MunicipalityMeta] | None = None,
    legend: bool = True,
    axes: Sequence[Axes] = (),
) -> list[Axes]:
    """Every municipality's series of one indicator, one small panel each, shared y axis.

    Each panel shows the municipality (solid) against the county average (dashed); the
    panel title is tinted with the municipality's rank colour in the report year.  With
    ``only``, panels for just those municipalities (the y axis is still the county's).
    With ``axes`` (what an earlier call returned for the same box and number of panels)
    the panels are drawn again on those axes instead of new ones (see `reset_axes`).
    """
    fig_w, fig_h = fig.get_size_inches()
    x, y, w, h = box
    municipalities = tuple(only) if only is not None else comparison.municipalities
    by_code = comparison.series.get(indicator.code, {})
    average = comparison.county_average.get(indicator.code)
    cols, rows = small_multiples_grid(len(municipalities), w, h)
    gap_x, gap_y, left, bottom = 0.25, 0.45, 0.6, 0.3
    panel_w = (w - left - gap_x * (cols - 1)) / cols
    panel_h = (h - bottom - gap_y * rows) / rows
    average_values = comparison.shown_average(indicator.code)
    everything = finite_values(average_values)
    for each in by_code.values():
        everything += finite_values(each.values)
    years = comparison.years or (comparison.year,)
    reused = list(axes)
    # All emptied before the first is styled: its limits then reach every shared panel.
    for ax in reused:
        reset_axes(ax)
    drawn: list[Axes] = []
    reference: Axes | None = None
    value_range: ValueAxis | None = None
    for k, municipality in enumerate(municipalities):
        col, row_index = k % cols, k // cols
        left_in = x + left + col * (panel_w + gap_x)
        bottom_in = y + h - (row_index + 1) * (panel_h + gap_y) + 0.05
        if k < len(reused):
            ax = reused[k]
        else:
            ax = fig.add_axes(
                (left_in / fig_w, bottom_in / fig_h, panel_w / fig_w, panel_h / fig_h),
                sharex=reference,
                sharey=reference,
            )
        if reference is None:
            reference = ax
            style_axes(ax, "", lang, (years[0], years[-1]), ticksize=TICK_SIZE - 1.5)
            value_range = include_zero(ax, everything)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True, steps=TICK_STEPS))
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=TICK_STEPS))
        else:
            frame_axes(ax, TICK_SIZE - 1.5)
            if value_range is not None and value_range.broken and col == 0:
                mark_broken_axis(ax)
        if col != 0:
            ax.tick_params(labelleft=False)
        if k + cols < len(municipalities):
            ax.tick_params(labelbottom=False)
        if average is not None and finite_values(average_values):
            plot_reference(
                ax,
                average.years,
                average_values,
                linewidth=1.1,
                label=chart_label("county_average", lang),
            )
        series = by_code.get(municipality.code)
        if series is not None:
            plot_series(
                ax,
                series.years,
                series.values,
                linewidth=1.5,
                markersize=2.5,
                label=chart_label("municipality", lang),
            )
        colour = comparison.colour(municipality.code, indicator.code)
        value = comparison.value(municipality.code, indicator.code)
        caption = municipality.label
        if value is not None:
            caption += f": {format_number(value, indicator.decimals, lang)}"
        # A fixed y (where matplotlib would leave it: no tick labels sit on top) spares
        # measuring every tick label of the panel to see whether the title must move up.
        ax.set_title(
            caption,
            fontsize=LABEL_SIZE - 0.5,
            loc="left",
            y=1.0,
            pad=3,
            parse_math=False,
            bbox={"boxstyle": "square,pad=0.2", "fc": RANK_FILLS[colour], "ec": "none"},
        )
        drawn.append(ax)
    if drawn and legend:
        add_legend(drawn[0], fig, (x + w) / fig_w - 0.25, (y + h + 0.35) / fig_h, ncols=2)
    return drawn
