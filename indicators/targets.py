"""Targets: a target value and year for an indicator, set for a municipality or a county.

A target is set one at a time (:func:`set_target`) or from a target file
(:func:`load_target_file`, CSV or XLSX with the columns kommun/län, indikator, målvärde,
målår, basår).  Setting a target for an owner and indicator that already has one replaces
it.  A municipality without a target of its own follows its county's
(:func:`effective_targets`).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indicators.errors import IndicatorError
from indicators.problems import ProblemReport

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MIN_YEAR, MAX_YEAR = 1900, 2100


class TargetError(IndicatorError):
    """A target cannot be set or read."""


class InvalidTargetError(TargetError, ValueError):
    """A target with an impossible owner, value or year."""


class TargetFileError(TargetError):
    """A target file with problems; nothing of it was written. ``problems`` lists them all."""

    def __init__(self, problems: ProblemReport) -> None:
        self.problems = problems
        count = len(problems.errors)
        lines = "\n".join(problems.lines("en"))
        super().__init__(f"{problems.file}: {count} problem(s); nothing was written\n{lines}")


@dataclass(frozen=True)
class TargetRecord:
    """A stored target, with its owner and indicator spelled out."""

    id: int
    municipality_code: str | None
    county_code: str | None
    indicator_id: int
    indicator_code: str
    target_value: float
    target_year: int
    base_year: int | None
    created_at: dt.datetime
    created_by: str | None

    @property
    def owner(self) -> str:
        """``municipality``, ``county`` or ``national`` (shipped, see :func:`national_targets`)."""
        if self.municipality_code:
            return "municipality"
        return "county" if self.county_code else "national"

    @property
    def owner_code(self) -> str:
        """The owner's kommunkod or länskod."""
        return self.municipality_code or self.county_code or ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "municipality": self.municipality_code,
            "county": self.county_code,
            "indicator": self.indicator_code,
            "target_value": self.target_value,
            "target_year": self.target_year,
            "base_year": self.base_year,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "created_by": self.created_by,
        }


@dataclass(frozen=True)
class TargetLoadSummary:
    """What loading a target file did."""

    created: int
    replaced: int

    @property
    def total(self) -> int:
        return self.created + self.replaced


def indicator_id_for(session: Session, code: str, set_code: str | None = None) -> int:
    """The id of the indicator a code (or name) names, written loosely (``gn6`` is GN.6).

    ``set_code`` names the set the code belongs to; without it, the oldest set that has it.
    """
    from indicators.catalogue import IndicatorResolver

    return IndicatorResolver(session, set_code).resolve(code).id


def check_target(
    value: float,
    year: int,
    base_year: int | None = None,
    municipality_code: str | None = None,
    county_code: str | None = None,
) -> None:
    """Raise :class:`InvalidTargetError` unless the target is possible."""
    if (municipality_code is None) == (county_code is None):
        raise InvalidTargetError("a target belongs to either one municipality or one county")
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidTargetError(f"target value {value!r} is not a number")
    for label, candidate in (("target year", year), ("base year", base_year)):
        if candidate is not None and not MIN_YEAR <= candidate <= MAX_YEAR:
            raise InvalidTargetError(
                f"{label} {candidate} is not plausible (expected {MIN_YEAR}-{MAX_YEAR})"
            )
    if base_year is not None and base_year >= year:
        raise InvalidTargetError(f"base year {base_year} must come before target year {year}")


def set_target(
    session: Session,
    indicator_id: int,
    value: float,
    year: int,
    municipality_code: str | None = None,
    county_code: str | None = None,
    base_year: int | None = None,
    user: str | None = None,
) -> tuple[TargetRecord, bool]:
    """Set the target of one owner for one indicator; returns it and whether it replaced one."""
    from sqlalchemy import select

    from indicators.models import Indicator, Target, utcnow
    from municipalities.models import County, Municipality

    check_target(value, year, base_year, municipality_code, county_code)
    if session.get(Indicator, indicator_id) is None:
        raise InvalidTargetError(f"no indicator with id {indicator_id}")
    if municipality_code is not None and session.get(Municipality, municipality_code) is None:
        raise InvalidTargetError(f"municipality {municipality_code} is not in the store")
    if county_code is not None and session.get(County, county_code) is None:
        raise InvalidTargetError(f"county {county_code} is not in the store")
    owner = (
        Target.municipality_code == municipality_code
        if municipality_code is not None
        else Target.county_code == county_code
    )
    target = session.scalar(select(Target).where(owner, Target.indicator_id == indicator_id))
    replaced = target is not None
    if target is None:
        target = Target(
            municipality_code=municipality_code, county_code=county_code, indicator_id=indicator_id
        )
        session.add(target)
    target.target_value = float(value)
    target.target_year = int(year)
    target.base_year = base_year
    target.created_at = utcnow()
    target.created_by = user
    session.flush()
    return _record(session, target), replaced


