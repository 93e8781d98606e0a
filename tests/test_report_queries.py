"""Report data from the store: county comparison, municipality report, completeness, provenance.

Observations are inserted directly with Core; every number asserted is worked out by hand
in the comments.
"""

from __future__ import annotations

import datetime as dt

import pytest

COUNTY = ["2260", "2262", "2280", "2281", "2282", "2283", "2284"]
# GN.6 (higher is better) in 2024; 2282 reported `..` (missing)
GN6_2024 = {"2260": 30.0, "2262": 25.0, "2280": 20.0, "2281": 19.0, "2283": 15.0, "2284": 10.0}
GN6_2023 = {"2260": 29.0, "2262": 24.0, "2280": 19.0, "2282": 22.0, "2283": 14.0, "2284": 9.0}


@pytest.fixture
def filled(store):  # type: ignore[no-untyped-def]
    """A store with uploads, GN.6 and GN.7 values, SEkom members and the group sekom-y."""
    from sqlalchemy import insert
    from sqlalchemy import update

    from database.engine import session_scope
    from indicators.models import Observation
    from indicators.models import Upload
    from indicators.targets import indicator_id_for
    from municipalities.groups import create_group
    from municipalities.models import Municipality

    with session_scope(store) as session:
        gn6, gn7 = indicator_id_for(session, "GN.6"), indicator_id_for(session, "GN.7")
        session.execute(
            insert(Upload),
            [
                _upload(1, "sundsvall-2015-2024.xlsx", dt.datetime(2025, 1, 10, 9, 0)),
                _upload(2, "lan-2023-2024.xlsx", dt.datetime(2025, 2, 1, 14, 30)),
                _upload(3, "stockholm.xlsx", dt.datetime(2025, 6, 1, 8, 0)),
            ],
        )
        rows = [_obs("2281", gn6, 2015 + i, 10.0 + i, upload=1) for i in range(10)]
        rows[-1]["comment"] = "Ny mätmetod"
        rows += [_obs(m, gn6, 2024, v, upload=2) for m, v in GN6_2024.items() if m != "2281"]
        rows += [_obs(m, gn6, 2023, v, upload=2) for m, v in GN6_2023.items()]
        rows.append(_obs("2282", gn6, 2024, None, status="missing", upload=2))
        rows += [_obs("2281", gn7, 2022 + i, 400.0 - 10 * i, upload=1) for i in range(3)]
        rows.append(_obs("2283", gn7, 2024, None, status="not-applicable", upload=2))
        rows += [_obs("0180", gn6, 2024, 40.0, upload=3), _obs("0180", gn6, 2023, 39.0, upload=3)]
        session.execute(insert(Observation), rows)
        session.execute(
            update(Municipality)
            .where(Municipality.code.in_(["2281", "2284", "0180"]))
            .values(sekom_member=True)
        )
        create_group(session, "sekom-y", ["2281", "2284"])
    return store


def _upload(id_: int, name: str, at: dt.datetime) -> dict:
    return {
        "id": id_,
        "file_name": name,
        "sha256": f"{id_:064d}",
        "size": 100,
        "uploaded_by": "test",
        "uploaded_at": at,
        "outcome": "imported",
    }


def _obs(
    municipality: str,
    indicator_id: int,
    year: int,
    value: float | None,
    status: str = "reported",
    upload: int | None = None,
) -> dict:
    return {
        "municipality_code": municipality,
        "indicator_id": indicator_id,
        "year": year,
        "value": value,
        "status": status,
        "comment": None,
        "upload_id": upload,
    }


