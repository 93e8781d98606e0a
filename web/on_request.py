"""Reports generated on request (the portal's Rapporter), cached until the store's data changes.

The cache key holds the store's *data version*: the highest id of every table whose rows a
report reads from (uploads, revisions, county decisions, targets, plan imports, revisions
and status updates), found with one query.  Every save adds such a row, so a report made
before it is never served after it.  At most ``workers`` reports are made at once (a
semaphore the caller passes; past it `ReportBusy`), and :func:`prune_cache` keeps the
folder under an age and a size: every new data version leaves the old copies behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import Lang
from indicators.models import CountyEvent
from indicators.models import Revision
from indicators.models import Target
from indicators.models import Upload
from intake.template import ascii_slug
from municipalities.registry import resolve_municipality
from plan.errors import PlanError
from plan.models import PlanImport
from plan.models import PlanRevision
from plan.models import PlanStatusUpdate
from plan.report import build_plan_report
from plan.report import write_plan_report
from reports import documents
from reports import queries
from reports.errors import ReportError

# The report kinds and the formats each is written in (the report functions' own suffixes).
FORMATS: dict[str, tuple[str, ...]] = {
    "county": ("pdf", "html", "xlsx", "json"),
    "municipality": ("pdf", "html", "json"),
    "completeness": ("pdf", "html", "xlsx", "json"),
    "plan": ("pdf", "html", "xlsx"),
}


REPORT_CACHE_BYTES = 500 * 1024 * 1024


class ReportUnavailable(ReportError):
    """The report cannot be made (no plan imported, no values for the year...)."""


class ReportBusy(ReportError):
    """Every report worker is busy; the report is not made now (try again shortly)."""


def data_version(session: Session) -> str:
    """The store's data version: the highest id of each table the reports read, in one query."""
    columns = [
        Upload.id,
        Revision.id,
        CountyEvent.id,
        Target.id,
        PlanImport.id,
        PlanRevision.id,
        PlanStatusUpdate.id,
    ]
    row = session.execute(select(*[select(func.max(c)).scalar_subquery() for c in columns])).one()
    return ".".join(str(value or 0) for value in row)


# What a downloaded report is called, in Swedish: `lan-22-2025.pdf`,
# `kommun-2262-timra-2025.pdf`.  The PDF names its HTML twin by the same name.
_PUBLIC_PREFIX = {
    "county": "lan",
    "municipality": "kommun",
    "completeness": "inrapportering",
    "plan": "atgardsplan",
}


def public_name(
    kind: str, fmt: str, *, county: str, year: int, municipality: str | None = None
) -> str:
    """The file name a report is downloaded as: `lan-22-2025.pdf`, `kommun-2262-timra-2025.pdf`."""
    if kind == "municipality":
        entry = resolve_municipality(str(municipality))
        return f"kommun-{entry.code}-{ascii_slug(entry.short_name)}-{year}.{fmt}"
    return f"{_PUBLIC_PREFIX[kind]}-{county}-{year}.{fmt}"


def cached_report(
    session: Session,
    folder: Path,
    kind: str,
    fmt: str,
    *,
    county: str,
    year: int,
    municipality: str | None = None,
    lang: Lang = "sv",
    url: str | None = None,
    workers: threading.BoundedSemaphore | None = None,
    gathered: Callable[[], None] | None = None,
) -> Path:
    """The report's file in ``folder``, written now unless this data version's copy exists.

    With ``workers``, a report is made only when a worker is free (never waiting for one):
    else `ReportBusy`.  A copy already made is served whatever the workers do.
    ``gathered`` is called once the data is read, before the document is written: the web
    ends its transaction there, so a report being drawn holds no lock of the store.
    """
    if kind not in FORMATS or fmt not in FORMATS[kind]:
        raise ValueError(f"no {kind} report as {fmt}")
    store = hashlib.sha256(str(url).encode()).hexdigest()[:12]  # one folder may serve stores
    subject = {"municipality": municipality, "plan": dt.date.today().isoformat()}.get(kind, county)
    key = f"{kind}-{subject}-{year}-{lang}-{store}-{data_version(session)}.{fmt}"
    path = folder / key
    if path.exists():
        return path
    if workers is not None and not workers.acquire(blocking=False):
        raise ReportBusy("workers-busy", kind=kind)
    try:
        # Written under its public name in a folder of its own (a PDF's footer names its
        # HTML twin by the file's name), then moved into place once complete.
        partial = folder / f".{uuid.uuid4().hex}"
        partial.mkdir(parents=True)
        written = partial / public_name(
            kind, fmt, county=county, year=year, municipality=municipality
        )
        try:
            write = _writer(session, kind, county, year, municipality, url)
            if gathered is not None:
                gathered()
            write(written, lang)
            os.replace(written, path)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    finally:
        if workers is not None:
            workers.release()
    return path


def prune_cache(folder: Path, *, max_age: dt.timedelta, max_bytes: int) -> int:
    """Delete cached reports older than ``max_age``, then the oldest until under ``max_bytes``.

    Returns how many files were deleted.  A file being written (``.name``) is left alone
    unless it is older than ``max_age`` (its writer died).
    """
    if not folder.is_dir():
        return 0
    now = time.time()
    found = []
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False):
            stat = entry.stat(follow_symlinks=False)
            found.append((stat.st_mtime, stat.st_size, Path(entry.path)))
    found.sort()
    deleted = 0
    total = sum(size for _, size, _ in found)
    for modified, size, path in found:
        too_old = now - modified > max_age.total_seconds()
        if too_old or (total > max_bytes and not path.name.startswith(".")):
            path.unlink(missing_ok=True)
            total -= size
            deleted += 1
    return deleted


def _writer(
    session: Session,
    kind: str,
    county: str,
    year: int,
    municipality: str | None,
    url: str | None,
) -> Callable[[Path, Lang], Any]:
    """Gather the report's data now (in the session) and return what writes it to a path."""
    try:
        if kind == "county":
            comparison = queries.county_comparison(session, county, year, url=url)
            return lambda path, lang: documents.write_county_report(comparison, path, lang)
        if kind == "municipality":
            report = queries.municipality_report_data(
                session, str(municipality), year=year, url=url
            )
            return lambda path, lang: documents.write_municipality_report(report, path, lang)
        if kind == "completeness":
            found = queries.completeness(session, county, year, url=url)
            return lambda path, lang: documents.write_completeness_report(found, path, lang)

        plan = build_plan_report(session, None, dt.date.today(), url=url)
        return lambda path, lang: write_plan_report(plan, path, lang)
    except (PlanError, ReportError) as exc:
        raise ReportUnavailable("as-said", message=exc.as_text()) from exc
