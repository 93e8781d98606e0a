"""The plan package's exceptions: one root, small named subclasses, messages in `ERRORS`.

An error is raised with a message id and its parameters,
``raise PlanNotFoundError("no-plan")``; it is worded in the reader's language when shown
(`i18n.Localised`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from i18n import Localised
from i18n import Messages
from i18n import Text

if TYPE_CHECKING:
    from indicators.problems import ProblemReport

ERRORS = Messages(
    {
        # plan.store, plan.activity_log
        "no-plan": Text(
            "det finns ännu ingen plan i databasen; kör `miljomal plan import FIL` först",
            "no plan in the store yet; run `miljomal plan import FILE` first",
        ),
        "no-plan-named": Text(
            "ingen plan heter {name} i databasen (planer: {names})",
            "no plan named {name} in the store (plans: {names})",
        ),
        "none": Text("inga", "none"),
        "several-plans": Text(
            "databasen har flera planer; välj en med --plan ({names})",
            "the store holds several plans; choose one with --plan ({names})",
        ),
        "no-activity": Text(
            "planen {plan} har ingen aktivitet {code} (aktiviteter: {codes})",
            "plan {plan} has no activity {code} (activities: {codes})",
        ),
        "unknown-status": Text(
            "okänd status {status}; använd en av {statuses}",
            "unknown status {status}; use one of {statuses}",
        ),
        "progress-range": Text(
            "andelen klart måste vara mellan 0 och 100 procent (fick {progress})",
            "progress must be between 0 and 100 per cent (got {progress})",
        ),
        "negative-spent": Text(
            "förbrukat belopp kan inte vara negativt (fick {spent})",
            "spent must not be negative (got {spent})",
        ),
        "no-indicator": Text(
            "ingen indikator {code} i katalogen; se `miljomal indicators list`",
            "no indicator {code} in the catalogue; see `miljomal indicators list`",
        ),
        # plan.parser
        "no-plan-table": Text(
            "ingen plantabell hittades: väntade en rubrikrad med kolumnerna "
            "Mål, Aktiviteter, Budget, Ansvar, Tidplan",
            "no plan table found: expected a header row with the columns "
            "Mål, Aktiviteter, Budget, Ansvar, Tidplan",
        ),
        "no-goals": Text(
            "planen har inga mål (rader som börjar med 'Mål 1', 'Mål 2', ...)",
            "the plan has no goals (rows starting with 'Mål 1', 'Mål 2', ...)",
        ),
        # plan.updates
        "amount-ambiguous": Text(
            "Beloppet {text} är tvetydigt: {whole} kr eller {grouped} kr? "
            "Skriv {digits} eller {grouped}.",
            "The amount {text} is ambiguous: SEK {whole} or SEK {grouped}? "
            "Write {digits} or {grouped}.",
        ),
        "amount-not-a-number": Text(
            "Beloppet {text} är inget tal; skriv hela kronor, till exempel 25000 eller 25 000.",
            "The amount {text} is not a number; write whole kronor, such as 25000 or 25 000.",
        ),
        "amount-not-whole": Text(
            "Beloppet {text} är inte hela kronor; skriv till exempel 6 eller 5 500.",
            "The amount {text} is not whole kronor; write for example 6 or 5 500.",
        ),
        "amount-negative": Text(
            "Beloppet {text} är negativt; förbrukat anges som summan hittills.",
            "The amount {text} is negative; spent is the total so far.",
        ),
        # plan.importing
        "update-file-rejected": Text(
            "{file}: {count} problem; inget skrevs",
            "{file}: {count} problem(s); nothing was written",
        ),
    }
)


class PlanError(Localised):
    """Root of every error the plan package raises: a message id of `ERRORS` and parameters."""

    messages = ERRORS


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


class UpdateFileError(PlanError):
    """A file of status updates with errors; nothing of it was written."""

    def __init__(self, key: str, problems: ProblemReport, **params: object) -> None:
        super().__init__(key, **params)
        self.problems = problems