def list_targets(
    session: Session,
    municipality_code: str | None = None,
    county_code: str | None = None,
    indicator_id: int | None = None,
) -> list[TargetRecord]:
    """Stored targets, by owner then indicator; filtered by owner and/or indicator."""
    from sqlalchemy import case, func, select

    from indicators.models import Indicator, Target

    query = select(Target, Indicator.code).join(Indicator, Indicator.id == Target.indicator_id)
    if municipality_code is not None:
        query = query.where(Target.municipality_code == municipality_code)
    if county_code is not None:
        query = query.where(Target.county_code == county_code)
    if indicator_id is not None:
        query = query.where(Target.indicator_id == indicator_id)
    # County targets first, then municipalities by code (NULLs sort differently per database).
    query = query.order_by(
        case((Target.county_code.is_(None), 1), else_=0),
        func.coalesce(Target.county_code, Target.municipality_code),
        Indicator.sort_order,
        Indicator.code,
    )
    return [_record_with_code(target, code) for target, code in session.execute(query)]


def effective_targets(session: Session, municipality_code: str) -> dict[int, TargetRecord]:
    """The target per indicator id that applies to a municipality: its own, else its county's."""
    from sqlalchemy import or_, select

    from indicators.models import Indicator, Target
    from municipalities.models import Municipality

    county = select(Municipality.county_code).where(Municipality.code == municipality_code)
    query = (
        select(Target, Indicator.code)
        .join(Indicator, Indicator.id == Target.indicator_id)
        .where(
            or_(
                Target.municipality_code == municipality_code,
                Target.county_code == county.scalar_subquery(),
            )
        )
    )
    found: dict[int, TargetRecord] = {}
    for target, code in session.execute(query):
        record = _record_with_code(target, code)
        if record.municipality_code or record.indicator_id not in found:
            found[record.indicator_id] = record
    county_code = session.scalar(county)
    if county_code is not None:
        for indicator_id, record in national_target_records(session, county_code).items():
            found.setdefault(indicator_id, record)
    return found


# --- national targets ------------------------------------------------------------------------

NATIONAL_FILE = Path(__file__).parent / "data" / "mappings" / "national-targets.csv"
# When the national targets were shipped: shown as their creation time.
NATIONAL_SINCE = dt.datetime(2023, 1, 1)


@dataclass(frozen=True)
class NationalTarget:
    """A national target shipped with an indicator set, as SEKOM's pages show it."""

    set_code: str
    indicator_code: str
    target_value: float
    target_year: int
    source: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "set": self.set_code,
            "indicator": self.indicator_code,
            "target_value": self.target_value,
            "target_year": self.target_year,
            "source": self.source,
        }


