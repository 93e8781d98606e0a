"""The Gantt chart of a plan's activities on a matplotlib `Figure` (no pyplot).

Bars are coloured by flag in the Okabe-Ito palette and also differ by hatch, so the chart
reads in grey print and for colour-blind readers; late activities get a heavy outline.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING

from i18n import Lang
from plan.messages import MESSAGES
from plan.texts import flag_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from plan.report_model import PlanReport

# Okabe & Ito (2008): distinguishable for the common kinds of colour blindness.
FLAG_COLOURS = {
    "late": "#D55E00",  # vermillion
    "at-risk": "#E69F00",  # orange
    "on-track": "#009E73",  # bluish green
    "done": "#0072B2",  # blue
    "cancelled": "#BBBBBB",
}
FLAG_HATCHES = {"late": "xx", "at-risk": "//", "on-track": "", "done": "", "cancelled": ".."}
# Light tints of the same colours for table cells (black text stays readable).
FLAG_FILLS = {
    "late": "#F3BE9C",
    "at-risk": "#F8DFA6",
    "on-track": "#A8DCCB",
    "done": "#A9CDE6",
    "cancelled": "#E4E4E4",
}


def gantt_figure(
    report: PlanReport, lang: Lang = "sv", width: float = 11.0, height: float | None = None
) -> Figure:
    """One bar per activity from start to end, the as-of date marked, late ones highlighted."""
    import matplotlib.dates as mdates  # heavy: tests/test_startup_imports.py
    from matplotlib.figure import Figure  # heavy: tests/test_startup_imports.py
    from matplotlib.patches import Patch  # heavy: tests/test_startup_imports.py

    statuses = [s for s in report.statuses if s.activity.start and s.activity.end]
    height = height or 1.6 + 0.36 * max(len(statuses), 1)
    top = 1.0 if height > 7 else 0.5  # room for a page title above the chart
    fig = Figure(figsize=(width, height), dpi=100)
    ax = fig.add_axes((0.33, 1.05 / height, 0.64, 1 - (1.05 + top) / height))
    labels = []
    for i, s in enumerate(statuses):
        a = s.activity
        start = mdates.date2num(a.start)
        length = max(mdates.date2num(a.end) - start, 0)
        late = s.flag == "late"
        if length < 3:  # a single day: a diamond rather than an invisible bar
            ax.plot(
                [start],
                [i],
                marker="D",
                markersize=9,
                color=FLAG_COLOURS[s.flag],
                markeredgecolor="black",
                markeredgewidth=2 if late else 0.6,
                zorder=4,
            )
        else:
            ax.barh(
                i,
                length,
                left=start,
                height=0.62,
                color=FLAG_COLOURS[s.flag],
                hatch=FLAG_HATCHES[s.flag],
                edgecolor="black",
                linewidth=2.2 if late else 0.5,
                zorder=3,
            )
        if s.progress is not None and length >= 3:
            done_end = start + length * min(s.progress, 100) / 100
            ax.plot([start, done_end], [i, i], color="black", linewidth=2.2, zorder=5)
        title = textwrap.shorten(a.title, 44, placeholder="…")
        labels.append(f"{a.code} {title}")
    ax.set_yticks(range(len(statuses)), labels, fontsize=8)
    ax.set_ylim(len(statuses) - 0.4, -0.6)
    as_of = mdates.date2num(report.as_of)
    ax.axvline(as_of, color="black", linestyle=(0, (4, 2)), linewidth=1.4, zorder=6)
    ax.annotate(
        report.as_of.isoformat(),
        (as_of, -0.6),
        xytext=(0, 3),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=8,
        fontweight="bold",
        annotation_clip=False,
    )
    starts = [s.activity.start for s in statuses if s.activity.start] + [report.as_of]
    ends = [s.activity.end for s in statuses if s.activity.end] + [report.as_of]
    if starts:
        first, last = min(starts), max(ends)
        ax.set_xlim(
            mdates.date2num(first - dt.timedelta(days=15)),
            mdates.date2num(last + dt.timedelta(days=15)),
        )
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator())
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", which="major", color="#D9D9D9", linewidth=0.6, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    present = [f for f in FLAG_COLOURS if any(s.flag == f for s in statuses)]
    handles = [
        Patch(
            facecolor=FLAG_COLOURS[f],
            hatch=FLAG_HATCHES[f],
            edgecolor="black",
            linewidth=2.2 if f == "late" else 0.5,
            label=flag_text(f, lang),
        )
        for f in present
    ]
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.33, 0.0),
        ncol=len(handles) or 1,
        fontsize=8,
        frameon=False,
    )
    caption = MESSAGES("timeline-caption", lang, date=report.as_of.isoformat())
    fig.text(0.97, 0.01, caption, fontsize=7.5, ha="right", va="bottom", color="#333333")
    return fig
