"""A4 pages drawn on one reused matplotlib `Figure`: shared by the PDF and PNG documents.

Every function clears nothing and saves nothing: it draws one page's content on a clean
figure of the right size.  Positions are in inches from the lower left corner and turned
into figure fractions here, so no layout engine runs (it would cost more than the chart).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from i18n import Lang
from reports.analysis import method_text
from reports.charts import drawing, palette, small_multiples, trend_chart
from reports.documents.common import (
    STATUS_SYMBOLS,
    direction_text,
    municipality_heading,
    no_values_text,
    provenance_text,
    rate_text,
    summary_rank_text,
    t,
    target_text,
    turn_lines,
    value_text,
    value_with_unit,
)
from reports.model.completeness import Completeness
from reports.model.county import CountyComparison
from reports.model.municipality import IndicatorSummary, MunicipalityReport
from reports.model.series import IndicatorMeta
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


# ---------------------------------------------------------------------------------------
# Municipality report


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


# ---------------------------------------------------------------------------------------
# County report (A4 landscape)

COUNTY_NAME_WIDTH = 1.45
GRID_ROW = 0.22  # inches per municipality row of the county and completeness grids
# County table headings: with 8 indicators a page, 7 pt fits the longest Swedish compounds of
# the catalogue ("Energianvändning", "Miljöcertifierade") on one line each.
HEAD_SIZE = 7.0


def indicator_chunks(indicators: Sequence[IndicatorMeta], per_page: int = 8) -> list[list[Any]]:
    """The indicators split into groups that fit across one landscape page."""
    return [list(indicators[k : k + per_page]) for k in range(0, len(indicators), per_page)]


def municipality_chunks(comparison: CountyComparison, per_page: int = 26) -> list[list[Any]]:
    """The municipalities split into groups that fit down one landscape page."""
    m = comparison.municipalities
    return [list(m[k : k + per_page]) for k in range(0, len(m), per_page)] or [[]]


def draw_county_table_page(
    fig: Figure,
    comparison: CountyComparison,
    indicators: Sequence[IndicatorMeta],
    municipalities: Sequence[Any],
    lang: Lang,
    example: bool,
) -> None:
    """Municipalities x indicators with values in rank colours, county average and median."""
    page = Page(fig)
    title = t("county_title", lang, name=comparison.county_name, year=comparison.year)
    y = page.header(title, t("county_subtitle", lang, year=comparison.year), example, lang)
    usable = page.width - 2 * MARGIN - COUNTY_NAME_WIDTH
    col_w = min(1.25, usable / max(1, len(indicators)))
    head_lines = [
        drawing.wrap_heading(f"{i.code} {i.label(lang)}", col_w - 0.08, HEAD_SIZE, lang)
        for i in indicators
    ]
    head_h = ROW_LINE * max((len(h) for h in head_lines), default=1) + ROW_LINE + 0.1
    page.text(MARGIN, y, t("municipality", lang), fontsize=8, fontweight="bold")
    for k, (indicator, lines) in enumerate(zip(indicators, head_lines, strict=True)):
        x = MARGIN + COUNTY_NAME_WIDTH + k * col_w
        page.text(
            x + col_w - 0.06,
            y,
            "\n".join(lines),
            fontsize=HEAD_SIZE,
            fontweight="bold",
            ha="right",
            linespacing=1.25,
        )
        page.text(
            x + col_w - 0.06,
            y - head_h + ROW_LINE + 0.04,
            indicator.unit,
            fontsize=7,
            ha="right",
            color="#333333",
        )
    y -= head_h + 0.04
    table_w = COUNTY_NAME_WIDTH + col_w * len(indicators)
    page.rule(MARGIN, y, table_w, "#333333")
    for municipality in municipalities:
        page.text(MARGIN + 0.04, y - 0.05, municipality.label, fontsize=8.3)
        for k, indicator in enumerate(indicators):
            x = MARGIN + COUNTY_NAME_WIDTH + k * col_w
            cell = comparison.cells.get((municipality.code, indicator.code))
            colour = cell.colour if cell else "grey"
            page.box(
                x + 0.02,
                y - GRID_ROW + 0.02,
                col_w - 0.04,
                GRID_ROW - 0.04,
                palette.RANK_FILLS[colour],
            )
            text = cell_text(cell, indicator, lang)
            page.text(x + col_w - 0.08, y - 0.05, text, fontsize=8.3, ha="right")
        y -= GRID_ROW
    page.rule(MARGIN, y, table_w, "#333333")
    for key, values in (("county_average", comparison.averages), ("median", comparison.medians)):
        page.text(MARGIN + 0.04, y - 0.05, t(key, lang), fontsize=8.3, fontweight="bold")
        for k, indicator in enumerate(indicators):
            x = MARGIN + COUNTY_NAME_WIDTH + k * col_w
            if comparison.coverage(indicator.code).enough:
                text = value_text(values.get(indicator.code), indicator.decimals + 1, lang)
            else:
                text = t("too_few_short", lang)
            page.text(x + col_w - 0.08, y - 0.05, text, fontsize=8.3, ha="right", fontweight="bold")
        y -= GRID_ROW
    page.text(MARGIN + 0.04, y - 0.05, t("with_value", lang), fontsize=7.5)
    for k, indicator in enumerate(indicators):
        x = MARGIN + COUNTY_NAME_WIDTH + k * col_w
        text = comparison.coverage(indicator.code).short(lang)
        page.text(x + col_w - 0.08, y - 0.05, text, fontsize=8.3, ha="right")
    y -= GRID_ROW
    y -= 0.15
    note = " ".join([t("rank_key", lang), t("coverage_note", lang)])
    if comparison.has_kolada_values:
        note += " " + t("kolada_key", lang)
    turns = turn_lines(comparison, lang)
    if turns:
        note += f" {t('recent_turns', lang, year=comparison.year)}: " + "; ".join(turns) + "."
    carried = comparison.carried_lines(lang)
    if carried:
        note += f" {t('carried_title', lang, year=comparison.year)}: " + "; ".join(carried) + "."
    apart = comparison.incomparable_lines(lang)
    if apart:
        note += f" {t('incomparable_title', lang)}: " + "; ".join(apart) + "."
    overridden = comparison.overridden_lines(lang)
    if overridden:
        note += f" {t('overridden_title', lang)}: " + "; ".join(overridden) + "."
    page.text(
        MARGIN,
        y,
        "\n".join(drawing.wrap_lines(note, page.width - 2 * MARGIN, 7.5)),
        fontsize=7.5,
        color="#333333",
    )


def draw_no_values_page(
    fig: Figure, comparison: CountyComparison, lang: Lang, example: bool
) -> None:
    """The one page of a county report without any value for the year: says so plainly."""
    page = Page(fig)
    title = t("county_title", lang, name=comparison.county_name, year=comparison.year)
    y = page.header(title, t("county_subtitle", lang, year=comparison.year), example, lang)
    heading, text = no_values_text(comparison, lang)
    page.text(MARGIN, y - 0.3, heading, fontsize=16, fontweight="bold")
    page.paragraphs(MARGIN, y - 0.8, page.width - 2 * MARGIN, text, size=11)


def cell_text(cell: Any, indicator: IndicatorMeta, lang: Lang) -> str:
    """A table cell: the value with the indicator's decimals, or the status symbol."""
    if cell is None:
        return STATUS_SYMBOLS["absent"]
    if cell.value is not None:
        shown = value_text(cell.value, indicator.decimals, lang)
        return f"{shown} K" if cell.from_kolada else shown
    return STATUS_SYMBOLS.get(cell.status, "")


