"""One indicator's chart: the municipality's series against the averages and its target."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from i18n import Lang
from indicators.numbers import format_number
from reports.charts.drawing import add_text
from reports.charts.drawing import chart_label
from reports.charts.drawing import finite_values
from reports.charts.drawing import include_zero
from reports.charts.drawing import label_value
from reports.charts.drawing import plot_reference
from reports.charts.drawing import plot_series
from reports.charts.drawing import plot_target_path
from reports.charts.drawing import style_axes
from reports.charts.drawing import wrap_lines
from reports.charts.palette import COUNTY_STYLE
from reports.charts.palette import GREY
from reports.charts.palette import GROUP_STYLE
from reports.charts.palette import LABEL_SIZE
from reports.charts.palette import NOTE_SIZE
from reports.charts.palette import SEKOM_STYLE
from reports.charts.palette import TARGET_GID
from reports.charts.palette import TITLE_SIZE
from reports.documents.common import direction_text
from reports.documents.common import summary_rank_text
from reports.documents.common import target_text
from reports.documents.common import value_with_unit
from reports.messages import MESSAGES
from reports.model.municipality import IndicatorSummary
from reports.model.municipality import MunicipalityReport
from reports.model.municipality import Revision
from reports.model.series import Coverage


def draw_indicator_chart(
    ax: Axes,
    report: MunicipalityReport,
    row: IndicatorSummary,
    lang: Lang = "sv",
    bins: tuple[int, int] = (8, 6),
) -> list[Any]:
    """One indicator of a municipality: its line, county and SEkom averages, target path.

    Missing years are gaps, the latest value is labelled, the unit is on the y axis.
    Returns the drawn artists; the legend is left to the caller (see :func:`add_legend`).
    """
    code = row.indicator.code
    drawn: list[Any] = []
    shown: list[float | None] = []
    for years, values, label, style in comparison_lines(report, row, lang):
        drawn += plot_reference(ax, years, values, label=label, **style)
        shown += values
    last_year = report.years[-1] if report.years else report.year
    target = row.target
    if target is not None:
        label = f"{chart_label('target_path', lang)} ({target.target_year})"
        drawn += plot_target_path(
            ax, target.path, (target.target_year, target.target_value), label=label
        )
        shown += [v for _, v in target.path] + [target.target_value]
        last_year = max(last_year, target.target_year)
    own = report.series.get(code)
    if own is not None:
        drawn += plot_series(
            ax,
            own.years,
            own.values,
            label=report.municipality_short_name or report.municipality_name,
        )
        shown += own.values
        latest = own.latest(report.year)
        if latest is not None:
            text = format_number(latest[1], row.indicator.decimals, lang)
            drawn.append(label_value(ax, latest[0], latest[1], text))
    revision = report.revisions.get(code)
    if revision is not None:
        drawn += plot_revision(ax, report, code, revision, lang)
        earlier = report.earlier.get(code)
        shown += earlier.values if earlier is not None else []
    first_year = report.years[0] if report.years else report.year
    style_axes(ax, row.indicator.unit, lang, (first_year, last_year), bins=bins)
    include_zero(ax, finite_values(shown))
    if not finite_values(shown):
        ax.tick_params(labelleft=False)
        drawn.append(
            ax.text(
                0.5,
                0.5,
                chart_label("no_values", lang),
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=TITLE_SIZE,
                color=GREY,
                parse_math=False,
            )
        )
    return drawn


def plot_revision(
    ax: Axes, report: MunicipalityReport, code: str, revision: Revision, lang: Lang = "sv"
) -> list[Any]:
    """Mark where a series crosses a set revision; draw a changed definition's old values apart.

    The mark is a thin vertical line between the last old and the first new year.  Old
    values of a changed definition get a line of their own (dotted, no join to the new
    values), so the break is visible.
    """
    drawn: list[Any] = []
    if report.years and not report.years[0] < revision.year <= report.years[-1]:
        return drawn
    mark = ax.axvline(revision.year - 0.5, color=GREY, linewidth=0.8, linestyle=":", zorder=1)
    mark.set_gid("revision")
    drawn.append(mark)
    drawn.append(
        ax.text(
            revision.year - 0.4,
            1.0,
            chart_label("revision", lang).format(year=revision.year),
            transform=ax.get_xaxis_transform(),
            ha="left",
            va="top",
            fontsize=NOTE_SIZE,
            color=GREY,
            parse_math=False,
        )
    )
    earlier = report.earlier.get(code)
    if earlier is not None and any(v is not None for v in earlier.values):
        label = chart_label("earlier_definition", lang).format(
            code=revision.old_code, set=revision.old_set
        )
        lines = plot_series(ax, earlier.years, earlier.values, linestyle=":", label=label)
        for line in lines:
            line.set_gid("earlier-definition")
        drawn += lines
    return drawn


def comparison_lines(
    report: MunicipalityReport, row: IndicatorSummary, lang: Lang = "sv"
) -> list[tuple[list[int], list[float | None], str, dict[str, Any]]]:
    """The averages to draw for one indicator: (years, values, legend label, style).

    Years whose mean is over too few of the group (:class:`reports.model.series.Coverage`) are
    gaps, and an average with too few values in the compared year is not drawn (the
    headline says so, see :func:`coverage_notes`).  Averages whose lines are identical (the
    same municipalities) are drawn once, named by every group they stand for.
    """
    code = row.indicator.code
    compared = row.latest_year if row.latest_year is not None else report.year
    lines: list[tuple[list[int], list[float | None], list[str], dict[str, Any]]] = []
    for average, style in (
        (report.county_average.get(code), COUNTY_STYLE),
        (report.sekom_average.get(code), SEKOM_STYLE),
        *((by_code.get(code), GROUP_STYLE) for by_code in report.group_averages.values()),
    ):
        if average is None or not finite_values(average.series.values):
            continue
        if average.members and not average.coverage(compared).enough:
            continue
        values = average.shown_values()
        for _years, other, labels, _style in lines:
            if other == values:
                labels.append(average.label(lang))
                break
        else:
            lines.append((average.series.years, values, [average.label(lang)], style))
    return [(years, values, _joined(labels, lang), style) for years, values, labels, style in lines]


def _joined(labels: Sequence[str], lang: Lang) -> str:
    """``A``, ``A och B``, ``A, B och C``."""
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + f" {chart_label('and', lang)} " + labels[-1]


def coverage_notes(row: IndicatorSummary, lang: Lang = "sv") -> list[str]:
    """What the averages of a row are over, when not every municipality of the group:
    ``Länssnitt och SEkom-snitt: snitt av 6 av 7 kommuner``, ``Länssnitt: för få värden (1 av
    7)``.  Averages with the same coverage share one note."""
    named: list[tuple[str, Coverage | None]] = [
        (chart_label("county_average", lang), row.county_coverage)
    ]
    named.append((MESSAGES("sekom-average", lang), row.sekom_coverage))
    for group, group_coverage in row.group_coverages.items():
        named.append((MESSAGES("group-average", lang, name=group), group_coverage))
    by_text: dict[str, list[str]] = {}
    for label, coverage in named:
        if coverage is None or coverage.of == 0 or coverage.count >= coverage.of:
            continue
        by_text.setdefault(coverage.text(lang), []).append(label)
    return [f"{_joined(labels, lang)}: {text}" for text, labels in by_text.items()]


def _legend_row(fig: Figure, x: float, y: float) -> dict[str, Any]:
    """How every legend sits: one frameless row whose upper left corner is (x, y) in the figure."""
    return {
        "loc": "upper left",
        "bbox_to_anchor": (x, y),
        "bbox_transform": fig.transFigure,
        "frameon": False,
        "fontsize": LABEL_SIZE,
        "handlelength": 2.6,
        "columnspacing": 1.4,
        "borderaxespad": 0,
        "borderpad": 0,
    }


def add_legend(ax: Axes, fig: Figure, x: float, y: float, ncols: int = 4) -> Any:
    """A legend in one row whose upper left corner sits at (x, y) in figure fractions."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    # The municipality's own line is drawn last (on top) but belongs first in the legend.
    order = sorted(range(len(handles)), key=lambda k: -handles[k].get_zorder())
    handles, labels = [handles[k] for k in order], [labels[k] for k in order]
    return ax.legend(
        handles,
        labels,
        ncols=min(ncols, len(handles)),
        **_legend_row(fig, x, y),
    )


