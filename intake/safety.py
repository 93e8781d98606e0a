"""Safety checks on a file before any reader library opens it.

A file from outside can be empty, something else renamed ``.xlsx``, cut off in transfer,
password-protected, an old binary ``.xls``, a decompression bomb (a few MB that inflate
to gigabytes), XML with entity tricks (billion laughs, external entities), far larger
than any indicator file, or a text file in an encoding nobody can read.  Each is found
here from the file's bytes and its zip directory, with bounded memory: members are
inflated only after the directory's declared sizes were found sane, a small one at once
(`intake.files.zipped`), a larger one in chunks.
Every finding is a :class:`~indicators.problems.Problem` (error) with a stable code.

Besides, openpyxl (templates, annotated copies) parses XML through defusedxml when it is
installed; :func:`defused_xml_in_place` says whether it is.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from i18n import Text
from indicators.problems import ProblemReport
from indicators.problems import ProblemType
from intake.files import problem_types as types
from intake.files.entry import FILE_TOO_LARGE
from intake.files.entry import NOT_A_REGULAR_FILE
from intake.files.entry import ReadError
from intake.files.entry import check_entry
from intake.files.entry import megabytes
from intake.files.limits import DEFAULT_MAX_COLUMNS
from intake.files.limits import DEFAULT_MAX_RATIO
from intake.files.limits import DEFAULT_MAX_ROWS
from intake.files.limits import DEFAULT_MAX_UNCOMPRESSED
from intake.files.limits import TOO_MANY_CELLS
from intake.files.limits import Limits
from intake.files.limits import limits_from_environment
from intake.files.limits import used_area_params
from intake.files.problem_types import PHRASES
from intake.files.problem_types import problem_type
from intake.files.text import BINARY_CONTENT
from intake.files.text import UNKNOWN_ENCODING
from intake.files.text import TextProblem
from intake.files.text import decode
from intake.files.text import sniff_delimiter as _sniff_delimiter
from intake.files.xmltree import parse_xml
from intake.files.zipped import STYLES
from intake.files.zipped import WORKBOOK
from intake.files.zipped import WORKBOOK_RELS
from intake.files.zipped import CheckedZip
from intake.files.zipped import inflated_at_once

__all__ = [
    "DEFAULT_MAX_COLUMNS",
    "DEFAULT_MAX_RATIO",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_MAX_UNCOMPRESSED",
    "BINARY_CONTENT",
    "FILE_TOO_LARGE",
    "TOO_MANY_CELLS",
    "UNKNOWN_ENCODING",
    "NOT_A_REGULAR_FILE",
    "CheckedZip",
    "Limits",
    "Prechecked",
    "limits_from_environment",
    "precheck",
    "prechecked",
]

# Problem codes.
EMPTY_FILE = types.EMPTY_FILE.code
NOT_A_SPREADSHEET = types.NOT_A_SPREADSHEET.code
TRUNCATED_FILE = types.TRUNCATED_FILE.code
ENCRYPTED_WORKBOOK = types.ENCRYPTED_WORKBOOK.code
OLD_XLS_FORMAT = types.OLD_XLS_FORMAT.code
ZIP_BOMB = types.ZIP_BOMB.code
XML_ENTITIES = types.XML_ENTITIES.code
NO_VISIBLE_SHEET = types.NO_VISIBLE_SHEET.code
TOO_MANY_ROWS = types.TOO_MANY_ROWS.code
TOO_MANY_COLUMNS = types.TOO_MANY_COLUMNS.code

_RATIO_FLOOR = 4 * 1024 * 1024
_MAX_MEMBERS = 10_000
_CHUNK = 1024 * 1024
_HEAD = 64 * 1024  # the part of an XML member where a DTD would have to be
# Members read whole besides their check (the workbook and its relations, for the sheets'
# members), and handed to the reader (the styles, for its percent formats).
_KEPT = frozenset({WORKBOOK, WORKBOOK_RELS, STYLES})
# Handed to the reader besides: the sheets' XML inflated at once, up to this much in all
# (held only until the file is read), for the cells' formats the reader looks up.
_HANDED_SHEETS = 16 * 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")
TEXT_SUFFIXES = (".csv", ".txt")

_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=[\"']([0-9]+)[\"']")
_WIDE_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=[\"']([A-Z]{2,3})[0-9]")
# Every cell reference of two or three letters, in a cell or not: a cheap upper bound on the
# widest column, which _WIDE_CELL confirms only when the bound is over the limit.
_WIDE_REFERENCE = re.compile(rb"r=[\"']([A-Z]{2,3})[0-9]")
_TAIL = 64 * 1024  # the end of a chunk, where its last row number is
_ROW_CANDIDATES = 64  # occurrences of "row" tried from a chunk's end before searching it
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=[\"'](?:[A-Z]+[0-9]+:)?([A-Z]+)([0-9]+)[\"']")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def defused_xml_in_place() -> bool:
    """True when openpyxl parses XML through defusedxml (no entity expansion, no fetching)."""
    from openpyxl.xml import DEFUSEDXML  # heavy: tests/test_startup_imports.py

    return bool(DEFUSEDXML)


class _Rejected(Exception):
    """A finding that ends the check: the file goes no further."""


def precheck(
    path: str | os.PathLike[str],
    *,
    max_rows: int | None = None,
    max_columns: int | None = None,
    limits: Limits | None = None,
    content: bytes | None = None,
) -> ProblemReport:
    """Check a file's bytes before reading it; the report holds an error for each finding.

    ``content`` is the file's bytes when the caller has read them already (the import,
    bounded by the same size limit): they are checked instead of reading the file again.
    """
    limits = limits or limits_from_environment(max_rows, max_columns)
    return prechecked(path, limits=limits, content=content).report


@dataclass(frozen=True)
class Prechecked:
    """A file's precheck: its report, and what it learned of a zip file that passed it."""

    report: ProblemReport
    # For the reader of the same bytes (`intake.sheets`): None unless the file is a zip
    # file, given as bytes, that every check passed.
    archive: CheckedZip | None = None


