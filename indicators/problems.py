"""Problems found in a file, as data: one report per file, rendered for machines and people.

A problem is never an exception: a file is checked completely in one pass, every problem
is collected here, and only then is the file accepted or rejected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from i18n import Lang
from indicators.messages import MESSAGES

ERROR = "error"
WARNING = "warning"


def column_letter(index: int) -> str:
    """Spreadsheet column name for a 1-based column index: 1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_ref(sheet: str | None, row: int | None, column: int | None) -> str | None:
    """`Värden!E7` for a sheet cell; None when the place has no sheet or no row."""
    if sheet is None or row is None:
        return None
    if column is None:
        return f"{sheet}!{row}:{row}"
    return f"{sheet}!{column_letter(column)}{row}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or worth a look (warning) in one place of one file.

    ``row`` is 1-based (the spreadsheet row or the CSV line); ``column`` is a letter for
    spreadsheets (``"E"``) or the header name for CSV files.  ``message_sv`` and
    ``message_en`` say what was found and what was expected, in the command line's words;
    ``params`` carry the facts the message names (municipality codes and names, years,
    counts), so the portal can say the same in its own words (`web.text`).
    """

    severity: str
    code: str
    message_sv: str
    message_en: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def message(self, lang: Lang = "sv") -> str:
        """The message in the reader's language."""
        return self.message_en if lang == "en" else self.message_sv

    def place(self) -> str:
        """Where it is, for people: `fil.xlsx, Värden!E7` or `fil.csv, rad 12`."""
        parts = [self.file] if self.file else []
        if self.cell:
            parts.append(self.cell)
        elif self.row is not None:
            parts.append(f"rad {self.row}")
        return ", ".join(parts)

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        """The JSON form of the import output contract."""
        return {
            "severity": self.severity,
            "code": self.code,
            "sheet": self.sheet,
            "cell": self.cell,
            "row": self.row,
            "column": self.column,
            "message": self.message(lang),
        }


@dataclass
class ProblemReport:
    """Every problem of one file, in the order found."""

    file: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        severity: str,
        code: str,
        sv: str,
        en: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: int | str | None = None,
        cell: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Problem:
        """Record a problem; an integer column is turned into a letter and a cell reference."""
        if isinstance(column, int):
            cell = cell or cell_ref(sheet, row, column)
            column = column_letter(column)
        problem = Problem(
            severity=severity,
            code=code,
            message_sv=sv,
            message_en=en,
            file=self.file,
            sheet=sheet,
            cell=cell,
            row=row,
            column=column,
            params=dict(params or {}),
        )
        self.problems.append(problem)
        return problem

    def error(self, code: str, sv: str, en: str, **place: Any) -> Problem:
        """Record an error: the file will be rejected."""
        return self.add(ERROR, code, sv, en, **place)

    def warning(self, code: str, sv: str, en: str, **place: Any) -> Problem:
        """Record a warning: the file still imports."""
        return self.add(WARNING, code, sv, en, **place)

    def extend(self, other: ProblemReport) -> None:
        """Append another report's problems (for example the reader's to the validator's)."""
        self.problems.extend(other.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        """True when nothing stops the file from being imported."""
        return not self.errors

    def to_list(self, lang: Lang = "sv") -> list[dict[str, Any]]:
        """The problems as JSON-ready dictionaries."""
        return [p.to_dict(lang) for p in self.problems]

    def flat(self) -> list[tuple[str, str, str | None]]:
        """(severity, code, cell or row) triples, for tests to compare exactly."""
        return [
            (p.severity, p.code, p.cell or (str(p.row) if p.row is not None else None))
            for p in self.problems
        ]

    def lines(self, lang: Lang = "sv") -> list[str]:
        """One line per problem, for a terminal: `fel  fil.xlsx, Värden!E7: ...`."""
        return [
            f"{MESSAGES(f'severity-{p.severity}', lang)}: {p.place()}: {p.message(lang)} [{p.code}]"
            for p in self.problems
        ]
