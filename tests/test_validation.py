"""Validating a read file: every problem found in one pass, with its exact code and cell.

The read results are built by hand, so these tests do not depend on the spreadsheet reader.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from problem_samples import warning

from database.engine import session_scope
from indicators import store as store_module
from indicators.models import MISSING
from indicators.models import NOT_APPLICABLE
from indicators.models import REPORTED
from indicators.models import Indicator
from indicators.problems import ProblemReport
from indicators.records import CleanValue
from indicators.records import RawValue
from indicators.records import ReadResult
from indicators.records import UploadInfo
from intake.validation.check import ValidatedFile
from intake.validation.check import validate
from intake.validation.outliers import robust_z

NEXT_YEAR = dt.date.today().year + 1


def template_row(row: int, indicator: str, value: object, **extra: object) -> RawValue:
    """A value cell of the template: indicator code in A, value in E, status in F."""
    return RawValue(
        municipality=None,
        indicator=indicator,
        year=None,
        value=value,
        row=row,
        column=5,
        sheet="Värden",
        indicator_column=1,
        status_column=6,
        **extra,  # type: ignore[arg-type]
    )


def long_row(
    row: int, municipality: object, indicator: object, year: object, value: object
) -> RawValue:
    """A value of a long table on sheet Data: municipality A, indicator B, year C, value D."""
    return RawValue(
        municipality=municipality,
        indicator=indicator,
        year=year,
        value=value,
        row=row,
        column=4,
        sheet="Data",
        municipality_column=1,
        indicator_column=2,
        year_column=3,
    )


def template(*values: RawValue, municipality: object = "2281", year: object = 2024) -> ReadResult:
    return ReadResult(
        path="sundsvall-2024.xlsx",
        layout="template",
        values=list(values),
        municipality=municipality,
        year=year,
        single_municipality=True,
        indicator_set="sekom-2012",  # a template records its set
    )


def long_table(*values: RawValue) -> ReadResult:
    # These checks are about values, not sets: the file names its set, as it may.
    return ReadResult(
        path="lan-2024.xlsx", layout="long", values=list(values), indicator_set="sekom-2012"
    )


def check(engine, result: ReadResult, **options: object) -> ValidatedFile:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        return validate(result, session, **options)  # type: ignore[arg-type]


def indicator_ids(engine, set_code: str = "sekom-2012") -> dict[str, int]:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        return {i.code: i.id for i in session.query(Indicator) if i.indicator_set.code == set_code}


def stored(engine, values: list[tuple[str, str, int, float | None, str]]) -> None:  # type: ignore[no-untyped-def]
    """Store earlier values directly, as an earlier import would have."""
    ids = indicator_ids(engine)
    clean = [CleanValue(m, ids[i], y, v, s, None) for m, i, y, v, s in values]
    with session_scope(engine) as session:
        info = UploadInfo("earlier.xlsx", uuid.uuid4().hex, 1, "test")
        store_module.apply_values(session, info, clean)


def codes(report: ProblemReport) -> list[tuple[str, str, str | None]]:
    return report.flat()


# --- a clean file ----------------------------------------------------------------------------


def test_a_clean_template_gives_its_values_and_no_problems(store) -> None:  # type: ignore[no-untyped-def]
    ids = indicator_ids(store)
    result = template(
        template_row(7, "GN.6", 5.8, comment="  Enligt SCB  "),
        template_row(8, "GN.7", "1 234,5"),
        template_row(9, "GN.4", None, status=".. uppgift saknas"),
        template_row(10, "GN.5", "."),
    )
    checked = check(store, result)
    assert checked.report.problems == []
    assert checked.municipalities == ["2281"]
    assert checked.years == [2024]
    assert [(v.indicator_id, v.value, v.status, v.comment, v.row) for v in checked.values] == [
        (ids["GN.6"], 5.8, REPORTED, "Enligt SCB", 7),
        (ids["GN.7"], 1234.5, REPORTED, None, 8),
        (ids["GN.4"], None, MISSING, None, 9),
        (ids["GN.5"], None, NOT_APPLICABLE, None, 10),
    ]


def test_percent_formatted_cells_of_percent_indicators_are_scaled(store) -> None:  # type: ignore[no-untyped-def]
    result = template(
        template_row(7, "GN.6", 0.125, percent_format=True),  # % indicator: 12,5 %
        template_row(8, "GN.7", 0.5, percent_format=True),  # kg/person: as stored
    )
    checked = check(store, result)
    assert [v.value for v in checked.values] == [12.5, 0.5]


def test_names_and_codes_resolve_in_a_long_table(store) -> None:  # type: ignore[no-untyped-def]
    ids = indicator_ids(store)
    result = long_table(
        long_row(2, "Sundsvall", "Skyddad natur", "2023", "5,5"),
        long_row(3, 2262, "gn 6", 2023.0, 7),
        long_row(4, "2281 Sundsvall", "GN.6", 2024, "6"),
    )
    checked = check(store, result)
    assert checked.report.problems == []
    assert [(v.municipality_code, v.indicator_id, v.year, v.value) for v in checked.values] == [
        ("2281", ids["GN.6"], 2023, 5.5),
        ("2262", ids["GN.6"], 2023, 7.0),
        ("2281", ids["GN.6"], 2024, 6.0),
    ]
    assert checked.municipalities == ["2262", "2281"]
    assert checked.years == [2023, 2024]


# --- errors, each with its cell ---------------------------------------------------------------


def test_every_problem_of_a_broken_file_in_one_pass(store) -> None:  # type: ignore[no-untyped-def]
    result = long_table(
        long_row(2, "Sundsvalll", "GN.6", 2024, 5),
        long_row(3, "Timrå", "GN.13", 2024, 5),
        long_row(4, "Timrå", "GN.6", 1985, 5),
        long_row(5, "Timrå", "GN.6", "tjugo", 5),
        long_row(6, "Timrå", "GN.6", NEXT_YEAR + 1, 5),
        long_row(7, "Timrå", "GN.4", 2024, "abc"),
        long_row(8, "Timrå", "GN.4", 2023, 120),
        long_row(9, "Timrå", "GN.7", 2024, dt.datetime(2024, 3, 1)),
        long_row(10, "Timrå", "GN.7", 2023, True),
        long_row(11, "Timrå", "GN.5", 2024, "1e400"),
    )
    checked = check(store, result)
    assert codes(checked.report) == [
        ("error", "unknown-municipality", "Data!A2"),
        ("error", "unknown-indicator", "Data!B3"),
        ("error", "year-out-of-range", "Data!C4"),
        ("error", "bad-year", "Data!C5"),
        ("error", "year-out-of-range", "Data!C6"),
        ("error", "not-a-number", "Data!D7"),
        ("error", "out-of-range", "Data!D8"),
        ("error", "date-in-value", "Data!D9"),
        ("error", "boolean-in-value", "Data!D10"),
        ("error", "not-finite", "Data!D11"),
    ]
    assert checked.values == []
    messages = {p.code: (p.message("sv"), p.message("en")) for p in checked.report.problems}
    assert "(menade du Sundsvall" in messages["unknown-municipality"][0]
    assert "(did you mean Sundsvall" in messages["unknown-municipality"][1]
    assert "GN.1" in messages["unknown-indicator"][0]  # GN.13 -> GN.1a, GN.1b, ...
    assert "1990–" in messages["year-out-of-range"][0]
    assert messages["out-of-range"][0] == (
        "Värdet 120 ligger utanför det giltiga intervallet 0–100 för GN.4 (%)."
    )
    assert "'abc'" in messages["not-a-number"][0]
    assert "2024-03-01" in messages["date-in-value"][0]


def test_range_message_uses_decimal_commas(store) -> None:  # type: ignore[no-untyped-def]
    with session_scope(store) as session:
        indicator = session.query(Indicator).filter_by(code="GN.4").one()
        indicator.min_value, indicator.max_value = 0.5, 99.5
    checked = check(store, template(template_row(7, "GN.4", "0,25")))
    [problem] = checked.report.problems
    assert problem.cell == "Värden!E7"
    assert "0,5–99,5" in problem.message("sv")
    assert "0.5–99.5" in problem.message("en")


def test_formula_without_cached_value_asks_to_save_in_excel(store) -> None:  # type: ignore[no-untyped-def]
    checked = check(store, template(template_row(7, "GN.6", "=B7*2", formula_without_cache=True)))
    [problem] = checked.report.problems
    assert (problem.code, problem.cell) == ("formula-without-value", "Värden!E7")
    assert "spara den" in problem.message("sv")


def test_reported_status_without_value_names_the_value_cell(store) -> None:  # type: ignore[no-untyped-def]
    checked = check(store, template(template_row(7, "GN.6", None, status="rapporterat")))
    assert codes(checked.report) == [("error", "reported-without-value", "Värden!E7")]


def test_unknown_status_names_the_status_cell(store) -> None:  # type: ignore[no-untyped-def]
    checked = check(store, template(template_row(7, "GN.6", 5, status="kanske")))
    assert codes(checked.report) == [("error", "bad-status", "Värden!F7")]


def test_duplicates_with_different_values_are_errors_identical_ones_warnings(store) -> None:  # type: ignore[no-untyped-def]
    result = long_table(
        long_row(2, "2281", "GN.6", 2024, 5),
        long_row(3, "Sundsvall", "GN.6", 2024, "5,0"),
        long_row(4, "2281", "GN.6", 2024, 6),
    )
    checked = check(store, result)
    assert codes(checked.report) == [
        ("warning", "duplicate-row", "Data!D3"),
        ("error", "duplicate-value", "Data!D4"),
    ]
    assert "Data!D2" in checked.report.problems[1].message("sv")


def test_a_template_with_another_municipality_is_mixed(store) -> None:  # type: ignore[no-untyped-def]
    row = template_row(8, "GN.7", 300)
    row.municipality, row.municipality_column = "Timrå", 2
    checked = check(store, template(template_row(7, "GN.6", 5), row))
    assert codes(checked.report) == [("error", "mixed-municipalities", "Värden!B8")]


def test_municipality_option_that_disagrees_with_the_file(store) -> None:  # type: ignore[no-untyped-def]
    checked = check(store, template(template_row(7, "GN.6", 5)), municipality="2262")
    assert codes(checked.report) == [("error", "municipality-mismatch", None)]
    assert "Timrå (2262)" in checked.report.problems[0].message("sv")
    assert "Sundsvall (2281)" in checked.report.problems[0].message("sv")


def test_municipality_option_that_disagrees_with_a_row(store) -> None:  # type: ignore[no-untyped-def]
    checked = check(store, long_table(long_row(2, "2262", "GN.6", 2024, 5)), municipality="2281")
    assert codes(checked.report) == [("error", "municipality-mismatch", "Data!A2")]


def test_options_fill_in_what_the_file_does_not_say(store) -> None:  # type: ignore[no-untyped-def]
    checked = check(
        store,
        template(template_row(7, "GN.6", 5), municipality=None, year=None),
        municipality="Timrå",
        year=2023,
    )
    assert checked.report.problems == []
    assert (checked.municipalities, checked.years) == (["2262"], [2023])


def test_without_municipality_or_year_the_file_cannot_be_placed(store) -> None:  # type: ignore[no-untyped-def]
    checked = check(
        store,
        template(
            template_row(7, "GN.6", 5), template_row(8, "GN.7", 5), municipality=None, year=None
        ),
    )
    assert codes(checked.report) == [
        ("error", "no-municipality", "Värden!E7"),
        ("error", "no-year", "Värden!E7"),
    ]


def test_a_file_with_nothing_in_it(store) -> None:  # type: ignore[no-untyped-def]
    checked = check(store, template(template_row(7, "GN.6", None), template_row(8, "GN.7", " ")))
    assert codes(checked.report) == [("error", "no-values", None)]
    assert codes(check(store, template()).report) == [("error", "no-values", None)]


def test_locked_year_is_an_error_once_per_year_unless_forced(store) -> None:  # type: ignore[no-untyped-def]
    with session_scope(store) as session:
        store_module.lock_year(session, 2024, "lena")
    result = template(template_row(7, "GN.6", 5), template_row(8, "GN.7", 300))
    checked = check(store, result)
    assert codes(checked.report) == [("error", "locked-year", "Värden!E7")]
    assert "2 värden" in checked.report.problems[0].message("sv")
    forced = check(store, result, force=True)
    assert codes(forced.report) == [("warning", "locked-year-forced", "Värden!E7")]
    assert len(forced.values) == 2


def test_csv_problems_name_the_line_and_header(store) -> None:  # type: ignore[no-untyped-def]
    raw = long_row(12, "2281", "GN.6", 2024, "fem")
    raw.sheet = None
    result = long_table(raw)
    result.headers = {1: "Kommun", 2: "Nyckeltal", 3: "År", 4: "Värde"}
    [problem] = check(store, result).report.problems
    assert (problem.code, problem.sheet, problem.cell, problem.row, problem.column) == (
        "not-a-number",
        None,
        None,
        12,
        "Värde",
    )


def test_reader_problems_come_first_and_warnings_do_not_reject(store) -> None:  # type: ignore[no-untyped-def]
    result = template(template_row(7, "GN.6", "-"))
    warning(result.problems, "ignored-sheet", "Bladet Diagram ignoreras.", "Sheet Diagram ignored.")
    checked = check(store, result)
    assert codes(checked.report) == [
        ("warning", "ignored-sheet", None),
        ("warning", "dash-as-zero", "Värden!E7"),
    ]
    assert checked.ok
    assert checked.values[0].value == 0.0


# --- warnings against the store ---------------------------------------------------------------


def test_replacing_a_stored_value_shows_old_and_new(store) -> None:  # type: ignore[no-untyped-def]
    stored(store, [("2281", "GN.6", 2024, 5.8, REPORTED), ("2281", "GN.7", 2024, None, MISSING)])
    result = template(
        template_row(7, "GN.6", "6,1"), template_row(8, "GN.7", 400), template_row(9, "GN.4", 2)
    )
    checked = check(store, result)
    assert codes(checked.report) == [("warning", "replaces-value", "Värden!E7")]
    message = checked.report.problems[0].message("sv")
    assert "5,8 blir 6,1" in message
    assert "Sundsvall (2281)" in message


def test_the_same_value_again_is_no_warning(store) -> None:  # type: ignore[no-untyped-def]
    stored(store, [("2281", "GN.6", 2024, 5.8, REPORTED)])
    assert check(store, template(template_row(7, "GN.6", "5,8"))).report.problems == []


def test_large_change_from_the_stored_previous_year(store) -> None:  # type: ignore[no-untyped-def]
    stored(store, [("2281", "GN.6", 2023, 5.0, REPORTED)])
    checked = check(store, template(template_row(7, "GN.6", 8), template_row(8, "GN.7", 100)))
    assert codes(checked.report) == [("warning", "large-change", "Värden!E7")]
    message = checked.report.problems[0].message("sv")
    assert "+60 %" in message and "5 (2023)" in message and "50 %" in message


def test_change_threshold_of_the_indicator_is_used(store) -> None:  # type: ignore[no-untyped-def]
    # GN.8a allows changes up to 100 % in the catalogue.
    stored(store, [("2281", "GN.8a", 2023, 10.0, REPORTED)])
    assert check(store, template(template_row(7, "GN.8a", 19))).report.problems == []
    checked = check(store, template(template_row(7, "GN.8a", 21)))
    assert codes(checked.report) == [("warning", "large-change", "Värden!E7")]


def test_large_change_within_the_file(store) -> None:  # type: ignore[no-untyped-def]
    result = long_table(
        long_row(2, "2281", "GN.7", 2022, 400),
        long_row(3, "2281", "GN.7", 2023, 410),
        long_row(4, "2281", "GN.7", 2024, 100),
    )
    assert codes(check(store, result).report) == [("warning", "large-change", "Data!D4")]


def test_outlier_against_the_municipalitys_own_history(store) -> None:  # type: ignore[no-untyped-def]
    history = [(2016 + i, v) for i, v in enumerate([100, 104, 98, 101, 103, 99, 102])]
    stored(store, [("2281", "GN.2", year, value, REPORTED) for year, value in history])
    # 130 is +27 % from 2022's 102 (below 50 %) but far outside the history.
    checked = check(store, template(template_row(7, "GN.2", 130)))
    assert codes(checked.report) == [("warning", "large-change", "Värden!E7")]
    # The typical change is the median of |4, -6, 3, 2, -4, 3|: (3 + 4) / 2.
    assert "(typiskt 3,5 per år, robust z 17,2," in checked.report.problems[0].message("sv")
    assert check(store, template(template_row(7, "GN.2", 104))).report.problems == []


def test_robust_z() -> None:
    assert robust_z(10, [1, 2, 3, 4]) is None  # too little history
    assert robust_z(10, [5, 5, 5, 5, 5]) is None  # MAD 0
    assert robust_z(3, [1, 2, 3, 4, 5]) == 0
    assert robust_z(13, [1, 2, 3, 4, 5]) == pytest.approx(0.6745 * 10 / 1)


def test_a_steady_trend_is_not_an_outlier(store) -> None:  # type: ignore[no-untyped-def]
    # Household waste falling by about 10 kg a year: the next step down is no surprise,
    # even though it lies far below the median of the earlier values.
    history = [(2016 + i, 560 - 10 * i + (1 if i % 2 else -1)) for i in range(8)]
    stored(store, [("2281", "GN.7", year, float(value), REPORTED) for year, value in history])
    assert check(store, template(template_row(7, "GN.7", 480))).report.problems == []


def test_a_blank_cell_keeps_the_stored_value(store) -> None:  # type: ignore[no-untyped-def]
    stored(store, [("2281", "GN.6", 2024, 5.8, REPORTED)])
    checked = check(store, template(template_row(7, "GN.6", None), template_row(8, "GN.7", 400)))
    assert codes(checked.report) == [("warning", "blank-keeps-stored", "Värden!E7")]
    assert "5,8" in checked.report.problems[0].message("sv")
    assert [(v.indicator_id, v.value) for v in checked.values] == [
        (indicator_ids(store)["GN.7"], 400)
    ]


def test_an_explicit_missing_marker_replaces_the_stored_value(store) -> None:  # type: ignore[no-untyped-def]
    stored(store, [("2281", "GN.6", 2024, 5.8, REPORTED)])
    checked = check(store, template(template_row(7, "GN.6", "..")))
    assert codes(checked.report) == [("warning", "replaces-value", "Värden!E7")]
    assert [v.status for v in checked.values] == ["missing"]
