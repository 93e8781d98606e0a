"""The declared problem types: the documentation is generated from them, every type is
reported somewhere, and the product reports no problem but through one of them."""

from __future__ import annotations

import ast
import functools
import re
import string
import sys
from pathlib import Path

import pytest

from i18n import Text
from indicators import gate
from indicators.problems import ERROR
from indicators.problems import WARNING
from indicators.problems import ProblemReport
from indicators.problems import ProblemType
from intake.files import problem_types
from intake.files.problem_types import FILES
from intake.files.problem_types import PROBLEM_TYPES
from intake.files.problem_types import VALUES
from intake.files.problem_types import problem_type

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import make_problem_table  # noqa: E402
from import_graph import PACKAGES  # noqa: E402

# Every package of the product and the benchmarks; the tests and scripts may write problems of
# their own.
PRODUCT = [*PACKAGES, "benchmarks"]
DECLARED_IN = ROOT / "intake" / "files" / "problem_types"  # the package that declares them


@functools.cache
def _sources() -> list[tuple[Path, ast.Module]]:
    """Every product module parsed, once per run (two tests walk them; neither changes them)."""
    found = []
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            found.append((path, ast.parse(path.read_text(encoding="utf-8"), str(path))))
    return found


def _placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_docs_import_md_holds_the_generated_tables() -> None:
    doc = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    assert doc == make_problem_table.with_tables(doc), (
        "docs/import.md differs from intake/files/problem_types/; run "
        ".venv/bin/python scripts/make_problem_table.py"
    )


def test_each_type_has_a_code_a_severity_and_both_languages() -> None:
    first: dict[tuple[str, str], ProblemType] = {}
    for kind in PROBLEM_TYPES:
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", kind.code)
        assert kind.severity in (ERROR, WARNING)
        if kind.group in (VALUES, FILES):  # the import's codes, documented in docs/import.md
            assert kind.meaning is not None and kind.meaning.sv and kind.meaning.en
            assert kind.meaning.sv != kind.meaning.en
        # Types of one code in one group are one problem said in different places.
        same = first.setdefault((kind.group, kind.code), kind)
        assert (same.severity, same.meaning) == (kind.severity, kind.meaning), kind.code
        for text in (kind.message, kind.web):
            if text is None:
                continue
            assert text.sv and text.en and text.sv != text.en, kind.code
            # The same facts in both languages (a fact worded for one ends in _sv or _en).
            sv = {name for name in _placeholders(text.sv) if not name.endswith(("_sv", "_en"))}
            en = {name for name in _placeholders(text.en) if not name.endswith(("_sv", "_en"))}
            assert sv == en, kind.code


def test_a_type_says_its_sentence_with_its_facts_and_keeps_them() -> None:
    report = ProblemReport(file="data.csv")
    problem = report.add(
        problem_types.BAD_YEAR, row=3, column="År", text="'20x4'", why=Text("sv", "en")
    )
    assert (problem.severity, problem.code) == (ERROR, "bad-year")
    assert problem.message("sv") == "'20x4' är inget årtal; väntat ett år som 2024."
    assert problem.message("en") == "'20x4' is not a year; expected a year such as 2024."
    assert dict(problem.params) == {"text": "'20x4'"}  # a piece of a sentence is not a fact
    with pytest.raises(ValueError, match="said"):
        report.add(problem_types.NOT_A_REGULAR_FILE)


def test_every_declared_type_is_reported_somewhere() -> None:
    """Each type is named by some product module (as `types.X` or imported by name)."""
    named: set[str] = set()
    for path, tree in _sources():
        if DECLARED_IN in path.parents:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id in ("types", "problem_types"):
                    named.add(node.attr)
            elif isinstance(node, ast.ImportFrom) and node.module == problem_types.__name__:
                named.update(alias.name for alias in node.names)
    # By object: a name counts when it is the declared type itself.
    used = {id(getattr(problem_types, name)) for name in named if hasattr(problem_types, name)}
    used |= {id(problem_type(code)) for code in _carried()}
    by_name = {
        name: value for name, value in vars(problem_types).items() if isinstance(value, ProblemType)
    }
    unused = sorted(name for name, kind in by_name.items() if id(kind) not in used)
    assert unused == []
    assert len(by_name) == len(PROBLEM_TYPES) > 100


def test_the_product_reports_problems_only_through_declared_types() -> None:
    """No module builds a type of its own or reports a code and sentences written inline."""
    inline: list[str] = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name == "ProblemType" and DECLARED_IN not in path.parents:
                inline.append(where)
            first = node.args[0] if node.args else None
            if (
                name in ("error", "warning", "add")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", first.value)
            ):
                inline.append(where)
    assert inline == []


def _carried() -> list[str]:
    """The codes an exception (a `ReadError`), a value's reading or the write gate carries
    to a report: each is reported as the import's type of that code (`problem_type`)."""
    from intake import values
    from intake.files import entry
    from intake.files import limits
    from intake.files import text

    return [
        entry.NOT_A_REGULAR_FILE,
        entry.FILE_TOO_LARGE,
        entry.UNREADABLE_FILE,
        entry.ReadError.code,
        limits.TOO_MANY_CELLS,
        text.UNKNOWN_ENCODING,
        text.BINARY_CONTENT,
        text.UNCLOSED_QUOTE,
        # The gate's refusals an import reports (locked and approved are validation's own).
        gate.WINDOW_NOT_OPEN,
        gate.WINDOW_CLOSED,
        values.NOT_A_NUMBER,
        values.NOT_FINITE,
        values.DATE_IN_VALUE,
        values.BOOLEAN_IN_VALUE,
        values.FORMULA_WITHOUT_VALUE,
        values.REPORTED_WITHOUT_VALUE,
        values.BAD_STATUS,
        values.ERROR_IN_VALUE,
        values.DASH_AS_ZERO,
        values.VALUE_IGNORED,
    ]


def test_codes_that_exceptions_and_the_gate_carry_are_declared() -> None:
    for code in _carried():
        assert problem_type(code).code == code
