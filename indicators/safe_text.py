"""Text from users made safe for spreadsheets and file systems.

Two things every export and report shares:

- :func:`neutralise`: a text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return is read as a formula when a CSV or workbook is opened in Excel or LibreOffice
  (OWASP "CSV injection": ``=HYPERLINK(...)`` or ``=cmd|...``).  Such text gets a leading
  apostrophe, which spreadsheets show as a text marker; numbers are never passed here and
  stay numbers.
- :func:`control_characters` / :func:`printable`: control characters (newline, ESC, bidi
  overrides) in a name would forge lines of `history` or drive the terminal; names with them
  are refused, and stored text is escaped (``\\n``, ``\\x1b``) before it is printed.
- :func:`safe_filename`: a file name built from data (a municipality name with å, ä, ö, a
  name with a slash) that is valid, visible and unsurprising on Windows and Linux alike.

Nothing here imports a heavy library, so any command may use it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import overload

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d"})
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


@overload
def neutralise(text: str) -> str: ...
@overload
def neutralise(text: None) -> None: ...
def neutralise(text: str | None) -> str | None:
    """Text a spreadsheet would take for a formula, prefixed with an apostrophe."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def is_formula_like(text: object) -> bool:
    """True for a text that a spreadsheet would run as a formula if written as it is."""
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


def safe_filename(text: str, max_length: int = 80) -> str:
    """A file name from data text: ASCII letters, digits, ``.``, ``_`` and ``-`` only.

    ``Örnsköldsvik`` becomes ``ornskoldsvik``, ``a/b`` becomes ``a-b``; never empty, never
    hidden (leading dot), never a reserved Windows device name, at most ``max_length`` long.
    """
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    name = _UNSAFE.sub("-", ascii_text.lower())
    name = re.sub(r"-{2,}", "-", name).strip("-._")[:max_length].strip("-._")
    if not name:
        return "namnlos"
    if name.split(".")[0] in _RESERVED:
        name = f"_{name}"
    return name


def upload_name(filename: str | None, default: str = "fil") -> str:
    """The name part of a file name a client sent (a browser, a script): the last part of a
    path (``/`` or ``\\``), without control or format characters and leading dots, at most 200
    characters; ``default`` when nothing is left (``..``).  Letters are kept: the name is
    shown in the history as the official gave it."""
    last = re.split(r"[\\/]", filename or "")[-1]
    name = "".join(c for c in last if not unicodedata.category(c).startswith("C"))
    name = name.strip().lstrip(".").strip()
    if len(name) > 200:  # shortened before its suffix, which says how the file is read
        suffix = name[name.rfind(".") :][:10] if "." in name else ""
        name = name[: 200 - len(suffix)] + suffix
    return name or default


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def control_characters(text: str) -> list[str]:
    """The control and format characters in a text (Unicode category C*), in order."""
    return [char for char in text if unicodedata.category(char).startswith("C")]


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters shown as escapes (``\\x1b``)."""
    if not control_characters(text):
        return text
    out = []
    for char in text:
        if not unicodedata.category(char).startswith("C"):
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return "".join(out)
