"""Errors of the municipality registry: one root, a message in Swedish and in English."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from i18n import Lang
from municipalities.messages import MESSAGES


class RegistryError(Exception):
    """Root of registry errors; ``str()`` is the English line, ``message_sv`` the Swedish one."""

    def __init__(self, message_en: str, message_sv: str | None = None) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_sv = message_sv or message_en

    def message(self, lang: Lang = "sv") -> str:
        """The message in the given language (``sv`` or ``en``)."""
        return self.message_en if lang == "en" else self.message_sv


def _did_you_mean(suggestions: Sequence[str], lang: Lang) -> str:
    if not suggestions:
        return ""
    listed = ", ".join(suggestions)
    return MESSAGES("did-you-mean", lang, listed=listed)


class UnknownMunicipality(RegistryError, LookupError):
    """A value names no Swedish municipality; carries up to three close names."""

    def __init__(self, value: Any, suggestions: Sequence[str] = ()) -> None:
        self.value = value
        self.suggestions = list(suggestions)
        super().__init__(
            f"unknown municipality {_shown(value)}{_did_you_mean(self.suggestions, 'en')}",
            f"okänd kommun {_shown(value)}{_did_you_mean(self.suggestions, 'sv')}",
        )


class UnknownCounty(RegistryError, LookupError):
    """A value names no Swedish county; carries up to three close names."""

    def __init__(self, value: Any, suggestions: Sequence[str] = ()) -> None:
        self.value = value
        self.suggestions = list(suggestions)
        super().__init__(
            f"unknown county {_shown(value)}{_did_you_mean(self.suggestions, 'en')}",
            f"okänt län {_shown(value)}{_did_you_mean(self.suggestions, 'sv')}",
        )


class RegistryNotLoaded(RegistryError):
    """The store has no registry rows yet."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"municipality {code} is not in the store; run `miljomal init` first",
            f"kommun {code} finns inte i databasen; kör `miljomal init` först",
        )


class InvalidYear(RegistryError, ValueError):
    """A SEkom membership year outside any plausible range."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"{year} is not a plausible year (expected 1900-2100)",
            f"{year} är inget rimligt årtal (väntat 1900-2100)",
        )


class InvalidMembershipYears(RegistryError, ValueError):
    """A SEkom membership that ends before it starts."""

    def __init__(self, since: int, left: int) -> None:
        super().__init__(
            f"left {left} is not after joined {since}",
            f"utträdesåret {left} ligger inte efter inträdesåret {since}",
        )


class GroupError(RegistryError):
    """Root of the errors about named municipality groups."""


class UnknownGroup(GroupError, LookupError):
    """No group has this name."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        super().__init__(
            f"no group named {name!r}{_did_you_mean(self.suggestions, 'en')}",
            f"ingen grupp heter {name!r}{_did_you_mean(self.suggestions, 'sv')}",
        )


class GroupExists(GroupError):
    """A group with this name exists and replacing it was not asked for."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"a group named {name!r} already exists; use --replace to redefine it",
            f"det finns redan en grupp som heter {name!r}; använd --replace för att ersätta den",
        )


class InvalidGroup(GroupError, ValueError):
    """A group definition that cannot be stored (empty name, no or unknown members)."""


def _shown(value: Any, limit: int = 60) -> str:
    """The value as given, quoted; a long one shortened (it is echoed in a message)."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
