"""Importing a plan file, and a file of status updates, into the store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from i18n import Lang
from plan.activity_log import add_updates
from plan.errors import UpdateFileError
from plan.models import Plan
from plan.parser import ParsedPlan
from plan.parser import TotalCheck
from plan.parser import parse_plan_file
from plan.store import ImportSummary
from plan.store import activities
from plan.store import default_plan_name
from plan.store import import_plan
from plan.updates import parse_updates
from plan.updates import read_update_rows


@dataclass
class PlanImportResult:
    """The parsed plan, what importing it did, and its stated totals checked."""

    parsed: ParsedPlan
    summary: ImportSummary
    checks: list[TotalCheck]

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        """The JSON contract of `miljomal plan import --json` (and of the portal's import)."""
        return self.summary.to_dict() | {
            "unknown_amounts": self.parsed.unknown_budgets(),
            "checks": [check.to_dict() for check in self.checks],
            "problems": self.parsed.problems.to_list(lang),
        }


def import_plan_file(
    session: Session,
    path: Path,
    *,
    user: str,
    name: str | None = None,
    dry_run: bool = False,
) -> PlanImportResult:
    """Parse ``path`` and create or update the plan ``name`` (default: the plan's title)."""
    parsed = parse_plan_file(path)
    summary = import_plan(
        session,
        parsed,
        name=name or default_plan_name(parsed, path.name),
        file_name=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        user=user,
        dry_run=dry_run,
    )
    return PlanImportResult(parsed, summary, parsed.check_totals())


def import_update_file(
    session: Session, plan: Plan, path: Path, *, user: str, example: bool = False
) -> int:
    """Add every status update of the file, or none when any line has an error."""
    codes = {a.code for a in activities(session, plan)}
    updates, problems = parse_updates(read_update_rows(path), codes, file_name=path.name)
    if not problems.ok:
        count = len(problems.errors)
        raise UpdateFileError("update-file-rejected", problems, file=path.name, count=count)
    return add_updates(session, plan, updates, user=user, example=example, source_file=path.name)
