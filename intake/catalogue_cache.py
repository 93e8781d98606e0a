"""The catalogue's code finders, kept from one import to the next while the catalogue stays.

Building the resolver and the set choice for every file, and finding again for each bare
code which set it pins (a code missing from a set is matched against every name of it),
was most of the server's CPU per API upload.  The finders are kept by the catalogue's
records themselves, which each import still reads from the store (one query): a catalogue
load, a changed range or a new set gives other records, so the very next file gets finders
made from them, and nothing has to be told to forget.  What the finders keep of it is a
function of the records and the text asked only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from indicators.catalogue import IndicatorRecord
from indicators.catalogue import IndicatorResolver
from intake.set_choice import SetChoice

# A server serves one store; a test run or a batch over several stores keeps a few.
KEPT_CATALOGUES = 4
# The texts files asked about are kept with their answers: past this many the finders are
# made afresh, so that a server's memory does not grow with every distinct text sent.
KEPT_ANSWERS = 20_000


@dataclass(frozen=True)
class CatalogueFinders:
    """The resolver of codes and names in any set, and the choice of set, for one catalogue."""

    indicators: IndicatorResolver
    sets: SetChoice

    def remembered(self) -> int:
        return self.indicators.remembered() + self.sets.remembered()


_kept: OrderedDict[tuple[IndicatorRecord, ...], CatalogueFinders] = OrderedDict()
_lock = threading.Lock()


def catalogue_finders(records: list[IndicatorRecord]) -> CatalogueFinders:
    """The finders for these catalogue records: the ones kept when the records are the same.

    Threads may share them: what they add to their caches is written one key at a time
    and never removed, so a thread reads an answer or computes it again.
    """
    key = tuple(records)
    with _lock:
        found = _kept.get(key)
        if found is not None and found.remembered() < KEPT_ANSWERS:
            _kept.move_to_end(key)
            return found
    listed = list(key)
    made = CatalogueFinders(IndicatorResolver(indicators=listed), SetChoice(listed))
    with _lock:
        _kept[key] = made
        _kept.move_to_end(key)
        while len(_kept) > KEPT_CATALOGUES:
            _kept.popitem(last=False)
    return made