def comment_lines(
    report: MunicipalityReport, code: str, width_in: float, max_lines: int, lang: Lang = "sv"
) -> list[str]:
    """The official's comments for the shown years as footnote lines, at most ``max_lines``."""
    years = set(report.years)
    comments = sorted((y, c) for y, c in report.notes(code, lang).items() if y in years and c)
    if not comments:
        return []
    lines = [f"{chart_label('comments', lang)}:"]
    for shown, (year, comment) in enumerate(comments):
        wrapped = wrap_lines(f"{year}: {' '.join(comment.split())}", width_in - 0.2)
        left = len(comments) - shown
        if len(lines) + len(wrapped) > max_lines - (1 if left > 1 else 0):
            lines.append(chart_label("more_comments", lang).format(n=left))
            break
        lines += ["   " + line if k else line for k, line in enumerate(wrapped)]
    return lines


def headline(row: IndicatorSummary, lang: Lang = "sv", latest: bool = True) -> tuple[str, str]:
    """Title and one-line summary of an indicator section (used above each chart).

    ``latest=False`` leaves out the latest value, for charts that label it themselves.
    """
    title = f"{row.indicator.code} {row.indicator.label(lang)}"
    parts = [f"{row.trend.symbol} {row.trend.sentence(lang)}"]
    if latest:
        value = value_with_unit(row.latest_value, row.indicator, lang, row.latest_year)
        parts.append(f"{chart_label('latest', lang)}: {value}")
    parts += [
        f"{chart_label('rank_short', lang)}: {summary_rank_text(row, lang)}",
        direction_text(row.indicator, lang),
    ]
    if row.target is not None:
        parts.append(
            f"{chart_label('target', lang)}: {target_text(row.target, row.indicator, lang)}"
        )
    parts += coverage_notes(row, lang)
    return title, " · ".join(parts)


