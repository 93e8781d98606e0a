"""A small client of Kolada's API v3 (standard library only): paging, retries, clear errors.

Every response of the API is ``{"values": [...], "count": N, "next_url": "..."}``; a list
longer than one page names the next page in ``next_url`` until the last page, which has
none.  Lists of ids in a path are kept to 25 ids each (the API refuses longer ones), and
``per_page`` to 5000, its maximum.  See docs/kolada.md for what was checked and where.
"""

from __future__ import annotations

import http.client
import json
import math
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from i18n import Text
from kolada.errors import ERRORS
from kolada.errors import KoladaError

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
USER_AGENT = "miljomal/0.1 (+https://github.com/miljomal; Kolada sync of environmental indicators)"
PER_PAGE = 5000
MAX_IDS = 25  # the API refuses longer comma-separated lists
TIMEOUT = 30.0
RETRIES = 3
# Waiting longer than this for one retry is worse than failing clearly: the county can run
# the sync again later, and a command hanging for minutes looks broken.
MAX_WAIT = 30.0
# A full page of 5000 items is about 2 MB; far more is not an answer we can use.
MAX_BODY = 64 * 2**20
# Why a request is tried again, as on_retry hears it (besides "HTTP 429", "HTTP 503"...).
TIMEOUT_RETRY = "timeout"
DROPPED_RETRY = "dropped"
ANY_GENDER = "*"  # the gender of a point that withdraws an item's every row


@dataclass(frozen=True, slots=True)
class KoladaDataPoint:
    """One value of one KPI for one municipality and year, for one gender (T is the total)."""

    kpi: str
    municipality: str
    year: int
    gender: str
    value: float | None
    status: str
    deleted: bool = False  # Kolada withdrew the value this row once gave (`isdeleted`)


@dataclass(frozen=True, slots=True)
class KoladaKpi:
    """What Kolada says about a KPI; the unit is the part of the title after the last comma."""

    id: str
    title: str
    unit: str
    divided_by_gender: bool
    publication_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "unit": self.unit,
            "divided_by_gender": self.divided_by_gender,
            "publication_date": self.publication_date,
        }


