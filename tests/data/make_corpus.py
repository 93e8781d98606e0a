"""Write the corpus of small files that look like what municipal officials really send.

Run ``python tests/data/make_corpus.py`` from the repository root; the output is
deterministic (fixed zip timestamps and document properties), so the files are committed
and a re-run changes nothing.  Each file exercises one way real files differ from a clean
table; tests/test_read_layouts.py and tests/test_read_formats.py say what each must give.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
FIXED = (2024, 1, 1, 0, 0, 0)
NBSP, THIN, MINUS = "\u00a0", "\u2009", "\u2212"
TEMPLATE_TITLE = "Miljömålsindikatorer – Sundsvalls kommun (2281) – rapportår 2025"
YEARS = [2020, 2021, 2022, 2023, 2024]


# --- writing zips deterministically ----------------------------------------------------------


def _rezip(data: bytes, path: Path, edit: Callable[[str, bytes], bytes] | None = None) -> None:
    """Rewrite a zip with fixed timestamps, applying ``edit`` to each member's bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if edit:
                content = edit(info.filename, content)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED)
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    path.write_bytes(out.getvalue())


def _fixed_properties(name: str, content: bytes) -> bytes:
    if name == "docProps/core.xml":
        content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-01-01T00:00:00Z", content)
    return content


def save(workbook: Any, name: str, edit: Callable[[str, bytes], bytes] | None = None) -> None:
    """Save an openpyxl workbook under tests/data with fixed timestamps."""
    workbook.properties.creator = "Miljöenheten"
    workbook.properties.created = dt.datetime(2024, 1, 1)
    workbook.properties.modified = dt.datetime(2024, 1, 1)
    buffer = io.BytesIO()
    workbook.save(buffer)

    def both(member: str, content: bytes) -> bytes:
        content = _fixed_properties(member, content)
        return edit(member, content) if edit else content

    _rezip(buffer.getvalue(), HERE / name, both)


def cache_formulas(values: dict[str, str], sheet: int = 1) -> Callable[[str, bytes], bytes]:
    """An edit giving formula cells their cached result, as Excel saves them.

    openpyxl writes a formula with an empty ``<v />``; Excel writes the calculated value.
    ``values`` maps a cell reference of the ``sheet``-th sheet to its cached value.
    """

    def edit(member: str, content: bytes) -> bytes:
        if member != f"xl/worksheets/sheet{sheet}.xml":
            return content
        for ref, value in values.items():
            pattern = re.compile(rb'(<c r="' + ref.encode() + rb'"[^>]*>)(<f>[^<]*</f>)<v\s*/>')
            content, count = pattern.subn(rb"\1\2<v>" + value.encode() + b"</v>", content)
            assert count == 1, ref
        return content

    return edit


def new_workbook(title: str) -> tuple[Any, Any]:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    return workbook, sheet


def put(sheet: Any, first_row: int, rows: list[list[Any]]) -> None:
    """Write rows from ``first_row``; None leaves a cell empty."""
    for offset, cells in enumerate(rows):
        for column, value in enumerate(cells, start=1):
            if value is not None:
                sheet.cell(row=first_row + offset, column=column, value=value)


# --- the template ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateWords:
    """The words of a template workbook in one language."""

    lang: str
    instructions_sheet: str
    instructions: str
    data_sheet: str
    title: str
    header: list[Any]


SWEDISH = TemplateWords(
    "sv",
    "Instruktioner",
    "Fyll i värdena på bladet Värden.",
    "Värden",
    TEMPLATE_TITLE,
    ["Kod", "Indikator", "Enhet", *YEARS, "Värde 2025", "Status", "Kommentar"],
)
ENGLISH = TemplateWords(
    "en",
    "Instructions",
    "Fill in the Values sheet.",
    "Values",
    TEMPLATE_TITLE.replace("rapportår", "reporting year"),
    ["Code", "Indicator", "Unit", *YEARS, "Value 2025", "Status", "Comment"],
)


