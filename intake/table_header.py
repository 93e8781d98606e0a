"""Finding a value table in a sheet: where its header row is, what each column holds, and
what the title rows and the sheet's name state (set, municipality, indicator).

`intake.layouts` and `intake.county_layout` read the values under the header found here,
row by row, through the row helpers at the end (data rows, totals rows, ignored rows).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from typing import Any

from indicators.problems import ProblemReport
from indicators.problems import cell_ref
from indicators.records import COUNTY
from indicators.records import COUNTY_TRANSPOSED
from indicators.records import LONG
from indicators.records import TEMPLATE
from indicators.records import WIDE_INDICATORS
from indicators.records import WIDE_MUNICIPALITIES
from intake.files import problem_types as types
from intake.files.headers import header_key
from intake.sheets import Sheet

HEADER_SEARCH_ROWS = 30
NUMBER_TYPES = (int, float)  # bool excluded: compared with type(), not isinstance()
NO_FLAGS = (False, False)
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
_DEFAULT_SHEET_NAME = re.compile(r"^(blad|sheet|tabell|table|ark)\s*\d*$")
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_PARENTHESES = re.compile(r"\s*[(\[].*?[)\]]")
_YEAR_TEXT = re.compile(r"^(?:ar|year)?\s*(\d{4})(?:\.0+)?$")
VALUE_YEAR = re.compile(r"^(?:varde|value)\s+(\d{4})$")
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
class HeaderTable:
    """Where a table's header is and what each of its columns holds (1-based columns)."""

    layout: str
    header_row: int
    columns: dict[str, int]
    years: list[tuple[int, int]]  # (column, year) of year columns
    labels: dict[int, str]
    unplaced: list[int] = field(default_factory=list)
    # County layouts: the columns headed by indicators (county) or municipalities (transposed).
    data_columns: list[int] = field(default_factory=list)


# --- finding the header ----------------------------------------------------------------------


def find_table(sheet: Sheet) -> HeaderTable | None:
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
                if column not in labels and header_role(value) is not None:
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


def _header_table(row: int, labels: dict[int, Any]) -> HeaderTable | None:
    """A table when the labels of one row name enough columns for a layout."""
    candidates: dict[str, tuple[int, int]] = {}
    years: list[tuple[int, int]] = []
    value_years: list[tuple[int, int]] = []
    unplaced: list[int] = []
    for column, label in sorted(labels.items()):
        year = year_header(label)
        if year is not None:
            years.append((column, year))
            continue
        text = header_norm(label)
        match = VALUE_YEAR.match(text)
        if match:
            value_years.append((column, int(match.group(1))))
            continue
        role = header_role(label)
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
    texts = {column: label_text(label) for column, label in labels.items()}

    if INDICATOR in columns and value_years:
        # The template's data sheet without its hidden sheet: earlier years are shown only.
        value_column, year = value_years[0]
        columns[VALUE] = value_column
        return HeaderTable(TEMPLATE, row, columns, [(value_column, year)], texts, unplaced)
    if VALUE in columns and (INDICATOR in columns or {MUNICIPALITY, YEAR} <= columns.keys()):
        unplaced += [column for column, _ in years]
        return HeaderTable(LONG, row, columns, [], texts, sorted(unplaced))
    if years and (INDICATOR in columns or MUNICIPALITY in columns):
        layout = WIDE_INDICATORS if INDICATOR in columns else WIDE_MUNICIPALITIES
        return HeaderTable(layout, row, columns, years, texts, unplaced)
    # One year of a county compilation: the other headers name indicators (municipalities
    # as rows) or municipalities (indicators as rows); validation resolves them.
    keys = columns.keys()
    # Kommun | År | GN.1a | GN.1b ...: the same, with each row's year in a column.
    if unplaced and MUNICIPALITY in keys and not keys & {INDICATOR, VALUE}:
        return HeaderTable(COUNTY, row, columns, [], texts, [], unplaced)
    if unplaced and INDICATOR in keys and not keys & {MUNICIPALITY, YEAR, VALUE}:
        return HeaderTable(COUNTY_TRANSPOSED, row, columns, [], texts, [], unplaced)
    return None


def header_role(label: Any) -> tuple[str, int] | None:
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


def year_header(label: Any) -> int | None:
    """The year a column header names: 2019, 2021.0, "2020", "År 2022"."""
    if isinstance(label, bool):
        return None
    if type(label) in NUMBER_TYPES:
        year = int(label) if float(label).is_integer() else None
    elif isinstance(label, str):
        match = _YEAR_TEXT.match(header_norm(label))
        year = int(match.group(1)) if match else None
    else:
        return None
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


