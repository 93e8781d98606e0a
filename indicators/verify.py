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
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import Lang
from i18n import Messages
from i18n import Text
from indicators.messages import MESSAGES
from indicators.models import REPORTED
from indicators.models import Indicator
from indicators.models import Observation
from indicators.models import Revision
from indicators.models import Upload
from indicators.problems import phrase

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

# What each inconsistency says, by its code; `{where}` is "kommun, indikator, år".
SENTENCES = Messages(
    {
        STATUS_WITH_VALUE: Text(
            "Observation {observation_id} ({where}) har status {status} men ändå värdet {value}.",
            "Observation {observation_id} ({where}) has status {status} but a value {value}.",
        ),
        NO_HISTORY: Text(
            "Observation {observation_id} ({where}) har ingen historik: ingen revision "
            "skapade den.",
            "Observation {observation_id} ({where}) has no history: no revision created it.",
        ),
        BROKEN_CHAIN: Text(
            "Revision {revision_id} av observation {observation_id} ({where}) utgår från "
            "{old}, men historiken före den slutar på {before}.",
            "Revision {revision_id} of observation {observation_id} ({where}) starts from "
            "{old}, but the history before it ends at {before}.",
        ),
        VALUE_MISMATCH: Text(
            "Observation {observation_id} ({where}) är lagrad som {stored}, men historiken ger "
            "{replayed}.",
            "Observation {observation_id} ({where}) is stored as {stored}, but its history gives "
            "{replayed}.",
        ),
        UPLOAD_MISMATCH: Text(
            "Observation {observation_id} ({where}) anger uppladdning {upload_id}, men den senaste "
            "revisionen kom från uppladdning {last_upload}.",
            "Observation {observation_id} ({where}) names upload {upload_id}, but its latest "
            "revision came from upload {last_upload}.",
        ),
        MANUAL_WITHOUT_REASON: Text(
            "Revision {revision_id} (observation {observation_id}) kommer varken från en "
            "uppladdning eller anger ett skäl.",
            "Revision {revision_id} (observation {observation_id}) neither comes from an upload "
            "nor gives a reason.",
        ),
        MISSING_UPLOAD: Text(
            "Revision {revision_id} (observation {observation_id}) pekar på uppladdning "
            "{upload_id}, som inte finns.",
            "Revision {revision_id} (observation {observation_id}) points to upload "
            "{upload_id}, which does not exist.",
        ),
        ORPHAN_REVISION: Text(
            "Revision {revision_id} gäller observation {observation_id}, som inte finns.",
            "Revision {revision_id} belongs to observation {observation_id}, which does not exist.",
        ),
        DUPLICATE_SHA256: Text(
            "{count} uppladdningar ({uploads}) har samma SHA-256 {sha}…; samma fil får bara "
            "stå en gång (den kan importeras igen först när den är återställd).",
            "{count} uploads ({uploads}) share the SHA-256 {sha}…; a file may stand once "
            "(it can be imported again only once it is reverted).",
        ),
        SHA256_MISMATCH: Text(
            "Uppladdning {upload_id}: den sparade filen har SHA-256 {actual}…, men {sha}… är "
            "registrerat.",
            "Upload {upload_id}: the kept file has SHA-256 {actual}…, but {sha}… is recorded.",
        ),
    }
)

State = tuple[float | None, str | None, str | None]


@dataclass(frozen=True)
class Inconsistency:
    """One thing in the store that its history does not explain."""

    code: str
    text: Text
    observation_id: int | None = None
    revision_id: int | None = None
    upload_id: int | None = None

    def message(self, lang: Lang = "sv") -> str:
        """The message in Swedish (default) or English."""
        return self.text.render(lang)

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

    def add(
        self,
        code: str,
        *,
        observation_id: int | None = None,
        revision_id: int | None = None,
        upload_id: int | None = None,
        **params: Any,
    ) -> None:
        """Record one inconsistency: its code's sentence (`SENTENCES`) filled with ``params``."""
        ids = {"observation_id": observation_id, "revision_id": revision_id, "upload_id": upload_id}
        text = phrase(SENTENCES[code], **ids, **params)
        self.inconsistencies.append(
            Inconsistency(code, text, observation_id, revision_id, upload_id)
        )


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
    ids: dict[str, Any] = {"observation_id": obs.id, "where": where}
    current: State = (obs.value, obs.status, obs.comment)
    if obs.status != REPORTED and obs.value is not None:
        report.add(STATUS_WITH_VALUE, status=obs.status, value=obs.value, **ids)
    if not revisions:
        report.add(NO_HISTORY, **ids)
        return
    state: State = (None, None, None)
    for revision in revisions:
        _check_source(report, revision, upload_ids, obs.id)
        old: State = (revision.old_value, revision.old_status, revision.old_comment)
        if old != state:
            report.add(
                BROKEN_CHAIN,
                revision_id=revision.id,
                old=_state(old),
                before=_state(state),
                **ids,
            )
        state = (revision.new_value, revision.new_status, revision.new_comment)
    if state != current:
        report.add(VALUE_MISMATCH, stored=_state(current), replayed=_state(state), **ids)
    last_upload = revisions[-1].upload_id
    if obs.upload_id != last_upload:
        report.add(
            UPLOAD_MISMATCH,
            upload_id=obs.upload_id,
            last_upload=last_upload,
            **ids,
        )


def _check_source(report: VerifyReport, revision: Any, upload_ids: set[int], obs_id: int) -> None:
    """A revision comes from an existing upload, or is a manual change with a reason."""
    ids = {"observation_id": obs_id, "revision_id": revision.id}
    if revision.upload_id is None:
        if not (revision.reason and revision.reason.strip()):
            report.add(MANUAL_WITHOUT_REASON, **ids)
    elif revision.upload_id not in upload_ids:
        report.add(MISSING_UPLOAD, upload_id=revision.upload_id, **ids)


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
            upload_id=ids[0],
            count=count,
            uploads=", ".join(map(str, ids)),
            sha=sha[:12],
        )
    for upload_id in sorted(session.scalars(select(Upload.id).where(Upload.content.is_not(None)))):
        sha, content = session.execute(
            select(Upload.sha256, Upload.content).where(Upload.id == upload_id)
        ).one()
        actual = hashlib.sha256(content or b"").hexdigest()
        if actual != sha:
            report.add(
                SHA256_MISMATCH,
                upload_id=upload_id,
                actual=actual[:12],
                sha=sha[:12],
            )


def _state(state: State) -> str | Text:
    """A value's state as a sentence names it: `reported 3.5 ('a comment')`, or nothing."""
    value, status, comment = state
    if status is None:
        return MESSAGES["nothing"]
    text = f"{status} {value!r}" if value is not None else status
    return f"{text} ({comment!r})" if comment else text
