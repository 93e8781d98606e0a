"""The first look at a path: a regular file within the size limit, decided from ``os.stat``.

``Path.read_bytes()`` on a symlink to ``/dev/zero`` grows without end, on a FIFO it waits
for a writer for ever, and on a 2 GB file it holds 2 GB before any size check could run.
So the decision is taken from ``os.stat`` (which follows symlinks to what they name)
before the file is opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from i18n import Text
from indicators.numbers import format_number
from intake.errors import ERRORS
from intake.errors import IntakeError
from intake.files import problem_types

NOT_A_REGULAR_FILE = problem_types.NOT_A_REGULAR_FILE.code
FILE_TOO_LARGE = problem_types.FILE_TOO_LARGE.code
UNREADABLE_FILE = problem_types.UNREADABLE_FILE.code
DEFAULT_MAX_BYTES = 200 * 1024 * 1024


class ReadError(IntakeError):
    """A file that cannot be read as a table: damaged, undecodable, or over a size limit.

    ``code`` is the problem code an import reports it under; ``row`` the line, if known.
    """

    code = UNREADABLE_FILE

    def __init__(
        self, key: str | Text, *, code: str | None = None, row: int | None = None, **params: object
    ) -> None:
        super().__init__(key, **params)
        if code is not None:
            self.code = code
        self.row = row


_KINDS = (
    (stat.S_ISFIFO, "kind-fifo"),
    (stat.S_ISCHR, "kind-device"),
    (stat.S_ISBLK, "kind-block-device"),
    (stat.S_ISSOCK, "kind-socket"),
    (stat.S_ISDIR, "kind-directory"),
)


def check_entry(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """The size of a regular file within ``max_bytes``; ReadError for anything else."""
    path = Path(path)
    name = path.name
    try:
        info = os.stat(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReadError("cannot-stat", name=name, reason=reason, code=UNREADABLE_FILE) from exc
    if not stat.S_ISREG(info.st_mode):
        kind = next((key for test, key in _KINDS if test(info.st_mode)), "kind-other")
        raise ReadError("not-a-regular-file", name=name, kind=ERRORS[kind], code=NOT_A_REGULAR_FILE)
    if info.st_size > max_bytes:
        raise ReadError(
            "file-too-large",
            name=name,
            size=megabytes(info.st_size),
            limit=megabytes(max_bytes),
            code=FILE_TOO_LARGE,
        )
    return info.st_size


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes after :func:`check_entry`, never more than ``max_bytes`` of them."""
    size = check_entry(path, max_bytes)
    with open(path, "rb") as stream:
        # As many bytes as stat said and one more, to see a file that grew meanwhile.
        data = stream.read(size + 1)
        if len(data) > size:
            data += stream.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        raise ReadError(
            "file-grew", name=Path(path).name, limit=megabytes(max_bytes), code=FILE_TOO_LARGE
        )
    return data


def megabytes(size: float) -> str:
    """A size for readers: ``300 MB``, with a space between thousands."""
    return f"{format_number(size / 1024 / 1024, 0)} MB"
