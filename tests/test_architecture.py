"""The layering docs/architecture.md draws is the one the code has, counted by `ast`.

The may-import table at the top of docs/architecture.md says which project packages each
package may import.  Every product module (migrations left out) is parsed, imports at the
top, under ``if TYPE_CHECKING`` and inside functions alike, and the test fails on

- an import of a project package the table does not allow;
- a cycle between packages, or between modules (``from package import module`` counts as
  an import of the package and of the module; the graph is scripts/import_graph.py's, which
  scripts/house_numbers.py counts with too);
- an import inside a function that is not a heavy library (or a project module that loads
  one at its top) with a ``# heavy: tests/...`` comment naming the test that needs it there;
- click or Flask imported by a domain package, click by the web shell;
- (`private_imports`) a product module importing another module's underscore name: a name
  other modules use is public and says so.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from import_graph import PACKAGES  # noqa: E402  (scripts/import_graph.py: the one package list and graph)
from import_graph import import_graphs  # noqa: E402  (scripts/import_graph.py: the one package list and graph)
from import_graph import imports_of  # noqa: E402  (scripts/import_graph.py: the one package list and graph)
from import_graph import product_modules  # noqa: E402  (scripts/import_graph.py: the one package list and graph)
from import_graph import strongly_connected  # noqa: E402  (scripts/import_graph.py: the one package list and graph)

# Libraries kept out of start-up paths (tests/test_startup_imports.py): the only imports that
# may sit inside a function, each with a comment naming the test that needs it there.
HEAVY = frozenset(
    {
        "defusedxml",
        "matplotlib",
        "openpyxl",
        "pandas",
        "python_calamine",
        "jinja2",
        "flask",
        "alembic",
        "sqlalchemy",
    }
)
WEB_LIBRARIES = frozenset({"flask", "flask_login", "flask_wtf", "flask_limiter", "werkzeug"})


def may_import_table(markdown: str) -> dict[str, set[str]]:
    """Package -> the project packages it may import, from the `| package | ... | may import |`
    table (`everything` means every package; `nothing of the project` none)."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"\|\s*package\s*\|", line))
    rows: dict[str, str] = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows[cells[0].strip("`/ ")] = cells[-1]
    table: dict[str, set[str]] = {}
    for package, cell in rows.items():
        named = set(re.findall(r"`(\w+)`", cell))
        table[package] = set(rows) - {package} if cell.startswith("everything") else named
    return table


def architecture_problems(
    root: Path,
    cli: frozenset[str] = frozenset({"miljomal"}),
    web: frozenset[str] = frozenset({"web"}),
) -> list[str]:
    """Every way the code breaks the table of docs/architecture.md, one line each.

    Only the ``cli`` shell imports click; only the shells import Flask.
    """
    table = may_import_table((root / "docs" / "architecture.md").read_text(encoding="utf-8"))
    modules = product_modules(root, sorted(table))
    known = set(modules)
    imports = [found for path in modules.values() for found in imports_of(root, path, known)]
    problems: list[str] = []

    graphs = import_graphs(imports, known, table)
    top_level: dict[str, set[str]] = defaultdict(set)  # what loading a module loads
    for found in imports:
        source = found.module.split(".")[0]
        for name in found.targets:
            target = name.split(".")[0]
            if not found.in_function:
                top_level[found.module].add(name)
            allowed = target not in table or target == source or target in table[source]
            if not allowed and name == found.targets[-1]:
                problems.append(
                    f"{found.module}:{found.line}: {source} may not import {name} "
                    "(docs/architecture.md's table)"
                )
            if target in ("click", *WEB_LIBRARIES) and source not in cli | web:
                problems.append(f"{found.module}:{found.line}: a domain package imports {target}")
            if target == "click" and source in web:
                problems.append(f"{found.module}:{found.line}: the web shell imports click")

    for cycle in strongly_connected(graphs.packages):
        problems.append("package cycle: " + " <-> ".join(cycle))
    for cycle in strongly_connected(graphs.modules):
        problems.append("module cycle: " + " <-> ".join(cycle))

    heavy_cache: dict[str, bool] = {}

    def loads_heavy(name: str, seen: frozenset[str] = frozenset()) -> bool:
        """Whether importing ``name`` (its packages and top-level imports) loads a heavy library."""
        if name.split(".")[0] not in table:
            return name.split(".")[0] in HEAVY
        if name in heavy_cache:
            return heavy_cache[name]
        if name in seen:
            return False
        parts = name.split(".")
        parents = [".".join(parts[:i]) for i in range(1, len(parts))]
        targets = [*parents, *top_level.get(name, ())]
        result = any(loads_heavy(t, seen | {name}) for t in targets)
        heavy_cache[name] = result
        return result

    for found in imports:
        if not found.in_function:
            continue
        where = f"{found.module}:{found.line}"
        named = found.targets[-1]  # `from package import module` names the module
        if not any(loads_heavy(target) for target in found.targets):
            problems.append(f"{where}: import of {named} inside a function: move it up")
        elif found.commented is None:
            problems.append(f"{where}: {named} inside a function without `# heavy: tests/…`")
        elif not (root / found.commented).is_file():
            problems.append(f"{where}: the `# heavy:` comment names no test: {found.commented}")
    return sorted(set(problems))


