"""The municipality report's pages: the summary table, the pages of charts, the appendix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure

from i18n import Lang
from reports.analysis import method_text
from reports.charts import drawing
from reports.charts import palette
from reports.charts import trend_chart
from reports.documents.common import municipality_heading
from reports.documents.common import summary_rank_text
from reports.documents.common import t
from reports.documents.common import target_text
from reports.documents.common import value_with_unit
from reports.documents.pages.canvas import MARGIN
from reports.documents.pages.canvas import Page
from reports.model.municipality import IndicatorSummary
from reports.model.municipality import MunicipalityReport
from reports.model.sources import Provenance

# Widths in inches (the target takes the rest of 7,17): wide enough that most rows need two
# lines, so 40 indicators fit on two pages.
SUMMARY_COLUMNS = (("indicator", 2.05), ("latest", 1.35), ("trend", 2.0), ("rank_short", 0.75))
SUMMARY_SIZE = 8  # points
SUMMARY_LINE = 0.142  # inches per line at SUMMARY_SIZE with linespacing 1.3


def summary_row_height(row: IndicatorSummary, lang: Lang) -> tuple[float, list[list[str]]]:
    """Height in inches and the wrapped text per column of one summary row."""
    widths = [w for _, w in SUMMARY_COLUMNS] + [7.17 - sum(w for _, w in SUMMARY_COLUMNS)]
    texts = [
        f"{row.indicator.code} {row.indicator.label(lang)}",
        value_with_unit(row.latest_value, row.indicator, lang, row.latest_year),
        f"{row.trend.symbol}  {row.trend.sentence(lang)}",
        summary_rank_text(row, lang),
        target_text(row.target, row.indicator, lang) if row.target else "–",
    ]
    cells = [
        drawing.wrap_lines(text, w - 0.12, SUMMARY_SIZE)
        for text, w in zip(texts, widths, strict=True)
    ]
    return 0.09 + SUMMARY_LINE * max(len(c) for c in cells), cells


def draw_summary_page(
    fig: Figure,
    report: MunicipalityReport,
    rows: Sequence[IndicatorSummary],
    lang: Lang,
    example: bool,
    first: bool = True,
) -> None:
    """The summary table: one row per indicator with value, trend, rank colour and target."""
    page = Page(fig)
    title, subtitle = municipality_heading(report, lang)
    y = page.header(title, subtitle, example, lang)
    if first:
        page.text(MARGIN, y, t("summary", lang), fontsize=12, fontweight="bold")
    y -= 0.35
    columns = [*SUMMARY_COLUMNS, ("target", 7.17 - sum(w for _, w in SUMMARY_COLUMNS))]
    x = MARGIN
    for key, width in columns:
        page.text(x + 0.06, y, t(key, lang), fontsize=8.5, fontweight="bold")
        x += width
    y -= 0.25
    page.rule(MARGIN, y, 7.17, "#333333")
    for row in rows:
        height, cells = summary_row_height(row, lang)
        top = y - 0.045
        x = MARGIN
        for index, ((key, width), lines) in enumerate(zip(columns, cells, strict=True)):
            style: dict[str, Any] = {"fontsize": SUMMARY_SIZE, "linespacing": 1.3}
            if key == "rank_short":
                page.box(
                    x + 0.03,
                    y - height + 0.03,
                    width - 0.06,
                    height - 0.06,
                    palette.RANK_FILLS[row.colour],
                )
            if key == "trend":
                symbol_colour = palette.RANK_COLOURS[row.trend.colour]
                if row.trend.colour == "grey":
                    symbol_colour = palette.GREY
                page.text(
                    x + 0.06,
                    top,
                    row.trend.symbol,
                    fontsize=9.5,
                    fontweight="bold",
                    color=symbol_colour,
                )
                lines = [lines[0][2:].lstrip(), *lines[1:]]
                page.text(x + 0.26, top, "\n".join(lines), **style)
            else:
                if index == 0:
                    style["fontweight"] = "bold"
                page.text(x + 0.06, top, "\n".join(lines), **style)
            x += width
        y -= height
        page.rule(MARGIN, y, 7.17, palette.LIGHT_GREY)
    y -= 0.2
    key = t("rank_key", lang).split(". ..")[0] + "."
    page.text(
        MARGIN, y, "\n".join(drawing.wrap_lines(key, 7.17, 7.5)), fontsize=7.5, color="#333333"
    )


def summary_pages(report: MunicipalityReport, lang: Lang) -> list[list[IndicatorSummary]]:
    """The summary rows split over as many pages as they need."""
    available = 11.69 - MARGIN - 1.45 - 1.45
    pages: list[list[IndicatorSummary]] = [[]]
    used = 0.0
    for row in report.rows:
        height, _ = summary_row_height(row, lang)
        if pages[-1] and used + height > available:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += height
    return pages


CHARTS_PER_PAGE = 4  # two by two: a whole report of 40 indicators in ten chart pages
CHART_GAP = 0.3  # inches between the charts of a page, across and down


class ChartPage:
    """Pages of up to four indicator charts on one figure whose axes are kept between pages.

    A new axes costs more than the chart drawn on it (ticks, spines and tick labels are
    built anew each time), so each page empties the same four axes and draws on them; only
    the figure's texts and legend are made per page.
    """

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        self.axes = [fig.add_axes((0, 0, 1, 1)) for _ in range(CHARTS_PER_PAGE)]

    def draw(
        self, report: MunicipalityReport, rows: Sequence[IndicatorSummary], lang: Lang
    ) -> None:
        """The charts of ``rows`` (at most four) with one legend for all of them at the top."""
        for artist in [*self.fig.texts, *self.fig.legends, *self.fig.patches]:
            artist.remove()
        page = Page(self.fig)
        top = page.height - MARGIN
        width = (page.width - 2 * MARGIN - CHART_GAP) / 2
        height = (top - 0.45 - 0.7 - CHART_GAP) / 2
        for k, ax in enumerate(self.axes):
            if k >= len(rows):
                ax.set_visible(False)
                continue
            x = MARGIN + (k % 2) * (width + CHART_GAP)
            y = top - 0.45 - (k // 2 + 1) * height - (k // 2) * CHART_GAP
            trend_chart.draw_indicator_section(
                self.fig, (x, y, width, height), report, rows[k], lang, ax=ax, legend=False
            )
        trend_chart.add_page_legend(
            self.fig, self.axes, MARGIN / page.width, top / page.height, lang
        )


def draw_appendix_page(fig: Figure, provenance: Provenance | None, lang: Lang) -> None:
    """The method appendix, and the provenance line that ends the document."""
    page = Page(fig)
    y = 11.69 - MARGIN
    page.text(MARGIN, y, t("appendix", lang), fontsize=14, fontweight="bold")
    title, _, body = method_text(lang).partition("\n\n")
    page.text(MARGIN, y - 0.45, title, fontsize=11, fontweight="bold")
    page.paragraphs(MARGIN, y - 0.8, 8.27 - 2 * MARGIN, body)
    page.provenance(provenance, lang)
