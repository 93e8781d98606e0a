"""`Page`: drawing in inches on one figure (text, boxes, rules, header, footer, paragraphs)."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from i18n import Lang
from reports.charts import drawing
from reports.charts import palette
from reports.documents.common import provenance_text
from reports.documents.common import t
from reports.model.sources import Provenance

MARGIN = 0.55
ROW_LINE = 0.15  # inches per text line in tables at 8 pt
STATUS_FILLS = {
    "reported": palette.RANK_FILLS["green"],
    "missing": palette.RANK_FILLS["red"],
    "not-applicable": "#FFFFFF",
    "absent": palette.RANK_FILLS["yellow"],
}


class Page:
    """Drawing helpers in inches on one figure."""

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        self.width, self.height = fig.get_size_inches()

    def text(self, x: float, y: float, text: str, **style: Any) -> Any:
        """Text with its top left corner at (x, y) inches unless ``va``/``ha`` say otherwise."""
        return drawing.add_text(self.fig, x / self.width, y / self.height, text, **style)

    def box(self, x: float, y: float, w: float, h: float, fill: str, edge: str = "none") -> None:
        """A filled rectangle with its lower left corner at (x, y) inches."""
        self.fig.add_artist(
            Rectangle(
                (x / self.width, y / self.height),
                w / self.width,
                h / self.height,
                transform=self.fig.transFigure,
                facecolor=fill,
                edgecolor=edge,
                linewidth=0.6,
            )
        )

    def rule(self, x: float, y: float, w: float, colour: str = palette.GREY) -> None:
        """A thin horizontal line."""
        self.box(x, y, w, 0.008, colour)

    def header(self, title: str, subtitle: str, example: bool, lang: Lang) -> float:
        """Page title, subtitle and the example-data stamp; returns the y below them."""
        top = self.height - MARGIN
        self.text(MARGIN, top, title, fontsize=16, fontweight="bold")
        self.text(MARGIN, top - 0.36, subtitle, fontsize=9.5, color="#333333")
        if example:
            self.example_stamp(top, lang)
        return top - 0.75

    def example_stamp(self, top: float, lang: Lang) -> None:
        """The EXEMPELDATA label in the top right corner."""
        self.text(
            self.width - MARGIN,
            top,
            t("example", lang),
            fontsize=12,
            fontweight="bold",
            ha="right",
            color=palette.OKABE_ITO["vermillion"],
            bbox={
                "boxstyle": "square,pad=0.3",
                "fc": "white",
                "ec": palette.OKABE_ITO["vermillion"],
            },
        )

    def footer(self, left: str, page: int, example: bool, lang: Lang) -> None:
        """Small footer: what the document is, the example label, the page number."""
        text = left + (f" · {t('example', lang)}" if example else "")
        self.text(MARGIN, 0.35, text, fontsize=7, color=palette.GREY, va="bottom")
        self.text(
            self.width - MARGIN,
            0.35,
            t("page", lang, n=page),
            fontsize=7,
            color=palette.GREY,
            va="bottom",
            ha="right",
        )

    def provenance(self, provenance: Provenance | None, lang: Lang, y: float = 0.75) -> None:
        """The provenance line(s) just above the footer."""
        text = provenance_text(provenance, lang)
        if not text:
            return
        lines = drawing.wrap_lines(text, self.width - 2 * MARGIN, 7.5)
        self.text(MARGIN, y, "\n".join(lines), fontsize=7.5, color="#333333", va="bottom")

    def paragraphs(self, x: float, y: float, w: float, text: str, size: float = 9.5) -> float:
        """Wrapped paragraphs (blank-line separated) from y downwards; returns the y below."""
        line_h = size / 72 * 1.4
        for paragraph in text.split("\n\n"):
            lines = drawing.wrap_lines(" ".join(paragraph.split()), w, size)
            self.text(x, y, "\n".join(lines), fontsize=size, linespacing=1.4)
            y -= line_h * len(lines) + line_h * 0.7
        return y
