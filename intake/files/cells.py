"""Control characters and direction overrides, removed from text cells at intake.

ESC, BEL or backspace in a comment, a name or a code would be stored as they are and
printed later to a terminal (``history``) where they move the cursor or change colours;
a right-to-left override (U+202E) makes ``fil\\u202efdp.exe`` show as ``filexe.pdf``.
Neither belongs in an indicator file, so they are removed where the file is read, and
each cell they were removed from is reported.  Tabs and line breaks stay: a comment may
have several lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from indicators.problems import ProblemReport
from indicators.problems import phrase
from intake.files.problem_types import CONTROL_CHARACTERS
from intake.files.problem_types import PHRASES

# C0 and C1 controls except tab, line feed and carriage return; the Unicode direction
# marks, embeddings, overrides and isolates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

_NUMBER_LIKE = re.compile(r"\s*[-+−–]?[\d\s.,]*\d[\d\s.,]*%?\s*")


@dataclass(frozen=True)
class CleanedCell:
    """A cell that control characters were removed from (1-based row and column)."""

    row: int
    column: int
    removed: tuple[str, ...]  # each distinct character removed, in the order found

    def names(self) -> str:
        """The removed characters as code points: ``U+001B, U+202E``."""
        return ", ".join(f"U+{ord(char):04X}" for char in self.removed)


def clean_rows(rows: list[list[Any]], text: str | None = None) -> list[CleanedCell]:
    """Remove control characters from every text cell of ``rows`` in place; what was removed.

    ``text`` is the whole decoded file of a CSV: when it has none (nearly always) the cells
    are not looked at one by one.
    """
    if text is not None and not _UNSAFE.search(text):
        return []
    cleaned: list[CleanedCell] = []
    for row_index, cells in enumerate(rows):
        for column_index, value in enumerate(cells):
            # isprintable() is False for every character removed (and for line breaks
            # and some spaces): a fast test that lets nearly every cell pass at once.
            if type(value) is not str or value.isprintable():
                continue
            found = _UNSAFE.findall(value)
            if found:
                cleaned_value = _UNSAFE.sub("", value)
                if _NUMBER_LIKE.fullmatch(cleaned_value):
                    # A control character in a number may stand for a lost character (a
                    # lossy encoding writes 0x12 for a minus): removing it would change the
                    # value, so it stays and validation refuses the cell.
                    continue
                cells[column_index] = cleaned_value
                removed = tuple(dict.fromkeys(found))
                cleaned.append(CleanedCell(row_index + 1, column_index + 1, removed))
    return cleaned


def warn_cleaned(
    problems: ProblemReport, cleaned: list[CleanedCell], sheet: str | None = None
) -> None:
    """A `control-characters` warning for each cell they were removed from, naming the cell."""
    for cell in cleaned:
        # A text file has no column letters: its place is the line, and the field's number.
        column: int | None = cell.column if sheet is not None else None
        field = PHRASES["nothing"] if column else phrase(PHRASES["field"], field=cell.column)
        problems.add(
            CONTROL_CHARACTERS,
            sheet=sheet,
            row=cell.row,
            column=column,
            names=cell.names(),
            field=field,
        )
