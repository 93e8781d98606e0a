"""Text files: decoding, the delimiter, and CSV records with the line each starts on.

Every kind of text file (values, catalogue, targets, plan, plan updates, the annotated
copy) is decoded here the same way: a BOM decides (UTF-8 or UTF-16), else UTF-8 when the
bytes are valid UTF-8, else Windows-1252, which is what Swedish Excel writes for
"CSV (semikolonavgränsad)".  Binary data and DOS code pages read as Windows-1252 are
refused with their line, since either would put nonsense into the store.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from intake.files import problem_types
from intake.files.cells import CleanedCell
from intake.files.cells import clean_rows
from intake.files.entry import DEFAULT_MAX_BYTES
from intake.files.entry import ReadError
from intake.files.entry import read_bytes

UNKNOWN_ENCODING = problem_types.UNKNOWN_ENCODING.code
BINARY_CONTENT = problem_types.BINARY_CONTENT.code
UNCLOSED_QUOTE = problem_types.UNCLOSED_QUOTE.code

DELIMITERS = (";", "\t", ",")  # preference on a tie: ";" and tab never clash with a decimal
_SNIFF_CHARS = 65_536
_HEAD = 64 * 1024
# Characters of Windows-1252 that sit inside a word only when a DOS or Mac file was
# read with the wrong code page (cp850 "å" is 0x86, which Windows-1252 shows as "†").
_MOJIBAKE = re.compile(r"[^\W\d_][†‡‰Š‹ŒŽ•˜™š›œžŸ„ƒ][^\W\d_]")
# The csv module's default field limit is 131 072 characters; a comment may be 32 767
# (Excel's cell limit) and a longer one must reach validation to be reported with its
# cell, not end the reading with "field larger than field limit".
_FIELD_LIMIT = 16 * 1024 * 1024


class TextProblem(ReadError):
    """A text file refused for its content; ``row`` is the line, the message has no file."""


@dataclass
class TextTable:
    """A text file's records; ``rows[i]`` is line ``i + 1`` (lines inside a quoted field
    that spans lines are empty records)."""

    rows: list[list[str]]
    encoding: str
    delimiter: str
    width: int
    cleaned: list[CleanedCell] = field(default_factory=list)  # cells controls were removed from


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding; TextProblem for binary data or an encoding that cannot be read."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise _binary(data.count(b"\n", 0, nul) + 1)
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252":
            wrong = _MOJIBAKE.search(text)
            if wrong:
                raise _unknown_encoding(text.count("\n", 0, wrong.start()) + 1)
        _no_binary(text)
        return text, encoding
    line = 1
    try:
        data.decode(candidates[-1])
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
    raise _unknown_encoding(line)


def _no_binary(text: str) -> None:
    """Refuse text where control characters are common: binary data decoded as text."""
    sample = text[:_HEAD]
    if "\x00" in text:
        raise _binary(text.count("\n", 0, text.find("\x00")) + 1)
    controls = [i for i, c in enumerate(sample) if c < " " and c not in "\t\r\n"]
    if sample and len(controls) > max(8, len(sample) // 100):
        raise _binary(text.count("\n", 0, controls[0]) + 1)


def _unknown_encoding(line: int) -> TextProblem:
    return TextProblem("unknown-encoding", line=line, code=UNKNOWN_ENCODING, row=line)


def _binary(line: int) -> TextProblem:
    return TextProblem("binary-content", line=line, code=BINARY_CONTENT, row=line)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most lines into the same number (above one) of fields.

    A decimal comma (``4,5``) adds commas to some lines only, so counting lines with an
    equal number of fields prefers ``;`` over ``,`` in a Swedish file.
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = DELIMITERS[0], (0, 0)
    for delimiter in DELIMITERS:
        counts: dict[int, int] = {}
        try:
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if len(record) > 1:
                    counts[len(record)] = counts.get(len(record), 0) + 1
        except csv.Error:
            continue
        if not counts:
            continue
        fields, lines = max(counts.items(), key=lambda item: (item[1], item[0]))
        if (lines, fields) > best_score:
            best, best_score = delimiter, (lines, fields)
    return best


def records(text: str, delimiter: str) -> TextTable:
    """The CSV records of a decoded text, ``rows[i]`` at line ``i + 1``, padded to one width.

    A quote that is never closed would make the rest of the file one field (the csv
    module does not complain): it is refused with the line where its record starts.
    """
    rows: list[list[Any]] = []
    width = 0
    previous_limit = csv.field_size_limit(_FIELD_LIMIT)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        previous_line = 0
        for record in reader:
            # A quoted field may span lines: the record sits at its first line, and the
            # lines it covers stay empty, so rows[i] is always line i + 1.
            rows.extend([] for _ in range(previous_line - len(rows)))
            rows.append(record)
            if reader.line_num - previous_line > 1 and rows[0]:
                _no_rows_inside(record, previous_line + 1, reader.line_num, len(rows[0]), delimiter)
            previous_line = reader.line_num
            if len(record) > width:
                width = len(record)
        if rows and _ends_in_open_quote(text, len(rows), delimiter):
            raise _unclosed_quote(len(rows))
    except csv.Error as exc:
        line = len(rows) + 1
        raise TextProblem("not-csv", line=line, cause=exc, row=line) from exc
    finally:
        csv.field_size_limit(previous_limit)
    for record in rows:
        if len(record) < width:
            record.extend([""] * (width - len(record)))
    return TextTable(rows, "", delimiter, width)


def _ends_in_open_quote(text: str, last_line: int, delimiter: str) -> bool:
    """True when the last record's quoted field runs to the end of the text unclosed."""
    start = 0
    for _ in range(last_line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return False
    tail = text[start:]
    if '"' not in tail:
        return False
    strict = csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True)
    try:
        for _record in strict:
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _no_rows_inside(record: list[str], first: int, last: int, width: int, delimiter: str) -> None:
    """Refuse a quoted text spanning lines that holds whole rows of the table.

    A stray quote in one comment and another in a later one make every line between them
    a single text: those rows would vanish into a comment without a word.  A line of the
    text with as many delimiters as the header has is such a row.
    """
    if width < 3:
        return
    for text in record:
        if "\n" not in text:
            continue
        for line in text.splitlines()[1:]:
            if line.count(delimiter) >= width - 1:
                raise TextProblem(
                    "quote-spans-rows", first=first, last=last, code=UNCLOSED_QUOTE, row=first
                )


def _unclosed_quote(line: int) -> TextProblem:
    return TextProblem("unclosed-quote", line=line, code=UNCLOSED_QUOTE, row=line)


def read_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """A text file's content and encoding, from a regular file within ``max_bytes``."""
    path = Path(path)
    try:
        return decode(read_bytes(path, max_bytes))
    except TextProblem as problem:
        raise _named(path, problem) from problem


def read_table(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> TextTable:
    """A text file's CSV records, decoded and split with the sniffed delimiter."""
    path = Path(path)
    text, encoding = read_text(path, max_bytes)
    try:
        table = records(text, sniff_delimiter(text))
    except TextProblem as problem:
        raise _named(path, problem) from problem
    table.encoding = encoding
    table.cleaned = clean_rows(table.rows, text)
    return table


def _named(path: Path, problem: TextProblem) -> ReadError:
    return ReadError(
        "in-file", file=path.name, message=problem.as_text(), code=problem.code, row=problem.row
    )
