"""Files as offices really send them: re-saved by LibreOffice, hand-edited, half-broken.

The files under tests/data/real/ are made by make_real_files.py (with LibreOffice) and
committed, so these tests need no LibreOffice.  Each test asserts the exact values stored,
or the exact problem codes and places, and that a rejected file wrote nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REAL = Path(__file__).parent / "data" / "real"


def _import(miljomal: Any, name: str) -> dict[str, Any]:
    """Import one corpus file with --json and return its file entry."""
    result = miljomal("import", str(REAL / name), "--json", "--quiet")
    return json.loads(result.output)["files"][0]


def _stored(miljomal: Any) -> list[tuple[str, str, int, float | None, str, str | None]]:
    """Every stored value as (kommunkod, indicator, year, value, status, comment), sorted."""
    records = json.loads(miljomal("export", "--format", "json").output)
    return sorted(
        (r["municipality"], r["indicator"], r["year"], r["value"], r["status"], r["comment"])
        for r in records
    )


def _problems(entry: dict[str, Any]) -> list[tuple[str, str, str | None, int | None]]:
    return [(p["severity"], p["code"], p["cell"], p["row"]) for p in entry["problems"]]


@pytest.mark.parametrize("name", ["template_error_cells.xlsx", "template_error_cells.ods"])
def test_formula_errors_are_refused_not_read_as_missing(miljomal, name: str) -> None:  # type: ignore[no-untyped-def]
    # LibreOffice saves =1/0 and =NA() as error cells that calamine reads as empty.
    entry = _import(miljomal, name)
    assert entry["outcome"] == "rejected"
    assert _problems(entry) == [
        ("error", "error-in-value", "Värden!I5", 5),
        ("error", "error-in-value", "Värden!I6", 6),
    ]
    assert "#DIV/0!" in entry["problems"][0]["message"]
    assert "#N/A" in entry["problems"][1]["message"]
    assert _stored(miljomal) == []


@pytest.mark.parametrize("name", ["template_inserted_row.xlsx", "template_inserted_column.xlsx"])
def test_a_template_with_an_inserted_row_or_column_is_read_where_the_table_now_is(
    miljomal, name: str
) -> None:  # type: ignore[no-untyped-def]
    entry = _import(miljomal, name)
    assert (entry["outcome"], entry["created"], entry["problems"]) == ("imported", 16, [])
    stored = _stored(miljomal)
    assert stored[:3] == [
        ("2281", "GN.10a", 2024, 8.5, "reported", None),
        ("2281", "GN.10b", 2024, 9.0, "reported", None),
        ("2281", "GN.11", 2024, 9.5, "reported", None),
    ]
    by_code = {code: value for _m, code, _y, value, _s, _c in stored}
    assert (by_code["GN.1a"], by_code["GN.6"], by_code["GN.12"]) == (2.5, 5.5, 10.0)


def test_an_unquoted_decimal_comma_in_a_comma_file_is_refused(miljomal) -> None:  # type: ignore[no-untyped-def]
    # Sundsvall,GN.6,2024,4,5 was stored as 4 before.
    entry = _import(miljomal, "comma_unquoted_decimal.csv")
    assert entry["outcome"] == "rejected"
    # GN.6 exists only in the 2012 set: the 2024 file is read as sekom-2012, and says so.
    assert _problems(entry) == [
        ("error", "extra-fields", None, 2),
        ("warning", "read-as-set", None, None),
    ]
    assert '"4,5"' in entry["problems"][0]["message"]
    assert _stored(miljomal) == []


def test_a_control_character_from_a_lossy_encoding_is_shown(miljomal) -> None:  # type: ignore[no-untyped-def]
    # Windows-1252 has no Unicode minus; LibreOffice wrote the byte 0x12 in its place.
    entry = _import(miljomal, "long_lossy_minus_cp1252.csv")
    assert entry["outcome"] == "rejected"
    errors = [p for p in entry["problems"] if p["severity"] == "error"]
    assert [(p["code"], p["row"], p["column"]) for p in errors] == [
        ("not-a-number", 11, "VÄRDE (%)")
    ]
    assert "'\\x123'" in errors[0]["message"]
    assert _stored(miljomal) == []


MESSY_STORED = [
    ("0114", "GN.3", 2024, 12.5, "reported", "2"),
    ("0114", "GN.5", 2024, 0.0, "reported", "+46 70 123 45 67"),
    ("2280", "GN.6", 2024, None, "not-applicable", None),
    ("2280", "GN.7", 2024, None, "missing", "saknas i år"),
    ("2281", "GN.6", 2023, 4.4, "reported", "ok"),
    ("2281", "GN.6", 2024, 4.5, "reported", None),
    ("2281", "GN.7", 2021, 1234.5, "reported", "@sum(A1)"),
    ("2281", "GN.7", 2022, 1234.5, "reported", None),
    ("2282", "GN.6", 2024, 0.0, "reported", None),
    ("2284", "GN.6", 2023, 4.1, "reported", "rad ett\nrad två 🌲"),
    ("2284", "GN.6", 2024, 4.2, "reported", None),
]


@pytest.mark.parametrize(
    ("name", "warnings"),
    [
        ("long_messy.ods", ["rows-ignored", "sheet-ignored", "read-as-set", "dash-as-zero"]),
        ("long_messy.csv", ["rows-ignored", "read-as-set", "dash-as-zero"]),
    ],
)
def test_a_messy_long_table_is_stored_exactly(miljomal, name: str, warnings: list[str]) -> None:  # type: ignore[no-untyped-def]
    # Names in any case, without å/ä/ö, codes as numbers and text, "År 2022", "1,234.5",
    # "−0", "12,5 %", a note below the table; the comment "=1+1" was calculated to 2.
    entry = _import(miljomal, name)
    assert (entry["outcome"], entry["created"]) == ("imported", 11)
    assert [p["code"] for p in entry["problems"]] == warnings
    assert _stored(miljomal) == MESSY_STORED


def test_a_sum_row_in_a_county_file_is_left_out_with_a_warning(miljomal) -> None:  # type: ignore[no-untyped-def]
    entry = _import(miljomal, "wide_sum_row.xlsx")
    assert entry["outcome"] == "imported"
    assert ("warning", "summary-row-ignored", "GN.6 Skyddad natur!6:6", 6) in _problems(entry)
    assert all(row[0] != "Summa länet" for row in _stored(miljomal))


def test_an_unknown_name_in_a_wide_row_is_one_problem_not_one_per_year(  # type: ignore[no-untyped-def]
    miljomal, tmp_path: Path
) -> None:
    source = tmp_path / "gn6.csv"
    source.write_text(
        "GN.6 Skyddad natur (%)\nKommun;2022;2023;2024\nSundsvall;4,1;4,2;4,3\n"
        "Sundsval;4,1;4,2;4,3\n",
        encoding="utf-8",
    )
    entry = json.loads(miljomal("import", str(source), "--json").output)["files"][0]
    assert entry["outcome"] == "rejected"
    assert [(p["severity"], p["code"], p["row"]) for p in entry["problems"]] == [
        ("warning", "read-as-set", None),
        ("error", "unknown-municipality", 4),
    ]
    assert "Sundsvall" in entry["problems"][1]["message"]
    assert _stored(miljomal) == []


def test_an_estimate_or_a_limit_is_refused_with_what_to_write_instead(
    miljomal, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "ca.csv"
    source.write_text(
        "Kommun;Indikator;År;Värde\nSundsvall;GN.6;2024;ca 40\nTimrå;GN.8a;2024;<0,1\n",
        encoding="utf-8",
    )
    entry = json.loads(miljomal("import", str(source), "--json").output)["files"][0]
    assert [(p["code"], p["row"], p["column"]) for p in entry["problems"]] == [
        ("read-as-set", None, None),
        ("not-a-number", 2, "Värde"),
        ("not-a-number", 3, "Värde"),
    ]
    first, second = (p["message"] for p in entry["problems"][1:])
    assert first.startswith("Värdet 'ca 40' är ungefärligt; skriv bara talet")
    assert second.startswith("Värdet '<0,1' är en gräns, inget tal; skriv det uppmätta värdet")
    assert _stored(miljomal) == []
