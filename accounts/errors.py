"""Errors of user accounts: one root, a message id of `ERRORS` and its parameters."""

from __future__ import annotations

from i18n import Localised
from i18n import Messages
from i18n import Text

ERRORS = Messages(
    {
        # accounts.users
        "not-an-email": Text("inte en e-postadress: {email}", "not an e-mail address: {email}"),
        "unknown-role": Text(
            "okänd roll {role} (väntade {roles})", "unknown role {role} (expected {roles})"
        ),
        "reporter-needs-municipality": Text(
            "en rapportör behöver minst en --municipality",
            "a reporter needs at least one --municipality",
        ),
        "county-user-needs-county": Text(
            "en länsanvändare behöver --county", "a county user needs --county"
        ),
        "no-municipality": Text("ingen kommun har kod {code}", "no municipality {code}"),
        "no-county": Text("inget län har kod {code}", "no county {code}"),
        "user-exists": Text("användaren {email} finns redan", "a user {email} exists already"),
        "unknown-user": Text("ingen användare {email}", "no user {email}"),
        "token-days": Text(
            "en nyckel gäller i 1 till {most} dagar, inte {days}",
            "a token is valid for 1 to {most} days, not {days}",
        ),
        "unknown-token": Text("{email} har ingen nyckel {token}", "{email} has no token {token}"),
        "invalid-invitation": Text(
            "länken är okänd, redan använd eller för gammal; be om en ny",
            "this link is unknown, used or expired; ask for a new one",
        ),
        # accounts.passwords
        "password-too-long": Text(
            "lösenordet får ha högst {most} tecken",
            "the password must have at most {most} characters",
        ),
        "password-blank": Text(
            "lösenordet kan inte bestå av bara mellanslag eller osynliga tecken",
            "the password cannot be only spaces or invisible characters",
        ),
        "password-too-short": Text(
            "lösenordet måste ha minst {least} tecken",
            "the password must have at least {least} characters",
        ),
        "password-too-few-characters": Text(
            "lösenordet måste ha minst {least} olika tecken",
            "the password must have at least {least} different characters",
        ),
        "password-common": Text(
            "lösenordet är ett av de vanligaste; välj ett annat, till exempel några ord "
            "som inte hör ihop",
            "the password is one of the most commonly used; choose another, for example "
            "a few unrelated words",
        ),
        # accounts.staging
        "staging-user-full": Text(
            "Du har redan filer som väntar på att sparas (högst {megabytes} MB). Spara dem, "
            "eller vänta tills de tas bort efter {hours} timmar, och försök igen.",
            "You already have files waiting to be saved (at most {megabytes} MB). Save "
            "them, or wait until they are removed after {hours} hours, and try again.",
        ),
        "staging-full": Text(
            "Portalen har just nu för många filer under granskning. Försök igen senare.",
            "The portal holds too many files under review right now. Try again later.",
        ),
        # accounts.removal
        "removal-needs-reason": Text(
            "ange varför personen tas bort (--reason)", "give a reason for the removal (--reason)"
        ),
        "already-removed": Text("{email} är redan borttagen", "{email} has been removed already"),
    }
)


class AccountError(Localised):
    """Root of account errors (unknown user, weak password, used invitation...)."""

    messages = ERRORS


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
