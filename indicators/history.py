"""A value's history and the list of uploads: what the store shows of its past."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import render_stored
from indicators.models import Indicator
from indicators.models import Upload
from indicators.store import OBSERVATION_TABLE
from indicators.store import REVISION_INDICATOR
from indicators.store import REVISION_MUNICIPALITY
from indicators.store import REVISION_STATES
from indicators.store import REVISION_TABLE
from indicators.store import REVISION_YEAR
from indicators.store import UploadNotFoundError


@dataclass(frozen=True)
class HistoryEntry:
    """One revision of one observation, with the file and person behind it."""

    revision_id: int
    municipality_code: str
    indicator_id: int
    indicator_code: str
    year: int
    old_value: float | None
    old_status: str | None
    old_comment: str | None
    new_value: float | None
    new_status: str | None  # None: a revert removed the value
    new_comment: str | None
    changed_at: dt.datetime
    changed_by: str
    reason: str | None
    upload_id: int | None
    file_name: str | None

    @property
    def created(self) -> bool:
        """True when this revision created the observation."""
        return self.old_status is None

    def to_dict(self, set_code: str | None = None, name: str | None = None) -> dict[str, Any]:
        """The JSON contract of one revision (`history --json`, `uploads show --json`).

        System texts (a revert's file name and reason) read in English, as they always did;
        ``set_code`` adds the indicator set the series belongs to and ``name`` the
        indicator's name (`history --json`).
        """
        data: dict[str, Any] = {
            "municipality": self.municipality_code,
            "indicator": self.indicator_code,
            "year": self.year,
            "old_value": self.old_value,
            "old_status": self.old_status,
            "old_comment": self.old_comment,
            "new_value": self.new_value,
            "new_status": self.new_status,
            "new_comment": self.new_comment,
            "changed_at": self.changed_at.isoformat(),
            "changed_by": self.changed_by,
            "reason": render_stored(self.reason, "en") or self.reason,
            "upload_id": self.upload_id,
            "file_name": render_stored(self.file_name, "en") or self.file_name,
        }
        if set_code is not None:
            data["set"] = set_code
        if name is not None:
            data["indicator_name"] = name
        return data


@dataclass
class UploadDetail:
    """One upload and every revision it wrote."""

    upload: Upload
    revisions: list[HistoryEntry]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `miljomal uploads show --json`."""
        return {
            **upload_to_dict(self.upload),
            "revisions": [entry.to_dict() for entry in self.revisions],
        }


def upload_to_dict(upload: Upload) -> dict[str, Any]:
    """The JSON contract of one upload (`uploads list --json`, `uploads show --json`)."""
    return {
        "id": upload.id,
        "file_name": render_stored(upload.file_name, "en"),
        "sha256": upload.sha256,
        "size": upload.size,
        "layout": upload.layout,
        "uploaded_by": upload.uploaded_by,
        "uploaded_at": upload.uploaded_at.isoformat(),
        "created": upload.created,
        "updated": upload.updated,
        "unchanged": upload.unchanged,
        "rejected": upload.rejected,
        "warnings": upload.warnings,
        "outcome": upload.outcome,
        "force_reason": upload.force_reason,
        "reverted_by": upload.reverted_by,
    }


def history(session: Session, municipality_code: str, indicator_id: int) -> list[HistoryEntry]:
    """Every revision of one series (all years), removed values' included, oldest first."""
    return _history_entries(
        session, municipality_code == REVISION_MUNICIPALITY, indicator_id == REVISION_INDICATOR
    )


def list_uploads(session: Session) -> list[Upload]:
    """Every upload, reverts included, oldest first."""
    return list(session.scalars(select(Upload).order_by(Upload.id)))


def upload_detail(session: Session, upload_id: int) -> UploadDetail:
    """One upload and the revisions it wrote, in the order written."""
    upload = session.get(Upload, upload_id)
    if upload is None:
        raise UploadNotFoundError("upload-not-found", upload=upload_id)
    return UploadDetail(upload, _history_entries(session, REVISION_TABLE.c.upload_id == upload_id))


def _history_entries(session: Session, *conditions: ColumnElement[bool]) -> list[HistoryEntry]:
    r = REVISION_TABLE.c
    query = (
        select(
            r.id,
            REVISION_MUNICIPALITY,
            REVISION_INDICATOR,
            Indicator.code,
            REVISION_YEAR,
            *REVISION_STATES,
            r.changed_at,
            r.changed_by,
            r.reason,
            r.upload_id,
            Upload.file_name,
        )
        .outerjoin(OBSERVATION_TABLE, OBSERVATION_TABLE.c.id == r.observation_id)
        .join(Indicator, Indicator.id == REVISION_INDICATOR)
        .outerjoin(Upload, Upload.id == r.upload_id)
        .where(*conditions)
        .order_by(r.id)
    )
    return [HistoryEntry(*row) for row in session.execute(query)]
