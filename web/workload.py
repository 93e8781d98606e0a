"""Bounds on the work one request may start: reviews per user, reports at once, housekeeping.

A review (Granska, the annotated copy) and an on-request report are the portal's heaviest
requests; sixteen annotated-copy downloads once held the server at 100 % CPU for twenty
minutes and fourteen county reports at once pushed ``/health`` to 7 s.  Each user may run
``REVIEWS_PER_USER`` reviews at once and the process ``REPORT_WORKERS`` reports; past that
the answer is a plain page at once (429), not a queue of threads.  Housekeeping (expired
staged files, the report cache) runs on a timer of its own, whether requests come or not.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from flask import Flask
from flask import current_app
from sqlalchemy.orm import Session

from accounts.staging import StagingLimits
from accounts.staging import purge_expired
from web.db import engine
from web.on_request import prune_cache

log = logging.getLogger(__name__)

REVIEWS_PER_USER = 2
REPORT_WORKERS = 2
REPORT_RETRY_SECONDS = 10
HOUSEKEEPING_MINUTES = 10


@dataclass
class UserSlots:
    """At most ``limit`` running at once per user, in this process."""

    limit: int
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _running: dict[int, int] = field(default_factory=dict)

    @contextmanager
    def slot(self, user_id: int) -> Iterator[bool]:
        """Yields True with a slot taken (given back on exit), False when all are in use."""
        with self._lock:
            taken = self._running.get(user_id, 0) < self.limit
            if taken:
                self._running[user_id] = self._running.get(user_id, 0) + 1
        try:
            yield taken
        finally:
            if taken:
                with self._lock:
                    self._running[user_id] -= 1
                    if not self._running[user_id]:
                        del self._running[user_id]


def init_app(app: Flask) -> None:
    """The per-user review slots and the report workers of this application."""
    app.extensions["miljomal_review_slots"] = UserSlots(int(app.config["REVIEWS_PER_USER"]))
    app.extensions["miljomal_report_workers"] = threading.BoundedSemaphore(
        int(app.config["REPORT_WORKERS"])
    )


def review_slot(user_id: int) -> Any:
    """The context manager of one review by this user (yields False when over the limit)."""
    return current_app.extensions["miljomal_review_slots"].slot(user_id)


def report_workers() -> threading.BoundedSemaphore:
    """The semaphore that bounds the reports made at once."""
    semaphore: threading.BoundedSemaphore = current_app.extensions["miljomal_report_workers"]
    return semaphore


def staging_limits() -> StagingLimits:
    """The staging caps of this application's settings."""
    config = current_app.config
    return StagingLimits(
        per_user_bytes=int(config["STAGED_BYTES_PER_USER"]),
        total_bytes=int(config["STAGED_BYTES_TOTAL"]),
        keep_for=dt.timedelta(hours=int(config["STAGED_HOURS"])),
    )


def report_cache_folder(app: Flask) -> Path:
    """Where on-request reports are cached."""
    return Path(app.config.get("REPORT_CACHE") or app.instance_path) / "rapporter"


def housekeeping(app: Flask) -> None:
    """Delete expired staged files and prune the report cache, once."""
    with Session(engine(app)) as session, session.begin():
        purge_expired(session)
    prune_cache(
        report_cache_folder(app),
        max_age=dt.timedelta(days=int(app.config["REPORT_CACHE_DAYS"])),
        max_bytes=int(app.config["REPORT_CACHE_BYTES"]),
    )


@dataclass
class Housekeeper:
    """A daemon thread running :func:`housekeeping` every ``seconds`` until stopped."""

    app: Flask
    seconds: float
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> Housekeeper:
        self._thread = threading.Thread(target=self._run, name="miljomal-housekeeping")
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                housekeeping(self.app)
            except Exception:  # a store that is down now may be up next time
                log.exception("housekeeping failed")
            self._stop.wait(self.seconds)
