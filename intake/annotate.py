"""An annotated copy of an uploaded file: each problem cell marked, every problem listed.

The official gets the file back with errors in red and warnings in yellow, the message in
a cell comment, and a first sheet ("Granskning") listing every problem with a link to its
cell.  Workbooks (.xlsx, .xlsm) are copied with openpyxl (macros are dropped, never run);
CSV and .ods files become a new .xlsx holding the data as read, CSV line N on row N.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from i18n import LANGS
from i18n import Lang
from indicators.problems import ERROR
from indicators.problems import WARNING
from indicators.problems import Problem
from indicators.problems import ProblemReport
from intake.errors import IntakeError
from intake.files.entry import ReadError
from intake.files.text import read_table
from intake.messages import MESSAGES
from intake.safety import precheck
from intake.sheets import read_workbook
from intake.template import save_workbook

ERROR_FILL = "FFC7CE"
WARNING_FILL = "FFEB9C"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = (".csv", ".txt")
ODS_SUFFIXES = (".ods",)

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_ROW = re.compile(r"^\$?(\d+):\$?(\d+)$")
_LETTERS = re.compile(r"^[A-Z]{1,3}$")
_HEADER_SEARCH_ROWS = 30
# How a review sheet written before begins ("Granskning av "), in each language.
_TITLE_START = {lang: MESSAGES("annotate-title", lang).split("{")[0] for lang in LANGS}


class AnnotateError(IntakeError):
    """An annotated copy cannot be written for this file."""


class AnnotationTooLarge(AnnotateError):
    """The file has more rows than an annotated copy is made for (``max_rows``)."""

    def __init__(self, file_name: str, limit: int) -> None:
        super().__init__("annotate-too-large", file=file_name, limit=limit)
        self.limit = limit


@dataclass
class _Mark:
    """What goes on one cell: the worst severity and every message."""

    severity: str
    messages: list[str] = field(default_factory=list)


def write_annotated_copy(
    source_path: str | os.PathLike[str],
    problems: ProblemReport | Iterable[Problem],
    out_path: str | os.PathLike[str],
    *,
    lang: Lang = "sv",
    max_rows: int | None = None,
) -> Path:
    """Write a copy of the file with each problem cell marked and a review sheet first.

    The work grows with the file's cells plus its problems, never their product.  With
    ``max_rows``, a file of more rows than that is not copied (`AnnotationTooLarge`), found
    from the file's bytes before any reader opens it.  Whatever a reader library raises on
    an unusual file (openpyxl's TypeError on an empty ``<fill/>``) is an `AnnotateError`.
    """
    source = Path(source_path)
    found = list(problems.problems if isinstance(problems, ProblemReport) else problems)
    suffix = source.suffix.lower()
    supported = WORKBOOK_SUFFIXES + TEXT_SUFFIXES + ODS_SUFFIXES
    if suffix in supported and not _safe_to_open(source, max_rows):
        # A file the safety checks refuse (a bomb, entities, encrypted) is never opened:
        # the copy holds only the review sheet.
        workbook = _workbook_from_rows({})
        from_text = False
    elif suffix in WORKBOOK_SUFFIXES:
        workbook = _load_workbook(source)
        from_text = False
    elif suffix in TEXT_SUFFIXES:
        sheet_name = _safe_sheet_name(source.stem, _review_sheets())
        workbook = _workbook_from_rows({sheet_name: _read_csv_rows(source)})
        from_text = True
    elif suffix in ODS_SUFFIXES:
        workbook = _workbook_from_rows(_read_ods_sheets(source))
        from_text = False
    else:
        raise AnnotateError("annotate-unsupported", file=source.name)
    try:
        return _annotate(workbook, found, source.name, Path(out_path), lang, from_text)
    except AnnotateError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a workbook it read itself
        raise AnnotateError("annotate-failed", file=source.name, cause=exc) from exc


def _annotate(
    workbook: Any, found: list[Problem], file_name: str, out_path: Path, lang: Lang, from_text: bool
) -> Path:
    """Mark the problems in the workbook, put the review sheet first and save it."""
    _remove_old_review(workbook)
    marks = _collect_marks(workbook, found, lang, csv_source=from_text)
    _apply_marks(workbook, marks)
    review_name = _safe_sheet_name(MESSAGES("sheet-review", lang), workbook.sheetnames)
    review = workbook.create_sheet(review_name, 0)
    _write_review(review, workbook, found, file_name, lang, csv_source=from_text)
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = False
    workbook.active = 0
    review.sheet_view.tabSelected = True
    return save_workbook(workbook, out_path)


def _safe_to_open(source: Path, max_rows: int | None = None) -> bool:
    """False for a file that intake.safety refuses to hand to a reader library.

    With ``max_rows``, a file whose only finding is more rows than that raises
    `AnnotationTooLarge`: it is a good file, too large to copy on request.
    """
    report = precheck(source, max_rows=max_rows)
    codes = {problem.code for problem in report.errors}
    if max_rows is not None and codes == {"too-many-rows"}:
        if precheck(source).ok:
            raise AnnotationTooLarge(source.name, max_rows)
        return False
    return report.ok


def _remove_old_review(workbook: Any) -> None:
    """Drop the review sheet of a copy annotated before and sent back: it is out of date."""
    for lang in LANGS:
        name = MESSAGES("sheet-review", lang)
        if name not in workbook.sheetnames:
            continue
        title = workbook[name]["A1"].value
        if isinstance(title, str) and title.startswith(_TITLE_START[lang]):
            del workbook[name]


def _review_sheets() -> list[str]:
    """The review sheet's name in every language (a CSV's sheet is never given one of them)."""
    return [MESSAGES("sheet-review", lang) for lang in LANGS]


def _load_workbook(source: Path) -> Any:
    from openpyxl import load_workbook  # heavy: tests/test_startup_imports.py

    try:
        # keep_vba=False: the copy is a plain .xlsx and no macro ever comes along.
        return load_workbook(source, keep_vba=False, data_only=False, rich_text=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise AnnotateError("annotate-cannot-open", file=source.name, cause=exc) from exc


def _read_csv_rows(source: Path) -> list[tuple[int, list[str]]]:
    """The CSV records with the line each is on, read as the import read them."""
    return list(enumerate(read_table(source).rows, start=1))


def _read_ods_sheets(source: Path) -> dict[str, list[tuple[int, list[Any]]]]:
    """The visible sheets of an .ods file as the import read them (the one sheet reader)."""
    try:
        workbook = read_workbook(source)
    except ReadError as exc:
        raise AnnotateError("annotate-cannot-read", file=source.name, cause=exc.as_text()) from exc
    sheets = {
        sheet.name or "Data": list(enumerate((list(row) for row in sheet.rows), start=1))
        for sheet in workbook.sheets
    }
    return sheets or {"Data": []}


def _workbook_from_rows(sheets: dict[str, list[tuple[int, list[Any]]]]) -> Any:
    """A new workbook holding rows as read; text stays text (a `=...` never becomes a formula)."""
    from openpyxl import Workbook  # heavy: tests/test_startup_imports.py
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # heavy: tests/test_startup_imports.py

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(_safe_sheet_name(name, workbook.sheetnames))
        for row_number, values in rows:
            for column, value in enumerate(values, start=1):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = sheet.cell(row=row_number, column=column, value=value)
                if cell.data_type == "f":
                    cell.data_type = "s"
        for column in range(1, sheet.max_column + 1):
            from openpyxl.utils import get_column_letter  # heavy: tests/test_startup_imports.py

            sheet.column_dimensions[get_column_letter(column)].width = 16
    return workbook


def _safe_sheet_name(name: str, taken: list[str]) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", str(name)).strip("'")[:31] or "Data"
    candidate, number = cleaned, 2
    while candidate in taken:
        candidate = f"{cleaned[:28]}_{number}"
        number += 1
    return candidate


def _collect_marks(
    workbook: Any, problems: list[Problem], lang: Lang, *, csv_source: bool
) -> dict[tuple[str, int, int], _Mark]:
    """(sheet, row, column) -> mark, for every problem that names a place in the workbook.

    A problem on a whole row colours every used cell of it; its message goes on the first.
    """
    marks: dict[tuple[str, int, int], _Mark] = {}
    for problem in problems:
        cells = _cells_of(workbook, problem, csv_source=csv_source)
        for index, key in enumerate(cells):
            mark = marks.setdefault(key, _Mark(problem.severity))
            if problem.severity == ERROR:
                mark.severity = ERROR
            if index == 0:
                severity = ERROR if problem.severity == ERROR else WARNING
                label = MESSAGES(f"annotate-{severity}", lang).capitalize()
                mark.messages.append(f"{label} [{problem.code}]: {problem.message(lang)}")
    return marks


def _cells_of(workbook: Any, problem: Problem, *, csv_source: bool) -> list[tuple[str, int, int]]:
    """The cells a problem names: one cell, or every used cell of a row; none when unplaced."""
    sheet_name, reference = _split_cell(problem.cell)
    sheet_name = sheet_name or problem.sheet
    if sheet_name is None or sheet_name not in workbook.sheetnames:
        candidates = [ws.title for ws in workbook.worksheets]
        if sheet_name is not None or len(candidates) != 1:
            return []
        sheet_name = candidates[0]
    sheet = workbook[sheet_name]
    row: int | None = problem.row
    column: int | None = None
    if reference:
        cell_match, row_match = _CELL.match(reference), _ROW.match(reference)
        if cell_match:
            # heavy: tests/test_startup_imports.py
            from openpyxl.utils import column_index_from_string

            column = column_index_from_string(cell_match.group(1).upper())
            row = int(cell_match.group(2))
        elif row_match:
            row = int(row_match.group(1))
    if row is None or row < 1:
        return []
    if column is None and problem.column:
        column = _column_of(sheet, problem.column, csv_source=csv_source)
    if column is not None:
        return [(sheet_name, *_merged_anchor(sheet, row, column))]
    return [(sheet_name, row, c) for c in range(1, _last_column(sheet) + 1)]


# openpyxl's max_row and max_column walk every cell of the sheet; a file with a problem on
# each of thousands of rows would walk it once per problem (2 000 rows took 2.1 s, 8 000
# rows 23 s).  The sheet does not grow while marking: each is worked out once per sheet.
_LAST_COLUMNS: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
_HEADERS: weakref.WeakKeyDictionary[Any, dict[str, int]] = weakref.WeakKeyDictionary()
_MERGED: weakref.WeakKeyDictionary[Any, dict[int, list[Any]]] = weakref.WeakKeyDictionary()


def _last_column(sheet: Any) -> int:
    """The sheet's last used column (at least 1), worked out once per sheet."""
    last = _LAST_COLUMNS.get(sheet)
    if last is None:
        last = _LAST_COLUMNS[sheet] = max(sheet.max_column, 1)
    return last


