"""miljomal: follow up local environmental objectives with indicators.

As a library: ``store = miljomal.open(url)`` gives the store as pandas DataFrames
(:class:`miljomal.api.Store`, read-only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from miljomal.api import Store

__version__ = "0.1.0"


def open(url: str | None = None) -> Store:  # noqa: A001  (the name analysts expect)
    """Open a miljomal store for reading: ``miljomal.open("sqlite:///miljomal.db")``."""
    from miljomal.api import open_store  # heavy: tests/test_startup_imports.py

    return open_store(url)
