"""Reading the corpus of real-looking files: the layout found and every value cell, exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from indicators.records import LONG
from indicators.records import TEMPLATE
from indicators.records import WIDE_INDICATORS
from indicators.records import WIDE_MUNICIPALITIES
from indicators.records import ReadResult
from intake.layouts import extract

DATA = Path(__file__).parent / "data"
NBSP, THIN, MINUS = "\u00a0", "\u2009", "\u2212"


def cells(result: ReadResult) -> list[tuple[Any, ...]]:
    """(municipality, indicator, year, value, sheet, row, column, status, comment) per value."""
    return [
        (v.municipality, v.indicator, v.year, v.value)
        + (v.sheet, v.row, v.column, v.status, v.comment)
        for v in result.values
    ]


def flags(result: ReadResult) -> list[tuple[bool, bool]]:
    """(percent format, formula without cached value) per value."""
    return [(v.percent_format, v.formula_without_cache) for v in result.values]


def sources(result: ReadResult) -> set[tuple[Any, ...]]:
    """The distinct (municipality, indicator, year, status) source columns of the values."""
    return {
        (v.municipality_column, v.indicator_column, v.year_column, v.status_column)
        for v in result.values
    }


# --- the template --------------------------------------------------------------------------


def test_template_is_read_by_its_hidden_sheet_with_missing_values_kept() -> None:
    result = extract(DATA / "template_sv.xlsx")
    assert result.layout == TEMPLATE
    assert (result.municipality, result.year, result.indicator_set) == ("2281", 2025, "sekom-2012")
    assert result.template_version == "1"
    assert result.single_municipality is True
    assert cells(result) == [
        (None, "GN.2", 2025, 123.4, "Värden", 5, 9, "rapporterat", None),
        (None, "GN.6", 2025, "12,5", "Värden", 6, 9, None, "Ny mätmetod"),
        (None, "GN.7", 2025, None, "Värden", 7, 9, ".. uppgift saknas", None),
        (None, "GN.11", 2025, None, "Värden", 8, 9, ". ej tillämpligt", None),
    ]
    assert sources(result) == {(None, 1, None, 10)}
    # A value typed in a row without a code; the instructions sheet is not reported.
    assert result.problems.flat() == [("warning", "rows-ignored", "Värden!9:9")]
    assert result.headers[9] == "Värde 2025"


def test_english_template_keeps_percent_format_and_text_numbers() -> None:
    result = extract(DATA / "template_en.xlsx")
    assert (result.layout, result.municipality, result.year) == (TEMPLATE, "2284", 2025)
    assert cells(result) == [
        (None, "GN.6", 2025, 0.125, "Values", 5, 9, "reported", None),
        (None, "GN.7", 2025, f"1{NBSP}234,5", "Values", 6, 9, "reported", "Includes bulky waste"),
        (None, "GN.11", 2025, None, "Values", 7, 9, ".. missing", None),
    ]
    assert flags(result) == [(True, False), (False, False), (False, False)]
    assert result.problems.flat() == []


def test_template_without_its_hidden_sheet_is_recognised_by_its_header() -> None:
    result = extract(DATA / "template_lost_metadata.xlsx")
    assert result.layout == TEMPLATE
    assert (result.municipality, result.year, result.template_version) == ("2281", 2025, None)
    assert result.single_municipality is True
    assert cells(result) == [
        (None, "GN.2", 2025, 91.0, "Värden", 5, 9, "rapporterat", None),
        (None, "GN.6", 2025, None, "Värden", 6, 9, None, None),
    ]
    assert result.problems.flat() == []


def test_template_formula_with_and_without_cached_value() -> None:
    result = extract(DATA / "template_formula_uncached.xlsx")
    assert cells(result) == [
        (None, "GN.2", 2025, 99.0, "Värden", 5, 9, None, None),
        (None, "GN.6", 2025, None, "Värden", 6, 9, None, None),
    ]
    assert flags(result) == [(False, False), (False, True)]


# --- long tables -----------------------------------------------------------------------------


def test_long_table_with_codes_and_status() -> None:
    result = extract(DATA / "long_basic.xlsx")
    assert result.layout == LONG
    assert result.municipality is None and result.single_municipality is False
    assert cells(result) == [
        ("2281", "GN.2", 2022, 85.5, "Data", 2, 5, None, None),
        ("2281", "GN.2", 2023, 88.0, "Data", 3, 5, None, "Preliminärt"),
        ("2284", "GN.6", 2023, 7.25, "Data", 4, 5, None, None),
        ("2262", "GN.6", 2023, None, "Data", 5, 5, "..", None),
    ]
    assert sources(result) == {(1, 3, 4, 6)}
    assert result.problems.flat() == []


def test_header_below_title_rows_with_merged_cells() -> None:
    result = extract(DATA / "long_titles_merged.xlsx")
    assert result.layout == LONG
    assert cells(result) == [
        ("2281", "GN.7", 2022, 430.0, "Nyckeltal", 5, 5, None, None),
        ("2281", "GN.7", 2023, 425.0, "Nyckeltal", 6, 5, None, None),
    ]
    assert sources(result) == {(1, 3, 4, None)}
    assert result.problems.flat() == []


def test_names_instead_of_codes_are_passed_as_written() -> None:
    result = extract(DATA / "long_names.xlsx")
    assert cells(result) == [
        ("Sundsvall", "Skyddad natur", 2023, 4.3, "Blad1", 2, 4, None, None),
        ("Örnsköldsviks kommun", "Skyddad natur", 2023, 6.1, "Blad1", 3, 4, None, None),
        ("Härnösands kommun", "GN.6", "2023", 5.0, "Blad1", 4, 4, None, None),
    ]


def test_numbers_as_text_and_markers_are_passed_raw() -> None:
    result = extract(DATA / "long_text_numbers.xlsx")
    assert [(v.indicator, v.year, v.value) for v in result.values] == [
        ("GN.7", "2023", f"1{NBSP}234,5"),
        ("GN.7", "2022", f"1{THIN}234,5"),
        ("GN.1a", "2023", f"{MINUS}3,5"),
        ("GN.6", "2023", "12,5 %"),
        ("GN.2", "2023", "42"),
        ("GN.2", "2022", ".."),
        ("GN.11", "2023", "."),
        ("GN.8a", "2023", "-"),
    ]
    assert [v.row for v in result.values] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert flags(result) == [(False, False)] * 8


def test_percent_formatted_cells_are_flagged() -> None:
    result = extract(DATA / "long_percent.xlsx")
    assert [(v.value, v.row) for v in result.values] == [(0.125, 2), (0.3, 3), (425.0, 4)]
    assert flags(result) == [(True, False), (True, False), (False, False)]


def test_cached_formula_results_are_read() -> None:
    result = extract(DATA / "long_formulas_cached.xlsx")
    assert cells(result) == [
        ("2281", "GN.7", 2023, 425.0, "Data", 2, 4, None, None),
        ("2281", "GN.2", 2023, 90.0, "Data", 3, 4, None, None),
    ]
    assert flags(result) == [(False, False), (False, False)]
    assert result.problems.flat() == [("warning", "column-ignored", "Data!E1")]


def test_formula_without_cached_value_is_flagged() -> None:
    result = extract(DATA / "long_formula_uncached.xlsx")
    assert cells(result) == [
        ("2281", "GN.7", 2023, None, "Data", 2, 4, None, None),
        ("2281", "GN.2", 2023, 90.0, "Data", 3, 4, None, None),
    ]
    assert flags(result) == [(False, True), (False, False)]


def test_notes_below_the_table_are_ignored_with_one_warning() -> None:
    result = extract(DATA / "long_notes_below.xlsx")
    assert [(v.municipality, v.value, v.row) for v in result.values] == [
        ("2281", 4.3, 2),
        ("2284", 6.1, 3),
    ]
    assert result.problems.flat() == [("warning", "rows-ignored", "Data!5:5")]
    assert "5–6" in result.problems.problems[0].message("sv")


def test_extra_sheets_are_ignored_with_warnings() -> None:
    result = extract(DATA / "long_extra_sheets.xlsx")
    assert result.layout == LONG
    assert cells(result) == [("2281", "GN.6", 2023, 4.3, "Data", 2, 5, None, None)]
    # The empty Blad2 is skipped silently; the wide table on "Per år" has another layout.
    assert [(p.severity, p.code, p.sheet) for p in result.problems.problems] == [
        ("warning", "sheet-ignored", "Diagramunderlag"),
        ("warning", "sheet-ignored", "Per år"),
    ]


def test_hidden_sheets_are_not_read() -> None:
    result = extract(DATA / "long_hidden_sheet.xlsx")
    assert cells(result) == [("2281", "GN.6", 2023, 4.3, "Data", 2, 5, None, None)]
    assert result.problems.flat() == []


def test_english_header_in_odd_case_and_spacing() -> None:
    result = extract(DATA / "long_english_odd_header.xlsx")
    assert result.layout == LONG
    assert cells(result) == [
        (2281, "GN.2", 2023, 90.0, "Export", 2, 4, None, "ok"),
        (2284, "GN.2", 2023, 77.5, "Export", 3, 4, None, None),
    ]
    assert result.problems.flat() == [("warning", "column-ignored", "Export!F1")]


def test_municipality_stated_in_a_title_row() -> None:
    result = extract(DATA / "long_municipality_title.xlsx")
    assert (result.layout, result.municipality) == (LONG, "Sundsvall")
    assert cells(result) == [
        (None, "GN.2", 2022, 85.0, "Värden", 4, 3, None, None),
        (None, "GN.2", 2023, 90.0, "Värden", 5, 3, None, "Ny linje"),
    ]
    assert sources(result) == {(None, 1, 2, None)}


def test_file_written_by_another_program() -> None:
    result = extract(DATA / "long_libreoffice.xlsx")
    assert cells(result) == [
        ("2281", "GN.6", 2023, 0.043, "Tabell1", 2, 4, None, None),
        ("2281", "GN.7", 2023, 425.0, "Tabell1", 3, 4, None, None),
    ]
    assert flags(result) == [(True, False), (False, False)]


def test_macro_enabled_workbook_is_read_without_running_macros() -> None:
    result = extract(DATA / "long_macro.xlsm")
    assert cells(result) == [("2281", "GN.2", 2023, 90.0, "Data", 2, 5, None, None)]


def test_ods_values_and_percent_type() -> None:
    result = extract(DATA / "long.ods")
    assert cells(result) == [
        ("2281", "GN.6", 2023, 0.125, "Värden", 2, 4, None, None),
        ("2281", "GN.7", 2023, 425.5, "Värden", 3, 4, None, None),
        ("2281", "GN.2", 2023, "1 234,5", "Värden", 4, 4, None, None),
    ]
    assert flags(result) == [(True, False), (False, False), (False, False)]


# --- wide tables -----------------------------------------------------------------------------


def test_indicators_as_rows_with_mixed_year_headers() -> None:
    result = extract(DATA / "wide_indicators.xlsx")
    assert (result.layout, result.municipality) == (WIDE_INDICATORS, "Sundsvalls kommun")
    comment = "Nytt reservat 2022"
    assert cells(result) == [
        (None, "GN.2", 2019, 80.0, "Nyckeltal", 3, 4, None, None),
        (None, "GN.2", 2020, 82.0, "Nyckeltal", 3, 5, None, None),
        (None, "GN.2", 2021, None, "Nyckeltal", 3, 6, None, None),
        (None, "GN.2", 2022, 88.0, "Nyckeltal", 3, 7, None, None),
        (None, "GN.6", 2019, 4.1, "Nyckeltal", 4, 4, None, comment),
        (None, "GN.6", 2020, "4,1", "Nyckeltal", 4, 5, None, comment),
        (None, "GN.6", 2021, 4.2, "Nyckeltal", 4, 6, None, comment),
        (None, "GN.6", 2022, "..", "Nyckeltal", 4, 7, None, comment),
    ]
    assert result.problems.flat() == []


def test_two_row_header_with_merged_year_label() -> None:
    result = extract(DATA / "wide_indicators_two_row_header.xlsx")
    assert (result.layout, result.municipality) == (WIDE_INDICATORS, "Timrå")
    assert [(v.indicator, v.year, v.value, v.row, v.column) for v in result.values] == [
        ("GN.7", 2021, 455.0, 5, 3),
        ("GN.7", 2022, 449.0, 5, 4),
        ("GN.7", 2023, 440.0, 5, 5),
        ("GN.11", 2021, 28.0, 6, 3),
        ("GN.11", 2022, None, 6, 4),
        ("GN.11", 2023, 31.0, 6, 5),
    ]


def test_indicators_as_rows_with_a_municipality_column() -> None:
    result = extract(DATA / "wide_indicators_kommun_column.xlsx")
    assert (result.layout, result.municipality) == (WIDE_INDICATORS, None)
    assert [(v.municipality, v.year, v.value) for v in result.values] == [
        ("Sundsvall", 2022, 4.3),
        ("Sundsvall", 2023, 4.4),
        ("Timrå", 2022, 2.0),
        ("Timrå", 2023, "-"),
    ]
    assert sources(result) == {(1, 2, None, None)}


def test_municipalities_as_rows_with_indicator_in_title() -> None:
    result = extract(DATA / "wide_municipalities.xlsx")
    assert (result.layout, result.indicator) == (WIDE_MUNICIPALITIES, "GN.6")
    assert cells(result) == [
        ("Sundsvall", None, 2021, 4.2, "Blad1", 3, 2, None, None),
        ("Sundsvall", None, 2022, 4.3, "Blad1", 3, 3, None, None),
        ("Sundsvall", None, 2023, 4.4, "Blad1", 3, 4, None, None),
        ("Örnsköldsviks kommun", None, 2021, 6.0, "Blad1", 4, 2, None, None),
        ("Örnsköldsviks kommun", None, 2022, None, "Blad1", 4, 3, None, None),
        ("Örnsköldsviks kommun", None, 2023, 6.1, "Blad1", 4, 4, None, None),
    ]
    assert result.problems.flat() == [("warning", "rows-ignored", "Blad1!6:6")]


def test_one_sheet_per_indicator_names_the_indicator_on_each_value() -> None:
    result = extract(DATA / "wide_municipalities_sheets.xlsx")
    assert (result.layout, result.indicator) == (WIDE_MUNICIPALITIES, None)
    assert cells(result) == [
        ("2281", "GN.6", 2022, 4.3, "GN.6", 2, 2, None, None),
        ("2281", "GN.6", 2023, 4.4, "GN.6", 2, 3, None, None),
        ("2281", "GN.7", 2022, 430.0, "GN.7", 2, 2, None, None),
        ("2281", "GN.7", 2023, 425.0, "GN.7", 2, 3, None, None),
    ]


# --- text files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "sv_semikolon_cp1252.csv",
            [
                ("2281", "GN.6", "2023", "4,3", None, 2, 5, None, None),
                ("2284", "GN.6", "2023", "6,1", None, 3, 5, None, None),
                ("2262", "GN.6", "2023", "..", None, 4, 5, None, None),
            ],
        ),
        (
            "sv_semikolon_utf8_bom.csv",
            [
                ("Sundsvall", "GN.7", "2023", "1 234,5", None, 2, 4, None, None),
                ("Härnösand", "GN.7", "2023", f"{MINUS}2,5", None, 3, 4, None, "Rättat värde"),
            ],
        ),
        (
            "en_comma.csv",
            [
                ("2281", "GN.2", "2023", "90.5", None, 2, 4, None, "Includes trains, buses"),
                ("2281", "GN.2", "2022", "88", None, 3, 4, None, None),
            ],
        ),
        (
            "unicode_text_utf16le.txt",
            [
                ("Sundsvall", "GN.6", "2023", "4,3", None, 2, 4, None, None),
                ("Timrå", "GN.6", "2023", None, None, 3, 4, None, None),
            ],
        ),
    ],
)
def test_long_text_files(name: str, expected: list[tuple[Any, ...]]) -> None:
    result = extract(DATA / name)
    assert result.layout == LONG
    assert cells(result) == expected
    assert result.problems.flat() == []


def test_wide_utf16_big_endian_text() -> None:
    result = extract(DATA / "unicode_text_utf16be.txt")
    assert result.layout == WIDE_INDICATORS
    assert cells(result) == [
        (None, "GN.6", 2022, "4,2", None, 2, 3, None, None),
        (None, "GN.6", 2023, "4,3", None, 2, 4, None, None),
    ]


def test_csv_with_title_rows_multiline_comment_and_source_note() -> None:
    result = extract(DATA / "title_rows.csv")
    assert (result.layout, result.municipality) == (LONG, "Sundsvalls kommun")
    assert result.headers == {1: "Indikator", 2: "År", 3: "Värde", 4: "Kommentar"}
    # Rows are line numbers: the quoted comment spans lines 5 and 6.
    assert cells(result) == [
        (None, "GN.7", "2023", "425", None, 5, 3, None, "Två rader\nkommentar"),
        (None, "GN.2", "2023", "90", None, 7, 3, None, None),
    ]
    assert [(p.code, p.row, p.cell) for p in result.problems.problems] == [
        ("rows-ignored", 9, None)
    ]


def test_csv_unknown_column_is_named_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "ansvar.csv"
    path.write_text("Kommun;Indikator;År;Värde;Ansvarig\n2281;GN.2;2023;90;Anna\n")
    result = extract(path)
    assert [(p.code, p.row, p.column, p.file) for p in result.problems.problems] == [
        ("column-ignored", 1, "Ansvarig", "ansvar.csv")
    ]


# --- no table --------------------------------------------------------------------------------


def test_workbook_without_a_table_is_an_error() -> None:
    result = extract(DATA / "no_table.xlsx")
    assert result.layout is None
    assert result.values == []
    assert result.problems.flat() == [("error", "no-table", None)]
    assert result.problems.problems[0].file == "no_table.xlsx"
    assert "Anteckningar" in result.problems.problems[0].message("en")


def test_broken_template_metadata_falls_back_to_the_header(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(DATA / "template_sv.xlsx")
    workbook["miljomal"]["B6"] = "Saknas"  # data_sheet names a sheet that is not there
    path = tmp_path / "ändrad.xlsx"
    workbook.save(path)
    result = extract(path)
    assert (result.layout, result.municipality, result.template_version) == (TEMPLATE, "2281", None)
    assert [(v.indicator, v.row) for v in result.values] == [
        ("GN.2", 5),
        ("GN.6", 6),
        ("GN.7", 7),
        ("GN.11", 8),
    ]
    assert [(p.code, p.sheet) for p in result.problems.problems] == [
        ("template-metadata-invalid", "miljomal"),
        ("rows-ignored", "Värden"),
    ]
