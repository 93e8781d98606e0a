"""Every problem type a file can be reported with, declared once: code, severity, sentences.

A call site passes the type and the facts its sentence names,
``report.add(BAD_YEAR, row=7, column=3, text="'20x4'")``; the severity and the sentence in
both languages come from here, and the facts are kept on the problem (`Problem.params`) for
the portal to say the same in its own words (a type's ``web``).  ``docs/import.md``'s tables
of problem codes are generated from the types' meanings (``scripts/make_problem_table.py``;
a test fails when they differ), and a test checks that every type here is reported
somewhere and that the import's modules report no other.

A type whose ``message`` is None is a problem an exception or another module words
(a `ReadError`, the write gate's refusal): the sentence comes with the problem
(``report.add(TYPE, said=...)``).  Types of the same code in one group are the same problem
said in different places (`ProblemType.variant`).  Pieces of a sentence that depend on the
facts (" (menade du GN.6?)", "rad 3 i bladet Värden") are `PHRASES`, passed as parameters.

The types are declared in one module per kind of problem, in the order of docs/import.md's
tables: a value's cell (`values`), the codes a row names (`codes`), a value's place
(`places`), the values against the store (`stored`), the file itself (`files`), and the
catalogue, targets, action plan and Kolada mapping files.  This package is their one public
face: callers import every type, `PROBLEM_TYPES` and `problem_type` from here.
"""

from __future__ import annotations