def draw_small_multiples_page(
    fig: Figure, comparison: CountyComparison, indicator: IndicatorMeta, lang: Lang
) -> None:
    """One indicator's series for every municipality, against the county average."""
    page = Page(fig)
    top = page.height - MARGIN
    page.text(
        MARGIN, top, f"{indicator.code} {indicator.label(lang)}", fontsize=13, fontweight="bold"
    )

    legend = (
        f"{indicator.unit} · {direction_text(indicator, lang)}. "
        f"{t('values_year', lang, year=comparison.year)}. "
        + t("rank_key", lang).split(". ..")[0]
        + "."
    )
    page.text(
        MARGIN,
        top - 0.3,
        "\n".join(drawing.wrap_lines(legend, page.width - 2 * MARGIN - 3.2, 8.5)),
        fontsize=8.5,
        color="#333333",
    )
    small_multiples.draw_small_multiples(
        fig,
        (MARGIN, 0.7, page.width - 2 * MARGIN, page.height - 2 * MARGIN - 0.9),
        comparison,
        indicator,
        lang,
    )


# ---------------------------------------------------------------------------------------
# Completeness (A4 landscape)


def draw_completeness_page(
    fig: Figure,
    completeness: Completeness,
    indicators: Sequence[IndicatorMeta],
    municipalities: Sequence[Any],
    lang: Lang,
    example: bool,
    with_totals: bool,
) -> None:
    """The municipality x indicator grid of statuses with reporting rates."""
    page = Page(fig)
    name = completeness.county_name or t("all_municipalities", lang)
    title = t("completeness_title", lang, year=completeness.year, name=name)
    rate = f"{t('rate', lang)}: {rate_text(completeness.rate, lang)}. {t('status_key', lang)}"
    y = page.header(title, rate, example, lang)
    col_w = min(0.75, (page.width - 2 * MARGIN - COUNTY_NAME_WIDTH - 0.8) / max(1, len(indicators)))
    page.text(MARGIN, y, t("municipality", lang), fontsize=8, fontweight="bold")
    for k, indicator in enumerate(indicators):
        x = MARGIN + COUNTY_NAME_WIDTH + k * col_w
        page.text(x + col_w / 2, y, indicator.code, fontsize=7.5, fontweight="bold", ha="center")
    x_rate = MARGIN + COUNTY_NAME_WIDTH + len(indicators) * col_w
    page.text(x_rate + 0.7, y, t("rate_short", lang), fontsize=8, fontweight="bold", ha="right")
    y -= 0.25
    table_w = COUNTY_NAME_WIDTH + col_w * len(indicators) + 0.8
    page.rule(MARGIN, y, table_w, "#333333")
    for municipality in municipalities:
        page.text(MARGIN + 0.04, y - 0.05, municipality.label, fontsize=8.3)
        for k, indicator in enumerate(indicators):
            x = MARGIN + COUNTY_NAME_WIDTH + k * col_w
            status = completeness.cells.get((municipality.code, indicator.code), "absent")
            page.box(
                x + 0.02,
                y - GRID_ROW + 0.02,
                col_w - 0.04,
                GRID_ROW - 0.04,
                STATUS_FILLS[status],
                edge=palette.LIGHT_GREY if status == "not-applicable" else "none",
            )
            page.text(x + col_w / 2, y - 0.05, STATUS_SYMBOLS[status], fontsize=8.3, ha="center")
        rate_m = rate_text(completeness.rate_by_municipality.get(municipality.code), lang)
        page.text(x_rate + 0.7, y - 0.05, rate_m, fontsize=8.3, ha="right")
        y -= GRID_ROW
    if with_totals:
        page.rule(MARGIN, y, table_w, "#333333")
        page.text(MARGIN + 0.04, y - 0.05, t("rate_short", lang), fontsize=8.3, fontweight="bold")
        for k, indicator in enumerate(indicators):
            x = MARGIN + COUNTY_NAME_WIDTH + k * col_w
            rate_i = rate_text(completeness.rate_by_indicator.get(indicator.code), lang)
            page.text(x + col_w / 2, y - 0.05, rate_i, fontsize=7.5, ha="center", fontweight="bold")
        page.text(
            x_rate + 0.7,
            y - 0.05,
            rate_text(completeness.rate, lang),
            fontsize=8.3,
            ha="right",
            fontweight="bold",
        )


def draw_chase_page(fig: Figure, lines: Sequence[str], lang: Lang, heading: bool) -> None:
    """A page of the list of values still to chase, in two columns."""
    page = Page(fig)
    y = page.height - MARGIN
    if heading:
        page.text(MARGIN, y, t("to_chase", lang), fontsize=13, fontweight="bold")
    y -= 0.45
    if not lines:
        page.text(MARGIN, y, t("nothing_to_chase", lang), fontsize=9)
        return
    half = (len(lines) + 1) // 2
    col_w = (page.width - 2 * MARGIN) / 2
    for k, column in enumerate((lines[:half], lines[half:])):
        page.text(MARGIN + k * col_w, y, "\n".join(column), fontsize=8.3, linespacing=1.45)


CHASE_LINES_PER_PAGE = 2 * 36


# ---------------------------------------------------------------------------------------
# Flowing pages: headings, paragraphs and tables run down the page and onto the next.


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
