"""An audit anyone can run: replay every observation's history and compare it with the store.

The store keeps a current value per observation and one revision per change.  If nothing
ever wrote past the import and revert code, replaying an observation's revisions in id
order gives exactly its current value, status and comment, each revision starts where the
one before ended, and each points to an upload that exists (or is a manual change with a
reason).  Each upload's SHA-256 is unique and matches the file bytes kept with it.
:func:`verify_store` checks all of that and lists every inconsistency it finds.

Observations are read in batches by id, with their revisions, so memory stays flat
however large the store is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from i18n import Lang, pick
from indicators.messages import MESSAGES
from indicators.models import REPORTED, Indicator, Observation, Revision, Upload

BATCH = 5_000

# Inconsistency codes.
VALUE_MISMATCH = "value-mismatch"
BROKEN_CHAIN = "broken-chain"
NO_HISTORY = "no-history"
UPLOAD_MISMATCH = "upload-mismatch"
STATUS_WITH_VALUE = "status-with-value"
MISSING_UPLOAD = "missing-upload"
MANUAL_WITHOUT_REASON = "manual-without-reason"
ORPHAN_REVISION = "orphan-revision"
DUPLICATE_SHA256 = "duplicate-sha256"
SHA256_MISMATCH = "sha256-mismatch"

State = tuple[float | None, str | None, str | None]


@dataclass(frozen=True)
class Inconsistency:
    """One thing in the store that its history does not explain."""

    code: str
    message_sv: str
    message_en: str
    observation_id: int | None = None
    revision_id: int | None = None
    upload_id: int | None = None

    def message(self, lang: Lang = "sv") -> str:
        """The message in Swedish (default) or English."""
        return pick(lang, self.message_sv, self.message_en)

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        """The JSON form."""
        return {
            "code": self.code,
            "observation_id": self.observation_id,
            "revision_id": self.revision_id,
            "upload_id": self.upload_id,
            "message": self.message(lang),
        }


@dataclass
class VerifyReport:
    """What was checked and every inconsistency found."""

    observations: int = 0
    revisions: int = 0
    uploads: int = 0
    inconsistencies: list[Inconsistency] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the history explains the whole store."""
        return not self.inconsistencies

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        """The JSON form: counts, ok, and the inconsistencies."""
        return {
            "ok": self.ok,
            "observations": self.observations,
            "revisions": self.revisions,
            "uploads": self.uploads,
            "inconsistencies": [i.to_dict(lang) for i in self.inconsistencies],
        }

    def add(self, code: str, sv: str, en: str, **ids: int | None) -> None:
        """Record one inconsistency."""
        self.inconsistencies.append(Inconsistency(code, sv, en, **ids))


def verify_store(session: Session) -> VerifyReport:
    """Replay every observation's revisions and check uploads; read-only."""
    report = VerifyReport()
    upload_ids = set(session.scalars(select(Upload.id)))
    report.uploads = len(upload_ids)
    for observation, revisions in _observations_with_revisions(session):
        report.observations += 1
        report.revisions += len(revisions)
        _replay(report, observation, revisions, upload_ids)
    _orphan_revisions(session, report)
    _upload_hashes(session, report)
    return report


def _observations_with_revisions(session: Session) -> Iterator[tuple[Any, list[Any]]]:
    """(observation row, its revision rows in id order), observation by observation."""
    o, r = Observation, Revision
    last = 0
    while True:
        observations = session.execute(
            select(o.id, o.municipality_code, Indicator.code, o.year, o.value, o.status)
            .add_columns(o.comment, o.upload_id)
            .join(Indicator, Indicator.id == o.indicator_id)
            .where(o.id > last)
            .order_by(o.id)
            .limit(BATCH)
        ).all()
        if not observations:
            return
        first, last = observations[0].id, observations[-1].id
        grouped: dict[int, list[Any]] = {}
        query = (
            select(r.id, r.observation_id, r.upload_id, r.old_value, r.old_status)
            .add_columns(r.old_comment, r.new_value, r.new_status, r.new_comment, r.reason)
            .where(r.observation_id >= first, r.observation_id <= last)
            .order_by(r.observation_id, r.id)
        )
        for revision in session.execute(query):
            grouped.setdefault(revision.observation_id, []).append(revision)
        for observation in observations:
            yield observation, grouped.get(observation.id, [])