def prechecked(
    path: str | os.PathLike[str], *, limits: Limits, content: bytes | None = None
) -> Prechecked:
    """`precheck`, with what the check learned of a zip file for the reader that follows."""
    path = Path(path)
    report = ProblemReport(file=os.fspath(path))
    check = _Check(path, report, limits, content)
    with contextlib.suppress(_Rejected):
        check.run()
        return Prechecked(report, check.archive)
    return Prechecked(report)


@dataclass
class _Check:
    """One file's checks, sharing its path, report and limits."""

    path: Path
    report: ProblemReport
    limits: Limits
    content: bytes | None = None  # the file's bytes, when read already
    archive: CheckedZip | None = None  # what the zip checks learned, once all passed
    # Members of `_KEPT` inflated at once from `content`, for the checks that read them.
    _kept: dict[zipfile.ZipInfo, bytes] = field(default_factory=dict)
    # Sheets inflated at once, within `_HANDED_SHEETS` bytes in all, for the reader.
    _sheets: dict[zipfile.ZipInfo, bytes] = field(default_factory=dict)
    _sheet_bytes: int = 0

    def reject(
        self,
        kind: ProblemType,
        /,
        *,
        row: int | None = None,
        said: Text | None = None,
        **params: Any,
    ) -> None:
        """Report the file refused (its sentence after the file's name) and end the check."""
        name = self.path.name
        if said is not None:
            said = Text(f"{name}: {said.sv}", f"{name}: {said.en}")
        self.report.add(kind, row=row, said=said, file_name=name, **params)
        raise _Rejected(kind.code)

    def run(self) -> None:
        # From os.stat before the file is opened: a FIFO, a device or a huge file is refused
        # without a byte read (reading /dev/zero or a FIFO never ends).
        try:
            size = check_entry(self.path, self.limits.max_bytes)
        except ReadError as exc:
            self.report.add(problem_type(exc.code), said=Text(exc.message("sv"), exc.message("en")))
            raise _Rejected(exc.code) from exc
        if self.content is not None:
            # The bytes given are the ones checked, within the same limit as the file.
            if len(self.content) > self.limits.max_bytes:
                grew = ReadError(
                    "file-grew",
                    name=self.path.name,
                    limit=megabytes(self.limits.max_bytes),
                    code=FILE_TOO_LARGE,
                )
                said = Text(grew.message("sv"), grew.message("en"))
                self.report.add(problem_type(FILE_TOO_LARGE), said=said)
                raise _Rejected(FILE_TOO_LARGE)
            size = len(self.content)
        try:
            head = self._head()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.reject(types.UNREADABLE_FILE_SAFETY, reason=reason)
            return
        if size == 0:
            self.reject(types.EMPTY_FILE)
        suffix = self.path.suffix.lower()
        if head.startswith(OLE_MAGIC):
            self._ole()
        elif head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
            if suffix in TEXT_SUFFIXES:
                self._not_spreadsheet(PHRASES["zip-file"])
            self._archive(ods=suffix == ".ods")
        elif suffix in TEXT_SUFFIXES:
            self._text(size)
        else:
            self._not_spreadsheet(_what_it_is(head))

    def _head(self) -> bytes:
        if self.content is not None:
            return self.content[:8]
        with self.path.open("rb") as stream:
            return stream.read(8)

    def _bytes(self) -> bytes:
        return self.content if self.content is not None else self.path.read_bytes()

    def _not_spreadsheet(self, what: Text) -> None:
        self.reject(types.NOT_A_SPREADSHEET, what=what)

    # --- OLE2 (old .xls, or an encrypted workbook) -----------------------------------

    def _ole(self) -> None:
        names = {name.lower() for name in ole_stream_names(self.path, self.content)}
        if {"encryptioninfo", "encryptedpackage"} & names:
            self.reject(types.ENCRYPTED_WORKBOOK)
        if names & {"workbook", "book"} or self.path.suffix.lower() == ".xls":
            self.reject(types.OLD_XLS_FORMAT)
        self._not_spreadsheet(PHRASES["other-office-file"])

    # --- zip containers (.xlsx, .xlsm, .ods) -----------------------------------------

    def _archive(self, *, ods: bool) -> None:
        try:
            source = io.BytesIO(self.content) if self.content is not None else self.path
            archive = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            self._truncated(exc)
            return
        with archive:
            members = archive.infolist()
            self._declared_sizes(members)
            names = {info.filename for info in members}
            if any(info.flag_bits & 0x1 for info in members):
                self.reject(types.ENCRYPTED_ARCHIVE)
            is_ods = "content.xml" in names
            if not is_ods and WORKBOOK not in names:
                self._not_spreadsheet(PHRASES["other-zip"])
            book = _xlsx_book(archive, self._read) if not is_ods else None
            sheets = set(book.members.values()) if book else set()
            for info in members:
                if info.is_dir():
                    continue
                self._inflate(archive, info, sheet=info.filename in sheets)
            if book is not None:
                self._visible_sheets(book)
            if self.content is not None:
                self.archive = self._checked(archive, names)

    def _at_once(self, info: zipfile.ZipInfo) -> bytes | None:
        """A small member's bytes as zipfile reads them, or None when zipfile must read it.

        Only from bytes in memory; the members of `_KEPT` are inflated once.
        """
        if self.content is None:
            return None
        if info in self._kept:
            return self._kept[info]
        data = inflated_at_once(self.content, info, _CHUNK)
        if data is not None and info.filename in _KEPT:
            self._kept[info] = data
        return data

    def _read(self, archive: zipfile.ZipFile, name: str) -> bytes:
        """What ``archive.read(name)`` gives, raising as it does."""
        data = self._at_once(archive.getinfo(name))
        return data if data is not None else archive.read(name)

    def _keep_sheet(self, info: zipfile.ZipInfo, data: bytes) -> None:
        if self._sheet_bytes + len(data) <= _HANDED_SHEETS:
            self._sheets[info] = data
            self._sheet_bytes += len(data)

    def _checked(self, archive: zipfile.ZipFile, names: set[str]) -> CheckedZip:
        """What the reader of the same bytes may take from the check instead of the zip."""
        handed = {}
        for name in names:
            info = archive.NameToInfo[name]  # the member archive.read(name) reads
            data = self._kept.get(info, self._sheets.get(info))
            if data is not None:
                handed[name] = data
        return CheckedZip(frozenset(names), handed)

    def _truncated(self, exc: BaseException) -> None:
        detail = str(exc) or type(exc).__name__
        self.reject(types.TRUNCATED_FILE, detail=detail)

    def _declared_sizes(self, members: list[zipfile.ZipInfo]) -> None:
        """Refuse a bomb from the zip directory alone, before a byte is inflated."""
        limit = self.limits.max_uncompressed
        total = sum(info.file_size for info in members)
        worst = max(members, key=lambda i: i.file_size / max(i.compress_size, 1), default=None)
        ratio = worst.file_size / max(worst.compress_size, 1) if worst else 0
        if len(members) > _MAX_MEMBERS or total > limit:
            self._bomb(total)
        if worst is not None and worst.file_size > _RATIO_FLOOR and ratio > self.limits.max_ratio:
            self._bomb(total, ratio=ratio, member=worst.filename)
        for info in members:
            # Deflate never packs data much larger than it was; a directory saying so lies
            # about the inflated size, as a bomb made to pass the check above does.
            if info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size > (
                info.file_size * 1.1 + 1024
            ):
                self.reject(
                    types.ZIP_BOMB_FORGED,
                    member=info.filename,
                    size=info.file_size,
                    packed=info.compress_size,
                )

    def _bomb(self, total: int, *, ratio: float = 0, member: str | None = None) -> None:
        if member:
            self.reject(types.ZIP_BOMB_RATIO, member=member, ratio=ratio)
        size, limit = _mb(total), _mb(self.limits.max_uncompressed)
        self.reject(types.ZIP_BOMB, size=size, limit=limit)

    def _inflate(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, sheet: bool) -> None:
        """Inflate one member in chunks: CRC, actual size, DTDs, and a sheet's size."""
        rows = last_row = 0
        widest = 0
        dimension_checked = False
        carry = b""
        inflated = 0
        whole = self._at_once(info)
        if sheet and whole is not None:
            self._keep_sheet(info, whole)
        try:
            with io.BytesIO(whole) if whole is not None else archive.open(info) as stream:
                head = stream.read(_HEAD)
                if info.filename.endswith((".xml", ".rels")) or head.lstrip()[:5] == b"<?xml":
                    self._no_dtd(info.filename, head)
                chunk = head
                while chunk:
                    inflated += len(chunk)
                    if inflated > self.limits.max_uncompressed:
                        self._bomb(inflated, member=None)
                    if sheet:
                        data = carry + chunk
                        cut = data.rfind(b">") + 1
                        data, carry = data[:cut], data[cut:][-4096:]
                        if not dimension_checked:
                            dimension_checked = True
                            self._dimension(data)
                        rows += _count_row_tags(data)
                        last_row = max(last_row, _last_row_number(data))
                        widest = max(widest, self._widest_column(data))
                        self._sheet_size(max(rows, last_row), widest)
                    chunk = stream.read(_CHUNK)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            self._truncated(exc)
        except (RuntimeError, NotImplementedError, zlib.error) as exc:  # odd compression
            self._truncated(exc)

    def _widest_column(self, data: bytes) -> int:
        """The widest column a chunk of sheet XML refers to, exact whenever over the limit."""
        bound = max(map(_column_number, set(_WIDE_REFERENCE.findall(data))), default=0)
        if bound <= self.limits.max_columns:
            return bound  # the exact width is no larger, so it is within the limit too
        return max(map(_column_number, set(_WIDE_CELL.findall(data))), default=0)

    def _no_dtd(self, member: str, head: bytes) -> None:
        """OOXML and ODF never carry a DTD; one in a member is an entity attack."""
        text = head
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or head[1:2] == b"\x00":
            text = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
        if _has_dtd(text):
            self.reject(types.XML_ENTITIES, member=member)

    def _dimension(self, data: bytes) -> None:
        found = _DIMENSION.search(data[:_HEAD])
        if found:
            self._sheet_size(int(found.group(2)), _column_number(found.group(1)))

    def _sheet_size(self, rows: int, columns: int) -> None:
        if rows > self.limits.max_rows:
            self._too_many_rows(rows)
        if columns > self.limits.max_columns:
            self._too_many_columns(columns)
        if rows * columns > self.limits.max_cells:
            self._too_many_cells(rows, columns)

    def _too_many_cells(self, rows: int, columns: int) -> None:
        self.reject(
            types.TOO_MANY_CELLS_SAFETY, **used_area_params(rows, columns, self.limits.max_cells)
        )

    def _too_many_rows(self, rows: int) -> None:
        limit = self.limits.max_rows
        self.reject(types.TOO_MANY_ROWS, rows=rows, limit=limit)

    def _too_many_columns(self, columns: int, row: int | None = None) -> None:
        limit = self.limits.max_columns
        self.reject(types.TOO_MANY_COLUMNS, row=row, columns=columns, limit=limit)

    def _visible_sheets(self, book: _Book) -> None:
        root = book.root
        if root is None:
            self._truncated(book.error or ValueError(WORKBOOK))
            return
        states = [
            element.get("state", "visible")
            for element in root.iter()
            if element.tag.rsplit("}", 1)[-1] == "sheet"
        ]
        if not any(state == "visible" for state in states):
            self.reject(types.NO_VISIBLE_SHEET)

    # --- text files ------------------------------------------------------------------

    def _text(self, size: int) -> None:
        try:
            text, _encoding = decode(self._bytes())
        except TextProblem as problem:
            said = Text(problem.message("sv"), problem.message("en"))
            self.reject(problem_type(problem.code), row=problem.row, said=said)
            return
        if not text.strip("\ufeff \t\r\n"):
            self.reject(types.EMPTY_TEXT_FILE)
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        if lines > self.limits.max_rows:
            self._too_many_rows(lines)
        self._csv_columns(text)

    def _csv_columns(self, text: str) -> None:
        delimiter = _sniff_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        start = 1
        try:
            for record in reader:
                if len(record) > self.limits.max_columns:
                    self._too_many_columns(len(record), row=start)
                start = reader.line_num + 1
        except csv.Error:
            return  # the reader reports a broken quote with its line


