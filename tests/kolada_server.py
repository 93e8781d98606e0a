"""A local stand-in for Kolada's API v3, serving recorded-shape answers from a small dataset.

Answers have the documented shape ``{"values": [...], "count": N, "next_url": ...}``; data
items are ``{"kpi", "municipality", "period", "values": [{"gender", "count", "status",
"value"}]}``.  Pages hold ``page_size`` items so that every sync pages over several
``next_url`` pages.  ``faults`` injects answers for one page: ``(path, page) -> [(status,
body, headers), ...]``, used up one per request.

Like Kolada, a list of more than 25 ids in a path is refused (HTTP 400).  ``changed``
dates each item (default :data:`PUBLISHED`); with ``from_date`` only items changed on or
after that day are listed, and the items in ``deleted`` (deleted on that day) come back with
``"isdeleted": true`` and their rows; a fetch without ``from_date`` no longer lists them.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass
from dataclasses import field
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from typing import Any

# (kpi, municipality, year) -> the item's gender rows
Dataset = dict[tuple[str, str, int], list[dict[str, Any]]]
Answer = tuple[int, bytes, dict[str, str]]
PUBLISHED = "2025-01-01"  # the day every item of a dataset was last changed, unless dated


def row(value: float | None, gender: str = "T", status: str = "") -> dict[str, Any]:
    """One gender row of a data item, as Kolada writes it."""
    return {
        "gender": gender,
        "count": 1 if value is not None else 0,
        "status": status,
        "value": value,
    }


@dataclass
class FakeKolada:
    """The server's state: dataset, KPI metadata, faults, and the requests it saw."""

    data: Dataset = field(default_factory=dict)
    kpis: list[dict[str, Any]] = field(default_factory=list)
    page_size: int = 10
    faults: dict[tuple[str, int], list[Answer]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path?query, user agent)
    base_url: str = ""
    changed: dict[tuple[str, str, int], str] = field(default_factory=dict)  # key -> YYYY-MM-DD
    deleted: dict[tuple[str, str, int], str] = field(default_factory=dict)  # key -> YYYY-MM-DD

    def delete(self, key: tuple[str, str, int], day: str) -> None:
        """Kolada withdraws an item on ``day``."""
        self.data.pop(key)
        self.changed.pop(key, None)
        self.deleted[key] = day

    def change(self, key: tuple[str, str, int], rows: list[dict[str, Any]], day: str) -> None:
        """Kolada publishes or corrects an item on ``day``."""
        self.data[key] = rows
        self.changed[key] = day
        self.deleted.pop(key, None)

    def answer(self, path: str, query: dict[str, str]) -> Answer:
        page = int(query.get("page", "1"))
        fault = self.faults.get((path, page))
        if fault:
            return fault.pop(0)
        parts = path.removeprefix("/v3/").split("/")
        if parts[0] == "data" and len(parts) == 7:
            kpis, municipalities, years = (
                parts[2].split(","),
                parts[4].split(","),
                parts[6].split(","),
            )
            if max(len(kpis), len(municipalities), len(years)) > 25:
                return 400, b'{"error": "too many ids"}', {}
            since = query.get("from_date", "")
            items = [
                {"kpi": kpi, "municipality": code, "period": int(year), "values": rows}
                for (kpi, code, year), rows in sorted(self.data.items())
                if kpi in kpis
                and code in municipalities
                and str(year) in years
                and self.changed.get((kpi, code, year), PUBLISHED) >= since
            ]
            if since:
                items += [
                    {
                        "kpi": kpi,
                        "municipality": code,
                        "period": int(year),
                        "isdeleted": True,
                        "values": [row(None)],
                    }
                    for (kpi, code, year), day in sorted(self.deleted.items())
                    if kpi in kpis
                    and code in municipalities
                    and str(year) in years
                    and day >= since
                ]
        elif parts[0] == "kpi" and len(parts) == 1:
            title = query.get("title", "").lower()
            items = [k for k in self.kpis if title in k["title"].lower()]
        elif parts[0] == "kpi" and len(parts) == 2:
            items = [k for k in self.kpis if k["id"] in parts[1].split(",")]
        else:
            return 404, b'{"error": "not found"}', {}
        start = (page - 1) * self.page_size
        body: dict[str, Any] = {
            "values": items[start : start + self.page_size],
            "count": len(items[start : start + self.page_size]),
        }
        if start + self.page_size < len(items):
            next_query = {**query, "page": str(page + 1)}
            body["next_url"] = f"{self.base_url}{path}?{urllib.parse.urlencode(next_query)}"
        return 200, json.dumps(body).encode(), {"Content-Type": "application/json"}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802
        split = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(split.query))
        fake = self.server.fake
        fake.requests.append((self.path, self.headers.get("User-Agent", "")))
        status, body, headers = fake.answer(split.path, query)
        if "X-Test-Delay" in headers:  # a server too slow to answer within the timeout
            time.sleep(float(headers["X-Test-Delay"]))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    fake: FakeKolada


class running:  # noqa: N801  (used as a context manager, like open())
    """Serve a FakeKolada on 127.0.0.1 at a free port; ``.url`` is its /v3 base address."""

    def __init__(self, fake: FakeKolada) -> None:
        self.fake = fake
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.fake = fake
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v3"
        fake.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> running:
        # serve_forever looks for shutdown() every poll_interval (0,5 s by default): every
        # test using the server waited that long at its end.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
