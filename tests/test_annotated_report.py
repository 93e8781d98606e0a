"""The annotated copy sent back to the official: problem cells marked, every problem listed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from problem_samples import error
from problem_samples import warning

from database.engine import session_scope
from indicators.problems import ProblemReport
from intake.annotate import AnnotateError
from intake.annotate import write_annotated_copy
from intake.template import write_template

RED = "00FFC7CE"
YELLOW = "00FFEB9C"


def _load(path: Path):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    return load_workbook(path)


def _fill(cell) -> str | None:  # type: ignore[no-untyped-def]
    return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None


@pytest.fixture
def long_table(tmp_path: Path) -> Path:
    """A small long-format workbook as an official might send it, with a title row."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(["Miljömålsindikatorer Sundsvall"])
    sheet.append(["Kommun", "Indikator", "År", "Värde"])
    sheet.append(["2281", "GN.6", 2024, 5.8])
    sheet.append(["2281", "GN.99", 2024, 3])
    sheet.append(["2281", "GN.3", 2024, 120])
    sheet["D5"].comment = None
    workbook.create_sheet("Anteckningar")["A1"] = "Källa: RUS"
    path = tmp_path / "sundsvall.xlsx"
    workbook.save(path)
    return path


def _problems(file: str) -> ProblemReport:
    report = ProblemReport(file=file)
    error(
        report,
        "unknown-indicator",
        "Okänd indikator 'GN.99' (menade du GN.9?).",
        "Unknown indicator 'GN.99' (did you mean GN.9?).",
        sheet="Data",
        row=4,
        column=2,
    )
    error(
        report,
        "value-out-of-range",
        "Värdet 120 ligger utanför det giltiga intervallet 0–100 för GN.3.",
        "The value 120 is outside the valid range 0-100 of GN.3.",
        sheet="Data",
        row=5,
        column=4,
    )
    warning(
        report,
        "large-change",
        "Värdet 120 är mer än 50 % högre än förra årets 40.",
        "The value 120 is more than 50 % above last year's 40.",
        sheet="Data",
        row=5,
        column=4,
    )
    warning(
        report,
        "ignored-sheet",
        "Bladet 'Anteckningar' har ingen tabell och lästes inte.",
        "The sheet 'Anteckningar' holds no table and was not read.",
        sheet="Anteckningar",
    )
    warning(
        report,
        "ignored-row",
        "Rad 1 är en rubrik och lästes inte.",
        "Row 1 is a title and was not read.",
        sheet="Data",
        row=1,
    )
    return report


def test_problem_cells_are_marked_with_comments(long_table: Path, tmp_path: Path):
    out = write_annotated_copy(long_table, _problems(long_table.name), tmp_path / "granskad.xlsx")
    assert out == tmp_path / "granskad.xlsx"
    workbook = _load(out)
    assert workbook.sheetnames == ["Granskning", "Data", "Anteckningar"]
    assert workbook.active.title == "Granskning"
    data = workbook["Data"]
    assert _fill(data["B4"]) == RED
    assert data["B4"].comment.text == (
        "Fel [unknown-indicator]: Okänd indikator 'GN.99' (menade du GN.9?)."
    )
    # Two problems on one cell: both messages, the error's colour.
    assert _fill(data["D5"]) == RED
    assert data["D5"].comment.text.splitlines() == [
        "Fel [value-out-of-range]: Värdet 120 ligger utanför det giltiga intervallet 0–100 "
        "för GN.3.",
        "Varning [large-change]: Värdet 120 är mer än 50 % högre än förra årets 40.",
    ]
    # A row-only problem colours the row and comments its first cell.
    assert [_fill(data.cell(row=1, column=c)) for c in range(1, 5)] == [YELLOW] * 4
    assert data["A1"].comment.text.startswith("Varning [ignored-row]")
    assert data["B1"].comment is None
    # Untouched cells stay untouched, and the values are the same.
    assert _fill(data["A3"]) is None and data["A3"].comment is None
    assert [c.value for c in data[5]] == ["2281", "GN.3", 2024, 120]


def test_review_sheet_lists_every_problem(long_table: Path, tmp_path: Path):
    out = write_annotated_copy(long_table, _problems(long_table.name), tmp_path / "granskad.xlsx")
    review = _load(out)["Granskning"]
    assert review["A1"].value == "Granskning av sundsvall.xlsx"
    assert review["A2"].value == "2 fel och 3 varningar."
    rows = [tuple(c.value for c in row) for row in review.iter_rows(min_row=5, max_col=3)]
    assert rows == [
        ("Allvarlighet", "Kod", "Cell"),
        ("fel", "unknown-indicator", "Data!B4"),
        ("fel", "value-out-of-range", "Data!D5"),
        ("varning", "large-change", "Data!D5"),
        ("varning", "ignored-sheet", "Anteckningar"),
        ("varning", "ignored-row", "Data, rad 1"),
    ]
    assert review["D6"].value == "Okänd indikator 'GN.99' (menade du GN.9?)."
    assert review["C6"].hyperlink.location == "'Data'!B4"


def test_english_review(long_table: Path, tmp_path: Path):
    out = write_annotated_copy(
        long_table, _problems(long_table.name).problems, tmp_path / "review.xlsx", lang="en"
    )
    workbook = _load(out)
    assert workbook.sheetnames[0] == "Review"
    assert workbook["Review"]["A6"].value == "error"
    assert workbook["Data"]["B4"].comment.text.startswith("Error [unknown-indicator]: Unknown")