def test_the_code_keeps_the_layering_of_docs_architecture() -> None:
    assert architecture_problems(ROOT) == []


def test_one_list_names_every_package_everywhere() -> None:
    """scripts/import_graph.py's PACKAGES is the list: the table, the top-level folders and
    pyproject.toml (setuptools, ruff's first-party packages, mypy's files) name the same."""
    table = may_import_table((ROOT / "docs" / "architecture.md").read_text(encoding="utf-8"))
    assert set(table) == set(PACKAGES)
    assert {path.parent.name for path in ROOT.glob("*/__init__.py")} == set(PACKAGES)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    assert sorted(include) == sorted(f"{package}*" for package in PACKAGES)
    assert sorted(pyproject["tool"]["ruff"]["lint"]["isort"]["known-first-party"]) == sorted(
        PACKAGES
    )
    assert sorted(pyproject["tool"]["mypy"]["files"]) == sorted(PACKAGES)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


SHELL = frozenset({"shell"})
TABLE = """# Architecture

| package | what it holds | may import |
|---|---|---|
| `low/` | the bottom | nothing of the project |
| `high/` | on top of it | `low` |
| `shell/` | the command line | everything |

Rules follow.
"""


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    """A project of three packages that keeps its table: no problem found."""
    write(
        tmp_path,
        {
            "docs/architecture.md": TABLE,
            "tests/test_startup_imports.py": "",
            "low/__init__.py": "",
            "low/values.py": "import json\n\n\ndef value() -> int:\n    return 1\n",
            "low/charts.py": "import matplotlib\n",
            "high/__init__.py": "",
            "high/report.py": (
                "from low.values import value\n\n\ndef draw() -> None:\n"
                "    from low.charts import matplotlib  # heavy: tests/test_startup_imports.py\n"
            ),
            "shell/__init__.py": "",
            "shell/cli.py": "import click\n\nfrom high import report\nfrom low import values\n",
        },
    )
    assert architecture_problems(tmp_path, cli=SHELL) == []
    return tmp_path


def test_an_import_the_table_does_not_allow_fails(synthetic: Path) -> None:
    write(synthetic, {"low/values.py": "from shell import cli\n"})
    problems = architecture_problems(synthetic, cli=SHELL)
    assert "low.values:1: low may not import shell.cli (docs/architecture.md's table)" in problems
    assert "package cycle: high <-> low <-> shell" in problems


def test_a_cycle_through_an_import_inside_a_function_fails(synthetic: Path) -> None:
    write(synthetic, {"low/values.py": "def value() -> int:\n    from low import charts\n"})
    write(synthetic, {"low/charts.py": "from low.values import value\n"})
    problems = architecture_problems(synthetic, cli=SHELL)
    assert "module cycle: low.charts <-> low.values" in problems
    assert "package cycle: high <-> low" not in problems


def test_a_package_cycle_fails_even_when_the_table_allows_both(synthetic: Path) -> None:
    write(synthetic, {"docs/architecture.md": TABLE.replace("nothing of the project", "`high`")})
    write(synthetic, {"low/values.py": "def value() -> int:\n    from high import report\n"})
    problems = architecture_problems(synthetic, cli=SHELL)
    assert "package cycle: high <-> low" in problems
    assert "low.values:2: import of high.report inside a function: move it up" in problems


def test_an_import_inside_a_function_fails_unless_heavy_and_said(synthetic: Path) -> None:
    write(
        synthetic,
        {
            "high/report.py": (
                "def draw() -> None:\n"
                "    import json\n"
                "    from low.values import value\n"
                "    from low.charts import matplotlib\n"
                "    import pandas  # heavy: tests/test_missing.py\n"
            )
        },
    )
    assert architecture_problems(synthetic, cli=SHELL) == [
        "high.report:2: import of json inside a function: move it up",
        "high.report:3: import of low.values inside a function: move it up",
        "high.report:4: low.charts inside a function without `# heavy: tests/…`",
        "high.report:5: the `# heavy:` comment names no test: tests/test_missing.py",
    ]


def test_click_or_flask_in_a_domain_package_fails(synthetic: Path) -> None:
    write(synthetic, {"high/report.py": "import click\nfrom flask import g\n"})
    assert architecture_problems(synthetic, cli=SHELL) == [
        "high.report:1: a domain package imports click",
        "high.report:2: a domain package imports flask",
    ]


def private_imports(root: Path) -> list[str]:
    """Every `from module import _name` of a project module in a product module, one line each."""
    table = may_import_table((root / "docs" / "architecture.md").read_text(encoding="utf-8"))
    problems = []
    for module, path in product_modules(root, sorted(table)).items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            if node.module.split(".")[0] not in table:
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    problems.append(
                        f"{module}:{node.lineno}: imports {alias.name}, private to {node.module}"
                    )
    return sorted(problems)


def test_no_product_module_imports_another_modules_private_name() -> None:
    assert private_imports(ROOT) == []


def test_importing_another_modules_private_name_fails(synthetic: Path) -> None:
    assert private_imports(synthetic) == []
    write(
        synthetic,
        {
            "low/values.py": "def _value() -> int:\n    return 1\n",
            "high/report.py": "from json import _default_decoder\nfrom low.values import _value\n",
        },
    )
    assert private_imports(synthetic) == ["high.report:2: imports _value, private to low.values"]
