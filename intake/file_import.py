"""Importing one file: checked completely, then stored in one transaction or not at all.

SHA-256 of its bytes (a file imported before changes nothing) -> safety precheck -> read
(``layouts.extract``) -> validate -> store (``store.apply_values``).  Any error rejects
the whole file and nothing of it is written, not even an upload row.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from i18n import Lang
from i18n import Text
from indicators import gate
from indicators import store
from indicators.problems import ProblemReport
from indicators.records import ReadResult
from indicators.records import UploadInfo
from indicators.store import current_values
from indicators.store import locked_years
from indicators.year_state import YearsRead
from indicators.year_state import approved_municipality_years
from indicators.year_state import read_years
from intake.files import problem_types as types
from intake.files.problem_types import problem_type
from intake.import_outcome import DRY_RUN
from intake.import_outcome import IMPORTED
from intake.import_outcome import REJECTED
from intake.import_outcome import UNCHANGED
from intake.import_outcome import FileOutcome
from intake.import_outcome import planned_values
from intake.reading import FileReading
from intake.reading import ReadingOptions
from intake.reading import no_cycle_collection
from intake.validation.check import validate
from intake.validation.context import CheckContext
from municipalities.registry import resolve_municipality

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.engine import Engine

    from intake.validation.check import ValidatedFile


@dataclass(frozen=True)
class ImportRequest:
    """What one import call asks of each of its files: who, the options, and the portal's limits."""

    user: str
    municipality: Any = None
    year: Any = None
    dry_run: bool = False
    force: bool = False
    reason: str | None = None
    lang: Lang = "sv"
    indicator_set: str | None = None
    # The portal's and the API's caller: the municipality codes the user may report for.
    permitted: Collection[str] | None = None
    within_window: bool = False  # a portal upload: the gate decides each municipality-year
    gate_role: str = "reporter"  # whom the gate asks about (the county board's upload: county)

    @property
    def reading(self) -> ReadingOptions:
        """What reading each file needs of the request."""
        return ReadingOptions(self.municipality, self.year, self.lang)


class ImportRun:
    """What the files of one import call share: the catalogue, read once, and the
    connection their transactions run on (on SQLite the batch's, else each file's)."""

    def __init__(self, *, portal: bool = False) -> None:
        self._context: CheckContext | None = None
        self._connection: Connection | None = None
        self.portal = portal

    @contextmanager
    def sharing_connection(self, engine: Engine) -> Iterator[None]:
        """Run every file's transactions on one connection of ``engine``, on SQLite.

        Each file is still its own transaction (`BEGIN IMMEDIATE` ... `COMMIT`); only the
        pool's checkout and return around each one go, which cost a 16-value template as
        much as its transaction's begin.  PostgreSQL takes a connection from the pool for
        each file (`connection_for_file`): the pool's ping replaces one the server dropped.
        """
        if engine.dialect.name != "sqlite":
            yield
            return
        self._connection = engine.connect()
        try:
            yield
        finally:
            self.release_connection()

    @contextmanager
    def connection_for_file(self, engine: Engine) -> Iterator[None]:
        """Run one file's transactions on one connection of ``engine``.

        On PostgreSQL an upload's transactions (validating, storing) took a connection from
        the pool each, and the pool pinged the server at each checkout: one checkout and
        one ping per file instead.  A batch that shares its connection already keeps it.
        """
        if self._connection is not None:
            yield
            return
        self._connection = engine.connect()
        try:
            yield
        finally:
            self.release_connection()

    def release_connection(self) -> None:
        """Give the shared connection back (rolling back any transaction it is still in)."""
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def session(self, engine: Engine) -> Session:
        """A session for one of a file's transactions, on the shared connection if any.

        Nothing of the store leaves a file's transaction as an ORM object (outcomes hold
        plain values), so its commit need not expire them: the session ends with it.
        """
        bind = self._connection if self._connection is not None else engine
        return Session(bind, expire_on_commit=False)

    def context(self, session: Session) -> CheckContext:
        """The checking context for one file's transaction.

        The catalogue is read in the first file's transaction and kept for the rest; the
        year locks are read again in every file's own transaction (after the writers' lock),
        so that a `year lock` confirmed while the batch runs holds for every later file.
        """
        if self._context is None:
            self._context = CheckContext.read(session)
            self._context.portal = self.portal
        else:
            self._context.locked_years = locked_years(session)
        return self._context

    @property
    def checked(self) -> CheckContext:
        """The context as the last file was checked against it."""
        assert self._context is not None, "a file checked first"
        return self._context