# --- what title rows and sheet names state ----------------------------------------------------


def title_rows(sheet: Sheet, header_row: int) -> list[list[Any]]:
    """The non-empty cells of each row above the header."""
    rows = []
    for cells in sheet.rows[: header_row - 1]:
        filled = [value for value in cells if value != "" and value is not None]
        if filled:
            rows.append(filled)
    return rows


def set_in_titles(titles: list[list[Any]]) -> str | None:
    """The indicator set a title names: `Gröna nyckeltal (2023)` gives sekom-2023."""
    for cells in titles:
        for value in cells:
            match = _SET_STATEMENT.search(value) if isinstance(value, str) else None
            if match:
                return (match.group(2) or f"sekom-{match.group(1)}").lower()
    return None


def municipality_in_titles(titles: list[list[Any]]) -> Any:
    """The municipality a title states: `Kommun: Sundsvall`, `(2281)`, `Sundsvalls kommun`."""
    for cells in titles:
        role = header_role(cells[0])
        if len(cells) >= 2 and role is not None and role[0] == MUNICIPALITY:
            return whole_number(cells[1])
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


def indicator_in_titles(titles: list[list[Any]], sheet_name: str | None) -> Any:
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
    if sheet_name and not _DEFAULT_SHEET_NAME.match(header_norm(sheet_name)):
        code = _INDICATOR_CODE.match(sheet_name.strip())
        return code.group(1) if code else sheet_name.strip()
    for text in texts:
        if not any(p.search(text) for p in (_KEY_STATEMENT, _CODE_IN_PARENTHESES, _NAMED_KOMMUN)):
            return text
    return None


# --- small helpers ------------------------------------------------------------------


def header_norm(value: Any) -> str:
    """A header text for comparing: lower case, no accents, single spaces, no `(unit)`."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PARENTHESES.sub("", text)
    return _SPACES.sub(" ", text).strip().casefold().rstrip(":*.").strip()


def label_text(label: Any) -> str:
    """A header label as text: a whole number without `.0`, single spaces."""
    if isinstance(label, float) and label.is_integer():
        return str(int(label))
    return _SPACES.sub(" ", str(label)).strip()


def whole_number(value: Any) -> Any:
    """A float that is a whole number as an int (calamine gives 2281 as 2281.0)."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value


# Labels of the totals and averages county files put among the municipalities' rows; a
# county's own row ("Västernorrlands län", "Gävleborgs län totalt") is one too: no
# municipality's name holds the word "län".
# --- the rows under the header ------------------------------------------------------------


_SUMMARY_LABELS = re.compile(
    r"^(summa|totalt?|totalsumma|riket|hela riket|sverige|sweden|hela länet|länet|"
    r"länssnitt|medel(värde)?|genomsnitt|snitt|median|average|mean|sum|samtliga|alla kommuner)"
    r"\b|^\S.*\slän\b",
)


def is_summary_row(sheet: Sheet, row: int, municipality: Any, problems: ProblemReport) -> bool:
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


def data_rows(sheet: Sheet, table: HeaderTable, problems: ProblemReport) -> Any:
    """(row, cells) of the table's data rows; empty rows are skipped, lone notes reported."""
    ignored = IgnoredRows(sheet, problems)
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


def row_cell(cells: list[Any], column: int | None, whole: bool = True) -> Any:
    """A cell of a data row: None when empty; a whole float as an int when ``whole``."""
    if column is None:
        return None
    value = cells[column - 1]
    if value == "":
        return None
    if whole and type(value) is float and value.is_integer():
        return int(value)
    return value


def shown_error(sheet: Sheet, row: int, column: int, value: Any) -> Any:
    """An empty-looking cell's error text (``#DIV/0!``), which calamine reads as empty."""
    if value is not None:
        return value
    return sheet.error_value(row, column)


def cell_flags(sheet: Sheet, row: int, column: int, value: Any) -> tuple[bool, bool]:
    """(percent format, formula without cached value) of a value cell."""
    if value is None:
        return False, sheet.is_formula_without_cache(row, column)
    if type(value) in NUMBER_TYPES and sheet.may_have_percent:
        return sheet.is_percent(row, column), False
    return NO_FLAGS


class IgnoredRows:
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
        shown = label_text(self.text)
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
