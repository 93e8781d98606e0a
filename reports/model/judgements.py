"""What the analysis says of a series: a recent turn, the trend since its baseline, a target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from i18n import Lang
from indicators.numbers import format_number
from indicators.numbers import format_percent
from reports.messages import MESSAGES
from reports.model.series import GREEN
from reports.model.series import GREY
from reports.model.series import IMPROVING
from reports.model.series import RED
from reports.model.series import TOO_FEW_VALUES
from reports.model.series import WORSENING
from reports.model.series import Judgement
from reports.model.series import RankColour


@dataclass(frozen=True)
class RecentTurn:
    """A latest value that breaks sharply from the one before it (see docs/method.md).

    ``relative_change`` is (latest - previous) / |previous| (None when previous is 0);
    ``against_direction`` is True when the change moves the wrong way for the indicator.
    """

    year: int
    value: float
    previous_year: int
    previous_value: float
    relative_change: float | None
    against_direction: bool

    @property
    def rising(self) -> bool:
        """True when the latest value is higher than the previous one."""
        return self.value > self.previous_value

    def text(self, lang: Lang = "sv") -> str:
        """``2025 ökade värdet kraftigt (+70 % mot 2024)``."""
        if self.relative_change is None:
            change = format_number(self.value - self.previous_value, None, lang)
        else:
            change = format_percent(self.relative_change * 100, 0, lang)
        if not change.startswith(("-", "−")):
            change = "+" + change
        change = change.replace("-", "−")
        key = "turn-rose" if self.rising else "turn-fell"
        return MESSAGES(key, lang, year=self.year, change=change, previous=self.previous_year)

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """JSON form of the caveat, with its sentence in the reader's language."""
        return {
            "kind": "sharp-latest-change",
            "year": self.year,
            "value": self.value,
            "previous_year": self.previous_year,
            "previous_value": self.previous_value,
            "relative_change": self.relative_change,
            "against_direction": self.against_direction,
            "text": self.text(lang),
        }


@dataclass(frozen=True)
class Trend:
    """The judged development of one series since its baseline (see docs/method.md).

    ``slope_per_year`` is the Theil-Sen slope in the indicator's unit per year;
    ``relative_change_per_year`` is that slope divided by the median of the values (None
    when the median is 0); ``p_value`` is the two-sided Mann-Kendall p-value.  All three
    are ``None`` when there were too few values.  ``n`` counts the values used.
    """

    judgement: Judgement
    slope_per_year: float | None
    relative_change_per_year: float | None
    p_value: float | None
    n: int
    baseline_year: int | None
    baseline_value: float | None
    latest_year: int | None
    latest_value: float | None
    mann_kendall_s: int | None = None
    relative_change_over_period: float | None = None
    recent_turn: RecentTurn | None = None

    @property
    def rising(self) -> bool | None:
        """True when the values rise, False when they fall, None when not judged a change."""
        if self.judgement not in (IMPROVING, WORSENING) or self.slope_per_year is None:
            return None
        return self.slope_per_year > 0

    @property
    def symbol(self) -> str:
        """An arrow for the value's movement: ↗ rising, ↘ falling, → no clear change, – too few."""
        if self.judgement == TOO_FEW_VALUES:
            return "–"
        if self.rising is None:
            return "→"
        return "↗" if self.rising else "↘"

    @property
    def colour(self) -> RankColour:
        """The colour of the symbol: green improving, red worsening, grey otherwise."""
        return {IMPROVING: GREEN, WORSENING: RED}.get(self.judgement, GREY)  # type: ignore[return-value]

    def sentence(self, lang: Lang = "sv") -> str:
        """The judgement as a sentence, with the caveat of a sharp recent turn when there is one.

        ``Utvecklingen går åt rätt håll sedan 2010, men 2025 ökade värdet kraftigt (+70 %
        mot 2024)``: "men"/"but" when the turn goes against the indicator's direction.
        """
        text = self.judgement_sentence(lang)
        turn = self.recent_turn
        if turn is None:
            return text
        key = "turn-against" if turn.against_direction else "turn-along"
        return MESSAGES(key, lang, sentence=text, turn=turn.text(lang))

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """JSON form: the judgement, its sentence and the numbers behind it."""
        return {
            "judgement": self.judgement,
            "symbol": self.symbol,
            "sentence": self.sentence(lang),
            "baseline_year": self.baseline_year,
            "baseline_value": self.baseline_value,
            "latest_year": self.latest_year,
            "latest_value": self.latest_value,
            "n": self.n,
            "slope_per_year": self.slope_per_year,
            "relative_change_per_year": self.relative_change_per_year,
            "relative_change_over_period": self.relative_change_over_period,
            "mann_kendall_s": self.mann_kendall_s,
            "p_value": self.p_value,
        }

    def judgement_sentence(self, lang: Lang = "sv") -> str:
        """The judgement alone: ``Utvecklingen går åt rätt håll sedan 2010``."""
        since = self.baseline_year
        if self.judgement == TOO_FEW_VALUES or since is None:
            return MESSAGES("judgement-too-few-values", lang)
        return MESSAGES(f"judgement-{self.judgement}", lang, year=since)


@dataclass(frozen=True)
class TargetStatus:
    """A target and where the series stands against the straight path towards it.

    ``path`` runs from (base_year, base_value) to (target_year, target_value), one point
    per year.  ``expected_now`` is the path's value at ``latest_year``; ``on_track`` is
    True when the latest value is at least as good as that (respecting the direction),
    None when there is no base value or no latest value.  ``owner`` says whether the
    target was set for the municipality, for its county, or is a shipped national target.
    """

    target_value: float
    target_year: int
    base_year: int | None
    base_value: float | None
    expected_now: float | None
    on_track: bool | None
    path: tuple[tuple[int, float], ...] = ()
    latest_year: int | None = None
    latest_value: float | None = None
    owner: Literal["municipality", "county", "national"] = "municipality"

    def to_dict(self, lang: Lang = "sv") -> dict[str, object]:
        """JSON form of the target and where the series stands."""
        return {
            "target_value": self.target_value,
            "target_year": self.target_year,
            "base_year": self.base_year,
            "base_value": self.base_value,
            "expected_now": self.expected_now,
            "on_track": self.on_track,
            "owner": self.owner,
            "sentence": self.sentence(lang),
        }

    def sentence(self, lang: Lang = "sv") -> str:
        """``I fas med målet`` / ``Efter målet`` / ``Kan inte bedömas`` and English equivalents."""
        if self.on_track is None:
            return MESSAGES("target-not-judged", lang)
        return MESSAGES("target-on-track" if self.on_track else "target-behind", lang)