def import_one(
    engine: Engine,
    path: str | os.PathLike[str],
    run: ImportRun,
    request: ImportRequest,
    reading: FileReading | None = None,
) -> FileOutcome:
    """Check one file and store it in its own transaction, or reject it and write nothing.

    ``reading`` is the file as read ahead (`intake.read_ahead`); without it the file is
    read here, each step when it is needed.
    """
    name = os.fspath(path)
    report = ProblemReport(file=name)
    if reading is None:
        reading = FileReading(Path(path), request.reading)
    if reading.read() is None:
        report.problems.extend(reading.unreadable)
        return FileOutcome(name, REJECTED, problems=report)
    job = _FileImport(engine, run, reading, report, request)
    try:
        with no_cycle_collection(), run.connection_for_file(engine):
            return job.run()
    except SQLAlchemyError as exc:
        report.add(types.DATABASE_ERROR, cause=_first_line(exc))
        return FileOutcome(name, REJECTED, problems=report)


@dataclass
class _FileImport:
    """The steps of importing one file, sharing its reading (path, bytes) and report."""

    engine: Engine
    batch: ImportRun
    reading: FileReading  # read already: its bytes are there
    report: ProblemReport
    request: ImportRequest
    _gate_sentences: set[tuple[str, str]] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.reading.name

    @property
    def content(self) -> bytes:
        assert self.reading.content is not None, "a file read"
        return self.reading.content

    def run(self) -> FileOutcome:
        """Import the file: unchanged, rejected, checked (a dry run) or stored."""
        dry_run = self.request.dry_run
        sha = self.reading.sha256
        if self.engine.dialect.name == "postgresql":
            return self._look_up_validate_then_store(sha)
        if self.reading.completed:
            # Read already, in the reading process: one transaction (with SQLite's writers'
            # lock) looks the file's hash up, checks the file and stores it.
            with self.batch.session(self.engine) as session, session.begin():
                if not dry_run:
                    store.lock_for_writing(session)
                seen = self._seen(session, sha)
                return seen if seen is not None else self._read_and_store(session, sha)
        # On SQLite a transaction takes the writers' lock: a file never seen (almost every
        # file) is known as such without one, and the file is read without the lock.
        if store.sha_seen_without_lock(self.engine, sha):
            with self.batch.session(self.engine) as session, session.begin():
                seen = self._seen(session, sha)
                if seen is not None:
                    return seen
        result = self._read()
        if result is None:
            return self._rejected()
        info = self._info(sha, result)
        # Validation and storing share one transaction, so the stored values compared with
        # are the ones replaced; a rejected file leaves it with nothing written.
        with self.batch.session(self.engine) as session, session.begin():
            if not dry_run:
                # SQLite begins every transaction with its write lock: writers take turns
                # from here, so the stored values validation reads stay current until
                # storing, which uses them instead of reading them again.
                store.lock_for_writing(session)
            return self._check_and_store(session, result, info)

    def _seen(self, session: Session, sha: str) -> FileOutcome | None:
        """The outcome of a file imported before (unchanged); a reverted one is reported."""
        earlier, reverted = store.find_uploads_by_sha(session, sha)
        if earlier is not None:
            return self._already_imported(earlier.id, earlier.file_name, earlier.uploaded_at)
        if reverted is not None:
            self.report.add(
                types.REVERTED_BEFORE, upload=reverted.id, reverted_by=reverted.reverted_by
            )
        return None

    def _read(self) -> ReadResult | None:
        """The file's values after its precheck, or None after reporting why not."""
        if not self._precheck():
            return None
        return self._extract()

    def _read_and_store(self, session: Session, sha: str) -> FileOutcome:
        """Read, validate and store the file (a file read ahead) in ``session``'s transaction.

        The transaction (with the writers' lock, unless a dry run) found no standing upload
        of ``sha``.
        """
        result = self._read()
        if result is None:
            return self._rejected()
        return self._check_and_store(session, result, self._info(sha, result), unseen=True)

    def _info(self, sha: str, result: ReadResult) -> UploadInfo:
        request = self.request
        return UploadInfo(
            file_name=self.reading.path.name[-500:],
            sha256=sha,
            size=len(self.content),
            uploaded_by=request.user,
            layout=result.layout,
            force_reason=request.reason if request.force else None,
            content=self.content,
        )

    def _check_and_store(
        self, session: Session, result: ReadResult, info: UploadInfo, *, unseen: bool = False
    ) -> FileOutcome:
        """Validate and store (or count, in a dry run) in ``session``'s transaction.

        ``unseen``: the transaction found no standing upload of the file under the lock.
        """
        validated = self._validate(session, result)
        self.report.extend(validated.report)
        if not validated.ok or not self._permitted(validated.municipalities):
            return self._rejected()
        dry_run = self.request.dry_run
        return self._store(session, info, validated, dry_run=dry_run, unseen=unseen)

    def _look_up_validate_then_store(self, sha: str) -> FileOutcome:
        """PostgreSQL: look the hash up, read and validate in one transaction, then store.

        PostgreSQL's readers take no lock: the look-up, the reading and the validation
        share a transaction (each one more cost an upload a begin and a commit), and a
        dry run is checked there as well.  A file to store goes on to the writers' lock.
        """
        with self.batch.session(self.engine) as session, session.begin():
            seen = self._seen(session, sha)
            if seen is not None:
                return seen
            result = self._read()
            if result is None:
                return self._rejected()
            info = self._info(sha, result)
            if self.request.dry_run:
                return self._check_and_store(session, result, info)
            validated = self._validate(session, result)
            context = self.batch.checked  # what it was validated against, not read again
            state = _StoreState.seen(validated, context.locked_years, context.approved)
        if not (validated.ok and self._permits(validated.municipalities)):
            return self._checked(validated)
        return self._store_under_lock(result, info, validated, state)

    def _store_under_lock(
        self, result: Any, info: UploadInfo, validated: ValidatedFile, seen: _StoreState
    ) -> FileOutcome:
        """PostgreSQL: store a file validated without the writers' lock, holding it.

        With the lock taken before validation, 20 API clients uploading at once waited in
        turn for each other's whole validation (24 uploads/s, p95 1.46 s).  Under the lock
        the stored values of the file's keys, the year locks and the approvals of its years
        are read again; when any of them changed since, the file is validated again under
        the lock, so what is stored is checked against what it replaces, as before.  The
        gate decides the file's years from what was read here (`YearsRead`).
        """
        with self.batch.session(self.engine) as session, session.begin():
            store.lock_for_writing(session)
            context = self.batch.context(session)  # reads the year locks again
            years = read_years(session, seen.years, context.locked_years)
            if _StoreState.now(session, seen, years) != seen:
                context.approved = approved_municipality_years(session)
                validated = self._validate(session, result)
            if not (validated.ok and self._permits(validated.municipalities)):
                return self._checked(validated)
            self.report.extend(validated.report)
            return self._store(session, info, validated, dry_run=False, years=years)

    def _checked(self, validated: ValidatedFile) -> FileOutcome:
        """The rejection of a file validation or the permitted municipalities refuse."""
        self.report.extend(validated.report)
        if validated.ok:
            self._permitted(validated.municipalities)
        return self._rejected()

    def _permits(self, codes: list[str]) -> bool:
        permitted = self.request.permitted
        return permitted is None or all(code in permitted for code in codes)

    def _validate(self, session: Session, result: Any) -> ValidatedFile:
        request = self.request
        return validate(
            result,
            session,
            municipality=request.municipality,
            year=request.year,
            force=request.force,
            lang=request.lang,
            context=self.batch.context(session),
            indicator_set=request.indicator_set,
        )

    def _store(
        self,
        session: Session,
        info: UploadInfo,
        validated: ValidatedFile,
        *,
        dry_run: bool,
        unseen: bool = False,
        years: YearsRead | None = None,
    ) -> FileOutcome:
        """Store a checked file (or count what it would change), in ``session``'s transaction.

        ``years``: what the transaction read of the file's years already, for the gate.
        """
        # A reporter may check a file outside the window (a dry run); the county board's
        # review asks the gate as its save will (it refuses the same).
        request = self.request
        asks_gate = request.within_window and (not dry_run or request.gate_role != "reporter")
        if asks_gate and not self._in_window(session, validated, years):
            return self._rejected()
        try:
            summary = store.apply_values(
                session,
                info,
                validated.values,
                dry_run=dry_run,
                existing=validated.stored,
                unseen=unseen,
            )
        except store.DuplicateUploadError:
            # Another import stored the same file since we looked.
            earlier = store.find_upload_by_sha(session, info.sha256)
            return self._already_imported(earlier.id if earlier else None, self.name, None)
        planned = (
            planned_values(validated, self.batch.context(session).indicators.indicators)
            if dry_run
            else []
        )
        return FileOutcome(
            self.name,
            DRY_RUN if dry_run else IMPORTED,
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
            problems=self.report,
            upload_id=summary.upload_id,
            planned=planned,
        )

    def _permitted(self, codes: list[str]) -> bool:
        """False, after reporting it, when the file has values for a municipality not allowed."""
        permitted = self.request.permitted
        if permitted is None:
            return True
        others = [code for code in codes if code not in permitted]
        if others:
            listed = ", ".join(others)
            named = ", ".join(
                f"{resolve_municipality(code).short_name} ({code})" for code in others
            )
            self.report.add(types.MUNICIPALITY_NOT_PERMITTED, listed=listed, municipalities=named)
        return not others

    def _in_window(
        self, session: Session, validated: ValidatedFile, years: YearsRead | None
    ) -> bool:
        """False, after reporting it, when the gate refuses a reporter a municipality-year.

        The gate's locked and approved refusals are reported by validation already, each
        with its cells; the gate adds the reporting window (and anything else it refuses).
        """
        pairs = sorted({(v.municipality_code, v.year) for v in validated.values})
        refused = False
        for code, year in pairs:
            decision = gate.check(
                session,
                door=gate.IMPORT,
                role=self.request.gate_role,
                municipality_code=code,
                year=year,
                read=years,
            )
            if decision.allowed or decision.reason in (
                gate.YEAR_LOCKED,
                gate.MUNICIPALITY_APPROVED,
            ):
                continue
            refused = True
            sentence = (decision.message("sv"), decision.message("en"))
            if sentence not in self._gate_sentences:
                self._gate_sentences.add(sentence)
                self.report.add(problem_type(str(decision.reason)), said=Text(*sentence))
        return not refused

    def _precheck(self) -> bool:
        """Safety checks before a reader opens the file (size, zip bombs, encryption)."""
        self.report.problems.extend(self.reading.precheck())
        return self.report.ok

    def _extract(self) -> ReadResult | None:
        """The file read into raw values, or None after reporting why it cannot be read."""
        result, problems = self.reading.extract()
        self.report.problems.extend(problems)
        return result

    def _rejected(self) -> FileOutcome:
        return FileOutcome(self.name, REJECTED, problems=self.report)

    def _already_imported(self, upload_id: int | None, file_name: str, when: Any) -> FileOutcome:
        on = f" {when:%Y-%m-%d}" if when is not None else ""
        self.report.add(types.ALREADY_IMPORTED, upload=upload_id, name=file_name, on=on)
        return FileOutcome(self.name, UNCHANGED, problems=self.report, upload_id=upload_id)


