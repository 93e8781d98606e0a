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

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from i18n import Lang
from indicators.problems import ProblemReport, cell_ref
from indicators.records import (
    COUNTY,
    COUNTY_TRANSPOSED,
    LONG,
    TEMPLATE,
    WIDE_INDICATORS,
    WIDE_MUNICIPALITIES,
    RawValue,
    ReadResult,
)
from intake.files import problem_types as types
from intake.files.cells import warn_cleaned
from intake.files.headers import header_key
from intake.files.limits import DEFAULT_MAX_CELLS, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_ROWS
from intake.sheets import TEMPLATE_SHEET, Sheet, Workbook, read_workbook

TEMPLATE_MARKER = "miljomal-template"
HEADER_SEARCH_ROWS = 30
_NUMBER_TYPES = (int, float)  # bool excluded: compared with type(), not isinstance()
_NO_FLAGS = (False, False)
FIRST_YEAR, LAST_YEAR = 1950, 2100

MUNICIPALITY = "municipality"
INDICATOR = "indicator"
YEAR = "year"
VALUE = "value"
STATUS = "status"
COMMENT = "comment"
UNIT = "unit"
SET = "set"
INDICATOR_NAME = "indicator name"  # a name column beside a code column, to check the code

# Header words after normalising (lower case, no accents): role and priority, where a lower
# priority wins when a table has several columns of one role (a code beats a name).
_HEADER_WORDS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(
        (
            "kommunkod",
            "kommun kod",
            "kommun-kod",
            "kommunnr",
            "kommun nr",
            "kommunnummer",
            "kommun id",
            "municipality code",
            "municipality id",
            "municipality no",
            "municipality number",
        ),
        (MUNICIPALITY, 1),
    ),
    **dict.fromkeys(("kommun", "municipality"), (MUNICIPALITY, 2)),
    **dict.fromkeys(
        ("kommunnamn", "kommun namn", "kommunens namn", "municipality name"), (MUNICIPALITY, 3)
    ),
    **dict.fromkeys(
        (
            "kod",
            "code",
            "indikatorkod",
            "indikator kod",
            "indikator-kod",
            "indicator code",
            "indicator id",
            "nyckeltalskod",
            "nyckeltal kod",
        ),
        (INDICATOR, 1),
    ),
    **dict.fromkeys(("indikator", "indicator", "nyckeltal", "kpi"), (INDICATOR, 2)),
    **dict.fromkeys(
        (
            "indikatornamn",
            "indikator namn",
            "indicator name",
            "nyckeltalsnamn",
            "namn",
            "name",
            "benamning",
        ),
        (INDICATOR, 3),
    ),
    # `period` is Kolada's word for the year (its export: kpi;municipality;period;value).
    **dict.fromkeys(("ar", "year", "artal", "period"), (YEAR, 1)),
    **dict.fromkeys(("varde", "value", "utfall", "varden", "values"), (VALUE, 1)),
    **dict.fromkeys(("status",), (STATUS, 1)),
    **dict.fromkeys(
        (
            "kommentar",
            "kommentarer",
            "comment",
            "comments",
            "anmarkning",
            "anm",
            "notering",
            "note",
            "notes",
            "fotnot",
        ),
        (COMMENT, 1),
    ),
    **dict.fromkeys(("enhet", "enheter", "mattenhet", "unit", "units"), (UNIT, 1)),
    **dict.fromkeys(
        ("uppsattning", "indikatoruppsattning", "set", "indicator set", "nyckeltalsversion"),
        (SET, 1),
    ),
}
# The same words as compared (intake.files.headers.header_key: "Kommun-kod" is "kommunkod").
_HEADER_ROLES = {header_key(words): role for words, role in _HEADER_WORDS.items()}
_NAME_PRIORITY = 3  # the priority of `namn`/`name` among the indicator columns
_INSTRUCTION_SHEETS = {"instruktioner", "instructions", "anvisningar", "las mig", "read me"}
_DEFAULT_SHEET_NAME = re.compile(r"^(blad|sheet|tabell|table|ark)\s*\d*$")
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_PARENTHESES = re.compile(r"\s*[(\[].*?[)\]]")
_YEAR_TEXT = re.compile(r"^(?:ar|year)?\s*(\d{4})(?:\.0+)?$")
_VALUE_YEAR = re.compile(r"^(?:varde|value)\s+(\d{4})$")
_KEY_STATEMENT = re.compile(
    r"\b(?:kommun(?:kod)?|municipality(?: code)?)\s*[:=]\s*(.+)", re.IGNORECASE
)
_CODE_IN_PARENTHESES = re.compile(r"\((\d{4})\)")
_NAMED_KOMMUN = re.compile(
    r"\b((?:(?:Upplands|Östra|Lilla)\s+)?[A-ZÅÄÖÉ][\w-]*\s+kommun)\b(?!\w)", re.UNICODE
)
_STATEMENT_END = re.compile(r"\s+[–—-]\s+|[,;(]")
_INDICATOR_CODE = re.compile(
    r"^([A-ZÅÄÖ]{1,5}[.\-]?\d{1,3}[a-z]?(?:[.\-]\d{1,3}[a-z]?)*)(?=$|[\s:–—-])"
)
_INDICATOR_STATEMENT = re.compile(r"^(?:indikator|indicator|nyckeltal)\s*[:=]\s*(.+)", re.I)
# A title naming the indicator set: "Gröna nyckeltal (2023)", "sekom-2012".
_SET_STATEMENT = re.compile(
    r"(?:nyckeltal|key indicators)\s*\(\s*((?:19|20)\d\d)\s*\)|\b(sekom-(?:19|20)\d\d)\b", re.I
)


