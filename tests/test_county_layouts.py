"""County compilations: one year, municipalities as rows and indicators as columns (or the
transposed sheet), with headers as county offices write them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.engine import Engine

from database.engine import session_scope
from indicators.models import Indicator
from indicators.models import Observation


def stored(engine: Engine) -> dict[tuple[str, str, int], float | None]:
    with session_scope(engine) as session:
        codes = {i.id: i.code for i in session.scalars(select(Indicator))}
        return {
            (o.municipality_code, codes[o.indicator_id], o.year): o.value
            for o in session.scalars(select(Observation))
        }


def run_import(miljomal: Callable[..., Result], *args: str) -> tuple[int, dict[str, Any]]:
    result = miljomal("import", "--json", *args)
    return result.exit_code, json.loads(result.output)


def found(output: dict[str, Any]) -> list[tuple[str, str, Any]]:
    (outcome,) = output["files"]
    return [(p["severity"], p["code"], p["cell"] or p["row"]) for p in outcome["problems"]]


def county_workbook(path: Path, headers: list[str], rows: list[list[Any]], title: str | None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Länet"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_municipalities_as_rows_and_indicators_as_columns_with_the_year_in_the_title(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = county_workbook(
        tmp_path / "sammanstallning.xlsx",
        [
            "Kommun",
            "Skyddad natur",
            "Mängd hushållsavfall, kg/person",
            "Koldioxidutsläpp från industrin (ton CO2/inv)",
            "GN.11",
        ],
        [
            ["Ånge", 12.5, 410, 0.8, 35],
            ["Timrå kommun", 3.1, 398, 2.5, None],
            ["2280 Härnösand", 4.0, "..", 1.2, 41],
            ["Länet totalt", 6.5, 405, 1.5, 38],
        ],
        title="Gröna nyckeltal 2024",
    )
    code, output = run_import(miljomal, str(path))
    assert code == 0, output
    assert output["files"][0]["outcome"] == "imported"
    # "Koldioxidutsläpp från industrin" exists only in the 2012 set: the 2024 file is read
    # in that set, and says so.
    assert found(output) == [
        ("warning", "summary-row-ignored", "Länet!7:7"),
        ("warning", "read-as-set", None),
    ]
    values = stored(store)
    assert values == {
        ("2260", "GN.6", 2024): 12.5,
        ("2260", "GN.7", 2024): 410.0,
        ("2260", "GN.1a", 2024): 0.8,
        ("2260", "GN.11", 2024): 35.0,
        ("2262", "GN.6", 2024): 3.1,
        ("2262", "GN.7", 2024): 398.0,
        ("2262", "GN.1a", 2024): 2.5,
        ("2262", "GN.11", 2024): None,
        ("2280", "GN.6", 2024): 4.0,
        ("2280", "GN.7", 2024): None,
        ("2280", "GN.1a", 2024): 1.2,
        ("2280", "GN.11", 2024): 41.0,
    }


def test_a_county_csv_takes_its_year_from_the_option(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "lan.csv"
    path.write_bytes(
        "Kommun;Skyddad natur (%);Ekologiska livsmedel\r\n"
        "Ånge;12,5;35\r\n"
        "Sundsvall;4,2;28,5\r\n"
        "Medel;8,35;31,75\r\n".encode("cp1252")
    )
    code, output = run_import(miljomal, str(path))
    assert code == 1
    assert [p[1] for p in found(output)] == ["summary-row-ignored", "no-year"]
    code, output = run_import(miljomal, str(path), "--year", "2023")
    assert code == 0, output
    # Both names exist in both sets; 2023's default set decides: GN.5 and GN.10 there.
    assert stored(store) == {
        ("2260", "GN.5", 2023): 12.5,
        ("2260", "GN.10", 2023): 35.0,
        ("2281", "GN.5", 2023): 4.2,
        ("2281", "GN.10", 2023): 28.5,
    }


def test_the_year_after_every_header(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = county_workbook(
        tmp_path / "utdrag.xlsx",
        ["Kommunkod", "Skyddad natur 2022", "Ekologiska livsmedel 2022"],
        [["2260", 12.0, 30]],
        title=None,
    )
    code, output = run_import(miljomal, str(path))
    assert code == 0, output
    assert stored(store) == {("2260", "GN.6", 2022): 12.0, ("2260", "GN.11", 2022): 30.0}


def test_an_unsure_header_is_refused_with_a_suggestion_never_guessed(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = county_workbook(
        tmp_path / "sammanstallning.xlsx",
        [
            "Kommun",
            "Skyddad natur",
            "Andel ekologiska livsmedel i kommunens verksamhet",
            "Mängd hushållsavfall (ton)",
        ],
        [["Ånge", 12.5, 35, 4100], ["Timrå", 3.1, 20, 3900]],
        title="Gröna nyckeltal 2024",
    )
    code, output = run_import(miljomal, str(path))
    assert code == 1
    assert found(output) == [
        ("error", "unknown-indicator", "Länet!C3"),
        ("error", "unknown-indicator", "Länet!D3"),
    ]
    messages = [p["message"] for p in output["files"][0]["problems"]]
    # A 2024 file is read in the 2023 set, whose codes the suggestions name.
    assert "menade du GN.10 Ekologiska livsmedel" in messages[0]
    assert "menade du GN.6a Mängd hushållsavfall" in messages[1]
    assert stored(store) == {}


def test_indicators_as_rows_and_municipalities_as_columns(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = county_workbook(
        tmp_path / "transponerad.xlsx",
        ["Indikator", "Ånge", "Timrå kommun", "Länet totalt"],
        [["GN.6", 12.5, 3.1, 7.8], ["Ekologiska livsmedel", 35, 20, 27.5]],
        title="Gröna nyckeltal 2024, Västernorrlands län",
    )
    code, output = run_import(miljomal, str(path))
    assert code == 0, output
    assert found(output) == [
        ("warning", "summary-row-ignored", "Länet!3:3"),
        ("warning", "read-as-set", None),  # GN.6 exists only in the 2012 set
    ]
    assert stored(store) == {
        ("2260", "GN.6", 2024): 12.5,
        ("2262", "GN.6", 2024): 3.1,
        ("2260", "GN.11", 2024): 35.0,
        ("2262", "GN.11", 2024): 20.0,
    }


def test_an_unreadable_table_names_the_layouts_and_where_the_guide_shows_them(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "kontakter.csv"
    path.write_bytes("Ansvarig;Telefon\r\nAnna;060-123 45\r\n".encode("cp1252"))
    code, output = run_import(miljomal, str(path))
    assert code == 1
    assert found(output) == [("error", "no-table", None)]
    message = output["files"][0]["problems"][0]["message"]
    assert "länssammanställningar" in message and "docs/import.md" in message


def test_totals_rows_of_a_county_compilation_are_skipped_with_a_warning(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    """docs/import.md: rows of totals are left out with a warning (issue 21, case 6)."""
    path = county_workbook(
        tmp_path / "lan.xlsx",
        ["Kommun", "GN.7", "GN.6"],
        [
            ["Timrå", 412, 12],
            ["Sundsvall", 300, 10],
            ["Västernorrlands län", 712, 22],
            ["Summa", 712, 22],
            ["Totalt", 712, 22],
            ["Riket", 500, 15],
        ],
        "Gröna nyckeltal 2022",
    )
    code, output = run_import(miljomal, str(path), "--year", "2022")
    assert code == 0, output
    assert found(output) == [
        ("warning", "summary-row-ignored", "Länet!6:6"),
        ("warning", "summary-row-ignored", "Länet!7:7"),
        ("warning", "summary-row-ignored", "Länet!8:8"),
        ("warning", "summary-row-ignored", "Länet!9:9"),
        # A bare GN.7 is read in 2022's set; its other meaning (2023) is named.
        ("warning", "code-meaning-changed", "Länet!B4"),
    ]
    assert stored(store) == {
        ("2262", "GN.7", 2022): 412.0,
        ("2262", "GN.6", 2022): 12.0,
        ("2281", "GN.7", 2022): 300.0,
        ("2281", "GN.6", 2022): 10.0,
    }


def test_municipality_year_and_indicators_as_columns(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    """Kommun | År | GN.7 | GN.6: each row's year from its cell (issue 21, case 6)."""
    path = tmp_path / "lan.csv"
    path.write_bytes(
        "Kommun;År;GN.7;GN.6\r\n"
        "Timrå;2022;412;12\r\n"
        "Timrå;2021;400;11\r\n"
        "Sundsvall;2022;300;10,5\r\n"
        "Västernorrlands län;2022;712;22\r\n".encode()
    )
    code, output = run_import(miljomal, str(path))
    assert code == 0, output
    assert sorted(found(output)) == [
        ("warning", "code-meaning-changed", 2),  # a bare GN.7, read in 2022's set
        ("warning", "summary-row-ignored", 5),
    ]
    assert stored(store) == {
        ("2262", "GN.7", 2022): 412.0,
        ("2262", "GN.6", 2022): 12.0,
        ("2262", "GN.7", 2021): 400.0,
        ("2262", "GN.6", 2021): 11.0,
        ("2281", "GN.7", 2022): 300.0,
        ("2281", "GN.6", 2022): 10.5,
    }
