"""Reading an indicator catalogue file (CSV or XLSX) into a checked `Catalogue`, and the
catalogues that ship with miljomal.

`indicators load` and `init` read through here; storing a read catalogue is
`indicators.catalogue.load_catalogue`."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from i18n import Text
from indicators.catalogue import BUNDLED_DIR
from indicators.catalogue import CENTRAL
from indicators.catalogue import COLUMNS
from indicators.catalogue import DIRECTIONS
from indicators.catalogue import MAX_FILE_SIZE
from indicators.catalogue import MUNICIPALITY
from indicators.catalogue import REPORTERS
from indicators.catalogue import Catalogue
from indicators.catalogue import CatalogueError
from indicators.catalogue import CatalogueIndicator
from indicators.catalogue import code_key
from indicators.catalogue import fold_name
from indicators.catalogue import load_catalogue
from indicators.errors import ERRORS
from indicators.numbers import NumberFormatError
from indicators.numbers import parse_number
from indicators.problems import ProblemReport
from indicators.problems import ProblemType
from intake.files import problem_types as types
from intake.files.cells import CleanedCell
from intake.files.cells import clean_rows
from intake.files.cells import warn_cleaned
from intake.files.entry import ReadError
from intake.files.entry import check_entry
from intake.files.headers import HeaderAliases
from intake.files.problem_types import problem_type
from intake.files.text import read_text
from intake.sheets import read_workbook

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

REQUIRED = ("code", "name", "unit", "direction")


METADATA_KEYS: dict[str, tuple[str, ...]] = {
    "set": ("set", "uppsättning", "indicator_set"),
    "name": ("namn", "name"),
    "name_en": ("namn_en", "name_en"),
    "description": ("beskrivning", "description"),
}


_CODE_RE = re.compile(r"^[A-Za-z0-9ÅÄÖåäö][A-Za-z0-9ÅÄÖåäö._\-]*$")


_SET_RE = re.compile(r"^[a-z0-9][a-z0-9._\-]*$")


_SHEET_NAMES = ("indikatorer", "indicators")


_MAX_LENGTHS = {"code": 30, "name": 300, "name_en": 300, "unit": 50, "source": 300}


def read_catalogue(path: str | Path, set_code: str | None = None) -> Catalogue:
    """Read and check a catalogue file (.csv or .xlsx); raises CatalogueError with every problem.

    ``set_code`` names the set when the file itself does not.
    """
    path = Path(path)
    report = ProblemReport(file=path.name)
    rows, sheet = _read_rows(path, report)
    metadata, header_at = _metadata(rows)
    if set_code and not metadata.get("set"):
        metadata["set"] = (set_code, 0)
    catalogue = _parse(
        path, rows[header_at:] if header_at is not None else [], metadata, sheet, report
    )
    if not report.ok or catalogue is None:
        errors = report.errors
        first = errors[0] if errors else None
        detail: Text | str = ""
        if first is not None:
            where = f" ({first.place()})" if first.place() else ""
            detail = Text(
                ERRORS("first-problem", "sv", message=first.message("sv"), where=where),
                ERRORS("first-problem", "en", message=first.message("en"), where=where),
            )
        raise CatalogueError(
            "catalogue-rejected", report, file=path.name, count=len(errors), detail=detail
        )
    return catalogue


def _read_rows(path: Path, report: ProblemReport) -> tuple[list[tuple[int, list[str]]], str | None]:
    """The file as (1-based line or row, cells) pairs, and the sheet name for workbooks."""
    try:
        # From os.stat: a FIFO, a device or a file over the catalogue's size is not opened.
        check_entry(path, MAX_FILE_SIZE)
    except ReadError as exc:
        report.add(problem_type(exc.code), said=Text(exc.message("sv"), exc.message("en")))
        return [], None
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, report)
    if suffix not in (".csv", ".txt", ""):
        report.add(types.CATALOGUE_UNSUPPORTED_FORMAT, suffix=suffix)
        return [], None
    return _read_csv(path, report), None


def _read_csv(path: Path, report: ProblemReport) -> list[tuple[int, list[str]]]:
    text, encoding = read_text(path)
    if encoding == "cp1252":
        # Excel on Swedish Windows saves "CSV (semikolonavgränsad)" in Windows-1252.
        report.add(types.CATALOGUE_NOT_UTF8)
    lines = text.splitlines()
    rows: list[tuple[int, list[str]]] = []
    first_data = 0
    # The leading comment block is kept whole: a `# namn:` line may contain semicolons.
    while first_data < len(lines) and (
        not lines[first_data].strip() or lines[first_data].lstrip().startswith("#")
    ):
        rows.append((first_data + 1, [lines[first_data].strip()]))
        first_data += 1
    if first_data == len(lines):
        return rows
    header = lines[first_data]
    delimiter = ";" if ";" in header else "\t" if "\t" in header else ","
    reader = csv.reader(io.StringIO("\n".join(lines[first_data:])), delimiter=delimiter)
    previous = 0
    for cells in reader:
        rows.append((first_data + previous + 1, [cell.strip() for cell in cells]))
        previous = reader.line_num
    _remove_control_characters(rows, report)
    return rows


def _remove_control_characters(rows: list[tuple[int, list[str]]], report: ProblemReport) -> None:
    """Control characters out of every cell, with a warning naming the line (files.cells)."""
    cells = [row for _line, row in rows]
    cleaned = clean_rows(cells)
    lines = [line for line, _row in rows]
    warn_cleaned(report, [CleanedCell(lines[c.row - 1], c.column, c.removed) for c in cleaned])


def _read_xlsx(path: Path, report: ProblemReport) -> tuple[list[tuple[int, list[str]]], str | None]:
    try:
        workbook = read_workbook(path)  # the intake layer's checks first, then calamine
    except ReadError as exc:
        report.add(problem_type(exc.code), said=Text(exc.message("sv"), exc.message("en")))
        return [], None
    if not workbook.sheets:
        report.add(types.CATALOGUE_NO_SHEET)
        return [], None
    named = [sheet for sheet in workbook.sheets if (sheet.name or "").casefold() in _SHEET_NAMES]
    sheet = named[0] if named else workbook.sheets[0]
    rows = [
        (number, [_cell_text(value) for value in values])
        for number, values in enumerate(sheet.rows, start=1)
    ]
    title = sheet.name
    # A metadata row may spread over cells (`# set:` in A, `sekom-2012` in B): join them.
    for index, (number, cells) in enumerate(rows):
        filled = [cell for cell in cells if cell]
        if filled and filled[0].startswith("#"):
            rows[index] = (number, [" ".join(filled)])
        elif filled:
            break
    return rows, title


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _metadata(
    rows: list[tuple[int, list[str]]],
) -> tuple[dict[str, tuple[str, int]], int | None]:
    """The `# key: value` lines before the header, and the index of the header row."""
    metadata: dict[str, tuple[str, int]] = {}
    aliases = {fold_name(alias): key for key, names in METADATA_KEYS.items() for alias in names}
    for index, (number, cells) in enumerate(rows):
        text = cells[0] if cells else ""
        if not any(cells):
            continue
        if not text.startswith("#"):
            return metadata, index
        key, sep, value = text.lstrip("#").partition(":")
        if sep and fold_name(key) in aliases and value.strip():
            metadata[aliases[fold_name(key)]] = (value.strip(), number)
    return metadata, None


def _parse(
    path: Path,
    rows: list[tuple[int, list[str]]],
    metadata: dict[str, tuple[str, int]],
    sheet: str | None,
    report: ProblemReport,
) -> Catalogue | None:
    set_code, set_line = metadata.get("set", ("", None))
    set_code = set_code.strip().lower()
    if not set_code:
        report.add(types.CATALOGUE_MISSING_SET, row=1)
    elif not _SET_RE.match(set_code) or len(set_code) > 50:
        report.add(types.CATALOGUE_BAD_SET_CODE, row=set_line, set_code=set_code)
    if not rows:
        if not report.errors:
            report.add(types.CATALOGUE_EMPTY)
        return None
    header_line, header = rows[0]
    columns = _columns(header, header_line, sheet, report)
    indicators: list[CatalogueIndicator] = []
    seen: dict[str, tuple[str, int]] = {}
    for number, cells in rows[1:]:
        if not any(cells) or cells[0].startswith("#"):
            continue
        values = {
            name: (cells[index] if index < len(cells) else "") for name, index in columns.items()
        }
        place = _Place(report, sheet, number, columns, header)
        indicator = _parse_row(values, number, place)
        if indicator is None:
            continue
        key = code_key(indicator.code)
        if key in seen:
            first_code, first_line = seen[key]
            place.add(
                types.CATALOGUE_DUPLICATE_CODE,
                "code",
                code=indicator.code,
                first_line=first_line,
                first_code=first_code,
            )
            continue
        seen[key] = (indicator.code, number)
        indicators.append(indicator)
    if not indicators and report.ok:
        report.add(types.CATALOGUE_NO_INDICATORS, row=header_line)
    if not report.ok:
        return None
    return Catalogue(
        set_code=set_code,
        name=metadata.get("name", (set_code, 0))[0],
        name_en=metadata.get("name_en", (None, 0))[0],
        description=metadata.get("description", (None, 0))[0],
        indicators=tuple(indicators),
        path=str(path),
        problems=report,
        columns=frozenset(columns),
    )


def _columns(
    header: list[str], line: int, sheet: str | None, report: ProblemReport
) -> dict[str, int]:
    """Field name -> 0-based column index, reporting unknown, repeated and missing columns."""
    aliases = HeaderAliases(COLUMNS)
    columns: dict[str, int] = {}
    for index, text in enumerate(header):
        if not text:
            continue
        column: int | str = index + 1 if sheet else text
        name = aliases.field(text)
        if name is None:
            report.add(
                types.CATALOGUE_UNKNOWN_COLUMN, sheet=sheet, row=line, column=column, label=text
            )
        elif name in columns:
            report.add(
                types.CATALOGUE_DUPLICATE_COLUMN, sheet=sheet, row=line, column=column, label=text
            )
        else:
            columns[name] = index
    for name in REQUIRED:
        if name not in columns:
            report.add(
                types.CATALOGUE_MISSING_COLUMN,
                sheet=sheet,
                row=line,
                name_sv=COLUMNS[name][0],
                name_en=COLUMNS[name][1],
            )
    return columns


@dataclass
class _Place:
    """Reports a problem in one cell of the row being read."""

    report: ProblemReport
    sheet: str | None
    row: int
    columns: dict[str, int]
    header: list[str]

    def add(self, kind: ProblemType, name: str, /, **params: Any) -> None:
        """A problem of ``kind`` in the row's cell of column ``name``."""
        index = self.columns.get(name)
        column: int | str | None = None
        if index is not None:
            column = index + 1 if self.sheet else self.header[index]
        self.report.add(kind, sheet=self.sheet, row=self.row, column=column, **params)


