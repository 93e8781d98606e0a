"""Reading a file of municipal targets (CSV or XLSX) and storing its rows.

`miljomal targets load` reads through here; the targets themselves are `indicators.targets`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import select

from i18n import Text
from indicators.catalogue import code_key
from indicators.models import Indicator
from indicators.numbers import NumberFormatError
from indicators.numbers import parse_number
from indicators.problems import ProblemReport
from indicators.problems import ProblemType
from indicators.targets import MAX_YEAR
from indicators.targets import MIN_YEAR
from indicators.targets import TargetError
from indicators.targets import TargetFileError
from indicators.targets import TargetLoadSummary
from indicators.targets import set_target
from intake.files import problem_types as types
from intake.files.cells import warn_cleaned
from intake.files.headers import HeaderAliases
from intake.files.text import read_table
from intake.sheets import read_workbook
from municipalities.errors import RegistryError
from municipalities.models import County
from municipalities.models import Municipality
from municipalities.registry import resolve_county
from municipalities.registry import resolve_municipality

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Field -> the header names it may have (compared by intake.files.headers.header_key).
_HEADERS = {
    "municipality": ("kommun", "kommunkod", "municipality", "municipality code"),
    "county": ("län", "länskod", "county", "county code"),
    "indicator": ("indikator", "nyckeltal", "indicator"),
    "value": ("målvärde", "target value", "target", "value"),
    "year": ("målår", "target year", "year"),
    "base_year": ("basår", "base year"),
}

_REQUIRED = ("indicator", "value", "year")


@dataclass(frozen=True)
class _Row:
    line: int
    cells: dict[str, tuple[Any, int]]  # field -> (raw value, 1-based column)


@dataclass(frozen=True)
class _ParsedTarget:
    line: int
    municipality_code: str | None
    county_code: str | None
    indicator_id: int
    value: float
    year: int
    base_year: int | None


def load_target_file(
    session: Session, path: str | Path, user: str | None = None
) -> TargetLoadSummary:
    """Load every target in a CSV or XLSX file, all or nothing.

    Every row is checked first; when any row has a problem, :class:`TargetFileError` lists
    all of them (with line numbers, and cells for spreadsheets) and nothing is written.
    Headers may be Swedish (kommun, län, indikator, målvärde, målår, basår) or English
    (municipality, county, indicator, target value, target year, base year).
    """
    path = Path(path)
    problems = ProblemReport(file=path.name)
    sheet, rows = _read_rows(path, problems)
    parsed = _validate_rows(session, sheet, rows, problems)
    if not problems.ok:
        raise TargetFileError(problems)
    created = replaced = 0
    for target in parsed:
        _, was_replaced = set_target(
            session,
            target.indicator_id,
            target.value,
            target.year,
            municipality_code=target.municipality_code,
            county_code=target.county_code,
            base_year=target.base_year,
            user=user,
        )
        replaced += was_replaced
        created += not was_replaced
    return TargetLoadSummary(created=created, replaced=replaced)


def _read_rows(path: Path, problems: ProblemReport) -> tuple[str | None, list[_Row]]:
    """The header-mapped rows of the file's first sheet; problems for unreadable headers."""
    if not path.exists():
        raise TargetError("no-such-target-file", path=path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        sheet, raw_rows = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        sheet, raw_rows = None, _csv_rows(path, problems)
    else:
        raise TargetError("target-file-type", file=path.name)
    header_line = None
    header: list[Any] = []
    for line, values in raw_rows:
        if any(_present(v) for v in values):
            header_line, header = line, values
            break
    if header_line is None:
        problems.add(types.TARGETS_EMPTY)
        return sheet, []

    aliases = HeaderAliases(_HEADERS)
    columns: dict[str, int] = {}
    for index, name in enumerate(header, start=1):
        field = aliases.field(name)
        if field is None and _present(name):
            problems.add(
                types.TARGETS_UNKNOWN_COLUMN, sheet=sheet, row=header_line, column=index, label=name
            )
        elif field is not None:
            columns.setdefault(field, index)
    missing = [f for f in _REQUIRED if f not in columns]
    if "municipality" not in columns and "county" not in columns:
        missing.insert(0, "kommun/län")
    if missing:
        problems.add(
            types.TARGETS_MISSING_COLUMN, sheet=sheet, row=header_line, missing=", ".join(missing)
        )
        return sheet, []
    rows = []
    for line, values in raw_rows:
        if line <= header_line or not any(_present(v) for v in values):
            continue
        cells = {
            field: (values[index - 1] if index - 1 < len(values) else None, index)
            for field, index in columns.items()
        }
        rows.append(_Row(line, cells))
    return sheet, rows


def _csv_rows(path: Path, problems: ProblemReport) -> list[tuple[int, list[Any]]]:
    table = read_table(path)  # a ReadError says in both languages why the file cannot be read
    warn_cleaned(problems, table.cleaned)
    return list(enumerate(table.rows, start=1))


def _xlsx_rows(path: Path) -> tuple[str, list[tuple[int, list[Any]]]]:
    sheets = read_workbook(path).sheets
    if not sheets:
        return "", []
    sheet = sheets[0]
    rows = [[None if cell == "" else cell for cell in cells] for cells in sheet.rows]
    return sheet.name or "", list(enumerate(rows, start=1))


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _validate_rows(
    session: Session, sheet: str | None, rows: list[_Row], problems: ProblemReport
) -> list[_ParsedTarget]:
    """Check every row, record every problem, and return the rows that passed."""
    # A code several sets use means the oldest set's indicator, as everywhere a code comes
    # without its set (indicators.catalogue.IndicatorResolver).
    indicators: dict[str, int] = {}
    for id_, code in session.execute(
        select(Indicator.id, Indicator.code).order_by(Indicator.set_id, Indicator.id)
    ):
        indicators.setdefault(code_key(code), id_)
    stored_municipalities = set(session.scalars(select(Municipality.code)))
    stored_counties = set(session.scalars(select(County.code)))
    parsed: list[_ParsedTarget] = []
    seen: dict[tuple[str | None, str | None, int | None], int] = {}

    for row in rows:
        errors_before = len(problems.errors)

        def fail(
            kind: ProblemType,
            field: str,
            /,
            row: _Row = row,
            said: Text | None = None,
            **params: Any,
        ) -> None:
            column = row.cells[field][1] if field in row.cells else None
            problems.add(kind, sheet=sheet, row=row.line, column=column, said=said, **params)

        municipality = county = None
        raw_municipality = row.cells.get("municipality", (None, 0))[0]
        raw_county = row.cells.get("county", (None, 0))[0]
        if _present(raw_municipality) and _present(raw_county):
            fail(types.TARGETS_TWO_OWNERS, "county")
        elif _present(raw_municipality):
            try:
                municipality = resolve_municipality(_plain(raw_municipality)).code
            except RegistryError as exc:
                said = Text(exc.message("sv"), exc.message("en"))
                fail(types.TARGETS_UNKNOWN_MUNICIPALITY, "municipality", said=said)
            else:
                if municipality not in stored_municipalities:
                    fail(
                        types.TARGETS_MUNICIPALITY_NOT_STORED,
                        "municipality",
                        municipality=municipality,
                    )
        elif _present(raw_county):
            try:
                county = resolve_county(_plain(raw_county)).code
            except RegistryError as exc:
                said = Text(exc.message("sv"), exc.message("en"))
                fail(types.TARGETS_UNKNOWN_COUNTY, "county", said=said)
            else:
                if county not in stored_counties:
                    fail(types.TARGETS_COUNTY_NOT_STORED, "county", county=county)
        else:
            fail(
                types.TARGETS_NO_OWNER, "municipality" if "municipality" in row.cells else "county"
            )

        raw_indicator = row.cells["indicator"][0]
        indicator_id = indicators.get(code_key(str(raw_indicator or "")))
        if indicator_id is None:
            fail(types.TARGETS_UNKNOWN_INDICATOR, "indicator", text=_shown(raw_indicator))

        value = _number(row.cells["value"][0])
        if value is None:
            fail(types.TARGETS_INVALID_VALUE, "value", text=_shown(row.cells["value"][0]))
        year = _year(row.cells["year"][0])
        if year is None:
            fail(types.TARGETS_INVALID_YEAR, "year", text=_shown(row.cells["year"][0]))
        raw_base = row.cells.get("base_year", (None, 0))[0]
        base_year = _year(raw_base) if _present(raw_base) else None
        if _present(raw_base) and base_year is None:
            fail(types.TARGETS_INVALID_BASE_YEAR, "base_year", text=_shown(raw_base))
        elif base_year is not None and year is not None and base_year >= year:
            fail(types.TARGETS_BASE_YEAR_AFTER_TARGET, "base_year", base_year=base_year, year=year)

        if len(problems.errors) > errors_before:
            continue
        key = (municipality, county, indicator_id)
        if key in seen:
            fail(types.TARGETS_DUPLICATE, "indicator", first_line=seen[key])
            continue
        seen[key] = row.line
        parsed.append(
            _ParsedTarget(row.line, municipality, county, indicator_id, value, year, base_year)  # type: ignore[arg-type]
        )
    if not rows and problems.ok:
        problems.add(types.TARGETS_NONE)
    return parsed


def _plain(value: Any) -> Any:
    """Cell text as the registry lookup wants it (CSV gives strings, XLSX numbers)."""
    return value.strip() if isinstance(value, str) else value


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float):
        return float(raw) if math.isfinite(raw) else None
    try:
        value, _ = parse_number(str(raw))
    except NumberFormatError:
        return None
    return value


def _year(raw: Any) -> int | None:
    value = _number(raw)
    if value is None or not value.is_integer() or not MIN_YEAR <= value <= MAX_YEAR:
        return None
    return int(value)


def _shown(raw: Any) -> str:
    return repr(raw) if isinstance(raw, str) else str(raw)
