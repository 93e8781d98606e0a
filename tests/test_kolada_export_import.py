"""A Kolada export file (kpi;municipality;period;value, ids like U07801) is recognised by import.

Mapped KPIs are read through the mapping table (`kolada map load`): the row's year decides
the set, so U07801 is sekom-2012 GN.7 for 2020 and sekom-2023 GN.6a for 2024, and the value
is Kolada's times the mapping's factor.  An unmapped KPI is an error naming the cell and
how to map and fetch it; in the portal and the API, that the county board fetches these.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from portal import TIMRA
from portal import make_portal
from portal import stored
from test_web_api import _post
from test_web_api import _token

EXPORT = "kpi;municipality;period;value\n"


def export_file(path: Path, *rows: str) -> Path:
    path.write_text(EXPORT + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


def test_mapped_kpis_are_read_through_the_mapping_table(
    miljomal, store_url, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert miljomal("kolada", "map", "load", "--user", "lst").exit_code == 0
    path = export_file(tmp_path / "kolada.csv", "U07801;2281;2020;435.5", "U07801;2281;2024;401")
    result = miljomal("import", str(path), "--user", "anna")
    assert result.exit_code == 0, result.output
    assert f"importerad {path}: 2 nya, 0 ändrade, 0 oförändrade" in result.output
    assert stored(store_url, "2281", "GN.7", 2020) == (435.5, "reported", None)
    assert stored(store_url, "2281", "GN.6a", 2024) == (401.0, "reported", None)


def test_a_mapping_factor_converts_kolada_s_value(miljomal, store_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mapping = tmp_path / "egen.csv"
    mapping.write_text(
        "set;kod;kolada_kpi;faktor;kön;källa;verifierad\n"
        "sekom-2012;GN.7;U07801;0.5;T;Egen koppling för testet;nej\n",
        encoding="utf-8",
    )
    loaded = miljomal("kolada", "map", "load", str(mapping), "--user", "lst")
    assert loaded.exit_code == 0, loaded.output
    path = export_file(tmp_path / "kolada.csv", "U07801;2281;2020;435")
    assert miljomal("import", str(path), "--user", "anna").exit_code == 0
    assert stored(store_url, "2281", "GN.7", 2020) == (217.5, "reported", None)


def test_an_unmapped_kpi_names_the_cell_and_how_to_map_and_fetch_it(
    miljomal, store_url, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert miljomal("kolada", "map", "load", "--user", "lst").exit_code == 0
    path = export_file(tmp_path / "kolada.csv", "U07801;2281;2020;435.5", "N99999;2281;2020;3")
    result = miljomal("import", str(path), "--user", "anna")
    assert result.exit_code == 1
    assert (
        f"fel: {path}, rad 3 (kpi): N99999 är ett nyckeltal från Kolada som inte är kopplat "
        "till någon indikator; koppla det med `miljomal kolada map` och hämta värdena med "
        "`miljomal kolada sync`. [kolada-kpi-not-mapped]"
    ) in result.output
    assert stored(store_url, "2281", "GN.7", 2020) is None  # the file is rejected whole
    english = miljomal("--lang", "en", "import", str(path), "--user", "anna")
    assert "map it with `miljomal kolada map` and fetch the values with `miljomal kolada sync`" in (
        english.output
    )


def test_without_mappings_every_kolada_id_is_named_unmapped(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = export_file(tmp_path / "kolada.csv", "U07801;2281;2020;435.5")
    result = miljomal("import", str(path), "--user", "anna")
    assert result.exit_code == 1
    assert "U07801 är ett nyckeltal från Kolada som inte är kopplat" in result.output
    assert "Okänd indikator" not in result.output


@pytest.fixture
def portal(store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_portal(store_url, tmp_path)


def test_the_portal_says_the_county_board_fetches_these(
    portal, store_url, miljomal, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    assert miljomal("kolada", "map", "load", "--user", "lst").exit_code == 0
    path = export_file(tmp_path / "kolada.csv", f"N99999;{TIMRA};2022;3")
    response = _post(portal.test_client(), _token(store_url, "reporter"), path)
    assert response.status_code == 422
    [problem] = json.loads(response.get_data(as_text=True))["files"][0]["problems"]
    assert problem["code"] == "kolada-kpi-not-mapped"
    assert problem["message"] == (
        "N99999 är ett nyckeltal från Kolada som inte är kopplat till någon indikator. "
        "Värden från Kolada hämtar länsstyrelsen själv; ta bort raden ur filen."
    )
    assert "miljomal" not in json.dumps(problem)
