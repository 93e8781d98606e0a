"""Pure analysis of indicator series: trend, group averages, ranking with colours, targets.

Nothing here touches the store or a file: values in, results (``reports.model``) out.
The trend method is explained in ``docs/method.md``; the report appendix uses
:func:`method_text`, which says the same in fewer words.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

from i18n import Lang
from i18n import Text
from intake.validation.outliers import DEFAULT_CHANGE_LIMIT
from intake.validation.outliers import Z_LIMIT
from intake.validation.outliers import Z_MIN_RELATIVE
from intake.validation.outliers import robust_z
from reports.model.judgements import RecentTurn
from reports.model.judgements import TargetStatus
from reports.model.judgements import Trend
from reports.model.series import GREEN
from reports.model.series import GREY
from reports.model.series import IMPROVING
from reports.model.series import NO_CLEAR_CHANGE
from reports.model.series import RED
from reports.model.series import TOO_FEW_VALUES
from reports.model.series import WORSENING
from reports.model.series import YELLOW
from reports.model.series import Coverage
from reports.model.series import RankColour
from reports.model.series import Series

# The trend is judged at this significance level (two-sided Mann-Kendall test) ...
ALPHA = 0.05
# ... and only when the Theil-Sen line changes by at least this share of the series'
# median value over the judged period (baseline year to latest year).
MIN_RELATIVE_CHANGE = 0.05
# Fewer values than this give "too-few-values".
MIN_VALUES = 4

# Values closer than this (relative) count as equal when comparing against a target path.
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class MannKendall:
    """The Mann-Kendall statistic S, its variance (tie-corrected), Z and two-sided p-value."""

    s: int
    variance: float
    z: float
    p_value: float


def mann_kendall(values: Sequence[float]) -> MannKendall:
    """Mann-Kendall test for a monotonic trend in values given in time order.

    S is the sum of sign(x_j - x_i) over all pairs i < j.  Under the null hypothesis of no
    trend, S has mean 0 and variance (n(n-1)(2n+5) - sum over tie groups of
    t(t-1)(2t+5)) / 18, where t is the size of each group of equal values.  With the
    continuity correction Z = (S - 1)/sqrt(Var) for S > 0, (S + 1)/sqrt(Var) for S < 0 and
    0 for S = 0; the two-sided p-value from the normal approximation is erfc(|Z| / sqrt 2).
    """
    n = len(values)
    s = 0
    for i in range(n - 1):
        for j in range(i + 1, n):
            diff = values[j] - values[i]
            s += (diff > 0) - (diff < 0)
    ties: dict[float, int] = {}
    for value in values:
        ties[value] = ties.get(value, 0) + 1
    tie_term = sum(t * (t - 1) * (2 * t + 5) for t in ties.values())
    variance = (n * (n - 1) * (2 * n + 5) - tie_term) / 18
    if variance <= 0 or s == 0:
        z = 0.0
    elif s > 0:
        z = (s - 1) / math.sqrt(variance)
    else:
        z = (s + 1) / math.sqrt(variance)
    p_value = math.erfc(abs(z) / math.sqrt(2))
    return MannKendall(s=s, variance=variance, z=z, p_value=p_value)


def theil_sen_slope(years: Sequence[float], values: Sequence[float]) -> float:
    """Theil-Sen slope: the median of the slopes between every pair of points.

    Robust: up to about 29 % of the points can be outliers without moving it far, unlike
    a least-squares slope.  Pairs from the same year are skipped.
    """
    slopes = [
        (values[j] - values[i]) / (years[j] - years[i])
        for i in range(len(years) - 1)
        for j in range(i + 1, len(years))
        if years[j] != years[i]
    ]
    if not slopes:
        raise ValueError("the Theil-Sen slope needs values from at least two different years")
    return median(slopes)  # type: ignore[return-value]


def theil_sen_intercept(years: Sequence[float], values: Sequence[float], slope: float) -> float:
    """The intercept that goes with a Theil-Sen slope: median of value - slope * year."""
    return median([v - slope * y for y, v in zip(years, values, strict=True)])  # type: ignore[return-value]


def median(values: Iterable[float | None]) -> float | None:
    """The median of the values that are not None; None when there are none."""
    ordered = sorted(v for v in values if v is not None)
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    if n % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def mean(values: Iterable[float | None]) -> float | None:
    """The unweighted mean of the values that are not None; None when there are none."""
    present = [v for v in values if v is not None]
    return math.fsum(present) / len(present) if present else None


def judge_trend(
    points: Iterable[tuple[int, float | None]],
    direction: str,
    since: int | None = None,
    until: int | None = None,
    alpha: float = ALPHA,
    min_relative_change: float = MIN_RELATIVE_CHANGE,
    change_threshold: float | None = None,
) -> Trend:
    """Judge the development of a series from its baseline to its latest value.

    The values used are those with a value from ``since`` (default: the first year with a
    value, the baseline) to ``until`` (default: the last).  With fewer than
    :data:`MIN_VALUES` the judgement is ``too-few-values``.  Otherwise the change counts
    when both hold: the Mann-Kendall p-value is below ``alpha``, and the Theil-Sen slope
    times the span in years is at least ``min_relative_change`` of the absolute median
    value (when the median is 0 the significance alone decides).  A rising series then
    improves when the indicator's direction is ``higher`` and worsens when it is
    ``lower``, and the other way round for a falling one; else ``no-clear-change``.
    """
    used = sorted(
        (year, float(value))
        for year, value in points
        if value is not None
        and (since is None or year >= since)
        and (until is None or year <= until)
    )
    n = len(used)
    baseline = used[0] if used else (None, None)
    latest = used[-1] if used else (None, None)
    turn = recent_turn(used, direction, change_threshold)
    if n < MIN_VALUES:
        return Trend(
            recent_turn=turn,
            judgement=TOO_FEW_VALUES,
            slope_per_year=None,
            relative_change_per_year=None,
            p_value=None,
            n=n,
            baseline_year=baseline[0],
            baseline_value=baseline[1],
            latest_year=latest[0],
            latest_value=latest[1],
        )
    years = [year for year, _ in used]
    values = [value for _, value in used]
    slope = theil_sen_slope(years, values)
    test = mann_kendall(values)
    span = years[-1] - years[0]
    middle = median(values) or 0.0
    if middle != 0:
        relative_per_year: float | None = slope / abs(middle)
        relative_period: float | None = slope * span / abs(middle)
        large_enough = abs(relative_period) >= min_relative_change  # type: ignore[arg-type]
    else:
        relative_per_year = relative_period = None
        large_enough = slope != 0
    if test.p_value < alpha and large_enough and slope != 0:
        rising = slope > 0
        judgement = IMPROVING if rising == (direction == "higher") else WORSENING
    else:
        judgement = NO_CLEAR_CHANGE
    return Trend(
        judgement=judgement,  # type: ignore[arg-type]
        slope_per_year=slope,
        relative_change_per_year=relative_per_year,
        p_value=test.p_value,
        n=n,
        baseline_year=years[0],
        baseline_value=values[0],
        latest_year=years[-1],
        latest_value=values[-1],
        mann_kendall_s=test.s,
        relative_change_over_period=relative_period,
        recent_turn=turn,
    )


def recent_turn(
    used: Sequence[tuple[int, float]],
    direction: str,
    change_threshold: float | None = None,
) -> RecentTurn | None:
    """The latest value's change from the previous one, when it is sharp; else None.

    The same measure the import warns with (``large-change`` in docs/import.md): the change
    is sharp when it exceeds the indicator's change threshold (default 50 %) of the previous
    value, or when, with at least five earlier year-to-year changes, its modified z-score
    against them exceeds 3.5 and it is at least 5 % of the previous value.  ``used`` is the
    series' (year, value) pairs in time order.
    """
    if len(used) < 2:
        return None
    (previous_year, previous), (year, latest) = used[-2], used[-1]
    change = latest - previous
    if change == 0:
        return None
    relative = change / abs(previous) if previous else None
    limit = change_threshold if change_threshold and change_threshold > 0 else DEFAULT_CHANGE_LIMIT
    sharp = relative is None or abs(relative) > limit
    if not sharp:
        values = [value for _, value in used[:-1]]
        earlier = [b - a for a, b in zip(values, values[1:], strict=False)]
        z = robust_z(change, earlier)
        sharp = z is not None and abs(z) > Z_LIMIT and abs(relative) >= Z_MIN_RELATIVE  # type: ignore[arg-type]
    if not sharp:
        return None
    return RecentTurn(
        year=year,
        value=latest,
        previous_year=previous_year,
        previous_value=previous,
        relative_change=relative,
        against_direction=(change > 0) != (direction == "higher"),
    )


def average_series(
    members: Iterable[Series],
    key: str,
    indicator_code: str,
    years: Sequence[int],
    members_in: Mapping[int, Collection[str]] | None = None,
) -> Series:
    """The unweighted mean per year over the members with a value that year.

    Each municipality counts once whatever its size, as Kolada and Miljöbarometern
    compute group averages; a year where no member has a value is a gap.  ``counts``
    records how many municipalities each year's mean is over.  With ``members_in`` (year
    -> municipality codes) a series counts only in the years its municipality was a
    member (SEkom membership changes over time).
    """
    by_year: dict[int, list[float]] = {year: [] for year in years}
    for series in members:
        for year, value in series.points:
            if value is None or year not in by_year:
                continue
            if members_in is not None and series.municipality_code not in members_in.get(year, ()):
                continue
            by_year[year].append(value)
    points = tuple((year, mean(by_year[year])) for year in years)
    counts = {year: len(by_year[year]) for year in years if by_year[year]}
    return Series(
        municipality_code=key, indicator_code=indicator_code, points=points, counts=counts
    )


def rank(values: Mapping[str, float | None], direction: str) -> dict[str, int | None]:
    """Rank municipalities by value, 1 = best given the direction; ties share the best rank.

    Standard competition ranking ("1224"): two municipalities sharing 2nd place both get
    2 and the next gets 4.  Municipalities without a value get None.
    """
    present = [(code, value) for code, value in values.items() if value is not None]
    better_first = sorted(present, key=lambda cv: cv[1], reverse=(direction == "higher"))
    ranks: dict[str, int | None] = {code: None for code in values}
    previous: float | None = None
    current = 0
    for position, (code, value) in enumerate(better_first, start=1):
        if previous is None or value != previous:
            current = position
            previous = value
        ranks[code] = current
    return ranks


def colour_for_rank(position: int | None, n: int) -> RankColour:
    """Kolada-style colour for rank ``position`` (1 = best) among ``n`` ranked municipalities.

    With k = n/4 rounded half up, ranks 1..k are green, ranks above n - k are red and the
    rest yellow: for n = 7, k = 2 gives 2 green, 3 yellow, 2 red; for n = 4, 1-2-1; for
    n = 290, 73-144-73.  Tied municipalities share the best rank and so the same colour.
    No value (or nobody ranked) is grey.
    """
    if position is None or n <= 0:
        return GREY  # type: ignore[return-value]
    k = math.floor(n / 4 + 0.5)
    if position <= k:
        return GREEN  # type: ignore[return-value]
    if position > n - k:
        return RED  # type: ignore[return-value]
    return YELLOW  # type: ignore[return-value]


def rank_colours(
    values: Mapping[str, float | None], direction: str, check_coverage: bool = False
) -> tuple[dict[str, int | None], dict[str, RankColour]]:
    """Ranks and colours of every municipality for one indicator and year.

    With ``check_coverage``, ``values`` holds every municipality of the group (None without
    a value) and, when fewer than :data:`reports.model.series.MIN_COVERAGE` of them have one, every
    colour is grey: a "best quarter" of one or two municipalities says nothing.
    """
    ranks = rank(values, direction)
    n = sum(1 for r in ranks.values() if r is not None)
    if check_coverage and not Coverage(n, len(values)).enough:
        return ranks, dict.fromkeys(ranks, GREY)  # type: ignore[arg-type]
    return ranks, {code: colour_for_rank(r, n) for code, r in ranks.items()}


def target_status(
    points: Iterable[tuple[int, float | None]],
    direction: str,
    target_value: float,
    target_year: int,
    base_year: int | None = None,
    until: int | None = None,
    owner: str = "municipality",
) -> TargetStatus:
    """Where a series stands against the straight path from its base value to the target.

    The base is the value of ``base_year`` (default: the first year with a value); the path
    runs linearly from it to ``target_value`` at ``target_year`` and stays there after.
    The latest value (at or before ``until``) is on track when it is at least as good as
    the path's value that year (lower or equal for ``lower``, higher or equal for
    ``higher``).  Without a base value, or with no value at or after the base year,
    ``on_track`` and ``expected_now`` are None.
    """
    reported = sorted(
        (year, float(value))
        for year, value in points
        if value is not None and (until is None or year <= until)
    )
    values = dict(reported)
    if base_year is None and reported:
        base_year = reported[0][0]
    base_value = values.get(base_year) if base_year is not None else None
    latest_year, latest_value = reported[-1] if reported else (None, None)
    if base_value is None or base_year is None:
        return TargetStatus(
            target_value=target_value,
            target_year=target_year,
            base_year=base_year,
            base_value=None,
            expected_now=None,
            on_track=None,
            latest_year=latest_year,
            latest_value=latest_value,
            owner=owner,  # type: ignore[arg-type]
        )

    def on_path(year: int) -> float:
        if year >= target_year or target_year == base_year:
            return target_value
        share = (year - base_year) / (target_year - base_year)
        return base_value + (target_value - base_value) * share

    path = tuple(
        (year, on_path(year)) for year in range(base_year, max(target_year, base_year) + 1)
    )
    expected = on_track = None
    if latest_year is not None and latest_value is not None and latest_year >= base_year:
        expected = on_path(latest_year)
        slack = _TOLERANCE * max(1.0, abs(expected))
        if direction == "higher":
            on_track = latest_value >= expected - slack
        else:
            on_track = latest_value <= expected + slack
    return TargetStatus(
        target_value=target_value,
        target_year=target_year,
        base_year=base_year,
        base_value=base_value,
        expected_now=expected,
        on_track=on_track,
        path=path,
        latest_year=latest_year,
        latest_value=latest_value,
        owner=owner,  # type: ignore[arg-type]
    )


METHOD_TEXT_SV = f"""\
Så bedöms utvecklingen

