"""Completeness of a reporting year: statuses per cell, rates, and the values to chase."""

from __future__ import annotations

import pytest

from reports.completeness import build_completeness
from reports.completeness import reporting_rate
from reports.model.series import IndicatorMeta
from reports.model.series import MunicipalityMeta

MUNICIPALITIES = [MunicipalityMeta("2281", "Sundsvall"), MunicipalityMeta("2284", "Örnsköldsvik")]
INDICATORS = [
    IndicatorMeta("GN.2", "Resor", "Trips", "resor/inv", "higher", 0),
    IndicatorMeta("GN.3", "Andel", "Share", "%", "higher", 0),
    IndicatorMeta("GN.5", "Mat", "Food", "%", "higher", 0),
]


def test_rates_and_cells() -> None:
    statuses = {
        ("2281", "GN.2"): "reported",
        ("2281", "GN.3"): "reported",
        ("2281", "GN.5"): "not-applicable",
        ("2284", "GN.2"): "reported",
        ("2284", "GN.3"): "missing",
        ("9999", "GN.2"): "reported",  # not one of the shown municipalities: ignored
    }
    result = build_completeness(2024, MUNICIPALITIES, INDICATORS, statuses, "22", "Västernorrland")
    assert result.cells == {
        ("2281", "GN.2"): "reported",
        ("2281", "GN.3"): "reported",
        ("2281", "GN.5"): "not-applicable",
        ("2284", "GN.2"): "reported",
        ("2284", "GN.3"): "missing",
        ("2284", "GN.5"): "absent",
    }
    # 2281: 2 reported of 2 applicable; 2284: 1 of 3
    assert result.rate_by_municipality == {"2281": 1.0, "2284": pytest.approx(1 / 3)}
    # GN.5: 0 reported of the 1 applicable cell
    assert result.rate_by_indicator == {"GN.2": 1.0, "GN.3": 0.5, "GN.5": 0.0}
    assert result.rate == pytest.approx(3 / 5)
    assert result.to_chase == (("2284", "GN.3"), ("2284", "GN.5"))


def test_to_dict_is_json_ready() -> None:
    result = build_completeness(
        2024, MUNICIPALITIES[:1], INDICATORS[:2], {}, "22", "Västernorrland"
    )
    data = result.to_dict()
    assert data["rate"] == 0.0
    assert data["municipalities"] == [
        {"code": "2281", "name": "Sundsvall", "rate": 0.0,
         "cells": {"GN.2": "absent", "GN.3": "absent"}},
    ]  # fmt: skip
    assert data["to_chase"] == [
        {"municipality": "2281", "indicator": "GN.2", "status": "absent"},
        {"municipality": "2281", "indicator": "GN.3", "status": "absent"},
    ]


def test_rate_without_applicable_cells_is_none() -> None:
    assert reporting_rate(["not-applicable", "not-applicable"]) is None
    assert reporting_rate([]) is None
    assert reporting_rate(["reported", "missing", "absent", "not-applicable"]) == pytest.approx(
        1 / 3
    )
