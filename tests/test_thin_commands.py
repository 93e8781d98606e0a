"""The command layer stays a thin shell: no language branches, no JSON built inline.

Every sentence a command prints comes from a message table (`miljomal/messages.py` or a
command module's own `TEXTS`), and every `--json` document from a domain result's
`to_dict()` (or a domain `*_to_dict` function), so the portal can show the same results.
No product package chooses a language inline either: its words are in a `Messages` table,
and a field is chosen with `i18n.pick` (issue 23).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from i18n import Messages
from i18n import pick
from i18n import pick_lang
from miljomal import messages

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import import_graph  # noqa: E402  (scripts/import_graph.py: the one list of packages)

COMMANDS = sorted((ROOT / "miljomal" / "commands").glob("*.py"))
# Every product package; `i18n`, the one place that chooses between Swedish and English, is not.
PACKAGES = tuple(package for package in import_graph.PACKAGES if package != "i18n")
SOURCES = sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))
# Modules holding message tables, besides the command modules' own `TEXTS`.
MESSAGE_MODULES = (
    "database.errors",
    "indicators.messages",
    "intake.messages",
    "municipalities.messages",
    "reports.messages",
    "plan.messages",
    "plan.texts",
)

# A language chosen inline: `lang` (or `language`) compared with "sv" or "en" by equality or
# inequality, a dict keyed by "sv", or a table indexed by `[lang]`.
LANGUAGE_BRANCH = re.compile(
    r"""(lang(uage)?\s*[!=]=\s*["'](sv|en)["'])|(["']sv["']\s*:\s*)|(\]\[lang(uage)?\])"""
)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", SOURCES, ids=_name)
def test_no_package_chooses_a_language_inline(path: Path) -> None:
    found = [
        (number, line.strip())
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LANGUAGE_BRANCH.search(line)
    ]
    assert not found, f"{_name(path)}: language chosen inline, use a message table: {found}"


def test_the_check_covers_every_product_package() -> None:
    """A new package is scanned too: every top-level folder with an __init__.py but i18n."""
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert packages - {"i18n"} <= set(PACKAGES)


def test_one_rule_decides_the_language_for_cli_portal_and_api() -> None:
    """`pick_lang`: the first source given decides; anything but English is Swedish."""
    assert pick_lang("en", "sv") == "en"  # --lang en over $MILJOMAL_LANG=sv
    assert pick_lang(None, "en") == "en"  # no ?lang=: the token's user's setting
    assert pick_lang("", None) == "sv"
    assert pick_lang("se") == "sv"
    assert pick_lang() == "sv"
    assert pick("en", "Ekologisk odling", "Organic farming") == "Organic farming"
    assert pick("sv", "Ekologisk odling", "Organic farming") == "Ekologisk odling"


def _json_arguments(path: Path) -> list[tuple[int, ast.expr]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "echo_json"
        and node.args
    ]


def _built_inline(expr: ast.expr) -> bool:
    """A dict display, or a list display/comprehension whose items are dict displays."""
    if isinstance(expr, ast.Dict):
        return True
    if isinstance(expr, ast.ListComp | ast.SetComp | ast.GeneratorExp):
        return isinstance(expr.elt, ast.Dict)
    if isinstance(expr, ast.List):
        return any(isinstance(item, ast.Dict) for item in expr.elts)
    return False


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: p.name)
def test_commands_build_no_json_inline(path: Path) -> None:
    inline = [line for line, expr in _json_arguments(path) if _built_inline(expr)]
    assert not inline, f"{path.name}: JSON built inline at lines {inline}; use a to_dict()"


def _tables() -> list[tuple[str, Messages]]:
    import importlib

    found = [("miljomal.messages", messages.MESSAGES)]
    for name in MESSAGE_MODULES:
        module = importlib.import_module(name)
        found += [
            (f"{name}.{attribute}", table)
            for attribute, table in vars(module).items()
            if isinstance(table, Messages)
        ]
    for path in COMMANDS:
        module = importlib.import_module(f"miljomal.commands.{path.stem}")
        table = getattr(module, "TEXTS", None)
        if isinstance(table, Messages):
            found.append((module.__name__, table))
    return found


def test_every_message_has_both_languages_with_the_same_placeholders_and_columns() -> None:
    field = re.compile(r"{(\w*)")
    for where, table in _tables():
        for key, text in table.items():
            assert text.sv.strip() and text.en.strip(), f"{where}: {key} lacks a language"
            assert set(field.findall(text.sv)) == set(field.findall(text.en)), (where, key)
            assert text.sv.count("|") == text.en.count("|"), f"{where}: {key} columns differ"


def test_columns_and_words_render_in_the_readers_language() -> None:
    assert messages.columns("years-columns", "sv") == ("år", "låst", "när", "av vem")
    assert messages.columns("years-columns", "en") == ("year", "locked", "when", "by")
    assert messages.columns("national-columns", "sv", county="22")[-1] == "län 22"
    assert messages.word("status", "not-applicable", "sv") == "ej tillämpligt"
    assert messages.word("status", "something-new", "sv") == "something-new"