def _parse_row(values: dict[str, str], line: int, place: _Place) -> CatalogueIndicator | None:
    """One indicator from one row, or None after reporting what is wrong with it."""
    before = len(place.report.errors)
    labels = {"code": "kod", "name": "namn", "unit": "enhet", "direction": "riktning"}
    for name in REQUIRED:
        if name in place.columns and not values.get(name):
            place.add(types.CATALOGUE_MISSING_VALUE, name, name_sv=labels[name], name_en=name)
    for name, limit in _MAX_LENGTHS.items():
        if len(values.get(name, "")) > limit:
            place.add(types.CATALOGUE_TOO_LONG, name, name=name, limit=limit)
    code = values.get("code", "")
    if code and not _CODE_RE.match(code):
        place.add(types.CATALOGUE_BAD_CODE, "code", code=code)
    direction_text = values.get("direction", "")
    direction = DIRECTIONS.get(direction_text.casefold())
    if direction_text and direction is None:
        place.add(types.CATALOGUE_BAD_DIRECTION, "direction", text=direction_text)
    decimals = 1
    decimals_text = values.get("decimals", "")
    if decimals_text:
        if decimals_text.isdigit() and 0 <= int(decimals_text) <= 6:
            decimals = int(decimals_text)
        else:
            place.add(types.CATALOGUE_BAD_DECIMALS, "decimals", text=decimals_text)
    bounds: dict[str, float | None] = {}
    for name in ("min_value", "max_value"):
        bounds[name] = _number(values.get(name, ""), name, place)
    low, high = bounds["min_value"], bounds["max_value"]
    if low is not None and high is not None and low > high:
        place.add(
            types.CATALOGUE_MIN_ABOVE_MAX,
            "min_value",
            low=values["min_value"],
            high=values["max_value"],
        )
    reporter_text = values.get("reported_by", "")
    reported_by = REPORTERS.get(" ".join(reporter_text.casefold().split()))
    if not reporter_text:
        reported_by = MUNICIPALITY
    elif reported_by is None:
        place.add(types.CATALOGUE_BAD_REPORTED_BY, "reported_by", text=reporter_text)
    source = values.get("source") or None
    if reported_by == CENTRAL and not source:
        place.add(types.CATALOGUE_MISSING_SOURCE, "source")
    objectives = _objectives(values.get("objectives", ""), place)
    threshold = _number(values.get("change_threshold", ""), "change_threshold", place)
    if threshold is not None and threshold <= 0:
        place.add(
            types.CATALOGUE_BAD_THRESHOLD, "change_threshold", text=values["change_threshold"]
        )
    if len(place.report.errors) > before or direction is None or reported_by is None:
        return None
    name = values["name"]
    return CatalogueIndicator(
        code=code,
        name=name,
        name_en=values.get("name_en") or name,
        unit=values["unit"],
        direction=direction,
        decimals=decimals,
        min_value=low,
        max_value=high,
        reported_by=reported_by,
        source=source,
        objectives=objectives,
        change_threshold=threshold / 100 if threshold is not None else None,
        description=values.get("description") or None,
        line=line,
    )


