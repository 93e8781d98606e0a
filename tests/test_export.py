"""Exporting stored values: the JSON contract, CSV for Swedish Excel, XLSX, formula safety."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import add_test_indicators
from conftest import run_cli

from database.engine import session_scope
from indicators.export import export_rows
from indicators.export import neutralise
from indicators.export import write_csv
from indicators.export import write_xlsx
from indicators.models import MISSING
from indicators.models import NOT_APPLICABLE
from indicators.models import REPORTED
from indicators.records import CleanValue
from indicators.records import UploadInfo
from indicators.store import apply_values

EXPECTED = [
    {
        "municipality": "0114",
        "indicator": "T.1",
        "year": 2024,
        "value": 1234567.25,
        "status": REPORTED,
        "comment": None,
        "set": "test-set",
    },
    {
        "municipality": "2281",
        "indicator": "T.1",
        "year": 2023,
        "value": -1.5,
        "status": REPORTED,
        "comment": '=HYPERLINK("http://x")',
        "set": "test-set",
    },
    {
        "municipality": "2281",
        "indicator": "T.1",
        "year": 2024,
        "value": 5.8,
        "status": REPORTED,
        "comment": "-ökning; se bilaga",
        "set": "test-set",
    },
    {
        "municipality": "2281",
        "indicator": "T.10",
        "year": 2024,
        "value": None,
        "status": MISSING,
        "comment": "@uppgift saknas",
        "set": "test-set",
    },
    {
        "municipality": "2281",
        "indicator": "T.2",
        "year": 2024,
        "value": None,
        "status": NOT_APPLICABLE,
        "comment": None,
        "set": "test-set",
    },
]


@pytest.fixture
def exported(engine, migrated):  # type: ignore[no-untyped-def]
    """A store with five values of Sundsvall and Upplands Väsby, in a set ordered T.1, T.10, T.2.

    ``migrated``: the schema comes from the session's migrated template."""
    # The sort order, not the code, decides the order: T.10 comes before T.2 here.
    ids = add_test_indicators(engine, ["T.1", "T.10", "T.2"])
    with session_scope(engine) as session:
        values = [
            CleanValue(
                row["municipality"],
                ids[row["indicator"]],
                row["year"],
                row["value"],
                row["status"],
                row["comment"],
            )
            for row in reversed(EXPECTED)
        ]
        apply_values(session, UploadInfo("a.xlsx", "sha-a", 1, "anna"), values)
    return engine


def test_export_rows_follow_the_json_contract_in_order(exported) -> None:  # type: ignore[no-untyped-def]
    with session_scope(exported) as session:
        assert export_rows(session) == EXPECTED


def test_export_rows_filter_by_municipality_indicator_and_year(exported) -> None:  # type: ignore[no-untyped-def]
    with session_scope(exported) as session:
        only = export_rows(session, ["2281"], ["T.1"], [2024])
        none = export_rows(session, years=[1999])

    assert only == [EXPECTED[2]]
    assert none == []


def test_csv_in_swedish_has_bom_semicolons_and_decimal_commas() -> None:
    buffer = io.StringIO()
    names = {"0114": "Upplands Väsby kommun", "2281": "Sundsvalls kommun"}

    write_csv(EXPECTED, buffer, "sv", names)

    assert buffer.getvalue() == (
        "\ufeffKommun;Kommunkod;Indikator;År;Värde;Status;Kommentar;Uppsättning\r\n"
        "Upplands Väsby kommun;0114;T.1;2024;1234567,25;rapporterat;;test-set\r\n"
        'Sundsvalls kommun;2281;T.1;2023;-1,5;rapporterat;"\'=HYPERLINK(""http://x"")";test-set\r\n'
        'Sundsvalls kommun;2281;T.1;2024;5,8;rapporterat;"\'-ökning; se bilaga";test-set\r\n'
        "Sundsvalls kommun;2281;T.10;2024;;uppgift saknas;'@uppgift saknas;test-set\r\n"
        "Sundsvalls kommun;2281;T.2;2024;;ej tillämpligt;;test-set\r\n"
    )


def test_csv_in_english_has_commas_and_decimal_points(tmp_path: Path) -> None:
    path = tmp_path / "values.csv"

    write_csv(EXPECTED[:3], path, "en")

    assert path.read_bytes().decode("utf-8") == (
        "\ufeffMunicipality,Municipality code,Indicator,Year,Value,Status,Comment,Set\r\n"
        ",0114,T.1,2024,1234567.25,reported,,test-set\r\n"
        ',2281,T.1,2023,-1.5,reported,"\'=HYPERLINK(""http://x"")",test-set\r\n'
        # Quoted: Excel in Swedish splits a CSV on ";" (issue 22, case 13).
        ',2281,T.1,2024,5.8,reported,"\'-ökning; se bilaga",test-set\r\n'
    )