@dataclass
class _Table:
    """Where a table's header is and what each of its columns holds (1-based columns)."""

    layout: str
    header_row: int
    columns: dict[str, int]
    years: list[tuple[int, int]]  # (column, year) of year columns
    labels: dict[int, str]
    unplaced: list[int] = field(default_factory=list)
    # County layouts: the columns headed by indicators (county) or municipalities (transposed).
    data_columns: list[int] = field(default_factory=list)


@dataclass
class _SheetValues:
    """The values read from one sheet and what its title rows or name state for all of them."""

    sheet: Sheet
    table: _Table
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
) -> ReadResult:
    """Read a file and return its layout, raw value cells and structure problems.

    ``municipality`` and ``year`` are the import options; the validator checks the values
    against them, so the result only carries what the file itself states (``lang`` is
    accepted for the pipeline's signature: problems carry both languages).  Raises
    :class:`intake.sheets.ReadError` when the file cannot be read at all or is larger
    than ``max_rows`` / ``max_columns``.
    """
    path = Path(path)
    # The import has run the safety checks on these bytes (`_FileImport._precheck`).
    workbook = read_workbook(
        path, max_rows=max_rows, max_columns=max_columns, max_cells=max_cells, prechecked=True
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
    if meta_sheet is None or _norm(meta_sheet.value(1, 1)) != TEMPLATE_MARKER:
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
            table = _find_table(sheet)
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
    table = _Table(TEMPLATE, header_row, {INDICATOR: code_col, VALUE: value_col}, [], {})
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
    code_role = _role(sheet.value(header_row, code_col))
    value_header = _VALUE_YEAR.match(_norm(sheet.value(header_row, value_col)))
    return (
        code_role is not None
        and code_role[0] == INDICATOR
        and value_header is not None
        and int(value_header.group(1)) == year
    )


def _template_values(
    sheet: Sheet, table: _Table, first_row: int, file_year: int | None, problems: ProblemReport
) -> list[RawValue]:
    """One value per row with a code; rows without a code but with input are reported."""
    code_col, value_col = table.columns[INDICATOR], table.columns[VALUE]
    status_col, comment_col = table.columns.get(STATUS), table.columns.get(COMMENT)
    values = []
    ignored = _IgnoredRows(sheet, problems)
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
        value = _shown_error(sheet, row, value_col, value)
        percent, uncached = _flags(sheet, row, value_col, value)
        values.append(
            RawValue(
                municipality=None,
                indicator=_whole(code),
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
    other_layout: list[tuple[Sheet, _Table]] = []
    for sheet in workbook.sheets:
        if sheet.name == TEMPLATE_SHEET:
            continue
        table = _find_table(sheet)
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
        if _norm(sheet.name) not in _INSTRUCTION_SHEETS:
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


def _read_table(sheet: Sheet, table: _Table, problems: ProblemReport) -> _SheetValues:
    """The values of one sheet's table, and what its title rows state."""
    for column in table.unplaced:
        label = table.labels[column]
        # A CSV file has no column letters: its problems name the column by its header.
        place: int | str = column if sheet.name is not None else label
        problems.add(
            types.COLUMN_IGNORED, sheet=sheet.name, row=table.header_row, column=place, label=label
        )
    titles = _title_rows(sheet, table.header_row)
    part = _SheetValues(sheet, table, [])
    if table.layout in (COUNTY, COUNTY_TRANSPOSED):
        part.year = _county_year(titles, table)  # its headers name the rest
    else:
        if MUNICIPALITY not in table.columns:
            part.municipality = _stated_municipality(titles)
        if INDICATOR not in table.columns:
            part.indicator = _stated_indicator(titles, sheet.name)
    part.indicator_set = _stated_set(titles)
    if table.layout == TEMPLATE:
        part.values = _template_values(
            sheet, table, table.header_row + 1, table.years[0][1], problems
        )
    elif table.layout == LONG:
        part.values = _long_values(sheet, table, problems)
    elif table.layout in (COUNTY, COUNTY_TRANSPOSED):
        part.values = _county_values(sheet, table, problems)
    else:
        part.values = _wide_values(sheet, table, problems)
    return part


def _long_values(sheet: Sheet, table: _Table, problems: ProblemReport) -> list[RawValue]:
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
    for row, cells in _data_rows(sheet, table, problems):
        municipality = _key(cells, mun_col)
        if municipality not in municipalities:
            if _summary_row(sheet, row, municipality, problems):
                continue
            municipalities.add(municipality)
        value = _key(cells, value_col, whole=False)
        if value is None:
            value = _shown_error(sheet, row, value_col, value)
            percent, uncached = _flags(sheet, row, value_col, value)
        elif percent_possible and type(value) in _NUMBER_TYPES:
            percent, uncached = sheet.is_percent(row, value_col), False
        else:  # what _flags says of a filled cell without a percent format
            percent, uncached = _NO_FLAGS
        if optional:
            status = _key(cells, status_col, whole=False)
            comment = _key(cells, comment_col, whole=False)
            indicator_name = _key(cells, name_col)
            unit = _key(cells, unit_col)
            indicator_set = _key(cells, set_col)
        # Positional, in the order of RawValue's fields: fifteen keywords a row cost a tenth
        # of a second of a 232 000-row file.
        append(
            RawValue(
                municipality,
                _key(cells, ind_col),  # indicator
                _key(cells, year_col),  # year
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


def _county_values(sheet: Sheet, table: _Table, problems: ProblemReport) -> list[RawValue]:
    """One year's values of a county compilation, by row and header.

    ``county``: a municipality in each row, an indicator (code or name) heading each
    column.  ``county-transposed``: an indicator in each row, a municipality heading each
    column.  A row or column of totals or averages (``Länet totalt``, ``Medel``) is left out
    with a warning; the year is the file's (title row, headers or ``--year``).
    """
    transposed = table.layout == COUNTY_TRANSPOSED
    key_column = table.columns[INDICATOR if transposed else MUNICIPALITY]
    comment_col = table.columns.get(COMMENT)
    year_col = None if transposed else table.columns.get(YEAR)
    headers = {column: _year_free_label(table.labels[column]) for column in table.data_columns}
    columns = []
    for column in table.data_columns:
        if transposed and _summary_row(sheet, table.header_row, headers[column], problems):
            continue
        columns.append(column)
    values = []
    for row, cells in _data_rows(sheet, table, problems):
        key = _key(cells, key_column)
        if not transposed and _summary_row(sheet, row, key, problems):
            continue
        comment = _key(cells, comment_col, whole=False)
        for column in columns:
            value = _key(cells, column, whole=False)
            value = _shown_error(sheet, row, column, value)
            percent, uncached = _flags(sheet, row, column, value)
            header = headers[column]
            values.append(
                RawValue(
                    header if transposed else key,  # municipality
                    key if transposed else header,  # indicator
                    _key(cells, year_col),  # year: the row's, else the file's
                    value,
                    row,
                    column,
                    sheet.name,
                    None,  # status
                    comment,
                    percent,
                    uncached,
                    column if transposed else key_column,  # municipality_column
                    key_column if transposed else column,  # indicator_column
                    year_col,  # year_column
                    None,  # status_column
                    table.header_row,
                )
            )
    return values


_TRAILING_YEAR = re.compile(r"^(?P<label>.*?)[\s,:–-]*\(?(?P<year>(?:19|20)\d\d)\)?$")
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _year_free_label(label: str) -> str:
    """A header without the year written after it (``Skyddad natur 2024``)."""
    match = _TRAILING_YEAR.match(label.strip())
    return match.group("label").strip() if match and match.group("label").strip() else label


def _county_year(titles: list[list[Any]], table: _Table) -> int | None:
    """The one year a county compilation states: in a title row (``Gröna nyckeltal 2024``),
    else after every data header (``Skyddad natur 2024``); None when it states none or two."""
    for cells in titles:
        found = {int(y) for v in cells if isinstance(v, str) for y in _ANY_YEAR.findall(v)}
        found |= {int(v) for v in cells if type(v) in _NUMBER_TYPES and _year_header(v)}
        if len(found) == 1:
            return found.pop()
    years = set()
    for column in table.data_columns:
        match = _TRAILING_YEAR.match(table.labels[column].strip())
        years.add(int(match.group("year")) if match and match.group("label").strip() else None)
    return years.pop() if len(years) == 1 and None not in years else None


def _wide_values(sheet: Sheet, table: _Table, problems: ProblemReport) -> list[RawValue]:
    columns = table.columns
    mun_col, ind_col = columns.get(MUNICIPALITY), columns.get(INDICATOR)
    comment_col = columns.get(COMMENT)
    name_col, unit_col, set_col = columns.get(INDICATOR_NAME), columns.get(UNIT), columns.get(SET)
    values = []
    for row, cells in _data_rows(sheet, table, problems):
        municipality = _key(cells, mun_col)
        if _summary_row(sheet, row, municipality, problems):
            continue
        indicator = _key(cells, ind_col)
        comment = _key(cells, comment_col, whole=False)
        name, unit, stated_set = _key(cells, name_col), _key(cells, unit_col), _key(cells, set_col)
        for column, year in table.years:
            value = _key(cells, column, whole=False)
            value = _shown_error(sheet, row, column, value)
            percent, uncached = _flags(sheet, row, column, value)
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


# Labels of the totals and averages county files put among the municipalities' rows; a
# county's own row ("Västernorrlands län", "Gävleborgs län totalt") is one too: no
# municipality's name holds the word "län".
_SUMMARY_LABELS = re.compile(
    r"^(summa|totalt?|totalsumma|riket|hela riket|sverige|sweden|hela länet|länet|"
    r"länssnitt|medel(värde)?|genomsnitt|snitt|median|average|mean|sum|samtliga|alla kommuner)"
    r"\b|^\S.*\slän\b",
)


def _summary_row(sheet: Sheet, row: int, municipality: Any, problems: ProblemReport) -> bool:
    """True (and a warning) for a row of totals or averages such as "Summa länet" or "Riket".

    Such a row is not a municipality's value: importing it would be wrong and rejecting
    the whole file for it would be unkind, so it is left out and the user is told.
    """
    if not isinstance(municipality, str) or not _is_summary_label(municipality):
        return False
    problems.add(
        types.SUMMARY_ROW_IGNORED,
        sheet=sheet.name,
        row=row,
        cell=cell_ref(sheet.name, row, None),
        label=municipality.strip(),
    )
    return True


@lru_cache(maxsize=4096)
def _is_summary_label(municipality: str) -> bool:
    # Cached: a long file repeats the same few hundred municipality texts on every row.
    return _SUMMARY_LABELS.match(" ".join(municipality.casefold().split())) is not None


def _data_rows(sheet: Sheet, table: _Table, problems: ProblemReport) -> Any:
    """(row, cells) of the table's data rows; empty rows are skipped, lone notes reported."""
    ignored = _IgnoredRows(sheet, problems)
    rows = sheet.rows
    width = max(
        [*table.columns.values(), *(column for column, _ in table.years), *table.data_columns]
    )
    for index in range(table.header_row, len(rows)):
        cells = rows[index]
        if len(cells) < width:  # every column the table reads exists in every row
            cells = cells + [""] * (width - len(cells))
        filled = len(cells) - cells.count("")
        if filled == 0:
            continue
        if filled == 1:
            # A single cell below a header is a note ("Källa: SCB") or a section heading,
            # never a value: a value needs at least its indicator or municipality beside it.
            text = next(value for value in cells if value != "")
            if not (isinstance(text, str) and not text.strip()):
                ignored.add(index + 1, text)
            continue
        ignored.flush()
        yield index + 1, cells
    ignored.flush()


def _check_extra_fields(
    sheet: Sheet, table: _Table, problems: ProblemReport, delimiter: str
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


class _IgnoredRows:
    """Collects runs of ignored rows and reports each run as one `rows-ignored` warning."""

    def __init__(self, sheet: Sheet, problems: ProblemReport) -> None:
        self.sheet, self.problems = sheet, problems
        self.first: int | None = None
        self.last = 0
        self.text: Any = None

    def add(self, row: int, text: Any) -> None:
        """Note an ignored row and the first text found in it."""
        if self.first is None:
            self.first, self.text = row, text
        self.last = row

    def flush(self) -> None:
        """Report the run collected so far, if any."""
        if self.first is None:
            return
        rows = str(self.first) if self.first == self.last else f"{self.first}–{self.last}"
        shown = _label_text(self.text)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        self.problems.add(
            types.ROWS_IGNORED,
            sheet=self.sheet.name,
            row=self.first,
            cell=cell_ref(self.sheet.name, self.first, None),
            rows=rows,
            text=shown,
        )
        self.first = None


def _ignore_other_sheets(
    workbook: Workbook, used: set[str | None], problems: ProblemReport
) -> None:
    for sheet in workbook.sheets:
        if sheet.name in used or _norm(sheet.name) in _INSTRUCTION_SHEETS:
            continue
        if _has_content(sheet):
            _warn_sheet_ignored(sheet, problems)


def _warn_sheet_ignored(sheet: Sheet, problems: ProblemReport) -> None:
    problems.add(types.SHEET_IGNORED, sheet=sheet.name, sheet_name=sheet.name)


# --- finding the header ----------------------------------------------------------------------


def _find_table(sheet: Sheet) -> _Table | None:
    """The first row within the top rows that reads as a table header, as a table."""
    limit = min(len(sheet.rows), HEADER_SEARCH_ROWS)
    merged = _merged_fill(sheet, limit)
    above: dict[int, Any] = {}
    for row in range(1, limit + 1):
        cells = dict(enumerate(sheet.rows[row - 1], start=1))
        for (merged_row, column), value in merged.items():
            if merged_row == row and cells.get(column, "") == "":
                cells[column] = value
        labels = {c: v for c, v in cells.items() if v != "" and v is not None}
        if labels:
            # A two-row header: "Kod" or "Indikator" above an empty cell beside the years.
            for column, value in above.items():
                if column not in labels and _role(value) is not None:
                    labels[column] = value
            table = _header_table(row, labels)
            if table is not None:
                return table
        above = labels
    return None


def _merged_fill(sheet: Sheet, limit: int) -> dict[tuple[int, int], Any]:
    """The value of each merged range copied to its covered cells, within the top rows."""
    fill = {}
    for top, left, bottom, right in sheet.merged:
        if top > limit:
            continue
        value = sheet.value(top, left)
        if value is None:
            continue
        for row in range(top, min(bottom, limit) + 1):
            for column in range(left, min(right, left + 500) + 1):
                if (row, column) != (top, left):
                    fill[(row, column)] = value
    return fill


def _header_table(row: int, labels: dict[int, Any]) -> _Table | None:
    """A table when the labels of one row name enough columns for a layout."""
    candidates: dict[str, tuple[int, int]] = {}
    years: list[tuple[int, int]] = []
    value_years: list[tuple[int, int]] = []
    unplaced: list[int] = []
    for column, label in sorted(labels.items()):
        year = _year_header(label)
        if year is not None:
            years.append((column, year))
            continue
        text = _norm(label)
        match = _VALUE_YEAR.match(text)
        if match:
            value_years.append((column, int(match.group(1))))
            continue
        role = _role(label)
        if role is None:
            unplaced.append(column)
        elif role[0] not in candidates or role[1] < candidates[role[0]][0]:
            if role[0] == INDICATOR and candidates.get(INDICATOR, (0, 0))[0] == _NAME_PRIORITY:
                candidates.setdefault(INDICATOR_NAME, candidates[INDICATOR])
            candidates[role[0]] = (role[1], column)
        elif role == (INDICATOR, _NAME_PRIORITY):
            # A name beside a code is kept: validation checks that the two agree.
            candidates.setdefault(INDICATOR_NAME, (role[1], column))
    columns = {role: column for role, (_, column) in candidates.items()}
    texts = {column: _label_text(label) for column, label in labels.items()}

    if INDICATOR in columns and value_years:
        # The template's data sheet without its hidden sheet: earlier years are shown only.
        value_column, year = value_years[0]
        columns[VALUE] = value_column
        return _Table(TEMPLATE, row, columns, [(value_column, year)], texts, unplaced)
    if VALUE in columns and (INDICATOR in columns or {MUNICIPALITY, YEAR} <= columns.keys()):
        unplaced += [column for column, _ in years]
        return _Table(LONG, row, columns, [], texts, sorted(unplaced))
    if years and (INDICATOR in columns or MUNICIPALITY in columns):
        layout = WIDE_INDICATORS if INDICATOR in columns else WIDE_MUNICIPALITIES
        return _Table(layout, row, columns, years, texts, unplaced)
    # One year of a county compilation: the other headers name indicators (municipalities
    # as rows) or municipalities (indicators as rows); validation resolves them.
    keys = columns.keys()
    # Kommun | År | GN.1a | GN.1b ...: the same, with each row's year in a column.
    if unplaced and MUNICIPALITY in keys and not keys & {INDICATOR, VALUE}:
        return _Table(COUNTY, row, columns, [], texts, [], unplaced)
    if unplaced and INDICATOR in keys and not keys & {MUNICIPALITY, YEAR, VALUE}:
        return _Table(COUNTY_TRANSPOSED, row, columns, [], texts, [], unplaced)
    return None


def _role(label: Any) -> tuple[str, int] | None:
    """The role and priority a header label names, trying each side of a `Kommun/Municipality`."""
    if not isinstance(label, str):
        return None
    role = _HEADER_ROLES.get(header_key(label))
    if role is not None:
        return role
    for part in label.split("/"):
        role = _HEADER_ROLES.get(header_key(part))
        if role is not None:
            return role
    return None


def _year_header(label: Any) -> int | None:
    """The year a column header names: 2019, 2021.0, "2020", "År 2022"."""
    if isinstance(label, bool):
        return None
    if type(label) in _NUMBER_TYPES:
        year = int(label) if float(label).is_integer() else None
    elif isinstance(label, str):
        match = _YEAR_TEXT.match(_norm(label))
        year = int(match.group(1)) if match else None
    else:
        return None
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


# --- what title rows and sheet names state ----------------------------------------------------


def _title_rows(sheet: Sheet, header_row: int) -> list[list[Any]]:
    """The non-empty cells of each row above the header."""
    rows = []
    for cells in sheet.rows[: header_row - 1]:
        filled = [value for value in cells if value != "" and value is not None]
        if filled:
            rows.append(filled)
    return rows


def _stated_set(titles: list[list[Any]]) -> str | None:
    """The indicator set a title names: `Gröna nyckeltal (2023)` gives sekom-2023."""
    for cells in titles:
        for value in cells:
            match = _SET_STATEMENT.search(value) if isinstance(value, str) else None
            if match:
                return (match.group(2) or f"sekom-{match.group(1)}").lower()
    return None


def _stated_municipality(titles: list[list[Any]]) -> Any:
    """The municipality a title states: `Kommun: Sundsvall`, `(2281)`, `Sundsvalls kommun`."""
    for cells in titles:
        role = _role(cells[0])
        if len(cells) >= 2 and role is not None and role[0] == MUNICIPALITY:
            return _whole(cells[1])
    # "Gröna nyckeltal (2023)" names a set, not municipality 2023.
    texts = [
        str(value)
        for cells in titles
        for value in cells
        if isinstance(value, str) and not _SET_STATEMENT.search(value)
    ]
    for pattern in (_KEY_STATEMENT, _CODE_IN_PARENTHESES, _NAMED_KOMMUN):
        for text in texts:
            match = pattern.search(text)
            if match:
                stated = _STATEMENT_END.split(match.group(1))[0].strip()
                if stated:
                    return stated
    return None


def _stated_indicator(titles: list[list[Any]], sheet_name: str | None) -> Any:
    """The indicator a title or the sheet name states: `GN.6 Skyddad natur (%)` gives GN.6."""
    texts = [value.strip() for cells in titles for value in cells if isinstance(value, str)]
    for text in texts:
        statement = _INDICATOR_STATEMENT.match(text)
        if statement:
            text = statement.group(1).strip()
            code = _INDICATOR_CODE.match(text)
            return code.group(1) if code else text
        code = _INDICATOR_CODE.match(text)
        if code:
            return code.group(1)
    if sheet_name and not _DEFAULT_SHEET_NAME.match(_norm(sheet_name)):
        code = _INDICATOR_CODE.match(sheet_name.strip())
        return code.group(1) if code else sheet_name.strip()
    for text in texts:
        if not any(p.search(text) for p in (_KEY_STATEMENT, _CODE_IN_PARENTHESES, _NAMED_KOMMUN)):
            return text
    return None


# --- small helpers ----------------------------------------------------------------------------


def _norm(value: Any) -> str:
    """A header text for comparing: lower case, no accents, single spaces, no `(unit)`."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PARENTHESES.sub("", text)
    return _SPACES.sub(" ", text).strip().casefold().rstrip(":*.").strip()


def _label_text(label: Any) -> str:
    if isinstance(label, float) and label.is_integer():
        return str(int(label))
    return _SPACES.sub(" ", str(label)).strip()


def _labels(sheet: Sheet, row: int) -> dict[int, str]:
    cells = sheet.rows[row - 1] if 0 < row <= len(sheet.rows) else []
    return {c: _label_text(v) for c, v in enumerate(cells, start=1) if v != "" and v is not None}


def _key(cells: list[Any], column: int | None, whole: bool = True) -> Any:
    """A cell of a data row: None when empty; a whole float as an int when ``whole``."""
    if column is None:
        return None
    value = cells[column - 1]
    if value == "":
        return None
    if whole and type(value) is float and value.is_integer():
        return int(value)
    return value


def _whole(value: Any) -> Any:
    """A float that is a whole number as an int (calamine gives 2281 as 2281.0)."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value


def _shown_error(sheet: Sheet, row: int, column: int, value: Any) -> Any:
    """An empty-looking cell's error text (``#DIV/0!``), which calamine reads as empty."""
    if value is not None:
        return value
    return sheet.error_value(row, column)


def _flags(sheet: Sheet, row: int, column: int, value: Any) -> tuple[bool, bool]:
    """(percent format, formula without cached value) of a value cell."""
    if value is None:
        return False, sheet.is_formula_without_cache(row, column)
    if type(value) in _NUMBER_TYPES and sheet.may_have_percent:
        return sheet.is_percent(row, column), False
    return _NO_FLAGS


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
    value = _whole(value)
    if isinstance(value, int):
        return str(value).zfill(digits)
    return str(value).strip()


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value).strip()