def chunks(items: Sequence[str], size: int = MAX_IDS) -> Iterator[list[str]]:
    """The items in lists of at most ``size``."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


class KoladaClient:
    """Reads Kolada's API v3 (or a mirror at ``base_url``) with timeouts and retries."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = TIMEOUT,
        retries: int = RETRIES,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        on_request: Callable[[str], None] | None = None,
        on_retry: Callable[[str, float], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.on_request = on_request  # called with each URL before it is fetched
        # called with the reason (HTTP 429, TIMEOUT_RETRY, DROPPED_RETRY) and the wait in seconds
        self.on_retry = on_retry
        self.requests = 0

    # --- endpoints ---------------------------------------------------------------------

    def data(
        self,
        kpis: Sequence[str],
        municipalities: Sequence[str],
        years: Sequence[int],
        from_date: str | None = None,
    ) -> list[KoladaDataPoint]:
        """Every value of these KPIs, municipalities and years, one point per gender row.

        With ``from_date`` (YYYY-MM-DD) only what Kolada changed since that day, including
        the rows it deleted (``isdeleted``), which come back as points with ``deleted``.
        """
        params = {"from_date": from_date} if from_date else None
        points: list[KoladaDataPoint] = []
        year_texts = [str(year) for year in years]
        for kpi_part in chunks(list(kpis)):
            for municipality_part in chunks(list(municipalities)):
                for year_part in chunks(year_texts):
                    path = (
                        f"/data/kpi/{','.join(kpi_part)}"
                        f"/municipality/{','.join(municipality_part)}"
                        f"/year/{','.join(year_part)}"
                    )
                    for item in self.values(path, params):
                        points.extend(_data_points(item, path))
        return points

    def kpis(self, search: str) -> list[KoladaKpi]:
        """KPIs whose title contains ``search`` (Kolada's own title search)."""
        return [_kpi(item) for item in self.values("/kpi", {"title": search})]

    def kpi(self, ids: Sequence[str]) -> list[KoladaKpi]:
        """The metadata of these KPI ids."""
        found: list[KoladaKpi] = []
        for part in chunks(list(ids)):
            found.extend(_kpi(item) for item in self.values(f"/kpi/{','.join(part)}"))
        return found

    # --- paging and requests -----------------------------------------------------------

    def values(self, path: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Every item of a list endpoint, following ``next_url`` to the last page."""
        query = urllib.parse.urlencode({**(params or {}), "per_page": PER_PAGE})
        url: str | None = f"{self.base_url}{path}?{query}"
        items: list[dict[str, Any]] = []
        seen: set[str] = set()
        while url:
            if url in seen:
                raise KoladaError("same-page-twice", url=url)
            seen.add(url)
            page = self.get_json(url)
            values = page.get("values") if isinstance(page, dict) else None
            if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
                raise KoladaError("no-values", url=url)
            items.extend(values)
            next_url = page.get("next_url")
            url = urllib.parse.urljoin(url, next_url) if next_url else None
        return items

    def get_json(self, url: str) -> Any:
        """One GET, parsed as JSON; retried on 429, 5xx, timeouts and dropped connections."""
        attempt = 0
        while True:
            attempt += 1
            try:
                body = self._get(url)
            except urllib.error.HTTPError as exc:
                status = exc.code
                if status == 429 or status >= 500:
                    wait = _retry_after(exc.headers.get("Retry-After"))
                    if attempt <= self.retries and (wait is None or wait <= MAX_WAIT):
                        self._wait(wait, attempt, f"HTTP {status}")
                        continue
                said = Text(ERRORS(_status_key(status), "sv"), str(exc.reason))
                raise KoladaError("http-status", status=status, reason=said, url=url) from None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
                if isinstance(reason, socket.gaierror):
                    host = urllib.parse.urlsplit(url).hostname
                    raise KoladaError("dns", host=host) from None
                timed_out = isinstance(reason, TimeoutError)
                # A refused connection means nothing listens there: trying again will not help.
                dropped = isinstance(
                    reason, ConnectionError | http.client.HTTPException
                ) and not isinstance(reason, ConnectionRefusedError)
                if (timed_out or dropped) and attempt <= self.retries:
                    self._wait(None, attempt, TIMEOUT_RETRY if timed_out else DROPPED_RETRY)
                    continue
                if timed_out:
                    raise KoladaError("timeout", seconds=f"{self.timeout:g}", url=url) from None
                raise KoladaError("unreachable", url=url, reason=_reason(reason)) from None
            try:
                return json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                cause = Text(_json_reason(exc), str(exc))
                raise KoladaError("not-json", url=url, cause=cause) from None

    def _get(self, url: str) -> bytes:
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise KoladaError("not-a-web-address", url=url)
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
        )
        self.requests += 1
        if self.on_request:
            self.on_request(url)
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            body = response.read(MAX_BODY + 1)
        if len(body) > MAX_BODY:
            raise KoladaError("answer-too-large", url=url, megabytes=MAX_BODY // 2**20)
        return body

    def _wait(self, retry_after: float | None, attempt: int, why: str) -> None:
        delay = min(
            retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1), MAX_WAIT
        )
        if self.on_retry:
            self.on_retry(why, delay)
        self.sleep(delay)


def _data_points(item: dict[str, Any], path: str) -> Iterator[KoladaDataPoint]:
    try:
        kpi, municipality, year = str(item["kpi"]), str(item["municipality"]), int(item["period"])
        rows = item.get("values") or []
    except (KeyError, TypeError, ValueError):
        raise KoladaError("item-without-keys", path=path) from None
    # `isdeleted` on the item withdraws all its rows; on a row, that gender's value only.
    item_deleted = _flag(item.get("isdeleted"))
    if item_deleted and not rows:  # withdrawn with no rows named: every gender's value
        yield KoladaDataPoint(kpi, municipality, year, ANY_GENDER, None, "", deleted=True)
    for row in rows:
        if not isinstance(row, dict):
            continue
        deleted = item_deleted or _flag(row.get("isdeleted"))
        yield KoladaDataPoint(
            kpi=kpi,
            municipality=municipality,
            year=year,
            gender=str(row.get("gender") or "T"),
            value=None if deleted else _number(row.get("value")),
            status=str(row.get("status") or ""),
            deleted=deleted,
        )


def _flag(value: Any) -> bool:
    """Kolada's booleans: true, 1 or "true" (older answers used numbers)."""
    return value is True or value == 1 or (isinstance(value, str) and value.lower() == "true")


def _number(value: Any) -> float | None:
    """A finite number, else None (json.loads accepts NaN and Infinity; true is not 1)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _kpi(item: dict[str, Any]) -> KoladaKpi:
    title = str(item.get("title") or "")
    unit = title.rsplit(", ", 1)[1] if ", " in title else ""
    return KoladaKpi(
        id=str(item.get("id") or ""),
        title=title,
        unit=unit,
        divided_by_gender=bool(item.get("is_divided_by_gender")),
        publication_date=item.get("publication_date"),
    )


def _retry_after(header: str | None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds; dates are not worth parsing)."""
    if header is None:
        return None
    try:
        return max(0.0, float(header.strip()))
    except ValueError:
        return None


def _status_key(status: int) -> str:
    """The message id of an HTTP status's meaning (the Swedish line says it in words)."""
    if status == 404:
        return "status-404"
    if status == 429:
        return "status-429"
    return "status-5xx" if status >= 500 else "status-other"


def _reason(reason: object) -> Text:
    """Why a connection failed, in both languages (the library's words in English)."""
    if isinstance(reason, ConnectionRefusedError):
        return ERRORS["connection-refused"]
    if isinstance(reason, ConnectionError):
        return ERRORS["connection-dropped"]
    if isinstance(reason, OSError) and reason.errno is not None:
        return Text(ERRORS("network-error", "sv", errno=reason.errno), str(reason))
    return Text(str(reason), str(reason))


def _json_reason(exc: Exception) -> str:
    """Where an answer stops being JSON, in Swedish (the English line keeps the library's)."""
    if isinstance(exc, json.JSONDecodeError):
        return ERRORS("json-position", "sv", line=exc.lineno, column=exc.colno)
    return ERRORS("not-utf8", "sv")
