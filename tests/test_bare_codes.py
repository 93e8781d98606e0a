"""A code asked about without a set means the set the series has values in (issue 20, case 4).

`history`, `indicators show`, `export --indicator`, the API and `miljomal.open()` share one
resolver (indicators.meanings.code_meanings): GN.8a saved for 2025 is 2023's solar cells,
not 2012's lead in sewage sludge; where both sets hold values, both are shown, each with
its set and name; `set_code=` resolves in that set before filtering.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from portal import TIMRA
from portal import make_portal
from sqlalchemy.engine import Engine

import miljomal as library

SOLAR = "Kommunorganisationens solceller"
LEAD = "Bly i avloppsslam"


def excel_csv(path: Path, *lines: str) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


@pytest.fixture
def solar_2025(miljomal, store: Engine, tmp_path: Path) -> Engine:  # type: ignore[no-untyped-def]
    """Timrå's GN.8a for 2025, saved under sekom-2023 (the year's set)."""
    path = excel_csv(tmp_path / "timra-2025.csv", "Kommun;Kod;År;Värde", "2262;GN.8a;2025;3,5")
    result = miljomal("import", str(path), "--user", "anna")
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture
def both_sets(solar_2025: Engine, miljomal, tmp_path: Path) -> Engine:  # type: ignore[no-untyped-def]
    """Timrå's GN.8a also for 2020, under sekom-2012 (lead in sewage sludge)."""
    path = excel_csv(tmp_path / "timra-2020.csv", "Kommun;Kod;År;Värde", "2262;GN.8a;2020;12,5")
    assert miljomal("import", str(path), "--user", "anna").exit_code == 0
    return solar_2025


def test_history_of_a_bare_code_finds_the_set_the_series_has_values_in(
    solar_2025: Engine, miljomal
) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(miljomal("history", "-m", "2262", "-i", "GN.8a", "--json").output)
    assert [(e["year"], e["new_value"], e["set"], e["indicator_name"]) for e in found] == [
        (2025, 3.5, "sekom-2023", SOLAR)
    ]
    table = miljomal("history", "-m", "2262", "-i", "GN.8a")
    assert table.exit_code == 0
    assert "ingen historik" not in table.output
    assert table.output.splitlines()[1].split()[:3] == ["2025", "3,5", "rapporterat"]


def test_history_shows_both_sets_each_under_its_set_and_name(both_sets: Engine, miljomal) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(miljomal("history", "-m", "2262", "-i", "GN.8a", "--json").output)
    assert [(e["year"], e["new_value"], e["set"], e["indicator_name"]) for e in found] == [
        (2020, 12.5, "sekom-2012", LEAD),
        (2025, 3.5, "sekom-2023", SOLAR),
    ]
    lines = miljomal("history", "-m", "2262", "-i", "GN.8a").output.splitlines()
    assert f"GN.8a {LEAD} (sekom-2012)" in lines
    assert f"GN.8a {SOLAR} (sekom-2023)" in lines
    english = miljomal("--lang", "en", "history", "-m", "2262", "-i", "GN.8a").output
    assert "GN.8a Solar cells of the municipal organisation (sekom-2023)" in english.splitlines()
    only = json.loads(
        miljomal("history", "-m", "2262", "-i", "GN.8a", "--set", "sekom-2012", "--json").output
    )
    assert [(e["year"], e["set"]) for e in only] == [(2020, "sekom-2012")]


def test_no_history_names_every_set_of_the_code(miljomal) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("history", "-m", "2262", "-i", "GN.8a")
    assert result.output == "ingen historik för 2262 GN.8a (sekom-2012, sekom-2023)\n"


def test_observations_with_set_code_resolve_the_code_in_that_set(
    both_sets: Engine, store_url: str
) -> None:
    store = library.open(store_url)
    new = store.observations(indicators=["GN.8a"], set_code="sekom-2023")
    assert new[["municipality", "indicator_set", "indicator", "year", "value"]].values.tolist() == [
        ["2262", "sekom-2023", "GN.8a", 2025, 3.5]
    ]
    old = store.observations(indicators=["GN.8a"], set_code="sekom-2012")
    assert old[["indicator_set", "year", "value"]].values.tolist() == [["sekom-2012", 2020, 12.5]]
    both = store.observations(indicators=["GN.8a"])
    assert both[["indicator_set", "year"]].values.tolist() == [
        ["sekom-2012", 2020],
        ["sekom-2023", 2025],
    ]


def test_observations_of_a_bare_code_keep_the_set_with_values(
    solar_2025: Engine, store_url: str
) -> None:
    frame = library.open(store_url).observations(indicators=["GN.8a"])
    assert frame[["indicator_set", "year", "value"]].values.tolist() == [["sekom-2023", 2025, 3.5]]


