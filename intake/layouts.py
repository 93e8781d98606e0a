"""Find the table in an uploaded file and turn its value cells into RawValue records.

Four layouts are recognised from the content, never from the file name:

- the miljomal template (its hidden ``miljomal`` sheet says where everything is; a copy
  that lost the hidden sheet is recognised by its ``Kod … Värde 2025 … Status`` header);
- long tables, one row per value (municipality, indicator, year, value columns);
- wide tables with indicators as rows and years as columns;
- wide tables with municipalities as rows and years as columns, for one indicator.

Values are passed on as found; :mod:`intake.validation` resolves names and parses
numbers.  Problems with the structure (no table, ignored sheets, rows and columns) are
collected in the result's report, in Swedish and English.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from i18n import Lang
from indicators.problems import ProblemReport
from indicators.records import COUNTY
from indicators.records import COUNTY_TRANSPOSED
from indicators.records import LONG
from indicators.records import TEMPLATE
from indicators.records import RawValue
from indicators.records import ReadResult
from intake.county_layout import county_values
from intake.county_layout import county_year
from intake.files import problem_types as types
from intake.files.cells import warn_cleaned
from intake.files.limits import DEFAULT_MAX_CELLS
from intake.files.limits import DEFAULT_MAX_COLUMNS
from intake.files.limits import DEFAULT_MAX_ROWS
from intake.files.zipped import CheckedZip
from intake.sheets import TEMPLATE_SHEET
from intake.sheets import Sheet
from intake.sheets import Workbook
from intake.sheets import read_workbook
from intake.table_header import COMMENT
from intake.table_header import INDICATOR
from intake.table_header import INDICATOR_NAME
from intake.table_header import MUNICIPALITY
from intake.table_header import NO_FLAGS
from intake.table_header import NUMBER_TYPES
from intake.table_header import SET
from intake.table_header import STATUS
from intake.table_header import UNIT
from intake.table_header import VALUE
from intake.table_header import VALUE_YEAR
from intake.table_header import YEAR
from intake.table_header import HeaderTable
from intake.table_header import IgnoredRows
from intake.table_header import cell_flags
from intake.table_header import data_rows
from intake.table_header import find_table
from intake.table_header import header_norm
from intake.table_header import header_role
from intake.table_header import indicator_in_titles
from intake.table_header import is_summary_row
from intake.table_header import label_text
from intake.table_header import municipality_in_titles
from intake.table_header import row_cell
from intake.table_header import set_in_titles
from intake.table_header import shown_error
from intake.table_header import title_rows
from intake.table_header import whole_number

TEMPLATE_MARKER = "miljomal-template"
_INSTRUCTION_SHEETS = {"instruktioner", "instructions", "anvisningar", "las mig", "read me"}


@dataclass
class _SheetValues:
    """The values read from one sheet and what its title rows or name state for all of them."""

    sheet: Sheet
    table: HeaderTable
    values: list[RawValue]
    indicator_set: str | None = None
    municipality: Any = None
    indicator: Any = None
    year: int | None = None  # county layouts: the year the title rows or headers state


def extract(
    path: str | Path,
    *,
    municipality: Any = None,
    year: Any = None,
    lang: Lang = "sv",
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
    max_cells: int = DEFAULT_MAX_CELLS,
    content: bytes | None = None,
    archive: CheckedZip | None = None,
) -> ReadResult:
    """Read a file and return its layout, raw value cells and structure problems.

    ``municipality`` and ``year`` are the import options; the validator checks the values
    against them, so the result only carries what the file itself states (``lang`` is
    accepted for the pipeline's signature: problems carry both languages).  Raises
    :class:`intake.sheets.ReadError` when the file cannot be read at all or is larger
    than ``max_rows`` / ``max_columns``.  ``content`` are the file's bytes when the
    caller has read them (the import): the spreadsheet is read from them, not again;
    ``archive`` is what their precheck learned of them (`intake.safety.prechecked`).
    """
    path = Path(path)
    # The import has run the safety checks on these bytes (`_FileImport._precheck`).
    workbook = read_workbook(
        path,
        max_rows=max_rows,
        max_columns=max_columns,
        max_cells=max_cells,
        prechecked=True,
        content=content,
        archive=archive,
    )
    result = ReadResult(path=str(path), problems=ProblemReport(file=path.name))
    for sheet in workbook.sheets:
        warn_cleaned(result.problems, sheet.cleaned, sheet.name)
    if not _extract_template(workbook, result):
        _extract_tables(workbook, result)
    return result


# --- the template, by its metadata sheet --------------------------------------------------


def _extract_template(workbook: Workbook, result: ReadResult) -> bool:
    """Read a template file by its hidden metadata; False when the file has none usable."""
    meta_sheet = workbook.template_sheet
    if meta_sheet is None or header_norm(meta_sheet.value(1, 1)) != TEMPLATE_MARKER:
        return False
    meta: dict[str, Any] = {}
    for row in range(2, len(meta_sheet.rows) + 1):
        key = meta_sheet.value(row, 1)
        if isinstance(key, str):
            meta[key.strip()] = meta_sheet.value(row, 2)
    sheets = {sheet.name: sheet for sheet in workbook.sheets}
    try:
        sheet = sheets[str(meta["data_sheet"])]
        header_row = int(meta["header_row"])
        first_row = int(meta["first_data_row"])
        code_col, value_col = (
            _column_index(str(meta[key])) for key in ("code_column", "value_column")
        )
        status_col: int | None = _column_index(str(meta["status_column"]))
        comment_col: int | None = _column_index(str(meta["comment_column"]))
        file_year = int(meta["year"])
        if not _template_header_fits(sheet, header_row, code_col, value_col, file_year):
            # The official inserted or deleted rows or columns above or left of the table:
            # find its header again instead of reading the wrong cells.
            table = find_table(sheet)
            if table is None or table.layout != TEMPLATE or table.years[0][1] != file_year:
                raise ValueError("the template's header is gone")
            header_row, first_row = table.header_row, table.header_row + 1
            code_col, value_col = table.columns[INDICATOR], table.columns[VALUE]
            status_col, comment_col = table.columns.get(STATUS), table.columns.get(COMMENT)
    except (KeyError, TypeError, ValueError):
        result.problems.add(types.TEMPLATE_METADATA_INVALID, sheet=TEMPLATE_SHEET)
        return False

    result.layout = TEMPLATE
    result.year = file_year
    result.municipality = _code_text(meta.get("municipality"), digits=4)
    result.indicator_set = _text_or_none(meta.get("indicator_set"))
    result.template_version = _code_text(meta_sheet.value(1, 2))
    result.single_municipality = True
    result.headers = _labels(sheet, header_row)
    table = HeaderTable(TEMPLATE, header_row, {INDICATOR: code_col, VALUE: value_col}, [], {})
    for role, column in ((STATUS, status_col), (COMMENT, comment_col)):
        if column is not None:
            table.columns[role] = column
    result.values = _template_values(sheet, table, first_row, file_year, result.problems)
    _ignore_other_sheets(workbook, {sheet.name, TEMPLATE_SHEET}, result.problems)
    return True


def _template_header_fits(
    sheet: Sheet, header_row: int, code_col: int, value_col: int, year: int
) -> bool:
    """True when the header the metadata points at still says `Kod` and `Värde <year>`."""
    code_role = header_role(sheet.value(header_row, code_col))
    value_header = VALUE_YEAR.match(header_norm(sheet.value(header_row, value_col)))
    return (
        code_role is not None
        and code_role[0] == INDICATOR
        and value_header is not None
        and int(value_header.group(1)) == year
    )


def _template_values(
    sheet: Sheet, table: HeaderTable, first_row: int, file_year: int | None, problems: ProblemReport
) -> list[RawValue]:
    """One value per row with a code; rows without a code but with input are reported."""
    code_col, value_col = table.columns[INDICATOR], table.columns[VALUE]
    status_col, comment_col = table.columns.get(STATUS), table.columns.get(COMMENT)
    values = []
    ignored = IgnoredRows(sheet, problems)
    for row in range(first_row, len(sheet.rows) + 1):
        code = sheet.value(row, code_col)
        value = sheet.value(row, value_col)
        status = sheet.value(row, status_col) if status_col else None
        comment = sheet.value(row, comment_col) if comment_col else None
        if code is None:
            if value is not None or status is not None or comment is not None:
                ignored.add(row, value if value is not None else status or comment)
            continue
        ignored.flush()
        value = shown_error(sheet, row, value_col, value)
        percent, uncached = cell_flags(sheet, row, value_col, value)
        values.append(
            RawValue(
                municipality=None,
                indicator=whole_number(code),
                year=file_year,
                value=value,
                row=row,
                column=value_col,
                sheet=sheet.name,
                status=status,
                comment=comment,
                percent_format=percent,
                formula_without_cache=uncached,
                indicator_column=code_col,
                status_column=status_col,
            )
        )
    ignored.flush()
    return values


# --- tables found by their header ------------------------------------------------------------


def _extract_tables(workbook: Workbook, result: ReadResult) -> None:
    """Find a table on each visible sheet; read those of the first table's layout."""
    problems = result.problems
    found: list[_SheetValues] = []
    without_table: list[Sheet] = []
    other_layout: list[tuple[Sheet, HeaderTable]] = []
    for sheet in workbook.sheets:
        if sheet.name == TEMPLATE_SHEET:
            continue
        table = find_table(sheet)
        if table is None:
            if _has_content(sheet):
                without_table.append(sheet)
            continue
        if found and table.layout != found[0].table.layout:
            other_layout.append((sheet, table))
            continue
        if workbook.delimiter is not None:
            _check_extra_fields(sheet, table, problems, workbook.delimiter)
        found.append(_read_table(sheet, table, problems))

    if not found:
        names = ", ".join(s.name for s in workbook.sheets if s.name) or "-"
        problems.add(types.NO_TABLE, sheets=names)
        return
    for sheet in without_table:
        if header_norm(sheet.name) not in _INSTRUCTION_SHEETS:
            _warn_sheet_ignored(sheet, problems)
    for sheet, table in other_layout:
        problems.add(
            types.SHEET_OF_OTHER_LAYOUT,
            sheet=sheet.name,
            sheet_name=sheet.name,
            layout=table.layout,
            first_sheet=found[0].sheet.name,
            first_layout=found[0].table.layout,
        )

    first = found[0]
    result.layout = first.table.layout
    result.headers = dict(first.table.labels)
    result.indicator_set = first.indicator_set
    for attribute in ("municipality", "indicator"):
        stated = [getattr(part, attribute) for part in found]
        if all(value == stated[0] for value in stated):
            setattr(result, attribute, stated[0])
        else:
            for part, value in zip(found, stated, strict=True):
                for raw in part.values:
                    if getattr(raw, attribute) is None:
                        setattr(raw, attribute, value)
    if result.layout == TEMPLATE:
        result.single_municipality = True
        result.year = first.table.years[0][1]
    elif result.layout in (COUNTY, COUNTY_TRANSPOSED):
        years = {part.year for part in found}
        result.year = years.pop() if len(years) == 1 else None
    result.values = [raw for part in found for raw in part.values]


def _read_table(sheet: Sheet, table: HeaderTable, problems: ProblemReport) -> _SheetValues:
    """The values of one sheet's table, and what its title rows state."""
    for column in table.unplaced:
        label = table.labels[column]
        # A CSV file has no column letters: its problems name the column by its header.
        place: int | str = column if sheet.name is not None else label
        problems.add(
            types.COLUMN_IGNORED, sheet=sheet.name, row=table.header_row, column=place, label=label
        )
    titles = title_rows(sheet, table.header_row)
    part = _SheetValues(sheet, table, [])
    if table.layout in (COUNTY, COUNTY_TRANSPOSED):
        part.year = county_year(titles, table)  # its headers name the rest
    else:
        if MUNICIPALITY not in table.columns:
            part.municipality = municipality_in_titles(titles)
        if INDICATOR not in table.columns:
            part.indicator = indicator_in_titles(titles, sheet.name)
    part.indicator_set = set_in_titles(titles)
    if table.layout == TEMPLATE:
        part.values = _template_values(
            sheet, table, table.header_row + 1, table.years[0][1], problems
        )
    elif table.layout == LONG:
        part.values = _long_values(sheet, table, problems)
    elif table.layout in (COUNTY, COUNTY_TRANSPOSED):
        part.values = county_values(sheet, table, problems)
    else:
        part.values = _wide_values(sheet, table, problems)
    return part


def _long_values(sheet: Sheet, table: HeaderTable, problems: ProblemReport) -> list[RawValue]:
    columns = table.columns
    mun_col, ind_col = columns.get(MUNICIPALITY), columns.get(INDICATOR)
    year_col, value_col = columns.get(YEAR), columns[VALUE]
    status_col, comment_col = columns.get(STATUS), columns.get(COMMENT)
    name_col, unit_col, set_col = columns.get(INDICATOR_NAME), columns.get(UNIT), columns.get(SET)
    values: list[RawValue] = []
    append = values.append
    name = sheet.name
    # A column the table lacks is None on every row: asked once here rather than per cell
    # (most long files have four or five of the nine columns; 232 000 rows times the rest
    # of the calls cost a tenth of a second).
    optional = status_col or comment_col or name_col or unit_col or set_col
    status = comment = indicator_name = unit = indicator_set = None
    percent_possible = sheet.may_have_percent
    # The municipality texts seen to be no total or average: the rest of the rows pass with
    # a set lookup (a long file repeats a few hundred texts on every row).
    municipalities: set[Any] = set()
    for row, cells in data_rows(sheet, table, problems):
        municipality = row_cell(cells, mun_col)
        if municipality not in municipalities:
            if is_summary_row(sheet, row, municipality, problems):
                continue
            municipalities.add(municipality)
        value = row_cell(cells, value_col, whole=False)
        if value is None:
            value = shown_error(sheet, row, value_col, value)
            percent, uncached = cell_flags(sheet, row, value_col, value)
        elif percent_possible and type(value) in NUMBER_TYPES:
            percent, uncached = sheet.is_percent(row, value_col), False
        else:  # what cell_flags says of a filled cell without a percent format
            percent, uncached = NO_FLAGS
        if optional:
            status = row_cell(cells, status_col, whole=False)
            comment = row_cell(cells, comment_col, whole=False)
            indicator_name = row_cell(cells, name_col)
            unit = row_cell(cells, unit_col)
            indicator_set = row_cell(cells, set_col)
        # Positional, in the order of RawValue's fields: fifteen keywords a row cost a tenth
        # of a second of a 232 000-row file.
        append(
            RawValue(
                municipality,
                row_cell(cells, ind_col),  # indicator
                row_cell(cells, year_col),  # year
                value,
                row,
                value_col,  # column
                name,  # sheet
                status,
                comment,
                percent,  # percent_format
                uncached,  # formula_without_cache
                mun_col,  # municipality_column
                ind_col,  # indicator_column
                year_col,  # year_column
                status_col,  # status_column
                None,  # header_row
                indicator_name,
                unit,
                indicator_set,
                name_col,
                unit_col,
                set_col,
            )
        )
    return values


def _wide_values(sheet: Sheet, table: HeaderTable, problems: ProblemReport) -> list[RawValue]:
    columns = table.columns
    mun_col, ind_col = columns.get(MUNICIPALITY), columns.get(INDICATOR)
    comment_col = columns.get(COMMENT)
    name_col, unit_col, set_col = columns.get(INDICATOR_NAME), columns.get(UNIT), columns.get(SET)
    values = []
    for row, cells in data_rows(sheet, table, problems):
        municipality = row_cell(cells, mun_col)
        if is_summary_row(sheet, row, municipality, problems):
            continue
        indicator = row_cell(cells, ind_col)
        comment = row_cell(cells, comment_col, whole=False)
        name, unit, stated_set = (
            row_cell(cells, name_col),
            row_cell(cells, unit_col),
            row_cell(cells, set_col),
        )
        for column, year in table.years:
            value = row_cell(cells, column, whole=False)
            value = shown_error(sheet, row, column, value)
            percent, uncached = cell_flags(sheet, row, column, value)
            values.append(
                RawValue(
                    municipality=municipality,
                    indicator=indicator,
                    year=year,
                    value=value,
                    row=row,
                    column=column,
                    sheet=sheet.name,
                    comment=comment,
                    percent_format=percent,
                    formula_without_cache=uncached,
                    municipality_column=mun_col,
                    indicator_column=ind_col,
                    indicator_name=name,
                    unit=unit,
                    indicator_set=stated_set,
                    name_column=name_col,
                    unit_column=unit_col,
                    set_column=set_col,
                )
            )
    return values


def _check_extra_fields(
    sheet: Sheet, table: HeaderTable, problems: ProblemReport, delimiter: str
) -> None:
    """Rows of a text file with more fields than the header: nothing is dropped unsaid.

    A delimiter inside an unquoted text (``Källa: SCB; reviderad 2024``) splits it: when
    the comment is the header's last column the fields are joined back with the
    delimiter, which is exactly the text written, with a warning.  Otherwise the row
    cannot be read right and is refused: in a comma-separated file a decimal comma
    written without quotes (``Sundsvall,GN.6,2024,4,5``) splits one value into two, and
    reading the first alone would store 4 instead of 4,5.
    """
    width = max(table.labels)
    comment = table.columns.get(COMMENT)
    for index in range(table.header_row, len(sheet.rows)):
        cells = sheet.rows[index]
        if len(cells) <= width:
            continue
        filled = [column for column, value in enumerate(cells, start=1) if value != ""]
        if not filled or filled[-1] <= width:
            continue
        fields = filled[-1]
        if comment == width and delimiter != ",":
            cells[width - 1 : fields] = [delimiter.join(cells[width - 1 : fields])]
            problems.add(
                types.COMMENT_SPLIT,
                row=index + 1,
                fields=fields,
                width=width,
                delimiter=delimiter,
                text=cells[width - 1],
            )
            continue
        kind = types.EXTRA_FIELDS_COMMA if delimiter == "," else types.EXTRA_FIELDS
        problems.add(kind, row=index + 1, fields=fields, width=width, delimiter=delimiter)
        sheet.rows[index] = []  # refused: its fields are not read under the wrong headers


def _ignore_other_sheets(
    workbook: Workbook, used: set[str | None], problems: ProblemReport
) -> None:
    for sheet in workbook.sheets:
        if sheet.name in used or header_norm(sheet.name) in _INSTRUCTION_SHEETS:
            continue
        if _has_content(sheet):
            _warn_sheet_ignored(sheet, problems)


def _warn_sheet_ignored(sheet: Sheet, problems: ProblemReport) -> None:
    problems.add(types.SHEET_IGNORED, sheet=sheet.name, sheet_name=sheet.name)


# --- small helpers ----------------------------------------------------------------------------


def _labels(sheet: Sheet, row: int) -> dict[int, str]:
    cells = sheet.rows[row - 1] if 0 < row <= len(sheet.rows) else []
    return {c: label_text(v) for c, v in enumerate(cells, start=1) if v != "" and v is not None}


def _has_content(sheet: Sheet) -> bool:
    return any(len(cells) != cells.count("") for cells in sheet.rows)


def _column_index(letters: str) -> int:
    """1-based index of a column name: A -> 1, AA -> 27."""
    letters = letters.strip().upper()
    if not letters.isalpha() or not letters.isascii():
        raise ValueError(letters)
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _code_text(value: Any, digits: int = 1) -> str | None:
    """A code as text: 2281.0 -> "2281"; with ``digits=4`` a kommunkod 114 -> "0114"."""
    if value is None:
        return None
    value = whole_number(value)
    if isinstance(value, int):
        return str(value).zfill(digits)
    return str(value).strip()


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value).strip()
