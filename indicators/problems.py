"""Problems found in a file, as data: one report per file, rendered for machines and people.

A problem is never an exception: a file is checked completely in one pass, every problem
is collected here, and only then is the file accepted or rejected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Any

from i18n import Lang
from i18n import Text
from indicators.messages import MESSAGES

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class ProblemType:
    """One kind of problem, declared once: its stable code, severity and sentences.

    ``message`` is the sentence a report says, in both languages, with ``{placeholders}``
    the call site fills (`ProblemReport.add`), or None when the problem is always worded
    elsewhere (an exception's sentence, passed as ``said``); ``meaning`` says what the code
    means, for the documentation (docs/import.md's tables are generated from it); ``web``
    is the portal's wording of the same facts (`web.text.problem_message`) where the
    command line's names a flag.  Several types may share a code when the same problem is
    found in different places with different sentences (`variant`); they share severity,
    group and meaning.
    """

    code: str
    severity: str
    group: str
    meaning: Text | None
    message: Text | None
    web: Text | None = None

    def variant(self, message: Text, *, web: Text | None = None) -> ProblemType:
        """The same problem (code, severity, meaning) said with another sentence."""
        return replace(self, message=message, web=web if web is not None else self.web)

    def render(self, lang: Lang | None, params: Mapping[str, Any]) -> str:
        """The sentence in ``lang``: a parameter that is a `Text` is said in ``lang`` too."""
        return self.sentence(params).render(lang)

    def sentence(self, params: Mapping[str, Any]) -> Text:
        """The sentence in both languages, its ``{placeholders}`` filled with ``params``."""
        if self.message is None:
            raise ValueError(f"problem type {self.code} has no sentence of its own: pass said=")
        return phrase(self.message, **params)


def phrase(text: Text, /, **params: Any) -> Text:
    """A piece of a sentence with its facts filled in, in both languages, to pass as a
    parameter: ``phrase(Text(" i {set}", " in {set}"), set="sekom-2023")``."""
    return Text(_render(text, "sv", params), _render(text, "en", params))


def _plain(value: Any) -> Any:
    """A fact as a problem keeps it: a number, a text or None (a staged file stores its
    problems as JSON); anything else as the text the sentence shows."""
    return value if value is None or isinstance(value, (str, int, float)) else str(value)


def _render(text: Text, lang: Lang | None, params: Mapping[str, Any]) -> str:
    said = {
        name: value.render(lang) if isinstance(value, Text) else value
        for name, value in params.items()
    }
    return text.render(lang, **said)


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
    spreadsheets (``"E"``) or the header name for CSV files.  ``text`` says what was found
    and what was expected, in both languages and the command line's words;
    ``params`` carry the facts the message names (municipality codes and names, years,
    counts), so the portal can say the same in its own words (`web.text`).
    """

    severity: str
    code: str
    text: Text
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def message(self, lang: Lang = "sv") -> str:
        """The message in the reader's language."""
        return self.text.render(lang)

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
        kind: ProblemType,
        /,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: int | str | None = None,
        cell: str | None = None,
        said: Text | None = None,
        **params: Any,
    ) -> Problem:
        """Record a problem of type ``kind``, its sentence filled with ``params``.

        An integer column is turned into a letter and a cell reference.  ``params`` are kept
        on the problem (`Problem.params`: the portal words them; a value other than a number
        or a text as its text), except those that are themselves a `Text` (a piece of the
        sentence in both languages).  ``said`` is a
        sentence written elsewhere, as it is (no placeholders filled), for a problem an
        exception carried to the report.
        """
        if isinstance(column, int):
            cell = cell or cell_ref(sheet, row, column)
            column = column_letter(column)
        problem = Problem(
            severity=kind.severity,
            code=kind.code,
            text=said if said is not None else kind.sentence(params),
            file=self.file,
            sheet=sheet,
            cell=cell,
            row=row,
            column=column,
            params={
                name: _plain(value) for name, value in params.items() if not isinstance(value, Text)
            },
        )
        self.problems.append(problem)
        return problem

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
