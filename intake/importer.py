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

import contextlib
import hashlib
import os
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Unpack

from sqlalchemy.orm import Session

from indicators import store
from intake.file_import import ImportRequest
from intake.file_import import ImportRun
from intake.file_import import import_one
from intake.import_outcome import IMPORTED
from intake.import_outcome import ROLLED_BACK
from intake.import_outcome import UNKNOWN
from intake.import_outcome import BatchOutcome
from intake.import_outcome import FileOutcome
from intake.options import ImportOptions
from intake.options import check_options
from intake.paths import expand_paths

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from intake.read_ahead import ReadAhead


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
    ahead: ReadAhead | None = None,
    **options: Unpack[ImportOptions],
) -> BatchOutcome:
    """Import every file the paths name, one transaction each; ``progress`` hears each file.

    ``ahead`` reads the files in a second process (`intake.read_ahead`), started by the
    caller for the same files and options; it is closed when the batch ends.

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
    if ahead is not None and (ahead.files != files or ahead.options != request.reading):
        raise ValueError("read ahead for other files or options than the batch's")
    with ahead or contextlib.nullcontext(), run.sharing_connection(engine):
        return _import_each(engine, files, run, request, batch, progress, ahead)


def _import_each(
    engine: Engine,
    files: list[Path],
    run: ImportRun,
    request: ImportRequest,
    batch: BatchOutcome,
    progress: Callable[[FileOutcome], None] | None,
    ahead: ReadAhead | None,
) -> BatchOutcome:
    for number, path in enumerate(files):
        try:
            reading = ahead.reading(number, path) if ahead is not None else None
            outcome = import_one(engine, path, run, request, reading)
        except KeyboardInterrupt:
            # The shared connection is given back first, out of any transaction the
            # interrupt left it in: the file's fate is read on a connection of its own.
            run.release_connection()
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
