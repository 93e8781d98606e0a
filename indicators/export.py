"""Exporting stored values: JSON rows, CSV for Swedish or English Excel, and XLSX.

Every format starts from :func:`export_rows`, the JSON contract::

    {"municipality": "2281", "indicator": "GN.6", "year": 2024, "value": 5.8,
     "status": "reported", "comment": null, "set": "sekom-2012"}

``set`` names the indicator set the code belongs to: GN.7 means household waste in
sekom-2012 and renewable energy in premises in sekom-2023.  CSV and XLSX carry it as the
last column (`Uppsättning`), which `miljomal import` reads back.

Text a user supplied (comments, names) that begins with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return would be read as a formula by a spreadsheet program; such text is
prefixed with an apostrophe in CSV and XLSX.  Numbers stay numbers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from collections.abc import Mapping
from pathlib import Path
from typing import IO
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import Lang
from i18n import pick
from indicators.csv_out import NumberText
from indicators.csv_out import write_csv_rows
from indicators.messages import MESSAGES
from indicators.messages import words
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation
from indicators.output import atomic_path
from indicators.output import write_text
from indicators.safe_text import neutralise
from municipalities.models import Municipality

# Characters an XLSX file cannot hold (XML 1.0 forbids most control characters).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def export_rows(
    session: Session,
    municipality_codes: Iterable[str] | None = None,
    indicator_codes: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    set_code: str | None = None,
    indicator_ids: Iterable[int] | None = None,
) -> list[dict[str, Any]]:
    """Stored values as JSON-ready dicts, by municipality, indicator order and year.

    ``set_code`` keeps the values of one indicator set only; ``indicator_ids`` keeps the
    indicators a bare code was resolved to (:func:`indicators.meanings.code_meanings`).
    """
    query = (
        select(
            Observation.municipality_code,
            Indicator.code,
            Observation.year,
            Observation.value,
            Observation.status,
            Observation.comment,
            IndicatorSet.code,
        )
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        .order_by(
            Observation.municipality_code,
            Indicator.set_id,
            Indicator.sort_order,
            Indicator.code,
            Observation.year,
        )
    )
    if municipality_codes is not None:
        query = query.where(Observation.municipality_code.in_(sorted(set(municipality_codes))))
    if indicator_codes is not None:
        query = query.where(Indicator.code.in_(sorted(set(indicator_codes))))
    if indicator_ids is not None:
        query = query.where(Indicator.id.in_(sorted(set(indicator_ids))))
    if years is not None:
        query = query.where(Observation.year.in_(sorted(set(years))))
    if set_code is not None:
        query = query.where(IndicatorSet.code == set_code)
    return [
        {
            "municipality": municipality,
            "indicator": indicator,
            "year": year,
            "value": value,
            "status": status,
            "comment": comment,
            "set": indicator_set,
        }
        for municipality, indicator, year, value, status, comment, indicator_set in (
            session.execute(query)
        )
    ]


def municipality_names(session: Session, codes: Iterable[str]) -> dict[str, str]:
    """The names of the given municipalities, for the Kommun column."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    query = select(Municipality.code, Municipality.name).where(Municipality.code.in_(wanted))
    return dict(session.execute(query).all())


def write_csv(
    rows: list[dict[str, Any]],
    path_or_stream: str | Path | IO[str],
    lang: Lang = "sv",
    names: Mapping[str, str] | None = None,
) -> None:
    """Write rows as CSV that Excel opens right: UTF-8 with BOM; `;` and decimal comma in sv.

    English files are comma-separated with a decimal point.  ``names`` maps municipality
    codes to the names shown in the first column (empty when not given).
    """
    delimiter = pick(lang, ";", ",")
    buffer = io.StringIO()
    table = []
    for row in _table_rows(rows, lang, names):
        name, code, indicator, year, value, status, comment, indicator_set = row
        shown = "" if value is None else NumberText(_csv_number(value, lang))
        table.append([name, code, indicator, year, shown, status, comment or "", indicator_set])
    write_csv_rows(buffer, [list(words("export-columns", lang)), *table], delimiter)
    text = "\ufeff" + buffer.getvalue()
    if isinstance(path_or_stream, str | Path):
        write_text(path_or_stream, text, newline="")
    else:
        path_or_stream.write(text)


def write_xlsx(
    rows: list[dict[str, Any]],
    path: str | Path,
    lang: Lang = "sv",
    names: Mapping[str, str] | None = None,
) -> None:
    """Write rows as an Excel workbook: real numbers, frozen header row, sv or en headers.

    openpyxl's write-only mode streams the rows: time grows with the number of values
    (the normal mode kept every cell and looked up the last row after each append, which
    made 88 740 values take minutes).
    """
    from openpyxl import Workbook  # heavy: tests/test_startup_imports.py
    from openpyxl.cell import WriteOnlyCell  # heavy: tests/test_startup_imports.py
    from openpyxl.styles import Font  # heavy: tests/test_startup_imports.py

    with atomic_path(path, ".xlsx") as temporary:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(MESSAGES("export-sheet", lang))
        sheet.freeze_panes = "A2"
        for letter, width in zip("ABCDEFGH", (24, 12, 12, 8, 12, 16, 40, 14), strict=True):
            sheet.column_dimensions[letter].width = width
        bold = Font(bold=True)
        header = []
        for title in words("export-columns", lang):
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in _table_rows(rows, lang, names):
            name, code, indicator, year, value, status, comment, indicator_set = row
            line = [
                _xml_text(name),
                code,
                indicator,
                year,
                value,
                status,
                _xml_text(comment),
                indicator_set,
            ]
            sheet.append([_text_cell(sheet, item) for item in line])
        workbook.save(temporary)


def _text_cell(sheet: Any, value: Any) -> Any:
    """The value, or a text cell for a text beginning with "=" (openpyxl takes it for a formula)."""
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell  # heavy: tests/test_startup_imports.py

        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _table_rows(
    rows: list[dict[str, Any]], lang: Lang, names: Mapping[str, str] | None
) -> Iterable[tuple[Any, ...]]:
    for row in rows:
        code = row["municipality"]
        yield (
            neutralise((names or {}).get(code, "")),
            code,
            neutralise(row["indicator"]),
            row["year"],
            row["value"],
            _status(row["status"], lang),
            neutralise(row["comment"]),
            neutralise(row.get("set")),
        )


def _csv_number(value: float, lang: Lang) -> str:
    """Every digit the value has (no rounding, no thousands grouping), so Excel reads it back."""
    text = str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)
    return pick(lang, text.replace(".", ","), text)


def _xml_text(text: str | None) -> str | None:
    return _ILLEGAL_XML.sub("", text) if text else text


def _status(status: str, lang: Lang) -> str:
    """A stored status in the reader's words (`uppgift saknas`); an unknown one as stored."""
    key = f"export-status-{status}"
    return MESSAGES(key, lang) if key in MESSAGES else status
