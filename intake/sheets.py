"""Read a spreadsheet or text file into plain rows of cell values, sheet by sheet.

Values come from python-calamine (xlsx, xlsm, ods) or the csv module (csv, txt).  Calamine
cannot tell two things the import needs: whether a number is formatted as a percentage
(0.125 shown as 12,5 %) and whether an empty-looking cell is a formula that was never
calculated (files written by programs, not by Excel).  Those come from the file's XML,
scanned only when first asked for, with byte searches rather than a full XML parse, so a
232 000-row sheet still reads in about calamine's time.

Rows hold the values as calamine gives them, with an empty cell as ``""`` (the csv module
does the same); :meth:`Sheet.value` gives ``None`` for it.  Rows and columns are 1-based
in every method and every sheet starts at A1.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import IO
from typing import Any
from xml.parsers.expat import ExpatError
from xml.parsers.expat import ParserCreate

from defusedxml.ElementTree import iterparse

from i18n import Text
from intake.errors import ERRORS
from intake.files.cells import CleanedCell
from intake.files.cells import clean_rows
from intake.files.entry import ReadError
from intake.files.entry import check_entry
from intake.files.limits import DEFAULT_MAX_CELLS
from intake.files.limits import DEFAULT_MAX_COLUMNS
from intake.files.limits import DEFAULT_MAX_ROWS
from intake.files.limits import TOO_MANY_CELLS
from intake.files.limits import used_area_messages
from intake.files.text import read_table
from intake.files.xmltree import parse_xml
from intake.files.zipped import STYLES
from intake.files.zipped import WORKBOOK
from intake.files.zipped import WORKBOOK_RELS
from intake.files.zipped import CheckedZip
from intake.safety import precheck

__all__ = ["ReadError", "Sheet", "Workbook", "read_workbook"]

TEMPLATE_SHEET = "miljomal"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")
TEXT_SUFFIXES = (".csv", ".txt")
_CHUNK = 4 * 1024 * 1024
_REF = re.compile(rb'\br=["\']([A-Z]{1,3})([0-9]{1,7})["\']')
_CACHED_VALUE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)</(?:\w+:)?v>")
_BUILTIN_PERCENT_FORMATS = frozenset({9, 10})
_ERROR_CELL = re.compile(rb"""\bt=["']e["']""")
_NUMBER_FORMAT_ID = re.compile(rb"""numFmtId\s*=\s*["']([^"']*)["']""")

Cells = set[tuple[int, int]]
Errors = dict[tuple[int, int], str]
Flags = Callable[[], tuple[Cells, Cells, Errors]]
Source = Path | bytes  # a file, or its bytes read once


@dataclass(eq=False)
class Sheet:
    """One sheet's cells as rows of values (``""`` for empty), with lazy format flags.

    ``name`` is None for a CSV or text file.  ``merged`` lists merged ranges as 1-based
    ``(first_row, first_column, last_row, last_column)``.
    """

    name: str | None
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    may_have_percent: bool = False
    cleaned: list[CleanedCell] = field(default_factory=list)  # cells controls were removed from
    _flags: Flags | None = field(default=None, repr=False)
    _percent: set[tuple[int, int]] | None = field(default=None, repr=False)
    _uncached: set[tuple[int, int]] | None = field(default=None, repr=False)
    _errors: dict[tuple[int, int], str] | None = field(default=None, repr=False)

    def value(self, row: int, column: int) -> Any:
        """The value of a cell (1-based), None when it is empty or outside the data."""
        if row < 1 or column < 1 or row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        if column > len(cells):
            return None
        value = cells[column - 1]
        return None if value == "" else value

    def is_percent(self, row: int, column: int) -> bool:
        """True when the cell carries a percentage number format."""
        if not self.may_have_percent:
            return False
        return (row, column) in self._load()[0]

    def is_formula_without_cache(self, row: int, column: int) -> bool:
        """True when the cell holds a formula whose result was never calculated and saved."""
        if self._flags is None:
            return False
        return (row, column) in self._load()[1]

    def error_value(self, row: int, column: int) -> str | None:
        """The error a cell shows (``#DIV/0!``, ``#N/A``), which calamine reads as empty."""
        if self._flags is None:
            return None
        return self._load()[2].get((row, column))

    def _load(self) -> tuple[Cells, Cells, Errors]:
        if self._percent is None or self._uncached is None or self._errors is None:
            flags = self._flags() if self._flags else (set(), set(), {})
            self._percent, self._uncached, self._errors = flags
        return self._percent, self._uncached, self._errors


@dataclass(eq=False)
class Workbook:
    """The visible sheets of one file, and its template metadata sheet if it has one."""

    path: Path
    sheets: list[Sheet]
    template_sheet: Sheet | None = None
    hidden_sheet_names: list[str] = field(default_factory=list)
    encoding: str | None = None  # text files only
    delimiter: str | None = None  # text files only


def read_workbook(
    path: str | Path,
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
    max_cells: int = DEFAULT_MAX_CELLS,
    prechecked: bool = False,
    content: bytes | None = None,
    archive: CheckedZip | None = None,
) -> Workbook:
    """Read a .xlsx, .xlsm, .ods, .csv or .txt file; raise ReadError when it cannot be read.

    A spreadsheet's bytes are checked first (`intake.safety.precheck`: zip bombs, a used
    area far larger than the cells, encryption), since the reader lays out every cell of the
    used area: a 7 KB file with one cell at SF499999 would take 8 GB.  ``prechecked`` (the
    import, which has run the same checks on the file already) skips them; ``content``
    (the import, which has read the file once) are the file's bytes, read instead of it;
    ``archive`` what their precheck learned of them, taken instead of reading it again.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _read_text(path, max_rows, max_columns)
    if suffix in SPREADSHEET_SUFFIXES:
        if prechecked:
            check_entry(path)
        else:
            _precheck(path, max_rows, max_columns)
        try:
            return _read_spreadsheet(path, max_rows, max_columns, max_cells, content, archive)
        except ReadError:
            raise
        except BaseException as exc:
            # The calamine binding panics on some damaged files with pyo3's PanicException,
            # a BaseException: it rejects this file only, never the user's batch.
            if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                raise
            raise _unreadable(path, exc) from exc
    if suffix == ".xls":
        raise ReadError("xls", file=path.name)
    raise ReadError("unknown-file-type", file=path.name, suffix=suffix or ERRORS["no-suffix"])


# --- spreadsheets -----------------------------------------------------------------------


def _precheck(path: Path, max_rows: int, max_columns: int) -> None:
    """Raise the first finding of the safety checks on the file's bytes as a ReadError."""
    found = precheck(path, max_rows=max_rows, max_columns=max_columns)
    if found.errors:
        first = found.errors[0]
        said = Text(first.message("sv"), first.message("en"))
        raise ReadError("as-found", message=said, code=first.code, row=first.row)


def _read_spreadsheet(
    path: Path,
    max_rows: int,
    max_columns: int,
    max_cells: int,
    content: bytes | None = None,
    archive: CheckedZip | None = None,
) -> Workbook:
    # heavy: tests/test_startup_imports.py
    from python_calamine import CalamineWorkbook
    from python_calamine import SheetTypeEnum
    from python_calamine import SheetVisibleEnum

    source: Source = path if content is None else content
    try:
        if content is None:
            book = CalamineWorkbook.from_path(str(path))
        else:
            book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as exc:  # calamine raises its own errors, OSError and ValueError
        raise _unreadable(path, exc) from exc
    try:
        flags = _flag_sources(source, archive if content is not None else None)
        workbook = Workbook(path=path, sheets=[])
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:  # chart and dialog sheets hold no cells
                continue
            visible = meta.visible == SheetVisibleEnum.Visible
            is_template = meta.name == TEMPLATE_SHEET
            if not visible:
                workbook.hidden_sheet_names.append(meta.name)
                if not is_template:
                    continue
            try:
                sheet = _calamine_sheet(book, meta.name, path, max_rows, max_columns, max_cells)
            except ReadError:
                raise
            sheet.may_have_percent, sheet._flags = flags(meta.name)
            if is_template:
                workbook.template_sheet = sheet
            if visible:
                workbook.sheets.append(sheet)
        return workbook
    finally:
        book.close()


def _calamine_sheet(
    book: Any, name: str, path: Path, max_rows: int, max_columns: int, max_cells: int
) -> Sheet:
    source = book.get_sheet_by_name(name)
    end = source.end
    if end is not None:
        _check_limits(path, name, end[0] + 1, end[1] + 1, max_rows, max_columns)
        if (end[0] + 1) * (end[1] + 1) > max_cells:
            said = Text(*used_area_messages(end[0] + 1, end[1] + 1, max_cells))
            raise ReadError("in-file", file=path.name, message=said, code=TOO_MANY_CELLS)
    rows = source.to_python(skip_empty_area=False) if end is not None else []
    merged = [
        (top + 1, left + 1, bottom + 1, right + 1)
        for (top, left), (bottom, right) in (source.merged_cell_ranges or [])
    ]
    return Sheet(name=name, rows=rows, merged=merged, cleaned=clean_rows(rows))


def _check_limits(
    path: Path, sheet: str | None, rows: int, columns: int, max_rows: int, max_columns: int
) -> None:
    if rows > max_rows:
        key = "sheet-too-many-rows" if sheet else "file-too-many-rows"
        raise ReadError(key, file=path.name, sheet=sheet, limit=max_rows)
    if columns > max_columns:
        key = "sheet-too-many-columns" if sheet else "file-too-many-columns"
        raise ReadError(key, file=path.name, sheet=sheet, limit=max_columns)


def _unreadable(path: Path, exc: BaseException) -> ReadError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ReadError("not-a-spreadsheet", file=path.name, detail=detail)


def _zip(source: Source) -> zipfile.ZipFile:
    """The zip archive of a file, from its path or from its bytes."""
    return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)


