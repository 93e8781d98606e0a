"""Turning any exception into the one line a user reads after `Fel:` (`Error:`)."""

from __future__ import annotations

from pathlib import Path

from i18n import Lang
from i18n import Localised
from indicators.errors import os_reason
from miljomal.messages import MESSAGES


def describe(exc: BaseException, lang: Lang = "en") -> str:
    """One readable line for an exception; database errors are shortened to their cause.

    Domain errors (`i18n.Localised`, the root of every package's errors) speak the reader's.
    """
    # heavy: tests/test_startup_imports.py
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, OperationalError | DBAPIError):
        return MESSAGES("database-error", lang, cause=_first_line(exc))
    if isinstance(exc, SQLAlchemyError):
        return MESSAGES("database-error-short", lang, cause=_first_line(exc))
    text = str(exc).strip()
    if not text:
        return type(exc).__name__
    if isinstance(exc, OSError) and exc.filename is not None:
        return _os_error(exc, lang)
    if isinstance(exc, Localised):
        return exc.message(lang)
    if isinstance(exc, OSError | ValueError):
        return text.splitlines()[0] if "\n" not in text[:300] else text
    return MESSAGES("unexpected", lang, kind=type(exc).__name__, text=text.splitlines()[0])


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _os_error(exc: OSError, lang: Lang) -> str:
    """`rapporter/lan.pdf: mappen eller filen finns inte`, naming the file the user gave.

    Documents are written through a temporary `NAME.part` or `.miljomal-*` file beside the
    target; the user never named those, so the message names the target or its folder.
    """
    path = Path(str(exc.filename))
    if path.name.endswith(".part"):
        path = path.with_name(path.name.removesuffix(".part"))
    elif path.name.startswith(".miljomal-"):
        path = path.parent
    return f"{path}: {os_reason(exc).render(lang)}"
