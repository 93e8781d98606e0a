"""Uploaded files kept between review (Granska) and saving (Spara), by SHA-256.

The bytes a reporter reviewed are the bytes saved: the review stores them here and the
save reads them back by their SHA-256, so a file is never uploaded twice and cannot change
between the two steps.  Unsaved files expire after a day.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from accounts.models import StagedFile
from indicators.models import utcnow

KEEP_FOR = dt.timedelta(hours=24)


def stage_file(
    session: Session,
    *,
    user_id: int,
    municipality_code: str,
    year: int,
    file_name: str,
    content: bytes,
    ok: bool,
) -> StagedFile:
    """Keep a reviewed file for its uploader; the same bytes again replace the earlier copy."""
    sha = hashlib.sha256(content).hexdigest()
    purge_expired(session)
    session.execute(
        delete(StagedFile).where(StagedFile.sha256 == sha, StagedFile.user_id == user_id)
    )
    now = utcnow()
    staged = StagedFile(
        sha256=sha,
        user_id=user_id,
        municipality_code=municipality_code,
        year=year,
        file_name=file_name[-500:],
        content=content,
        ok=ok,
        created_at=now,
        expires_at=now + KEEP_FOR,
    )
    session.add(staged)
    session.flush()
    return staged


def find_staged(
    session: Session, *, user_id: int, municipality_code: str, sha256: str
) -> StagedFile | None:
    """The unexpired file this user reviewed for this municipality, if any."""
    return session.scalar(
        select(StagedFile).where(
            StagedFile.sha256 == sha256,
            StagedFile.user_id == user_id,
            StagedFile.municipality_code == municipality_code,
            StagedFile.expires_at > utcnow(),
        )
    )


def discard_staged(session: Session, staged: StagedFile) -> None:
    """Forget a staged file once it is saved."""
    session.delete(staged)


def purge_expired(session: Session) -> int:
    """Delete staged files past their expiry; return how many."""
    result = session.execute(delete(StagedFile).where(StagedFile.expires_at <= utcnow()))
    return int(getattr(result, "rowcount", 0) or 0)