def _flag_sources(
    path: Source, checked: CheckedZip | None = None
) -> Callable[[str], tuple[bool, Flags | None]]:
    """For each sheet name: whether percent formats may occur, and a lazy flag scanner.

    ``checked`` is what the precheck learned of the same bytes: their members' names and
    small members (the styles, the workbook, the sheets), which then need no zip directory
    parsed again.
    """
    try:
        if checked is not None and checked.knows(STYLES):
            if "content.xml" in checked.names:
                return _ods_flag_sources(path)
            percent_styles = _percent_styles(checked.members.get(STYLES))
        else:
            with _zip(path) as archive:
                if "content.xml" in archive.namelist():
                    return _ods_flag_sources(path)
                percent_styles = _xlsx_percent_styles(archive)
    except Exception:  # formats are a refinement: calamine already read the values
        return lambda name: (False, None)
    return _xlsx_flag_sources(path, percent_styles, checked)


def _xml_root(data: bytes) -> Any:
    return parse_xml(data)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xlsx_flag_sources(
    path: Source, percent_styles: frozenset[int], checked: CheckedZip | None = None
) -> Callable[[str], tuple[bool, Flags | None]]:
    # The sheets' zip members are looked up only when a sheet's flags are first asked for:
    # a template whose value cells are all filled in, without percent styles, never asks.
    found: list[dict[str, str]] = []

    def members() -> dict[str, str]:
        if not found:
            try:
                if checked is not None and checked.knows(WORKBOOK_RELS, WORKBOOK):
                    found.append(_xlsx_sheet_members(checked.read))
                else:
                    with _zip(path) as archive:
                        found.append(_xlsx_sheet_members(archive.read))
            except Exception:  # as above: without its member a sheet has no flags
                found.append({})
        return found[0]

    def flags(name: str) -> tuple[Cells, Cells, Errors]:
        member = members().get(name)
        if member is None:
            return set(), set(), {}
        if checked is not None and member in checked.members:
            return _scan_xlsx_stream(io.BytesIO(checked.members[member]), percent_styles)
        return _scan_xlsx_sheet(path, member, percent_styles)

    return lambda name: (bool(percent_styles), lambda: flags(name))


