"""The plan report as an Excel workbook: one sheet per table, numbers as numbers, frozen headers.

Text a user wrote (notes, titles) that starts with ``=``, ``+``, ``-`` or ``@`` gets a
leading apostrophe, so a spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from i18n import Lang
from indicators.safe_text import neutralise
from plan.documents.gantt import FLAG_FILLS
from plan.documents.tables import Cell
from plan.documents.tables import Table
from plan.documents.tables import cell_text
from plan.documents.tables import report_tables
from plan.messages import MESSAGES
from plan.report_model import PlanReport
from plan.texts import flag_text

if TYPE_CHECKING:
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet


def safe_text(text: str) -> str:
    """Text that a spreadsheet will not read as a formula (see indicators.safe_text)."""
    return neutralise(text)


def write_xlsx(report: PlanReport, path: Path, lang: Lang = "sv") -> None:
    """Write the report as an .xlsx workbook with the reports' xlsx helpers (`put`, `save`...)."""
    from openpyxl import Workbook  # heavy: tests/test_startup_imports.py

    # heavy: tests/test_startup_imports.py
    from reports.documents.xlsx import BOLD
    from reports.documents.xlsx import EXAMPLE_FONT
    from reports.documents.xlsx import TITLE
    from reports.documents.xlsx import put
    from reports.documents.xlsx import save
    from reports.documents.xlsx import set_widths

    workbook = Workbook()
    summary = workbook.active
    summary.title = MESSAGES("overview", lang)
    put(summary, 1, 1, report.title, font=TITLE)
    row = 1
    if report.subtitle:
        row += 1
        put(summary, row, 1, report.subtitle)
    overview: list[tuple[str, object, str]] = [
        (MESSAGES("as-of", lang), report.as_of, "yyyy-mm-dd"),
        (MESSAGES("activity-budget-kr", lang), report.activity_budget, "#,##0"),
        (MESSAGES("spent-kr", lang), report.spent, "#,##0"),
    ]
    for label, value, number_format in overview:
        row += 1
        put(summary, row, 1, label)
        put(summary, row, 2, value, number_format=number_format)
    if report.has_examples:
        row += 1
        put(summary, row, 1, MESSAGES("examples-xlsx", lang), font=EXAMPLE_FONT)
    put(summary, row + 2, 1, report.provenance.line(lang))
    set_widths(summary, {1: 40, 2: 16})

    for table in report_tables(report, lang):
        sheet = workbook.create_sheet(MESSAGES(f"sheet-{table.key}", lang))
        _write_table(sheet, table, lang, BOLD)
    # The reports' writer: fixed document and zip dates (identical bytes for identical data).
    save(workbook, path, report.provenance)


NUMBER_FORMATS = {"kr": "#,##0", "percent": "0%", "date": "yyyy-mm-dd"}


def _write_table(sheet: Worksheet, table: Table, lang: Lang, bold: Font) -> None:
    from openpyxl.styles import Alignment  # heavy: tests/test_startup_imports.py
    from openpyxl.styles import PatternFill  # heavy: tests/test_startup_imports.py

    from reports.documents.xlsx import put  # heavy: tests/test_startup_imports.py
    from reports.documents.xlsx import set_widths  # heavy: tests/test_startup_imports.py

    for index, column in enumerate(table.columns, start=1):
        put(sheet, 1, index, column.header, font=bold)
    for row_number, row in enumerate(table.rows, start=2):
        flag = table.row_flags[row_number - 2] if row_number - 2 < len(table.row_flags) else None
        for index, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            cell = put(sheet, row_number, index, _cell_value(value, column.kind, lang))
            if column.kind == "flag" and value:
                cell.fill = PatternFill("solid", fgColor=FLAG_FILLS[str(value)].lstrip("#"))
            elif column.kind in NUMBER_FORMATS or isinstance(value, dt.date):
                cell.number_format = NUMBER_FORMATS.get(column.kind, "yyyy-mm-dd")
            if flag in ("subtotal", "total"):
                cell.font = bold
            cell.alignment = Alignment(vertical="top", wrap_text=column.width >= 2)
    sheet.freeze_panes = "A2"
    set_widths(
        sheet,
        {i: max(10, min(60, c.width * 14)) for i, c in enumerate(table.columns, start=1)},
    )
    if table.note:
        put(sheet, len(table.rows) + 3, 1, table.note)


def _cell_value(value: Cell, kind: str, lang: Lang) -> object:
    """A cell's value for the workbook: numbers and dates as such, the rest as text."""
    if value is None or value == "":
        return None
    if kind == "flag":
        return flag_text(str(value), lang)
    if kind == "percent":
        return round(float(value) / 100, 4)  # type: ignore[arg-type]
    if kind in ("kr", "number") or isinstance(value, int | float | dt.date):
        return value
    return cell_text(value, kind, lang)  # type: ignore[arg-type]