def template(
    words: TemplateWords,
    rows: list[list[Any]],
    *,
    metadata: bool = True,
    municipality: str = "2281",
) -> tuple[Any, Any]:
    """A template workbook written to the contract of intake/template.py."""
    workbook, instructions = new_workbook(words.instructions_sheet)
    instructions["A1"] = words.instructions
    data = workbook.create_sheet(words.data_sheet)
    data["A1"] = words.title
    data["A2"] = "Indikatoruppsättning: sekom-2012 · mallversion 1"
    data["A3"] = "Skriv värdet för 2025 i den gula kolumnen."
    put(data, 4, [words.header, *rows])
    if metadata:
        meta = workbook.create_sheet("miljomal")
        keys = {
            "municipality": municipality,
            "year": 2025,
            "indicator_set": "sekom-2012",
            "lang": words.lang,
            "data_sheet": data.title,
            "header_row": 4,
            "first_data_row": 5,
            "code_column": "A",
            "value_column": "I",
            "status_column": "J",
            "comment_column": "K",
        }
        put(meta, 1, [["miljomal-template", "1"], *[[k, v] for k, v in keys.items()]])
        meta.sheet_state = "hidden"
    return workbook, data


def make_templates() -> None:
    workbook, _ = template(
        SWEDISH,
        [
            [
                "GN.2",
                "Resor med kollektivtrafik",
                "resor/inv",
                80,
                82,
                85,
                88,
                90,
                123.4,
                "rapporterat",
                None,
            ],
            ["GN.6", "Skyddad natur", "%", 4.1, 4.1, 4.2, 4.3, 4.3, "12,5", None, "Ny mätmetod"],
            [
                "GN.7",
                "Mängd hushållsavfall",
                "kg/inv",
                450,
                440,
                430,
                "..",
                425,
                None,
                ".. uppgift saknas",
                None,
            ],
            [
                "GN.11",
                "Ekologiska livsmedel",
                "%",
                30,
                31,
                33,
                35,
                36,
                None,
                ". ej tillämpligt",
                None,
            ],
            [None] * 8 + [17],
        ],
    )
    save(workbook, "template_sv.xlsx")

    workbook, data = template(
        ENGLISH,
        [
            ["GN.6", "Protected nature", "%", 4.1, 4.1, 4.2, 4.3, 4.3, 0.125, "reported", None],
            [
                "GN.7",
                "Household waste",
                "kg/inv",
                450,
                440,
                430,
                430,
                425,
                f"1{NBSP}234,5",
                "reported",
                "Includes bulky waste",
            ],
            ["GN.11", "Organic food", "%", 30, 31, 33, 35, 36, None, ".. missing", None],
        ],
        municipality="2284",
    )
    data["I5"].number_format = "0.0%"
    save(workbook, "template_en.xlsx")

    workbook, _ = template(
        SWEDISH,
        [
            [
                "GN.2",
                "Resor med kollektivtrafik",
                "resor/inv",
                80,
                82,
                85,
                88,
                90,
                91,
                "rapporterat",
                None,
            ],
            ["GN.6", "Skyddad natur", "%", 4.1, 4.1, 4.2, 4.3, 4.3, None, None, None],
        ],
        metadata=False,
    )
    save(workbook, "template_lost_metadata.xlsx")

    workbook, data = template(
        SWEDISH,
        [
            [
                "GN.2",
                "Resor med kollektivtrafik",
                "resor/inv",
                80,
                82,
                85,
                88,
                90,
                "=H5*1.1",
                None,
                None,
            ],
            ["GN.6", "Skyddad natur", "%", 4.1, 4.1, 4.2, 4.3, 4.3, "=H6+0.2", None, None],
        ],
    )
    save(workbook, "template_formula_uncached.xlsx", cache_formulas({"I5": "99"}, sheet=2))


# --- long tables -----------------------------------------------------------------------------

