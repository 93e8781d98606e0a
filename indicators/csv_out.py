"""The one writer of every CSV the product writes (exports, the public site, the portal).

A CSV is opened in a spreadsheet that may split it on another separator than the one it
was written with (Excel in English splits on ``,``, in Swedish on ``;``), so a text
``rapport,=cmd|' -C calc'!A0,.csv`` written unquoted in a ``;`` file becomes a formula
field in a ``,`` reading. Hence, for every text field, whatever the separator:

- a formula start (``= + - @``, tab, carriage return) at the start of the field *and*
  after any character that may separate fields (``,`` ``;`` tab, line break) gets an
  apostrophe (OWASP CSV injection), and
- the field is quoted by the csv module when it holds any such separator, a quote or a
  line break, so a reader with any of these separators keeps it whole.

Numbers are never changed: pass ``int``/``float``, or :class:`NumberText` for a number
already formatted (``-2,5`` with a decimal comma), and a negative number stays a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from collections.abc import Sequence
from typing import IO

from indicators.safe_text import neutralise

SEPARATORS = ",;\t\r\n"
_FORMULA_AFTER_SEPARATOR = re.compile(r"([,;\t\r\n])(?=[=+\-@\t\r])")
_NEEDS_QUOTES = re.compile(r'[,;\t\r\n"]')


class NumberText(str):
    """A number already written as text (``-2,5``): kept as it is, never neutralised."""


def safe_field(value: object) -> str | int | float:
    """A cell as it is written: numbers as they are, text neutralised at every field start."""
    if value is None:
        return ""
    if isinstance(value, NumberText | int | float) and not isinstance(value, bool):
        return value
    text = neutralise(str(value))
    if _NEEDS_QUOTES.search(text) is None:  # the common case: no separator inside
        return text
    return _FORMULA_AFTER_SEPARATOR.sub(r"\1'", text)


def csv_line(fields: Sequence[object], delimiter: str = ",", lineterminator: str = "\r\n") -> str:
    """One CSV record: every text field made safe, and quoted when any separator could split it."""
    parts = []
    for value in fields:
        field = safe_field(value)
        if type(field) is str and _NEEDS_QUOTES.search(field) is not None:
            parts.append(_quoted(field))
        else:
            parts.append(str(field))
    return delimiter.join(parts) + lineterminator


def write_csv_rows(
    stream: IO[str],
    rows: Iterable[Sequence[object]],
    delimiter: str = ",",
    lineterminator: str = "\r\n",
) -> None:
    """Write every row with :func:`csv_line`."""
    for row in rows:
        stream.write(csv_line(row, delimiter, lineterminator))


def csv_text(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    delimiter: str = ",",
    lineterminator: str = "\r\n",
) -> str:
    """A whole CSV (header and rows) as text."""
    buffer = io.StringIO()
    write_csv_rows(buffer, [header], delimiter, lineterminator)
    write_csv_rows(buffer, rows, delimiter, lineterminator)
    return buffer.getvalue()


def _quoted(text: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="").writerow([text])
    return buffer.getvalue()
