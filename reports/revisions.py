"""Series across a revision of an indicator set: the mapping table applied to observations.

Pure functions: observations in, observations out.  Where the mapping table
(indicators.sets) says an old code continues under a new one with the **same** definition,
the old code's values of the years before the new set became the default are read as the
new code's, so a chart draws one line and the trend runs across the revision.  Where the
definition **changed**, the old values are kept apart (the chart draws them with a break and
the trend is judged within the new definition only).  A **break** joins nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from indicators.sets import CHANGED
from indicators.sets import SAME
from indicators.sets import default_years
from indicators.sets import predecessor
from reports.model.municipality import Revision


@dataclass(frozen=True)
class Link:
    """A shown indicator (``new_id``) and the old indicator it continues (``old_id``)."""

    new_id: int
    old_id: int
    revision: Revision


def links(
    set_code: str | None, shown: Sequence[tuple[int, str]], stored: dict[tuple[str, str], int]
) -> list[Link]:
    """The links from a set's shown (id, code) indicators to their predecessors in the store.

    ``stored`` maps (set code, indicator code) to the id of every stored indicator.
    """
    if set_code is None:
        return []
    found = []
    for new_id, code in shown:
        step = predecessor(set_code, code)
        if step is None or step.relation not in (SAME, CHANGED):
            continue
        old_id = stored.get((step.old_set, step.old_code))
        years = default_years(set_code)
        if old_id is None or not years:
            continue
        revision = Revision(years.start, step.relation, step.old_set, step.old_code)
        found.append(Link(new_id, old_id, revision))
    return found


def carry_over(observations: Iterable[Any], found: list[Link]) -> tuple[list[Any], list[Any]]:
    """The observations with old codes read as their successors, and the ones kept apart.

    For a ``same`` link an old value becomes the new code's value, unless the new code has
    its own value for that year (so nothing is doubled); after the revision that is a year
    sent with the old code, which the documents name (indicators.across_sets).  For a
    ``changed`` link the old values are returned second, with the new code's id, for
    drawing apart.
    """
    by_old = {link.old_id: link for link in found}
    observations = list(observations)
    if not by_old:
        return observations, []
    own = {(o.municipality_code, o.indicator_id, o.year) for o in observations}
    kept: list[Any] = []
    apart: list[Any] = []
    for obs in observations:
        link = by_old.get(obs.indicator_id)
        if link is None:
            kept.append(obs)
            continue
        moved = obs._replace(indicator_id=link.new_id)
        if link.revision.relation == CHANGED:
            apart.append(moved)
        elif (obs.municipality_code, link.new_id, obs.year) not in own:
            # Also after the revision: a year sent in the old template with the old code
            # (indicators.across_sets); the new code's own value always wins.
            kept.append(moved)
    return kept, apart
