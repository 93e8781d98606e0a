"""Self-contained HTML documents: inline CSS and SVG charts, nothing fetched from a network.

The markup is in the Jinja2 templates of ``reports/documents/templates/`` (autoescaped,
one stylesheet shared with the plan report); this module draws the charts and gathers what
the templates show.  Readable on a phone (responsive, tables scroll sideways or become
cards), printable (A4, each chart section starts a page), accessible (WCAG 2.1 AA: every
chart has a text alternative and its data as a table, scroll regions take keyboard focus).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from i18n import Lang
from indicators.output import write_text
from reports.analysis import method_text
from reports.documents.common import STATUS_SYMBOLS
from reports.documents.common import average_text
from reports.documents.common import chase_lines
from reports.documents.common import direction_text
from reports.documents.common import is_example
from reports.documents.common import kolada_lines
from reports.documents.common import municipality_heading
from reports.documents.common import no_values_text
from reports.documents.common import provenance_text
from reports.documents.common import rank_text
from reports.documents.common import rate_text
from reports.documents.common import safe_filename
from reports.documents.common import statistics_lines
from reports.documents.common import summary_rank_text
from reports.documents.common import t
from reports.documents.common import target_text
from reports.documents.common import turn_lines
from reports.documents.common import value_text
from reports.documents.common import value_with_unit
from reports.documents.templating import render
from reports.documents.templating import trusted
from reports.model.completeness import Completeness
from reports.model.county import CountyComparison
from reports.model.municipality import IndicatorSummary
from reports.model.municipality import MunicipalityReport
from reports.model.series import IndicatorMeta

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def labelled_svg(svg: str, label: str) -> str:
    """An inline chart with its text alternative: ``role="img"``, ``aria-label``, ``<title>``."""
    head_end = svg.index(">")
    role = "" if 'role="img"' in svg[:head_end] else ' role="img"'
    text = html.escape(label, quote=True)
    return (
        svg[:head_end]
        + f'{role} aria-label="{text}"'
        + svg[head_end : head_end + 1]
        + f"<title>{text}</title>"
        + svg[head_end + 1 :]
    )


def embedded_chart(fig: Figure, label: str, salt: str) -> str:
    """A chart as inline SVG with its text alternative: the one way documents embed a chart.

    ``salt`` keeps the SVG's ids unique and fixed (see `reports.charts.drawing.svg_text`).
    """
    from reports.charts.drawing import svg_text  # heavy: tests/test_startup_imports.py

    return labelled_svg(svg_text(fig, salt=salt), label)


def data_table(summary: str, headers: list[str], rows: list[list[str]]) -> dict[str, Any]:
    """The data behind a chart for the ``data_table`` macro (a folded table)."""
    return {"summary": summary, "headers": headers, "rows": rows}


def write(path: str | Path, text: str) -> Path:
    """Write the document as UTF-8 with Unix newlines."""
    return write_text(path, text, newline="\n")


def _anchor(code: str) -> str:
    return "i-" + safe_filename(code)


# ---------------------------------------------------------------------------------------
# Municipality report


def municipality_data_table(
    report: MunicipalityReport, row: IndicatorSummary, lang: Lang
) -> dict[str, Any]:
    """The chart's values by year: the municipality, each comparison line, the target path."""
    from reports.charts.trend_chart import comparison_lines  # heavy: tests/test_startup_imports.py

    code = row.indicator.code
    decimals = row.indicator.decimals
    own = report.series.get(code)
    columns: list[tuple[str, dict[int, float | None]]] = [
        (
            report.municipality_short_name or report.municipality_name,
            dict(own.points) if own else {},
        )
    ]
    for years, values, label, _style in comparison_lines(report, row, lang):
        columns.append((label, dict(zip(years, values, strict=True))))
    if row.target is not None:
        columns.append((t("target_path", lang), {y: v for y, v in row.target.path}))
    years = sorted({y for _, values in columns for y in values})
    rows = [
        [str(year)]
        + [
            value_text(values.get(year), decimals if k == 0 else decimals + 1, lang) or "–"
            for k, (_, values) in enumerate(columns)
        ]
        for year in years
    ]
    headers = [t("year", lang)] + [label for label, _ in columns]
    summary = f"{t('chart_data', lang)}: {code} ({row.indicator.unit})"
    return data_table(summary, headers, rows)