def national_targets() -> tuple[NationalTarget, ...]:
    """The national targets in indicators/data/mappings/national-targets.csv."""
    lines = [
        line
        for line in NATIONAL_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    rows = list(csv.reader(lines, delimiter=";"))[1:]
    return tuple(
        NationalTarget(set_code, code, float(value), int(year), source)
        for set_code, code, value, year, source in rows
    )


def national_target_records(session: Session, county_code: str) -> dict[int, TargetRecord]:
    """The national targets that apply in a county (those it has not switched off), by id."""
    found: dict[int, TargetRecord] = {}
    for target, indicator_id in _in_county(session, county_code):
        if indicator_id is None:
            continue
        found[indicator_id] = TargetRecord(
            id=0,
            municipality_code=None,
            county_code=None,
            indicator_id=indicator_id,
            indicator_code=target.indicator_code,
            target_value=target.target_value,
            target_year=target.target_year,
            base_year=None,
            created_at=NATIONAL_SINCE,
            created_by=target.source,
        )
    return found


@dataclass(frozen=True)
class CountyNationalTargets:
    """The shipped national targets, each with whether it applies in one county."""

    county_code: str
    targets: tuple[tuple[NationalTarget, bool], ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `miljomal targets national --json`."""
        return {
            "county": self.county_code,
            "targets": [{**target.to_dict(), "active": active} for target, active in self.targets],
        }


def county_national_targets(session: Session, county_code: str) -> CountyNationalTargets:
    """Every shipped national target and whether it applies in the county (its indicator is
    in the catalogue and the county has not switched it off)."""
    return CountyNationalTargets(
        county_code,
        tuple(
            (target, indicator_id is not None)
            for target, indicator_id in _in_county(session, county_code)
        ),
    )


def _in_county(session: Session, county_code: str) -> list[tuple[NationalTarget, int | None]]:
    """Every shipped national target with its indicator's id where it applies in the county
    (the indicator is in the catalogue and the county has not switched it off), else None."""
    from sqlalchemy import select

    from indicators.models import Indicator, IndicatorSet, NationalTargetOff

    ids = {
        (set_code, code): id_
        for id_, code, set_code in session.execute(
            select(Indicator.id, Indicator.code, IndicatorSet.code).join(
                IndicatorSet, IndicatorSet.id == Indicator.set_id
            )
        )
    }
    off = set(
        session.scalars(
            select(NationalTargetOff.indicator_id).where(
                NationalTargetOff.county_code == county_code
            )
        )
    )
    found: list[tuple[NationalTarget, int | None]] = []
    for target in national_targets():
        indicator_id = ids.get((target.set_code, target.indicator_code))
        found.append((target, None if indicator_id in off else indicator_id))
    return found


def switch_national_target(
    session: Session, county_code: str, indicator_id: int, *, on: bool, user: str | None = None
) -> bool:
    """Switch a national target off (or on again) for a county; True when something changed.

    Raises TargetError when the indicator has no national target.
    """
    from sqlalchemy import delete, select

    from indicators.models import Indicator, IndicatorSet, NationalTargetOff

    code, set_code = session.execute(
        select(Indicator.code, IndicatorSet.code)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .where(Indicator.id == indicator_id)
    ).one()
    if not any((t.set_code, t.indicator_code) == (set_code, code) for t in national_targets()):
        shipped = ", ".join(f"{t.indicator_code} ({t.set_code})" for t in national_targets())
        raise TargetError(f"{code} ({set_code}) has no national target; those that do: {shipped}")
    key = {"county_code": county_code, "indicator_id": indicator_id}
    present = session.get(NationalTargetOff, (county_code, indicator_id)) is not None
    if on:
        if present:
            session.execute(delete(NationalTargetOff).filter_by(**key))
        return present
    if not present:
        session.add(NationalTargetOff(**key, switched_by=user))
        session.flush()
    return not present


def _record(session: Session, target: Any) -> TargetRecord:
    from indicators.models import Indicator

    indicator = session.get(Indicator, target.indicator_id)
    return _record_with_code(target, indicator.code if indicator else "")


def _record_with_code(target: Any, code: str) -> TargetRecord:
    return TargetRecord(
        id=target.id,
        municipality_code=target.municipality_code,
        county_code=target.county_code,
        indicator_id=target.indicator_id,
        indicator_code=code,
        target_value=target.target_value,
        target_year=target.target_year,
        base_year=target.base_year,
        created_at=target.created_at,
        created_by=target.created_by,
    )


# --- target files -------------------------------------------------------------------------

# Field -> the header names it may have (compared by indicators.files.headers.header_key).
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
        raise TargetError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        sheet, raw_rows = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        sheet, raw_rows = None, _csv_rows(path, problems)
    else:
        raise TargetError(f"{path.name}: a target file must be .csv or .xlsx")
    header_line = None
    header: list[Any] = []
    for line, values in raw_rows:
        if any(_present(v) for v in values):
            header_line, header = line, values
            break
    if header_line is None:
        problems.error("empty-file", "Filen är tom.", "The file is empty.")
        return sheet, []
    from indicators.files.headers import HeaderAliases

    aliases = HeaderAliases(_HEADERS)
    columns: dict[str, int] = {}
    for index, name in enumerate(header, start=1):
        field = aliases.field(name)
        if field is None and _present(name):
            problems.error(
                "unknown-column",
                f"Okänd kolumn {name!r}.",
                f"Unknown column {name!r}.",
                sheet=sheet,
                row=header_line,
                column=index,
            )
        elif field is not None:
            columns.setdefault(field, index)
    missing = [f for f in _REQUIRED if f not in columns]
    if "municipality" not in columns and "county" not in columns:
        missing.insert(0, "kommun/län")
    if missing:
        problems.error(
            "missing-column",
            f"Kolumner saknas: {', '.join(missing)}.",
            f"Columns missing: {', '.join(missing)}.",
            sheet=sheet,
            row=header_line,
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
    from indicators.files.cells import warn_cleaned
    from indicators.files.text import read_table

    table = read_table(path)  # a ReadError says in both languages why the file cannot be read
    warn_cleaned(problems, table.cleaned)
    return list(enumerate(table.rows, start=1))


def _xlsx_rows(path: Path) -> tuple[str, list[tuple[int, list[Any]]]]:
    from indicators.sheets import read_workbook

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
    from sqlalchemy import select

    from indicators.catalogue import code_key
    from indicators.models import Indicator
    from municipalities.errors import RegistryError
    from municipalities.models import County, Municipality
    from municipalities.registry import resolve_county, resolve_municipality

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

        def fail(code: str, sv: str, en: str, field: str, row: _Row = row) -> None:
            column = row.cells[field][1] if field in row.cells else None
            problems.error(code, sv, en, sheet=sheet, row=row.line, column=column)

        municipality = county = None
        raw_municipality = row.cells.get("municipality", (None, 0))[0]
        raw_county = row.cells.get("county", (None, 0))[0]
        if _present(raw_municipality) and _present(raw_county):
            fail(
                "two-owners",
                "Ange antingen kommun eller län, inte båda.",
                "Give either a municipality or a county, not both.",
                "county",
            )
        elif _present(raw_municipality):
            try:
                municipality = resolve_municipality(_plain(raw_municipality)).code
            except RegistryError as exc:
                fail("unknown-municipality", exc.message("sv"), exc.message("en"), "municipality")
            else:
                if municipality not in stored_municipalities:
                    fail(
                        "municipality-not-stored",
                        f"Kommun {municipality} finns inte i databasen.",
                        f"Municipality {municipality} is not in the store.",
                        "municipality",
                    )
        elif _present(raw_county):
            try:
                county = resolve_county(_plain(raw_county)).code
            except RegistryError as exc:
                fail("unknown-county", exc.message("sv"), exc.message("en"), "county")
            else:
                if county not in stored_counties:
                    fail(
                        "county-not-stored",
                        f"Län {county} finns inte i databasen.",
                        f"County {county} is not in the store.",
                        "county",
                    )
        else:
            fail(
                "no-owner",
                "Kommun eller län saknas.",
                "Municipality or county missing.",
                "municipality" if "municipality" in row.cells else "county",
            )

        raw_indicator = row.cells["indicator"][0]
        indicator_id = indicators.get(code_key(str(raw_indicator or "")))
        if indicator_id is None:
            fail(
                "unknown-indicator",
                f"Okänd indikator {_shown(raw_indicator)}.",
                f"Unknown indicator {_shown(raw_indicator)}.",
                "indicator",
            )

        value = _number(row.cells["value"][0])
        if value is None:
            fail(
                "invalid-target-value",
                f"Målvärdet {_shown(row.cells['value'][0])} är inget tal.",
                f"Target value {_shown(row.cells['value'][0])} is not a number.",
                "value",
            )
        year = _year(row.cells["year"][0])
        if year is None:
            fail(
                "invalid-target-year",
                f"Målåret {_shown(row.cells['year'][0])} är inget årtal.",
                f"Target year {_shown(row.cells['year'][0])} is not a year.",
                "year",
            )
        raw_base = row.cells.get("base_year", (None, 0))[0]
        base_year = _year(raw_base) if _present(raw_base) else None
        if _present(raw_base) and base_year is None:
            fail(
                "invalid-base-year",
                f"Basåret {_shown(raw_base)} är inget årtal.",
                f"Base year {_shown(raw_base)} is not a year.",
                "base_year",
            )
        elif base_year is not None and year is not None and base_year >= year:
            fail(
                "base-year-after-target",
                f"Basåret {base_year} måste komma före målåret {year}.",
                f"Base year {base_year} must come before target year {year}.",
                "base_year",
            )

        if len(problems.errors) > errors_before:
            continue
        key = (municipality, county, indicator_id)
        if key in seen:
            fail(
                "duplicate-target",
                f"Samma mål finns redan på rad {seen[key]}.",
                f"The same target is already on line {seen[key]}.",
                "indicator",
            )
            continue
        seen[key] = row.line
        parsed.append(
            _ParsedTarget(row.line, municipality, county, indicator_id, value, year, base_year)  # type: ignore[arg-type]
        )
    if not rows and problems.ok:
        problems.error("no-targets", "Filen har inga mål.", "The file holds no targets.")
    return parsed


def _plain(value: Any) -> Any:
    """Cell text as the registry lookup wants it (CSV gives strings, XLSX numbers)."""
    return value.strip() if isinstance(value, str) else value


def _number(raw: Any) -> float | None:
    from indicators.numbers import NumberFormatError, parse_number

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