def _xlsx_sheet_members(read: Callable[[str], bytes]) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML; ``read`` reads a member."""
    targets = {}
    for rel in _xml_root(read(WORKBOOK_RELS)):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = target
    members = {}
    for element in _xml_root(read(WORKBOOK)).iter():
        if _local(element.tag) == "sheet":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            if rid in targets:
                members[element.get("name")] = targets[rid]
    return members


def _xlsx_percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """Indexes of the cell styles (``s=`` attributes) whose number format shows a percentage."""
    try:
        data = archive.read(STYLES)
    except KeyError:
        return frozenset()
    return _percent_styles(data)


@lru_cache(maxsize=8)
def _percent_styles(data: bytes | None) -> frozenset[int]:
    """The percent cell styles of a styles.xml (None: there is none), kept for the next file.

    Templates made by `intake.template` share their styles byte for byte: a batch of them
    works the answer out once.
    """
    if data is None:
        return frozenset()
    if _without_percent_formats(data):
        return frozenset()
    root = _xml_root(data)
    custom: dict[int, str] = {}
    cell_formats: list[int] = []
    for element in root:
        kind = _local(element.tag)
        if kind == "numFmts":
            for fmt in element:
                custom[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
        elif kind == "cellXfs":
            cell_formats = [int(xf.get("numFmtId", "0")) for xf in element]
    percent_ids = {
        fmt for fmt in set(cell_formats) if fmt in _BUILTIN_PERCENT_FORMATS and fmt not in custom
    }
    percent_ids |= {fmt for fmt, code in custom.items() if _is_percent_code(code)}
    return frozenset(i for i, fmt in enumerate(cell_formats) if fmt in percent_ids)


def _without_percent_formats(data: bytes) -> bool:
    """True when a styles.xml surely has no percent format, found without building its tree.

    Building the element tree of a template's styles costs more than reading its cells.
    A percent format is the built-in number format 9 or 10, or a format code with a ``%``;
    when the bytes hold neither (nor a character reference that could spell one) and are
    well-formed XML in an ASCII-compatible encoding, the answer is known without the tree.
    Anything unusual (a DTD, UTF-16, an odd ``numFmtId``) takes the full parse.
    """
    if b"%" in data or b"&#" in data or b"<!" in data or b"\x00" in data:
        return False
    for number in _NUMBER_FORMAT_ID.findall(data):
        if not number.isdigit() or int(number) in _BUILTIN_PERCENT_FORMATS:
            return False
    try:
        ParserCreate().Parse(data, True)  # malformed styles keep the full parse's failure
    except ExpatError:
        return False
    return True


def _is_percent_code(code: str) -> bool:
    """True when a number format code shows a percentage (a % outside quotes, not escaped)."""
    unquoted = re.sub(r'"[^"]*"|\\.', "", code)
    return "%" in unquoted


def _ref(match: re.Match[bytes]) -> tuple[int, int]:
    column = 0
    for letter in match.group(1):
        column = column * 26 + letter - 64
    return int(match.group(2)), column


def _scan_xlsx_sheet(
    path: Source, member: str, percent_styles: frozenset[int]
) -> tuple[Cells, Cells, Errors]:
    """Percent cells, uncached formulas and error cells of one sheet, from its XML in chunks."""
    with _zip(path) as archive, archive.open(member) as stream:
        return _scan_xlsx_stream(stream, percent_styles)


def _scan_xlsx_stream(
    stream: IO[bytes], percent_styles: frozenset[int]
) -> tuple[Cells, Cells, Errors]:
    """`_scan_xlsx_sheet` of a sheet's XML being read."""
    percent: set[tuple[int, int]] = set()
    uncached: set[tuple[int, int]] = set()
    errors: dict[tuple[int, int], str] = {}
    buffer = stream.read(_CHUNK)
    root = re.search(rb"<(\w+:)?worksheet\b", buffer)
    prefix = (root.group(1) or b"") if root else b""
    row_end = b"</" + prefix + b"row>"
    chunk, buffer = buffer, b""
    while chunk:
        buffer += chunk
        # Scan whole rows only, so that no cell is split between two chunks.
        cut = buffer.rfind(row_end)
        if cut >= 0:
            cut += len(row_end)
            _scan_percent(buffer[:cut], prefix, percent_styles, percent)
            _scan_formulas(buffer[:cut], prefix, uncached)
            _scan_errors(buffer[:cut], prefix, errors)
            buffer = buffer[cut:]
        chunk = stream.read(_CHUNK)
    _scan_percent(buffer, prefix, percent_styles, percent)
    _scan_formulas(buffer, prefix, uncached)
    _scan_errors(buffer, prefix, errors)
    return percent, uncached, errors