def municipality_svgs(report: MunicipalityReport, lang: Lang) -> list[str]:
    """One inline SVG chart per indicator, drawn on one reused figure."""
    from reports.charts import drawing  # heavy: tests/test_startup_imports.py
    from reports.charts import trend_chart  # heavy: tests/test_startup_imports.py

    width, height = 8.0, 3.9
    fig = drawing.new_figure((width, height))
    rect = (0.75 / width, 0.8 / height, (width - 0.9) / width, (height - 1.0) / height)
    svgs = []
    for k, row in enumerate(report.rows):
        ax = fig.add_axes(rect)
        trend_chart.draw_indicator_chart(ax, report, row, lang)
        trend_chart.add_legend(ax, fig, rect[0], 0.42 / height)
        svgs.append(drawing.svg_text(fig, salt=f"m{report.municipality_code}-{k}"))
        drawing.clear_figure(fig)
    return svgs


def municipality_html(report: MunicipalityReport, lang: Lang = "sv", example: bool = False) -> str:
    """The municipality report as one HTML string."""
    from reports.charts.trend_chart import headline  # heavy: tests/test_startup_imports.py

    title, subtitle = municipality_heading(report, lang)
    shown = set(report.years)
    rows = []
    for row, svg in zip(report.rows, municipality_svgs(report, lang), strict=True):
        ind = row.indicator
        heading, summary = headline(row, lang)
        comments = sorted((y, c) for y, c in report.notes(ind.code, lang).items() if y in shown)
        rows.append(
            {
                "anchor": _anchor(ind.code),
                "code": ind.code,
                "name": ind.label(lang),
                "latest": value_with_unit(row.latest_value, ind, lang, row.latest_year),
                "trend_colour": row.trend.colour,
                "symbol": row.trend.symbol,
                "sentence": row.trend.sentence(lang),
                "colour": row.colour,
                "rank": summary_rank_text(row, lang),
                "target": target_text(row.target, ind, lang) if row.target else "–",
                "title": heading,
                "summary": summary,
                "svg": trusted(labelled_svg(svg, f"{heading}. {summary}")),
                "data": municipality_data_table(report, row, lang),
                "comments": comments,
            }
        )
    method_title, _, method_body = method_text(lang).partition("\n\n")
    return render(
        "municipality.html",
        lang,
        title=title,
        heading=title,
        subtitle=subtitle,
        example=is_example(report.provenance, example),
        wide=False,
        provenance=provenance_text(report.provenance, lang),
        rows=rows,
        incomparable=[
            value.line(report.municipality_short_name or report.municipality_name, lang)
            for value in report.incomparable
        ],
        overridden=[
            value.line(report.municipality_short_name or report.municipality_name, lang)
            for value in report.overridden
        ],
        rank_key=t("rank_key", lang).split(". ..")[0] + ".",
        method_title=method_title,
        method_paragraphs=[" ".join(p.split()) for p in method_body.split("\n\n")],
    )


def write_municipality_html(
    report: MunicipalityReport, path: str | Path, lang: Lang = "sv", example: bool = False
) -> Path:
    """Write the municipality report as a self-contained HTML file."""
    return write(path, municipality_html(report, lang, example))


# ---------------------------------------------------------------------------------------
# County report