LONG_HEADER = ["Kommunkod", "Kommun", "Indikator", "År", "Värde", "Status", "Kommentar"]


def make_long() -> None:
    workbook, sheet = new_workbook("Data")
    put(
        sheet,
        1,
        [
            LONG_HEADER,
            ["2281", "Sundsvall", "GN.2", 2022, 85.5, None, None],
            ["2281", "Sundsvall", "GN.2", 2023, 88, None, "Preliminärt"],
            ["2284", "Örnsköldsvik", "GN.6", 2023, 7.25, None, None],
            ["2262", "Timrå", "GN.6", 2023, None, "..", None],
        ],
    )
    save(workbook, "long_basic.xlsx")

    workbook, sheet = new_workbook("Nyckeltal")
    put(
        sheet,
        1,
        [
            ["Miljönyckeltal 2019–2023"],
            ["Sammanställt av miljöenheten, Västernorrland"],
            ["Uppdaterad 2024-02-01"],
            ["Kommun", None, "Indikator", "År", "Värde"],
            ["2281", "Sundsvall", "GN.7", 2022, 430],
            ["2281", "Sundsvall", "GN.7", 2023, 425],
        ],
    )
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("A4:B4")
    sheet.merge_cells("E4:F4")
    save(workbook, "long_titles_merged.xlsx")

    workbook, sheet = new_workbook("Blad1")
    put(
        sheet,
        1,
        [
            ["Kommun", "Indikator", "År", "Värde"],
            ["Sundsvall", "Skyddad natur", 2023, 4.3],
            ["Örnsköldsviks kommun", "Skyddad natur", 2023, 6.1],
            ["Härnösands kommun", "GN.6", "2023", 5],
        ],
    )
    save(workbook, "long_names.xlsx")

    workbook, sheet = new_workbook("Data")
    put(
        sheet,
        1,
        [
            ["Kommunkod", "Indikator", "År", "Värde"],
            ["2281", "GN.7", "2023", f"1{NBSP}234,5"],
            ["2281", "GN.7", "2022", f"1{THIN}234,5"],
            ["2281", "GN.1a", "2023", f"{MINUS}3,5"],
            ["2281", "GN.6", "2023", "12,5 %"],
            ["2281", "GN.2", "2023", "42"],
            ["2281", "GN.2", "2022", ".."],
            ["2281", "GN.11", "2023", "."],
            ["2281", "GN.8a", "2023", "-"],
        ],
    )
    save(workbook, "long_text_numbers.xlsx")

    workbook, sheet = new_workbook("Data")
    put(
        sheet,
        1,
        [
            ["Kommunkod", "Indikator", "År", "Värde"],
            ["2281", "GN.6", 2023, 0.125],
            ["2281", "GN.11", 2023, 0.3],
            ["2281", "GN.7", 2023, 425],
        ],
    )
    sheet["D2"].number_format = "0.0%"
    sheet["D3"].number_format = "0%"
    sheet["D4"].number_format = "#,##0"
    save(workbook, "long_percent.xlsx")

    workbook, sheet = new_workbook("Data")
    put(
        sheet,
        1,
        [
            ["Kommunkod", "Indikator", "År", "Värde", "Underlag"],
            ["2281", "GN.7", 2023, "=E2/1000", 425000],
            ["2281", "GN.2", 2023, "=ROUND(E3/98000,1)", 8820000],
        ],
    )
    save(workbook, "long_formulas_cached.xlsx", cache_formulas({"D2": "425", "D3": "90"}))

    workbook, sheet = new_workbook("Data")
    put(
        sheet,
        1,
        [
            ["Kommunkod", "Indikator", "År", "Värde"],
            ["2281", "GN.7", 2023, "=SUM(430,-5)"],
            ["2281", "GN.2", 2023, 90],
        ],
    )
    save(workbook, "long_formula_uncached.xlsx")

    workbook, sheet = new_workbook("Data")
    put(
        sheet,
        1,
        [
            LONG_HEADER[:5],
            ["2281", "Sundsvall", "GN.6", 2023, 4.3],
            ["2284", "Örnsköldsvik", "GN.6", 2023, 6.1],
            [],
            ["Källa: SCB och Naturvårdsverket"],
            ["Anm: 2023 års värden är preliminära."],
        ],
    )
    save(workbook, "long_notes_below.xlsx")

    workbook, sheet = new_workbook("Data")
    put(sheet, 1, [LONG_HEADER[:5], ["2281", "Sundsvall", "GN.6", 2023, 4.3]])
    notes = workbook.create_sheet("Diagramunderlag")
    put(notes, 1, [["Diagram över skyddad natur"], ["Se bladet Data"]])
    workbook.create_sheet("Blad2")
    wide = workbook.create_sheet("Per år")
    put(wide, 1, [["Kod", 2022, 2023], ["GN.6", 4.2, 4.3]])
    save(workbook, "long_extra_sheets.xlsx")

    workbook, sheet = new_workbook("Data")
    put(sheet, 1, [LONG_HEADER[:5], ["2281", "Sundsvall", "GN.6", 2023, 4.3]])
    old = workbook.create_sheet("Gamla värden")
    put(old, 1, [LONG_HEADER[:5], ["2281", "Sundsvall", "GN.6", 2015, 3.1]])
    old.sheet_state = "hidden"
    save(workbook, "long_hidden_sheet.xlsx")

    workbook, sheet = new_workbook("Export")
    put(
        sheet,
        1,
        [
            ["  MUNICIPALITY   code ", "indicator", " YEAR ", "Value  ", "COMMENT", "Responsible"],
            [2281, "GN.2", 2023, 90, "ok", "Anna"],
            [2284, "GN.2", 2023, 77.5, None, "Per"],
        ],
    )
    save(workbook, "long_english_odd_header.xlsx")

    workbook, sheet = new_workbook("Värden")
    put(
        sheet,
        1,
        [
            ["Kommun: Sundsvall"],
            [],
            ["Indikator", "År", "Värde", "Kommentar"],
            ["GN.2", 2022, 85, None],
            ["GN.2", 2023, 90, "Ny linje"],
        ],
    )
    save(workbook, "long_municipality_title.xlsx")

    workbook, sheet = new_workbook("Data")
    put(sheet, 1, [LONG_HEADER[:5], ["2281", "Sundsvall", "GN.2", 2023, 90]])
    save(workbook, "long_macro.xlsm", _macro_enabled)


