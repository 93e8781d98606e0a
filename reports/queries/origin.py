"""Where a report's numbers come from: the store's years, when a report is made, its provenance."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlalchemy import select

from database.engine import safe_url
from indicators.models import Observation
from indicators.models import Upload
from reports.model.sources import Provenance
from reports.model.sources import UploadRef

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


REPORTED = "reported"


def stored_year_range(session: Session) -> tuple[int, int] | None:
    """The first and last year of any stored observation; None for an empty store."""
    first, last = session.execute(
        select(func.min(Observation.year), func.max(Observation.year))
    ).one()
    return None if first is None else (int(first), int(last))


def report_time() -> dt.datetime:
    """Now in naive UTC to the second, or ``SOURCE_DATE_EPOCH`` when set (reproducible files)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().lstrip("-").isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def provenance(
    session: Session,
    url: str,
    value_count: int | None = None,
    upload_ids: Iterable[int] | None = None,
    set_code: str | None = None,
) -> Provenance:
    """Where a report's numbers come from.

    Without ``value_count``/``upload_ids`` it describes the whole store (every reported
    value, the newest upload); the report functions pass the values they drew on.
    """
    if value_count is None:
        value_count = session.scalar(
            select(func.count()).select_from(Observation).where(Observation.status == REPORTED)
        )
    query = select(Upload.file_name, Upload.uploaded_at).order_by(
        Upload.uploaded_at.desc(), Upload.id.desc()
    )
    if upload_ids is not None:
        ids = sorted(set(upload_ids))
        newest = session.execute(query.where(Upload.id.in_(ids)).limit(1)).first() if ids else None
    else:
        newest = session.execute(query.limit(1)).first()
    return Provenance(
        made_at=report_time(),
        database=safe_url(url),
        value_count=int(value_count or 0),
        newest_upload=UploadRef(newest[0], newest[1]) if newest else None,
        indicator_set=set_code,
    )


def report_provenance(
    session: Session, url: str | None, upload_ids: list[int | None], set_code: str | None
) -> Provenance:
    """The provenance of a report that drew on one reported value per entry of ``upload_ids``."""
    return provenance(
        session,
        url or _session_url(session),
        value_count=len(upload_ids),
        upload_ids=[upload_id for upload_id in upload_ids if upload_id is not None],
        set_code=set_code,
    )


def _session_url(session: Session) -> str:
    bind = session.get_bind()
    return str(getattr(bind, "url", "")) or "?"
