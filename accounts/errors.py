"""Errors of user accounts: each carries a one-line message in Swedish and English."""

from __future__ import annotations

from i18n import Lang


class AccountError(Exception):
    """Root of account errors (unknown user, weak password, used invitation...)."""

    def __init__(self, message_en: str, message_sv: str | None = None) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_sv = message_sv or message_en

    def message(self, lang: Lang = "sv") -> str:
        """The message in the reader's language."""
        return self.message_en if lang == "en" else self.message_sv


class UnknownUser(AccountError):
    """No user has this e-mail address."""


class UserExists(AccountError):
    """A user with this e-mail address exists already."""


class WeakPassword(AccountError):
    """The password is short, blank, of very few characters or commonly used."""


class UnknownToken(AccountError):
    """No live API token of the account has this id."""


class InvalidInvitation(AccountError):
    """An invitation link that is unknown, used or expired."""


class InvalidAccountData(AccountError):
    """A role, municipality or county that does not fit."""
