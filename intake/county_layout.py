"""The county compilation layouts: municipalities as rows and indicators as columns for one
year (or transposed), the year stated in the title rows or the headers, totals rows skipped."""

from __future__ import annotations

import re
from typing import Any

from indicators.problems import ProblemReport
from indicators.records import COUNTY_TRANSPOSED
from indicators.records import RawValue
from intake.sheets import Sheet
from intake.table_header import COMMENT
from intake.table_header import INDICATOR
from intake.table_header import MUNICIPALITY
from intake.table_header import NUMBER_TYPES
from intake.table_header import YEAR
from intake.table_header import HeaderTable
from intake.table_header import cell_flags
from intake.table_header import data_rows
from intake.table_header import is_summary_row
from intake.table_header import row_cell
from intake.table_header import shown_error
from intake.table_header import year_header


def county_values(sheet: Sheet, table: HeaderTable, problems: ProblemReport) -> list[RawValue]:
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
        if transposed and is_summary_row(sheet, table.header_row, headers[column], problems):
            continue
        columns.append(column)
    values = []
    for row, cells in data_rows(sheet, table, problems):
        key = row_cell(cells, key_column)
        if not transposed and is_summary_row(sheet, row, key, problems):
            continue
        comment = row_cell(cells, comment_col, whole=False)
        for column in columns:
            value = row_cell(cells, column, whole=False)
            value = shown_error(sheet, row, column, value)
            percent, uncached = cell_flags(sheet, row, column, value)
            header = headers[column]
            values.append(
                RawValue(
                    header if transposed else key,  # municipality
                    key if transposed else header,  # indicator
                    row_cell(cells, year_col),  # year: the row's, else the file's
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


def county_year(titles: list[list[Any]], table: HeaderTable) -> int | None:
    """The one year a county compilation states: in a title row (``Gröna nyckeltal 2024``),
    else after every data header (``Skyddad natur 2024``); None when it states none or two."""
    for cells in titles:
        found = {int(y) for v in cells if isinstance(v, str) for y in _ANY_YEAR.findall(v)}
        found |= {int(v) for v in cells if type(v) in NUMBER_TYPES and year_header(v)}
        if len(found) == 1:
            return found.pop()
    years = set()
    for column in table.data_columns:
        match = _TRAILING_YEAR.match(table.labels[column].strip())
        years.add(int(match.group("year")) if match and match.group("label").strip() else None)
    return years.pop() if len(years) == 1 and None not in years else None
