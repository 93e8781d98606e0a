"""Flowing pages: headings, paragraphs and tables run down the page and onto the next."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from matplotlib.figure import Figure

from i18n import Lang
from reports.documents.pages.canvas import Page


@dataclass(frozen=True)
class FlowColumn:
    """A flowed table's column: header, relative width, right-aligned (numbers), wrapped."""

    header: str
    width: float = 1.0
    right: bool = False
    wrap: bool = True


@dataclass
class FlowTable:
    """A table for `PageFlow.table`: cells already as text, optional fills and row styles.

    ``row_styles`` holds ``None``, ``"subtotal"`` or ``"total"`` per row; ``fills`` an
    optional background colour per cell (``None`` for none).
    """

    title: str
    columns: Sequence[FlowColumn]
    rows: list[list[str]] = field(default_factory=list)
    row_styles: list[str | None] = field(default_factory=list)
    fills: list[list[str | None]] = field(default_factory=list)
    note: str = ""


FLOW_TABLE_SIZE = 7.0  # points
FLOW_LINE = FLOW_TABLE_SIZE / 72 * 1.3  # inches per table line
FLOW_BOTTOM = 0.75  # inches kept free above the footer
FLOW_MARGIN = 0.5


class PageFlow:
    """Flows headings, paragraphs and tables down pages of ``size`` inches into a PdfPages.

    ``y`` counts inches from the top of the page.  Every page gets the common footer
    (`Page.footer`: what the document is, with the accessible-version line, and the page
    number).  Drawing goes through `Page`, the same helpers the report pages use.
    """

    def __init__(
        self, pdf: Any, size: tuple[float, float], footer: str, lang: Lang, example: bool = False
    ) -> None:
        self.pdf = pdf
        self.size = size
        self.footer = footer
        self.lang = lang
        self.example = example
        self.page_number = 0
        self.page: Page | None = None
        self.y = 0.0

    @property
    def width(self) -> float:
        """The width between the margins, in inches."""
        return self.size[0] - 2 * FLOW_MARGIN

    def new_page(self) -> Page:
        """Finish the current page and start an empty one with the footer drawn."""
        self.flush()
        self.page = Page(Figure(figsize=self.size, dpi=100))
        self.page_number += 1
        self.y = FLOW_MARGIN
        self.page.footer(self.footer, self.page_number, self.example, self.lang)
        return self.page

    def add_page(self, fig: Figure, footer: bool = True) -> None:
        """Save a page drawn elsewhere (a full-page chart) in the flow; it counts as a page.

        ``footer=False`` for a chart whose legend sits where the footer would.
        """
        self.flush()
        self.page_number += 1
        if footer:
            Page(fig).footer(self.footer, self.page_number, self.example, self.lang)
        self.pdf.savefig(fig)

    def flush(self) -> None:
        """Save the current page, if any."""
        if self.page is not None:
            self.pdf.savefig(self.page.fig)
            self.page = None

    def text(self, x: float, y: float, text: str, size: float = 9, **style: Any) -> None:
        """Text with its top at ``y`` inches from the top of the page."""
        assert self.page is not None
        self.page.text(x, self.size[1] - y, text, fontsize=size, **style)

    def box(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        """A filled rectangle with its top left corner at (x, y) inches from the top left."""
        assert self.page is not None
        self.page.box(x, self.size[1] - y - h, w, h, fill)

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` inches still fit."""
        if self.page is None or self.y + height > self.size[1] - FLOW_BOTTOM:
            self.new_page()

    def title(self, title: str, subtitle: str) -> None:
        """The document's title and subtitle at the top of the first page."""
        self.room(1.0)
        self.y += 0.15
        self.text(FLOW_MARGIN, self.y, title, size=18, fontweight="bold")
        self.y += 0.4
        self.text(FLOW_MARGIN, self.y, subtitle, size=11, color="#333333")
        self.y += 0.35

    def heading(self, text: str, size: float = 12) -> None:
        """A section heading."""
        self.room(0.9)
        self.y += 0.1
        self.text(FLOW_MARGIN, self.y, text, size=size, fontweight="bold")
        self.y += size / 72 * 1.6

    def paragraph(self, text: str, size: float = 8, **style: Any) -> None:
        """Wrapped text across the page."""
        width = int(self.width * 72 / (size * 0.5))
        lines = textwrap.wrap(text, width) or [""]
        height = len(lines) * size / 72 * 1.35
        self.room(height)
        self.text(FLOW_MARGIN, self.y, "\n".join(lines), size=size, linespacing=1.35, **style)
        self.y += height + 0.08

    def table(self, table: FlowTable) -> None:
        """A table with its header row repeated on every page it spans, then its note."""
        self.heading(table.title)
        if table.rows:
            total = sum(c.width for c in table.columns)
            widths = [c.width / total * self.width for c in table.columns]
            header = [[c.header] for c in table.columns]
            self._row(header, widths, table.columns, header=True)
            for i, row in enumerate(table.rows):
                cells = [
                    _flow_wrap(text, w) if c.wrap else [text]
                    for text, c, w in zip(row, table.columns, widths, strict=True)
                ]
                height = max(len(c) for c in cells) * FLOW_LINE + 0.06
                if self.y + height > self.size[1] - FLOW_BOTTOM:
                    self.new_page()
                    self._row(header, widths, table.columns, header=True)
                style = table.row_styles[i] if i < len(table.row_styles) else None
                fills = table.fills[i] if i < len(table.fills) else []
                self._row(cells, widths, table.columns, style=style, fills=fills)
        if table.note:
            self.y += 0.05
            self.paragraph(table.note, size=7, color="#333333")

    def _row(
        self,
        cells: list[list[str]],
        widths: list[float],
        columns: Sequence[FlowColumn],
        header: bool = False,
        style: str | None = None,
        fills: Sequence[str | None] = (),
    ) -> None:
        height = max(len(c) for c in cells) * FLOW_LINE + 0.06
        x = FLOW_MARGIN
        if header:
            self.box(FLOW_MARGIN, self.y, sum(widths), height, "#E9E9E9")
        elif style in ("subtotal", "total"):
            self.box(FLOW_MARGIN, self.y, sum(widths), height, "#F2F2F2")
        for i, (lines, width, column) in enumerate(zip(cells, widths, columns, strict=True)):
            fill = fills[i] if i < len(fills) else None
            if not header and fill:
                self.box(x, self.y + 0.01, width - 0.04, height - 0.02, fill)
            self.text(
                x + width - 0.06 if column.right else x + 0.03,
                self.y + 0.03,
                "\n".join(lines),
                size=FLOW_TABLE_SIZE,
                linespacing=1.3,
                ha="right" if column.right else "left",
                fontweight="bold" if header or style == "total" else "normal",
            )
            x += width
        self.y += height
        self.box(FLOW_MARGIN, self.y - 0.004, sum(widths), 0.006, "#BBBBBB")


def _flow_wrap(text: str, width: float) -> list[str]:
    chars = max(int(width * 72 / (FLOW_TABLE_SIZE * 0.6)) - 1, 4)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(paragraph, chars, break_long_words=True) or [""]
    return lines