def _replay(report: VerifyReport, obs: Any, revisions: list[Any], upload_ids: set[int]) -> None:
    where = f"{obs.municipality_code}, {obs.code}, {obs.year}"
    ids = {"observation_id": obs.id}
    current: State = (obs.value, obs.status, obs.comment)
    if obs.status != REPORTED and obs.value is not None:
        report.add(
            STATUS_WITH_VALUE,
            f"Observation {obs.id} ({where}) har status {obs.status} men ändå värdet {obs.value}.",
            f"Observation {obs.id} ({where}) has status {obs.status} but a value {obs.value}.",
            **ids,
        )
    if not revisions:
        report.add(
            NO_HISTORY,
            f"Observation {obs.id} ({where}) har ingen historik: ingen revision skapade den.",
            f"Observation {obs.id} ({where}) has no history: no revision created it.",
            **ids,
        )
        return
    state: State = (None, None, None)
    for revision in revisions:
        _check_source(report, revision, upload_ids, obs.id)
        old: State = (revision.old_value, revision.old_status, revision.old_comment)
        if old != state:
            report.add(
                BROKEN_CHAIN,
                f"Revision {revision.id} av observation {obs.id} ({where}) utgår från "
                f"{_state(old, 'sv')}, men historiken före den slutar på {_state(state, 'sv')}.",
                f"Revision {revision.id} of observation {obs.id} ({where}) starts from "
                f"{_state(old, 'en')}, but the history before it ends at {_state(state, 'en')}.",
                revision_id=revision.id,
                **ids,
            )
        state = (revision.new_value, revision.new_status, revision.new_comment)
    if state != current:
        report.add(
            VALUE_MISMATCH,
            f"Observation {obs.id} ({where}) är lagrad som {_state(current, 'sv')}, men "
            f"historiken ger {_state(state, 'sv')}.",
            f"Observation {obs.id} ({where}) is stored as {_state(current, 'en')}, but its "
            f"history gives {_state(state, 'en')}.",
            **ids,
        )
    last_upload = revisions[-1].upload_id
    if obs.upload_id != last_upload:
        report.add(
            UPLOAD_MISMATCH,
            f"Observation {obs.id} ({where}) anger uppladdning {obs.upload_id}, men den "
            f"senaste revisionen kom från uppladdning {last_upload}.",
            f"Observation {obs.id} ({where}) names upload {obs.upload_id}, but its latest "
            f"revision came from upload {last_upload}.",
            upload_id=obs.upload_id,
            **ids,
        )


def _check_source(report: VerifyReport, revision: Any, upload_ids: set[int], obs_id: int) -> None:
    """A revision comes from an existing upload, or is a manual change with a reason."""
    if revision.upload_id is None:
        if not (revision.reason and revision.reason.strip()):
            report.add(
                MANUAL_WITHOUT_REASON,
                f"Revision {revision.id} (observation {obs_id}) kommer varken från en "
                "uppladdning eller anger ett skäl.",
                f"Revision {revision.id} (observation {obs_id}) neither comes from an upload "
                "nor gives a reason.",
                observation_id=obs_id,
                revision_id=revision.id,
            )
    elif revision.upload_id not in upload_ids:
        report.add(
            MISSING_UPLOAD,
            f"Revision {revision.id} (observation {obs_id}) pekar på uppladdning "
            f"{revision.upload_id}, som inte finns.",
            f"Revision {revision.id} (observation {obs_id}) points to upload "
            f"{revision.upload_id}, which does not exist.",
            observation_id=obs_id,
            revision_id=revision.id,
            upload_id=revision.upload_id,
        )


def _orphan_revisions(session: Session, report: VerifyReport) -> None:
    """Revisions of an observation that no longer exists."""
    query = (
        select(Revision.id, Revision.observation_id)
        .outerjoin(Observation, Observation.id == Revision.observation_id)
        # A removed value's revisions (observation_id NULL) keep their place instead.
        .where(Observation.id.is_(None), Revision.observation_id.is_not(None))
        .order_by(Revision.id)
    )
    for revision_id, obs_id in session.execute(query):
        report.revisions += 1
        report.add(
            ORPHAN_REVISION,
            f"Revision {revision_id} gäller observation {obs_id}, som inte finns.",
            f"Revision {revision_id} belongs to observation {obs_id}, which does not exist.",
            observation_id=obs_id,
            revision_id=revision_id,
        )


def _upload_hashes(session: Session, report: VerifyReport) -> None:
    """Each standing upload's SHA-256 is unique and, where the file is kept, matches its bytes.

    The importer's rule (index ``uq_upload_sha256_standing``): a file whose upload was
    reverted may be imported again, so only uploads that stand (not reverted) must differ.
    """
    duplicates = session.execute(
        select(Upload.sha256, func.count())
        .where(Upload.reverted_by.is_(None))
        .group_by(Upload.sha256)
        .having(func.count() > 1)
        .order_by(Upload.sha256)
    )
    for sha, count in duplicates:
        ids = list(
            session.scalars(
                select(Upload.id)
                .where(Upload.sha256 == sha, Upload.reverted_by.is_(None))
                .order_by(Upload.id)
            )
        )
        report.add(
            DUPLICATE_SHA256,
            f"{count} uppladdningar ({', '.join(map(str, ids))}) har samma SHA-256 {sha[:12]}…; "
            "samma fil får bara stå en gång (den kan importeras igen först när den är "
            "återställd).",
            f"{count} uploads ({', '.join(map(str, ids))}) share the SHA-256 {sha[:12]}…; a "
            "file may stand once (it can be imported again only once it is reverted).",
            upload_id=ids[0],
        )
    for upload_id in sorted(session.scalars(select(Upload.id).where(Upload.content.is_not(None)))):
        sha, content = session.execute(
            select(Upload.sha256, Upload.content).where(Upload.id == upload_id)
        ).one()
        actual = hashlib.sha256(content or b"").hexdigest()
        if actual != sha:
            report.add(
                SHA256_MISMATCH,
                f"Uppladdning {upload_id}: den sparade filen har SHA-256 {actual[:12]}…, men "
                f"{sha[:12]}… är registrerat.",
                f"Upload {upload_id}: the kept file has SHA-256 {actual[:12]}…, but "
                f"{sha[:12]}… is recorded.",
                upload_id=upload_id,
            )


def _state(state: State, lang: Lang) -> str:
    value, status, comment = state
    if status is None:
        return MESSAGES("nothing", lang)
    text = f"{status} {value!r}" if value is not None else status
    return f"{text} ({comment!r})" if comment else text
