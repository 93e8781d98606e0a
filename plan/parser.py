"""Reading an action plan as it comes: the tab-separated text of the seed, or the same table
as .xlsx or .csv.

The plan is a table with the columns Mål, Aktiviteter, Budget, Ansvar, Tidplan and
Mottagare av resultat.  A goal row ("Mål 1 Utveckla ...") is followed by its activity rows
("1.1 Norrlandskonferens ...", also sub-activities such as "3.2.1"); after the goals come
the project-management lines (below a "Projektledning" header row) and the totals the
document states ("Totalsumma målaktiviteter (kr): 3 485 321").  Everything is kept as
written: an empty or placeholder budget ("XXXX") stays unknown and is listed, never read as
zero, and a stated total that does not add up is kept and reported, not corrected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from indicators.numbers import NumberFormatError
from indicators.numbers import parse_number
from indicators.problems import ProblemReport
from intake.files import problem_types as types
from intake.files.text import read_text
from intake.files.text import records
from intake.sheets import read_workbook
from plan.errors import PlanFormatError

_GOAL = re.compile(r"^\s*M[åa]l\s+(\d+)\b[\s.:]*(.*)$", re.IGNORECASE | re.DOTALL)
_ACTIVITY = re.compile(r"^\s*(\d+(?:\.\d+)+)\.?\s+(.*)$", re.DOTALL)
_DATE = r"(\d{4}-\d{2}-\d{2})"
_PERIOD = re.compile(rf"^\s*{_DATE}\s*(?:[-–—]|till|to)\s*{_DATE}\s*$")
_SINGLE_DATE = re.compile(rf"^\s*{_DATE}\s*$")
_PLACEHOLDER = re.compile(r"\bX{3,}\b")
_TASK_SPLIT = re.compile(r"(?:^|\s)[-–•*]\s+")
_PARTY_SPLIT = re.compile(r"\s*(?:\+|&|,|\boch\b)\s*")
_HEADER_WORDS = {"aktiviteter", "budget", "ansvar", "tidplan"}


@dataclass
class Activity:
    """One activity of a goal, as written in the plan."""

    code: str
    title: str
    goal_number: int
    tasks: list[str]
    budget: int | None
    budget_text: str
    parties: list[str]
    start: dt.date | None
    end: dt.date | None
    period_text: str
    recipients: str
    line: int
    placeholders: list[str] = field(default_factory=list)

    @property
    def parent_code(self) -> str | None:
        """The code of the activity this one belongs to: 3.2 for 3.2.1; None for 3.2."""
        parts = self.code.split(".")
        return ".".join(parts[:-1]) if len(parts) > 2 else None


@dataclass
class Goal:
    """One goal (Mål) of the plan."""

    number: int
    title: str
    description: str
    line: int


@dataclass
class ManagementCost:
    """A project-management line (Utvärdering, Övrigt, Löner + OH) and its budget."""

    label: str
    description: str
    budget: int | None
    budget_text: str
    line: int


@dataclass
class StatedTotal:
    """A total as the document states it, with the label as written."""

    label: str
    amount: int | None
    amount_text: str
    line: int


@dataclass
class TotalCheck:
    """A stated total compared with the sum of its parts."""

    label: str
    stated: int | None
    computed: int | None
    parts: list[str]
    unknown_parts: list[str]
    note: str = ""
    implied_income: int | None = None

    @property
    def difference(self) -> int | None:
        """Stated minus computed, in kronor; None when either is unknown."""
        if self.stated is None or self.computed is None:
            return None
        return self.stated - self.computed

    @property
    def consistent(self) -> bool | None:
        """True when the total adds up, False when not, None when it cannot be checked."""
        if self.difference is None:
            return None
        return self.difference == 0

    def to_dict(self) -> dict[str, Any]:
        """One checked total of the plan import's JSON contract."""
        return {
            "label": self.label,
            "stated": self.stated,
            "computed": self.computed,
            "difference": self.difference,
            "consistent": self.consistent,
            "unknown_parts": list(self.unknown_parts),
        }


@dataclass
class ParsedPlan:
    """Everything the plan states, in document order."""

    title: str
    subtitle: str
    goals: list[Goal]
    activities: list[Activity]
    management: list[ManagementCost]
    totals: list[StatedTotal]
    problems: ProblemReport

    def activity(self, code: str) -> Activity:
        """The activity with this code."""
        for activity in self.activities:
            if activity.code == code:
                return activity
        raise KeyError(code)

    def unknown_budgets(self) -> list[str]:
        """Where an amount is unknown: activities without a budget, placeholders in tasks."""
        found = [f"{a.code}: budget saknas" for a in self.activities if a.budget is None]
        for activity in self.activities:
            found += [f"{activity.code}: {text}" for text in activity.placeholders]
        return found

    def check_totals(self) -> list[TotalCheck]:
        """Check every stated total against the sum of its parts."""
        return check_totals(self)


