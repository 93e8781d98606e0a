"""Reading an action plan or its status updates."""

from __future__ import annotations

from i18n import Text
from intake.files.problem_types.declare import PLAN
from intake.files.problem_types.declare import error_type
from intake.files.problem_types.declare import warning_type

PLAN_ACTIVITY_WITHOUT_GOAL = warning_type(
    "activity-without-goal",
    PLAN,
    None,
    Text(
        "Aktiviteten {activity} står före första målet.",
        "Activity {activity} comes before the first goal.",
    ),
)
PLAN_LINE_NOT_UNDERSTOOD = warning_type(
    "line-not-understood",
    PLAN,
    None,
    Text(
        "Raden kunde inte tolkas och hoppades över: {text!r}.",
        "The line could not be read and was skipped: {text!r}.",
    ),
)
PLAN_PERIOD_NOT_UNDERSTOOD = warning_type(
    "period-not-understood",
    PLAN,
    None,
    Text(
        "Tidplanen {text!r} kunde inte tolkas; väntade 'ÅÅÅÅ-MM-DD - ÅÅÅÅ-MM-DD' eller ett datum.",
        "The period {text!r} could not be read; expected 'YYYY-MM-DD - YYYY-MM-DD' or one date.",
    ),
)
PLAN_AMOUNT_NOT_UNDERSTOOD = warning_type(
    "amount-not-understood",
    PLAN,
    None,
    Text(
        "Beloppet {text!r} kunde inte tolkas och räknas som okänt.",
        "The amount {text!r} could not be read and is kept as unknown.",
    ),
)
UPDATES_HEADER_MISSING = error_type(
    "updates-header-missing",
    PLAN,
    None,
    Text(
        "Rubrikraden saknas: filen behöver kolumnerna kod, datum och status.",
        "The header row is missing: the file needs the columns code, date and status.",
    ),
)
UPDATES_COLUMN_MISSING = error_type(
    "updates-column-missing",
    PLAN,
    None,
    Text(
        "Kolumnen {name_sv!r} saknas i rubrikraden.",
        "The column {name_en!r} is missing from the header row.",
    ),
)
UPDATES_EMPTY = error_type(
    "updates-empty",
    PLAN,
    None,
    Text("Filen innehåller inga statusuppdateringar.", "The file holds no status updates."),
)
UPDATE_CODE_MISSING = error_type(
    "code-missing",
    PLAN,
    None,
    Text("Aktivitetskod saknas.", "The activity code is missing."),
)
UPDATE_CODE_UNKNOWN = error_type(
    "code-unknown",
    PLAN,
    None,
    Text("Planen har ingen aktivitet {code!r}.", "The plan has no activity {code!r}."),
)
UPDATE_DATE_INVALID = error_type(
    "date-invalid",
    PLAN,
    None,
    Text(
        "Datumet {text!r} kunde inte tolkas; skriv ÅÅÅÅ-MM-DD.",
        "The date {text!r} could not be read; write YYYY-MM-DD.",
    ),
)
UPDATE_STATUS_UNKNOWN = error_type(
    "status-unknown",
    PLAN,
    None,
    Text(
        "Okänd status {text!r}; använd ej påbörjad, pågår, klar, försenad eller avbruten.",
        "Unknown status {text!r}; use {statuses_en}.",
    ),
)
UPDATE_SPENT_INVALID = error_type("spent-invalid", PLAN, None, None)
UPDATE_PROGRESS_INVALID = error_type(
    "progress-invalid",
    PLAN,
    None,
    Text(
        "{text!r} är inte ett giltigt tal ({limits}).",
        "{text!r} is not a valid number ({limits}).",
    ),
)
