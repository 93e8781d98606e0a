"""Small SVG charts for the public site, written as text.

The site has one chart per municipality and indicator (4 640 for the whole country), so
they are drawn directly rather than through matplotlib (about 40 ms a figure).  Each chart
has a title for screen readers; the table beside it carries the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from i18n import Lang
from indicators.numbers import format_number

INK = "#1a1a1a"
MUTED = "#555555"
RULE = "#d9d9d9"
LINE = "#0072B2"  # Okabe-Ito blue: readable for the colour-blind
TARGET = "#B34A00"
LINK = "#0a4f8a"  # the site's link colour
NOTE_LINE = 16  # height of a line of text under a chart
TITLE_LINE = 24  # height of the title above a standalone chart


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (1, 2, 2.5 or 5 times a power of ten apart)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)
    first = math.floor(low / step) * step
    ticks = [round(first, 10)]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _decimals_for(ticks: Sequence[float]) -> int:
    for decimals in range(0, 4):
        if all(abs(t - round(t, decimals)) < 1e-9 for t in ticks):
            return decimals
    return 3


def line_chart(
    points: Sequence[tuple[int, float | None, bool]],
    *,
    title: str,
    unit: str,
    decimals: int,
    lang: Lang = "sv",
    target: tuple[int, float] | None = None,
    target_label: str = "Mål",
    chart_id: str = "chart",
    desc: str | None = None,
    notes: Sequence[str] = (),
    link: tuple[str, str] | None = None,
    standalone: bool = False,
) -> str:
    """A line chart of one series: (year, value or None, preliminary) points.

    Preliminary values are drawn as hollow circles; a target as a dashed marker.  ``desc``
    describes the chart for screen readers; ``notes`` (the source, the data's date) and a
    ``link`` (address, text) to the data table go under the plot; ``standalone`` makes a
    file of its own (XML declaration, size and language).
    """
    width, height = 560, 230
    left, right, top, bottom = 64, 16, 26, 30
    below = [*notes, *([link[1]] if link else [])]
    # A file opened on its own shows its title above the plot; a page has its heading.
    heading = TITLE_LINE if standalone else 0
    total_height = heading + height + NOTE_LINE * len(below) + (6 if below else 0)
    years = [year for year, _, _ in points]
    values = [value for _, value, _ in points if value is not None]
    if target is not None:
        years.append(target[0])
        values.append(target[1])
    if not years:
        years = [0]
    first, last = min(years), max(years)
    low = min([0.0, *values]) if values else 0.0
    high = max(values) if values else 1.0
    ticks = nice_ticks(low, high * 1.05 if high > 0 else high + 1)
    y0, y1 = ticks[0], ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(year: float) -> float:
        return left + (plot_w * (year - first) / (last - first) if last > first else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h * (1 - (value - y0) / (y1 - y0))

    described = f' aria-describedby="{chart_id}-desc"' if desc else ""
    sized = (
        f' width="{width}" height="{total_height}" xml:lang="{escape(lang)}" '
        'font-family="system-ui, sans-serif"'
        if standalone
        else ""
    )
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else "",
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total_height}"{sized} '
        f'role="img" aria-labelledby="{chart_id}-title"{described}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    if desc:
        parts.append(f'<desc id="{chart_id}-desc">{escape(desc)}</desc>')
    if standalone:  # a file opened on its own has no page behind it
        parts.append(
            f'<rect width="{width}" height="{total_height}" fill="#ffffff"/>'
            f'<text x="4" y="16" font-size="14" font-weight="bold" fill="{INK}" '
            f'aria-hidden="true">{escape(title)}</text>'
            f'<g transform="translate(0 {heading})">'
        )
    tick_decimals = _decimals_for(ticks)
    for tick in ticks:
        ty = y(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{RULE}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{MUTED}">{escape(format_number(tick, tick_decimals, lang))}</text>'
        )
    step = max(1, math.ceil((last - first + 1) / 8))
    for year in range(first, last + 1, step):
        parts.append(
            f'<text x="{x(year):.1f}" y="{height - 10}" text-anchor="middle" font-size="12" '
            f'fill="{MUTED}">{year}</text>'
        )
    parts.append(f'<text x="4" y="12" font-size="12" fill="{MUTED}">{escape(unit)}</text>')
    # The line breaks where a year has no value: a gap is not a straight change.
    segment: list[str] = []
    segments: list[list[str]] = []
    for _year, value, _ in points:
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(_year):.1f},{y(value):.1f}")
    if segment:
        segments.append(segment)
    for line in segments:
        if len(line) > 1:
            parts.append(
                f'<polyline fill="none" stroke="{LINE}" stroke-width="2" '
                f'points="{" ".join(line)}"/>'
            )
    for year, value, preliminary in points:
        if value is None:
            continue
        fill = "#ffffff" if preliminary else LINE
        parts.append(
            f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="3.5" fill="{fill}" '
            f'stroke="{LINE}" stroke-width="1.5"/>'
        )
    if target is not None:
        tx, ty = x(target[0]), y(target[1])
        shown = format_number(target[1], decimals, lang)
        parts.append(
            f'<line x1="{tx - 14:.1f}" x2="{tx + 2:.1f}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{TARGET}" stroke-width="2.5" stroke-dasharray="4 2"/>'
            f'<text x="{tx - 16:.1f}" y="{ty - 6:.1f}" text-anchor="end" font-size="12" '
            f'fill="{TARGET}">{escape(target_label)} {escape(shown)}</text>'
        )
    line_y = height + 6
    for note in notes:
        line_y += NOTE_LINE
        parts.append(
            f'<text x="4" y="{line_y}" font-size="12" fill="{MUTED}">{escape(note)}</text>'
        )
    if link is not None:
        line_y += NOTE_LINE
        parts.append(
            f'<a href="{escape(link[0])}"><text x="4" y="{line_y}" font-size="12" '
            f'fill="{LINK}" text-decoration="underline">{escape(link[1])}</text></a>'
        )
    parts.append("</g></svg>" if standalone else "</svg>")
    return "".join(parts)


def bar_chart(
    bars: Sequence[tuple[str, float | None, bool]],
    *,
    title: str,
    decimals: int,
    lang: Lang = "sv",
    chart_id: str = "bars",
) -> str:
    """Horizontal bars, one per municipality: (label, value or None, preliminary)."""
    row, left, right, top = 22, 130, 70, 8
    width = 560
    height = top * 2 + row * max(len(bars), 1)
    values = [value for _, value, _ in bars if value is not None]
    high = max([0.0, *values]) or 1.0
    low = min([0.0, *values])
    span = high - low or 1.0
    plot_w = width - left - right

    def x(value: float) -> float:
        return left + plot_w * (value - low) / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for index, (label, value, preliminary) in enumerate(bars):
        ty = top + index * row
        parts.append(
            f'<text x="{left - 6}" y="{ty + 15}" text-anchor="end" font-size="12" '
            f'fill="{INK}">{escape(label)}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{left + 4}" y="{ty + 15}" font-size="12" fill="{MUTED}">..</text>'
            )
            continue
        start, end = sorted((x(0.0), x(value)))
        fill = "#ffffff" if preliminary else LINE
        parts.append(
            f'<rect x="{start:.1f}" y="{ty + 4}" width="{max(end - start, 1):.1f}" '
            f'height="{row - 8}" fill="{fill}" stroke="{LINE}"/>'
            f'<text x="{end + 4:.1f}" y="{ty + 15}" font-size="12" fill="{INK}">'
            f"{escape(format_number(value, decimals, lang))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
