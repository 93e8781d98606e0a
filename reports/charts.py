"""Chart primitives on matplotlib's object API: `Figure()` objects, no pyplot, no global rcParams.

Plot helpers take ``(ax, data, **style)`` and return what they drew.  Colours come from the
Okabe-Ito palette, which stays distinguishable for the common kinds of colour blindness;
lines also differ by dash pattern and marker, so a chart printed in grey still reads.
Numbers on axes go through :func:`indicators.numbers.format_number` (decimal comma).

Only the report commands import this module: it imports matplotlib at the top.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Sequence
from typing import Any

import pyphen
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from i18n import Lang, pick
from indicators.numbers import format_number
from reports.axis import TICK_STEPS, ValueAxis, value_axis
from reports.documents.common import direction_text, summary_rank_text, target_text, value_with_unit
from reports.messages import LABELS, MESSAGES
from reports.model.county import CountyComparison
from reports.model.municipality import IndicatorSummary, MunicipalityReport, Revision
from reports.model.series import Coverage, IndicatorMeta, MunicipalityMeta

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#7F7F7F"
LIGHT_GREY = "#D9D9D9"

# Kolada-style rank colours: the strong colour for marks, a light tint for table cells
# (black text stays readable on it).  Keys are the colour names the analysis uses.
RANK_COLOURS = {
    "green": OKABE_ITO["bluish_green"],
    "yellow": OKABE_ITO["yellow"],
    "red": OKABE_ITO["vermillion"],
    "grey": "#BBBBBB",
}
RANK_FILLS = {
    "green": "#A8DCCB",
    "yellow": "#F8F1A6",
    "red": "#F3BE9C",
    "grey": "#E4E4E4",
}

# One style per kind of line, shared by every chart so a reader learns it once.
MUNICIPALITY_STYLE: dict[str, Any] = {
    "color": OKABE_ITO["blue"],
    "linewidth": 2.2,
    "marker": "o",
    "markersize": 4.5,
    "zorder": 5,
}
COUNTY_STYLE: dict[str, Any] = {
    "color": OKABE_ITO["orange"],
    "linewidth": 1.6,
    "linestyle": (0, (5, 2.5)),
    "zorder": 4,
}
SEKOM_STYLE: dict[str, Any] = {
    "color": OKABE_ITO["reddish_purple"],
    "linewidth": 1.6,
    "linestyle": (0, (1.5, 1.5)),
    "zorder": 3,
}
GROUP_STYLE: dict[str, Any] = {
    "color": OKABE_ITO["bluish_green"],
    "linewidth": 1.4,
    "linestyle": (0, (6, 2, 1.5, 2)),
    "zorder": 3,
}
TARGET_STYLE: dict[str, Any] = {
    "color": OKABE_ITO["vermillion"],
    "linewidth": 1.4,
    "linestyle": (0, (3, 2)),
    "zorder": 2,
}

# Marks the target path, whose legend label names its year ("Målkurva (2030)"): a legend
# shared by several charts names it once without the year.
TARGET_GID = "target-path"

# Font sizes in points, chosen to be legible on an A4 page at 100 %.
TITLE_SIZE = 11
LABEL_SIZE = 9
TICK_SIZE = 8.5
NOTE_SIZE = 7.5

A4_PORTRAIT = (8.27, 11.69)
A4_LANDSCAPE = (11.69, 8.27)


def new_figure(size: tuple[float, float] = A4_PORTRAIT, dpi: float = 100) -> Figure:
    """A bare figure (no pyplot, no layout engine) of ``size`` inches."""
    return Figure(figsize=size, dpi=dpi)


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def plot_series(
    ax: Axes, years: Sequence[int], values: Sequence[float | None], **style: Any
) -> list[Line2D]:
    """One series as a line; ``None`` values leave a gap (markers show isolated points)."""
    merged = {**MUNICIPALITY_STYLE, **style}
    return ax.plot(list(years), _nan(values), **merged)


def plot_reference(
    ax: Axes, years: Sequence[int], values: Sequence[float | None], **style: Any
) -> list[Line2D]:
    """A comparison series (an average), dashed and behind the municipality's own line."""
    merged = {**COUNTY_STYLE, **style}
    return ax.plot(list(years), _nan(values), **merged)


def plot_target_path(
    ax: Axes,
    path: Sequence[tuple[int, float]],
    target: tuple[int, float] | None = None,
    **style: Any,
) -> list[Any]:
    """The straight path towards a target, with the target itself marked by a star."""
    merged = {**TARGET_STYLE, **style}
    drawn: list[Any] = []
    if path:
        xs, ys = zip(*path, strict=True)
        drawn += ax.plot(list(xs), list(ys), gid=TARGET_GID, **merged)
    if target is not None:
        drawn += ax.plot(
            [target[0]],
            [target[1]],
            marker="*",
            markersize=10,
            linestyle="none",
            color=merged["color"],
            zorder=merged.get("zorder", 2) + 1,
        )
    return drawn