def county_table(comparison: CountyComparison, lang: Lang) -> dict[str, Any]:
    """Municipalities x indicators with rank colours, then average, median and coverage."""
    # heavy: tests/test_startup_imports.py
    from reports.documents.pages.county_pages import cell_text

    municipalities = []
    for m in comparison.municipalities:
        cells = []
        for ind in comparison.indicators:
            cell = comparison.cells.get((m.code, ind.code))
            tip = ""
            if cell is not None and cell.rank is not None:
                tip = rank_text(cell.rank, comparison.reported.get(ind.code, 0), lang)
            if cell is not None and cell.carried:
                tip = f"{tip}; {cell.note(lang)}" if tip else cell.note(lang)
            cells.append(
                {
                    "colour": cell.colour if cell else "grey",
                    "tip": tip,
                    "text": cell_text(cell, ind, lang),
                }
            )
        municipalities.append({"label": m.label, "cells": cells})
    totals = [
        {
            "label": t(key, lang),
            "cells": [
                average_text(
                    values.get(ind.code), comparison.coverage(ind.code), ind.decimals + 1, lang
                )
                for ind in comparison.indicators
            ],
        }
        for key, values in (("county_average", comparison.averages), ("median", comparison.medians))
    ]
    totals.append(
        {
            "label": t("with_value", lang),
            "cells": [comparison.coverage(ind.code).short(lang) for ind in comparison.indicators],
        }
    )
    return {"municipalities": municipalities, "totals": totals}


def county_panels(comparison: CountyComparison, lang: Lang) -> list[list[str]]:
    """Per indicator, one small SVG per municipality (a grid that is one column on a phone).

    Separate panels rather than one wide figure, so that a phone shows each at a readable
    size; they share the county's y axis.
    """
    from reports.charts import drawing  # heavy: tests/test_startup_imports.py
    from reports.charts import small_multiples  # heavy: tests/test_startup_imports.py

    width, height = 3.4, 2.3
    fig = drawing.new_figure((width, height))
    panels: list[list[str]] = []
    # Every panel is drawn on the same axes: a new one costs more than the chart on it.
    axes: list[Any] = []
    for k, indicator in enumerate(comparison.indicators):
        row = []
        for n, municipality in enumerate(comparison.municipalities):
            axes = small_multiples.draw_small_multiples(
                fig,
                (0.05, 0.05, width - 0.15, height - 0.1),
                comparison,
                indicator,
                lang,
                only=(municipality,),
                legend=False,
                axes=axes,
            )
            label = panel_label(comparison, indicator, municipality, lang)
            row.append(embedded_chart(fig, label, salt=f"c{comparison.county_code}-{k}-{n}"))
        panels.append(row)
    return panels


def panel_label(
    comparison: CountyComparison, indicator: IndicatorMeta, municipality: Any, lang: Lang
) -> str:
    """The text alternative of one small panel: whose series, latest value, rank."""
    cell = comparison.cells.get((municipality.code, indicator.code))
    series = comparison.series.get(indicator.code, {}).get(municipality.code)
    years = comparison.years or (comparison.year,)
    text = f"{indicator.code} {municipality.label} {years[0]}–{years[-1]}"
    if cell is not None and cell.value is not None:
        value = value_with_unit(cell.value, indicator, lang, comparison.year)
        rank = rank_text(cell.rank, comparison.reported.get(indicator.code, 0), lang)
        text += f": {value}, {t('rank_short', lang).lower()} {rank}"
    elif series is None or not series.reported():
        text += f": {t('no_values', lang).lower()}"
    return text


def county_data_table(
    comparison: CountyComparison, indicator: IndicatorMeta, lang: Lang
) -> dict[str, Any]:
    """Every municipality's values by year, and the county average, as a folded table."""
    by_code = comparison.series.get(indicator.code, {})
    average = dict(zip(comparison.years, comparison.shown_average(indicator.code), strict=False))
    headers = [t("year", lang)] + [m.label for m in comparison.municipalities]
    headers.append(t("county_average", lang))
    rows = []
    for year in comparison.years:
        cells = [str(year)]
        for m in comparison.municipalities:
            series = by_code.get(m.code)
            value = series.value_in(year) if series else None
            cells.append(value_text(value, indicator.decimals, lang) or "–")
        cells.append(value_text(average.get(year), indicator.decimals + 1, lang) or "–")
        rows.append(cells)
    summary = f"{t('chart_data', lang)}: {indicator.code} ({indicator.unit})"
    return data_table(summary, headers, rows)