Utvecklingen bedöms för varje kommun och nyckeltal från basåret (första året med värde, \
eller det år som anges) till det senaste året med värde. Det behövs minst {MIN_VALUES} \
värden; med färre står det "För få värden för att bedöma utvecklingen".

Trendens lutning skattas med Theil-Sens metod: medianen av lutningarna mellan alla par av \
år. Metoden påverkas lite av enstaka avvikande värden, till skillnad från vanlig linjär \
regression. Om förändringen är verklig eller bara slumpmässig prövas med Mann-Kendalls \
test (tvåsidigt, normalapproximation med korrektion för lika värden och \
kontinuitetskorrektion) på signifikansnivån {ALPHA:.0%}.

Utvecklingen räknas som en förändring bara om testet är signifikant och Theil-Sen-linjen \
ändras med minst {MIN_RELATIVE_CHANGE:.0%} av seriens medianvärde över perioden. Om en \
stigande serie är bra eller dålig avgörs av nyckeltalets riktning (högre eller lägre är \
bättre): "Utvecklingen går åt rätt håll", "Utvecklingen går åt fel håll" eller \
"Ingen tydlig förändring". Med fyra värden kan testet aldrig bli signifikant; det krävs \
minst fem värden som alla ändras åt samma håll.

Jämförelsetal är ovägda medelvärden: varje kommun väger lika, som i Kolada och \
Miljöbarometern. Färgen visar kommunens placering i länet: bästa fjärdedelen grön, \
mittersta hälften gul, sämsta fjärdedelen röd, grå saknar värde. En fjärdedel är antalet \
kommuner med värde delat med fyra, avrundat uppåt från ,5 (7 kommuner: 2 gröna, 3 gula, \
2 röda). Kommuner med samma värde delar placering.