def reset_axes(ax: Axes) -> None:
    """Empty an axes for the next chart but keep the axes itself.

    Making a new axes costs more than drawing a chart on it (its ticks, spines and tick
    labels are built anew), so pages of charts reuse theirs and replace only the data.
    """
    for artist in [*ax.lines, *ax.texts, *ax.collections, *ax.patches]:
        artist.remove()
    if ax.legend_ is not None:
        ax.legend_.remove()
    ax.relim()  # forget the previous chart's data limits
    ax.set_autoscale_on(True)
    ax.tick_params(labelleft=True)
    ax.set_visible(True)


def draw_indicator_section(
    fig: Figure,
    box: tuple[float, float, float, float],
    report: MunicipalityReport,
    row: IndicatorSummary,
    lang: Lang = "sv",
    max_note_lines: int = 7,
    ax: Axes | None = None,
    legend: bool = True,
) -> Axes:
    """Title, summary, chart, legend and comment footnotes in ``box`` (inches: x, y, w, h).

    With ``ax`` the chart is drawn on that axes (emptied and moved into the box) instead
    of a new one; with ``legend=False`` the caller draws one legend for several charts
    (see :func:`add_page_legend`).
    """
    fig_w, fig_h = fig.get_size_inches()
    x, y, w, h = box
    top = y + h
    # Half-page charts (PDF pages) leave the latest value to its label on the chart: every
    # character of text costs drawing time, and the summary page lists it with its unit.
    compact = w < 5
    title, summary = headline(row, lang, latest=not compact)
    title_lines = wrap_lines(title, w, TITLE_SIZE * 1.1)[:2]
    add_text(
        fig, x / fig_w, top / fig_h, "\n".join(title_lines), fontsize=TITLE_SIZE, fontweight="bold"
    )
    summary_top = top - 0.08 - 0.19 * len(title_lines)
    summary_lines = wrap_lines(summary, w, LABEL_SIZE - 0.5)[:4]
    add_text(
        fig, x / fig_w, summary_top / fig_h, "\n".join(summary_lines), fontsize=LABEL_SIZE - 0.5
    )
    notes = comment_lines(report, row.indicator.code, w, max_note_lines, lang)
    note_h = 0.135 * len(notes)
    axes_top = summary_top - 0.17 - 0.155 * len(summary_lines)
    axes_bottom = y + note_h + (0.62 if legend else 0.35)
    left_margin = 0.75
    rect = (
        (x + left_margin) / fig_w,
        axes_bottom / fig_h,
        (w - left_margin - 0.1) / fig_w,
        max(0.5, axes_top - axes_bottom) / fig_h,
    )
    if ax is None:
        ax = fig.add_axes(rect)
    else:
        reset_axes(ax)
        ax.set_position(rect)
    # A chart half a page wide takes fewer tick labels: each one costs as much to draw as
    # a line of text.
    bins = (5, 5) if compact else (8, 6)
    draw_indicator_chart(ax, report, row, lang, bins)
    if legend:
        add_legend(ax, fig, (x + left_margin) / fig_w, (axes_bottom - 0.3) / fig_h)
    if notes:
        add_text(
            fig,
            x / fig_w,
            (y + note_h) / fig_h,
            "\n".join(notes),
            fontsize=NOTE_SIZE,
            color="#333333",
            linespacing=1.3,
        )
    return ax


def add_page_legend(
    fig: Figure, axes: Sequence[Axes], x: float, y: float, lang: Lang = "sv"
) -> Any:
    """One legend in one row for every chart of a page, upper left corner at (x, y).

    Every chart draws each kind of line in the same style, so one legend explains them
    all; the target path is named without its year (each chart's summary gives it).
    """
    found: dict[str, Any] = {}
    for ax in axes:
        if not ax.get_visible():
            continue
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            if handle.get_gid() == TARGET_GID:
                label = chart_label("target_path", lang)
            found.setdefault(label, handle)
    if not found:
        return None
    # The municipality's own line is drawn on top, and belongs first in the legend.
    ordered = sorted(found.items(), key=lambda item: -item[1].get_zorder())
    return fig.legend(
        [handle for _, handle in ordered],
        [label for label, _ in ordered],
        ncols=len(ordered),
        **_legend_row(fig, x, y),
    )
