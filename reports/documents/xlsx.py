"""Excel workbooks (openpyxl): real numbers with the indicator's decimals, frozen headers.

Text from data is neutralised against formula injection; the file is rewritten with fixed
zip time stamps and document dates (``SOURCE_DATE_EPOCH``) so identical data gives
identical bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from i18n import Lang
from indicators.numbers import excel_number_format
from indicators.output import write_bytes
from indicators.safe_text import neutralise
from reports.charts.palette import OKABE_ITO
from reports.charts.palette import RANK_FILLS
from reports.documents.common import STATUS_SYMBOLS
from reports.documents.common import Dated
from reports.documents.common import direction_text
from reports.documents.common import document_time
from reports.documents.common import is_example
from reports.documents.common import no_values_text
from reports.documents.common import provenance_text
from reports.documents.common import rank_text
from reports.documents.common import statistics_lines
from reports.documents.common import t
from reports.documents.common import turn_lines
from reports.model.completeness import Completeness
from reports.model.county import CountyComparison
from reports.model.series import IndicatorMeta
from reports.model.sources import Provenance

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
EXAMPLE_FONT = Font(bold=True, color="D55E00")
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
FILLS = {
    name: PatternFill("solid", fgColor=colour.lstrip("#")) for name, colour in RANK_FILLS.items()
}
STATUS_FILLS = {
    "reported": FILLS["green"],
    "missing": FILLS["red"],
    "absent": FILLS["yellow"],
    "not-applicable": PatternFill(fill_type=None),
}
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def put(ws: Worksheet, row: int, column: int, value: Any, **style: Any) -> Any:
    """Write one cell: strings are neutralised and always stored as text, numbers as numbers."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = neutralise(value)
        cell.data_type = "s"
    else:
        cell.value = value
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def number_format(decimals: int) -> str:
    """An Excel number format with thousands grouping and the indicator's decimals."""
    return excel_number_format(decimals)


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (at most 31 characters, no ``[]:*?/\\``)."""
    base = _SHEET_NAME_BAD.sub("-", text).strip("'")[:31] or "Blad"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def title_rows(ws: Worksheet, title: str, example: bool, lang: Lang) -> None:
    """Row 1: the title, and the example-data label next to it."""
    put(ws, 1, 1, title, font=TITLE)
    if example:
        put(ws, 2, 1, f"{t('example', lang)} – {t('example_note', lang)}", font=EXAMPLE_FONT)


def provenance_row(ws: Worksheet, row: int, provenance: Provenance | None, lang: Lang) -> None:
    """The provenance line below a table."""
    text = provenance_text(provenance, lang)
    if text:
        put(ws, row, 1, text, font=Font(italic=True, color="555555"))


def save(wb: Workbook, path: str | Path, provenance: Dated | None) -> Path:
    """Save with fixed document dates and zip time stamps (reproducible bytes)."""
    when = document_time(provenance).replace(microsecond=0)
    wb.properties.creator = "miljomal"
    wb.properties.created = when
    wb.properties.modified = when
    buffer = io.BytesIO()
    wb.save(buffer)
    data = _normalise_zip(buffer.getvalue(), when)

    return write_bytes(path, data)


def _normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite the package with every entry dated ``when`` and core.xml's dates set to it."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    zip_time = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rf"\g<1>{stamp}\2",
                    text,
                )
                content = text.encode("utf-8")
            info = zipfile.ZipInfo(item.filename, date_time=zip_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
    return out.getvalue()


def set_widths(ws: Worksheet, widths: dict[int, float]) -> None:
    """Column widths in characters, by column number (1 = A)."""
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width


# ---------------------------------------------------------------------------------------
# County report


HEADER_ROW = 4  # indicator names; units on the next row; municipalities from HEADER_ROW + 2


def county_workbook(
    comparison: CountyComparison, lang: Lang = "sv", example: bool = False
) -> Workbook:
    """The overview sheet (municipalities x indicators) and one sheet per indicator."""
    example = is_example(comparison.provenance, example)
    wb = Workbook()
    ws = wb.active
    taken: set[str] = set()
    ws.title = sheet_title(t("overview", lang), taken)
    title = t("county_title", lang, name=comparison.county_name, year=comparison.year)
    title_rows(ws, title, example, lang)
    put(ws, 3, 1, t("county_subtitle", lang, year=comparison.year))
    if not comparison.has_values:
        heading, text = no_values_text(comparison, lang)
        put(ws, HEADER_ROW, 1, heading, font=BOLD)
        put(ws, HEADER_ROW + 1, 1, text)
        provenance_row(ws, HEADER_ROW + 3, comparison.provenance, lang)
        return wb
    put(ws, HEADER_ROW, 1, t("code", lang), font=BOLD, fill=HEADER_FILL)
    put(ws, HEADER_ROW, 2, t("municipality", lang), font=BOLD, fill=HEADER_FILL)
    put(ws, HEADER_ROW + 1, 2, t("unit", lang), fill=HEADER_FILL)
    put(ws, HEADER_ROW + 1, 1, "", fill=HEADER_FILL)
    for k, ind in enumerate(comparison.indicators):
        column = 3 + k
        put(
            ws,
            HEADER_ROW,
            column,
            f"{ind.code} {ind.label(lang)}",
            font=BOLD,
            fill=HEADER_FILL,
            alignment=WRAP,
        )
        put(ws, HEADER_ROW + 1, column, ind.unit, fill=HEADER_FILL)
    row = HEADER_ROW + 2
    for m in comparison.municipalities:
        put(ws, row, 1, m.code)
        put(ws, row, 2, m.label)
        for k, ind in enumerate(comparison.indicators):
            cell = comparison.cells.get((m.code, ind.code))
            value = cell.value if cell else None
            colour = cell.colour if cell else "grey"
            content: Any = (
                value if value is not None else STATUS_SYMBOLS[cell.status if cell else "absent"]
            )
            target = put(ws, row, 3 + k, content, fill=FILLS[colour])
            if value is not None:
                target.number_format = number_format(ind.decimals)
            if cell is not None and cell.from_kolada:
                target.comment = Comment(t("source_kolada", lang), "miljomal")
            else:
                target.alignment = Alignment(horizontal="right")
        row += 1
    for key, values in (("county_average", comparison.averages), ("median", comparison.medians)):
        put(ws, row, 2, t(key, lang), font=BOLD)
        for k, ind in enumerate(comparison.indicators):
            value = values.get(ind.code)
            coverage = comparison.coverage(ind.code)
            if not coverage.enough:
                put(ws, row, 3 + k, coverage.text(lang), alignment=Alignment(horizontal="right"))
            elif value is not None:
                put(ws, row, 3 + k, value, font=BOLD, number_format=number_format(ind.decimals + 1))
        row += 1
    put(ws, row, 2, t("with_value", lang))
    for k, ind in enumerate(comparison.indicators):
        put(ws, row, 3 + k, comparison.coverage(ind.code).short(lang))
    row += 1
    kolada_key = f" {t('kolada_key', lang)}" if comparison.has_kolada_values else ""
    put(ws, row + 1, 1, f"{t('rank_key', lang)} {t('coverage_note', lang)}{kolada_key}")
    turns = [
        f"{t('recent_turns', lang, year=comparison.year)}: {line}"
        for line in turn_lines(comparison, lang)
    ]
    turns += [
        f"{t('carried_title', lang, year=comparison.year)}: {line}"
        for line in comparison.carried_lines(lang)
    ]
    turns += [
        f"{t('incomparable_title', lang)}: {line}" for line in comparison.incomparable_lines(lang)
    ]
    turns += [
        f"{t('overridden_title', lang)}: {line}" for line in comparison.overridden_lines(lang)
    ]
    for k, line in enumerate(turns):
        put(ws, row + 2 + k, 1, line)
    provenance_row(ws, row + 2 + len(turns), comparison.provenance, lang)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 2, column=3)
    ws.row_dimensions[HEADER_ROW].height = 45
    set_widths(ws, {1: 8, 2: 16, **{3 + k: 14 for k in range(len(comparison.indicators))}})
    for ind in comparison.indicators:
        indicator_sheet(
            wb.create_sheet(sheet_title(ind.code, taken)), comparison, ind, lang, example
        )
    return wb


def indicator_sheet(
    ws: Worksheet, comparison: CountyComparison, ind: IndicatorMeta, lang: Lang, example: bool
) -> None:
    """One indicator's full series for every municipality, years as columns."""
    title_rows(ws, f"{ind.code} {ind.label(lang)} ({ind.unit})", example, lang)
    put(ws, 3, 1, f"{direction_text(ind, lang)}. {t('rank_key', lang)}")
    years = list(comparison.years)
    put(ws, HEADER_ROW, 1, t("code", lang), font=BOLD, fill=HEADER_FILL)
    put(ws, HEADER_ROW, 2, t("municipality", lang), font=BOLD, fill=HEADER_FILL)
    for k, year in enumerate(years):
        put(ws, HEADER_ROW, 3 + k, year, font=BOLD, fill=HEADER_FILL)
    rank_column = 3 + len(years)
    put(
        ws,
        HEADER_ROW,
        rank_column,
        f"{t('rank', lang)} {comparison.year}",
        font=BOLD,
        fill=HEADER_FILL,
    )
    fmt = number_format(ind.decimals)
    by_code = comparison.series.get(ind.code, {})
    row = HEADER_ROW + 1
    for m in comparison.municipalities:
        put(ws, row, 1, m.code)
        put(ws, row, 2, m.label)
        series = by_code.get(m.code)
        for k, year in enumerate(years):
            value = series.value_in(year) if series else None
            if value is not None:
                put(ws, row, 3 + k, value, number_format=fmt)
            elif series is not None and year in series.statuses:
                put(
                    ws,
                    row,
                    3 + k,
                    STATUS_SYMBOLS.get(series.statuses[year], ""),
                    alignment=Alignment(horizontal="right"),
                )
        cell = comparison.cells.get((m.code, ind.code))
        rank = rank_text(cell.rank if cell else None, comparison.reported.get(ind.code, 0), lang)
        put(ws, row, rank_column, rank, fill=FILLS[cell.colour if cell else "grey"])
        row += 1
    last = row - 1
    average = comparison.county_average.get(ind.code)
    put(ws, row, 2, t("county_average", lang), font=BOLD)
    for k, year in enumerate(years):
        value = average.value_in(year) if average else None
        if value is not None:
            put(ws, row, 3 + k, value, font=BOLD, number_format=number_format(ind.decimals + 1))
    if years and last > HEADER_ROW:
        better, worse = (OKABE_ITO["bluish_green"], OKABE_ITO["vermillion"])
        low, high = (worse, better) if ind.direction == "higher" else (better, worse)
        area = f"C{HEADER_ROW + 1}:{get_column_letter(2 + len(years))}{last}"
        ws.conditional_formatting.add(
            area,
            ColorScaleRule(
                start_type="min",
                start_color=_tint(low),
                mid_type="percentile",
                mid_value=50,
                mid_color=_tint(OKABE_ITO["yellow"]),
                end_type="max",
                end_color=_tint(high),
            ),
        )
    provenance_row(ws, row + 2, comparison.provenance, lang)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    set_widths(ws, {1: 8, 2: 16, rank_column: 16, **{3 + k: 9 for k in range(len(years))}})


