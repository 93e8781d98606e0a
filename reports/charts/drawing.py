"""The shared drawing helpers: figures, plotted lines, axes, text, and the figure as SVG or PNG.

Plot helpers take ``(ax, data, **style)`` and return what they drew.  Numbers on axes go
through :func:`indicators.numbers.format_number` (decimal comma).
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
from matplotlib.text import Annotation
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter
from matplotlib.ticker import MaxNLocator

from i18n import Lang
from i18n import pick
from indicators.numbers import format_number
from reports.axis import TICK_STEPS
from reports.axis import ValueAxis
from reports.axis import value_axis
from reports.charts.palette import A4_PORTRAIT
from reports.charts.palette import COUNTY_STYLE
from reports.charts.palette import GREY
from reports.charts.palette import LABEL_SIZE
from reports.charts.palette import LIGHT_GREY
from reports.charts.palette import MUNICIPALITY_STYLE
from reports.charts.palette import NOTE_SIZE
from reports.charts.palette import TARGET_GID
from reports.charts.palette import TARGET_STYLE
from reports.charts.palette import TICK_SIZE
from reports.messages import LABELS


def clear_figure(fig: Figure) -> None:
    """Empty ``fig`` for the next page or chart, without emptying its axes first.

    ``Figure.clear`` clears every axes before removing it, which builds its ticks anew
    only to throw them away: about a third of the cost of making the axes in the first place.
    """
    for ax in tuple(fig.axes):
        fig.delaxes(ax)
    fig.clear()


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


def finite_values(values: Sequence[float | None]) -> list[float]:
    """The values that are numbers (no gaps, no NaN)."""
    return [v for v in values if v is not None and math.isfinite(v)]


def chart_label(key: str, lang: Lang) -> str:
    """A chart's word from the documents' labels, in the reader's language."""
    return LABELS(key, lang)
