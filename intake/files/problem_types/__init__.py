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

from indicators.problems import ERROR
from indicators.problems import WARNING
from indicators.problems import ProblemType
from intake.files.problem_types import catalogue
from intake.files.problem_types import codes
from intake.files.problem_types import files
from intake.files.problem_types import kolada
from intake.files.problem_types import places
from intake.files.problem_types import plans
from intake.files.problem_types import stored
from intake.files.problem_types import targets
from intake.files.problem_types import values
from intake.files.problem_types.catalogue import CATALOGUE_BAD_CODE
from intake.files.problem_types.catalogue import CATALOGUE_BAD_DECIMALS
from intake.files.problem_types.catalogue import CATALOGUE_BAD_DIRECTION
from intake.files.problem_types.catalogue import CATALOGUE_BAD_NUMBER
from intake.files.problem_types.catalogue import CATALOGUE_BAD_OBJECTIVE
from intake.files.problem_types.catalogue import CATALOGUE_BAD_REPORTED_BY
from intake.files.problem_types.catalogue import CATALOGUE_BAD_SET_CODE
from intake.files.problem_types.catalogue import CATALOGUE_BAD_THRESHOLD
from intake.files.problem_types.catalogue import CATALOGUE_DUPLICATE_CODE
from intake.files.problem_types.catalogue import CATALOGUE_DUPLICATE_COLUMN
from intake.files.problem_types.catalogue import CATALOGUE_EMPTY
from intake.files.problem_types.catalogue import CATALOGUE_MIN_ABOVE_MAX
from intake.files.problem_types.catalogue import CATALOGUE_MISSING_COLUMN
from intake.files.problem_types.catalogue import CATALOGUE_MISSING_SET
from intake.files.problem_types.catalogue import CATALOGUE_MISSING_SOURCE
from intake.files.problem_types.catalogue import CATALOGUE_MISSING_VALUE
from intake.files.problem_types.catalogue import CATALOGUE_NO_INDICATORS
from intake.files.problem_types.catalogue import CATALOGUE_NO_SHEET
from intake.files.problem_types.catalogue import CATALOGUE_NOT_UTF8
from intake.files.problem_types.catalogue import CATALOGUE_TOO_LONG
from intake.files.problem_types.catalogue import CATALOGUE_UNKNOWN_COLUMN
from intake.files.problem_types.catalogue import CATALOGUE_UNSUPPORTED_FORMAT
from intake.files.problem_types.codes import CODE_MEANING_CHANGED
from intake.files.problem_types.codes import KOLADA_KPI_NOT_MAPPED
from intake.files.problem_types.codes import KOLADA_KPI_NOT_MAPPED_PORTAL
from intake.files.problem_types.codes import MIXED_INDICATOR_SETS
from intake.files.problem_types.codes import NAME_CONTRADICTS_CODE
from intake.files.problem_types.codes import READ_AS_SET
from intake.files.problem_types.codes import SET_MISMATCH
from intake.files.problem_types.codes import UNIT_CONTRADICTS_CODE
from intake.files.problem_types.codes import UNKNOWN_INDICATOR
from intake.files.problem_types.codes import UNKNOWN_INDICATOR_SET
from intake.files.problem_types.codes import UNKNOWN_MUNICIPALITY
from intake.files.problem_types.declare import FILES
from intake.files.problem_types.declare import VALUES
from intake.files.problem_types.files import BINARY_CONTENT
from intake.files.problem_types.files import COLUMN_IGNORED
from intake.files.problem_types.files import COMMENT_SPLIT
from intake.files.problem_types.files import CONTROL_CHARACTERS
from intake.files.problem_types.files import DATABASE_ERROR
from intake.files.problem_types.files import EMPTY_FILE
from intake.files.problem_types.files import EMPTY_TEXT_FILE
from intake.files.problem_types.files import ENCRYPTED_ARCHIVE
from intake.files.problem_types.files import ENCRYPTED_WORKBOOK
from intake.files.problem_types.files import EXTRA_FIELDS
from intake.files.problem_types.files import EXTRA_FIELDS_COMMA
from intake.files.problem_types.files import FILE_TOO_LARGE
from intake.files.problem_types.files import NO_TABLE
from intake.files.problem_types.files import NO_VISIBLE_SHEET
from intake.files.problem_types.files import NOT_A_REGULAR_FILE
from intake.files.problem_types.files import NOT_A_SPREADSHEET
from intake.files.problem_types.files import OLD_XLS_FORMAT
from intake.files.problem_types.files import ROWS_IGNORED
from intake.files.problem_types.files import SHEET_IGNORED
from intake.files.problem_types.files import SHEET_OF_OTHER_LAYOUT
from intake.files.problem_types.files import SUMMARY_ROW_IGNORED
from intake.files.problem_types.files import TEMPLATE_METADATA_INVALID
from intake.files.problem_types.files import TOO_MANY_CELLS
from intake.files.problem_types.files import TOO_MANY_CELLS_SAFETY
from intake.files.problem_types.files import TOO_MANY_COLUMNS
from intake.files.problem_types.files import TOO_MANY_ROWS
from intake.files.problem_types.files import TRUNCATED_FILE
from intake.files.problem_types.files import UNCLOSED_QUOTE
from intake.files.problem_types.files import UNKNOWN_ENCODING
from intake.files.problem_types.files import UNREADABLE_FILE
from intake.files.problem_types.files import UNREADABLE_FILE_OS
from intake.files.problem_types.files import UNREADABLE_FILE_SAFETY
from intake.files.problem_types.files import UNSAFE_FILE
from intake.files.problem_types.files import XML_ENTITIES
from intake.files.problem_types.files import ZIP_BOMB
from intake.files.problem_types.files import ZIP_BOMB_FORGED
from intake.files.problem_types.files import ZIP_BOMB_RATIO
from intake.files.problem_types.kolada import KOLADA_BAD_FACTOR
from intake.files.problem_types.kolada import KOLADA_BAD_GENDER
from intake.files.problem_types.kolada import KOLADA_BAD_KPI
from intake.files.problem_types.kolada import KOLADA_BAD_VERIFIED
from intake.files.problem_types.kolada import KOLADA_DUPLICATE_MAPPING
from intake.files.problem_types.kolada import KOLADA_NO_PROVENANCE
from intake.files.problem_types.kolada import KOLADA_UNKNOWN_INDICATOR
from intake.files.problem_types.phrases import PHRASES
from intake.files.problem_types.places import APPROVED_YEAR
from intake.files.problem_types.places import APPROVED_YEAR_FORCED
from intake.files.problem_types.places import BAD_YEAR
from intake.files.problem_types.places import DUPLICATE_ROW
from intake.files.problem_types.places import DUPLICATE_VALUE
from intake.files.problem_types.places import LOCKED_YEAR
from intake.files.problem_types.places import LOCKED_YEAR_FORCED
from intake.files.problem_types.places import MIXED_MUNICIPALITIES
from intake.files.problem_types.places import MUNICIPALITY_MISMATCH
from intake.files.problem_types.places import MUNICIPALITY_MISMATCH_ROW
from intake.files.problem_types.places import MUNICIPALITY_NOT_PERMITTED
from intake.files.problem_types.places import NO_INDICATOR
from intake.files.problem_types.places import NO_MUNICIPALITY
from intake.files.problem_types.places import NO_YEAR
from intake.files.problem_types.places import WINDOW_CLOSED
from intake.files.problem_types.places import WINDOW_NOT_OPEN
from intake.files.problem_types.places import YEAR_MISMATCH
from intake.files.problem_types.places import YEAR_OUT_OF_RANGE
from intake.files.problem_types.plans import PLAN_ACTIVITY_WITHOUT_GOAL
from intake.files.problem_types.plans import PLAN_AMOUNT_NOT_UNDERSTOOD
from intake.files.problem_types.plans import PLAN_LINE_NOT_UNDERSTOOD
from intake.files.problem_types.plans import PLAN_PERIOD_NOT_UNDERSTOOD
from intake.files.problem_types.plans import UPDATE_CODE_MISSING
from intake.files.problem_types.plans import UPDATE_CODE_UNKNOWN
from intake.files.problem_types.plans import UPDATE_DATE_INVALID
from intake.files.problem_types.plans import UPDATE_PROGRESS_INVALID
from intake.files.problem_types.plans import UPDATE_SPENT_INVALID
from intake.files.problem_types.plans import UPDATE_STATUS_UNKNOWN
from intake.files.problem_types.plans import UPDATES_COLUMN_MISSING
from intake.files.problem_types.plans import UPDATES_EMPTY
from intake.files.problem_types.plans import UPDATES_HEADER_MISSING
from intake.files.problem_types.stored import ALREADY_IMPORTED
from intake.files.problem_types.stored import BLANK_KEEPS_STORED
from intake.files.problem_types.stored import COMMENT_TOO_LONG
from intake.files.problem_types.stored import DASH_AS_ZERO
from intake.files.problem_types.stored import LARGE_CHANGE
from intake.files.problem_types.stored import LARGE_CHANGE_UNUSUAL
from intake.files.problem_types.stored import NO_VALUES
from intake.files.problem_types.stored import REPLACES_VALUE
from intake.files.problem_types.stored import REVERTED_BEFORE
from intake.files.problem_types.stored import VALUE_IGNORED_BY_STATUS
from intake.files.problem_types.targets import TARGETS_BASE_YEAR_AFTER_TARGET
from intake.files.problem_types.targets import TARGETS_COUNTY_NOT_STORED
from intake.files.problem_types.targets import TARGETS_DUPLICATE
from intake.files.problem_types.targets import TARGETS_EMPTY
from intake.files.problem_types.targets import TARGETS_INVALID_BASE_YEAR
from intake.files.problem_types.targets import TARGETS_INVALID_VALUE
from intake.files.problem_types.targets import TARGETS_INVALID_YEAR
from intake.files.problem_types.targets import TARGETS_MISSING_COLUMN
from intake.files.problem_types.targets import TARGETS_MUNICIPALITY_NOT_STORED
from intake.files.problem_types.targets import TARGETS_NO_OWNER
from intake.files.problem_types.targets import TARGETS_NONE
from intake.files.problem_types.targets import TARGETS_TWO_OWNERS
from intake.files.problem_types.targets import TARGETS_UNKNOWN_COLUMN
from intake.files.problem_types.targets import TARGETS_UNKNOWN_COUNTY
from intake.files.problem_types.targets import TARGETS_UNKNOWN_INDICATOR
from intake.files.problem_types.targets import TARGETS_UNKNOWN_MUNICIPALITY
from intake.files.problem_types.values import APPROXIMATE_NUMBER
from intake.files.problem_types.values import BAD_STATUS
from intake.files.problem_types.values import BOOLEAN_IN_VALUE
from intake.files.problem_types.values import DATE_IN_VALUE
from intake.files.problem_types.values import ERROR_IN_VALUE
from intake.files.problem_types.values import FORMULA_WITHOUT_VALUE
from intake.files.problem_types.values import LIMIT_NOT_NUMBER
from intake.files.problem_types.values import NOT_A_NUMBER
from intake.files.problem_types.values import NOT_FINITE
from intake.files.problem_types.values import OUT_OF_RANGE
from intake.files.problem_types.values import REPORTED_WITHOUT_VALUE

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