# What a file that is no spreadsheet really is, by its first bytes, for the message.
_KINDS = (
    (b"%PDF", Text("en PDF-fil", "a PDF file")),
    (b"\x89PNG", Text("en bild (PNG)", "an image (PNG)")),
    (b"\xff\xd8\xff", Text("en bild (JPEG)", "an image (JPEG)")),
    (b"{\\rtf", Text("ett RTF-dokument", "an RTF document")),
    (b"<", Text("en HTML- eller XML-fil", "an HTML or XML file")),
    (b"\x1f\x8b", Text("ett gzip-arkiv", "a gzip archive")),
)
_TEXT_FILE = Text("en textfil", "a text file")
_UNKNOWN_CONTENT = Text("okänt innehåll", "unknown content")


def _what_it_is(head: bytes) -> Text:
    """A guess at what a file really is, from its first bytes, for the message."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, what in _KINDS:
        if stripped.startswith(magic):
            return what
    if all(32 <= byte < 127 or byte in b"\t\r\n" for byte in head):
        return _TEXT_FILE
    return _UNKNOWN_CONTENT


@dataclass
class _Book:
    """An .xlsx file's workbook.xml, parsed once for its sheets' members and visibility."""

    members: dict[str, str]  # sheet name -> zip member
    root: Any = None  # the parsed workbook.xml; None when it could not be parsed
    error: Exception | None = None  # why it could not


def _xlsx_book(archive: zipfile.ZipFile, read: Callable[[zipfile.ZipFile, str], bytes]) -> _Book:
    """The workbook's sheet members (after the DTD check of the two files read) and its XML.

    ``read`` reads a member as ``archive.read`` does.
    """
    root: Any = None
    error: Exception | None = None
    try:
        book = read(archive, WORKBOOK)
        root = parse_xml(book)
    except Exception as exc:  # defusedxml and expat raise several kinds
        book, error = b"", exc
    try:
        rels = read(archive, WORKBOOK_RELS)[: 4 * _CHUNK]
        if _has_dtd(rels[:_HEAD]) or _has_dtd(book[:_HEAD]):
            return _Book({}, root, error)  # the member loop rejects them with their names
        if root is None or len(book) > 4 * _CHUNK:
            raise ValueError("xl/workbook.xml cannot be read for its sheets")
        targets = {}
        for rel in parse_xml(rels):
            target = rel.get("Target", "")
            targets[rel.get("Id")] = (
                target.lstrip("/") if target.startswith("/") else "xl/" + target
            )
        members = {}
        for element in root.iter():
            if element.tag.rsplit("}", 1)[-1] == "sheet":
                rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
                if rid in targets:
                    members[element.get("name", "")] = targets[rid]
        return _Book(members, root, error)
    except Exception:  # a damaged directory is the member loop's and the reader's to report
        worksheets = {
            name: name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        }
        return _Book(worksheets, root, error)


def _has_dtd(data: bytes) -> bool:
    """True when ``data`` declares a DTD or an entity.

    Both begin with ``<!``; most members hold no ``!`` at all, which one ``memchr`` finds
    in a tenth of the time the regular expression takes.
    """
    return b"!" in data and _DTD.search(data) is not None


def _count_row_tags(data: bytes) -> int:
    """How many row elements (``<row>``, ``<x:row ...>``) a chunk of sheet XML opens.

    A large sheet has hundreds of thousands: counted with byte searches when every ``<row``
    is a row tag without a namespace prefix (as Excel and LibreOffice write them), with
    the regular expression otherwise.
    """
    opened = data.count(b"<row")
    if b":row" not in data:
        # "<row " and "<row>" are some of the "<row"s, never the same ones: when the first
        # are all of them, there are none of the second to count.
        spaced = data.count(b"<row ")
        if spaced == opened or spaced + data.count(b"<row>") == opened:
            return opened
    return len(_ROW_TAG.findall(data))


def _last_row_number(data: bytes) -> int:
    """The number (``r``) of the last row tag in a chunk of sheet XML, 0 when it has none.

    The last row tag is usually near the end: the occurrences of ``row`` are looked at from
    the end, each that follows ``<`` (or a prefix's ``:``) matched as a row tag, and the
    first that is one gives the number.  It is the one a search of the whole chunk ends
    with: that search's last match is the row tag that begins last, or a match that holds
    it in its attributes and ends with the same ``r``.  After a few occurrences that are
    not row tags (a chunk of text with ``row`` in it), the chunk is searched as a whole.
    """
    end = len(data)
    for _ in range(_ROW_CANDIDATES):
        at = data.rfind(b"row", 0, end)
        if at <= 0:
            return 0  # a row tag has "row" after its "<": there is none
        before = data[at - 1]
        start = at - 1 if before == 0x3C else data.rfind(b"<", 0, at) if before == 0x3A else -1
        found = _ROW_NUMBER.match(data, start) if start >= 0 else None
        if found:
            return int(found.group(1))
        end = at  # "row" cannot overlap itself: the next occurrence ends before this one
    return _last_row_number_searched(data)


def _last_row_number_searched(data: bytes) -> int:
    """The number of the last row tag, searched for in the end of a chunk, then in it all."""
    numbers = _ROW_NUMBER.findall(data, max(len(data) - _TAIL, 0))
    if not numbers and len(data) > _TAIL:
        numbers = _ROW_NUMBER.findall(data)
    return int(numbers[-1]) if numbers else 0


def _column_number(letters: bytes | str) -> int:
    text = letters.decode("ascii") if isinstance(letters, bytes) else letters
    number = 0
    for letter in text:
        number = number * 26 + ord(letter) - 64
    return number


def _mb(size: float) -> str:
    return megabytes(size)


# --- the compound file (OLE2) directory --------------------------------------------------

_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE


def ole_stream_names(path: str | os.PathLike[str], content: bytes | None = None) -> list[str]:
    """The names in an OLE2 compound file's directory (``Workbook``, ``EncryptionInfo``)."""
    data = content if content is not None else Path(path).read_bytes()
    try:
        return _ole_directory(data)
    except (struct.error, IndexError, ValueError):
        # A damaged directory: look for the names the decision needs as UTF-16 text.
        wanted = ("EncryptionInfo", "EncryptedPackage", "Workbook", "Book")
        return [name for name in wanted if name.encode("utf-16-le") in data]


def _ole_directory(data: bytes) -> list[str]:
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if not 7 <= shift <= 16:
        raise ValueError("sector shift")
    size = 1 << shift
    fat_count, first_directory = (
        struct.unpack_from("<I", data, 0x2C)[0],
        struct.unpack_from("<I", data, 0x30)[0],
    )
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _END_OF_CHAIN]
    fat: list[int] = []
    for sector in fat_sectors[:fat_count]:
        start = (sector + 1) * size
        fat.extend(struct.unpack_from(f"<{size // 4}I", data, start))
    names: list[str] = []
    sector, seen = first_directory, set[int]()
    while sector < _END_OF_CHAIN and sector not in seen and len(seen) < 10_000:
        seen.add(sector)
        start = (sector + 1) * size
        for offset in range(start, start + size, 128):
            length = struct.unpack_from("<H", data, offset + 64)[0]
            kind = data[offset + 66]
            if kind in (1, 2, 5) and 2 <= length <= 64:
                names.append(data[offset : offset + length - 2].decode("utf-16-le", "replace"))
        sector = fat[sector] if sector < len(fat) else _END_OF_CHAIN
    return names
