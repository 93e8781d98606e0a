"""Targets: the straight path and on-track judgement, storing targets, target files, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reports.analysis import target_status

# --- the path and on-track judgement (pure) -------------------------------------------------

LOWER_SERIES = [(2013, 25.0), (2015, 20.0), (2016, None), (2020, 17.0), (2024, 15.0)]


def test_path_from_base_year_to_target() -> None:
    status = target_status(LOWER_SERIES, "lower", 12.0, 2030, base_year=2015)
    assert (status.base_year, status.base_value) == (2015, 20.0)
    assert status.path[0] == (2015, 20.0)
    assert status.path[-1] == (2030, 12.0)
    assert len(status.path) == 16
    # 20 - 8 * 9/15 = 15.2 expected in 2024; 15.0 is lower, so better: on track
    assert (status.latest_year, status.latest_value) == (2024, 15.0)
    assert status.expected_now == pytest.approx(15.2)
    assert status.on_track is True
    assert status.sentence() == "I fas med målet"
    assert status.sentence("en") == "On track for the target"


def test_behind_the_path_when_lower_is_better() -> None:
    series = [*LOWER_SERIES[:-1], (2024, 15.5)]
    status = target_status(series, "lower", 12.0, 2030, base_year=2015)
    assert status.expected_now == pytest.approx(15.2)
    assert status.on_track is False
    assert status.sentence() == "Efter målkurvan"


def test_base_year_defaults_to_first_year_with_value() -> None:
    status = target_status([(2010, None), *LOWER_SERIES], "lower", 12.0, 2030)
    assert (status.base_year, status.base_value) == (2013, 25.0)
    # 25 - 13 * 11/17 = 16.588...: 15.0 is on track
    assert status.expected_now == pytest.approx(25 - 13 * 11 / 17)
    assert status.on_track is True


def test_higher_is_better_and_exactly_on_path_counts_as_on_track() -> None:
    series = [(2020, 40.0), (2021, 45.0), (2022, 50.0)]
    status = target_status(series, "higher", 60.0, 2024)
    assert status.path == ((2020, 40.0), (2021, 45.0), (2022, 50.0), (2023, 55.0), (2024, 60.0))
    assert status.expected_now == 50.0 and status.on_track is True
    behind = target_status([*series[:2], (2022, 49.9)], "higher", 60.0, 2024)
    assert behind.on_track is False


def test_after_the_target_year_the_target_value_is_expected() -> None:
    status = target_status([(2015, 10.0), (2031, 11.5)], "higher", 12.0, 2030)
    assert status.expected_now == 12.0 and status.on_track is False
    assert status.path[-1] == (2030, 12.0)


def test_until_limits_the_latest_value() -> None:
    status = target_status(LOWER_SERIES, "lower", 12.0, 2030, base_year=2015, until=2020)
    assert (status.latest_year, status.latest_value) == (2020, 17.0)
    # 20 - 8 * 5/15 = 17.333: 17.0 on track
    assert status.expected_now == pytest.approx(20 - 8 * 5 / 15)
    assert status.on_track is True


def test_no_base_value_cannot_be_judged() -> None:
    status = target_status(LOWER_SERIES, "lower", 12.0, 2030, base_year=2016)
    assert (status.base_year, status.base_value) == (2016, None)
    assert (status.expected_now, status.on_track, status.path) == (None, None, ())
    assert status.sentence() == "Kan inte bedömas"
    empty = target_status([], "lower", 12.0, 2030)
    assert (empty.base_year, empty.on_track, empty.latest_value) == (None, None, None)


def test_base_year_after_the_report_year_cannot_be_judged() -> None:
    status = target_status([(2015, 20.0), (2018, 19.0)], "lower", 12.0, 2030, base_year=2015)
    assert status.expected_now == pytest.approx(18.4) and status.on_track is False
    early = target_status([(2015, 20.0)], "lower", 12.0, 2030, base_year=2015, until=2014)
    assert early.base_value is None and early.on_track is None


# --- the store ------------------------------------------------------------------------------


def _indicator_id(session, code: str) -> int:  # type: ignore[no-untyped-def]
    from indicators.targets import indicator_id_for

    return indicator_id_for(session, code)


def test_set_replace_and_list_targets(store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from indicators.targets import effective_targets
    from indicators.targets import list_targets
    from indicators.targets import set_target

    with session_scope(store) as session:
        gn6 = _indicator_id(session, "GN.6")
        gn2 = _indicator_id(session, "gn2")
        record, replaced = set_target(session, gn6, 12.0, 2030, municipality_code="2281")
        assert replaced is False and record.owner == "municipality"
        set_target(session, gn6, 10.0, 2030, county_code="22", base_year=2015, user="lst")
        set_target(session, gn2, 300.0, 2030, county_code="22")
    with session_scope(store) as session:
        record, replaced = set_target(
            session, gn6, 14.5, 2035, municipality_code="2281", base_year=2012, user="anna"
        )
        assert replaced is True
    with session_scope(store) as session:
        listed = list_targets(session)
        assert [
            (r.owner_code, r.indicator_code, r.target_value, r.target_year) for r in listed
        ] == [
            ("22", "GN.2", 300.0, 2030),
            ("22", "GN.6", 10.0, 2030),
            ("2281", "GN.6", 14.5, 2035),
        ]
        own = list_targets(session, municipality_code="2281")
        assert [(r.base_year, r.created_by) for r in own] == [(2012, "anna")]
        effective = effective_targets(session, "2281")
        assert effective[gn6].municipality_code == "2281"
        assert effective[gn2].county_code == "22"
        own_or_county = {
            i for i, r in effective_targets(session, "2260").items() if r.owner != "national"
        }
        assert own_or_county == {gn6, gn2}
        # Elsewhere only the national targets shipped with the 2023 set apply.
        national = effective_targets(session, "0114")
        assert sorted((r.indicator_code, r.owner) for r in national.values()) == [
            ("GN.10", "national"),
            ("GN.1a", "national"),
            ("GN.3", "national"),
        ]


def test_impossible_targets_are_refused(store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from indicators.targets import InvalidTargetError
    from indicators.targets import set_target

    with session_scope(store) as session:
        gn6 = _indicator_id(session, "GN.6")
        with pytest.raises(InvalidTargetError, match="either one municipality or one county"):
            set_target(session, gn6, 12.0, 2030)
        with pytest.raises(InvalidTargetError, match="either one municipality or one county"):
            set_target(session, gn6, 12.0, 2030, municipality_code="2281", county_code="22")
        with pytest.raises(InvalidTargetError, match="base year 2030 must come before"):
            set_target(session, gn6, 12.0, 2030, municipality_code="2281", base_year=2030)
        with pytest.raises(InvalidTargetError, match="target year 30 is not plausible"):
            set_target(session, gn6, 12.0, 30, municipality_code="2281")
        with pytest.raises(InvalidTargetError, match="not a number"):
            set_target(session, gn6, float("nan"), 2030, municipality_code="2281")


def test_load_target_file_csv(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from indicators.targets import list_targets
    from intake.targets_file import load_target_file

    path = tmp_path / "mål.csv"
    path.write_text(
        "kommun;län;indikator;målvärde;målår;basår\n"
        "2281;;GN.6;12,5;2030;2015\n"
        "Örnsköldsvik;;GN.2;300;2030;\n"
        ";22;GN.6;10;2030;\n",
        encoding="utf-8",
    )
    with session_scope(store) as session:
        summary = load_target_file(session, path, user="lst")
    assert (summary.created, summary.replaced) == (3, 0)
    with session_scope(store) as session:
        listed = list_targets(session)
        assert [
            (r.owner_code, r.indicator_code, r.target_value, r.target_year, r.base_year)
            for r in listed
        ] == [
            ("22", "GN.6", 10.0, 2030, None),
            ("2281", "GN.6", 12.5, 2030, 2015),
            ("2284", "GN.2", 300.0, 2030, None),
        ]
        again = load_target_file(session, path)
    assert (again.created, again.replaced) == (0, 3)


def test_load_target_file_xlsx_english_headers(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    from database.engine import session_scope
    from indicators.targets import list_targets
    from intake.targets_file import load_target_file

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Targets"
    sheet.append(["Municipality", "Indicator", "Target value", "Target year", "Base year"])
    sheet.append([2281, "GN.6", 12, 2030, 2015])
    sheet.append(["2260", "GN.3", 0.5, 2028, None])
    path = tmp_path / "targets.xlsx"
    workbook.save(path)
    with session_scope(store) as session:
        summary = load_target_file(session, path)
        assert summary.total == 2
        listed = list_targets(session)
    assert [(r.owner_code, r.indicator_code, r.target_value) for r in listed] == [
        ("2260", "GN.3", 0.5),
        ("2281", "GN.6", 12.0),
    ]


def test_target_file_problems_are_all_reported_and_nothing_written(  # type: ignore[no-untyped-def]
    store, tmp_path: Path
) -> None:
    from database.engine import session_scope
    from indicators.targets import TargetFileError
    from indicators.targets import list_targets
    from intake.targets_file import load_target_file

    path = tmp_path / "targets.csv"
    path.write_text(
        "kommun,län,indikator,målvärde,målår,basår\n"
        "2281,,GN.6,12,2030,2015\n"  # fine, but the file as a whole is refused
        "9999,,GN.6,12,2030,\n"
        "2281,22,GN.6,12,2030,\n"
        "2260,,GN.99,12,2030,\n"
        "2260,,GN.2,tolv,2030,\n"
        "2260,,GN.3,12,2030,2031\n"
        ",,GN.3,12,20x0,\n"
        "2281,,gn6,13,2031,\n",
        encoding="utf-8",
    )
    with session_scope(store) as session, pytest.raises(TargetFileError) as caught:
        load_target_file(session, path)
    assert caught.value.problems.flat() == [
        ("error", "unknown-municipality", "3"),
        ("error", "two-owners", "4"),
        ("error", "unknown-indicator", "5"),
        ("error", "invalid-target-value", "6"),
        ("error", "base-year-after-target", "7"),
        ("error", "no-owner", "8"),
        ("error", "invalid-target-year", "8"),
        ("error", "duplicate-target", "9"),
    ]
    assert "nothing was written" in str(caught.value)
    with session_scope(store) as session:
        assert list_targets(session) == []


def test_target_file_problems_name_cells_in_xlsx(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    from database.engine import session_scope
    from indicators.targets import TargetFileError
    from intake.targets_file import load_target_file

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Mål"
    sheet.append(["kommun", "indikator", "målvärde", "målår", "färg"])
    sheet.append([2281, "GN.6", "mycket", 2030, None])
    path = tmp_path / "mål.xlsx"
    workbook.save(path)
    with session_scope(store) as session, pytest.raises(TargetFileError) as caught:
        load_target_file(session, path)
    assert caught.value.problems.flat() == [
        ("error", "unknown-column", "Mål!E1"),
        ("error", "invalid-target-value", "Mål!C2"),
    ]


def test_missing_columns(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from indicators.targets import TargetFileError
    from intake.targets_file import load_target_file

    path = tmp_path / "targets.csv"
    path.write_text("indikator;målvärde\nGN.6;12\n", encoding="utf-8")
    with session_scope(store) as session, pytest.raises(TargetFileError) as caught:
        load_target_file(session, path)
    assert caught.value.problems.errors[0].message("en") == "Columns missing: kommun/län, year."


# --- the CLI --------------------------------------------------------------------------------


def test_cli_set_and_list(miljomal) -> None:  # type: ignore[no-untyped-def]
    result = miljomal(
        "targets", "set", "--municipality", "2281", "--indicator", "GN.6",
        "--value", "12,5", "--year", "2030", "--base-year", "2015", "--user", "anna",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == "Satte mål för kommun 2281, GN.6: 12,5 till 2030 (basår 2015)\n"
    result = miljomal(
        "targets", "set", "--county", "Västernorrland", "--indicator", "GN.6",
        "--value", "10", "--year", "2030",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Satte mål för län 22, GN.6: 10 till 2030")
    result = miljomal("targets", "list", "--municipality", "2281", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [
        (d["municipality"], d["indicator"], d["target_value"], d["base_year"]) for d in data
    ] == [("2281", "GN.6", 12.5, 2015)]
    assert data[0]["created_by"] == "anna"
    table = miljomal("targets", "list").output.splitlines()
    assert table[0].split() == ["ägare", "indikator", "målvärde", "målår", "basår"]
    assert table[1].split() == ["län", "22", "GN.6", "10", "2030"]
    assert table[2].split() == ["2281", "GN.6", "12,5", "2030", "2015"]
    english = miljomal("targets", "list", "--lang", "en").output.splitlines()
    assert english[0].split() == ["owner", "indicator", "target", "year", "base", "year"]
    assert english[2].split() == ["2281", "GN.6", "12.5", "2030", "2015"]


def test_cli_usage_errors(miljomal) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("targets", "set", "--indicator", "GN.6", "--value", "1", "--year", "2030")
    assert result.exit_code == 2
    assert "ange exakt en av --municipality och --county" in result.output
    result = miljomal(
        "targets", "set", "--municipality", "2281", "--indicator", "GN.6",
        "--value", "tolv", "--year", "2030",
    )  # fmt: skip
    assert result.exit_code == 2
    result = miljomal(
        "targets", "set", "--municipality", "2281", "--indicator", "GN.66",
        "--value", "1", "--year", "2030",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "okänd indikator 'GN.66'" in result.output


def test_cli_load(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "mål.csv"
    good.write_text("kommun;indikator;målvärde;målår\n2281;GN.6;12;2030\n", encoding="utf-8")
    result = miljomal("targets", "load", str(good))
    assert result.exit_code == 0, result.output
    assert result.output == "Läste in 1 mål från mål.csv (1 nya, 0 ersatta).\n"
    bad = tmp_path / "fel.csv"
    bad.write_text("kommun;indikator;målvärde;målår\n2281;GN.66;12;2030\n", encoding="utf-8")
    result = miljomal("targets", "load", str(bad))
    assert result.exit_code == 1
    assert "fel: fel.csv, rad 2: Okänd indikator 'GN.66'. [unknown-indicator]" in result.output
    assert "Fel: fel.csv: 1 fel; inget har sparats" in result.output
