"""The error of opening the store: it cannot be found, reached, opened or has no schema.

Raised with a message id of `ERRORS` and its parameters (`i18n.Localised`); the store's own
errors (an upload not found, a duplicate value, a locked year) are `indicators.store`'s
subclasses of this class and of `indicators.errors.IndicatorError`.
"""

from __future__ import annotations

from i18n import Localised
from i18n import Messages
from i18n import Text

ERRORS = Messages(
    {
        "cannot-reach": Text(
            "kan inte nå databasen: {cause}", "cannot reach the database: {cause}"
        ),
        "cannot-open": Text(
            "kan inte öppna databasen: {cause}", "cannot open the database: {cause}"
        ),
        "no-store": Text(
            "det finns ingen databas i {path}; skapa den med `miljomal init`",
            "there is no store at {path}; create it with `miljomal init`",
        ),
        "not-a-url": Text(
            "ingen databasadress: {url}; miljomal fungerar med {supported}",
            "not a database URL: {url}; miljomal works with {supported}",
        ),
        "unsupported-backend": Text(
            "miljomal fungerar med {supported}, inte {backend}",
            "miljomal works with {supported}, not {backend}",
        ),
        "cannot-open-url": Text(
            "kan inte öppna {url}: {cause}; miljomal fungerar med {supported}",
            "cannot open {url}: {cause}; miljomal works with {supported}",
        ),
        "no-schema": Text(
            "databasen har ännu inget miljomal-schema; kör `miljomal init` först",
            "the database has no miljomal schema yet; run `miljomal init` first",
        ),
    }
)

# The databases miljomal works with, said inside the messages above.
SUPPORTED = Text(
    "SQLite (en sökväg som miljomal.db eller sqlite:///SÖKVÄG) och PostgreSQL "
    "(postgresql://ANVÄNDARE@VÄRD/DATABAS)",
    "SQLite (a path such as miljomal.db, or sqlite:///PATH) and PostgreSQL "
    "(postgresql://USER@HOST/DATABASE)",
)


class StoreError(Localised):
    """The store cannot be found, reached, opened or upgraded, or has no schema yet."""

    messages = ERRORS
