"""The completeness report's pages (A4 landscape): who has reported what, and the chase list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure

from i18n import Lang
from reports.charts import palette
from reports.documents.common import STATUS_SYMBOLS
from reports.documents.common import rate_text
from reports.documents.common import t
from reports.documents.pages.canvas import MARGIN
from reports.documents.pages.canvas import STATUS_FILLS
from reports.documents.pages.canvas import Page
from reports.documents.pages.county_pages import COUNTY_NAME_WIDTH
from reports.documents.pages.county_pages import GRID_ROW
from reports.model.completeness import Completeness
from reports.model.series import IndicatorMeta


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