@dataclass(frozen=True)
class _StoreState:
    """What validating a file read of the store that storing it depends on.

    The stored values of the file's keys (the values it replaces, the blanks that keep
    them), the locked years, and the approved municipality-years of the file's years.
    """

    stored: dict[tuple[str, int, int], Any]
    locked_years: frozenset[int]
    approved: frozenset[tuple[str, int]]

    @classmethod
    def seen(
        cls, validated: ValidatedFile, locked: Iterable[int], approved: Iterable[tuple[str, int]]
    ) -> _StoreState:
        """The state validation checked the file against."""
        stored: dict[tuple[str, int, int], Any] = dict(validated.stored or {})
        for value in validated.values:
            stored.setdefault((value.municipality_code, value.indicator_id, value.year), None)
        years = {year for _, _, year in stored}
        return cls(
            stored,
            frozenset(locked),
            frozenset(pair for pair in approved if pair[1] in years),
        )

    @property
    def years(self) -> set[int]:
        """The file's years."""
        return {year for _, _, year in self.stored}

    @classmethod
    def now(cls, session: Session, seen: _StoreState, years: YearsRead) -> _StoreState:
        """The same keys, years and locks as the store has them now (``years`` read them)."""
        keys = seen.stored
        found = current_values(
            session, [k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys]
        )
        return cls({key: found.get(key) for key in keys}, years.locked, years.approved)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