def test_export_of_a_bare_code_names_the_set_of_each_row(both_sets: Engine, miljomal) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(miljomal("export", "--indicator", "GN.8a", "--format", "json").output)
    assert [(r["indicator"], r["set"], r["year"], r["value"]) for r in rows] == [
        ("GN.8a", "sekom-2012", 2020, 12.5),
        ("GN.8a", "sekom-2023", 2025, 3.5),
    ]
    table = miljomal("export", "--indicator", "GN.8a", "--format", "csv").output
    read = list(csv.reader(io.StringIO(table.lstrip("\ufeff")), delimiter=";"))
    assert read[0][-1] == "Uppsättning"
    assert [(row[2], row[3], row[4], row[-1]) for row in read[1:]] == [
        ("GN.8a", "2020", "12,5", "sekom-2012"),
        ("GN.8a", "2025", "3,5", "sekom-2023"),
    ]
    solar = json.loads(
        miljomal("export", "--indicator", "GN.8a", "--set", "sekom-2023", "--format", "json").output
    )
    assert [(r["set"], r["year"]) for r in solar] == [("sekom-2023", 2025)]


def test_export_of_a_name_finds_each_sets_code(miljomal, store: Engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "natur.csv",
        "Kommun;Uppsättning;Kod;År;Värde",
        "2262;sekom-2012;GN.6;2021;6,1",
        "2262;sekom-2023;GN.5;2024;4,5",
    )
    assert miljomal("import", str(path)).exit_code == 0
    rows = json.loads(miljomal("export", "--indicator", "Skyddad natur", "--format", "json").output)
    assert [(r["indicator"], r["set"], r["year"]) for r in rows] == [
        ("GN.6", "sekom-2012", 2021),
        ("GN.5", "sekom-2023", 2024),
    ]


def test_indicators_show_a_bare_code_in_the_set_with_values(solar_2025: Engine, miljomal) -> None:  # type: ignore[no-untyped-def]
    shown = json.loads(miljomal("indicators", "show", "GN.8a", "--json").output)
    assert (shown["set"], shown["name"]) == ("sekom-2023", SOLAR)


def test_indicators_show_both_meanings_when_both_have_values(both_sets: Engine, miljomal) -> None:  # type: ignore[no-untyped-def]
    shown = json.loads(miljomal("indicators", "show", "GN.8a", "--json").output)
    assert [(row["set"], row["name"]) for row in shown] == [
        ("sekom-2012", LEAD),
        ("sekom-2023", SOLAR),
    ]
    lines = miljomal("indicators", "show", "GN.8a").output.splitlines()
    assert "uppsättning     sekom-2012" in lines and "uppsättning     sekom-2023" in lines


def test_the_api_resolves_a_bare_code_as_the_library_does(
    solar_2025: Engine, store_url: str, tmp_path: Path
) -> None:
    from sqlalchemy.orm import Session

    from accounts.users import create_api_token
    from database.engine import make_engine

    engine = make_engine(store_url)
    portal = make_portal(store_url, tmp_path)
    with Session(engine) as session, session.begin():
        token = create_api_token(session, "lars@lansstyrelsen.se")
    engine.dispose()
    client = portal.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    bare = client.get(f"/api/v1/observations?municipality={TIMRA}&indicator=GN.8a", headers=headers)
    assert [(r["set"], r["year"], r["value"]) for r in bare.get_json()] == [
        ("sekom-2023", 2025, 3.5)
    ]
    named = client.get(
        f"/api/v1/observations?municipality={TIMRA}&indicator=GN.8a&set=sekom-2023",
        headers=headers,
    )
    assert [(r["set"], r["year"]) for r in named.get_json()] == [("sekom-2023", 2025)]
    unknown = client.get("/api/v1/observations?indicator=GN.99", headers=headers)
    assert unknown.status_code == 400
    assert unknown.get_json()["error"].startswith("okänd indikator 'GN.99'")


def test_the_portal_history_of_a_bare_code_shows_each_set_with_values(
    both_sets: Engine, store_url: str, tmp_path: Path
) -> None:
    from portal import log_in

    portal = make_portal(store_url, tmp_path)
    reporter = portal.test_client()
    log_in(reporter, "reporter")
    page = reporter.get(f"/kommun/{TIMRA}/historik?indikator=GN.8a").get_data(as_text=True)
    assert f"<h3>GN.8a {LEAD} (sekom-2012)</h3>" in page
    assert f"<h3>GN.8a {SOLAR} (sekom-2023)</h3>" in page
    assert page.index("12,5") < page.index("3,5")
    one = reporter.get(f"/kommun/{TIMRA}/historik?indikator=sekom-2023:GN.8a").get_data(
        as_text=True
    )
    assert "<h3>" not in one and "3,5" in one and "12,5" not in one
