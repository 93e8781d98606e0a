"""What a code written without a set means: the one resolver for history, show, export and the API.

SEkom's 2023 renumbering gave GN.7, GN.8a, GN.11 and others a second meaning, so a bare
code asked about (`history -i GN.8a`, `store.observations(indicators=["GN.8a"])`) could
mean either set's indicator.  The answer is the set the series has values in: the code's
indicators of every set, kept to those with values stored for the municipalities asked
about (any municipality when none is named); when several have values, all of them, each
carrying its set and name; when none has, every meaning (or the oldest, for a catalogue
question).  ``set_code`` given explicitly
resolves in that set only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select

from indicators.catalogue import IndicatorResolver
from indicators.catalogue import list_indicators
from indicators.models import Indicator
from indicators.models import Observation

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def code_meanings(
    session: Session,
    text: str,
    municipality_codes: Iterable[str] | None = None,
    set_code: str | None = None,
    *,
    oldest_when_none: bool = False,
) -> list[Indicator]:
    """The indicators ``text`` (a code or name) means for a series, oldest set first.

    When no meaning has values: every meaning, or only the oldest set's with
    ``oldest_when_none`` (a catalogue question such as `indicators show gn 8b`).  Raises
    UnknownIndicator (with suggestions) when no set has it, and UnknownIndicatorSet for an
    unknown ``set_code``.
    """
    if set_code is not None:
        return [IndicatorResolver(session, set_code).resolve(text)]
    by_set: dict[int, list[Indicator]] = {}
    for indicator in list_indicators(session):
        by_set.setdefault(indicator.set_id, []).append(indicator)
    found = [
        meaning
        for indicators in by_set.values()
        if (meaning := IndicatorResolver(indicators=indicators).get(text)) is not None
    ]
    if not found:
        return [IndicatorResolver(session).resolve(text)]  # raises, with suggestions
    if len(found) == 1:
        return found
    query = select(Observation.indicator_id).where(
        Observation.indicator_id.in_([indicator.id for indicator in found])
    )
    if municipality_codes is not None:
        query = query.where(Observation.municipality_code.in_(sorted(set(municipality_codes))))
    with_values = set(session.scalars(query.distinct()))
    kept = [indicator for indicator in found if indicator.id in with_values]
    return kept or (found[:1] if oldest_when_none else found)
