"""Importing files: each file checked completely, then stored in one transaction or not at all.

One file goes: SHA-256 of its bytes (a file imported before changes nothing) -> safety
precheck -> read (``layouts.extract``) -> validate -> store (``store.apply_values``).
Any error rejects the whole file and nothing of it is written, not even an upload row.
A batch imports its files one by one; a bad file, or a database error while storing one,
is reported for that file and the batch goes on.
"""

from __future__ import annotations

import gc
import glob
import hashlib
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from i18n import Lang, Localised, Text
from indicators import gate, store
from indicators.errors import IndicatorError
from indicators.problems import Problem, ProblemReport, ProblemType
from indicators.records import PlannedValue, UploadInfo
from indicators.store import current_values, locked_years
from indicators.year_state import approved_municipality_years
from intake import safety
from intake.errors import IntakeError
from intake.files import problem_types as types
from intake.files.entry import ReadError, read_bytes
from intake.files.problem_types import problem_type
from intake.layouts import extract
from intake.safety import limits_from_environment
from intake.validation.check import validate
from intake.validation.context import CheckContext
from municipalities.registry import resolve_municipality

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from intake.validation.check import ValidatedFile

IMPORTED = "imported"
REJECTED = "rejected"
UNCHANGED = "unchanged"
DRY_RUN = "dry-run"
# After Ctrl-C: the file being imported was rolled back (ROLLED_BACK), or whether its commit
# happened could not be found out (UNKNOWN; `miljomal uploads list` tells).
ROLLED_BACK = "rolled-back"
UNKNOWN = "unknown"

SUFFIXES = (".xlsx", ".xlsm", ".ods", ".csv", ".txt")
_GLOB_CHARACTERS = "*?["


class ImportOptionsError(IntakeError):
    """The options of an import do not go together (such as --force without --reason)."""


class PathNotFound(IntakeError):
    """A path given to import is no file, no directory and no pattern that matches a file."""


@dataclass
class FileOutcome:
    """What importing one file did: its outcome, the DHIS2-style counts and its problems."""

    path: str
    outcome: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: ProblemReport = field(default_factory=ProblemReport)
    upload_id: int | None = None
    # A dry run's every value with its indicator's name, the stored and the new value
    # (the dry run's listing and the portal's Granska); empty for a real import.
    planned: list[PlannedValue] = field(default_factory=list)

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        """One file of the import output contract."""
        return {
            "path": self.path,
            "outcome": self.outcome,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": self.problems.to_list(lang),
        }


@dataclass
class BatchOutcome:
    """Every file of one import run, in the order imported."""

    files: list[FileOutcome] = field(default_factory=list)
    interrupted: bool = False
    not_started: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> list[FileOutcome]:
        """The files that were not imported because of errors."""
        return [f for f in self.files if f.outcome == REJECTED]

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        """The import output contract: ``{"files": [...]}``.

        An interrupted batch adds ``"interrupted": true`` and ``"not_started"`` (the paths
        never begun); its ``files`` are those committed, and the one that was running with
        the outcome ``rolled-back`` (or ``imported`` when its commit had happened).
        """
        data: dict[str, Any] = {"files": [f.to_dict(lang) for f in self.files]}
        if self.interrupted:
            data["interrupted"] = True
            data["not_started"] = list(self.not_started)
        return data


def planned_values(validated: ValidatedFile, indicators: Iterable[Any]) -> list[PlannedValue]:
    """Every value of a checked file with its indicator's name, the stored and the new value.

    ``indicators`` are the catalogue's records (by id); ``validated.stored`` holds what the
    store has for the file's keys, as validation read it in the same transaction.
    """
    by_id = {indicator.id: indicator for indicator in indicators}
    stored = validated.stored or {}
    planned = []
    for value in validated.values:
        indicator = by_id[value.indicator_id]
        old = stored.get((value.municipality_code, value.indicator_id, value.year))
        planned.append(
            PlannedValue(
                value.municipality_code,
                indicator.code,
                indicator.name,
                indicator.name_en,
                indicator.set_code,
                value.year,
                old.value if old is not None else None,
                old.status if old is not None else None,
                value.value,
                value.status,
            )
        )
    return planned


