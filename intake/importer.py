"""Importing files: each file checked completely, then stored in one transaction or not at all.

One file goes: SHA-256 of its bytes (a file imported before changes nothing) -> safety
precheck -> read (``layouts.extract``) -> validate -> store (``store.apply_values``), in
:mod:`intake.file_import`.  Any error rejects the whole file and nothing of it is
written, not even an upload row.  A batch imports its files one by one; a bad file, or a
database error while storing one, is reported for that file and the batch goes on.  The
outcomes are :mod:`intake.import_outcome`'s; the files PATH arguments mean,
:mod:`intake.paths`'.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any
from typing import TypedDict
from typing import Unpack

from sqlalchemy.orm import Session

from i18n import Lang
from indicators import store
from intake.errors import IntakeError
from intake.file_import import ImportRequest
from intake.file_import import ImportRun
from intake.file_import import import_one
from intake.import_outcome import IMPORTED
from intake.import_outcome import ROLLED_BACK
from intake.import_outcome import UNKNOWN
from intake.import_outcome import BatchOutcome
from intake.import_outcome import FileOutcome
from intake.paths import expand_paths

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


class ImportOptions(TypedDict, total=False):
    """The options of an import, the same for one file and a batch (the CLI's flags)."""

    municipality: Any  # the file's municipality when it does not name one
    year: Any  # the file's year when it does not name one
    dry_run: bool
    force: bool
    reason: str | None
    lang: Lang
    indicator_set: str | None


class ImportOptionsError(IntakeError):
    """The options of an import do not go together (such as --force without --reason)."""


def check_options(*, force: bool, reason: str | None) -> None:
    """Refuse --force without a reason: a forced change of an approved year must say why."""
    if force and not (reason and reason.strip()):
        raise ImportOptionsError("force-needs-reason")


def import_file(
    engine: Engine,
    path: str | os.PathLike[str],
    *,
    user: str,
    permitted: Collection[str] | None = None,
    within_window: bool = False,
    gate_role: str = "reporter",
    **options: Unpack[ImportOptions],
) -> FileOutcome:
    """Check one file and store it in one transaction, or reject it and write nothing.

    ``options`` are the import's own (`ImportOptions`), as for `import_paths`.
    ``permitted`` (the web portal's and API's caller) names the municipality codes the
    user may report for; a file with values for any other is rejected with nothing written.
    ``within_window`` (a reporter's upload) rejects a file with values for a year whose
    reporting window is not open today, whichever way the year was given (a check, dry
    run, is allowed).
    """
    request = ImportRequest(
        user, permitted=permitted, within_window=within_window, gate_role=gate_role, **options
    )
    check_options(force=request.force, reason=request.reason)
    # `permitted` comes from the portal and the API: their messages have no CLI words.
    return import_one(engine, path, ImportRun(portal=permitted is not None), request)


def import_paths(
    engine: Engine,
    paths: Iterable[str | os.PathLike[str]],
    *,
    user: str,
    progress: Callable[[FileOutcome], None] | None = None,
    **options: Unpack[ImportOptions],
) -> BatchOutcome:
    """Import every file the paths name, one transaction each; ``progress`` hears each file.

    Ctrl-C (KeyboardInterrupt) ends the batch without raising: the result says which files
    were committed, what became of the one running (looked up in the store, so that a
    commit that happened just before the interrupt is not reported as rolled back), and
    which were not started.
    """
    request = ImportRequest(user, **options)
    check_options(force=request.force, reason=request.reason)
    batch = BatchOutcome()
    run = ImportRun()
    files = expand_paths(paths)
    for number, path in enumerate(files):
        try:
            outcome = import_one(engine, path, run, request)
        except KeyboardInterrupt:
            batch.files.append(_after_interrupt(engine, path, dry_run=request.dry_run))
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
