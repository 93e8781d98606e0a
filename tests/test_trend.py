"""The trend judgement: Theil-Sen slope, Mann-Kendall test, direction, thresholds, sentences."""

from __future__ import annotations

import itertools
import math
import statistics

import pytest

from reports.analysis import ALPHA
from reports.analysis import MIN_RELATIVE_CHANGE
from reports.analysis import judge_trend
from reports.analysis import mann_kendall
from reports.analysis import method_text
from reports.analysis import theil_sen_intercept
from reports.analysis import theil_sen_slope


def series(first_year: int, values: list[float | None]) -> list[tuple[int, float | None]]:
    return [(first_year + i, v) for i, v in enumerate(values)]


def least_squares_slope(values: list[float]) -> float:
    n = len(values)
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    num = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values))
    return num / sum((x - mean_x) ** 2 for x in range(n))


# --- Mann-Kendall on series small enough to check by hand ---------------------------------


def test_mann_kendall_by_hand() -> None:
    # pairs of 1, 3, 2, 4: (1,3)+ (1,2)+ (1,4)+ (3,2)- (3,4)+ (2,4)+  -> S = 4
    # Var = 4*3*13/18 = 26/3; Z = (4 - 1)/sqrt(26/3) = 1.01905; p = erfc(Z/sqrt 2) = 0.30818
    test = mann_kendall([1, 3, 2, 4])
    assert test.s == 4
    assert test.variance == pytest.approx(26 / 3)
    assert test.z == pytest.approx(3 / math.sqrt(26 / 3))
    assert test.p_value == pytest.approx(0.308180, abs=1e-6)


def test_mann_kendall_with_ties() -> None:
    # 1, 1, 2, 2, 3: S = 8 (two pairs are ties), two tie groups of 2 each remove
    # 2*1*9 = 18 from 5*4*15 = 300: Var = 264/18 = 14.667; Z = 7/sqrt(14.667) = 1.82782
    test = mann_kendall([1, 1, 2, 2, 3])
    assert test.s == 8
    assert test.variance == pytest.approx(264 / 18)
    assert test.z == pytest.approx(7 / math.sqrt(264 / 18))
    assert test.p_value == pytest.approx(0.067577, abs=1e-6)


def test_mann_kendall_falling_is_symmetric_and_zero_s_gives_p_one() -> None:
    up, down = mann_kendall([1, 2, 3, 4, 5]), mann_kendall([5, 4, 3, 2, 1])
    assert (up.s, down.s) == (10, -10)
    assert up.z == pytest.approx(9 / math.sqrt(50 / 3)) == pytest.approx(-down.z)
    assert up.p_value == pytest.approx(0.027486, abs=1e-6)
    assert down.p_value == pytest.approx(up.p_value)
    flat = mann_kendall([3, 3, 3, 3])
    assert (flat.s, flat.variance, flat.z, flat.p_value) == (0, 0.0, 0.0, 1.0)


def test_mann_kendall_s_matches_brute_force() -> None:
    values = [50, 51, 49, 50, 52, 48, 50, 51, 49, 50]
    expected = sum(
        (b > a) - (b < a) for (i, a), (j, b) in itertools.combinations(enumerate(values), 2)
    )
    assert mann_kendall(values).s == expected == -3


def test_theil_sen_is_median_of_pairwise_slopes() -> None:
    # slopes of (0,1) (1,3) (2,2): (1,3)-(0,1)=2, (2,2)-(0,1)=0.5, (2,2)-(1,3)=-1 -> 0.5
    assert theil_sen_slope([0, 1, 2], [1, 3, 2]) == 0.5
    # intercept: median of 1-0, 3-0.5, 2-1 = median(1, 2.5, 1) = 1
    assert theil_sen_intercept([0, 1, 2], [1, 3, 2], 0.5) == 1
    with pytest.raises(ValueError):
        theil_sen_slope([2020], [1.0])


# --- judged series ---------------------------------------------------------------------------


def test_clearly_rising_improves_when_higher_is_better() -> None:
    trend = judge_trend(series(2010, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]), "higher")
    assert trend.judgement == "improving"
    assert trend.slope_per_year == 1.0
    assert trend.mann_kendall_s == 45
    # Var = 10*9*25/18 = 125, Z = 44/sqrt(125) = 3.9355
    assert trend.p_value == pytest.approx(math.erfc(44 / math.sqrt(125) / math.sqrt(2)))
    assert trend.p_value == pytest.approx(8.303e-05, rel=1e-3)
    assert trend.relative_change_per_year == pytest.approx(1 / 14.5)
    assert trend.relative_change_over_period == pytest.approx(9 / 14.5)
    assert (trend.n, trend.baseline_year, trend.baseline_value) == (10, 2010, 10.0)
    assert (trend.latest_year, trend.latest_value) == (2019, 19.0)
    assert trend.symbol == "↗" and trend.colour == "green" and trend.rising is True
    assert trend.sentence() == "Utvecklingen går åt rätt håll sedan 2010"
    assert trend.sentence("en") == "Moving in the right direction since 2010"


def test_clearly_rising_worsens_when_lower_is_better() -> None:
    trend = judge_trend(series(2010, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]), "lower")
    assert trend.judgement == "worsening"
    assert trend.symbol == "↗" and trend.colour == "red"
    assert trend.sentence() == "Utvecklingen går åt fel håll sedan 2010"
    assert trend.sentence("en") == "Moving in the wrong direction since 2010"