def label_value(
    ax: Axes, year: int, value: float, text: str, above: bool = True, **style: Any
) -> Annotation:
    """Write ``text`` next to the point (year, value): used for the latest value."""
    merged: dict[str, Any] = {
        "fontsize": LABEL_SIZE,
        "fontweight": "bold",
        "color": MUNICIPALITY_STYLE["color"],
        "ha": "center",
        "va": "bottom" if above else "top",
        "zorder": 6,
        **style,
    }
    return ax.annotate(
        text,
        xy=(year, value),
        xytext=(0, 7 if above else -7),
        textcoords="offset points",
        parse_math=False,
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
        **merged,
    )


def _tick_decimals(locs: Sequence[float]) -> int:
    """The fewest decimals (at most 6) that write every tick exactly, so no two read the same."""
    for decimals in range(7):
        if all(abs(loc - round(loc, decimals)) < 1e-9 * max(1.0, abs(loc)) for loc in locs):
            return decimals
    return 6


class _LocsFormatter(FuncFormatter):
    """A FuncFormatter that keeps the tick locations it is given (``locs`` is deprecated)."""

    tick_locs: Sequence[float] = ()

    def set_locs(self, locs: Sequence[float]) -> None:
        self.tick_locs = list(locs)


def number_formatter(lang: Lang = "sv") -> FuncFormatter:
    """Tick labels written with :func:`format_number`: ``1 234,5`` in Swedish."""

    def _format(x: float, _pos: int | None) -> str:
        return format_number(x, _tick_decimals(formatter.tick_locs), lang)

    formatter = _LocsFormatter(_format)
    return formatter


def year_formatter() -> FuncFormatter:
    """Years as plain integers (never ``2 024``)."""
    return FuncFormatter(lambda x, _pos: f"{int(round(x))}")


def frame_axes(ax: Axes, ticksize: float) -> None:
    """The light frame every chart shares: grey ticks, horizontal grid lines, no top or right."""
    ax.tick_params(labelsize=ticksize, length=3, color=GREY)
    ax.grid(True, axis="y", color=LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GREY)


def style_axes(
    ax: Axes,
    unit: str = "",
    lang: Lang = "sv",
    years: tuple[int, int] | None = None,
    ticksize: float = TICK_SIZE,
    bins: tuple[int, int] = (8, 6),
) -> None:
    """Common look of a time-series axes: light grid, unit on y, integer years on x.

    ``bins`` caps the tick intervals on x and y: small charts take fewer labels.
    """
    ax.yaxis.set_major_formatter(number_formatter(lang))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=bins[1], steps=TICK_STEPS))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=bins[0], integer=True, steps=TICK_STEPS))
    ax.xaxis.set_major_formatter(year_formatter())
    frame_axes(ax, ticksize)
    if unit:
        ax.set_ylabel(unit, fontsize=LABEL_SIZE, parse_math=False)
    if years is not None:
        first, last = years
        ax.set_xlim(first - 0.5, last + 0.5)


BROKEN_AXIS_GID = "broken-axis"


def include_zero(ax: Axes, values: Sequence[float]) -> ValueAxis | None:
    """Apply :func:`value_axis` to ``ax`` and mark a broken axis with a break on its spine."""
    axis = value_axis(values)
    if axis is None:
        return None
    ax.set_ylim(axis.bottom, axis.top)
    if axis.broken:
        mark_broken_axis(ax)
    return axis


def mark_broken_axis(ax: Axes) -> None:
    """Two short parallel strokes across the bottom of the y axis: it does not start at 0."""
    for offset in (0.0, 0.025):
        ax.plot(
            [-0.018, 0.018],
            [0.015 + offset, 0.045 + offset],
            transform=ax.transAxes,
            clip_on=False,
            color=GREY,
            linewidth=1.0,
            gid=BROKEN_AXIS_GID,
        )


def add_text(fig: Figure, x: float, y: float, text: str, **style: Any) -> Text:
    """Figure text at (x, y) in figure fractions; data text is never read as mathtext."""
    merged: dict[str, Any] = {"fontsize": LABEL_SIZE, "va": "top", "ha": "left", **style}
    return fig.text(x, y, text, parse_math=False, **merged)


def wrap_lines(text: str, width_in: float, fontsize: float = NOTE_SIZE) -> list[str]:
    """Wrap ``text`` to fit ``width_in`` inches at ``fontsize`` (an estimate, no layout pass)."""
    # DejaVu Sans averages about 0.55 em per character in running Swedish text; digits and
    # bold letters are wider, so we wrap a little early.
    chars = max(8, int(width_in * 72 / (fontsize * 0.6)))
    return textwrap.wrap(text, chars, break_long_words=True) or [""]


def wrap_heading(
    text: str, width_in: float, fontsize: float = NOTE_SIZE, lang: Lang = "sv"
) -> list[str]:
    """Wrap a table heading at word boundaries; hyphenate a word only when it cannot fit.

    Long Swedish compounds ("Koldioxidutsläpp") are split where Swedish hyphenation allows
    (pyphen's sv_SE patterns), with a hyphen; nothing is ever cut off.
    """
    chars = max(6, int(width_in * 72 / (fontsize * 0.62)))
    dictionary = pyphen.Pyphen(lang=pick(lang, "sv_SE", "en_GB"))
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= chars:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        while len(word) > chars:
            for head, tail in dictionary.iterate(word):
                if len(head) + 1 <= chars:
                    lines.append(head + "-")
                    word = tail
                    break
            else:  # no allowed break fits: the whole word on its own, a little too wide
                break
        current = word
    if current:
        lines.append(current)
    return lines or [""]