Målkurvan är en rät linje från basårets värde till målvärdet målåret. Kommunen ligger i \
fas när det senaste värdet är minst lika bra som kurvans värde samma år.""".replace("%", " %")

METHOD_TEXT_EN = f"""\
How the development is judged

The development is judged for each municipality and indicator from the baseline (the \
first year with a value, or the year given) to the latest year with a value. At least \
{MIN_VALUES} values are needed; with fewer the report says "Too few values to judge the \
development".

The slope of the trend is estimated with the Theil-Sen method: the median of the slopes \
between every pair of years. Unlike ordinary linear regression it is hardly moved by a \
few outlying values. Whether the change is real or chance is tested with the \
Mann-Kendall test (two-sided, normal approximation with tie and continuity correction) at \
the {ALPHA:.0%} significance level.

A change counts only when the test is significant and the Theil-Sen line changes by at \
least {MIN_RELATIVE_CHANGE:.0%} of the series' median value over the period. Whether a \
rising series is good or bad follows from the indicator's direction (higher or lower is \
better): "Moving in the right direction", "Moving in the wrong direction" or "No clear \
change". With four values the test can never be significant; it takes at least five \
values all moving the same way.

Comparison figures are unweighted means: each municipality counts once, as in Kolada and \
Miljöbarometern. The colour shows the municipality's rank in the county: best quarter \
green, middle half yellow, worst quarter red, grey without a value. A quarter is the \
number of municipalities with a value divided by four, rounded half up (7 municipalities: \
2 green, 3 yellow, 2 red). Municipalities with equal values share a rank.

The target path is a straight line from the base year's value to the target value in \
the target year. A municipality is on track when its latest value is at least as good as \
the path's value that year."""


METHOD_TEXT = Text(METHOD_TEXT_SV, METHOD_TEXT_EN)


def method_text(lang: Lang = "sv") -> str:
    """The method appendix of the reports: a title line, a blank line, then paragraphs."""
    return METHOD_TEXT.render(lang)
