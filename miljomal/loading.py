"""Loading the large libraries a command needs, without the garbage collector walking them.

Importing SQLAlchemy and the models makes hundreds of thousands of objects that live as
long as the process; collections during the import walk them again and again (a tenth of
a one-file import's start-up), and every later full collection would too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for what is imported inside, then freeze it all.

    Frozen, the objects made are left out of the collector's walks; they hold no garbage
    to find.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