def test_clearly_falling_by_direction() -> None:
    values = [8.2, 7.9, 7.1, 6.8, 6.0, 5.7, 5.1, 4.6]
    lower = judge_trend(series(2015, values), "lower")
    higher = judge_trend(series(2015, values), "higher")
    assert (lower.judgement, higher.judgement) == ("improving", "worsening")
    assert lower.mann_kendall_s == -28  # every one of the 8*7/2 pairs falls
    pairwise = [(values[j] - values[i]) / (j - i) for i, j in itertools.combinations(range(8), 2)]
    assert lower.slope_per_year == pytest.approx(statistics.median(pairwise))
    assert lower.slope_per_year == pytest.approx(-0.55)
    assert lower.symbol == higher.symbol == "↘"
    assert (lower.colour, higher.colour) == ("green", "red")
    assert lower.sentence() == "Utvecklingen går åt rätt håll sedan 2015"


def test_flat_with_noise_is_no_clear_change() -> None:
    trend = judge_trend(series(2010, [50, 51, 49, 50, 52, 48, 50, 51, 49, 50]), "higher")
    assert trend.judgement == "no-clear-change"
    assert trend.slope_per_year == 0.0
    assert trend.mann_kendall_s == -3
    assert trend.p_value == pytest.approx(0.851626, abs=1e-6)
    assert trend.symbol == "→" and trend.colour == "grey" and trend.rising is None
    assert trend.sentence() == "Ingen tydlig förändring sedan 2010"
    assert trend.sentence("en") == "No clear change since 2010"


def test_one_outlier_fools_least_squares_but_not_theil_sen() -> None:
    values = [10.0] * 9 + [100.0]
    assert least_squares_slope(values) == pytest.approx(4.909091, abs=1e-6)
    trend = judge_trend(series(2010, values), "lower")
    assert trend.slope_per_year == 0.0
    # S = 9 (only pairs with the last value differ); 9 tied values: Var = (2250-1656)/18 = 33
    assert trend.mann_kendall_s == 9
    assert trend.p_value == pytest.approx(math.erfc(8 / math.sqrt(33) / math.sqrt(2)))
    assert trend.judgement == "no-clear-change"


def test_rising_series_with_outliers_keeps_its_slope() -> None:
    values = [10, 11, 12, 13, 60, 15, 16, 5, 18, 19]
    assert least_squares_slope(values) == pytest.approx(0.357576, abs=1e-6)
    trend = judge_trend(series(2010, values), "lower")
    assert trend.slope_per_year == 1.0
    assert trend.mann_kendall_s == 23
    assert trend.p_value == pytest.approx(0.049098, abs=1e-6)
    assert trend.judgement == "worsening"


def test_too_few_values() -> None:
    trend = judge_trend(series(2020, [3.0, None, 4.0, 5.0]), "higher")
    assert trend.judgement == "too-few-values"
    assert trend.n == 3
    assert (trend.slope_per_year, trend.p_value, trend.relative_change_per_year) == (None,) * 3
    assert (trend.baseline_year, trend.baseline_value) == (2020, 3.0)
    assert (trend.latest_year, trend.latest_value) == (2023, 5.0)
    assert trend.symbol == "–" and trend.colour == "grey"
    assert trend.sentence() == "För få värden för att bedöma utvecklingen"
    assert trend.sentence("en") == "Too few values to judge the development"
    empty = judge_trend([], "higher")
    assert (empty.judgement, empty.n, empty.baseline_year) == ("too-few-values", 0, None)


def test_four_monotonic_values_are_never_significant() -> None:
    trend = judge_trend(series(2020, [1, 2, 3, 4]), "higher")
    assert trend.p_value == pytest.approx(0.089429, abs=1e-6)
    assert trend.judgement == "no-clear-change"
    assert judge_trend(series(2020, [1, 2, 3, 4, 5]), "higher").judgement == "improving"


def test_significant_but_small_change_is_no_clear_change() -> None:
    values = [1000 + i for i in range(10)]  # +9 over a median of 1004.5: 0.9 %
    trend = judge_trend(series(2010, values), "higher")
    assert trend.p_value < ALPHA
    assert trend.relative_change_over_period == pytest.approx(9 / 1004.5)
    assert trend.judgement == "no-clear-change"
    assert MIN_RELATIVE_CHANGE == 0.05
    loose = judge_trend(series(2010, values), "higher", min_relative_change=0.005)
    assert loose.judgement == "improving"


def test_baseline_since_and_until_and_gaps() -> None:
    points = series(2008, [30, 5, None, 10, 11, 12, 13, 14, None, 16, 50])
    trend = judge_trend(points, "higher", since=2011, until=2017)
    assert (trend.baseline_year, trend.baseline_value) == (2011, 10.0)
    assert (trend.latest_year, trend.latest_value) == (2017, 16.0)
    assert trend.n == 6
    assert trend.slope_per_year == 1.0
    assert trend.sentence() == "Utvecklingen går åt rätt håll sedan 2011"


def test_median_zero_relies_on_significance() -> None:
    trend = judge_trend(series(2010, [-3, -2, -1, 0, 1, 2, 3]), "higher")
    assert trend.relative_change_per_year is None
    assert trend.judgement == "improving"


def test_method_text_names_the_numbers() -> None:
    assert "Theil-Sen" in method_text("sv") and "Mann-Kendall" in method_text("sv")
    assert "5 %" in method_text("sv") and "5%" in method_text("en")
    assert method_text("en").startswith("How the development is judged")
    assert method_text().startswith("Så bedöms utvecklingen")
