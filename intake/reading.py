"""A file read for import: its bytes, the safety precheck, and the values extracted.

`FileReading` takes each step when the importer first asks for it, so that a file the
store has seen already is never prechecked or read.  `read_ahead` takes every step for a
batch's files in a second process, in order, while this one validates and stores them
(`intake.read_ahead`); the importer then asks the same questions of what arrives.

Nothing here touches the store: a file is read the same way in either process.  The
readers (`intake.safety`, `intake.layouts` and what they load: the XML parsers, calamine)
are loaded when a file is first read, so that the importer's own process does without
them when the reading process reads for it.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from i18n import Lang
from i18n import Localised
from i18n import Text
from indicators.errors import IndicatorError
from indicators.problems import Problem
from indicators.problems import ProblemReport
from indicators.problems import ProblemType
from indicators.records import ReadResult
from intake.files import problem_types as types
from intake.files.entry import ReadError
from intake.files.entry import read_bytes
from intake.files.limits import limits_from_environment
from intake.files.problem_types import problem_type

if TYPE_CHECKING:
    from intake.files.zipped import CheckedZip


@dataclass(frozen=True)
class ReadingOptions:
    """What reading a file needs of the import: its municipality, year and language."""

    municipality: Any = None  # the file's municipality when it does not name one
    year: Any = None  # the file's year when it does not name one
    lang: Lang = "sv"


@dataclass
class FileReading:
    """One file's bytes and their SHA-256, then its precheck's problems, then its values.

    Each step runs once, when asked for; `complete` runs them all (the read-ahead process
    does, and sends the result).  Every problem is the same `Problem` either way, in the
    order found.
    """

    path: Path
    options: ReadingOptions = field(default_factory=ReadingOptions)
    content: bytes | None = None  # None: not read yet, or unreadable (`unreadable` says why)
    sha256: str = ""  # of the content, once read
    unreadable: list[Problem] = field(default_factory=list)
    completed: bool = False  # every step taken (`complete`): nothing is left to read
    _prechecked: list[Problem] | None = None
    _extracted: tuple[ReadResult | None, list[Problem]] | None = None
    # What the precheck learned of a zip file for the extraction, until it is done.
    _archive: CheckedZip | None = field(default=None, repr=False, compare=False)

    @property
    def name(self) -> str:
        return os.fspath(self.path)

    def read(self) -> bytes | None:
        """The file's bytes, read once; None after reporting why they cannot be read."""
        if self.content is not None or self.unreadable:
            return self.content
        report = ProblemReport(file=self.name)
        try:
            # Decided from os.stat before a byte is read: a FIFO, /dev/zero or a huge file.
            self.content = read_bytes(self.path, limits_from_environment().max_bytes)
            self.sha256 = hashlib.sha256(self.content).hexdigest()
        except ReadError as exc:
            said = Text(exc.message("sv"), exc.message("en"))
            report.add(problem_type(exc.code), row=exc.row, said=said)
        except OSError as exc:
            report.add(types.UNREADABLE_FILE_OS, reason=exc.strerror or exc)
        self.unreadable = report.problems
        return self.content

    def precheck(self) -> list[Problem]:
        """Safety checks before a reader opens the file (size, zip bombs, encryption)."""
        if self._prechecked is None:
            # The reading process's work: the importer's own process need not load it.
            from intake.safety import prechecked  # heavy: tests/test_read_ahead.py

            report = ProblemReport(file=self.name)
            try:
                # The bytes read once (within the size limit) are the ones checked and read.
                found = prechecked(
                    self.path, limits=limits_from_environment(), content=self.content
                )
            except IndicatorError as exc:
                _error_from(report, exc, types.UNSAFE_FILE)
            else:
                report.problems.extend(p for p in found.report.problems if isinstance(p, Problem))
                self._archive = found.archive
            self._prechecked = report.problems
        return self._prechecked

    def extract(self) -> tuple[ReadResult | None, list[Problem]]:
        """The file read into raw values, or None, with the problems of reading it."""
        if self._extracted is None:
            report = ProblemReport(file=self.name)
            self._extracted = (self._extract(report), report.problems)
            self._archive = None  # not sent with the reading (`intake.read_ahead`)
        return self._extracted

    def _extract(self, report: ProblemReport) -> ReadResult | None:
        from intake.layouts import extract  # heavy: tests/test_read_ahead.py

        # The reader keeps to the same limits as the precheck (MILJOMAL_MAX_ROWS and so on).
        limits = limits_from_environment()
        options = self.options
        try:
            return extract(
                self.path,
                municipality=options.municipality,
                year=options.year,
                lang=options.lang,
                max_rows=limits.max_rows,
                max_columns=limits.max_columns,
                max_cells=limits.max_cells,
                content=self.content,
                archive=self._archive,
            )
        except IndicatorError as exc:
            _error_from(report, exc, types.UNREADABLE_FILE)
        except BaseException as exc:  # a reader library failing (or panicking) on a damaged file
            if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                raise
            report.add(types.UNREADABLE_FILE, error=f"{type(exc).__name__}: {exc}")
        return None

    def complete(self) -> FileReading:
        """Every step, as the importer would ask for them: read, precheck, and extract
        when the precheck found no error."""
        if self.read() is not None and ProblemReport(problems=self.precheck()).ok:
            self.extract()
        self.completed = True
        self._archive = None
        return self


def _error_from(report: ProblemReport, exc: Exception, default: ProblemType) -> None:
    """Record a reader's or safety check's exception as an error of the file.

    Its sentence is the exception's; its type the one of the code it carries (a
    `ReadError`'s), else ``default``.
    """
    said = exc.as_text() if isinstance(exc, Localised) else Text(str(exc), str(exc))
    code = getattr(exc, "code", None)
    kind = problem_type(code) if code else default
    report.add(kind, row=getattr(exc, "row", None), said=said)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
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
