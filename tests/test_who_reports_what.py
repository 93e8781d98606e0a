"""Completeness counts a municipality only for what it reports (issue 20 case 5).

In the 2023 set the municipality reports GN.2b, GN.7, GN.8a and GN.9b; the rest come from
national statistics and get their own line.  `..` is "uppgift saknas", never a value.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from database.engine import session_scope
from reports import queries
from review.matrix import reporting_matrix
from review.overview import year_overview
from review.reminders import reminders

ASKED = ["GN.2b", "GN.7", "GN.8a", "GN.9b"]
TIMRA = "2262"


def _import(miljomal, tmp_path: Path, name: str, rows: list[str], set_code: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text("kommun;kod;år;värde\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = miljomal("import", "--set", set_code, str(path))
    assert result.exit_code == 0, result.output


@pytest.fixture
def timra_2025(miljomal, store, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Timrå's four own values for 2025, one of them `..`; statistics for 7 of 9 indicators."""
    _import(
        miljomal,
        tmp_path,
        "timra-2025.csv",
        [f"{TIMRA};GN.2b;2025;90", f"{TIMRA};GN.7;2025;..", f"{TIMRA};GN.8a;2025;3,2"]
        + [f"{TIMRA};GN.9b;2025;0,5"],
        "sekom-2023",
    )
    statistics = ["GN.1a;2,1", "GN.1b;0,3", "GN.2a;40", "GN.3;20", "GN.5;6,1"]
    statistics += ["GN.6a;450", "GN.8b;120"]
    rows = [
        f"{m};{code};2025;{value}"
        for m in ("2260", TIMRA)
        for code, value in (item.split(";") for item in statistics)
    ]
    _import(miljomal, tmp_path, "scb-2025.csv", rows, "sekom-2023")
    return store


def test_completeness_counts_only_what_the_municipality_reports(timra_2025) -> None:  # type: ignore[no-untyped-def]
    with session_scope(timra_2025) as session:
        result = queries.completeness(session, "22", 2025)
    assert [i.code for i in result.indicators] == ASKED
    assert result.rate_by_municipality[TIMRA] == 0.75
    timra_chase = [key for key in result.to_chase if key[0] == TIMRA]
    assert timra_chase == [(TIMRA, "GN.7")]
    assert result.cells[(TIMRA, "GN.7")] == "missing"
    assert result.statistics_fetched == 7
    assert len(result.statistics) == 9
    data = result.to_dict()
    assert data["national_statistics"]["fetched"] == 7
    assert data["national_statistics"]["of"] == 9
    gn10 = next(i for i in data["national_statistics"]["indicators"] if i["code"] == "GN.10")
    assert gn10 == {
        "code": "GN.10",
        "name": "Ekologiska livsmedel",
        "fetched": 0,
        "of": 7,
        "kolada_kpi": None,
    }


def test_completeness_text_has_the_statistics_line(miljomal, timra_2025) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("report", "completeness", "-y", "2025")
    assert result.exit_code == 0, result.output
    assert "2025 från nationell statistik: 7 av 9 hämtade" in result.output
    assert "GN.10 Ekologiska livsmedel: värde för 0 av 7 kommuner" in result.output
    assert (
        "Timrå (2262): GN.7 Förnybar och återvunnen energi i lokaler – uppgift saknas"
        in result.output
    )
    assert "GN.1a Växthusgasutsläpp utanför utsläppshandeln –" not in result.output
    english = miljomal("--lang", "en", "report", "completeness", "-y", "2025")
    assert "2025 from national statistics: 7 of 9 fetched" in english.output


def test_statistics_name_kolada_where_mapped(miljomal, timra_2025) -> None:  # type: ignore[no-untyped-def]
    assert miljomal("kolada", "map", "load").exit_code == 0
    result = miljomal("report", "completeness", "-y", "2025")
    assert (
        "2025 från nationell statistik: 7 av 9 hämtade "
        "(från Kolada: GN.3 N00403, GN.5 N85054, GN.6a U07801)"
    ) in result.output
    assert "GN.5 Skyddad natur: värde för 2 av 7 kommuner (hämtas från Kolada, N85054)" in (
        result.output
    )


def test_reminders_and_matrix_count_only_what_the_municipality_reports(timra_2025) -> None:  # type: ignore[no-untyped-def]
    with session_scope(timra_2025) as session:
        matrix = reporting_matrix(session, "22", 2025)
        found = reminders(session, "22", 2025)
    assert matrix.indicators == ASKED
    timra = next(row for row in matrix.review.rows if row.municipality_code == TIMRA)
    assert (timra.reported, timra.missing, timra.absent, timra.expected) == (3, 1, 0, 4)
    reminder = next(r for r in found.reminders if r.municipality_code == TIMRA)
    assert (reminder.missing, reminder.absent) == (1, 0)


def test_min_kommun_counts_dot_dot_as_missing(timra_2025) -> None:  # type: ignore[no-untyped-def]
    with session_scope(timra_2025) as session:
        overview = year_overview(session, TIMRA, 2025)
        assert [row.indicator.code for row in overview.rows] == ASKED
    assert overview.missing == 1


def test_min_kommun_shows_values_sent_with_2012_codes(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # GN.9 (2012: renewable energy in municipal premises) is 2023's GN.7, same definition.
    _import(miljomal, tmp_path, "gammal.csv", [f"{TIMRA};GN.9;2024;81"], "sekom-2012")
    with session_scope(store) as session:
        overview = year_overview(session, TIMRA, 2024)
        completeness = queries.completeness(session, "22", 2024)
        row = next(row for row in overview.rows if row.indicator.code == "GN.7")
    assert row.current is not None and row.current.value == 81
    assert row.current.carried is not None
    assert row.current.carried.note() == "inrapporterat med 2012 års kod GN.9"
    assert overview.missing == 3
    assert completeness.cells[(TIMRA, "GN.7")] == "reported"
    assert (TIMRA, "GN.7") not in completeness.to_chase


def test_completeness_json_of_the_cli(miljomal, timra_2025, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "inrapportering.json"
    assert miljomal("report", "completeness", "-y", "2025", "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [i["code"] for i in data["indicators"]] == ASKED
    assert data["national_statistics"]["fetched"] == 7


def test_min_kommun_page_does_not_call_dot_dot_a_value(  # type: ignore[no-untyped-def]
    miljomal, store_url: str, tmp_path: Path
) -> None:
    from portal import log_in
    from portal import make_portal

    _import(
        miljomal,
        tmp_path,
        "timra.csv",
        [f"{TIMRA};GN.2b;2025;90", f"{TIMRA};GN.7;2025;..", f"{TIMRA};GN.8a;2025;3,2"]
        + [f"{TIMRA};GN.9b;2025;0,5"],
        "sekom-2023",
    )
    _import(miljomal, tmp_path, "gammal.csv", [f"{TIMRA};GN.9;2024;81"], "sekom-2012")
    client = make_portal(store_url, tmp_path).test_client()
    assert log_in(client, "reporter").status_code == 302
    page = client.get(f"/kommun/{TIMRA}?ar=2025").get_data(as_text=True)
    assert "Alla 4 nyckeltal har ett värde" not in page
    assert "1 av 4 nyckeltal saknar värde för 2025." in page
    page = client.get(f"/kommun/{TIMRA}?ar=2024").get_data(as_text=True)
    assert '<small class="carried">inrapporterat med 2012 års kod GN.9</small>' in page
    assert "3 av 4 nyckeltal saknar värde för 2024." in page
