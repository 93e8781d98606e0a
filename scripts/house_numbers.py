"""The numbers issue 23 ("the house") is judged by, measured the same way every time.

    .venv/bin/python scripts/house_numbers.py [--json]

Counts, over the product packages (migrations left out): import statements and those inside
functions (and of those, the project's own modules); package and module import cycles,
counting imports inside functions; inline language branches (``lang`` compared with a
language's code) outside ``i18n``; error constructors that take two sentences (one per
language); functions typed ``lang: str``; the largest modules. Nothing here changes code; it
prints a table (or JSON) to compare before and after a change.  The packages and the import
graph are scripts/import_graph.py's, the same tests/test_architecture.py checks the layering
with.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from import_graph import PACKAGES  # scripts/import_graph.py, beside this file
from import_graph import import_graphs  # scripts/import_graph.py, beside this file
from import_graph import imports_of  # scripts/import_graph.py, beside this file
from import_graph import product_modules  # scripts/import_graph.py, beside this file
from import_graph import strongly_connected  # scripts/import_graph.py, beside this file

ROOT = Path(__file__).resolve().parents[1]
LANG_BRANCH = re.compile(r"""\blang(?:uage)?\s*==\s*["'](?:en|sv)["']""")


def measure() -> dict[str, object]:
    modules = product_modules(ROOT, PACKAGES)
    known = set(modules)
    imports = [found for path in modules.values() for found in imports_of(ROOT, path, known)]
    graphs = import_graphs(imports, known, PACKAGES)
    inside = [found for found in imports if found.in_function]
    lang_branches = 0
    two_sentence_constructors = 0
    lang_str = 0
    sizes: list[tuple[int, str]] = []
    texts: list[str] = []
    for module, path in modules.items():
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        sizes.append((text.count("\n"), str(path.relative_to(ROOT))))
        if not module.startswith("i18n"):
            lang_branches += len(LANG_BRANCH.findall(text))
        two_sentence_constructors += len(re.findall(r"def __init__\(self, message_(?:en|sv)", text))
        lang_str += len(re.findall(r"\blang: str\b", text))
    sizes.sort(reverse=True)
    return {
        "import statements": len(imports),
        "inside functions": len(inside),
        "inside functions, of the project's modules": sum(
            any(name in known for name in found.targets) for found in inside
        ),
        "package cycles": strongly_connected(graphs.packages),
        "module cycles": strongly_connected(graphs.modules),
        "inline language branches outside i18n": lang_branches,
        "constructors taking two sentences": two_sentence_constructors,
        "parameters typed lang: str": lang_str,
        "largest modules (lines)": sizes[:8],
        "modules in indicators/ (top level)": len(list((ROOT / "indicators").glob("*.py"))),
        "nice_ticks present": "def nice_ticks" in "".join(texts),
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