def _number(text: str, name: str, place: _Place) -> float | None:
    if not text:
        return None
    try:
        return parse_number(text)[0]
    except NumberFormatError:
        place.add(types.CATALOGUE_BAD_NUMBER, name, text=text)
        return None


def _objectives(text: str, place: _Place) -> str:
    """'1, 2' or '1;2' or '1 2' -> '1;2'; each a national environmental objective 1-16."""
    numbers: set[int] = set()
    for part in filter(None, re.split(r"[;,/\s]+", text)):
        if part.isdigit() and 1 <= int(part) <= 16:
            numbers.add(int(part))
        else:
            place.add(types.CATALOGUE_BAD_OBJECTIVE, "objectives", text=part)
    return ";".join(str(number) for number in sorted(numbers))


@lru_cache(maxsize=1)
def bundled_catalogues() -> tuple[Catalogue, ...]:
    """The catalogues shipped with miljomal (indicators/data/*.csv), read once."""
    # kolada.csv beside the catalogues holds the Kolada mappings (kolada/mapping.py).
    paths = sorted(p for p in BUNDLED_DIR.glob("*.csv") if p.name != "kolada.csv")
    return tuple(read_catalogue(path) for path in paths)


def load_bundled_catalogues(session: Session) -> tuple[int, int]:
    """Load every bundled catalogue; returns (sets, indicators) they hold."""
    catalogues = bundled_catalogues()
    for catalogue in catalogues:
        load_catalogue(session, catalogue)
    return len(catalogues), sum(len(catalogue.indicators) for catalogue in catalogues)