def _tint(colour: str) -> str:
    """A light tint of a palette colour, so black numbers stay readable on it."""
    rgb = [int(colour.lstrip("#")[k : k + 2], 16) for k in (0, 2, 4)]
    return "".join(f"{int(c + (255 - c) * 0.6):02X}" for c in rgb)


def write_county_xlsx(
    comparison: CountyComparison, path: str | Path, lang: Lang = "sv", example: bool = False
) -> Path:
    """Write the county report as an Excel workbook."""
    return save(county_workbook(comparison, lang, example), path, comparison.provenance)


# ---------------------------------------------------------------------------------------
# Completeness


def completeness_workbook(
    completeness: Completeness, lang: Lang = "sv", example: bool = False
) -> Workbook:
    """The status grid with rates, and the values still to chase."""
    example = is_example(completeness.provenance, example)
    wb = Workbook()
    ws = wb.active
    taken: set[str] = set()
    ws.title = sheet_title(t("overview", lang), taken)
    name = completeness.county_name or t("all_municipalities", lang)
    title_rows(ws, t("completeness_title", lang, year=completeness.year, name=name), example, lang)
    put(ws, 3, 1, t("status_key", lang))
    indicators = completeness.indicators
    put(ws, HEADER_ROW, 1, t("code", lang), font=BOLD, fill=HEADER_FILL)
    put(ws, HEADER_ROW, 2, t("municipality", lang), font=BOLD, fill=HEADER_FILL)
    for k, ind in enumerate(indicators):
        put(ws, HEADER_ROW, 3 + k, ind.code, font=BOLD, fill=HEADER_FILL)
    rate_column = 3 + len(indicators)
    put(ws, HEADER_ROW, rate_column, t("rate", lang), font=BOLD, fill=HEADER_FILL)
    row = HEADER_ROW + 1
    for m in completeness.municipalities:
        put(ws, row, 1, m.code)
        put(ws, row, 2, m.label)
        for k, ind in enumerate(indicators):
            status = completeness.cells.get((m.code, ind.code), "absent")
            put(ws, row, 3 + k, t(status, lang), fill=STATUS_FILLS[status])
        _rate(ws, row, rate_column, completeness.rate_by_municipality.get(m.code))
        row += 1
    put(ws, row, 2, t("rate", lang), font=BOLD)
    for k, ind in enumerate(indicators):
        _rate(ws, row, 3 + k, completeness.rate_by_indicator.get(ind.code), bold=True)
    _rate(ws, row, rate_column, completeness.rate, bold=True)
    statistics = statistics_lines(completeness, lang)
    for k, line in enumerate(statistics):
        put(ws, row + 2 + k, 1, line)
    provenance_row(ws, row + 2 + len(statistics), completeness.provenance, lang)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    set_widths(ws, {1: 8, 2: 16, rate_column: 16, **{3 + k: 13 for k in range(len(indicators))}})

    chase = wb.create_sheet(sheet_title(t("to_chase", lang), taken))
    names = {m.code: m.label for m in completeness.municipalities}
    labels = {i.code: i.label(lang) for i in indicators}
    headers = ("code", "municipality", "indicator", "status")
    for k, key in enumerate(headers):
        put(chase, 1, 1 + k, t(key, lang), font=BOLD, fill=HEADER_FILL)
    silent = completeness.nothing_sent()
    n = 1
    for m_code in silent:
        n += 1
        put(chase, n, 1, m_code)
        put(chase, n, 2, names.get(m_code, m_code))
        put(chase, n, 3, t("all_indicators", lang))
        put(chase, n, 4, t("nothing_sent", lang, year=completeness.year))
    for m_code, i_code in completeness.to_chase:
        if m_code in silent:
            continue
        n += 1
        status = completeness.cells.get((m_code, i_code), "absent")
        put(chase, n, 1, m_code)
        put(chase, n, 2, names.get(m_code, m_code))
        put(chase, n, 3, f"{i_code} {labels.get(i_code, '')}")
        put(chase, n, 4, t(status, lang))
    chase.freeze_panes = "A2"
    set_widths(chase, {1: 8, 2: 16, 3: 45, 4: 16})
    if completeness.kolada_differences:
        _kolada_sheet(
            wb.create_sheet(sheet_title(t("differs_from_kolada", lang), taken)), completeness, lang
        )
    return wb