def svg_text(fig: Figure, salt: str = "miljomal") -> str:
    """The figure as an inline ``<svg>`` element: no prolog, no metadata, no namespace URLs.

    ``salt`` seeds matplotlib's element ids, so the output is identical for identical input;
    give each figure of one document its own salt so ids stay unique within the page.
    """
    buffer = io.StringIO()
    with rc_context({"svg.hashsalt": salt, "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    head_end = svg.index(">")
    head = svg[:head_end]
    head = re.sub(r'\s(?:xmlns(?::\w+)?|width|height|version)="[^"]*"', "", head)
    return head + ' role="img"' + svg[head_end:]


def png_bytes(fig: Figure, dpi: float = 150) -> bytes:
    """The figure as PNG bytes (no time stamp in the metadata)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------
# Charts built from the report model.


def _finite(values: Sequence[float | None]) -> list[float]:
    return [v for v in values if v is not None and math.isfinite(v)]


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
        label = f"{_label('target_path', lang)} ({target.target_year})"
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
    include_zero(ax, _finite(shown))
    if not _finite(shown):
        ax.tick_params(labelleft=False)
        drawn.append(
            ax.text(
                0.5,
                0.5,
                _label("no_values", lang),
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
            _label("revision", lang).format(year=revision.year),
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
        label = _label("earlier_definition", lang).format(
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

    Years whose mean is over too few of the group (:class:`reports.model.Coverage`) are
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
        if average is None or not _finite(average.series.values):
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
    return ", ".join(labels[:-1]) + f" {_label('and', lang)} " + labels[-1]


def coverage_notes(row: IndicatorSummary, lang: Lang = "sv") -> list[str]:
    """What the averages of a row are over, when not every municipality of the group:
    ``Länssnitt och SEkom-snitt: snitt av 6 av 7 kommuner``, ``Länssnitt: för få värden (1 av
    7)``.  Averages with the same coverage share one note."""
    named: list[tuple[str, Coverage | None]] = [
        (_label("county_average", lang), row.county_coverage)
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
    lines = [f"{_label('comments', lang)}:"]
    for shown, (year, comment) in enumerate(comments):
        wrapped = wrap_lines(f"{year}: {' '.join(comment.split())}", width_in - 0.2)
        left = len(comments) - shown
        if len(lines) + len(wrapped) > max_lines - (1 if left > 1 else 0):
            lines.append(_label("more_comments", lang).format(n=left))
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
        parts.append(f"{_label('latest', lang)}: {value}")
    parts += [
        f"{_label('rank_short', lang)}: {summary_rank_text(row, lang)}",
        direction_text(row.indicator, lang),
    ]
    if row.target is not None:
        parts.append(f"{_label('target', lang)}: {target_text(row.target, row.indicator, lang)}")
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
                label = _label("target_path", lang)
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
) -> list[Axes]:
    """Every municipality's series of one indicator, one small panel each, shared y axis.

    Each panel shows the municipality (solid) against the county average (dashed); the
    panel title is tinted with the municipality's rank colour in the report year.  With
    ``only``, panels for just those municipalities (the y axis is still the county's).
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
    everything = _finite(average_values)
    for each in by_code.values():
        everything += _finite(each.values)
    years = comparison.years or (comparison.year,)
    axes: list[Axes] = []
    reference: Axes | None = None
    value_range: ValueAxis | None = None
    for k, municipality in enumerate(municipalities):
        col, row_index = k % cols, k // cols
        left_in = x + left + col * (panel_w + gap_x)
        bottom_in = y + h - (row_index + 1) * (panel_h + gap_y) + 0.05
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
        if average is not None and _finite(average_values):
            plot_reference(
                ax,
                average.years,
                average_values,
                linewidth=1.1,
                label=_label("county_average", lang),
            )
        series = by_code.get(municipality.code)
        if series is not None:
            plot_series(
                ax,
                series.years,
                series.values,
                linewidth=1.5,
                markersize=2.5,
                label=_label("municipality", lang),
            )
        colour = comparison.colour(municipality.code, indicator.code)
        value = comparison.value(municipality.code, indicator.code)
        caption = municipality.label
        if value is not None:
            caption += f": {format_number(value, indicator.decimals, lang)}"
        ax.set_title(
            caption,
            fontsize=LABEL_SIZE - 0.5,
            loc="left",
            pad=3,
            parse_math=False,
            bbox={"boxstyle": "square,pad=0.2", "fc": RANK_FILLS[colour], "ec": "none"},
        )
        axes.append(ax)
    if axes and legend:
        add_legend(axes[0], fig, (x + w) / fig_w - 0.25, (y + h + 0.35) / fig_h, ncols=2)
    return axes


def _label(key: str, lang: Lang) -> str:
    return LABELS(key, lang)