# --- paths ---------------------------------------------------------------------------------


def expand_paths(arguments: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files meant by PATH arguments: files as given, directories and patterns searched.

    A directory is searched recursively and a pattern (``data/*.xlsx``, also ``**``) is
    expanded here when the shell did not; both keep only .xlsx, .xlsm, .ods, .csv and .txt
    files and skip hidden files and Excel's lock files (``~$name.xlsx``).  A file named
    explicitly is always kept, so that a wrong format gets a clear rejection.  Raises
    PathNotFound for an argument that yields no file.
    """
    found: dict[Path, None] = {}
    for argument in arguments:
        text = os.fspath(argument)
        path = Path(text)
        if path.is_dir():
            matches = _files_below(path)
        elif path.exists():
            matches = [path]
        elif any(char in text for char in _GLOB_CHARACTERS):
            matches = []
            for match in sorted(glob.glob(text, recursive=True)):
                candidate = Path(match)
                if candidate.is_dir():
                    matches.extend(_files_below(candidate))
                elif _importable(candidate):
                    matches.append(candidate)
        else:
            raise PathNotFound("no-such-path", path=text)
        if not matches:
            raise PathNotFound("nothing-to-import", path=text, suffixes=", ".join(SUFFIXES))
        found.update(dict.fromkeys(matches))
    return list(found)


def _files_below(directory: Path) -> list[Path]:
    return sorted(
        path
        for path in directory.rglob("*")
        if path.is_file()
        and _importable(path)
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )


def _importable(path: Path) -> bool:
    name = path.name
    return (
        path.suffix.lower() in SUFFIXES and not name.startswith("~$") and not name.startswith(".")
    )


# --- one file ------------------------------------------------------------------------------


def import_file(
    engine: Engine,
    path: str | os.PathLike[str],
    *,
    user: str,
    municipality: Any = None,
    year: Any = None,
    dry_run: bool = False,
    force: bool = False,
    reason: str | None = None,
    lang: Lang = "sv",
    indicator_set: str | None = None,
    permitted: Collection[str] | None = None,
    within_window: bool = False,
    gate_role: str = "reporter",
) -> FileOutcome:
    """Check one file and store it in one transaction, or reject it and write nothing.

    ``permitted`` (the web portal's and API's caller) names the municipality codes the
    user may report for; a file with values for any other is rejected with nothing written.
    ``within_window`` (a reporter's upload) rejects a file with values for a year whose
    reporting window is not open today, whichever way the year was given (a check, dry
    run, is allowed).
    """
    check_options(force=force, reason=reason)
    return _import_one(
        engine,
        path,
        # `permitted` comes from the portal and the API: their messages have no CLI words.
        _Run(portal=permitted is not None),
        user=user,
        municipality=municipality,
        year=year,
        dry_run=dry_run,
        force=force,
        reason=reason,
        lang=lang,
        indicator_set=indicator_set,
        permitted=permitted,
        within_window=within_window,
        gate_role=gate_role,
    )


class _Run:
    """What the files of one import call share: the catalogue, read once."""

    def __init__(self, *, portal: bool = False) -> None:
        self._context: CheckContext | None = None
        self.portal = portal

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


def _import_one(
    engine: Engine,
    path: str | os.PathLike[str],
    run: _Run,
    *,
    user: str,
    municipality: Any,
    year: Any,
    dry_run: bool,
    force: bool,
    reason: str | None,
    lang: Lang,
    indicator_set: str | None = None,
    permitted: Collection[str] | None = None,
    within_window: bool = False,
    gate_role: str = "reporter",
) -> FileOutcome:
    name = os.fspath(path)
    report = ProblemReport(file=name)
    try:
        # Decided from os.stat before a byte is read: a FIFO, /dev/zero or a huge file.
        content = read_bytes(path, limits_from_environment().max_bytes)
    except ReadError as exc:
        said = Text(exc.message("sv"), exc.message("en"))
        report.add(problem_type(exc.code), row=exc.row, said=said)
        return FileOutcome(name, REJECTED, problems=report)
    except OSError as exc:
        report.add(types.UNREADABLE_FILE_OS, reason=exc.strerror or exc)
        return FileOutcome(name, REJECTED, problems=report)
    job = _FileImport(
        engine,
        run,
        Path(path),
        name,
        content,
        report,
        user=user,
        force=force,
        reason=reason,
        permitted=permitted,
        within_window=within_window,
        gate_role=gate_role,
    )
    try:
        with _no_cycle_collection():
            return job.run(
                municipality=municipality,
                year=year,
                dry_run=dry_run,
                lang=lang,
                indicator_set=indicator_set,
            )
    except SQLAlchemyError as exc:
        report.add(types.DATABASE_ERROR, cause=_first_line(exc))
        return FileOutcome(name, REJECTED, problems=report)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one file is imported.

    A long file becomes hundreds of thousands of small records (raw values, clean values,
    stored rows) that live until the file is done; each full collection walks all of them
    again, a fifth of the time of a 232 000-row import.  They hold no reference cycles, so
    reference counting frees them anyway; what cycles the file's work leaves are collected
    when the collector runs again after it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def check_options(*, force: bool, reason: str | None) -> None:
    """Refuse --force without a reason: a forced change of an approved year must say why."""
    if force and not (reason and reason.strip()):
        raise ImportOptionsError("force-needs-reason")


@dataclass
class _FileImport:
    """The steps of importing one file, sharing its path, bytes and report."""

    engine: Engine
    batch: _Run
    path: Path
    name: str
    content: bytes
    report: ProblemReport
    user: str
    force: bool
    reason: str | None
    permitted: Collection[str] | None = None
    within_window: bool = False  # a portal upload: the gate decides each municipality-year
    gate_role: str = "reporter"  # whom the gate asks about (the county board's upload: county)
    _gate_sentences: set[tuple[str, str]] = field(default_factory=set)

    def run(
        self,
        *,
        municipality: Any,
        year: Any,
        dry_run: bool,
        lang: Lang,
        indicator_set: str | None = None,
    ) -> FileOutcome:
        sha = hashlib.sha256(self.content).hexdigest()
        with Session(self.engine) as session, session.begin():
            earlier, reverted = store.find_uploads_by_sha(session, sha)
            if earlier is not None:
                return self._already_imported(earlier.id, earlier.file_name, earlier.uploaded_at)
            if reverted is not None:
                self.report.add(
                    types.REVERTED_BEFORE, upload=reverted.id, reverted_by=reverted.reverted_by
                )
        if not self._precheck():
            return self._rejected()
        result = self._extract(municipality=municipality, year=year, lang=lang)
        if result is None:
            return self._rejected()

        info = UploadInfo(
            file_name=self.path.name[-500:],
            sha256=sha,
            size=len(self.content),
            uploaded_by=self.user,
            layout=result.layout,
            force_reason=self.reason if self.force else None,
            content=self.content,
        )
        if not dry_run and self.engine.dialect.name == "postgresql":
            return self._validate_then_store(result, info, municipality, year, lang, indicator_set)
        # Validation and storing share one transaction, so the stored values compared with
        # are the ones replaced; a rejected file leaves it with nothing written.
        with Session(self.engine) as session, session.begin():
            if not dry_run:
                # SQLite begins every transaction with its write lock: writers take turns
                # from here, so the stored values validation reads stay current until
                # storing, which uses them instead of reading them again.
                store.lock_for_writing(session)
            validated = self._validate(session, result, municipality, year, lang, indicator_set)
            self.report.extend(validated.report)
            if not validated.ok or not self._permitted(validated.municipalities):
                return self._rejected()
            return self._store(session, info, validated, dry_run=dry_run)

    def _validate_then_store(
        self,
        result: Any,
        info: UploadInfo,
        municipality: Any,
        year: Any,
        lang: Lang,
        indicator_set: str | None,
    ) -> FileOutcome:
        """PostgreSQL: validate without the writers' lock, hold it only for storing.

        With the lock taken before validation, 20 API clients uploading at once waited in
        turn for each other's whole validation (24 uploads/s, p95 1.46 s).  Under the lock
        the stored values of the file's keys, the year locks and the approvals of its years
        are read again; when any of them changed since, the file is validated again under
        the lock, so what is stored is checked against what it replaces, as before.
        """
        with Session(self.engine) as session, session.begin():
            validated = self._validate(session, result, municipality, year, lang, indicator_set)
            context = self.batch.context(session)
            seen = _StoreState.seen(validated, context.locked_years, context.approved)
        if not (validated.ok and self._permits(validated.municipalities)):
            return self._checked(validated)
        with Session(self.engine) as session, session.begin():
            store.lock_for_writing(session)
            context = self.batch.context(session)  # reads the year locks again
            if _StoreState.now(session, seen, context.locked_years) != seen:
                context.approved = approved_municipality_years(session)
                validated = self._validate(session, result, municipality, year, lang, indicator_set)
            if not (validated.ok and self._permits(validated.municipalities)):
                return self._checked(validated)
            self.report.extend(validated.report)
            return self._store(session, info, validated, dry_run=False)

    def _checked(self, validated: ValidatedFile) -> FileOutcome:
        """The rejection of a file validation or the permitted municipalities refuse."""
        self.report.extend(validated.report)
        if validated.ok:
            self._permitted(validated.municipalities)
        return self._rejected()

    def _permits(self, codes: list[str]) -> bool:
        return self.permitted is None or all(code in self.permitted for code in codes)

    def _validate(
        self,
        session: Session,
        result: Any,
        municipality: Any,
        year: Any,
        lang: Lang,
        indicator_set: str | None,
    ) -> ValidatedFile:
        return validate(
            result,
            session,
            municipality=municipality,
            year=year,
            force=self.force,
            lang=lang,
            context=self.batch.context(session),
            indicator_set=indicator_set,
        )

    def _store(
        self, session: Session, info: UploadInfo, validated: ValidatedFile, *, dry_run: bool
    ) -> FileOutcome:
        """Store a checked file (or count what it would change), in ``session``'s transaction."""
        # A reporter may check a file outside the window (a dry run); the county board's
        # review asks the gate as its save will (it refuses the same).
        asks_gate = self.within_window and (not dry_run or self.gate_role != "reporter")
        if asks_gate and not self._in_window(session, validated):
            return self._rejected()
        try:
            summary = store.apply_values(
                session, info, validated.values, dry_run=dry_run, existing=validated.stored
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
        if self.permitted is None:
            return True
        others = [code for code in codes if code not in self.permitted]
        if others:
            listed = ", ".join(others)
            named = ", ".join(
                f"{resolve_municipality(code).short_name} ({code})" for code in others
            )
            self.report.add(types.MUNICIPALITY_NOT_PERMITTED, listed=listed, municipalities=named)
        return not others

    def _in_window(self, session: Session, validated: ValidatedFile) -> bool:
        """False, after reporting it, when the gate refuses a reporter a municipality-year.

        The gate's locked and approved refusals are reported by validation already, each
        with its cells; the gate adds the reporting window (and anything else it refuses).
        """
        pairs = sorted({(v.municipality_code, v.year) for v in validated.values})
        refused = False
        for code, year in pairs:
            decision = gate.check(
                session, door=gate.IMPORT, role=self.gate_role, municipality_code=code, year=year
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
        try:
            found = safety.precheck(self.path)
        except IndicatorError as exc:
            self._error_from(exc, types.UNSAFE_FILE)
            return False
        problems = found.problems if isinstance(found, ProblemReport) else list(found or [])
        for problem in problems:
            if isinstance(problem, Problem):
                self.report.problems.append(problem)
        return self.report.ok

    def _extract(self, *, municipality: Any, year: Any, lang: Lang) -> Any:
        """The file read into raw values, or None after reporting why it cannot be read."""
        # The reader keeps to the same limits as the precheck (MILJOMAL_MAX_ROWS and so on).
        limits = limits_from_environment()
        try:
            return extract(
                self.path,
                municipality=municipality,
                year=year,
                lang=lang,
                max_rows=limits.max_rows,
                max_columns=limits.max_columns,
                max_cells=limits.max_cells,
            )
        except IndicatorError as exc:
            self._error_from(exc, types.UNREADABLE_FILE)
        except BaseException as exc:  # a reader library failing (or panicking) on a damaged file
            if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                raise
            self.report.add(types.UNREADABLE_FILE, error=f"{type(exc).__name__}: {exc}")
        return None

    def _error_from(self, exc: Exception, default: ProblemType) -> None:
        """Record a reader's or safety check's exception as an error of this file.

        Its sentence is the exception's; its type the one of the code it carries (a
        `ReadError`'s), else ``default``.
        """
        said = exc.as_text() if isinstance(exc, Localised) else Text(str(exc), str(exc))
        code = getattr(exc, "code", None)
        kind = problem_type(code) if code else default
        self.report.add(kind, row=getattr(exc, "row", None), said=said)

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

    @classmethod
    def now(cls, session: Session, seen: _StoreState, locked: Iterable[int]) -> _StoreState:
        """The same keys, years and locks as the store has them now."""
        keys = seen.stored
        found = current_values(
            session, [k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys]
        )
        years = {year for _, _, year in keys}
        return cls(
            {key: found.get(key) for key in keys},
            frozenset(locked),
            frozenset(approved_municipality_years(session, years)) if years else frozenset(),
        )


# --- a batch -------------------------------------------------------------------------------


def import_paths(
    engine: Engine,
    paths: Iterable[str | os.PathLike[str]],
    *,
    user: str,
    municipality: Any = None,
    year: Any = None,
    dry_run: bool = False,
    force: bool = False,
    reason: str | None = None,
    lang: Lang = "sv",
    progress: Callable[[FileOutcome], None] | None = None,
    indicator_set: str | None = None,
) -> BatchOutcome:
    """Import every file the paths name, one transaction each; ``progress`` hears each file.

    Ctrl-C (KeyboardInterrupt) ends the batch without raising: the result says which files
    were committed, what became of the one running (looked up in the store, so that a
    commit that happened just before the interrupt is not reported as rolled back), and
    which were not started.
    """
    check_options(force=force, reason=reason)
    batch = BatchOutcome()
    run = _Run()
    files = expand_paths(paths)
    for number, path in enumerate(files):
        try:
            outcome = _import_one(
                engine,
                path,
                run,
                user=user,
                municipality=municipality,
                year=year,
                dry_run=dry_run,
                force=force,
                reason=reason,
                lang=lang,
                indicator_set=indicator_set,
            )
        except KeyboardInterrupt:
            batch.files.append(_after_interrupt(engine, path, dry_run=dry_run))
            batch.interrupted = True
            batch.not_started = [os.fspath(rest) for rest in files[number + 1 :]]
            return batch
        batch.files.append(outcome)
        if progress is not None:
            try:
                progress(outcome)
            except KeyboardInterrupt:
                batch.interrupted = True
                batch.not_started = [os.fspath(rest) for rest in files[number + 1 :]]
                return batch
    return batch


def _after_interrupt(engine: Engine, path: Path, *, dry_run: bool) -> FileOutcome:
    """What became of the file an interrupt stopped: committed, rolled back, or unknown."""
    name = os.fspath(path)
    if dry_run:
        return FileOutcome(name, ROLLED_BACK)
    try:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        with Session(engine) as session, session.begin():
            upload = store.find_upload_by_sha(session, sha)
            if upload is None:
                return FileOutcome(name, ROLLED_BACK)
            return FileOutcome(
                name,
                IMPORTED,
                created=upload.created,
                updated=upload.updated,
                unchanged=upload.unchanged,
                upload_id=upload.id,
            )
    except Exception:  # the store cannot be asked now; say so rather than guess
        return FileOutcome(name, UNKNOWN)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
