"""Writing a document the user named: whole or not at all, never over what is not ours.

Every writer of a file the user names with ``-o`` goes through here:

- the target is refused when it exists and is not a regular file (a folder, a FIFO, a device
  such as ``/dev/null``): renaming over it would replace it while we said "Skrev";
- the document is written to a temporary file beside the target and renamed over it, so a
  failure leaves the old file (or none), never half a document;
- ``-`` is standard output (for the text formats: CSV, JSON, HTML);
- a failing write becomes one :class:`OutputError` line in the reader's language
  (``kan inte skriva X: disken är full``), never a traceback.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from i18n import Lang
from i18n import Text
from indicators.errors import ERRORS
from indicators.errors import IndicatorError
from indicators.errors import os_reason

STDOUT = "-"


class OutputError(IndicatorError):
    """A document cannot be written where the user asked; nothing was written there."""


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """True for ``-o -``: the document goes to standard output."""
    return path is not None and os.fspath(path) == STDOUT


def shown(path: str | os.PathLike[str], lang: Lang = "sv") -> str:
    """The target as named in a message (standard output for ``-``)."""
    return ERRORS("standard-output", lang) if is_stdout(path) else os.fspath(path)


def write_failed(path: str | os.PathLike[str], exc: OSError) -> OutputError:
    """`kan inte skriva X: disken är full`, for an OSError while writing ``path``."""
    target: str | Text = ERRORS["standard-output"] if is_stdout(path) else os.fspath(path)
    return OutputError("cannot-write", path=target, reason=os_reason(exc, writing=True))


def check_target(path: str | os.PathLike[str]) -> None:
    """Refuse a target that exists and is not a regular file (folder, FIFO, device, socket)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise write_failed(path, exc) from exc
    if not stat.S_ISREG(mode):
        kind = ERRORS["a-folder" if stat.S_ISDIR(mode) else "a-special-file"]
        raise OutputError("not-a-regular-target", path=os.fspath(path), kind=kind)


@contextmanager
def atomic_path(
    path: str | os.PathLike[str], suffix: str = "", *, make_folder: bool = False
) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed over ``path`` when all went well.

    ``suffix`` is given to the temporary name (writers such as openpyxl look at it);
    ``make_folder`` creates a missing folder (else a missing folder is the error).
    """
    target = Path(path)
    check_target(target)
    try:
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=".miljomal-", suffix=suffix or target.suffix, dir=target.parent
        )
    except OSError as exc:
        raise write_failed(target, exc) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        raise write_failed(target, exc) from exc
    finally:
        temporary.unlink(missing_ok=True)


def write_text(path: str | os.PathLike[str], text: str, *, newline: str | None = None) -> Path:
    """Write a text document (UTF-8) to ``path``, or to standard output for ``-``."""
    if is_stdout(path):
        write_stdout(text)
        return Path(STDOUT)
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8", newline=newline)
    return Path(path)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write a binary document to ``path`` through a temporary file."""
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
    return Path(path)


def write_stdout(text: str) -> None:
    """Write a document to standard output; a failure (a full device) is an OutputError."""
    try:
        stream = sys.stdout
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise  # the reader went away (`| head`): the command stops quietly
    except OSError as exc:
        raise write_failed(STDOUT, exc) from exc


def _umask() -> int:
    """The process's umask (mkstemp makes 0600 files; a document gets the usual mode)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
