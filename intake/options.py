"""What an import may be asked: its options, and the check that they go together.

Kept apart from the importer, which loads SQLAlchemy: the command line checks its options
before it starts reading the files (`intake.read_ahead`), and that before it loads the store.
"""

from __future__ import annotations

from typing import Any
from typing import TypedDict

from i18n import Lang
from intake.errors import IntakeError


class ImportOptions(TypedDict, total=False):
    """The options of an import, the same for one file and a batch (the CLI's flags)."""

    municipality: Any  # the file's municipality when it does not name one
    year: Any  # the file's year when it does not name one
    dry_run: bool
    force: bool
    reason: str | None
    lang: Lang
    indicator_set: str | None


class ImportOptionsError(IntakeError):
    """The options of an import do not go together (such as --force without --reason)."""


def check_options(*, force: bool, reason: str | None) -> None:
    """Refuse --force without a reason: a forced change of an approved year must say why."""
    if force and not (reason and reason.strip()):
        raise ImportOptionsError("force-needs-reason")