def _split_cell(cell: str | None) -> tuple[str | None, str | None]:
    """`'Värden'!E7` -> ("Värden", "E7"); `E7` -> (None, "E7")."""
    if not cell:
        return None, None
    if "!" not in cell:
        return None, cell.strip()
    sheet, _, reference = cell.rpartition("!")
    sheet = sheet.strip()
    if len(sheet) >= 2 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, reference.strip()


def _column_of(sheet: Any, column: str, *, csv_source: bool) -> int | None:
    """A column given as a header name (CSV) or a letter (spreadsheets)."""
    wanted = " ".join(column.split()).casefold()
    if csv_source or not _LETTERS.match(column):
        found = _headers(sheet).get(wanted)
        if found is not None:
            return found
    if _LETTERS.match(column):
        from openpyxl.utils import column_index_from_string  # heavy: tests/test_startup_imports.py

        return column_index_from_string(column)
    return None


def _headers(sheet: Any) -> dict[str, int]:
    """Header text (blanks collapsed, case folded) -> its first column, from the top rows.

    Read once per sheet; the first cell holding a text wins, row by row, as a search would.
    """
    headers = _HEADERS.get(sheet)
    if headers is None:
        headers = {}
        last = min(sheet.max_row, _HEADER_SEARCH_ROWS)
        for row in sheet.iter_rows(max_row=last):
            for cell in row:
                if isinstance(cell.value, str):
                    headers.setdefault(" ".join(cell.value.split()).casefold(), cell.column)
        _HEADERS[sheet] = headers
    return headers


