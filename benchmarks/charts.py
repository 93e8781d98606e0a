"""Chart pages of municipality reports, drawn by miljomal and by bare matplotlib.

Both draw the same lines on the same number of A4 figures (four charts a page, two by two,
like the report's chart pages) into a PDF in memory, with one `Figure()` and no layout
engine.  The bare version plots only the lines on new axes each page (the obvious way);
miljomal adds what a reader needs (titles, summary lines, a legend, labels of the latest
value, tick formatters, grids, notes) and keeps its four axes from page to page.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from reports.model.municipality import MunicipalityReport

A4 = (8.27, 11.69)


def miljomal_pages(reports: Sequence[MunicipalityReport]) -> int:
    """Every report's chart pages through reports.charts / pages; returns the page count."""
    from reports.charts import drawing
    from reports.charts import palette
    from reports.documents.pages import municipality_pages

    page = municipality_pages.ChartPage(drawing.new_figure(palette.A4_PORTRAIT))
    per_page = municipality_pages.CHARTS_PER_PAGE
    count = 0
    with PdfPages(io.BytesIO()) as pdf:
        for report in reports:
            rows = list(report.rows)
            for k in range(0, len(rows), per_page):
                page.draw(report, rows[k : k + per_page], "sv")
                pdf.savefig(page.fig)
                count += 1
    return count


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def bare_pages(reports: Sequence[MunicipalityReport]) -> int:
    """The same lines with plain `ax.plot`, four axes a page, one reused Figure, PDF backend."""
    fig = Figure(figsize=A4, dpi=100)
    count = 0
    with PdfPages(io.BytesIO()) as pdf:
        for report in reports:
            rows = list(report.rows)
            for k in range(0, len(rows), 4):
                for n, row in enumerate(rows[k : k + 4]):
                    ax = fig.add_axes((0.12 + 0.46 * (n % 2), 0.55 - 0.46 * (n // 2), 0.36, 0.32))
                    code = row.indicator.code
                    averages = [report.county_average.get(code), report.sekom_average.get(code)]
                    averages += [by_code.get(code) for by_code in report.group_averages.values()]
                    for average in averages:
                        if average is not None and any(
                            v is not None for v in average.series.values
                        ):
                            ax.plot(list(average.series.years), _nan(average.series.values))
                    if row.target is not None and row.target.path:
                        xs, ys = zip(*row.target.path, strict=True)
                        ax.plot(list(xs), list(ys))
                    own = report.series.get(code)
                    if own is not None:
                        ax.plot(list(own.years), _nan(own.values), marker="o")
                pdf.savefig(fig)
                fig.clear()
                count += 1
    return count
