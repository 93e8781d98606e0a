"""What every template may use: messages, the language, numbers, statuses and the nav."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask import request
from flask import url_for
from flask_login import current_user

from i18n import render_stored
from indicators.numbers import display_round
from indicators.numbers import format_number
from indicators.records import shown_state
from web.text import lang
from web.text import problem_message
from web.text import say
from web.text import say_count


@dataclass(frozen=True)
class NavItem:
    """One link of the navigation bar."""

    label: str
    url: str
    active: bool


def helpers() -> dict[str, Any]:
    """The names templates get: ``_``, ``lang``, ``number``, ``shown``, ``nav``..."""
    return {
        "_": say,
        "_n": say_count,
        "problem": problem_message,
        "lang": lang(),
        "number": number,
        "shown": shown,
        "nav": nav_items,
        "max_megabytes": max_megabytes,
        "valid_range": valid_range,
        "state": state,
        "stored": stored_text,
    }


def stored_text(text: str | None) -> str:
    """A text the system stored as a code (a revert upload's name) in the reader's language."""
    return render_stored(text, lang())


def state(value: float | None, status: str | None) -> str:
    """A value and status from the history: the number, `..`, `.`, or empty before creation."""
    return shown_state(value, status, lang())


def valid_range(low: float | None, high: float | None) -> str:
    """The valid values of an indicator for the form: `0–100`, `≥ 0` or no limits."""
    if low is not None and high is not None:
        return say("range", range=f"{number(low)}–{number(high)}")
    if low is not None:
        return say("range", range=f"≥ {number(low)}")
    if high is not None:
        return say("range", range=f"≤ {number(high)}")
    return say("range-any")


def number(value: float | None, decimals: int | None = None) -> str:
    """A number for a reader: decimal comma and space between thousands (in Swedish)."""
    return format_number(value, decimals, lang())


def shown(stored: Any, decimals: int | None = None) -> str:
    """A stored value as the official writes it: the number, ``..`` or ``.``."""
    if stored is None:
        return ""
    if stored.status == "missing":
        return ".."
    if stored.status == "not-applicable":
        return "."
    return number(stored.value, decimals)


def max_megabytes() -> str:
    """The upload size limit in megabytes."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return number(float(display_round(limit / 1024 / 1024, 2)))


def nav_items() -> list[NavItem]:
    """The links for the logged-in user's role; empty before login.

    A reporter gets Min kommun, Ladda upp, Fyll i direkt and Historik for the municipality
    in view (else their first).  County and admin users get the list of municipalities
    first; a blueprint that adds pages for a role appends ``(role, label, endpoint)`` to
    ``app.extensions["miljomal_nav"]`` (the county board's pages will).
    """
    if not current_user.is_authenticated:
        return []
    user = current_user.account
    endpoint = request.endpoint or ""
    items: list[NavItem] = []
    if user.role != "reporter":
        items.append(
            NavItem(say("nav-municipalities"), url_for("reporting.home"), endpoint.endswith("home"))
        )
        for role, label, target in current_app.extensions.get("miljomal_nav", []):
            if role == user.role:
                items.append(NavItem(label, url_for(target), endpoint == target))
    code = (request.view_args or {}).get("code")
    if code is None and user.municipality_codes:
        code = user.municipality_codes[0]
    if code is not None:
        for key, target in (
            ("nav-home", "reporting.overview"),
            ("nav-upload", "reporting.upload"),
            ("nav-form", "reporting.form"),
            ("nav-history", "reporting.history"),
        ):
            items.append(NavItem(say(key), url_for(target, code=code), endpoint == target))
    return items