def test_county_comparison(filled, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from reports.queries import county_comparison

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01 00:00 UTC
    with session_scope(filled) as session:
        table = county_comparison(
            session, "22", 2024, set_code="sekom-2012", url="postgresql://lst:hemligt@db/miljo"
        )
    assert (table.county_code, table.county_name, table.year) == ("22", "Västernorrlands län", 2024)
    assert [m.code for m in table.municipalities] == COUNTY
    assert (table.municipalities[3].name, table.municipalities[3].label) == (
        "Sundsvalls kommun",
        "Sundsvall",
    )
    assert len(table.indicators) == 16 and table.indicators[0].code == "GN.1a"
    assert table.years == tuple(range(2015, 2025))

    # GN.6 2024: six reported; n = 6 gives k = 2: ranks 1-2 green, 3-4 yellow, 5-6 red
    colours = {m: table.colour(m, "GN.6") for m in COUNTY}
    assert colours == {
        "2260": "green", "2262": "green", "2280": "yellow", "2281": "yellow",
        "2282": "grey", "2283": "red", "2284": "red",
    }  # fmt: skip
    assert {m: table.cells[(m, "GN.6")].rank for m in COUNTY} == {
        "2260": 1, "2262": 2, "2280": 3, "2281": 4, "2282": None, "2283": 5, "2284": 6,
    }  # fmt: skip
    assert table.cells[("2282", "GN.6")].status == "missing"
    assert table.cells[("2260", "GN.7")].status == "absent"
    assert table.cells[("2283", "GN.7")].status == "not-applicable"
    assert table.cells[("2281", "GN.6")].comment == "Ny mätmetod"
    # mean (30+25+20+19+15+10)/6 = 119/6; median of six: (20+19)/2
    assert table.averages["GN.6"] == pytest.approx(119 / 6)
    assert table.medians["GN.6"] == 19.5
    assert table.reported["GN.6"] == 6
    # GN.7: only 2281 (380) -> rank 1 of 1, but 1 of 7 is under half the county: grey
    assert table.cells[("2281", "GN.7")].value == 380.0
    assert table.colour("2281", "GN.7") == "grey"
    assert (table.averages["GN.7"], table.medians["GN.7"]) == (380.0, 380.0)
    assert table.averages["GN.1a"] is None and table.reported["GN.1a"] == 0

    # recompute every shown value from the inserted data
    for municipality, value in GN6_2024.items():
        assert table.value(municipality, "GN.6") == value
    assert table.series["GN.6"]["2281"].reported() == [(2015 + i, 10.0 + i) for i in range(10)]
    assert table.series["GN.6"]["2260"].values == [None] * 8 + [29.0, 30.0]
    # county mean 2023: (29+24+19+18+22+14+9)/7 = 135/7; 2015-2022 only Sundsvall
    average = table.county_average["GN.6"]
    assert average.value_in(2023) == pytest.approx(135 / 7)
    assert average.counts[2023] == 7 and average.counts[2015] == 1
    assert average.value_in(2015) == 10.0

    # provenance: GN.6 10 + 5 + 6 and GN.7 3 reported values; Stockholm's upload is not used
    assert table.provenance.value_count == 24
    assert table.provenance.newest_upload is not None
    assert table.provenance.newest_upload.file_name == "lan-2023-2024.xlsx"
    assert table.provenance.made_at == dt.datetime(2025, 1, 1, 0, 0)
    assert table.provenance.database == "postgresql://lst@db/miljo"
    assert table.provenance.line("en").startswith(
        "Made 2025-01-01 00:00 UTC from postgresql://lst@db/miljo, 24 values; "
        "newest upload lan-2023-2024.xlsx (2025-02-01 14:30 UTC)"
    )


def test_county_table_reads_only_its_year(filled) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    from database.engine import session_scope
    from reports.queries import county_comparison
    from reports.queries import county_table

    statements: list[str] = []
    event.listen(filled, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with session_scope(filled) as session:
        table = county_table(session, "22", 2024, set_code="sekom-2012")
    assert not any("year <=" in s for s in statements)
    assert {m: table.value(m, "GN.6") for m in GN6_2024} == GN6_2024
    assert table.averages["GN.6"] == pytest.approx(119 / 6) and table.medians["GN.6"] == 19.5
    assert table.cells[("2281", "GN.6")].comment == "Ny mätmetod"
    # the report year's values only: GN.6 6 reported, GN.7 1 (Sundsvall's 380)
    assert table.provenance.value_count == 7
    with session_scope(filled) as session:
        full = county_comparison(session, "22", 2024, set_code="sekom-2012")
    assert full.cells == table.cells
    assert (full.averages, full.medians, full.reported) == (
        table.averages,
        table.medians,
        table.reported,
    )


def test_county_comparison_since_limits_the_series(filled) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from reports.queries import county_comparison

    with session_scope(filled) as session:
        table = county_comparison(
            session, "Västernorrland", 2023, set_code="sekom-2012", since=2020
        )
    assert table.years == (2020, 2021, 2022, 2023)
    assert table.series["GN.6"]["2281"].reported() == [
        (2020, 15.0),
        (2021, 16.0),
        (2022, 17.0),
        (2023, 18.0),
    ]
    # 2023: 2282 (22) is now ranked; seven values, 2 green: 2260 (29) and 2262 (24)
    assert table.colour("2282", "GN.6") == "yellow"
    assert table.cells[("2262", "GN.6")].rank == 2
    assert table.medians["GN.6"] == 19.0


def test_municipality_report(filled, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from indicators.targets import indicator_id_for
    from indicators.targets import set_target
    from reports.queries import municipality_report_data

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    with session_scope(filled) as session:
        gn6 = indicator_id_for(session, "GN.6")
        set_target(session, gn6, 30.0, 2030, county_code="22", base_year=2015)
    with session_scope(filled) as session:
        report = municipality_report_data(session, "Sundsvall", set_code="sekom-2012")
    assert (report.municipality_code, report.municipality_name) == ("2281", "Sundsvalls kommun")
    assert report.municipality_short_name == "Sundsvall"
    assert (report.county_code, report.year, report.sekom_member) == ("22", 2024, True)
    assert report.years == tuple(range(2015, 2025))
    assert len(report.rows) == 16
    row = {r.indicator.code: r for r in report.rows}["GN.6"]
    assert (row.latest_year, row.latest_value) == (2024, 19.0)
    assert (row.baseline_year, row.baseline_value) == (2015, 10.0)
    assert row.trend.judgement == "improving" and row.trend.slope_per_year == 1.0
    assert (row.rank, row.rank_of, row.colour) == (4, 6, "yellow")
    assert row.county_average == pytest.approx(119 / 6)
    # SEkom members with 2024 values: 2281 (19), 2284 (10), 0180 (40)
    assert row.sekom_average == 23.0
    assert row.group_averages == {"sekom-y": 14.5}
    assert row.comment == "Ny mätmetod" and row.status == "reported"
    # county target: 10 -> 30 over 2015-2030: expected 10 + 20 * 9/15 = 22 in 2024; 19 is behind
    assert row.target is not None and row.target.owner == "county"
    assert row.target.expected_now == pytest.approx(22.0)
    assert row.target.on_track is False
    assert report.comments("GN.6") == {2024: "Ny mätmetod"}
    assert report.series["GN.6"].reported()[-1] == (2024, 19.0)
    assert report.county_average["GN.6"].series.value_in(2023) == pytest.approx(135 / 7)
    assert report.county_average["GN.6"].label() == "Länssnitt"
    assert report.sekom_average["GN.6"].series.value_in(2023) == pytest.approx((18 + 9 + 39) / 3)
    assert report.group_averages["sekom-y"]["GN.6"].series.value_in(2015) == 10.0

    gn7 = {r.indicator.code: r for r in report.rows}["GN.7"]
    assert gn7.trend.judgement == "too-few-values"
    # Ranked first, but among 1 of 7: too few for a rank colour.
    assert (gn7.latest_value, gn7.rank, gn7.colour, gn7.target) == (380.0, 1, "grey", None)
    empty = {r.indicator.code: r for r in report.rows}["GN.1a"]
    assert (empty.latest_value, empty.colour, empty.trend.n) == (None, "grey", 0)
    # Sundsvall's own reported values in 2015-2024: 10 of GN.6 and 3 of GN.7
    assert report.provenance.value_count == 13
    assert report.provenance.newest_upload.file_name == "sundsvall-2015-2024.xlsx"  # type: ignore[union-attr]

    # a municipality target replaces the county's: 10 -> 20, expected 16 in 2024: on track
    with session_scope(filled) as session:
        set_target(session, gn6, 20.0, 2030, municipality_code="2281", base_year=2015)
    with session_scope(filled) as session:
        report = municipality_report_data(
            session, "2281", year=2024, since=2018, set_code="sekom-2012"
        )
    row = {r.indicator.code: r for r in report.rows}["GN.6"]
    assert row.target is not None and row.target.owner == "municipality"
    assert (row.target.base_value, row.target.expected_now, row.target.on_track) == (
        10.0,
        pytest.approx(16.0),
        True,
    )
    assert report.years == tuple(range(2018, 2025))
    assert (row.trend.baseline_year, row.trend.n) == (2018, 7)


def test_municipality_report_of_an_earlier_year(filled) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from reports.queries import municipality_report_data

    with session_scope(filled) as session:
        report = municipality_report_data(session, "2282", year=2024, set_code="sekom-2012")
    row = {r.indicator.code: r for r in report.rows}["GN.6"]
    # 2282 reported `..` for 2024: the latest value is 2023's, grey in 2024's ranking
    assert (row.latest_year, row.latest_value, row.status) == (2023, 22.0, "missing")
    assert (row.rank, row.colour) == (None, "grey")
    assert row.county_average == pytest.approx(135 / 7)  # compared in 2023, like with like
    assert row.group_averages == {}


def test_completeness(filled) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from reports.queries import completeness

    with session_scope(filled) as session:
        result = completeness(session, "22", 2024, set_code="sekom-2012")
        everyone = completeness(session, None, 2024, set_code="sekom-2012")
    assert result.cells[("2281", "GN.6")] == "reported"
    assert result.cells[("2282", "GN.6")] == "missing"
    assert result.cells[("2283", "GN.7")] == "not-applicable"
    assert result.cells[("2260", "GN.7")] == "absent"
    assert result.rate_by_indicator["GN.6"] == pytest.approx(6 / 7)
    assert result.rate_by_indicator["GN.7"] == pytest.approx(1 / 6)
    assert result.rate_by_indicator["GN.1a"] == 0.0
    # Sundsvall: GN.6 and GN.7 of 16 indicators; Sollefteå: GN.6 of 15 applicable
    assert result.rate_by_municipality["2281"] == 2 / 16
    assert result.rate_by_municipality["2283"] == pytest.approx(1 / 15)
    # 6 + 1 reported of 7 * 16 - 1 applicable
    assert result.rate == pytest.approx(7 / 111)
    assert len(result.to_chase) == 7 * 16 - 1 - 7
    assert ("2282", "GN.6") in result.to_chase
    assert result.provenance is not None and result.provenance.value_count == 7
    assert len(everyone.municipalities) == 290
    assert everyone.county_code is None
    assert everyone.cells[("0180", "GN.6")] == "reported"
    assert everyone.provenance.value_count == 8  # type: ignore[union-attr]


def test_provenance_of_the_whole_store(filled, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from database.engine import safe_url
    from database.engine import session_scope
    from reports.queries import provenance

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with session_scope(filled) as session:
        found = provenance(session, "sqlite:///x.db")
    assert found.value_count == 26  # 24 in the county + Stockholm's 2
    assert found.newest_upload is not None and found.newest_upload.file_name == "stockholm.xlsx"
    assert found.made_at >= before and found.made_at.microsecond == 0
    assert found.line().startswith("Skapad ")
    assert "26 värden; senaste uppladdning stockholm.xlsx (2025-06-01 08:00 UTC)." in found.line()
    assert safe_url("postgresql+psycopg://u:p%40ss@h:5432/db?sslmode=require") == (
        "postgresql+psycopg://u@h:5432/db?sslmode=require"
    )


def test_unknown_county_and_empty_store(store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from municipalities.errors import UnknownCounty
    from reports.errors import ReportError
    from reports.queries import municipality_report_data

    with session_scope(store) as session:
        with pytest.raises(UnknownCounty):
            from reports.queries import county_comparison

            county_comparison(session, "99", 2024)
        with pytest.raises(ReportError, match="no values stored for municipality 2281"):
            municipality_report_data(session, "2281")