def test_filled_template_keeps_its_metadata(store, tmp_path: Path):  # type: ignore[no-untyped-def]
    with session_scope(store) as session:
        template = write_template(session, "2281", 2025, tmp_path / "mall.xlsx")
    workbook = _load(template)
    workbook["Värden"]["I11"] = 250
    workbook.save(template)
    report = ProblemReport(file="mall.xlsx")
    error(report, "value-out-of-range", "För stort.", "Too large.", cell="Värden!I11")
    error(report, "unknown-municipality", "Okänd kommun.", "Unknown municipality.")
    out = write_annotated_copy(template, report, tmp_path / "mall-granskad.xlsx")
    annotated = _load(out)
    assert annotated.sheetnames == ["Granskning", "Instruktioner", "Värden", "miljomal"]
    assert annotated["miljomal"].sheet_state == "hidden"
    assert _fill(annotated["Värden"]["I11"]) == RED
    assert annotated["Värden"]["I11"].value == 250
    assert annotated["Värden"]["I11"].comment.text == "Fel [value-out-of-range]: För stort."
    # A problem without a place is listed, not marked.
    assert annotated["Granskning"]["B7"].value == "unknown-municipality"
    assert annotated["Granskning"]["C7"].value == "hela filen"
    # Annotating the annotated copy again replaces the review, it does not add a second one.
    again = write_annotated_copy(out, report, tmp_path / "igen.xlsx")
    assert _load(again).sheetnames == ["Granskning", "Instruktioner", "Värden", "miljomal"]


def test_csv_becomes_an_xlsx_with_line_n_on_row_n(tmp_path: Path):
    source = tmp_path / "sundsvall.csv"
    source.write_bytes(
        "Kommun;Indikator;År;Värde\r\n"
        '2281;GN.6;2024;"1 234,5"\r\n'
        "2281;GN.99;2024;=1+1\r\n"
        "\r\n"
        "2281;GN.7;2024;abc\r\n".encode("cp1252")
    )
    report = ProblemReport(file=source.name)
    error(report, "unknown-indicator", "Okänd indikator.", "Unknown.", row=3, column="Indikator")
    error(report, "not-a-number", "'abc' är inget tal.", "Not a number.", row=5, column="värde")
    warning(report, "ignored-row", "Tom rad.", "Empty row.", row=4)
    out = write_annotated_copy(source, report, tmp_path / "sundsvall-granskad.xlsx")
    workbook = _load(out)
    assert workbook.sheetnames == ["Granskning", "sundsvall"]
    data = workbook["sundsvall"]
    assert [c.value for c in data[1]] == ["Kommun", "Indikator", "År", "Värde"]
    assert [c.value for c in data[2]] == ["2281", "GN.6", "2024", "1 234,5"]
    # Text that looks like a formula stays text: nothing in a CSV ever runs.
    assert data["D3"].value == "=1+1" and data["D3"].data_type == "s"
    assert _fill(data["B3"]) == RED and data["B3"].comment.text.startswith("Fel [unknown")
    assert _fill(data["D5"]) == RED and "'abc' är inget tal." in data["D5"].comment.text
    assert _fill(data["A4"]) == YELLOW
    review = workbook["Granskning"]
    assert [review.cell(row=r, column=3).value for r in (6, 7, 8)] == [
        "rad 3, kolumn Indikator",
        "rad 5, kolumn värde",
        "rad 4",
    ]


def test_ods_source_becomes_an_xlsx(tmp_path: Path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table
    from odf.table import TableCell
    from odf.table import TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Värden")
    for values in (["Kod", "Värde"], ["GN.6", "5,8"], ["GN.3", "x"]):
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    source = tmp_path / "värden.ods"
    document.save(str(source))

    report = ProblemReport(file=source.name)
    error(
        report,
        "not-a-number",
        "'x' är inget tal.",
        "Not a number.",
        sheet="Värden",
        row=3,
        column=2,
    )
    out = write_annotated_copy(source, report, tmp_path / "granskad.xlsx")
    workbook = _load(out)
    assert workbook.sheetnames == ["Granskning", "Värden"]
    assert workbook["Värden"]["A2"].value == "GN.6"
    assert _fill(workbook["Värden"]["B3"]) == RED


def test_macros_are_dropped_from_an_xlsm(long_table: Path, tmp_path: Path):
    source = tmp_path / "med-makro.xlsm"
    with zipfile.ZipFile(long_table) as original, zipfile.ZipFile(source, "w") as xlsm:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.'
                    b'vbaProject"/></Types>',
                )
            xlsm.writestr(info, data)
        xlsm.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0not really a macro")
    out = write_annotated_copy(source, _problems(source.name), tmp_path / "granskad.xlsx")
    with zipfile.ZipFile(out) as annotated:
        assert not [n for n in annotated.namelist() if "vba" in n.lower()]
        assert b"macroEnabled" not in annotated.read("[Content_Types].xml")
    assert _fill(_load(out)["Data"]["B4"]) == RED


def test_unsupported_source_is_refused(tmp_path: Path):
    source = tmp_path / "gammal.xls"
    source.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(AnnotateError, match=r"gammal\.xls"):
        write_annotated_copy(source, ProblemReport(), tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
