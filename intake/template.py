"""The yearly template workbook a municipal official fills in and uploads.

The workbook has three sheets: instructions in plain Swedish (or English), the data sheet
with one row per indicator (previous five years read-only, then the input, status and
comment cells), and a hidden sheet ``miljomal`` recording what the file is for, so that
import needs no extra options.  The hidden sheet's layout is a contract with the reader
(``intake.layouts``): keys in column A, values in column B, see :data:`METADATA_KEYS`.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import select

from i18n import Lang
from i18n import pick
from indicators.catalogue import MUNICIPALITY
from indicators.catalogue import set_family
from indicators.models import MISSING
from indicators.models import NOT_APPLICABLE
from indicators.models import REPORTED
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation
from indicators.numbers import excel_number_format
from indicators.numbers import format_number
from indicators.output import atomic_path
from indicators.sets import asks_only_reported
from indicators.sets import default_set
from intake.errors import ERRORS
from intake.errors import IntakeError
from intake.messages import INSTRUCTIONS
from intake.messages import MESSAGES
from municipalities.models import Municipality

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


TEMPLATE_VERSION = "1"
METADATA_SHEET = "miljomal"
METADATA_MARKER = "miljomal-template"
HEADER_ROW = 4
FIRST_DATA_ROW = 5
CODE_COLUMN = "A"
VALUE_COLUMN = "I"
STATUS_COLUMN = "J"
COMMENT_COLUMN = "K"
PREVIOUS_YEARS = 5
FIRST_YEAR = 1990
# Which indicators a municipality is asked for: indicators.sets.asks_only_reported.

# Keys of the hidden metadata sheet, in order from row 2 (row 1 is the marker and version).
METADATA_KEYS = (
    "municipality",
    "year",
    "indicator_set",
    "lang",
    "data_sheet",
    "header_row",
    "first_data_row",
    "code_column",
    "value_column",
    "status_column",
    "comment_column",
)

_STATUSES = (REPORTED, MISSING, NOT_APPLICABLE)
_MARKERS = {MISSING: "..", NOT_APPLICABLE: "."}

_GREY = "E7E6E6"
_HEADER = "D9E1F2"
_INPUT = "FFF9E0"
_WHITE = "FFFFFF"


class TemplateError(IntakeError):
    """A template cannot be written: unknown municipality or set, or a year out of range."""


@dataclass(frozen=True)
class PreviousValue:
    """A stored value of an earlier year, as shown in the grey columns."""

    value: float | None
    status: str


def sheet_names(lang: Lang = "sv") -> dict[str, str]:
    """The instruction and data sheet names in a language: ``{"instructions": .., "data": ..}``."""
    return {name: MESSAGES(f"sheet-{name}", lang) for name in ("instructions", "data")}


def default_file_name(municipality_code: str, short_name: str, year: int) -> str:
    """`miljomal-2281-sundsvall-2025.xlsx`: ASCII only, safe on Windows and Linux."""
    return f"miljomal-{municipality_code}-{ascii_slug(short_name)}-{year}.xlsx"


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters, digits and hyphens: `Upplands Väsby` -> `upplands-vasby`."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug or "kommun"


def write_template(
    session: Session,
    municipality_code: str,
    year: int,
    out_path: str | os.PathLike[str],
    *,
    set_code: str | None = None,
    lang: Lang = "sv",
) -> Path:
    """Write the template workbook for one municipality, year and indicator set; return its path.

    Without ``set_code`` the year's default set is used (indicators.sets.default_set).
    """
    from openpyxl import Workbook  # heavy: tests/test_startup_imports.py

    municipality = _municipality(session, municipality_code)
    _check_year(year)
    indicator_set, indicators = reported_indicators(session, year, set_code)
    previous = previous_values(session, municipality.code, [i.id for i in indicators], year)

    workbook = Workbook()
    names = sheet_names(lang)
    instructions = workbook.active
    instructions.title = names["instructions"]
    _write_instructions(instructions, municipality, indicator_set, year, lang)
    data = workbook.create_sheet(names["data"])
    _write_values(data, municipality, indicator_set, indicators, previous, year, lang)
    meta = workbook.create_sheet(METADATA_SHEET)
    write_metadata(
        meta,
        {
            "municipality": municipality.code,
            "year": year,
            "indicator_set": indicator_set.code,
            "lang": lang,
            "data_sheet": names["data"],
            "header_row": HEADER_ROW,
            "first_data_row": FIRST_DATA_ROW,
            "code_column": CODE_COLUMN,
            "value_column": VALUE_COLUMN,
            "status_column": STATUS_COLUMN,
            "comment_column": COMMENT_COLUMN,
        },
    )
    workbook.active = 0

    workbook.properties.title = MESSAGES(
        "template-workbook-title", lang, name=municipality.name, year=year
    )
    workbook.properties.subject = f"{indicator_set.code} {municipality.code} {year}"
    workbook.properties.creator = "miljomal"
    workbook.properties.lastModifiedBy = "miljomal"
    workbook.properties.language = pick(lang, "sv-SE", "en-GB")
    workbook.properties.keywords = f"{METADATA_MARKER} {TEMPLATE_VERSION}"
    return save_workbook(workbook, Path(out_path))


def previous_values(
    session: Session, municipality_code: str, indicator_ids: list[int], year: int
) -> dict[tuple[int, int], PreviousValue]:
    """Stored values of the five years before ``year``, keyed by (indicator id, year)."""
    if not indicator_ids:
        return {}
    rows = session.execute(
        select(Observation.indicator_id, Observation.year, Observation.value, Observation.status)
        .where(Observation.municipality_code == municipality_code)
        .where(Observation.indicator_id.in_(indicator_ids))
        .where(Observation.year >= year - PREVIOUS_YEARS, Observation.year < year)
    )
    return {(r.indicator_id, r.year): PreviousValue(r.value, r.status) for r in rows}


def write_metadata(sheet: Any, values: dict[str, Any]) -> None:
    """Fill and hide the metadata sheet: marker and version in row 1, then one key per row."""
    sheet["A1"] = METADATA_MARKER
    sheet["B1"] = TEMPLATE_VERSION
    sheet["B1"].number_format = "@"
    for row, key in enumerate(METADATA_KEYS, start=2):
        sheet.cell(row=row, column=1, value=key)
        cell = sheet.cell(row=row, column=2, value=values[key])
        if isinstance(values[key], str):
            # Text format keeps a kommunkod such as "0114" from turning into 114 on re-save.
            cell.number_format = "@"
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 18
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True


def number_format(decimals: int | None) -> str:
    """Excel number format for an indicator's decimals: 1 -> `#,##0.0` (shown `1 234,5` in sv)."""
    return excel_number_format(decimals)


