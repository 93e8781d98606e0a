"""The plan report as an Excel workbook: one sheet per table, numbers as numbers, frozen headers.

Text a user wrote (notes, titles) that starts with ``=``, ``+``, ``-`` or ``@`` gets a
leading apostrophe, so a spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from indicators.safe_text import neutralise
from plan.documents.gantt import FLAG_FILLS
from plan.documents.tables import L, Table, cell_text, report_tables
from plan.report_model import PlanReport
from plan.texts import FLAG_SYMBOLS, flag_label

SHEET_NAMES = {
    "goals": ("Mål", "Goals"),
    "activities": ("Aktiviteter", "Activities"),
    "budget": ("Budget", "Budget"),
    "parties": ("Ansvariga", "Parties"),
    "totals": ("Summor", "Totals"),
    "recipients": ("Mottagare", "Recipients"),
    "log": ("Logg", "Log"),
    "indicators": ("Nyckeltal", "Indicators"),
}


def safe_text(text: str) -> str:
    """Text that a spreadsheet will not read as a formula (see indicators.safe_text)."""
    return neutralise(text)


def write_xlsx(report: PlanReport, path: Path, lang: str = "sv") -> None:
    """Write the report as an .xlsx workbook with the reports' xlsx helpers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    from reports.documents.xlsx import BOLD, EXAMPLE_FONT, TITLE, save

    workbook = Workbook()
    summary = workbook.active
    summary.title = L("Översikt", "Overview", lang)
    bold = BOLD
    summary.append([safe_text(report.title)])
    summary["A1"].font = TITLE
    if report.subtitle:
        summary.append([safe_text(report.subtitle)])
    summary.append([L("Uppföljning per", "Follow-up as of", lang), report.as_of])
    summary.cell(summary.max_row, 2).number_format = "yyyy-mm-dd"
    summary.append(
        [L("Budget målaktiviteter (kr)", "Activity budget (SEK)", lang), report.activity_budget]
    )
    summary.append([L("Förbrukat (kr)", "Spent (SEK)", lang), report.spent])
    for row in summary.iter_rows(min_row=summary.max_row - 1, max_col=2):
        row[1].number_format = "#,##0"
    if report.has_examples:
        summary.append(
            [
                L(
                    "Loggen innehåller exempel (påhittade uppgifter).",
                    "The log holds examples (invented entries).",
                    lang,
                )
            ]
        )
        summary.cell(summary.max_row, 1).font = EXAMPLE_FONT
    summary.append([])
    summary.append([report.provenance.line(lang)])
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 16

    for table in report_tables(report, lang):
        sheet = workbook.create_sheet(L(*SHEET_NAMES[table.key], lang))
        _write_table(sheet, table, lang, bold, PatternFill, Alignment, get_column_letter)
    # The reports' writer: fixed document and zip dates (identical bytes for identical data).
    save(workbook, path, report.provenance)


def _write_table(
    sheet, table: Table, lang: str, bold, PatternFill, Alignment, get_column_letter
) -> None:  # type: ignore[no-untyped-def]  # noqa: N803
    sheet.append([c.header for c in table.columns])
    for cell in sheet[1]:
        cell.font = bold
    # Each appended row's number is counted here: sheet.max_row walks every cell of the sheet.
    row_number = sheet.max_row
    for i, row in enumerate(table.rows):
        values = []
        for value, column in zip(row, table.columns, strict=True):
            if value is None or value == "":
                values.append(None)
            elif column.kind == "flag":
                values.append(f"{FLAG_SYMBOLS[str(value)]} {flag_label(str(value), lang)}")
            elif column.kind == "percent":
                values.append(round(float(value) / 100, 4))  # type: ignore[arg-type]
            elif column.kind in ("kr", "number") or isinstance(value, int | float | dt.date):
                values.append(value)
            else:
                values.append(safe_text(cell_text(value, column.kind, lang)))
        sheet.append(values)
        row_number += 1
        flag = table.row_flags[i] if i < len(table.row_flags) else None
        for column, value, cell in zip(table.columns, row, sheet[row_number], strict=True):
            if column.kind == "kr":
                cell.number_format = "#,##0"
            elif column.kind == "percent":
                cell.number_format = "0%"
            elif column.kind == "date" or isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif column.kind == "flag" and value:
                cell.fill = PatternFill("solid", fgColor=FLAG_FILLS[str(value)].lstrip("#"))
            if flag in ("subtotal", "total"):
                cell.font = bold
            cell.alignment = Alignment(vertical="top", wrap_text=column.width >= 2)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(
            10, min(60, column.width * 14)
        )
    if table.note:
        sheet.append([])
        sheet.append([safe_text(table.note)])