def _merged_anchor(sheet: Any, row: int, column: int) -> tuple[int, int]:
    """The top-left cell of the merged range holding (row, column), else the cell itself."""
    for merged in _merged_by_row(sheet).get(row, ()):
        if merged.min_col <= column <= merged.max_col:
            return merged.min_row, merged.min_col
    return row, column


def _merged_by_row(sheet: Any) -> dict[int, list[Any]]:
    """Row -> the merged ranges covering it, built once per sheet (not searched per problem)."""
    by_row = _MERGED.get(sheet)
    if by_row is None:
        by_row = {}
        last = sheet.max_row  # a range may be declared far below the last used row
        for merged in sheet.merged_cells.ranges:
            for row in range(merged.min_row, min(merged.max_row, last) + 1):
                by_row.setdefault(row, []).append(merged)
        _MERGED[sheet] = by_row
    return by_row


def _apply_marks(workbook: Any, marks: dict[tuple[str, int, int], _Mark]) -> None:
    from openpyxl.comments import Comment  # heavy: tests/test_startup_imports.py
    from openpyxl.styles import PatternFill  # heavy: tests/test_startup_imports.py

    fills = {
        ERROR: PatternFill("solid", fgColor=ERROR_FILL),
        WARNING: PatternFill("solid", fgColor=WARNING_FILL),
    }
    for (sheet_name, row, column), mark in marks.items():
        cell = workbook[sheet_name].cell(row=row, column=column)
        cell.fill = fills[ERROR if mark.severity == ERROR else WARNING]
        if not mark.messages:
            continue
        text = "\n".join(mark.messages)
        if cell.comment is not None and cell.comment.text:
            text = f"{cell.comment.text}\n\n{text}"
        lines = sum(1 + len(line) // 45 for line in text.splitlines())
        comment = Comment(text[:32000], "miljomal")
        comment.width = 320
        comment.height = min(60 + 16 * lines, 600)
        cell.comment = comment


def _write_review(
    sheet: Any,
    workbook: Any,
    problems: list[Problem],
    file_name: str,
    lang: Lang,
    *,
    csv_source: bool,
) -> None:
    from openpyxl.styles import Alignment  # heavy: tests/test_startup_imports.py
    from openpyxl.styles import Font  # heavy: tests/test_startup_imports.py
    from openpyxl.styles import PatternFill  # heavy: tests/test_startup_imports.py
    from openpyxl.worksheet.hyperlink import Hyperlink  # heavy: tests/test_startup_imports.py

    errors = sum(1 for p in problems if p.severity == ERROR)
    sheet["A1"] = MESSAGES("annotate-title", lang, file=file_name)
    sheet["A1"].font = Font(bold=True, size=14)
    if problems:
        sheet["A2"] = MESSAGES(
            "annotate-summary", lang, errors=errors, warnings=len(problems) - errors
        )
        sheet["A3"] = MESSAGES("annotate-legend", lang)
    else:
        sheet["A2"] = MESSAGES("annotate-none", lang)
    header_row = 5
    for column, key in enumerate(("severity", "code", "cell", "message"), start=1):
        cell = sheet.cell(row=header_row, column=column, value=MESSAGES(f"annotate-{key}", lang))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
    for row, problem in enumerate(problems, start=header_row + 1):
        is_error = problem.severity == ERROR
        severity = sheet.cell(
            row=row, column=1, value=MESSAGES(f"annotate-{ERROR if is_error else WARNING}", lang)
        )
        severity.fill = PatternFill("solid", fgColor=ERROR_FILL if is_error else WARNING_FILL)
        sheet.cell(row=row, column=2, value=problem.code)
        place = sheet.cell(row=row, column=3, value=_place(problem, lang))
        message = sheet.cell(row=row, column=4, value=problem.message(lang))
        message.alignment = Alignment(wrap_text=True, vertical="top")
        target = _cells_of(workbook, problem, csv_source=csv_source)
        if target:
            sheet_name, target_row, target_column = target[0]
            from openpyxl.utils import get_column_letter  # heavy: tests/test_startup_imports.py

            location = f"'{sheet_name.replace(chr(39), chr(39) * 2)}'!"
            location += f"{get_column_letter(target_column)}{target_row}"
            place.hyperlink = Hyperlink(ref=place.coordinate, location=location)
            place.font = Font(color="0563C1", underline="single")
    widths = {"A": 12, "B": 26, "C": 22, "D": 90}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{header_row + 1}"


def _place(problem: Problem, lang: Lang) -> str:
    """Where a problem is, as the review lists it: `Värden!E7`, `rad 12, kolumn värde`."""
    if problem.cell:
        return problem.cell
    parts = []
    if problem.sheet:
        parts.append(problem.sheet)
    if problem.row is not None:
        parts.append(MESSAGES("annotate-row", lang, row=problem.row))
    if problem.column:
        parts.append(MESSAGES("annotate-column", lang, column=problem.column))
    return ", ".join(parts) or MESSAGES("annotate-whole", lang)
