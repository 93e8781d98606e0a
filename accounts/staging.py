"""Uploaded files kept between review (Granska) and saving (Spara), by SHA-256.

The bytes a reporter reviewed are the bytes saved: the review stores them here and the
save reads them back by their SHA-256, so a file is never uploaded twice and cannot change
between the two steps.  Only a file that can be saved keeps its bytes; every staged file
keeps the review's problems and, once made, its annotated copy, so the download never runs
the review again.  Staged bytes are capped per user and in total, and expire after a day
(pruned by the server's housekeeping, without waiting for a request).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from accounts.errors import AccountError
from accounts.models import StagedFile
from i18n import Lang
from i18n import Text
from indicators.models import utcnow
from indicators.problems import Problem
from intake.annotate import AnnotateError
from intake.annotate import AnnotationTooLarge
from intake.annotate import write_annotated_copy

KEEP_FOR = dt.timedelta(hours=24)
MEGABYTE = 1024 * 1024
PER_USER_BYTES = 100 * MEGABYTE  # five files of the portal's 20 MB upload limit
TOTAL_BYTES = 1024 * MEGABYTE
ANNOTATE_MAX_ROWS = 10_000
TOO_MANY_ROWS = "too-many-rows"
CANNOT_ANNOTATE = "cannot-annotate"


@dataclass(frozen=True)
class StagingLimits:
    """How many bytes may wait for Spara, per user and in all, and for how long."""

    per_user_bytes: int = PER_USER_BYTES
    total_bytes: int = TOTAL_BYTES
    keep_for: dt.timedelta = KEEP_FOR


class StagingFull(AccountError):
    """A file would take the staged bytes over a cap; nothing was kept."""


@dataclass(frozen=True)
class Annotation:
    """The annotated copy of a staged file, or why none can be made (``refusal``)."""

    content: bytes | None
    lang: Lang
    refusal: str | None = None


def stage_file(
    session: Session,
    *,
    user_id: int,
    municipality_code: str | None,
    year: int,
    file_name: str,
    content: bytes,
    ok: bool,
    problems: Iterable[Problem] = (),
    annotation: Annotation | None = None,
    limits: StagingLimits | None = None,
) -> StagedFile:
    """Keep a reviewed file for its uploader; the same bytes again replace the earlier copy.

    The bytes are kept only when ``ok`` (the file can be saved).  Raises `StagingFull` when
    what is kept would go over a cap.
    """
    limits = limits or StagingLimits()
    sha = hashlib.sha256(content).hexdigest()
    purge_expired(session)
    session.execute(
        delete(StagedFile).where(StagedFile.sha256 == sha, StagedFile.user_id == user_id)
    )
    kept = content if ok else b""
    problems_json = json.dumps([dataclasses.asdict(p) for p in problems], ensure_ascii=False)
    annotated = annotation.content if annotation else None
    size = len(kept) + len(problems_json.encode()) + len(annotated or b"")
    check_room(session, user_id=user_id, size=size, limits=limits)
    now = utcnow()
    staged = StagedFile(
        sha256=sha,
        user_id=user_id,
        municipality_code=municipality_code,
        year=year,
        file_name=file_name[-500:],
        content=kept,
        ok=ok,
        created_at=now,
        expires_at=now + limits.keep_for,
        size=size,
        problems=problems_json,
        annotated=annotated,
        annotated_lang=annotation.lang if annotation else None,
        annotation_refusal=annotation.refusal if annotation else None,
    )
    session.add(staged)
    session.flush()
    return staged


def check_room(
    session: Session, *, user_id: int, size: int, limits: StagingLimits | None = None
) -> None:
    """Raise `StagingFull` unless ``size`` more bytes fit under both caps."""
    limits = limits or StagingLimits()
    mine = staged_bytes(session, user_id)
    if mine + size > limits.per_user_bytes:
        megabytes = _megabytes(limits.per_user_bytes)
        hours = int(limits.keep_for.total_seconds() // 3600)
        raise StagingFull("staging-user-full", megabytes=megabytes, hours=hours)
    if staged_bytes(session) + size > limits.total_bytes:
        raise StagingFull("staging-full")


def staged_bytes(session: Session, user_id: int | None = None) -> int:
    """Bytes staged and unexpired, by one user or by everybody."""
    query = select(func.coalesce(func.sum(StagedFile.size), 0)).where(
        StagedFile.expires_at > utcnow()
    )
    if user_id is not None:
        query = query.where(StagedFile.user_id == user_id)
    return int(session.scalar(query) or 0)


def find_staged(
    session: Session, *, user_id: int, municipality_code: str | None, sha256: str
) -> StagedFile | None:
    """The unexpired file this user reviewed for this municipality (None: a county file)."""
    place = (
        StagedFile.municipality_code.is_(None)
        if municipality_code is None
        else StagedFile.municipality_code == municipality_code
    )
    return session.scalar(
        select(StagedFile).where(
            StagedFile.sha256 == sha256,
            StagedFile.user_id == user_id,
            place,
            StagedFile.expires_at > utcnow(),
        )
    )


def staged_problems(staged: StagedFile) -> list[Problem]:
    """The problems the review found in a staged file."""
    return [_kept_problem(found) for found in json.loads(staged.problems or "[]")]


def _kept_problem(kept: dict[str, Any]) -> Problem:
    """A problem as `stage` kept it: its sentence is a `Text` under ``text``.

    A file reviewed before an upgrade (kept for a day) has the two languages as two fields.
    """
    fields = dict(kept)
    if "text" in fields:
        text = Text(**fields.pop("text"))
    else:
        text = Text(fields.pop("message_sv"), fields.pop("message_en"))
    return Problem(text=text, **fields)


def keep_annotation(
    session: Session,
    staged: StagedFile,
    annotation: Annotation,
    limits: StagingLimits | None = None,
) -> bool:
    """Keep the annotated copy with its staged file when it fits under the caps."""
    added = len(annotation.content or b"") - len(staged.annotated or b"")
    try:
        check_room(session, user_id=staged.user_id, size=max(added, 0), limits=limits)
    except StagingFull:
        return False
    staged.annotated = annotation.content
    staged.annotated_lang = annotation.lang
    staged.annotation_refusal = annotation.refusal
    staged.size = staged.size + added
    session.flush()
    return True


def annotate(
    content: bytes,
    file_name: str,
    problems: list[Problem],
    *,
    lang: Lang = "sv",
    max_rows: int | None = ANNOTATE_MAX_ROWS,
) -> Annotation:
    """The annotated copy of uploaded bytes, or why it cannot be made (never an exception)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / Path(file_name).name
        source.write_bytes(content)
        target = Path(folder) / f"{os.urandom(8).hex()}-granskning.xlsx"
        try:
            path = write_annotated_copy(source, problems, target, lang=lang, max_rows=max_rows)
        except AnnotationTooLarge:
            return Annotation(None, lang, TOO_MANY_ROWS)
        except AnnotateError:
            return Annotation(None, lang, CANNOT_ANNOTATE)
        return Annotation(path.read_bytes(), lang)


def discard_staged(session: Session, staged: StagedFile) -> None:
    """Forget a staged file once it is saved."""
    session.delete(staged)


def purge_expired(session: Session) -> int:
    """Delete staged files past their expiry; return how many."""
    result = session.execute(delete(StagedFile).where(StagedFile.expires_at <= utcnow()))
    return int(getattr(result, "rowcount", 0) or 0)


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.0f}"