def _macro_enabled(member: str, content: bytes) -> bytes:
    """Mark the package as macro-enabled, as Excel saves an .xlsm (the macros never run)."""
    if member == "[Content_Types].xml":
        content = content.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
    return content


# --- a file as LibreOffice or another program writes it --------------------------------------


def write_raw_xlsx(name: str, rows: list[list[Any]], percent_cells: set[str]) -> None:
    """An xlsx written without openpyxl: prefixed XML, inline strings, no shared strings."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    cells_xml = []
    for r, cells in enumerate(rows, start=1):
        parts = []
        for c, value in enumerate(cells, start=1):
            if value is None:
                continue
            ref = f"{chr(64 + c)}{r}"
            style = ' s="1"' if ref in percent_cells else ""
            if isinstance(value, str):
                parts.append(
                    f'<x:c r="{ref}"{style} t="inlineStr"><x:is><x:t>{escape(value)}</x:t>'
                    "</x:is></x:c>"
                )
            else:
                parts.append(f'<x:c r="{ref}"{style}><x:v>{value}</x:v></x:c>')
        cells_xml.append(f'<x:row r="{r}">{"".join(parts)}</x:row>')
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{ns}">'
        f"<x:sheetData>{''.join(cells_xml)}</x:sheetData></x:worksheet>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="{ns}">'
        '<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="0.0&quot; &quot;%"/>'
        '</x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164" '
        'applyNumberFormat="1"/></x:cellXfs></x:styleSheet>'
    )
    members = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicati'
            'on/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Conten'
            'tType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="appli'
            'cation/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override'
            ' PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml"'
            ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+'
            'xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxm'
            'lformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sch'
            'emas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target'
            '="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="{ns}" xmlns:r="{rel}">'
            '<x:sheets><x:sheet name="Tabell1" sheetId="1" r:id="rId1"/></x:sheets>'
            "</x:workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxm'
            'lformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sch'
            'emas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/'
            'worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlforma'
            'ts.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": styles,
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, text in members.items():
            archive.writestr(member, text.encode("utf-8"))
    _rezip(buffer.getvalue(), HERE / name)


def make_other_writers() -> None:
    write_raw_xlsx(
        "long_libreoffice.xlsx",
        [
            ["Kommun", "Indikator", "År", "Värde"],
            ["2281", "GN.6", 2023, 0.043],
            ["2281", "GN.7", 2023, 425],
        ],
        {"D2"},
    )
    make_ods()


def make_ods() -> None:
    from odf.number import Number
    from odf.number import PercentageStyle
    from odf.number import Text
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style
    from odf.table import Table
    from odf.table import TableCell
    from odf.table import TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    percent_style = PercentageStyle(name="N10")
    percent_style.addElement(Number(decimalplaces="1", minintegerdigits="1"))
    percent_style.addElement(Text(text="%"))
    document.automaticstyles.addElement(percent_style)
    percent_cell = Style(name="ce1", family="table-cell", datastylename="N10")
    document.automaticstyles.addElement(percent_cell)
    table = Table(name="Värden")
    rows: list[list[Any]] = [
        ["Kommunkod", "Indikator", "År", "Värde"],
        ["2281", "GN.6", 2023, ("percentage", 0.125)],
        ["2281", "GN.7", 2023, 425.5],
        ["2281", "GN.2", 2023, "1 234,5"],
    ]
    for cells in rows:
        row = TableRow()
        for value in cells:
            if isinstance(value, tuple):
                cell = TableCell(valuetype="percentage", value=value[1], stylename=percent_cell)
                cell.addElement(P(text="12,5 %"))
            elif isinstance(value, str):
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
            else:
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)

    def fixed_meta(member: str, content: bytes) -> bytes:
        if member == "meta.xml":
            content = re.sub(rb"\d{4}-\d\d-\d\dT[\d:.]+", b"2024-01-01T00:00:00", content)
        return content

    _rezip(buffer.getvalue(), HERE / "long.ods", fixed_meta)


# --- wide tables -----------------------------------------------------------------------------


def make_wide() -> None:
    workbook, sheet = new_workbook("Nyckeltal")
    put(
        sheet,
        1,
        [
            ["Sundsvalls kommun – miljönyckeltal"],
            ["Kod", "Indikator", "Enhet", 2019, "2020", 2021.0, "År 2022", "Kommentar"],
            ["GN.2", "Resor med kollektivtrafik", "resor/inv", 80, 82, None, 88, None],
            ["GN.6", "Skyddad natur", "%", 4.1, "4,1", 4.2, "..", "Nytt reservat 2022"],
        ],
    )
    save(workbook, "wide_indicators.xlsx")

    workbook, sheet = new_workbook("Timrå")
    put(
        sheet,
        1,
        [
            ["Kommun: Timrå"],
            [],
            ["Kod", "Indikator", "År", None, None],
            [None, None, 2021, 2022, 2023],
            ["GN.7", "Mängd hushållsavfall", 455, 449, 440],
            ["GN.11", "Ekologiska livsmedel", 28, None, 31],
        ],
    )
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    sheet.merge_cells("C3:E3")
    save(workbook, "wide_indicators_two_row_header.xlsx")

    workbook, sheet = new_workbook("Alla")
    put(
        sheet,
        1,
        [
            ["Kommun", "Indikator", 2022, 2023],
            ["Sundsvall", "GN.6", 4.3, 4.4],
            ["Timrå", "GN.6", 2.0, "-"],
        ],
    )
    save(workbook, "wide_indicators_kommun_column.xlsx")

    workbook, sheet = new_workbook("Blad1")
    put(
        sheet,
        1,
        [
            ["GN.6 Skyddad natur (%)"],
            ["Kommun", 2021, 2022, 2023],
            ["Sundsvall", 4.2, 4.3, 4.4],
            ["Örnsköldsviks kommun", 6.0, None, 6.1],
            [],
            ["Källa: Naturvårdsverket"],
        ],
    )
    save(workbook, "wide_municipalities.xlsx")

    workbook, first = new_workbook("GN.6")
    put(first, 1, [["Kommunkod", 2022, 2023], ["2281", 4.3, 4.4]])
    second = workbook.create_sheet("GN.7")
    put(second, 1, [["Kommunkod", 2022, 2023], ["2281", 430, 425]])
    save(workbook, "wide_municipalities_sheets.xlsx")

    workbook, sheet = new_workbook("Anteckningar")
    put(sheet, 1, [["Vi återkommer med siffrorna"], ["Hälsningar", "Miljöenheten"]])
    save(workbook, "no_table.xlsx")


# --- text files ------------------------------------------------------------------------------


def write_text(name: str, text: str, encoding: str, bom: bytes = b"") -> None:
    (HERE / name).write_bytes(bom + text.encode(encoding))


def make_text() -> None:
    write_text(
        "sv_semikolon_cp1252.csv",
        "Kommunkod;Kommun;Indikator;År;Värde\r\n"
        "2281;Sundsvall;GN.6;2023;4,3\r\n"
        "2284;Örnsköldsvik;GN.6;2023;6,1\r\n"
        "2262;Timrå;GN.6;2023;..\r\n",
        "cp1252",
    )
    write_text(
        "sv_semikolon_utf8_bom.csv",
        "Kommun;Indikator;År;Värde;Kommentar\r\n"
        "Sundsvall;GN.7;2023;1 234,5;\r\n"
        f"Härnösand;GN.7;2023;{MINUS}2,5;Rättat värde\r\n",
        "utf-8",
        codecs.BOM_UTF8,
    )
    write_text(
        "en_comma.csv",
        "Municipality code,Indicator,Year,Value,Comment\n"
        '2281,GN.2,2023,90.5,"Includes trains, buses"\n'
        "2281,GN.2,2022,88,\n",
        "utf-8",
    )
    write_text(
        "unicode_text_utf16le.txt",
        "Kommun\tIndikator\tÅr\tVärde\r\nSundsvall\tGN.6\t2023\t4,3\r\nTimrå\tGN.6\t2023\t\r\n",
        "utf-16-le",
        codecs.BOM_UTF16_LE,
    )
    write_text(
        "unicode_text_utf16be.txt",
        "Kod\tIndikator\t2022\t2023\r\nGN.6\tSkyddad natur\t4,2\t4,3\r\n",
        "utf-16-be",
        codecs.BOM_UTF16_BE,
    )
    write_text(
        "title_rows.csv",
        "Miljönyckeltal;;;\n"
        "Sundsvalls kommun;;;\n"
        "Export 2024-02-01;;;\n"
        "Indikator;År;Värde;Kommentar\n"
        'GN.7;2023;425;"Två rader\nkommentar"\n'
        "GN.2;2023;90;\n"
        ";;;\n"
        "Källa: SCB;;;\n",
        "utf-8",
    )
    (HERE / "undecodable.csv").write_bytes(b"Kommun;V\x81rde\r\nSundsvall;4\x8d3\r\n")


def main() -> None:
    """Write every corpus file."""
    make_templates()
    make_long()
    make_other_writers()
    make_wide()
    make_text()


if __name__ == "__main__":
    main()
