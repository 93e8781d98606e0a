"""The numbers issue 23 ("the house") is judged by, measured the same way every time.

    .venv/bin/python scripts/house_numbers.py [--json]

Counts, over the product packages (migrations left out): import statements and those inside
functions (and of those, the project's own modules); package and module import cycles,
counting imports inside functions; inline ``lang == ...`` branches outside ``i18n``; error
constructors that take two sentences (``message_en``); functions typed ``lang: str``; the
largest modules. Nothing here changes code; it prints a table (or JSON) to compare before
and after a change.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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
LANG_BRANCH = re.compile(r"""\blang(?:uage)?\s*==\s*["'](?:en|sv)["']""")


def product_files() -> list[Path]:
    """Every product module, migrations left out."""
    files: list[Path] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                files.append(path)
    return files


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """The absolute module names an import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    assert isinstance(node, ast.ImportFrom)
    if node.level:
        base = module.split(".")
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
        prefix = ".".join(base)
        target = f"{prefix}.{node.module}" if node.module else prefix
    else:
        target = node.module or ""
    # `from package import module` names a module too: count both, the graph keeps the known.
    return [target, *(f"{target}.{alias.name}" for alias in node.names)]


def imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, inside a function?) for every import statement of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = module_name(path)
    is_package = path.name == "__init__.py"
    found: list[tuple[str, bool]] = []

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                if isinstance(child, ast.ImportFrom) and child.module == "__future__":
                    continue
                for name in _imported(child, module, is_package):
                    found.append((name, in_function))
                found.append(("<statement>", in_function))
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            walk(child, inner)

    walk(tree, False)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = 0
    sys.setrecursionlimit(10000)

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
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


def measure() -> dict[str, object]:
    files = product_files()
    modules = {module_name(path) for path in files}
    statements = in_function = own_in_function = 0
    module_graph: dict[str, set[str]] = defaultdict(set)
    package_graph: dict[str, set[str]] = defaultdict(set)
    lang_branches = 0
    two_sentence_constructors = 0
    lang_str = 0
    sizes: list[tuple[int, str]] = []
    for path in files:
        module = module_name(path)
        text = path.read_text(encoding="utf-8")
        sizes.append((text.count("\n"), str(path.relative_to(ROOT))))
        if not module.startswith("i18n"):
            lang_branches += len(LANG_BRANCH.findall(text))
        two_sentence_constructors += len(re.findall(r"def __init__\(self, message_(?:en|sv)", text))
        lang_str += len(re.findall(r"\blang: str\b", text))
        names = imports(path)
        own_statement = False
        for name, inside in names:
            if name == "<statement>":
                statements += 1
                in_function += inside
                own_in_function += inside and own_statement
                own_statement = False
                continue
            if name in modules:
                own_statement = True
                if name != module:
                    module_graph[module].add(name)
                    source, target = module.split(".")[0], name.split(".")[0]
                    if source != target:
                        package_graph[source].add(target)
    sizes.sort(reverse=True)
    return {
        "import statements": statements,
        "inside functions": in_function,
        "inside functions, of the project's modules": own_in_function,
        "package cycles": cycles(package_graph),
        "module cycles": cycles(module_graph),
        "lang == branches outside i18n": lang_branches,
        "constructors taking two sentences": two_sentence_constructors,
        "parameters typed lang: str": lang_str,
        "largest modules (lines)": sizes[:8],
        "modules in indicators/ (top level)": len(list((ROOT / "indicators").glob("*.py"))),
        "nice_ticks present": "def nice_ticks" in "".join(p.read_text() for p in files),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    options = parser.parse_args()
    numbers = measure()
    if options.json:
        print(json.dumps(numbers, ensure_ascii=False, indent=2))
        return
    for key, value in numbers.items():
        if isinstance(value, list):
            print(f"{key}: {len(value)}")
            for item in value:
                shown = " <-> ".join(item) if isinstance(item[0], str) else f"{item[0]} {item[1]}"
                print(f"    {shown}")
        else:
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
