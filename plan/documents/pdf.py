"""The plan report as PDF: A4 landscape pages flowed by the reports' page layer.

`reports.documents.pages.flow.PageFlow` does the page setup, footer (with the accessible-version
line), text flow, tables and new pages; this module only turns the plan's tables into
`FlowTable`s and orders the sections.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from i18n import Lang
from plan.documents.gantt import FLAG_FILLS
from plan.documents.gantt import gantt_figure
from plan.documents.tables import Table
from plan.documents.tables import cell_text
from plan.documents.tables import report_tables
from plan.messages import MESSAGES
from plan.report_model import PlanReport
from reports.documents.common import accessible_version

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages

    from reports.documents.pages.flow import FlowTable

PAGE = (11.69, 8.27)
NUMBERS = ("kr", "percent", "number")
UNWRAPPED = ("kr", "percent", "number", "date")


def flow_table(table: Table, lang: Lang) -> FlowTable:
    """The plan table as text cells for the page layer; flag cells get their colour."""
    # heavy: tests/test_startup_imports.py
    from reports.documents.pages.flow import FlowColumn
    from reports.documents.pages.flow import FlowTable

    columns = [
        FlowColumn(c.header, c.width, right=c.kind in NUMBERS, wrap=c.kind not in UNWRAPPED)
        for c in table.columns
    ]
    rows = [
        [cell_text(v, c.kind, lang) for v, c in zip(row, table.columns, strict=True)]
        for row in table.rows
    ]
    fills: list[list[str | None]] = [
        [
            FLAG_FILLS[str(v)] if c.kind == "flag" and v else None
            for v, c in zip(row, table.columns, strict=True)
        ]
        for row in table.rows
    ]
    return FlowTable(table.title, columns, rows, list(table.row_flags), fills, table.note)


def write_pdf(report: PlanReport, path: Path, lang: Lang = "sv") -> None:
    """Write the report as a PDF through the reports' PDF layer (same metadata, same writing)."""
    from reports.documents.pdf import pdf_document  # heavy: tests/test_startup_imports.py

    title = MESSAGES("title", lang)
    with pdf_document(path, f"{title} – {report.plan_name}", report.provenance, lang) as pdf:
        _draw(report, pdf, lang, accessible_version(path, lang))


def _draw(report: PlanReport, pdf: PdfPages, lang: Lang, accessible: str = "") -> None:
    # heavy: tests/test_startup_imports.py
    from reports.documents.pages.flow import FLOW_MARGIN
    from reports.documents.pages.flow import PageFlow

    as_of = report.as_of.isoformat()
    footer = f"{report.plan_name} · " + MESSAGES("footer", lang, date=as_of)
    if accessible:
        footer += f" · {accessible}"
    flow = PageFlow(pdf, PAGE, footer, lang)
    subtitle = MESSAGES("plan-follow-up-as-of", lang, date=as_of)
    if report.subtitle:
        subtitle = f"{report.subtitle} · {subtitle}"
    flow.title(report.title, subtitle)
    if report.has_examples:
        flow.paragraph(
            MESSAGES("examples-pdf", lang),
            size=9,
            color="#D55E00",
            fontweight="bold",
        )
    tables = {t.key: flow_table(t, lang) for t in report_tables(report, lang)}
    flow.table(tables["goals"])
    flow.table(tables["totals"])
    flow.new_page()
    flow.table(tables["activities"])
    fig = gantt_figure(report, lang, width=PAGE[0], height=PAGE[1])
    fig.text(
        FLOW_MARGIN / PAGE[0],
        1 - FLOW_MARGIN / PAGE[1],
        MESSAGES("timeline", lang),
        fontsize=12,
        fontweight="bold",
        va="top",
    )
    flow.add_page(fig, footer=False)  # the Gantt legend fills the foot
    flow.new_page()
    for key in ("budget", "parties", "recipients", "log", "indicators"):
        flow.table(tables[key])
    flow.y += 0.15
    flow.paragraph(report.provenance.line(lang), size=7.5, color="#333333")
    flow.flush()