def county_html(comparison: CountyComparison, lang: Lang = "sv", example: bool = False) -> str:
    """The county report as one HTML string."""
    title = t("county_title", lang, name=comparison.county_name, year=comparison.year)
    context: dict[str, Any] = {
        "title": title,
        "heading": title,
        "subtitle": t("county_subtitle", lang, year=comparison.year),
        "example": is_example(comparison.provenance, example),
        "provenance": provenance_text(comparison.provenance, lang),
        "has_values": comparison.has_values,
    }
    if not comparison.has_values:
        heading, text = no_values_text(comparison, lang)
        return render(
            "county.html",
            lang,
            wide=False,
            empty_heading=heading,
            empty_text=text,
            **context,
        )
    panels = county_panels(comparison, lang)
    indicators = [
        {
            "anchor": _anchor(ind.code),
            "code": ind.code,
            "name": ind.label(lang),
            "unit": ind.unit,
            "direction": direction_text(ind, lang),
            "panels": [trusted(svg) for svg in svgs],
            "data": county_data_table(comparison, ind, lang),
        }
        for ind, svgs in zip(comparison.indicators, panels, strict=True)
    ]
    return render(
        "county.html",
        lang,
        wide=True,
        indicators=indicators,
        key=f"{t('rank_key', lang)} {t('coverage_note', lang)}"
        + (f" {t('kolada_key', lang)}" if comparison.has_kolada_values else ""),
        turns=turn_lines(comparison, lang),
        turns_title=t("recent_turns", lang, year=comparison.year),
        carried=comparison.carried_lines(lang),
        carried_title=t("carried_title", lang, year=comparison.year),
        incomparable=comparison.incomparable_lines(lang),
        incomparable_title=t("incomparable_title", lang),
        overridden=comparison.overridden_lines(lang),
        overridden_title=t("overridden_title", lang),
        **county_table(comparison, lang),
        **context,
    )


def write_county_html(
    comparison: CountyComparison, path: str | Path, lang: Lang = "sv", example: bool = False
) -> Path:
    """Write the county report as a self-contained HTML file."""
    return write(path, county_html(comparison, lang, example))


# ---------------------------------------------------------------------------------------
# Completeness report


def completeness_html(completeness: Completeness, lang: Lang = "sv", example: bool = False) -> str:
    """The completeness report as one HTML string."""
    name = completeness.county_name or t("all_municipalities", lang)
    title = t("completeness_title", lang, year=completeness.year, name=name)
    municipalities = []
    differing = {(n.municipality_code, n.indicator_code) for n in completeness.kolada_differences}
    differs = t("differs_from_kolada", lang)
    for m in completeness.municipalities:
        cells = []
        for i in completeness.indicators:
            status = completeness.cells.get((m.code, i.code), "absent")
            label, symbol = t(status, lang), STATUS_SYMBOLS[status]
            if (m.code, i.code) in differing:
                label, symbol = f"{label}; {differs[0].lower()}{differs[1:]}", symbol + "≠"
            cells.append({"status": status, "label": label, "symbol": symbol})
        rate = rate_text(completeness.rate_by_municipality.get(m.code), lang)
        municipalities.append({"label": m.label, "cells": cells, "rate": rate})
    return render(
        "completeness.html",
        lang,
        title=title,
        heading=title,
        subtitle=f"{t('rate', lang)}: {rate_text(completeness.rate, lang)}",
        example=is_example(completeness.provenance, example),
        wide=False,
        provenance=provenance_text(completeness.provenance, lang),
        indicators=[{"code": i.code, "name": i.label(lang)} for i in completeness.indicators],
        municipalities=municipalities,
        indicator_rates=[
            rate_text(completeness.rate_by_indicator.get(i.code), lang)
            for i in completeness.indicators
        ],
        rate=rate_text(completeness.rate, lang),
        chase=chase_lines(completeness, lang),
        kolada=kolada_lines(completeness, lang),
        statistics=statistics_lines(completeness, lang),
    )


def write_completeness_html(
    completeness: Completeness, path: str | Path, lang: Lang = "sv", example: bool = False
) -> Path:
    """Write the completeness report as a self-contained HTML file."""
    return write(path, completeness_html(completeness, lang, example))
