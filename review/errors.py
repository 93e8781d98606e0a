"""The errors of the county board's review, and the messages they carry.

`ReviewError` is an `ApprovalError` (the year state's error, `indicators.year_state`), so
whoever catches a refused approval catches these too.  It is raised with a message id of
`ERRORS` and its parameters, ``raise ReviewError("year-locked", year=2024)``.
"""

from __future__ import annotations

from i18n import Messages
from i18n import Text
from indicators.year_state import ApprovalError

ERRORS = Messages(
    {
        # review.approval
        "return-needs-reason": Text(
            "att skicka tillbaka {name} {year} kräver en motivering (--reason TEXT)",
            "returning {name} {year} needs a reason (--reason TEXT)",
        ),
        "reopen-needs-reason": Text(
            "att öppna igen {name} {year} kräver en motivering (--reason TEXT)",
            "reopening {name} {year} needs a reason (--reason TEXT)",
        ),
        "year-locked": Text(
            "året {year} är låst för hela länet; lås upp det först (miljomal year unlock {year})",
            "the year {year} is locked for the whole county; unlock it first "
            "(miljomal year unlock {year})",
        ),
        "decision-not-allowed": Text(
            "{name} {year} är {state}.{hint}", "{name} {year} is {state}.{hint}"
        ),
        "no-hint": Text("", ""),
        "return-hint": Text(" Öppna den igen först.", " Reopen it first."),
        "reopen-hint": Text(
            " Bara en godkänd kommun kan öppnas igen.", " Only approved years reopen."
        ),
        # review.audit
        "unknown-audit-kind": Text(
            "okänd händelsetyp {kind}; kända: {known}", "unknown kind {kind}; known: {known}"
        ),
    }
)


class ReviewError(ApprovalError):
    """An approval, return or reopen, or a query of the review, cannot be done as asked."""

    messages = ERRORS