def read_plan_rows(path: Path) -> list[list[str]]:
    """The plan's table as rows of text cells, from .txt/.tsv/.csv or .xlsx/.xlsm/.ods."""
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".ods"}:
        return _spreadsheet_rows(path)

    text, _encoding = read_text(path)
    return records(text, _delimiter(text)).rows


def _delimiter(text: str) -> str:
    """The column separator, judged on the header row (task texts hold commas of their own)."""
    lines = text.splitlines()
    header = next((ln for ln in lines if "aktiviteter" in ln.lower()), lines[0] if lines else "")
    counts = {sep: header.count(sep) for sep in ("\t", ";", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else "\t"


def parse_plan_file(path: Path) -> ParsedPlan:
    """Read and parse an action plan file."""
    rows = read_plan_rows(path)
    return parse_plan_rows(rows, file_name=path.name)


def parse_plan_rows(rows: list[list[str]], file_name: str | None = None) -> ParsedPlan:
    """Parse the plan's rows (1-based line numbers are kept for every record)."""
    problems = ProblemReport(file_name)
    goals: list[Goal] = []
    activities: list[Activity] = []
    management: list[ManagementCost] = []
    totals: list[StatedTotal] = []
    title_lines: list[str] = []
    in_management = False
    seen_header = False
    current_goal: int | None = None

    for line, row in enumerate(rows, start=1):
        cells = [cell_text(cell) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        first = cells[0]
        if not seen_header:
            if _is_header(cells):
                seen_header = True
            elif len(cells) == 1:
                title_lines.append(first)
            continue
        if _is_management_header(cells):
            in_management = True
            continue
        goal = _GOAL.match(first)
        if goal and not in_management:
            number = int(goal.group(1))
            title, description = _split_goal_text(goal.group(2))
            goals.append(Goal(number, title, description, line))
            current_goal = number
            continue
        if len(cells) == 2 and first.rstrip().endswith(":") and _looks_like_amount(cells[-1]):
            amount, text = _amount(cells[-1], problems, line, column=len(cells))
            totals.append(StatedTotal(first.rstrip(":").strip(), amount, text, line))
            continue
        activity = _ACTIVITY.match(first)
        if activity and not in_management:
            if current_goal is None:
                problems.add(types.PLAN_ACTIVITY_WITHOUT_GOAL, row=line, activity=activity.group(1))
            activities.append(_activity(activity, cells, current_goal or 0, line, problems))
            continue
        if in_management:
            budget_text = cells[2] if len(cells) > 2 else ""
            budget, text = _amount(budget_text, problems, line, column=3)
            label = first.rstrip(":").strip()
            description = cells[1] if len(cells) > 1 else ""
            management.append(ManagementCost(label, description, budget, text, line))
            continue
        problems.add(types.PLAN_LINE_NOT_UNDERSTOOD, row=line, text=first[:60])

    if not seen_header:
        raise PlanFormatError("no-plan-table")
    if not goals:
        raise PlanFormatError("no-goals")
    title = title_lines[0] if title_lines else ""
    subtitle = title_lines[1] if len(title_lines) > 1 else ""
    return ParsedPlan(title, subtitle, goals, activities, management, totals, problems)


def check_totals(plan: ParsedPlan) -> list[TotalCheck]:
    """Compare each stated total with the sum of what it totals, by what its label names.

    The rules follow the plan's own wording: "målaktiviteter" sums the activity budgets,
    "projektledning" the project-management lines, a label listing several totals
    ("målaktiviteter, projektledning, SAMT") sums those stated totals, and "Projektbudget
    totalt utan intäkter" adds "Redan förbrukade medel" to that grand total.  A total whose
    parts the document does not state ("med intäkter") is kept with a note.
    """
    checks: list[TotalCheck] = []
    by_kind: dict[str, StatedTotal] = {}
    for total in plan.totals:
        by_kind.setdefault(_total_kind(total.label), total)

    for total in plan.totals:
        kind = _total_kind(total.label)
        computed: int | None
        if kind == "activities":
            known = [a for a in plan.activities if a.budget is not None]
            unknown = [a.code for a in plan.activities if a.budget is None]
            computed = sum(a.budget for a in known if a.budget is not None)
            checks.append(
                TotalCheck(total.label, total.amount, computed, [a.code for a in known], unknown)
            )
        elif kind == "management":
            known_m = [m for m in plan.management if m.budget is not None]
            unknown = [m.label for m in plan.management if m.budget is None]
            computed = sum(m.budget for m in known_m if m.budget is not None)
            checks.append(
                TotalCheck(total.label, total.amount, computed, [m.label for m in known_m], unknown)
            )
        elif kind == "grand":
            parts = [by_kind.get(k) for k in ("activities", "management", "samt")]
            present = [p for p in parts if p is not None]
            unknown = [p.label for p in present if p.amount is None]
            computed = (
                sum(p.amount for p in present if p.amount is not None)
                if len(present) == 3
                else None
            )
            checks.append(
                TotalCheck(total.label, total.amount, computed, [p.label for p in present], unknown)
            )
        elif kind == "budget-without-income":
            parts = [by_kind.get("grand"), by_kind.get("spent")]
            present = [p for p in parts if p is not None and p.amount is not None]
            computed = sum(p.amount or 0 for p in present) if len(present) == 2 else None
            checks.append(
                TotalCheck(total.label, total.amount, computed, [p.label for p in present], [])
            )
        elif kind == "budget-with-income":
            without = by_kind.get("budget-without-income")
            note = "Intäkterna anges inte i planen; summan kan inte kontrolleras."
            implied = None
            if without is not None and without.amount is not None and total.amount is not None:
                implied = total.amount - without.amount
            checks.append(
                TotalCheck(total.label, total.amount, None, [], ["intäkter"], note, implied)
            )
    return checks


def _total_kind(label: str) -> str:
    text = label.lower()
    if "med intäkter" in text:
        return "budget-with-income"
    if "utan intäkter" in text:
        return "budget-without-income"
    if "förbrukade" in text:
        return "spent"
    if text.startswith("samt"):
        return "samt"
    if "målaktiviteter" in text and ("projektledning" in text or "samt" in text):
        return "grand"
    if "målaktiviteter" in text:
        return "activities"
    if "projektledning" in text:
        return "management"
    return "other"


def _activity(
    match: re.Match[str], cells: list[str], goal: int, line: int, problems: ProblemReport
) -> Activity:
    code = match.group(1)
    title = match.group(2).strip()
    cell = (cells + [""] * 6)[:6]
    tasks_text, budget_text, parties_text, period_text, recipients = cell[1:6]
    budget, budget_text = _amount(budget_text, problems, line, column=3)
    start, end = _period(period_text, problems, line)
    return Activity(
        code=code,
        title=title,
        goal_number=goal,
        tasks=split_tasks(tasks_text),
        budget=budget,
        budget_text=budget_text,
        parties=split_parties(parties_text),
        start=start,
        end=end,
        period_text=period_text,
        recipients=recipients,
        line=line,
        placeholders=[task for task in split_tasks(tasks_text) if _PLACEHOLDER.search(task)],
    )


def split_tasks(text: str) -> list[str]:
    """Split "- a - b - c" (or "*a - b") into its task items."""
    text = text.strip()
    if not text:
        return []
    items = [item.strip(" -–*•") for item in _TASK_SPLIT.split(text)]
    return [item for item in items if item]


def split_parties(text: str) -> list[str]:
    """Split "Arena MV + SAMT" into its responsible parties."""
    return [party.strip() for party in _PARTY_SPLIT.split(text) if party.strip()]


def _period(text: str, problems: ProblemReport, line: int) -> tuple[dt.date | None, dt.date | None]:
    if not text:
        return None, None
    match = _PERIOD.match(text)
    try:
        if match:
            return dt.date.fromisoformat(match.group(1)), dt.date.fromisoformat(match.group(2))
        single = _SINGLE_DATE.match(text)
        if single:
            day = dt.date.fromisoformat(single.group(1))
            return day, day
    except ValueError:
        pass
    problems.add(types.PLAN_PERIOD_NOT_UNDERSTOOD, row=line, column=5, text=text)
    return None, None


def _amount(text: str, problems: ProblemReport, line: int, column: int) -> tuple[int | None, str]:
    text = cell_text(text)
    if not text or _PLACEHOLDER.search(text):
        return None, text
    try:
        value, _ = parse_number(text.replace("kr", "").strip())
    except NumberFormatError:
        problems.add(types.PLAN_AMOUNT_NOT_UNDERSTOOD, row=line, column=column, text=text)
        return None, text
    return round(value), text


def _looks_like_amount(text: str) -> bool:
    text = cell_text(text)
    return bool(text) and (
        bool(re.fullmatch(r"[\d\s\u00a0.,]+(kr)?", text)) or bool(_PLACEHOLDER.search(text))
    )


def _split_goal_text(text: str) -> tuple[str, str]:
    text = text.strip()
    match = re.search(r"\.\s+(?=[A-ZÅÄÖ])", text)
    if not match:
        return text.rstrip("."), ""
    return text[: match.start()].strip(), text[match.end() :].strip()


def _is_header(cells: list[str]) -> bool:
    words = {cell.strip().lower() for cell in cells}
    return len(words & _HEADER_WORDS) >= 3


def _is_management_header(cells: list[str]) -> bool:
    return cells[0].strip().lower() == "projektledning"


def cell_text(cell: object) -> str:
    """A cell as plain text: whole numbers without `.0`, dates as ISO, no-break spaces as spaces."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, dt.datetime):
        cell = cell.date().isoformat()
    if isinstance(cell, dt.date):
        cell = cell.isoformat()
    return str(cell).replace("\u00a0", " ").strip()


def _spreadsheet_rows(path: Path) -> list[list[str]]:
    sheets = read_workbook(path).sheets
    return [[cell_text(cell) for cell in row] for row in (sheets[0].rows if sheets else [])]