def _scan_percent(
    data: bytes, prefix: bytes, styles: frozenset[int], found: set[tuple[int, int]]
) -> None:
    cell_open = b"<" + prefix + b"c"
    for style in styles:
        for quote in (b'"', b"'"):
            needle = b" s=" + quote + str(style).encode() + quote
            at = data.find(needle)
            while at >= 0:
                start = data.rfind(b"<", 0, at)
                end = data.find(b">", at)
                tag = data[start:end]
                if tag.startswith(cell_open) and tag[len(cell_open) : len(cell_open) + 1].isspace():
                    ref = _REF.search(tag)
                    if ref:
                        found.add(_ref(ref))
                at = data.find(needle, at + 1)


def _scan_formulas(data: bytes, prefix: bytes, found: set[tuple[int, int]]) -> None:
    formula = b"<" + prefix + b"f"
    cell_open = b"<" + prefix + b"c "
    cell_close = b"</" + prefix + b"c>"
    at = data.find(formula)
    while at >= 0:
        follower = data[at + len(formula) : at + len(formula) + 1]
        if follower in (b">", b" ", b"/"):
            start = data.rfind(cell_open, 0, at)
            end = data.find(cell_close, at)
            if start >= 0 and end >= 0:
                tag = data[start : data.find(b">", start)]
                cached = _CACHED_VALUE.search(data, at, end)
                text_result = b't="str"' in tag or b"t='str'" in tag
                if not cached or (not cached.group(1) and not text_result):
                    ref = _REF.search(tag)
                    if ref:
                        found.add(_ref(ref))
        at = data.find(formula, at + 1)


