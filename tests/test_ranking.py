"""Ranking among a county's municipalities, Kolada-style colours, and unweighted averages."""

from __future__ import annotations

import pytest

from reports.analysis import average_series
from reports.analysis import colour_for_rank
from reports.analysis import mean
from reports.analysis import median
from reports.analysis import rank
from reports.analysis import rank_colours
from reports.model.series import Series

# The seven municipalities of Västernorrland.
SEVEN = ["2260", "2262", "2280", "2281", "2282", "2283", "2284"]


def test_colours_for_seven_distinct_values_are_two_three_two() -> None:
    values = dict(zip(SEVEN, [12.0, 30.0, 25.0, 18.0, 5.0, 40.0, 22.0], strict=True))
    ranks, colours = rank_colours(values, "higher")
    assert ranks == {
        "2283": 1, "2262": 2, "2280": 3, "2284": 4, "2281": 5, "2260": 6, "2282": 7,
    }  # fmt: skip
    assert colours == {
        "2283": "green", "2262": "green",
        "2280": "yellow", "2284": "yellow", "2281": "yellow",
        "2260": "red", "2282": "red",
    }  # fmt: skip
    assert sorted(colours.values()).count("green") == 2


def test_lower_is_better_reverses_the_order() -> None:
    values = dict(zip(SEVEN, [12.0, 30.0, 25.0, 18.0, 5.0, 40.0, 22.0], strict=True))
    ranks, colours = rank_colours(values, "lower")
    assert ranks["2282"] == 1 and ranks["2283"] == 7
    assert [colours[c] for c in ("2282", "2260", "2281", "2284", "2280", "2262", "2283")] == [
        "green", "green", "yellow", "yellow", "yellow", "red", "red",
    ]  # fmt: skip


def test_ties_share_the_best_rank_and_missing_is_grey() -> None:
    # eight municipalities, seven with values: n = 7, so ranks 1-2 green, 6-7 red
    values = {
        "A": 50.0, "B": 40.0, "C": 40.0, "D": 30.0, "E": 20.0, "F": 10.0, "G": 10.0, "H": None,
    }  # fmt: skip
    ranks, colours = rank_colours(values, "higher")
    assert ranks == {"A": 1, "B": 2, "C": 2, "D": 4, "E": 5, "F": 6, "G": 6, "H": None}
    assert colours == {
        "A": "green", "B": "green", "C": "green",
        "D": "yellow", "E": "yellow",
        "F": "red", "G": "red",
        "H": "grey",
    }  # fmt: skip


def test_tie_across_the_red_border_takes_the_better_colour() -> None:
    values = {"A": 7.0, "B": 6.0, "C": 5.0, "D": 4.0, "E": 3.0, "F": 2.0, "G": 2.0}
    ranks, colours = rank_colours(values, "higher")
    assert (ranks["F"], ranks["G"]) == (6, 6)
    assert (colours["F"], colours["G"]) == ("red", "red")
    values = {"A": 7.0, "B": 6.0, "C": 5.0, "D": 4.0, "E": 3.0, "F": 3.0, "G": 2.0}
    ranks, colours = rank_colours(values, "higher")
    assert (ranks["E"], ranks["F"]) == (5, 5)
    assert (colours["E"], colours["F"], colours["G"]) == ("yellow", "yellow", "red")


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "Y"),
        (2, "GR"),
        (3, "GYR"),
        (4, "GYYR"),
        (5, "GYYYR"),
        (6, "GGYYRR"),
        (7, "GGYYYRR"),
        (8, "GGYYYYRR"),
        (17, "GGGG" + "Y" * 9 + "RRRR"),
    ],
)
def test_colour_rule_for_each_size(n: int, expected: str) -> None:
    letters = {"green": "G", "yellow": "Y", "red": "R"}
    assert "".join(letters[colour_for_rank(p, n)] for p in range(1, n + 1)) == expected


def test_colour_of_no_rank_is_grey() -> None:
    assert colour_for_rank(None, 7) == "grey"
    assert colour_for_rank(1, 0) == "grey"
    assert rank_colours({"A": None}, "higher") == ({"A": None}, {"A": "grey"})


def test_nobody_ranked() -> None:
    assert rank({}, "lower") == {}


def test_mean_and_median_skip_missing() -> None:
    assert mean([1.0, None, 2.0, 6.0]) == 3.0
    assert median([1.0, None, 2.0, 6.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert mean([None, None]) is None and median([]) is None


def test_average_series_is_unweighted_over_those_with_values() -> None:
    years = [2020, 2021, 2022]
    members = [
        Series("2281", "GN.6", ((2020, 10.0), (2021, 20.0), (2022, None))),
        Series("2282", "GN.6", ((2020, 30.0), (2021, None), (2022, None))),
        Series("2283", "GN.6", ((2020, 50.0), (2021, 40.0), (2019, 99.0))),
    ]
    average = average_series(members, "county:22", "GN.6", years)
    assert average.points == ((2020, 30.0), (2021, 30.0), (2022, None))
    assert average.counts == {2020: 3, 2021: 2}
    assert (average.municipality_code, average.indicator_code) == ("county:22", "GN.6")
