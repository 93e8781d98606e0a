"""One error root: every domain error is an `i18n.Localised` raised with a message id.

Each package's errors carry an id of their `ERRORS` table and its parameters, never
sentences; the shell words any of them in the reader's language by `isinstance`, whatever
module raised it.
"""

from __future__ import annotations

import ast
import errno
import importlib
import inspect
import pkgutil
import re
import string
import sys
from pathlib import Path

import pytest

from database.errors import StoreError
from i18n import Localised
from i18n import Messages
from i18n import Text
from indicators.errors import os_reason
from miljomal.errors import describe

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import import_graph  # noqa: E402  (scripts/import_graph.py: the one list of packages)

# Every package but `i18n`, which holds the root itself.
DOMAIN = tuple(package for package in import_graph.PACKAGES if package != "i18n")
# Exceptions that are not errors a user reads from the domain: the shell's click exceptions
# (they carry a sentence already worded) and a safety check's internal signal.
NOT_DOMAIN = {"miljomal.cli", "intake.safety"}


def _modules() -> list[str]:
    names: list[str] = []
    for package in DOMAIN:
        module = importlib.import_module(package)
        names.append(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if "migrations" not in info.name and not info.name.endswith("__main__"):
                names.append(info.name)
    return names


def _exceptions() -> list[type[BaseException]]:
    found: list[type[BaseException]] = []
    for name in _modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == name
                and name not in NOT_DOMAIN
            ):
                found.append(value)
    return found


EXCEPTIONS = _exceptions()


def test_every_domain_error_is_localised() -> None:
    strays = [f"{e.__module__}.{e.__name__}" for e in EXCEPTIONS if not issubclass(e, Localised)]
    assert not strays, f"errors outside the one root (i18n.Localised): {strays}"


def test_error_class_names_are_unique() -> None:
    names = [e.__name__ for e in EXCEPTIONS]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    assert [e for e in EXCEPTIONS if e.__name__ == "StoreError"] == [StoreError]


def test_no_constructor_takes_two_sentences() -> None:
    for path in _product_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "__init__":
                names = {a.arg for a in [*node.args.posonlyargs, *node.args.args]}
                assert not names & {"message_sv", "message_en", "sv", "en"}, (
                    f"{path.relative_to(ROOT)}:{node.lineno}: a constructor takes sentences"
                )


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _tables() -> list[tuple[str, Messages]]:
    tables = {}
    for error in EXCEPTIONS:
        assert issubclass(error, Localised)
        tables[f"{error.__module__}.{error.__name__}"] = error.messages
    return sorted(tables.items())


@pytest.mark.parametrize("table", [t for _, t in _tables()], ids=[n for n, _ in _tables()])
def test_each_error_message_has_both_languages_with_the_same_placeholders(
    table: Messages,
) -> None:
    for key, text in table.items():
        assert text.sv.strip() or key.startswith("no-hint"), key
        assert _placeholders(text.sv) == _placeholders(text.en), key


def _product_files() -> list[Path]:
    return [
        path
        for package in DOMAIN
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def test_raise_sites_name_a_message_of_their_table() -> None:
    """``raise X("id", ...)``: a literal first argument is an id of X's table, not a sentence."""
    by_name = {e.__name__: e for e in EXCEPTIONS}
    wrong = []
    for path in _product_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            error = by_name.get(name or "")
            first = node.args[0]
            if error is None or not issubclass(error, Localised):
                continue
            if isinstance(first, ast.JoinedStr):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: a sentence built in code")
            elif (
                isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and first.value not in error.messages
            ):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {first.value!r}")
    assert not wrong, wrong


def test_a_message_id_is_worded_in_the_readers_language() -> None:
    from indicators.store import UploadNotFoundError

    error = UploadNotFoundError("upload-not-found", upload=17)
    assert error.key == "upload-not-found"
    assert error.message() == "ingen uppladdning har id 17"
    assert error.message("en") == str(error) == "no upload with id 17"
    assert error.as_text() == Text("ingen uppladdning har id 17", "no upload with id 17")


def test_a_text_parameter_is_worded_in_the_same_language() -> None:
    class Refused(Localised):
        messages = Messages({"refused": Text("{who} sa nej", "{who} said no")})

    error = Refused("refused", who=Text("länet", "the county"))
    assert (error.message("sv"), error.message("en")) == ("länet sa nej", "the county said no")


def test_describe_words_any_localised_error_by_isinstance() -> None:
    """A domain error is recognised by its root, not by the module that defines it."""

    class Elsewhere(Localised):
        messages = Messages({"odd": Text("något gick fel med {thing}", "{thing} went wrong")})

    Elsewhere.__module__ = "somewhere.else"
    error = Elsewhere("odd", thing="x")
    assert describe(error, "sv") == "något gick fel med x"
    assert describe(error, "en") == "x went wrong"


def test_the_errno_table_is_written_once() -> None:
    """Both the documents written and the shell's OSErrors read `indicators.errors`."""
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory", "ut/rapport.pdf")
    assert os_reason(missing).render("sv") == "mappen eller filen finns inte"
    assert os_reason(missing, writing=True).render("sv") == "mappen finns inte"
    assert describe(missing, "sv") == "ut/rapport.pdf: mappen eller filen finns inte"
    full = OSError(errno.ENOSPC, "No space left on device")
    assert os_reason(full).render("en") == "no space left on the device"
    errno_tables = [
        path.relative_to(ROOT)
        for path in _product_files()
        if re.search(r"errno\.ENOSPC\s*:", path.read_text(encoding="utf-8"))
    ]
    assert errno_tables == [Path("indicators/errors.py")]