def _municipality(session: Session, code: str) -> Municipality:
    municipality = session.get(Municipality, str(code))
    if municipality is None:
        raise TemplateError("unknown-municipality-code", code=repr(code))
    return municipality


def reported_indicators(
    session: Session, year: int, set_code: str | None = None
) -> tuple[IndicatorSet, list[Indicator]]:
    """The set and the indicators a municipality reports for ``year`` (the template's rows).

    Without ``set_code`` the year's default set; from the 2023 set on only the indicators
    the municipality reports itself, then the local sets' ones.
    """
    indicator_set, indicators = _indicator_set(session, set_code or default_set(year))
    if asks_only_reported(indicator_set.code):
        indicators = _reported_by_municipalities(session, indicator_set, indicators)
    return indicator_set, indicators


def _reported_by_municipalities(
    session: Session, indicator_set: IndicatorSet, indicators: list[Indicator]
) -> list[Indicator]:
    """The set's indicators a municipality reports itself, then the local sets' ones."""
    family = set_family(indicator_set.code)
    local = [
        indicator
        for indicator in session.scalars(
            select(Indicator)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
            .where(IndicatorSet.id != indicator_set.id)
            .order_by(IndicatorSet.id, Indicator.sort_order, Indicator.code)
        )
        if set_family(indicator.indicator_set.code) != family
    ]
    return [
        indicator for indicator in [*indicators, *local] if indicator.reported_by == MUNICIPALITY
    ]


def _indicator_set(session: Session, set_code: str) -> tuple[IndicatorSet, list[Indicator]]:
    indicator_set = session.scalars(
        select(IndicatorSet).where(IndicatorSet.code == set_code)
    ).first()
    if indicator_set is None:
        known = ", ".join(session.scalars(select(IndicatorSet.code).order_by(IndicatorSet.code)))
        listed = known or ERRORS["no-sets-run-init"]
        raise TemplateError("template-unknown-set", set=repr(set_code), known=listed)
    indicators = list(
        session.scalars(
            select(Indicator)
            .where(Indicator.set_id == indicator_set.id)
            .order_by(Indicator.sort_order, Indicator.code)
        )
    )
    if not indicators:
        raise TemplateError("set-without-indicators", set=repr(set_code))
    return indicator_set, indicators


