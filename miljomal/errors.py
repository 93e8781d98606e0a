"""Turning any exception into the one line a user reads after `Fel:` (`Error:`)."""

from __future__ import annotations

import errno
from pathlib import Path

from i18n import Lang, Text
from miljomal.messages import MESSAGES

# What went wrong with a file, in the reader's words (strerror is English and technical).
_OS_REASONS = {
    errno.ENOENT: ("mappen eller filen finns inte", "no such file or folder"),
    errno.EACCES: ("åtkomst nekad", "permission denied"),
    errno.EPERM: ("åtkomst nekad", "permission denied"),
    errno.EROFS: ("skrivskyddat filsystem", "read-only file system"),
    errno.ENOSPC: ("disken är full", "no space left on the device"),
    errno.EISDIR: ("är en mapp", "is a folder"),
    errno.ENOTDIR: ("en del av sökvägen är ingen mapp", "part of the path is not a folder"),
    # mkdir(parents=True) says this when a part of the path is a file
    errno.EEXIST: ("en del av sökvägen är ingen mapp", "part of the path is not a folder"),
}


def describe(exc: BaseException, lang: Lang = "en") -> str:
    """One readable line for an exception; database errors are shortened to their cause.

    Domain errors that know both languages (they have ``message(lang)``) speak the reader's.
    """
    # heavy: tests/test_startup_imports.py
    from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

    if isinstance(exc, OperationalError | DBAPIError):
        return MESSAGES("database-error", lang, cause=_first_line(exc))
    if isinstance(exc, SQLAlchemyError):
        return MESSAGES("database-error-short", lang, cause=_first_line(exc))
    text = str(exc).strip()
    if not text:
        return type(exc).__name__
    if isinstance(exc, OSError) and exc.filename is not None:
        return _os_error(exc, lang)
    message = getattr(exc, "message", None)
    if _is_domain_error(exc) and callable(message):
        return message(lang)
    if _is_domain_error(exc) or isinstance(exc, OSError | ValueError):
        return text.splitlines()[0] if "\n" not in text[:300] else text
    return MESSAGES("unexpected", lang, kind=type(exc).__name__, text=text.splitlines()[0])


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _is_domain_error(exc: BaseException) -> bool:
    module = type(exc).__module__.split(".")[0]
    return module in {
        "miljomal",
        "database",
        "municipalities",
        "indicators",
        "intake",
        "kolada",
        "review",
        "reports",
        "plan",
        "accounts",
    }


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
    sv, en = _OS_REASONS.get(exc.errno or 0, (exc.strerror, exc.strerror))
    return f"{path}: {Text(sv or '', en or '').render(lang)}"
