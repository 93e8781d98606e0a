"""The plan report as PDF through matplotlib's PdfPages: A4 landscape pages, tables drawn as text.

Positions are in inches from the top left of the page; no layout engine runs.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plan.documents.gantt import FLAG_FILLS, gantt_figure
from plan.documents.tables import L, Table, cell_text, report_tables
from plan.report import PlanReport
from reports.documents.common import accessible_version

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

PAGE = (11.69, 8.27)
MARGIN = 0.5
TABLE_SIZE = 7.0
LINE = TABLE_SIZE / 72 * 1.3
CHARS_PER_INCH = 72 / (TABLE_SIZE * 0.6)
BOTTOM = 0.75


class PdfWriter:
    """Flows headings, paragraphs and tables down A4 landscape pages."""

    def __init__(self, pdf: PdfPages, footer: str, lang: str) -> None:
        self.pdf = pdf
        self.footer = footer
        self.lang = lang
        self.page = 0
        self.fig: Figure | None = None
        self.y = 0.0

    def new_page(self) -> None:
        """Finish the current page and start an empty one."""
        from matplotlib.figure import Figure

        self.flush()
        self.fig = Figure(figsize=PAGE, dpi=100)
        self.page += 1
        self.y = MARGIN
        self.text(MARGIN, PAGE[1] - 0.35, self.footer, size=7, color="#7F7F7F")
        page_label = L(f"Sida {self.page}", f"Page {self.page}", self.lang)
        self.text(PAGE[0] - MARGIN, PAGE[1] - 0.35, page_label, size=7, color="#7F7F7F", ha="right")

    def flush(self) -> None:
        """Save the current page, if any."""
        if self.fig is not None:
            self.pdf.savefig(self.fig)
            self.fig = None

    def text(self, x: float, y: float, text: str, size: float = 9, **style: Any) -> None:
        """Text with its top at ``y`` inches from the top of the page."""
        assert self.fig is not None
        self.fig.text(
            x / PAGE[0], 1 - y / PAGE[1], text, fontsize=size, va=style.pop("va", "top"), **style
        )

    def box(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        """A filled rectangle with its top left corner at (x, y) inches."""
        from matplotlib.patches import Rectangle

        assert self.fig is not None
        self.fig.add_artist(
            Rectangle(
                (x / PAGE[0], 1 - (y + h) / PAGE[1]),
                w / PAGE[0],
                h / PAGE[1],
                transform=self.fig.transFigure,
                facecolor=fill,
                edgecolor="none",
            )
        )

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` inches still fit."""
        if self.fig is None or self.y + height > PAGE[1] - BOTTOM:
            self.new_page()

    def heading(self, text: str, size: float = 12) -> None:
        """A section heading."""
        self.room(0.9)
        self.y += 0.1
        self.text(MARGIN, self.y, text, size=size, fontweight="bold")
        self.y += size / 72 * 1.6

    def paragraph(self, text: str, size: float = 8, **style: Any) -> None:
        """Wrapped text across the page."""
        width = int((PAGE[0] - 2 * MARGIN) * 72 / (size * 0.5))
        lines = textwrap.wrap(text, width) or [""]
        height = len(lines) * size / 72 * 1.35
        self.room(height)
        self.text(MARGIN, self.y, "\n".join(lines), size=size, linespacing=1.35, **style)
        self.y += height + 0.08

    def table(self, table: Table) -> None:
        """A table with a repeated header row on every page it spans, then its note."""
        self.heading(table.title)
        if table.rows:
            total = sum(c.width for c in table.columns)
            widths = [c.width / total * (PAGE[0] - 2 * MARGIN) for c in table.columns]
            header = [[c.header] for c in table.columns]
            self._row(header, widths, table, header=True)
            for i, row in enumerate(table.rows):
                cells = [
                    [cell_text(v, c.kind, self.lang)]
                    if c.kind in ("kr", "percent", "number", "date")
                    else _wrap(cell_text(v, c.kind, self.lang), w)
                    for v, c, w in zip(row, table.columns, widths, strict=True)
                ]
                height = max(len(c) for c in cells) * LINE + 0.06
                if self.y + height > PAGE[1] - BOTTOM:
                    self.new_page()
                    self._row(header, widths, table, header=True)
                flag = table.row_flags[i] if i < len(table.row_flags) else None
                self._row(cells, widths, table, flag=flag, values=row)
        if table.note:
            self.y += 0.05
            self.paragraph(table.note, size=7, color="#333333")

    def _row(
        self,
        cells: list[list[str]],
        widths: list[float],
        table: Table,
        header: bool = False,
        flag: str | None = None,
        values: list[Any] | None = None,
    ) -> None:
        height = max(len(c) for c in cells) * LINE + 0.06
        x = MARGIN
        if header:
            self.box(MARGIN, self.y, sum(widths), height, "#E9E9E9")
        elif flag in ("subtotal", "total"):
            self.box(MARGIN, self.y, sum(widths), height, "#F2F2F2")
        for i, (lines, width, column) in enumerate(zip(cells, widths, table.columns, strict=True)):
            if not header and column.kind == "flag" and values and values[i]:
                self.box(x, self.y + 0.01, width - 0.04, height - 0.02, FLAG_FILLS[str(values[i])])
            right = column.kind in ("kr", "percent", "number")
            self.text(
                x + width - 0.06 if right else x + 0.03,
                self.y + 0.03,
                "\n".join(lines),
                size=TABLE_SIZE,
                linespacing=1.3,
                ha="right" if right else "left",
                fontweight="bold" if header or flag == "total" else "normal",
            )
            x += width
        self.y += height
        self.box(MARGIN, self.y - 0.004, sum(widths), 0.006, "#BBBBBB")