def _check_year(year: int) -> None:
    last = dt.date.today().year + 1
    if not FIRST_YEAR <= year <= last:
        raise TemplateError("year-outside", year=year, first=FIRST_YEAR, last=last)


def _write_instructions(
    sheet: Any, municipality: Municipality, indicator_set: IndicatorSet, year: int, lang: Lang
) -> None:
    from openpyxl.styles import Alignment  # heavy: tests/test_startup_imports.py
    from openpyxl.styles import Font  # heavy: tests/test_startup_imports.py

    set_name = pick(lang, indicator_set.name, indicator_set.name_en or indicator_set.name)
    lines = _instruction_lines(municipality, indicator_set.code, set_name, year, lang)
    sheet.column_dimensions["A"].width = 110
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, (kind, text) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text or None)
        cell.alignment = wrap
        if kind == "title":
            cell.font = Font(bold=True, size=14)
            sheet.row_dimensions[row].height = 22
        elif kind == "heading":
            cell.font = Font(bold=True, size=11)
        elif text:
            sheet.row_dimensions[row].height = 15 * max(1, math.ceil(len(text) / 105))
    sheet.protection.sheet = True
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _instruction_lines(
    municipality: Municipality, set_code: str, set_name: str, year: int, lang: Lang
) -> list[tuple[str, str]]:
    params = {
        "year": year,
        "name": municipality.name,
        "code": municipality.code,
        "set_code": set_code,
        "set_name": set_name,
        "version": TEMPLATE_VERSION,
        "data": MESSAGES("sheet-data", lang),
        **{key.replace("-", "_"): label for key, label in _status_labels(lang).items()},
    }
    return [(kind, text.render(lang, **params)) for kind, text in INSTRUCTIONS]


def _status_labels(lang: Lang) -> dict[str, str]:
    """The status dropdown's entries, by status (`reported`, `missing`, `not-applicable`)."""
    return {status: MESSAGES(f"status-{status}", lang) for status in _STATUSES}


