"""Errors of the municipality registry: one root, a message id and its parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from i18n import LANGS
from i18n import Localised
from i18n import Messages
from i18n import Text

ERRORS = Messages(
    {
        "unknown-municipality": Text(
            "okänd kommun {value}{hint}", "unknown municipality {value}{hint}"
        ),
        "unknown-county": Text("okänt län {value}{hint}", "unknown county {value}{hint}"),
        "did-you-mean": Text(" (menade du {listed}?)", " (did you mean {listed}?)"),
        "registry-not-loaded": Text(
            "kommun {code} finns inte i databasen; kör `miljomal init` först",
            "municipality {code} is not in the store; run `miljomal init` first",
        ),
        "invalid-year": Text(
            "{year} är inget rimligt årtal (väntat 1900-2100)",
            "{year} is not a plausible year (expected 1900-2100)",
        ),
        "invalid-membership-years": Text(
            "utträdesåret {left} ligger inte efter inträdesåret {since}",
            "left {left} is not after joined {since}",
        ),
        "unknown-group": Text("ingen grupp heter {name}{hint}", "no group named {name}{hint}"),
        "group-exists": Text(
            "det finns redan en grupp som heter {name}; använd --replace för att ersätta den",
            "a group named {name} already exists; use --replace to redefine it",
        ),
        "group-needs-name": Text("en grupp behöver ett namn", "a group needs a name"),
        "group-unknown-members": Text(
            "okända kommuner i gruppen: {listed}", "unknown municipalities in the group: {listed}"
        ),
        "group-needs-members": Text(
            "en grupp behöver minst en kommun", "a group needs at least one member"
        ),
    }
)


class RegistryError(Localised):
    """Root of registry errors: a message id of `ERRORS` and its parameters."""

    messages = ERRORS


def did_you_mean(suggestions: Sequence[str]) -> Text:
    """`` (menade du Sundsvall?)`` in both languages, or nothing without suggestions."""
    if not suggestions:
        return Text("", "")
    listed = ", ".join(suggestions)
    return Text(*(ERRORS("did-you-mean", lang, listed=listed) for lang in LANGS))


class UnknownMunicipality(RegistryError, LookupError):
    """A value names no Swedish municipality; carries up to three close names."""

    def __init__(self, value: Any, suggestions: Sequence[str] = ()) -> None:
        self.value = value
        self.suggestions = list(suggestions)
        hint = did_you_mean(self.suggestions)
        super().__init__("unknown-municipality", value=_shown(value), hint=hint)


class UnknownCounty(RegistryError, LookupError):
    """A value names no Swedish county; carries up to three close names."""

    def __init__(self, value: Any, suggestions: Sequence[str] = ()) -> None:
        self.value = value
        self.suggestions = list(suggestions)
        super().__init__("unknown-county", value=_shown(value), hint=did_you_mean(suggestions))


class RegistryNotLoaded(RegistryError):
    """The store has no registry rows yet."""

    def __init__(self, code: str) -> None:
        super().__init__("registry-not-loaded", code=code)


class InvalidYear(RegistryError, ValueError):
    """A SEkom membership year outside any plausible range."""

    def __init__(self, year: int) -> None:
        super().__init__("invalid-year", year=year)


class InvalidMembershipYears(RegistryError, ValueError):
    """A SEkom membership that ends before it starts."""

    def __init__(self, since: int, left: int) -> None:
        super().__init__("invalid-membership-years", since=since, left=left)


class GroupError(RegistryError):
    """Root of the errors about named municipality groups."""


class UnknownGroup(GroupError, LookupError):
    """No group has this name."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        super().__init__("unknown-group", name=repr(name), hint=did_you_mean(suggestions))


class GroupExists(GroupError):
    """A group with this name exists and replacing it was not asked for."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__("group-exists", name=repr(name))


class InvalidGroup(GroupError, ValueError):
    """A group definition that cannot be stored (empty name, no or unknown members)."""


def _shown(value: Any, limit: int = 60) -> str:
    """The value as given, quoted; a long one shortened (it is echoed in a message)."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