def _wrap(text: str, width: float) -> list[str]:
    chars = max(int(width * CHARS_PER_INCH) - 1, 4)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(paragraph, chars, break_long_words=True) or [""]
    return lines


def write_pdf(report: PlanReport, path: Path, lang: str = "sv") -> None:
    """Write the report as a PDF through the reports' PDF layer (same metadata, same writing)."""
    from reports.documents.pdf import pdf_document

    title = L("Uppföljning av handlingsplan", "Action plan follow-up", lang)
    with pdf_document(path, f"{title} – {report.plan_name}", report.provenance, lang) as pdf:
        _draw(report, pdf, lang, accessible_version(path, lang))


def _draw(report: PlanReport, pdf: PdfPages, lang: str, accessible: str = "") -> None:
    as_of = report.as_of.isoformat()
    footer = f"{report.plan_name} · " + L(
        f"uppföljning per {as_of}", f"follow-up as of {as_of}", lang
    )
    if accessible:
        footer += f" · {accessible}"
    writer = PdfWriter(pdf, footer, lang)
    writer.new_page()
    writer.y += 0.15
    writer.text(MARGIN, writer.y, report.title, size=18, fontweight="bold")
    writer.y += 0.4
    subtitle = L(
        f"Uppföljning av handlingsplanen per {as_of}", f"Action plan follow-up as of {as_of}", lang
    )
    if report.subtitle:
        subtitle = f"{report.subtitle} · {subtitle}"
    writer.text(MARGIN, writer.y, subtitle, size=11, color="#333333")
    writer.y += 0.35
    if report.has_examples:
        writer.paragraph(
            L(
                "Uppföljningsloggen innehåller exempel: påhittade uppgifter, märkta ”exempel”.",
                "The follow-up log holds examples: invented entries, labelled 'example'.",
                lang,
            ),
            size=9,
            color="#D55E00",
            fontweight="bold",
        )
    tables = {t.key: t for t in report_tables(report, lang)}
    writer.table(tables["goals"])
    writer.table(tables["totals"])
    writer.new_page()
    writer.table(tables["activities"])
    writer.flush()
    fig = gantt_figure(report, lang, width=PAGE[0], height=PAGE[1])
    fig.text(
        MARGIN / PAGE[0],
        1 - MARGIN / PAGE[1],
        L("Tidplan", "Timeline", lang),
        fontsize=12,
        fontweight="bold",
        va="top",
    )
    pdf.savefig(fig)
    writer.page += 1
    writer.new_page()
    for key in ("budget", "parties", "recipients", "log", "indicators"):
        writer.table(tables[key])
    writer.y += 0.15
    writer.paragraph(report.provenance.line(lang), size=7.5, color="#333333")
    writer.flush()