def _scan_errors(data: bytes, prefix: bytes, found: dict[tuple[int, int], str]) -> None:
    """Cells of type error (``t="e"``) and the error they show, such as ``#DIV/0!``."""
    cell_open = b"<" + prefix + b"c "
    cell_close = b"</" + prefix + b"c>"
    for match in _ERROR_CELL.finditer(data):
        start = data.rfind(cell_open, 0, match.start())
        tag_end = data.find(b">", match.start())
        if start < 0 or tag_end < 0 or data.find(b">", start) != tag_end:
            continue
        ref = _REF.search(data, start, tag_end)
        end = data.find(cell_close, tag_end)
        cached = _CACHED_VALUE.search(data, tag_end, end) if end >= 0 else None
        if ref:
            text = cached.group(1).decode("utf-8", "replace").strip() if cached else ""
            found[_ref(ref)] = text or "#N/A"


def _ods_flag_sources(path: Source) -> Callable[[str], tuple[bool, Flags | None]]:
    scanned: list[dict[str, tuple[Cells, Cells, Errors]]] = []

    def sheet_flags(name: str) -> tuple[Cells, Cells, Errors]:
        if not scanned:
            scanned.append(_scan_ods(path))
        return scanned[0].get(name, (set(), set(), {}))

    return lambda name: (True, lambda: sheet_flags(name))


def _scan_ods(path: Source) -> dict[str, tuple[Cells, Cells, Errors]]:
    """Percent cells, uncached formulas and error cells of every table in an ODS file."""
    table_ns = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    repeat_cols = f"{{{table_ns}}}number-columns-repeated"
    repeat_rows = f"{{{table_ns}}}number-rows-repeated"
    value_type = f"{{{office_ns}}}value-type"
    calc_type = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"
    formula = f"{{{table_ns}}}formula"
    table_tag, row_tag = f"{{{table_ns}}}table", f"{{{table_ns}}}table-row"
    cell_tags = {f"{{{table_ns}}}table-cell", f"{{{table_ns}}}covered-table-cell"}
    result: dict[str, tuple[Cells, Cells, Errors]] = {}
    percent: set[tuple[int, int]] = set()
    uncached: set[tuple[int, int]] = set()
    errors: dict[tuple[int, int], str] = {}
    error_cell: tuple[Any, tuple[int, int]] | None = None
    row = column = 0
    with _zip(path) as archive, archive.open("content.xml") as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == table_tag:
                    percent, uncached, errors = set(), set(), {}
                    result[element.get(f"{{{table_ns}}}name", "")] = (percent, uncached, errors)
                    row = 0
                elif tag == row_tag:
                    row += 1
                    column = 0
                elif tag in cell_tags:
                    kind = element.get(value_type)
                    repeat = int(element.get(repeat_cols, "1"))
                    if kind == "percentage":
                        percent.update((row, column + i) for i in range(1, min(repeat, 1024) + 1))
                    elif kind is None and element.get(formula):
                        uncached.add((row, column + 1))
                    elif element.get(calc_type) == "error":
                        error_cell = (element, (row, column + 1))
                    column += repeat
            elif error_cell is not None and element is error_cell[0]:
                errors[error_cell[1]] = "".join(element.itertext()).strip() or "#N/A"
                error_cell = None
            elif tag == row_tag:
                row += int(element.get(repeat_rows, "1")) - 1
                element.clear()
    return result


# --- text files -------------------------------------------------------------------------


def _read_text(path: Path, max_rows: int, max_columns: int) -> Workbook:
    table = read_table(path)
    _check_limits(path, None, len(table.rows), table.width, max_rows, max_columns)
    return Workbook(
        path=path,
        sheets=[Sheet(name=None, rows=table.rows, cleaned=table.cleaned)],
        encoding=table.encoding,
        delimiter=table.delimiter,
    )
