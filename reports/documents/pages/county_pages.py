"""The county report's pages (A4 landscape): the county table and the small multiples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure

from i18n import Lang
from reports.charts import drawing
from reports.charts import palette
from reports.charts import small_multiples
from reports.documents.common import STATUS_SYMBOLS
from reports.documents.common import direction_text
from reports.documents.common import no_values_text
from reports.documents.common import t
from reports.documents.common import turn_lines
from reports.documents.common import value_text
from reports.documents.pages.canvas import MARGIN
from reports.documents.pages.canvas import ROW_LINE
from reports.documents.pages.canvas import Page
from reports.model.county import CountyComparison
from reports.model.series import IndicatorMeta

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
    fig: Figure,
    comparison: CountyComparison,
    indicator: IndicatorMeta,
    lang: Lang,
    axes: Sequence[Any] = (),
) -> list[Any]:
    """One indicator's series for every municipality, against the county average.

    Returns the panels' axes: the next page passes them back as ``axes`` to draw on them
    again (see `small_multiples.draw_small_multiples`).
    """
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
    return small_multiples.draw_small_multiples(
        fig,
        (MARGIN, 0.7, page.width - 2 * MARGIN, page.height - 2 * MARGIN - 0.9),
        comparison,
        indicator,
        lang,
        axes=axes,
    )
