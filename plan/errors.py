"""The plan package's exceptions: one root, small named subclasses with one-line messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from i18n import Lang, Localised, pick, pick_lang

if TYPE_CHECKING:
    from indicators.problems import ProblemReport


class PlanError(Localised):
    """Root of every error the plan package raises; its message may be an `i18n.Text`."""


class PlanFormatError(PlanError, ValueError):
    """The file is not an action plan we can read."""


class PlanNotFoundError(PlanError):
    """No plan of that name, or no plan at all, in the store."""


class ActivityNotFoundError(PlanError):
    """The plan has no activity with that code."""


class IndicatorNotFoundError(PlanError):
    """The indicator code is not in the store's catalogue."""


class StatusUpdateError(PlanError):
    """A status update with an unknown status, a progress outside 0-100 or a negative amount."""


class AmountError(StatusUpdateError, ValueError):
    """An amount of kronor that is not a whole, unambiguous, non-negative number."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(en)
        self.sv = sv
        self.en = en

    def message(self, lang: Lang | None = "sv") -> str:
        """The message in the reader's language."""
        return pick(pick_lang(lang), self.sv, self.en)


class UpdateFileError(PlanError):
    """A file of status updates with errors; nothing of it was written."""

    def __init__(self, message: str, problems: ProblemReport) -> None:
        super().__init__(message)
        self.problems = problems
