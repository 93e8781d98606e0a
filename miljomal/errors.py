"""Turning any exception into the one line a user reads after `Error:`."""

from __future__ import annotations


def describe(exc: BaseException) -> str:
    """One readable line for an exception; database errors are shortened to their cause."""
    try:
        from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
    except ImportError:  # pragma: no cover - sqlalchemy is a dependency
        return str(exc) or type(exc).__name__
    if isinstance(exc, OperationalError):
        return f"database error: {_first_line(exc)}; nothing was written"
    if isinstance(exc, DBAPIError):
        return f"database error: {_first_line(exc)}; nothing was written"
    if isinstance(exc, SQLAlchemyError):
        return f"database error: {_first_line(exc)}"
    text = str(exc).strip()
    if not text:
        return type(exc).__name__
    if _is_domain_error(exc) or isinstance(exc, OSError | ValueError):
        return text.splitlines()[0] if "\n" not in text[:300] else text
    return f"{type(exc).__name__}: {text.splitlines()[0]} (set MILJOMAL_DEBUG=1 for details)"


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _is_domain_error(exc: BaseException) -> bool:
    module = type(exc).__module__.split(".")[0]
    return module in {"miljomal", "municipalities", "indicators", "reports", "plan"}