from indicators.problems import ERROR, WARNING, ProblemType
from intake.files.problem_types import (
    catalogue,
    codes,
    files,
    kolada,
    places,
    plans,
    stored,
    targets,
    values,
)
from intake.files.problem_types.catalogue import (
    CATALOGUE_BAD_CODE,
    CATALOGUE_BAD_DECIMALS,
    CATALOGUE_BAD_DIRECTION,
    CATALOGUE_BAD_NUMBER,
    CATALOGUE_BAD_OBJECTIVE,
    CATALOGUE_BAD_REPORTED_BY,
    CATALOGUE_BAD_SET_CODE,
    CATALOGUE_BAD_THRESHOLD,
    CATALOGUE_DUPLICATE_CODE,
    CATALOGUE_DUPLICATE_COLUMN,
    CATALOGUE_EMPTY,
    CATALOGUE_MIN_ABOVE_MAX,
    CATALOGUE_MISSING_COLUMN,
    CATALOGUE_MISSING_SET,
    CATALOGUE_MISSING_SOURCE,
    CATALOGUE_MISSING_VALUE,
    CATALOGUE_NO_INDICATORS,
    CATALOGUE_NO_SHEET,
    CATALOGUE_NOT_UTF8,
    CATALOGUE_TOO_LONG,
    CATALOGUE_UNKNOWN_COLUMN,
    CATALOGUE_UNSUPPORTED_FORMAT,
)
from intake.files.problem_types.codes import (
    CODE_MEANING_CHANGED,
    KOLADA_KPI_NOT_MAPPED,
    KOLADA_KPI_NOT_MAPPED_PORTAL,
    MIXED_INDICATOR_SETS,
    NAME_CONTRADICTS_CODE,
    READ_AS_SET,
    SET_MISMATCH,
    UNIT_CONTRADICTS_CODE,
    UNKNOWN_INDICATOR,
    UNKNOWN_INDICATOR_SET,
    UNKNOWN_MUNICIPALITY,
)
from intake.files.problem_types.declare import FILES, VALUES
from intake.files.problem_types.files import (
    BINARY_CONTENT,
    COLUMN_IGNORED,
    COMMENT_SPLIT,
    CONTROL_CHARACTERS,
    DATABASE_ERROR,
    EMPTY_FILE,
    EMPTY_TEXT_FILE,
    ENCRYPTED_ARCHIVE,
    ENCRYPTED_WORKBOOK,
    EXTRA_FIELDS,
    EXTRA_FIELDS_COMMA,
    FILE_TOO_LARGE,
    NO_TABLE,
    NO_VISIBLE_SHEET,
    NOT_A_REGULAR_FILE,
    NOT_A_SPREADSHEET,
    OLD_XLS_FORMAT,
    ROWS_IGNORED,
    SHEET_IGNORED,
    SHEET_OF_OTHER_LAYOUT,
    SUMMARY_ROW_IGNORED,
    TEMPLATE_METADATA_INVALID,
    TOO_MANY_CELLS,
    TOO_MANY_CELLS_SAFETY,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    TRUNCATED_FILE,
    UNCLOSED_QUOTE,
    UNKNOWN_ENCODING,
    UNREADABLE_FILE,
    UNREADABLE_FILE_OS,
    UNREADABLE_FILE_SAFETY,
    UNSAFE_FILE,
    XML_ENTITIES,
    ZIP_BOMB,
    ZIP_BOMB_FORGED,
    ZIP_BOMB_RATIO,
)
from intake.files.problem_types.kolada import (
    KOLADA_BAD_FACTOR,
    KOLADA_BAD_GENDER,
    KOLADA_BAD_KPI,
    KOLADA_BAD_VERIFIED,
    KOLADA_DUPLICATE_MAPPING,
    KOLADA_NO_PROVENANCE,
    KOLADA_UNKNOWN_INDICATOR,
)
from intake.files.problem_types.phrases import PHRASES
from intake.files.problem_types.places import (
    APPROVED_YEAR,
    APPROVED_YEAR_FORCED,
    BAD_YEAR,
    DUPLICATE_ROW,
    DUPLICATE_VALUE,
    LOCKED_YEAR,
    LOCKED_YEAR_FORCED,
    MIXED_MUNICIPALITIES,
    MUNICIPALITY_MISMATCH,
    MUNICIPALITY_MISMATCH_ROW,
    MUNICIPALITY_NOT_PERMITTED,
    NO_INDICATOR,
    NO_MUNICIPALITY,
    NO_YEAR,
    WINDOW_CLOSED,
    WINDOW_NOT_OPEN,
    YEAR_MISMATCH,
    YEAR_OUT_OF_RANGE,
)
from intake.files.problem_types.plans import (
    PLAN_ACTIVITY_WITHOUT_GOAL,
    PLAN_AMOUNT_NOT_UNDERSTOOD,
    PLAN_LINE_NOT_UNDERSTOOD,
    PLAN_PERIOD_NOT_UNDERSTOOD,
    UPDATE_CODE_MISSING,
    UPDATE_CODE_UNKNOWN,
    UPDATE_DATE_INVALID,
    UPDATE_PROGRESS_INVALID,
    UPDATE_SPENT_INVALID,
    UPDATE_STATUS_UNKNOWN,
    UPDATES_COLUMN_MISSING,
    UPDATES_EMPTY,
    UPDATES_HEADER_MISSING,
)
from intake.files.problem_types.stored import (
    ALREADY_IMPORTED,
    BLANK_KEEPS_STORED,
    COMMENT_TOO_LONG,
    DASH_AS_ZERO,
    LARGE_CHANGE,
    LARGE_CHANGE_UNUSUAL,
    NO_VALUES,
    REPLACES_VALUE,
    REVERTED_BEFORE,
    VALUE_IGNORED_BY_STATUS,
)
from intake.files.problem_types.targets import (
    TARGETS_BASE_YEAR_AFTER_TARGET,
    TARGETS_COUNTY_NOT_STORED,
    TARGETS_DUPLICATE,
    TARGETS_EMPTY,
    TARGETS_INVALID_BASE_YEAR,
    TARGETS_INVALID_VALUE,
    TARGETS_INVALID_YEAR,
    TARGETS_MISSING_COLUMN,
    TARGETS_MUNICIPALITY_NOT_STORED,
    TARGETS_NO_OWNER,
    TARGETS_NONE,
    TARGETS_TWO_OWNERS,
    TARGETS_UNKNOWN_COLUMN,
    TARGETS_UNKNOWN_COUNTY,
    TARGETS_UNKNOWN_INDICATOR,
    TARGETS_UNKNOWN_MUNICIPALITY,
)
from intake.files.problem_types.values import (
    APPROXIMATE_NUMBER,
    BAD_STATUS,
    BOOLEAN_IN_VALUE,
    DATE_IN_VALUE,
    ERROR_IN_VALUE,
    FORMULA_WITHOUT_VALUE,
    LIMIT_NOT_NUMBER,
    NOT_A_NUMBER,
    NOT_FINITE,
    OUT_OF_RANGE,
    REPORTED_WITHOUT_VALUE,
)

