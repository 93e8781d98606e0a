"""Colours, line styles and sizes of every chart.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common kinds of
colour blindness; lines also differ by dash pattern and marker, so a chart printed in grey
still reads.
"""

from __future__ import annotations

from typing import Any

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
