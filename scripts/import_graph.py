"""The product's packages and its import graph, read with `ast`: the one copy of both.

scripts/house_numbers.py counts with it and tests/test_architecture.py checks the layering
with it (both put this folder on ``sys.path``); tests/test_thin_commands.py,
tests/test_error_messages.py and tests/test_problem_types.py scan the packages it lists, and
tests/test_architecture.py checks that docs/architecture.md's table, pyproject.toml and the
top-level folders name the same packages.  Only the standard library: the script runs
without the project installed.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

# Every top-level package of the distribution, lowest layer first (docs/architecture.md).
PACKAGES = (
    "i18n",
    "database",
    "municipalities",
    "indicators",
    "intake",
    "kolada",
    "review",
    "reports",
    "plan",
    "accounts",
    "miljomal",
    "web",
)
# An import inside a function names the test that keeps it there: `# heavy: tests/x.py`.
HEAVY_COMMENT = re.compile(r"#\s*heavy:\s*(tests/\S+\.py)")


@dataclass(frozen=True)
class Import:
    """One import statement of a product module."""

    module: str  # the importing module
    targets: tuple[str, ...]  # the modules or top-level names the statement imports
    line: int
    in_function: bool
    commented: str | None  # the test a `# heavy:` comment names


def module_name(root: Path, path: Path) -> str:
    """The dotted name of the module at ``path`` (a package's ``__init__`` is the package)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def product_modules(root: Path, packages: tuple[str, ...] | list[str]) -> dict[str, Path]:
    """Module name -> file of every module of the packages, migrations left out."""
    modules: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" not in path.relative_to(root).parts:
                modules[module_name(root, path)] = path
    return modules


def imports_of(root: Path, path: Path, known: set[str]) -> list[Import]:
    """Every import statement of a module, with what it names.

    ``from package import module`` names the package and, when it is one of ``known``, the
    module too; imports at the top, under ``if TYPE_CHECKING`` and inside functions alike.
    """
    module = module_name(root, path)
    is_package = path.name == "__init__.py"
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Import] = []

    def comment(node: ast.stmt) -> str | None:
        # The comment stands on the statement or on the line above its block of imports
        # (one name per import line: a block of several lines shares one comment).
        start = node.lineno - 1
        while start > 0 and lines[start - 1].lstrip().startswith(("from ", "import ")):
            start -= 1
        text = "\n".join(lines[max(start - 1, 0) : node.end_lineno])
        match = HEAVY_COMMENT.search(text)
        return match.group(1) if match else None

    def names(node: ast.Import | ast.ImportFrom) -> list[str]:
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        if node.level:
            base = module.split(".")
            if not is_package:
                base = base[:-1]
            if node.level > 1:
                base = base[: len(base) - (node.level - 1)]
            target = ".".join([*base, node.module] if node.module else base)
        else:
            target = node.module or ""
        submodules = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known]
        return [target, *submodules]

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                if isinstance(child, ast.ImportFrom) and child.module == "__future__":
                    continue
                targets = tuple(names(child))
                found.append(Import(module, targets, child.lineno, in_function, comment(child)))
            walk(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    walk(ast.parse("\n".join(lines)), False)
    return found


class Graphs(NamedTuple):
    """Who imports whom, counting imports inside functions: modules, and top-level packages."""

    modules: dict[str, set[str]]
    packages: dict[str, set[str]]


def import_graphs(imports: list[Import], known: set[str], packages: Iterable[str]) -> Graphs:
    """The module graph (edges between ``known`` modules) and the package graph (edges
    between different ``packages``) of the import statements."""
    product = set(packages)
    modules: dict[str, set[str]] = defaultdict(set)
    package_graph: dict[str, set[str]] = defaultdict(set)
    for found in imports:
        source = found.module.split(".")[0]
        for name in found.targets:
            target = name.split(".")[0]
            if target in product and source != target:
                package_graph[source].add(target)
            if name in known and name != found.module:
                modules[found.module].add(name)
    return Graphs(modules, package_graph)


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """The cycles of a graph: its strongly connected components of more than one node."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(result)