# The package's public face: every type by name, the severities and the phrases.
__all__ = [
    "ERROR",
    "WARNING",
    "ProblemType",
    "PHRASES",
    "ALREADY_IMPORTED",
    "APPROVED_YEAR",
    "APPROVED_YEAR_FORCED",
    "APPROXIMATE_NUMBER",
    "BAD_STATUS",
    "BAD_YEAR",
    "BINARY_CONTENT",
    "BLANK_KEEPS_STORED",
    "BOOLEAN_IN_VALUE",
    "CATALOGUE_BAD_CODE",
    "CATALOGUE_BAD_DECIMALS",
    "CATALOGUE_BAD_DIRECTION",
    "CATALOGUE_BAD_NUMBER",
    "CATALOGUE_BAD_OBJECTIVE",
    "CATALOGUE_BAD_REPORTED_BY",
    "CATALOGUE_BAD_SET_CODE",
    "CATALOGUE_BAD_THRESHOLD",
    "CATALOGUE_DUPLICATE_CODE",
    "CATALOGUE_DUPLICATE_COLUMN",
    "CATALOGUE_EMPTY",
    "CATALOGUE_MIN_ABOVE_MAX",
    "CATALOGUE_MISSING_COLUMN",
    "CATALOGUE_MISSING_SET",
    "CATALOGUE_MISSING_SOURCE",
    "CATALOGUE_MISSING_VALUE",
    "CATALOGUE_NOT_UTF8",
    "CATALOGUE_NO_INDICATORS",
    "CATALOGUE_NO_SHEET",
    "CATALOGUE_TOO_LONG",
    "CATALOGUE_UNKNOWN_COLUMN",
    "CATALOGUE_UNSUPPORTED_FORMAT",
    "CODE_MEANING_CHANGED",
    "COLUMN_IGNORED",
    "COMMENT_SPLIT",
    "COMMENT_TOO_LONG",
    "CONTROL_CHARACTERS",
    "DASH_AS_ZERO",
    "DATABASE_ERROR",
    "DATE_IN_VALUE",
    "DUPLICATE_ROW",
    "DUPLICATE_VALUE",
    "EMPTY_FILE",
    "EMPTY_TEXT_FILE",
    "ENCRYPTED_ARCHIVE",
    "ENCRYPTED_WORKBOOK",
    "ERROR_IN_VALUE",
    "EXTRA_FIELDS",
    "EXTRA_FIELDS_COMMA",
    "FILE_TOO_LARGE",
    "FORMULA_WITHOUT_VALUE",
    "KOLADA_BAD_FACTOR",
    "KOLADA_BAD_GENDER",
    "KOLADA_BAD_KPI",
    "KOLADA_BAD_VERIFIED",
    "KOLADA_DUPLICATE_MAPPING",
    "KOLADA_KPI_NOT_MAPPED",
    "KOLADA_KPI_NOT_MAPPED_PORTAL",
    "KOLADA_NO_PROVENANCE",
    "KOLADA_UNKNOWN_INDICATOR",
    "LARGE_CHANGE",
    "LARGE_CHANGE_UNUSUAL",
    "LIMIT_NOT_NUMBER",
    "LOCKED_YEAR",
    "LOCKED_YEAR_FORCED",
    "MIXED_INDICATOR_SETS",
    "MIXED_MUNICIPALITIES",
    "MUNICIPALITY_MISMATCH",
    "MUNICIPALITY_MISMATCH_ROW",
    "MUNICIPALITY_NOT_PERMITTED",
    "NAME_CONTRADICTS_CODE",
    "NOT_A_NUMBER",
    "NOT_A_REGULAR_FILE",
    "NOT_A_SPREADSHEET",
    "NOT_FINITE",
    "NO_INDICATOR",
    "NO_MUNICIPALITY",
    "NO_TABLE",
    "NO_VALUES",
    "NO_VISIBLE_SHEET",
    "NO_YEAR",
    "OLD_XLS_FORMAT",
    "OUT_OF_RANGE",
    "PLAN_ACTIVITY_WITHOUT_GOAL",
    "PLAN_AMOUNT_NOT_UNDERSTOOD",
    "PLAN_LINE_NOT_UNDERSTOOD",
    "PLAN_PERIOD_NOT_UNDERSTOOD",
    "READ_AS_SET",
    "REPLACES_VALUE",
    "REPORTED_WITHOUT_VALUE",
    "REVERTED_BEFORE",
    "ROWS_IGNORED",
    "SET_MISMATCH",
    "SHEET_IGNORED",
    "SHEET_OF_OTHER_LAYOUT",
    "SUMMARY_ROW_IGNORED",
    "TARGETS_BASE_YEAR_AFTER_TARGET",
    "TARGETS_COUNTY_NOT_STORED",
    "TARGETS_DUPLICATE",
    "TARGETS_EMPTY",
    "TARGETS_INVALID_BASE_YEAR",
    "TARGETS_INVALID_VALUE",
    "TARGETS_INVALID_YEAR",
    "TARGETS_MISSING_COLUMN",
    "TARGETS_MUNICIPALITY_NOT_STORED",
    "TARGETS_NONE",
    "TARGETS_NO_OWNER",
    "TARGETS_TWO_OWNERS",
    "TARGETS_UNKNOWN_COLUMN",
    "TARGETS_UNKNOWN_COUNTY",
    "TARGETS_UNKNOWN_INDICATOR",
    "TARGETS_UNKNOWN_MUNICIPALITY",
    "TEMPLATE_METADATA_INVALID",
    "TOO_MANY_CELLS",
    "TOO_MANY_CELLS_SAFETY",
    "TOO_MANY_COLUMNS",
    "TOO_MANY_ROWS",
    "TRUNCATED_FILE",
    "UNCLOSED_QUOTE",
    "UNIT_CONTRADICTS_CODE",
    "UNKNOWN_ENCODING",
    "UNKNOWN_INDICATOR",
    "UNKNOWN_INDICATOR_SET",
    "UNKNOWN_MUNICIPALITY",
    "UNREADABLE_FILE",
    "UNREADABLE_FILE_OS",
    "UNREADABLE_FILE_SAFETY",
    "UNSAFE_FILE",
    "UPDATES_COLUMN_MISSING",
    "UPDATES_EMPTY",
    "UPDATES_HEADER_MISSING",
    "UPDATE_CODE_MISSING",
    "UPDATE_CODE_UNKNOWN",
    "UPDATE_DATE_INVALID",
    "UPDATE_PROGRESS_INVALID",
    "UPDATE_SPENT_INVALID",
    "UPDATE_STATUS_UNKNOWN",
    "VALUE_IGNORED_BY_STATUS",
    "WINDOW_CLOSED",
    "WINDOW_NOT_OPEN",
    "XML_ENTITIES",
    "YEAR_MISMATCH",
    "YEAR_OUT_OF_RANGE",
    "ZIP_BOMB",
    "ZIP_BOMB_FORGED",
    "ZIP_BOMB_RATIO",
]

