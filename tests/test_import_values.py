"""Value cells as officials write them: each one read to the number and status meant, or refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from indicators.models import MISSING
from indicators.models import NOT_APPLICABLE
from indicators.models import REPORTED
from intake.values import interpret
from intake.values import is_percent_unit
from intake.values import parse_status


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (12, 12.0),
        (12.5, 12.5),
        (-3.25, -3.25),
        (0, 0.0),
        (Decimal("4.75"), 4.75),
        ("1234.5", 1234.5),
        ("1234,5", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),  # no-break space, as Excel writes thousands
        ("1\u202f234,5", 1234.5),  # narrow no-break space
        ("1\u2009234,5", 1234.5),  # thin space
        ("12 345 678", 12345678.0),
        ("\u22123", -3.0),  # Unicode minus
        ("\u2212 3,5", -3.5),
        ("-3", -3.0),
        ("+7", 7.0),
        ("  42  ", 42.0),
        ("1,234,567", 1234567.0),
        ("1.234.567,5", 1234567.5),
        ("1,5e3", 1500.0),
        ("12,5 %", 12.5),
        ("12,5%", 12.5),
        ("0,125", 0.125),
    ],
)
def test_numbers_are_read_in_either_convention(raw: object, expected: float) -> None:
    assert interpret(raw, unit="st") == (expected, REPORTED, None, None)


@pytest.mark.parametrize(
    ("raw", "percent_format", "unit", "expected"),
    [
        (0.125, True, "%", 12.5),  # shown as 12,5 % in Excel
        (0.07, True, "%", 7.0),  # not 7.000000000000001
        (1, True, "%", 100.0),
        (0.125, True, "kg/inv", 0.125),  # only a % indicator is scaled
        (12.5, False, "%", 12.5),
        ("12,5 %", False, "%", 12.5),  # text with a percent sign is the number shown
        ("12,5 %", True, "%", 12.5),
        (0.333, True, "procent", 33.3),
    ],
)
def test_percent(raw: object, percent_format: bool, unit: str, expected: float) -> None:
    result = interpret(raw, percent_format=percent_format, unit=unit)
    assert result == (expected, REPORTED, None, None)


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (None, MISSING),
        ("", MISSING),
        ("   ", MISSING),
        ("..", MISSING),
        (" .. ", MISSING),
        (".", NOT_APPLICABLE),
    ],
)
def test_markers_in_the_value_cell(raw: object, status: str) -> None:
    assert interpret(raw, unit="%") == (None, status, None, None)


@pytest.mark.parametrize("dash", ["-", "\u2013", " \u2013 ", "\u2014"])
def test_a_lone_dash_is_zero_with_a_warning(dash: str) -> None:
    assert interpret(dash, unit="%") == (0.0, REPORTED, None, "dash-as-zero")


@pytest.mark.parametrize(
    ("status_text", "status"),
    [
        ("rapporterat", REPORTED),
        ("Reported", REPORTED),
        (".. uppgift saknas", MISSING),
        ("..", MISSING),
        ("saknas", MISSING),
        ("Missing", MISSING),
        (". ej tillämpligt", NOT_APPLICABLE),
        (".", NOT_APPLICABLE),
        ("ej tillämpligt", NOT_APPLICABLE),
        ("EJ  TILLÄMPLIGT", NOT_APPLICABLE),
        ("not applicable", NOT_APPLICABLE),
        ("n/a", NOT_APPLICABLE),
        ("", None),
        (None, None),
    ],
)
def test_status_texts(status_text: object, status: str | None) -> None:
    assert parse_status(status_text) == status


def test_status_cell_overrides_an_empty_value() -> None:
    assert interpret(None, ".. uppgift saknas") == (None, MISSING, None, None)
    assert interpret(None, ". ej tillämpligt") == (None, NOT_APPLICABLE, None, None)


def test_status_cell_overrides_a_value_with_a_warning() -> None:
    assert interpret(12.0, "..") == (None, MISSING, None, "value-ignored-by-status")
    assert interpret("7", "n/a") == (None, NOT_APPLICABLE, None, "value-ignored-by-status")


def test_reported_status_with_a_value() -> None:
    assert interpret("5,8", "rapporterat", unit="%") == (5.8, REPORTED, None, None)


@pytest.mark.parametrize("raw", [None, "", "..", "."])
def test_reported_status_without_a_value_is_an_error(raw: object) -> None:
    result = interpret(raw, "rapporterat")
    assert (result.value, result.problem) == (None, "reported-without-value")


def test_unknown_status_is_an_error() -> None:
    assert interpret(5, "kanske").problem == "bad-status"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("abc", "not-a-number"),
        ("12 kg", "not-a-number"),
        ("1,2,3", "not-a-number"),
        ("ca 5", "not-a-number"),
        ("5-6", "not-a-number"),
        ("nan", "not-finite"),
        ("NaN", "not-finite"),
        ("inf", "not-finite"),
        ("-Infinity", "not-finite"),
        ("1e400", "not-finite"),
        ("9" * 400, "not-finite"),
        ("2e15", "not-finite"),
        (float("nan"), "not-finite"),
        (float("inf"), "not-finite"),
        (float("-inf"), "not-finite"),
        (1e308 * 10, "not-finite"),
        (1e16, "not-finite"),
        (-1e16, "not-finite"),
        (10**400, "not-finite"),
        (True, "boolean-in-value"),
        (False, "boolean-in-value"),
        ("SANT", "boolean-in-value"),
        (dt.datetime(2024, 3, 1), "date-in-value"),
        (dt.date(2024, 3, 1), "date-in-value"),
        (dt.time(12, 30), "date-in-value"),
        ("2024-03-01", "date-in-value"),
        ("=SUM(B2:B4)", "formula-without-value"),
        ([1, 2], "not-a-number"),
    ],
)
def test_values_that_are_not_numbers(raw: object, code: str) -> None:
    result = interpret(raw, unit="%")
    assert (result.value, result.problem) == (None, code)


def test_the_limit_itself_is_accepted() -> None:
    assert interpret(1e15) == (1e15, REPORTED, None, None)
    assert interpret(-1e15) == (-1e15, REPORTED, None, None)


def test_formula_without_cached_value() -> None:
    result = interpret(None, None, formula_without_cache=True)
    assert result.problem == "formula-without-value"


def test_percent_units() -> None:
    assert is_percent_unit("%")
    assert is_percent_unit(" Procent ")
    assert not is_percent_unit("kg/inv")
    assert not is_percent_unit(None)
