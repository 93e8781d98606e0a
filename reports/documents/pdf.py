"""PDF documents through matplotlib's PdfPages: A4 pages drawn on one reused `Figure`.

Metadata dates come from ``SOURCE_DATE_EPOCH`` when it is set (else the report's own
time), so identical data gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from i18n import Lang
from indicators.output import atomic_path
from reports.charts import drawing
from reports.charts import palette
from reports.documents.common import Dated
from reports.documents.common import accessible_version
from reports.documents.common import chase_lines
from reports.documents.common import document_time
from reports.documents.common import is_example
from reports.documents.common import kolada_lines
from reports.documents.common import statistics_lines
from reports.documents.common import t
from reports.documents.pages import canvas
from reports.documents.pages import completeness_pages
from reports.documents.pages import county_pages
from reports.documents.pages import municipality_pages
from reports.model.completeness import Completeness
from reports.model.county import CountyComparison
from reports.model.municipality import MunicipalityReport


@contextmanager
def pdf_document(
    path: str | Path, title: str, provenance: Dated | None, lang: Lang = "sv"
) -> Iterator[PdfPages]:
    """A PdfPages writer with fixed metadata; written to a temporary name, then renamed.

    matplotlib writes untagged PDFs: the Subject names the accessible HTML version.
    """
    when = document_time(provenance).replace(tzinfo=dt.UTC)
    metadata: dict[str, Any] = {
        "Title": title,
        "Subject": accessible_version(path, lang),
        "Author": "miljomal",
        "Creator": "miljomal",
        "CreationDate": when,
        "ModDate": when,
    }

    with atomic_path(path) as partial, PdfPages(partial, metadata=metadata) as pdf:
        yield pdf


def _save(pdf: PdfPages, fig: Figure) -> None:
    pdf.savefig(fig)
    drawing.clear_figure(fig)


def _save_keeping_axes(pdf: PdfPages, fig: Figure) -> None:
    """Save the page, then remove its texts and legends but keep its axes for the next."""
    pdf.savefig(fig)
    for artist in [*fig.texts, *fig.legends, *fig.patches]:
        artist.remove()


def write_municipality_pdf(
    report: MunicipalityReport, path: str | Path, lang: Lang = "sv", example: bool = False
) -> Path:
    """Summary page(s), four indicator charts per page, and the method appendix."""
    example = is_example(report.provenance, example)
    title = t("municipality_title", lang, name=report.municipality_name, year=report.year)
    footer = f"{title} · {accessible_version(path, lang)}"
    # Text pages are cleared after each save; the chart pages keep their axes (ChartPage).
    fig = drawing.new_figure(palette.A4_PORTRAIT)
    chart_page = municipality_pages.ChartPage(drawing.new_figure(palette.A4_PORTRAIT))
    number = 0
    with pdf_document(path, title, report.provenance, lang) as pdf:
        for k, rows in enumerate(municipality_pages.summary_pages(report, lang)):
            municipality_pages.draw_summary_page(fig, report, rows, lang, example, first=k == 0)
            number += 1
            canvas.Page(fig).footer(footer, number, example, lang)
            if k == 0:
                canvas.Page(fig).provenance(report.provenance, lang)
            _save(pdf, fig)
        rows = list(report.rows)
        per_page = municipality_pages.CHARTS_PER_PAGE
        for k in range(0, len(rows), per_page):
            chart_page.draw(report, rows[k : k + per_page], lang)
            number += 1
            canvas.Page(chart_page.fig).footer(footer, number, example, lang)
            pdf.savefig(chart_page.fig)
        municipality_pages.draw_appendix_page(fig, report.provenance, lang)
        number += 1
        canvas.Page(fig).footer(footer, number, example, lang)
        _save(pdf, fig)
    return Path(path)


def write_county_pdf(
    comparison: CountyComparison, path: str | Path, lang: Lang = "sv", example: bool = False
) -> Path:
    """The county table (split over pages as needed), then one small-multiples page each."""
    example = is_example(comparison.provenance, example)
    title = t("county_title", lang, name=comparison.county_name, year=comparison.year)
    footer = f"{title} · {accessible_version(path, lang)}"
    fig = drawing.new_figure(palette.A4_LANDSCAPE)
    number = 0
    with pdf_document(path, title, comparison.provenance, lang) as pdf:
        if not comparison.has_values:
            county_pages.draw_no_values_page(fig, comparison, lang, example)
            page = canvas.Page(fig)
            page.footer(footer, 1, example, lang)
            page.provenance(comparison.provenance, lang, y=0.6)
            _save(pdf, fig)
            return Path(path)
        for indicators in county_pages.indicator_chunks(comparison.indicators):
            for municipalities in county_pages.municipality_chunks(comparison):
                county_pages.draw_county_table_page(
                    fig, comparison, indicators, municipalities, lang, example
                )
                number += 1
                page = canvas.Page(fig)
                page.footer(footer, number, example, lang)
                page.provenance(comparison.provenance, lang, y=0.6)
                _save(pdf, fig)
        # The small-multiples pages share their axes: each page draws on the last one's.
        axes: list[Any] = []
        for indicator in comparison.indicators:
            axes = county_pages.draw_small_multiples_page(fig, comparison, indicator, lang, axes)
            number += 1
            page = canvas.Page(fig)
            page.footer(footer, number, example, lang)
            _save_keeping_axes(pdf, fig)
    return Path(path)


def write_completeness_pdf(
    completeness: Completeness, path: str | Path, lang: Lang = "sv", example: bool = False
) -> Path:
    """The status grid with rates, then the list of values still to chase."""
    example = is_example(completeness.provenance, example)
    name = completeness.county_name or t("all_municipalities", lang)
    title = t("completeness_title", lang, year=completeness.year, name=name)
    footer = f"{title} · {accessible_version(path, lang)}"
    fig = drawing.new_figure(palette.A4_LANDSCAPE)
    number = 0
    municipalities = list(completeness.municipalities)
    groups = [municipalities[k : k + 24] for k in range(0, len(municipalities), 24)] or [[]]
    chunks = county_pages.indicator_chunks(completeness.indicators, per_page=12)
    lines = chase_lines(completeness, lang)
    differing = kolada_lines(completeness, lang)
    if differing:
        lines += ["", f"{t('differs_from_kolada', lang)}:", *differing]
    statistics = statistics_lines(completeness, lang)
    if statistics:
        lines += ["", f"{t('statistics_title', lang)}:", *statistics]
    per_page = completeness_pages.CHASE_LINES_PER_PAGE
    chase = [lines[k : k + per_page] for k in range(0, len(lines), per_page)] or [[]]
    with pdf_document(path, title, completeness.provenance, lang) as pdf:
        for indicators in chunks:
            for k, group in enumerate(groups):
                completeness_pages.draw_completeness_page(
                    fig, completeness, indicators, group, lang, example, k == len(groups) - 1
                )
                number += 1
                canvas.Page(fig).footer(footer, number, example, lang)
                _save(pdf, fig)
        for k, block in enumerate(chase):
            completeness_pages.draw_chase_page(fig, block, lang, heading=k == 0)
            number += 1
            page = canvas.Page(fig)
            page.footer(footer, number, example, lang)
            if k == len(chase) - 1:
                page.provenance(completeness.provenance, lang)
            _save(pdf, fig)
    return Path(path)
