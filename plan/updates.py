"""Reading status updates for many activities from a spreadsheet or CSV, checked in one pass.

The file has a header row naming its columns (Swedish or English): kod/code, datum/date,
status, förbrukat/spent, and optionally framsteg/progress, kommentar/note and av/user.
Statuses may be written in Swedish (ej påbörjad, pågår, klar, försenad, avbruten).
Every line is checked before anything is written; all problems are reported at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from i18n import Text
from indicators.numbers import NumberFormatError
from indicators.numbers import parse_number
from indicators.problems import ProblemReport
from indicators.problems import ProblemType
from indicators.problems import phrase
from intake.files import problem_types as types
from intake.files.headers import HeaderAliases
from intake.files.problem_types import PHRASES
from plan.activity_log import NewUpdate
from plan.errors import AmountError
from plan.models import CANCELLED
from plan.models import DELAYED
from plan.models import DONE
from plan.models import NOT_STARTED
from plan.models import ONGOING
from plan.models import STATUSES
from plan.parser import cell_text
from plan.parser import read_plan_rows

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("kod", "code", "aktivitet", "activity"),
    "date": ("datum", "date"),
    "status": ("status",),
    "spent": ("förbrukat", "spent", "kostnad", "utfall", "förbrukat (kr)", "spent (kr)"),
    "progress": ("framsteg", "progress", "framsteg (%)", "progress (%)", "andel klart"),
    "note": ("kommentar", "note", "anteckning", "notering"),
    "user": ("av", "user", "användare", "rapporterad av"),
}
REQUIRED = ("code", "date", "status")
# The problem of a number out of its bounds, by column (`_number`).
_INVALID = {"progress": types.UPDATE_PROGRESS_INVALID}
_ALIASES = HeaderAliases(COLUMNS)

STATUS_WORDS: dict[str, str] = {s: s for s in STATUSES} | {
    "ej påbörjad": NOT_STARTED,
    "ej startad": NOT_STARTED,
    "inte påbörjad": NOT_STARTED,
    "pågår": ONGOING,
    "pågående": ONGOING,
    "klar": DONE,
    "genomförd": DONE,
    "försenad": DELAYED,
    "avbruten": CANCELLED,
    "inställd": CANCELLED,
}


# "25.000" is 25 000 kr to many Swedes (a point between thousands) and 25 kr to a parser
# that reads the point as a decimal sign: such amounts are refused, not guessed.
_POINT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


def parse_kronor(text: str) -> int:
    """An amount of whole kronor as an official writes it: ``25000``, ``25 000``, ``25 000 kr``.

    Read with the same Swedish number parser as indicator values.  Raises
    :class:`AmountError` for what is not a number, for amounts that read differently by
    convention (``25.000``), for fractions of a krona (``5,5``) and for negative amounts.
    """
    cleaned = text.strip().removesuffix(":-").strip()
    cleaned = re.sub(r"(?i)\s*(kr|sek)\.?$", "", cleaned).strip()
    if _POINT_THOUSANDS.match(cleaned):
        digits = cleaned.replace(".", "")
        whole = cleaned.split(".")[0]
        grouped = f"{int(digits):,}".replace(",", " ")
        raise AmountError(
            "amount-ambiguous",
            text=repr(text).replace(",", " "),
            whole=whole.replace(",", " "),
            grouped=grouped,
            digits=int(digits),
        )
    try:
        value, is_percent = parse_number(cleaned)
    except NumberFormatError:
        raise AmountError("amount-not-a-number", text=repr(text)) from None
    if is_percent or value != int(value):
        raise AmountError("amount-not-whole", text=repr(text))
    if value < 0:
        raise AmountError("amount-negative", text=repr(text))
    return int(value)


def parse_status(text: str) -> str | None:
    """A status in Swedish (``pågår``) or English (``ongoing``); None when unknown."""
    return STATUS_WORDS.get(" ".join(text.lower().split()))


def read_update_rows(path: Path) -> list[list[str]]:
    """The file's rows as text cells (.csv/.tsv/.txt or .xlsx/.ods)."""
    return [[cell_text(cell) for cell in row] for row in read_plan_rows(path)]


