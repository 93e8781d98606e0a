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

from i18n import Lang
from indicators.errors import IndicatorError
from indicators.numbers import format_number
from intake.files import problem_types

NOT_A_REGULAR_FILE = problem_types.NOT_A_REGULAR_FILE.code
FILE_TOO_LARGE = problem_types.FILE_TOO_LARGE.code
UNREADABLE_FILE = problem_types.UNREADABLE_FILE.code
DEFAULT_MAX_BYTES = 200 * 1024 * 1024


class ReadError(IndicatorError):
    """A file that cannot be read as a table: damaged, undecodable, or over a size limit."""

    code = UNREADABLE_FILE

    def __init__(
        self, message_sv: str, message_en: str, *, code: str | None = None, row: int | None = None
    ) -> None:
        super().__init__(message_sv)
        self.message_sv = message_sv
        self.message_en = message_en
        if code is not None:
            self.code = code
        self.row = row

    def message(self, lang: Lang = "sv") -> str:
        """The message in the reader's language."""
        return self.message_en if lang == "en" else self.message_sv


_KINDS = (
    (stat.S_ISFIFO, "en namngiven pipe (FIFO)", "a named pipe (FIFO)"),
    (stat.S_ISCHR, "en enhet (som /dev/zero)", "a device (such as /dev/zero)"),
    (stat.S_ISBLK, "en blockenhet", "a block device"),
    (stat.S_ISSOCK, "en socket", "a socket"),
    (stat.S_ISDIR, "en katalog", "a directory"),
)


def check_entry(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """The size of a regular file within ``max_bytes``; ReadError for anything else."""
    path = Path(path)
    name = path.name
    try:
        info = os.stat(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReadError(
            f"{name}: filen kan inte läsas ({reason}).",
            f"{name}: cannot read ({reason}).",
            code=UNREADABLE_FILE,
        ) from exc
    if not stat.S_ISREG(info.st_mode):
        sv, en = next(
            ((sv, en) for test, sv, en in _KINDS if test(info.st_mode)),
            ("ingen vanlig fil", "not a regular file"),
        )
        raise ReadError(
            f"{name}: är ingen vanlig fil utan {sv}; ange en sparad .xlsx-, .ods- eller .csv-fil.",
            f"{name}: is not a regular file but {en}; name a saved .xlsx, .ods or .csv file.",
            code=NOT_A_REGULAR_FILE,
        )
    if info.st_size > max_bytes:
        raise ReadError(
            f"{name}: filen är {megabytes(info.st_size)}, större än gränsen "
            f"{megabytes(max_bytes)}; dela upp den.",
            f"{name}: the file is {megabytes(info.st_size)}, larger than the limit of "
            f"{megabytes(max_bytes)}; split it.",
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
            f"{Path(path).name}: filen växte medan den lästes och är nu större än gränsen "
            f"{megabytes(max_bytes)}.",
            f"{Path(path).name}: the file grew while it was read and is now larger than the "
            f"limit of {megabytes(max_bytes)}.",
            code=FILE_TOO_LARGE,
        )
    return data


def megabytes(size: float) -> str:
    """A size for readers: ``300 MB``, with a space between thousands."""
    return f"{format_number(size / 1024 / 1024, 0)} MB"
