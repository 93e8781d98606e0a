"""Reading files of every accepted format: encodings, delimiters, sheets, formats and limits."""

from __future__ import annotations

import codecs
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from indicators.records import LONG
from intake.layouts import extract
from intake.sheets import ReadError
from intake.sheets import read_workbook

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
LINES = [
    "Kommun{d}Indikator{d}År{d}Värde",
    "Sundsvall{d}GN.6{d}2023{d}{v}",
    "Timrå{d}GN.6{d}2023{d}",
]

ENCODINGS = {
    "utf-8": (b"", "utf-8", "utf-8"),
    "utf-8-bom": (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    "utf-16-le": (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    "utf-16-be": (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    "windows-1252": (b"", "cp1252", "cp1252"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_text_file_in_each_encoding_and_delimiter(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    bom, codec, detected = ENCODINGS[encoding]
    value = '"4,3"' if delimiter == "," else "4,3"
    text = "\r\n".join(line.format(d=delimiter, v=value) for line in LINES) + "\r\n"
    path = tmp_path / "värden.csv"
    path.write_bytes(bom + text.encode(codec))
    workbook = read_workbook(path)
    assert (workbook.encoding, workbook.delimiter) == (detected, delimiter)
    sheet = workbook.sheets[0]
    assert sheet.name is None
    assert sheet.rows == [
        ["Kommun", "Indikator", "År", "Värde"],
        ["Sundsvall", "GN.6", "2023", "4,3"],
        ["Timrå", "GN.6", "2023", ""],
    ]
    assert sheet.value(3, 4) is None
    result = extract(path)
    assert result.layout == LONG
    assert [(v.municipality, v.value, v.row, v.column) for v in result.values] == [
        ("Sundsvall", "4,3", 2, 4),
        ("Timrå", None, 3, 4),
    ]


def test_semicolon_wins_over_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Kod;2022;2023\nGN.6;4,2;4,3\nGN.7;430,5;425,1\n", encoding="utf-8")
    assert read_workbook(path).delimiter == ";"


def test_text_is_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Kommunkod;Indikator;År;Värde\n0114;GN.6;2023;007\n", encoding="utf-8")
    assert read_workbook(path).sheets[0].rows[1] == ["0114", "GN.6", "2023", "007"]


def test_undecodable_text_is_rejected_naming_the_file() -> None:
    with pytest.raises(ReadError) as caught:
        read_workbook(DATA / "undecodable.csv")
    assert "undecodable.csv" in caught.value.message("sv")
    assert "undecodable.csv" in caught.value.message("en")
    assert "Windows-1252" in caught.value.message("en")


def test_header_below_three_title_rows(tmp_path: Path) -> None:
    path = tmp_path / "titlar.csv"
    path.write_text(
        "Miljönyckeltal\nKommun: Timrå\nUttag 2024-02-01\nIndikator;År;Värde\nGN.2;2023;90\n",
        encoding="utf-8",
    )
    result = extract(path)
    assert (result.layout, result.municipality) == (LONG, "Timrå")
    assert [(v.indicator, v.value, v.row) for v in result.values] == [("GN.2", "90", 5)]


def test_rows_over_the_limit_name_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "lång.csv"
    path.write_text("Indikator;År;Värde\n" + "GN.2;2023;90\n" * 20, encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        read_workbook(path, max_rows=10)
    assert "max_rows" in caught.value.message("en") and "10" in caught.value.message("en")
    assert "max_rows" in caught.value.message("sv") and "lång.csv" in caught.value.message("sv")
    # A workbook is measured by the safety checks first, in the import's words.
    with pytest.raises(ReadError, match="MILJOMAL_MAX_ROWS"):
        read_workbook(DATA / "long_text_numbers.xlsx", max_rows=5)


def test_columns_over_the_limit_name_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bred.csv"
    path.write_text(";".join(["x"] * 12) + "\n", encoding="utf-8")
    with pytest.raises(ReadError, match="max_columns"):
        read_workbook(path, max_columns=10)
    with pytest.raises(ReadError, match="MILJOMAL_MAX_COLUMNS"):
        read_workbook(DATA / "template_sv.xlsx", max_columns=5)


def test_damaged_workbook_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError) as caught:
        read_workbook(path)
    assert caught.value.message("en").startswith("trasig.xlsx: the file is truncated or damaged")


def test_old_xls_and_unknown_types_are_read_errors(tmp_path: Path) -> None:
    for name, word in (("gammal.xls", ".xls"), ("data.json", ".json")):
        path = tmp_path / name
        path.write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(ReadError) as caught:
            read_workbook(path)
        assert name in caught.value.message("sv") and word in caught.value.message("en")


def test_workbook_lists_visible_sheets_and_keeps_the_template_sheet() -> None:
    workbook = read_workbook(DATA / "template_sv.xlsx")
    assert [sheet.name for sheet in workbook.sheets] == ["Instruktioner", "Värden"]
    assert workbook.hidden_sheet_names == ["miljomal"]
    assert workbook.template_sheet is not None
    assert workbook.template_sheet.rows[0] == ["miljomal-template", "1"]
    hidden = read_workbook(DATA / "long_hidden_sheet.xlsx")
    assert [sheet.name for sheet in hidden.sheets] == ["Data"]
    assert hidden.template_sheet is None


def test_sheet_cells_are_one_based_from_a1_with_merged_ranges() -> None:
    sheet = read_workbook(DATA / "long_titles_merged.xlsx").sheets[0]
    assert sheet.value(1, 1) == "Miljönyckeltal 2019–2023"
    assert sheet.value(5, 5) == 430.0
    assert sheet.value(5, 99) is None and sheet.value(99, 1) is None
    assert sorted(sheet.merged) == [(1, 1, 1, 5), (4, 1, 4, 2), (4, 5, 4, 6)]


def test_percent_and_uncached_formula_flags_per_cell() -> None:
    percent = read_workbook(DATA / "long_percent.xlsx").sheets[0]
    assert [percent.is_percent(row, 4) for row in (1, 2, 3, 4)] == [False, True, True, False]
    uncached = read_workbook(DATA / "long_formula_uncached.xlsx").sheets[0]
    assert uncached.is_formula_without_cache(2, 4) is True
    assert uncached.is_formula_without_cache(3, 4) is False
    cached = read_workbook(DATA / "long_formulas_cached.xlsx").sheets[0]
    assert cached.is_formula_without_cache(2, 4) is False


def test_chunked_scan_finds_flags_past_the_first_chunk(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(["Kommunkod", "Indikator", "År", "Värde"])
    for number in range(60_000):
        sheet.append(["2281", f"GN.{number % 90}", 2023, number])
    sheet.append(["2281", "GN.6", 2023, "=1+1"])
    path = tmp_path / "stor.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 4 * 1024 * 1024
    result = extract(path)
    assert len(result.values) == 60_001
    last = result.values[-1]
    assert (last.row, last.value, last.formula_without_cache) == (60_002, None, True)


def test_reading_does_not_load_openpyxl_pandas_or_matplotlib() -> None:
    code = (
        "import sys; from intake.layouts import extract; "
        f"extract({str(DATA / 'template_en.xlsx')!r}); extract({str(DATA / 'long.ods')!r}); "
        "print(sorted(m for m in ('openpyxl', 'pandas', 'matplotlib', 'click') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_workbook_read_from_its_bytes_is_the_same_as_from_its_file(tmp_path: Path) -> None:
    # The import reads a file's bytes once and hands them to the checks and the reader.
    for name in ("template_sv.xlsx", "long_percent.xlsx", "long_formula_uncached.xlsx"):
        path = DATA / name
        from_file = read_workbook(path)
        from_bytes = read_workbook(path, prechecked=True, content=path.read_bytes())
        assert [s.name for s in from_bytes.sheets] == [s.name for s in from_file.sheets]
        assert from_bytes.hidden_sheet_names == from_file.hidden_sheet_names
        for mine, theirs in zip(from_bytes.sheets, from_file.sheets, strict=True):
            assert mine.rows == theirs.rows and mine.merged == theirs.merged
            assert mine.may_have_percent == theirs.may_have_percent
            assert mine._load() == theirs._load()
    # The bytes given are what is read, not the file of that name.
    other = tmp_path / "template_sv.xlsx"
    other.write_bytes((DATA / "long_percent.xlsx").read_bytes())
    read = read_workbook(other, prechecked=True, content=(DATA / "template_sv.xlsx").read_bytes())
    assert read.template_sheet is not None


def test_the_safety_checks_check_the_bytes_given() -> None:
    from intake.safety import NOT_A_SPREADSHEET
    from intake.safety import precheck

    path = DATA / "template_sv.xlsx"
    assert precheck(path, content=path.read_bytes()).ok
    found = precheck(path, content=b"%PDF-1.4 not a workbook")
    assert [problem.code for problem in found.errors] == [NOT_A_SPREADSHEET]