def test_xlsx_has_real_numbers_a_frozen_header_and_no_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "values.xlsx"
    names = {"0114": "Upplands Väsby kommun", "2281": "=Sundsvall"}

    write_xlsx(EXPECTED, path, "sv", names)

    sheet = load_workbook(path).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        ["Kommun", "Kommunkod", "Indikator", "År", "Värde", "Status", "Kommentar", "Uppsättning"],
        ["Upplands Väsby kommun", "0114", "T.1", 2024, 1234567.25, "rapporterat", None, "test-set"],
        [
            "'=Sundsvall",
            "2281",
            "T.1",
            2023,
            -1.5,
            "rapporterat",
            '\'=HYPERLINK("http://x")',
            "test-set",
        ],
        ["'=Sundsvall", "2281", "T.1", 2024, 5.8, "rapporterat", "'-ökning; se bilaga", "test-set"],
        [
            "'=Sundsvall",
            "2281",
            "T.10",
            2024,
            None,
            "uppgift saknas",
            "'@uppgift saknas",
            "test-set",
        ],
        ["'=Sundsvall", "2281", "T.2", 2024, None, "ej tillämpligt", None, "test-set"],
    ]
    assert sheet.freeze_panes == "A2"
    assert {cell.data_type for row in sheet.iter_rows() for cell in row} <= {"s", "n"}
    assert sheet["E2"].data_type == "n"


def test_xlsx_in_english_has_english_headers(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "values.xlsx"
    write_xlsx(EXPECTED[:1], path, "en")

    sheet = load_workbook(path).active
    assert [cell.value for cell in sheet[1]] == [
        "Municipality",
        "Municipality code",
        "Indicator",
        "Year",
        "Value",
        "Status",
        "Comment",
        "Set",
    ]
    assert [cell.value for cell in sheet[2]][4:6] == [1234567.25, "reported"]


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+46 60", "'+46 60"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("ökning", "ökning"),
        ("", ""),
        (None, None),
    ],
)
def test_text_that_starts_like_a_formula_is_neutralised(text: str | None, safe: str | None) -> None:
    assert neutralise(text) == safe


# --- the command -------------------------------------------------------------------------


def test_export_command_prints_json(exported, db_url: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("export", "--municipality", "Sundsvall", "--year", "2023,2024", db=db_url)

    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == EXPECTED[1:]


def test_export_command_filters_by_indicator_and_year_range(exported, db_url: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "export", "-i", "T.1", "-i", "T.2", "--year", "2020-2023", "--format", "json", db=db_url
    )

    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [EXPECTED[1]]


def test_export_command_writes_csv_to_stdout(exported, db_url: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("export", "--format", "csv", "-m", "0114", db=db_url)

    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode("utf-8") == (
        "\ufeffKommun;Kommunkod;Indikator;År;Värde;Status;Kommentar;Uppsättning\r\n"
        "Upplands Väsby kommun;0114;T.1;2024;1234567,25;rapporterat;;test-set\r\n"
    )


def test_export_command_writes_xlsx_to_a_file(exported, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    path = tmp_path / "värden.xlsx"
    result = run_cli("export", "-o", str(path), "--lang", "en", db=db_url)

    assert result.exit_code == 0, result.output
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0] == "Municipality"
    assert rows[1] == (
        "Upplands Väsby kommun",
        "0114",
        "T.1",
        2024,
        1234567.25,
        "reported",
        None,
        "test-set",
    )
    assert len(rows) == 6


def test_export_command_refuses_xlsx_to_stdout_and_bad_input(exported, db_url: str) -> None:  # type: ignore[no-untyped-def]
    xlsx = run_cli("export", "--format", "xlsx", db=db_url)
    year = run_cli("export", "--year", "tjugo", db=db_url)
    unknown = run_cli("export", "--indicator", "T.9", db=db_url)

    assert xlsx.exit_code == 2 and "behöver -o" in xlsx.output
    assert year.exit_code == 2 and "inget år eller intervall: 'tjugo'" in year.output
    assert unknown.exit_code == 1 and "okänd indikator 'T.9'" in unknown.output
