"""`miljomal.open(url)`: the store as pandas DataFrames for analysts, read-only."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func
from sqlalchemy import select

import miljomal
from database.engine import session_scope
from indicators.models import Observation
from indicators.models import Revision
from review import approval

HEADER = "Kommun;Indikator;År;Värde;Status;Kommentar"


def excel_csv(path: Path, *rows: str) -> Path:
    """A `;` CSV in cp1252, as Swedish Excel saves it."""
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


@pytest.fixture
def filled(miljomal, store, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Sundsvall's GN.7 for 2015-2022 falling (waste per person), Timrå's 2022 with `..`."""
    rows = [f"Sundsvall;GN.7;{year};{500 - 10 * (year - 2015)};;" for year in range(2015, 2023)]
    rows += ["Timrå;GN.7;2022;..;;Uppgift saknas", "Timrå;GN.6;2022;3,5;;", "Ånge;GN.7;2022;410;;"]
    result = miljomal("import", str(excel_csv(tmp_path / "v.csv", *rows)), "--user", "anna")
    assert result.exit_code == 0, result.output
    with session_scope(store) as session:
        approval.approve(session, "2281", 2022, "lena")
    return store


def test_observations_as_a_data_frame(filled, store_url: str) -> None:  # type: ignore[no-untyped-def]
    store = miljomal.open(store_url)
    frame = store.observations(county="22", indicators=["GN.7"], years=range(2015, 2025))
    assert list(frame.columns) == [
        "municipality",
        "municipality_name",
        "indicator_set",
        "indicator",
        "year",
        "value",
        "status",
        "comment",
        "approved",
    ]
    assert len(frame) == 10
    assert set(frame.indicator_set) == {"sekom-2012"}
    sundsvall = frame[frame.municipality == "2281"]
    assert sundsvall.year.tolist() == list(range(2015, 2023))
    assert sundsvall.value.tolist()[0] == 500.0
    assert sundsvall[sundsvall.year == 2022].approved.tolist() == [True]
    assert sundsvall[sundsvall.year == 2021].approved.tolist() == [False]
    [timra] = frame[frame.municipality == "2262"].itertuples()
    assert (timra.municipality_name, timra.status, timra.comment) == (
        "Timrå",
        "missing",
        "Uppgift saknas",
    )
    assert math.isnan(timra.value)
    assert frame.value.dtype == "float64" and frame.year.dtype == "int64"

    approved = store.observations(county="22", approved_only=True)
    assert approved.municipality.unique().tolist() == ["2281"]
    assert approved.year.tolist() == [2022]


def test_trends_judge_each_series(filled, store_url: str) -> None:  # type: ignore[no-untyped-def]
    frame = miljomal.open(store_url).trends(county="22", indicators=["GN.7"])
    by_code = frame.set_index("municipality")
    assert by_code.loc["2281", "judgement"] == "improving"  # less waste is better
    assert by_code.loc["2281", "baseline_year"] == 2015
    assert by_code.loc["2281", "slope_per_year"] == pytest.approx(-10.0)
    assert by_code.loc["2262", "judgement"] == "too-few-values"
    assert by_code.loc["2262", "n"] == 0


def test_completeness_of_a_county_year(filled, store_url: str) -> None:  # type: ignore[no-untyped-def]
    frame = miljomal.open(store_url).completeness("22", 2022)
    assert set(frame.municipality) == {"2260", "2262", "2280", "2281", "2282", "2283", "2284"}
    cell = frame[(frame.municipality == "2262") & (frame.indicator == "GN.7")]
    assert cell.status.tolist() == ["missing"]
    cell = frame[(frame.municipality == "2280") & (frame.indicator == "GN.7")]
    assert cell.status.tolist() == ["absent"]
    assert 0 < frame.attrs["rate"] < 1


def test_the_api_never_writes(filled, store_url: str) -> None:  # type: ignore[no-untyped-def]
    with session_scope(filled) as session:
        before = session.scalar(select(func.count()).select_from(Revision))
    store = miljomal.open(store_url)
    store.observations()
    store.trends()
    store.completeness("22", 2022)
    with session_scope(filled) as session:
        assert session.scalar(select(func.count()).select_from(Revision)) == before
        assert session.scalar(select(func.count()).select_from(Observation)) == 11


def test_opening_a_store_without_schema_says_so(tmp_path: Path) -> None:
    from database.errors import StoreError

    with pytest.raises(StoreError, match="there is no store at .*leer.db; create it with"):
        miljomal.open(f"sqlite:///{tmp_path / 'leer.db'}")
    assert not (tmp_path / "leer.db").exists()


def test_empty_selection_gives_empty_frames_with_columns(filled, store_url: str) -> None:  # type: ignore[no-untyped-def]
    store = miljomal.open(store_url)
    frame = store.observations(county="01")
    assert frame.empty and isinstance(frame, pd.DataFrame)
    assert list(frame.columns)[-1] == "approved"
    assert store.trends(county="01").empty