def _kolada_sheet(ws: Worksheet, completeness: Completeness, lang: Lang) -> None:
    """Official values that differ from Kolada's: both values as numbers, and the KPI."""
    names = {m.code: m.label for m in completeness.municipalities}
    labels = {i.code: i.label(lang) for i in completeness.indicators}
    headers = ("code", "municipality", "indicator", "official_value", "kolada_value", "kpi")
    for k, key in enumerate(headers):
        put(ws, 1, 1 + k, t(key, lang), font=BOLD, fill=HEADER_FILL)
    for n, note in enumerate(completeness.kolada_differences, start=2):
        put(ws, n, 1, note.municipality_code)
        put(ws, n, 2, names.get(note.municipality_code, note.municipality_code))
        put(ws, n, 3, f"{note.indicator_code} {labels.get(note.indicator_code, '')}")
        put(ws, n, 4, note.value)
        put(ws, n, 5, note.kolada_value)
        put(ws, n, 6, note.kpi)
    ws.freeze_panes = "A2"
    set_widths(ws, {1: 8, 2: 16, 3: 45, 4: 16, 5: 16, 6: 10})


def _rate(ws: Worksheet, row: int, column: int, rate: float | None, bold: bool = False) -> None:
    if rate is None:
        put(ws, row, column, "–")
        return
    put(ws, row, column, rate, number_format="0%", font=Font(bold=bold))


def write_completeness_xlsx(
    completeness: Completeness, path: str | Path, lang: Lang = "sv", example: bool = False
) -> Path:
    """Write the completeness report as an Excel workbook."""
    return save(completeness_workbook(completeness, lang, example), path, completeness.provenance)
