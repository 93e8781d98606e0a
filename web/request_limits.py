"""The request limiter's counters in memory, without a new timer thread per request."""

from __future__ import annotations

import time

from limits.storage import MemoryStorage

# The storage address Flask-Limiter gets for MILJOMAL_RATELIMIT_STORAGE=memory:// (the default).
MEMORY_URI = "miljomal-memory://"


class QuietMemoryStorage(MemoryStorage):
    """limits' memory storage, whose clean-up timer starts at most once a second.

    limits starts a ``threading.Timer(0.01)`` on each counted request whose last timer has
    fired: under 20 API clients that was a new thread per request, whose start waits for the
    other threads to let go of the interpreter (a few ms each, 2.5 ms of a 30 ms upload).  A
    count expires when it is read anyway (``get``); the timer only frees the memory of
    expired keys, which a second later is as good.
    """

    STORAGE_SCHEME = ["miljomal-memory"]
    CLEAN_UP_SECONDS = 1.0

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str):
        self._cleaned = time.monotonic()
        super().__init__(uri, wrap_exceptions, **options)

    def _MemoryStorage__schedule_expiry(self) -> None:  # limits' private hook, name-mangled
        now = time.monotonic()
        if now - self._cleaned >= self.CLEAN_UP_SECONDS:
            self._cleaned = now
            MemoryStorage._MemoryStorage__schedule_expiry(self)  # type: ignore[attr-defined]
