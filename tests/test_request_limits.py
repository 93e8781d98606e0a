"""The request limiter in memory: every client's rate is capped, without a thread per request."""

from __future__ import annotations

import threading
from pathlib import Path

from portal import make_portal


def test_the_request_limit_holds_in_memory_without_a_thread_per_request(
    store_url: str, tmp_path: Path
) -> None:
    portal = make_portal(store_url, tmp_path, REQUEST_LIMIT="30 per minute")
    client = portal.test_client()
    started: list[threading.Thread] = []
    real_start = threading.Thread.start

    def counted_start(thread: threading.Thread) -> None:
        started.append(thread)
        real_start(thread)

    threading.Thread.start = counted_start  # type: ignore[method-assign]
    try:
        answers = []
        for _ in range(35):
            answers.append(client.get("/health").status_code)
            threading.Event().wait(0.02)  # longer than limits' own 10 ms timer
    finally:
        threading.Thread.start = real_start  # type: ignore[method-assign]
    assert answers == [200] * 30 + [429] * 5
    assert len(started) <= 2, f"{len(started)} threads started for 35 requests"