def parse_updates(
    rows: list[list[str]], codes: Collection[str], file_name: str | None = None
) -> tuple[list[NewUpdate], ProblemReport]:
    """Check every line against the plan's activity codes; the updates and all problems."""
    problems = ProblemReport(file_name)
    header_line, columns = _header(rows)
    if columns is None:
        problems.add(types.UPDATES_HEADER_MISSING, row=1)
        return [], problems
    missing = [name for name in REQUIRED if name not in columns]
    for name in missing:
        problems.add(
            types.UPDATES_COLUMN_MISSING,
            row=header_line,
            name_sv=COLUMNS[name][0],
            name_en=COLUMNS[name][1],
        )
    if missing:
        return [], problems
    updates: list[NewUpdate] = []
    for line, row in enumerate(rows[header_line:], start=header_line + 1):
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in columns.items()}
        if not any(cells.values()):
            continue
        update = _update(cells, codes, line, columns, problems)
        if update is not None:
            updates.append(update)
    if not updates and problems.ok:
        problems.add(types.UPDATES_EMPTY)
    return updates, problems


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int] | None]:
    for line, row in enumerate(rows[:10], start=1):
        found: dict[str, int] = {}
        for index, cell in enumerate(row):
            name = _ALIASES.field(cell)
            if name is not None and name not in found:
                found[name] = index
        if "code" in found or "status" in found:
            return line, found
    return 0, None


def _update(
    cells: dict[str, str],
    codes: Collection[str],
    line: int,
    columns: dict[str, int],
    problems: ProblemReport,
) -> NewUpdate | None:
    before = len(problems.errors)

    def error(name: str, kind: ProblemType, said: Text | None = None, **params: Any) -> None:
        problems.add(kind, row=line, column=columns[name] + 1, said=said, **params)

    code = cells["code"].rstrip(".")
    if not code:
        error("code", types.UPDATE_CODE_MISSING)
    elif code not in codes:
        error("code", types.UPDATE_CODE_UNKNOWN, code=code)
    date = None
    try:
        date = dt.date.fromisoformat(cells["date"][:10])
    except ValueError:
        error("date", types.UPDATE_DATE_INVALID, text=cells["date"])
    status = parse_status(cells["status"])
    if status is None:
        error(
            "status",
            types.UPDATE_STATUS_UNKNOWN,
            text=cells["status"],
            statuses_en=", ".join(STATUSES),
        )
    spent: float | None = None
    if cells.get("spent", "").strip():
        try:
            spent = parse_kronor(cells["spent"])
        except AmountError as exc:
            error("spent", types.UPDATE_SPENT_INVALID, said=exc.as_text())
    progress = _number(cells, "progress", line, columns, problems, 0, 100)
    if len(problems.errors) > before:
        return None
    return NewUpdate(
        code=code,
        date=date,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        spent=spent,
        progress=progress,
        note=cells.get("note") or None,
        user=cells.get("user") or None,
        line=line,
    )


def _number(
    cells: dict[str, str],
    name: str,
    line: int,
    columns: dict[str, int],
    problems: ProblemReport,
    low: float,
    high: float | None,
) -> float | None:
    text = cells.get(name, "").replace("kr", "").replace("%", "").strip()
    if not text:
        return None
    try:
        value, _ = parse_number(text)
    except NumberFormatError:
        value = None
    if value is None or value < low or (high is not None and value > high):
        limits = (
            f"{low:g}–{high:g}" if high is not None else phrase(PHRASES["at-least"], low=f"{low:g}")
        )
        problems.add(
            _INVALID[name], row=line, column=columns[name] + 1, text=cells[name], limits=limits
        )
        return None
    return value
