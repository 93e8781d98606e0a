"""A municipality report as a folder of PNG images: the summary page(s) and one per chart."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from i18n import Lang
from reports.charts import drawing
from reports.charts import palette
from reports.charts import trend_chart
from reports.documents.common import is_example
from reports.documents.common import safe_filename
from reports.documents.pages import canvas
from reports.documents.pages import municipality_pages
from reports.messages import MESSAGES
from reports.model.municipality import MunicipalityReport

SECTION_SIZE = (8.27, 5.6)


def write_municipality_pngs(
    report: MunicipalityReport,
    folder: str | Path,
    lang: Lang = "sv",
    example: bool = False,
    dpi: float = 150,
) -> list[Path]:
    """Write ``00-sammanfattning.png`` and ``NN-<indicator>.png`` files; returns their paths."""
    example = is_example(report.provenance, example)
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    fig = drawing.new_figure(palette.A4_PORTRAIT)
    summary = municipality_pages.summary_pages(report, lang)
    for k, rows in enumerate(summary):
        municipality_pages.draw_summary_page(fig, report, rows, lang, example, first=k == 0)
        if k == len(summary) - 1:
            canvas.Page(fig).provenance(report.provenance, lang)
        name = "00-" + safe_filename(MESSAGES("summary-file", lang))
        written.append(_save(fig, target / f"{name}{'-' + str(k + 1) if k else ''}.png", dpi))
    fig = drawing.new_figure(SECTION_SIZE)
    width, height = SECTION_SIZE
    for number, row in enumerate(report.rows, start=1):
        trend_chart.draw_indicator_section(
            fig, (0.4, 0.3, width - 0.8, height - 0.6), report, row, lang
        )
        if example:
            canvas.Page(fig).example_stamp(height - 0.3, lang)
        name = f"{number:02d}-{safe_filename(row.indicator.code + ' ' + row.indicator.label(lang))}"
        written.append(_save(fig, target / f"{name}.png", dpi))
    return written


def _save(fig: Figure, path: Path, dpi: float) -> Path:
    path.write_bytes(drawing.png_bytes(fig, dpi=dpi))
    drawing.clear_figure(fig)
    return path