# The modules in the order their types are listed (docs/import.md's tables follow it).
DECLARED_IN = (values, codes, places, stored, files, catalogue, targets, plans, kolada)
PROBLEM_TYPES: tuple[ProblemType, ...] = tuple(
    value
    for module in DECLARED_IN
    for value in vars(module).values()
    if isinstance(value, ProblemType)
)
# The first type declared with each code of the import (the groups docs/import.md lists):
# what a problem an exception carried is reported as.
BY_CODE: dict[str, ProblemType] = {}
for _type in PROBLEM_TYPES:
    if _type.group in (VALUES, FILES):
        BY_CODE.setdefault(_type.code, _type)
del _type


def problem_type(code: str) -> ProblemType:
    """The import's type of a code an exception or the write gate carries (KeyError: none)."""
    return BY_CODE[code]


_TITLES = {
    VALUES: "Values and places (validation)",
    FILES: "Files (import, reader and safety checks)",
}


def markdown_tables() -> str:
    """The tables of problem codes for ``docs/import.md``, one per group, codes sharing a
    meaning and severity in one row."""
    parts: list[str] = []
    for group, title in _TITLES.items():
        rows: list[tuple[list[str], str, str]] = []
        for problem in BY_CODE.values():
            if problem.group != group:
                continue
            assert problem.meaning is not None
            meaning = problem.meaning.en
            if rows and rows[-1][1:] == (problem.severity, meaning):
                rows[-1][0].append(problem.code)
            else:
                rows.append(([problem.code], problem.severity, meaning))
        parts.append(f"### {title}\n\n| code | severity | meaning |\n|---|---|---|")
        parts.extend(
            f"| {', '.join(f'`{code}`' for code in codes)} | {severity} | {meaning} |"
            for codes, severity, meaning in rows
        )
        parts.append("")
    return "\n".join(parts).rstrip("\n") + "\n"