def _write_values(
    sheet: Any,
    municipality: Municipality,
    indicator_set: IndicatorSet,
    indicators: list[Indicator],
    previous: dict[tuple[int, int], PreviousValue],
    year: int,
    lang: Lang,
) -> None:
    # heavy: tests/test_startup_imports.py
    from openpyxl.styles import Alignment
    from openpyxl.styles import Border
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill
    from openpyxl.styles import Protection
    from openpyxl.styles import Side
    from openpyxl.utils import get_column_letter  # heavy: tests/test_startup_imports.py

    # heavy: tests/test_startup_imports.py
    from openpyxl.worksheet.datavalidation import DataValidation

    years = list(range(year - PREVIOUS_YEARS, year))
    grey = PatternFill("solid", fgColor=_GREY)
    input_fill = PatternFill("solid", fgColor=_INPUT)
    white = PatternFill("solid", fgColor=_WHITE)
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    unlocked = Protection(locked=False)

    sheet["A1"] = MESSAGES(
        "template-title", lang, name=municipality.name, code=municipality.code, year=year
    )
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = MESSAGES(
        "template-subtitle", lang, set=indicator_set.code, version=TEMPLATE_VERSION
    )
    sheet["A3"] = MESSAGES("template-hint", lang, year=year)
    sheet["A3"].font = Font(italic=True, color="595959")

    headers: list[Any] = [
        MESSAGES("template-code", lang),
        MESSAGES("template-indicator", lang),
        MESSAGES("template-unit", lang),
        *years,
    ]
    headers += [
        MESSAGES("template-value", lang, year=year),
        MESSAGES("template-status", lang),
        MESSAGES("template-comment", lang),
    ]
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER)
        cell.border = border
        cell.alignment = Alignment(horizontal="center" if column > 3 else "left", wrap_text=True)

    labels = _status_labels(lang)
    status_list = DataValidation(
        type="list",
        formula1='"' + ",".join(labels[s] for s in (REPORTED, MISSING, NOT_APPLICABLE)) + '"',
        allow_blank=True,
        showDropDown=False,  # False shows the in-cell arrow (the attribute name is inverted)
        showErrorMessage=True,
        errorTitle=MESSAGES("template-status-title", lang),
        error=MESSAGES("template-status-error", lang),
        showInputMessage=True,
        promptTitle=MESSAGES("template-status-title", lang),
        prompt=MESSAGES("template-status-prompt", lang),
    )
    sheet.add_data_validation(status_list)

    value_col = _column_index(VALUE_COLUMN)
    status_col = _column_index(STATUS_COLUMN)
    comment_col = _column_index(COMMENT_COLUMN)
    last_row = FIRST_DATA_ROW + len(indicators) - 1
    for row, indicator in enumerate(indicators, start=FIRST_DATA_ROW):
        name = pick(lang, indicator.name, indicator.name_en or indicator.name)
        fixed = [indicator.code, name, indicator.unit]
        for column, value in enumerate(fixed, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.fill = grey
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=column == 2)
        for offset, earlier in enumerate(years):
            cell = sheet.cell(row=row, column=4 + offset)
            stored = previous.get((indicator.id, earlier))
            if stored is not None:
                if stored.status == REPORTED and stored.value is not None:
                    cell.value = stored.value
                    cell.number_format = number_format(indicator.decimals)
                else:
                    cell.value = _MARKERS.get(stored.status, "..")
            cell.fill = grey
            cell.border = border
            cell.alignment = Alignment(horizontal="right", vertical="top")
        for column in (value_col, status_col, comment_col):
            cell = sheet.cell(row=row, column=column)
            cell.protection = unlocked
            cell.border = border
            cell.fill = input_fill if column == value_col else white
            cell.alignment = Alignment(vertical="top", wrap_text=column == comment_col)
        sheet.add_data_validation(_value_validation(indicator, year, lang, f"{VALUE_COLUMN}{row}"))
        sheet.row_dimensions[row].height = 15 * max(1, math.ceil(len(name) / 55))
    status_list.add(f"{STATUS_COLUMN}{FIRST_DATA_ROW}:{STATUS_COLUMN}{last_row}")

    widths = {1: 9, 2: 58, 3: 16, value_col: 14, status_col: 20, comment_col: 48}
    for column in range(1, comment_col + 1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(column, 10)
    sheet.row_dimensions[HEADER_ROW].height = 30
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"

    # Without a password: the file opens normally and the user may still unprotect it.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{COMMENT_COLUMN}{last_row}"


def _value_validation(indicator: Indicator, year: int, lang: Lang, ref: str) -> Any:
    """Excel's decimal validation for one input cell, from the indicator's valid range."""
    # heavy: tests/test_startup_imports.py
    from openpyxl.worksheet.datavalidation import DataValidation

    low, high = indicator.min_value, indicator.max_value
    shown_low = format_number(low, None, lang) if low is not None else ""
    shown_high = format_number(high, None, lang) if high is not None else ""
    if low is not None and high is not None:
        operator, formula1, formula2 = "between", _formula_number(low), _formula_number(high)
        range_text = MESSAGES("template-between", lang, low=shown_low, high=shown_high)
    elif low is not None:
        operator, formula1, formula2 = "greaterThanOrEqual", _formula_number(low), None
        range_text = MESSAGES("template-at-least", lang, low=shown_low)
    elif high is not None:
        operator, formula1, formula2 = "lessThanOrEqual", _formula_number(high), None
        range_text = MESSAGES("template-at-most", lang, high=shown_high)
    else:
        operator, formula1, formula2 = "between", "-1E+300", "1E+300"
        range_text = MESSAGES("template-any", lang)
    validation = DataValidation(
        type="decimal",
        operator=operator,
        formula1=formula1,
        formula2=formula2,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=MESSAGES("template-error-title", lang)[:32],
        error=MESSAGES("template-error", lang, range=range_text, unit=indicator.unit)[:255],
        showInputMessage=True,
        promptTitle=f"{indicator.code} – " + MESSAGES("template-prompt-title", lang, year=year),
        prompt=MESSAGES("template-prompt", lang, unit=indicator.unit, range=range_text)[:255],
    )
    validation.promptTitle = validation.promptTitle[:32]
    validation.add(ref)
    return validation


def _formula_number(value: float) -> str:
    """A number as a formula constant (always a decimal point, whatever Excel's locale)."""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _column_index(letter: str) -> int:
    from openpyxl.utils import column_index_from_string  # heavy: tests/test_startup_imports.py

    return column_index_from_string(letter)


def save_workbook(workbook: Any, path: Path) -> Path:
    """Save through a temporary file in the same folder, so a failure leaves no half file."""
    with atomic_path(path, ".xlsx", make_folder=True) as temporary:
        workbook.save(temporary)
    return path
