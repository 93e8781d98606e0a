"""The one table of problem types: the documentation is generated from it, and every code
the import modules report is declared in it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from intake.files.problem_types import BY_CODE, ERROR, PROBLEM_TYPES, WARNING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import make_problem_table  # noqa: E402

# The modules an import runs through; each reports problems with a literal code.
IMPORT_MODULES = [
    "intake/importer.py",
    "intake/safety.py",
    "intake/layouts.py",
    "intake/values.py",
    "intake/validation.py",
    *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "indicators" / "files").glob("*.py"))),
]
_REPORTED = re.compile(
    r"(?:\.error|\.warning|_place_error|_place_warning|reject|TextProblem|ReadError)\("
    r"[^()]*?\bcode=\"([a-z]+(?:-[a-z0-9]+)+)\"|"
    r"(?:\.error|\.warning|_place_error|_place_warning|reject)\(\s*(?:[\w.]+,\s*){0,2}"
    r"\"([a-z]+(?:-[a-z0-9]+)+)\""
)
_CONSTANT = re.compile(r"^([A-Z][A-Z_]+) = \"([a-z]+(?:-[a-z0-9]+)+)\"", re.MULTILINE)
# Layout markers, outcomes and statuses that are written like codes but are no problems.
_NOT_PROBLEM_CODES = {"miljomal-template", "dry-run", "rolled-back", "not-applicable"}


def test_docs_import_md_holds_the_generated_tables() -> None:
    doc = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    assert doc == make_problem_table.with_tables(doc), (
        "docs/import.md differs from intake/files/problem_types.py; run "
        ".venv/bin/python scripts/make_problem_table.py"
    )


def test_each_code_is_declared_once_with_a_severity_and_both_languages() -> None:
    codes = [problem.code for problem in PROBLEM_TYPES]
    assert len(codes) == len(set(codes))
    for problem in PROBLEM_TYPES:
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", problem.code)
        assert problem.severity in (ERROR, WARNING)
        assert problem.sv and problem.en and problem.sv != problem.en


def test_every_code_the_import_reports_is_declared() -> None:
    found: dict[str, str] = {}
    for module in IMPORT_MODULES:
        source = (ROOT / module).read_text(encoding="utf-8")
        for match in _REPORTED.finditer(source):
            found.setdefault(match.group(1) or match.group(2), module)
        for _name, code in _CONSTANT.findall(source):
            found.setdefault(code, module)
    assert len(found) > 40  # the scan sees the modules' codes at all
    undeclared = {
        code: module
        for code, module in found.items()
        if code not in BY_CODE and code not in _NOT_PROBLEM_CODES
    }
    assert undeclared == {}
