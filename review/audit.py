"""The county's audit log: uploads, reverts, decisions, year locks and removals, newest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import Messages
from i18n import Text
from indicators.models import APPROVE
from indicators.models import LOCK
from indicators.models import REMOVE
from indicators.models import REOPEN
from indicators.models import RETURN
from indicators.models import SUBMIT
from indicators.models import UNLOCK
from indicators.models import AccountEvent
from indicators.models import CountyEvent
from indicators.models import Observation
from indicators.models import Revision
from indicators.models import Upload
from indicators.store import REVISION_MUNICIPALITY
from indicators.store import REVISION_YEAR
from municipalities.registry import resolve_municipality
from review.errors import ReviewError

UPLOAD = "upload"


REVERT = "revert"


AUDIT_KINDS = (UPLOAD, REVERT, APPROVE, RETURN, REOPEN, LOCK, UNLOCK, SUBMIT, REMOVE)


AUDIT_WORDS = Messages(
    {
        UPLOAD: Text("uppladdning", "upload"),
        REVERT: Text("återställning", "revert"),
        APPROVE: Text("godkänd", "approved"),
        RETURN: Text("tillbakaskickad", "returned"),
        REOPEN: Text("öppnad igen", "reopened"),
        LOCK: Text("år låst", "year locked"),
        UNLOCK: Text("år upplåst", "year unlocked"),
        SUBMIT: Text("klar för granskning", "ready for review"),
        REMOVE: Text("person borttagen", "person removed"),
    }
)


@dataclass(frozen=True)
class AuditEntry:
    """One thing that happened to the store: who, when, why, and to what."""

    kind: str
    at: dt.datetime
    actor: str
    year: int | None
    municipality_code: str | None
    reason: str | None
    upload_id: int | None = None
    file_name: str | None = None
    subject: str | None = None  # the pseudonym of a removed person

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "year": self.year,
            "municipality": self.municipality_code,
            "reason": self.reason,
            "upload_id": self.upload_id,
            "file_name": self.file_name,
            "subject": self.subject,
        }


@dataclass(frozen=True)
class AuditLog:
    """Entries of the audit log, oldest first."""

    entries: list[AuditEntry]

    def to_dict(self) -> dict[str, Any]:
        return {"entries": [entry.to_dict() for entry in self.entries]}


def audit_log(
    session: Session,
    *,
    year: int | None = None,
    municipality: Any = None,
    kinds: Iterable[str] | None = None,
    actor: str | None = None,
    since: dt.datetime | None = None,
) -> AuditLog:
    """Uploads, reverts, approvals, returns, reopenings and year locks, filtered, oldest first.

    An upload counts for a municipality or a year when it changed one of its values; a
    year lock counts for every municipality of that year.
    """
    wanted = set(kinds) if kinds is not None else set(AUDIT_KINDS)
    unknown = wanted - set(AUDIT_KINDS)
    if unknown:
        kind = repr(sorted(unknown)[0])
        raise ReviewError("unknown-audit-kind", kind=kind, known=", ".join(AUDIT_KINDS))
    code = None
    if municipality is not None:
        code = resolve_municipality(municipality).code
    entries: list[AuditEntry] = []
    if wanted & {UPLOAD, REVERT}:
        entries.extend(_upload_entries(session, wanted, year, code, actor, since))
    county_kinds = wanted & {APPROVE, RETURN, REOPEN, LOCK, UNLOCK, SUBMIT}
    if county_kinds:
        query = select(CountyEvent).where(CountyEvent.action.in_(county_kinds))
        if year is not None:
            query = query.where(CountyEvent.year == year)
        if code is not None:
            query = query.where(
                (CountyEvent.municipality_code == code) | CountyEvent.municipality_code.is_(None)
            )
        if actor is not None:
            query = query.where(CountyEvent.actor == actor)
        if since is not None:
            query = query.where(CountyEvent.at >= since)
        entries.extend(
            AuditEntry(e.action, e.at, e.actor, e.year, e.municipality_code, e.reason)
            for e in session.scalars(query)
        )
    if REMOVE in wanted and year is None and code is None:
        entries.extend(_removal_entries(session, actor, since))
    entries.sort(key=lambda entry: (entry.at, entry.kind))
    return AuditLog(entries)


def _removal_entries(
    session: Session, actor: str | None, since: dt.datetime | None
) -> list[AuditEntry]:
    """People removed (their pseudonym as the file name); they belong to no year or place."""
    query = select(AccountEvent).where(AccountEvent.action == REMOVE)
    if actor is not None:
        query = query.where(AccountEvent.actor == actor)
    if since is not None:
        query = query.where(AccountEvent.at >= since)
    return [
        AuditEntry(REMOVE, e.at, e.actor, None, None, e.reason, subject=e.subject)
        for e in session.scalars(query)
    ]


def _upload_entries(
    session: Session,
    wanted: set[str],
    year: int | None,
    code: str | None,
    actor: str | None,
    since: dt.datetime | None,
) -> list[AuditEntry]:
    outcomes = {"imported" if kind == UPLOAD else "revert" for kind in wanted & {UPLOAD, REVERT}}
    query = select(
        Upload.id,
        Upload.outcome,
        Upload.uploaded_at,
        Upload.uploaded_by,
        Upload.force_reason,
        Upload.file_name,
    ).where(Upload.outcome.in_(outcomes))
    if actor is not None:
        query = query.where(Upload.uploaded_by == actor)
    if since is not None:
        query = query.where(Upload.uploaded_at >= since)
    conditions = []
    if year is not None:
        conditions.append(year == REVISION_YEAR)
    if code is not None:
        conditions.append(code == REVISION_MUNICIPALITY)
    if conditions:
        ids = (
            select(Revision.upload_id)
            .outerjoin(Observation, Observation.id == Revision.observation_id)
            .where(and_(*conditions))
        )
        query = query.where(Upload.id.in_(ids))
    # Which municipality and year each upload changed: named when it is only one.
    spans = {
        upload_id: (low_m if low_m == high_m else None, low_y if low_y == high_y else None)
        for upload_id, low_m, high_m, low_y, high_y in session.execute(
            select(
                Revision.upload_id,
                func.min(REVISION_MUNICIPALITY),
                func.max(REVISION_MUNICIPALITY),
                func.min(REVISION_YEAR),
                func.max(REVISION_YEAR),
            )
            .outerjoin(Observation, Observation.id == Revision.observation_id)
            .where(Revision.upload_id.in_(query.with_only_columns(Upload.id).scalar_subquery()))
            .group_by(Revision.upload_id)
        )
    }
    entries = []
    for upload_id, outcome, at, by, reason, file_name in session.execute(query):
        municipality, value_year = spans.get(upload_id, (None, None))
        entries.append(
            AuditEntry(
                UPLOAD if outcome == "imported" else REVERT,
                at,
                by,
                value_year if value_year is not None else year,
                municipality if municipality is not None else code,
                reason,
                upload_id,
                file_name,
            )
        )
    return entries
