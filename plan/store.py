"""Plans in the store: import (with the history of a revised plan) and reading a plan back.

The activities' status log and indicator links are `plan.activity_log`.

Every function takes a ``Session`` from the caller, who owns the transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from dataclasses import field

from sqlalchemy import delete
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from indicators.models import utcnow
from indicators.problems import ProblemReport
from plan.errors import ERRORS
from plan.errors import PlanNotFoundError
from plan.followup import ActivityPlan
from plan.models import Plan
from plan.models import PlanActivity
from plan.models import PlanGoal
from plan.models import PlanImport
from plan.models import PlanManagementCost
from plan.models import PlanRevision
from plan.models import PlanStatedTotal
from plan.parser import Activity
from plan.parser import Goal
from plan.parser import ManagementCost
from plan.parser import ParsedPlan
from plan.parser import StatedTotal

# The fields of an activity whose changes a re-import records, in this order.
ACTIVITY_FIELDS = (
    "title",
    "goal",
    "tasks",
    "budget",
    "parties",
    "start",
    "end",
    "period",
    "recipients",
)
ADDED, REMOVED = "added", "removed"


@dataclass(frozen=True)
class Change:
    """One changed field of a plan: ``subject`` is an activity code, ``Mål 2`` or a label."""

    subject: str
    field: str
    old: str | None
    new: str | None


@dataclass
class ImportSummary:
    """What importing a plan file did (or, for a dry run, would do)."""

    plan_name: str
    created: bool
    goals: int
    activities: int
    changes: list[Change] = field(default_factory=list)
    dry_run: bool = False
    import_id: int | None = None

    def codes(self, kind: str) -> list[str]:
        """Activity codes added (``added``), removed (``removed``) or changed (``changed``)."""
        if kind in (ADDED, REMOVED):
            return [c.subject for c in self.changes if c.field == kind and _is_code(c.subject)]
        touched = {c.subject for c in self.changes if c.field not in (ADDED, REMOVED)}
        return [s for s in dict.fromkeys(c.subject for c in self.changes) if s in touched]

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "plan": self.plan_name,
            "created": self.created,
            "dry_run": self.dry_run,
            "goals": self.goals,
            "activities": self.activities,
            "changes": [c.__dict__ for c in self.changes],
        }


def default_plan_name(parsed: ParsedPlan, file_name: str) -> str:
    """The name a plan gets without --name: its title, else the file name without suffix."""
    return parsed.title.strip() or re.sub(r"\.[A-Za-z0-9]+$", "", file_name)


def list_plans(session: Session) -> list[Plan]:
    """Every plan in the store, by name."""
    return list(session.scalars(select(Plan).order_by(Plan.name)))


def find_plan(session: Session, name: str | None = None) -> Plan:
    """The plan of that name; without a name, the only plan in the store."""
    if name is not None:
        plan = session.scalar(select(Plan).where(Plan.name == name))
        if plan is None:
            names = ", ".join(repr(p.name) for p in list_plans(session)) or ERRORS["none"]
            raise PlanNotFoundError("no-plan-named", name=repr(name), names=names)
        return plan
    plans = list_plans(session)
    if not plans:
        raise PlanNotFoundError("no-plan")
    if len(plans) > 1:
        names = ", ".join(repr(p.name) for p in plans)
        raise PlanNotFoundError("several-plans", names=names)
    return plans[0]


def import_plan(
    session: Session,
    parsed: ParsedPlan,
    *,
    name: str,
    file_name: str,
    sha256: str,
    user: str,
    dry_run: bool = False,
) -> ImportSummary:
    """Create the plan, or update it to the revised text, recording each changed field."""
    plan = session.scalar(select(Plan).where(Plan.name == name))
    summary = ImportSummary(
        plan_name=name,
        created=plan is None,
        goals=len(parsed.goals),
        activities=len(parsed.activities),
        dry_run=dry_run,
    )
    if plan is not None:
        summary.changes = plan_changes(session, plan, parsed)
    if dry_run:
        return summary
    now = utcnow()
    if plan is None:
        plan = Plan(name=name, source_file=file_name, sha256=sha256, imported_by=user)
        session.add(plan)
    plan.title, plan.subtitle = parsed.title, parsed.subtitle
    plan.source_file, plan.sha256, plan.imported_at, plan.imported_by = (
        file_name,
        sha256,
        now,
        user,
    )
    session.flush()
    record = PlanImport(
        plan_id=plan.id,
        file_name=file_name,
        sha256=sha256,
        imported_at=now,
        imported_by=user,
        changes=len(summary.changes),
    )
    session.add(record)
    session.flush()
    summary.import_id = record.id
    _write_plan(session, plan.id, parsed)
    if summary.changes:
        session.execute(
            insert(PlanRevision),
            [
                {
                    "plan_id": plan.id,
                    "import_id": record.id,
                    "subject": c.subject,
                    "field": c.field,
                    "old_value": c.old,
                    "new_value": c.new,
                    "changed_at": now,
                    "changed_by": user,
                }
                for c in summary.changes
            ],
        )
    return summary


def plan_changes(session: Session, plan: Plan, parsed: ParsedPlan) -> list[Change]:
    """What a re-import of ``parsed`` would change in the stored plan, field by field."""
    changes: list[Change] = []
    stored_goals = {g.number: g for g in session.scalars(_goals(plan.id))}
    for goal in parsed.goals:
        old = stored_goals.pop(goal.number, None)
        subject = f"Mål {goal.number}"
        if old is None:
            changes.append(Change(subject, ADDED, None, goal.title))
            continue
        for name, earlier, later in (
            ("title", old.title, goal.title),
            ("description", old.description, goal.description),
        ):
            if earlier != later:
                changes.append(Change(subject, name, earlier, later))
    changes += [Change(f"Mål {n}", REMOVED, g.title, None) for n, g in stored_goals.items()]

    stored = {a.code: a for a in session.scalars(_activities(plan.id, include_removed=True))}
    for activity in parsed.activities:
        old_row = stored.pop(activity.code, None)
        if old_row is None or old_row.removed:
            changes.append(Change(activity.code, ADDED, None, activity.title))
            if old_row is None:
                continue
        before, after = _activity_fields(old_row), _parsed_fields(activity)
        changes += [
            Change(activity.code, name, before[name], after[name])
            for name in ACTIVITY_FIELDS
            if before[name] != after[name]
        ]
    changes += [
        Change(code, REMOVED, row.title, None) for code, row in stored.items() if not row.removed
    ]

    old_amounts = {
        m.label: m.budget_text
        for m in session.scalars(
            select(PlanManagementCost).where(PlanManagementCost.plan_id == plan.id)
        )
    }
    old_amounts |= {
        t.label: t.amount_text
        for t in session.scalars(select(PlanStatedTotal).where(PlanStatedTotal.plan_id == plan.id))
    }
    new_amounts = {m.label: m.budget_text for m in parsed.management}
    new_amounts |= {t.label: t.amount_text for t in parsed.totals}
    for label, text in new_amounts.items():
        if label not in old_amounts:
            changes.append(Change(label, ADDED, None, text))
        elif old_amounts[label] != text:
            changes.append(Change(label, "amount", old_amounts[label], text))
    changes += [
        Change(label, REMOVED, text, None)
        for label, text in old_amounts.items()
        if label not in new_amounts
    ]
    return changes


def _write_plan(session: Session, plan_id: int, parsed: ParsedPlan) -> None:
    session.execute(delete(PlanGoal).where(PlanGoal.plan_id == plan_id))
    session.execute(
        insert(PlanGoal),
        [
            {
                "plan_id": plan_id,
                "number": g.number,
                "title": g.title,
                "description": g.description,
                "sort_order": i,
            }
            for i, g in enumerate(parsed.goals)
        ],
    )
    stored = {a.code: a.id for a in session.scalars(_activities(plan_id, include_removed=True))}
    new_rows, updated_rows = [], []
    for i, activity in enumerate(parsed.activities):
        row = _activity_row(activity) | {"sort_order": i, "removed": False}
        if activity.code in stored:
            updated_rows.append(row | {"id": stored.pop(activity.code)})
        else:
            new_rows.append(row | {"plan_id": plan_id, "code": activity.code})
    if new_rows:
        session.execute(insert(PlanActivity), new_rows)
    if updated_rows:
        session.execute(update(PlanActivity), updated_rows)
    if stored:
        session.execute(
            update(PlanActivity).where(PlanActivity.id.in_(stored.values())).values(removed=True)
        )
    session.execute(delete(PlanManagementCost).where(PlanManagementCost.plan_id == plan_id))
    session.execute(delete(PlanStatedTotal).where(PlanStatedTotal.plan_id == plan_id))
    if parsed.management:
        session.execute(
            insert(PlanManagementCost),
            [
                {
                    "plan_id": plan_id,
                    "label": m.label,
                    "description": m.description,
                    "budget": m.budget,
                    "budget_text": m.budget_text,
                    "sort_order": i,
                }
                for i, m in enumerate(parsed.management)
            ],
        )
    if parsed.totals:
        session.execute(
            insert(PlanStatedTotal),
            [
                {
                    "plan_id": plan_id,
                    "label": t.label,
                    "amount": t.amount,
                    "amount_text": t.amount_text,
                    "sort_order": i,
                }
                for i, t in enumerate(parsed.totals)
            ],
        )


def _activity_row(activity: Activity) -> dict[str, object]:
    return {
        "goal_number": activity.goal_number,
        "title": activity.title,
        "tasks": json.dumps(activity.tasks, ensure_ascii=False),
        "budget": activity.budget,
        "budget_text": activity.budget_text,
        "parties": json.dumps(activity.parties, ensure_ascii=False),
        "start_date": activity.start,
        "end_date": activity.end,
        "period_text": activity.period_text,
        "recipients": activity.recipients,
    }


def _activity_fields(row: PlanActivity) -> dict[str, str]:
    return {
        "title": row.title,
        "goal": str(row.goal_number),
        "tasks": "\n".join(json.loads(row.tasks)),
        "budget": row.budget_text,
        "parties": " + ".join(json.loads(row.parties)),
        "start": row.start_date.isoformat() if row.start_date else "",
        "end": row.end_date.isoformat() if row.end_date else "",
        "period": row.period_text,
        "recipients": row.recipients,
    }


def _parsed_fields(activity: Activity) -> dict[str, str]:
    return {
        "title": activity.title,
        "goal": str(activity.goal_number),
        "tasks": "\n".join(activity.tasks),
        "budget": activity.budget_text,
        "parties": " + ".join(activity.parties),
        "start": activity.start.isoformat() if activity.start else "",
        "end": activity.end.isoformat() if activity.end else "",
        "period": activity.period_text,
        "recipients": activity.recipients,
    }


def _goals(plan_id: int):  # type: ignore[no-untyped-def]
    return select(PlanGoal).where(PlanGoal.plan_id == plan_id).order_by(PlanGoal.sort_order)


def _activities(plan_id: int, include_removed: bool = False):  # type: ignore[no-untyped-def]
    query = select(PlanActivity).where(PlanActivity.plan_id == plan_id)
    if not include_removed:
        query = query.where(PlanActivity.removed.is_(False))
    return query.order_by(PlanActivity.sort_order)


def _is_code(subject: str) -> bool:
    return bool(re.fullmatch(r"\d+(\.\d+)+", subject))


def goals(session: Session, plan: Plan) -> list[PlanGoal]:
    """The plan's goals in order."""
    return list(session.scalars(_goals(plan.id)))


def activities(session: Session, plan: Plan) -> list[PlanActivity]:
    """The plan's current activities in plan order (removed ones left out)."""
    return list(session.scalars(_activities(plan.id)))


def activity_plans(session: Session, plan: Plan) -> list[ActivityPlan]:
    """The activities as the follow-up functions take them."""
    return [
        ActivityPlan(
            code=a.code,
            title=a.title,
            goal_number=a.goal_number,
            budget=a.budget,
            start=a.start_date,
            end=a.end_date,
            parties=tuple(json.loads(a.parties)),
            recipients=a.recipients,
        )
        for a in activities(session, plan)
    ]


def management_costs(session: Session, plan: Plan) -> list[PlanManagementCost]:
    """The project-management lines in order."""
    return list(
        session.scalars(
            select(PlanManagementCost)
            .where(PlanManagementCost.plan_id == plan.id)
            .order_by(PlanManagementCost.sort_order)
        )
    )


def stated_totals(session: Session, plan: Plan) -> list[PlanStatedTotal]:
    """The totals as stated, in order."""
    return list(
        session.scalars(
            select(PlanStatedTotal)
            .where(PlanStatedTotal.plan_id == plan.id)
            .order_by(PlanStatedTotal.sort_order)
        )
    )


def revisions(session: Session, plan: Plan) -> list[PlanRevision]:
    """Every recorded change of the plan, oldest first."""
    return list(
        session.scalars(
            select(PlanRevision).where(PlanRevision.plan_id == plan.id).order_by(PlanRevision.id)
        )
    )


@dataclass(frozen=True)
class PlanListing:
    """One plan in the store, as `miljomal plan list` shows it."""

    name: str
    activities: int
    source_file: str
    imported_at: dt.datetime

    def to_dict(self) -> dict[str, object]:
        """The JSON contract of `miljomal plan list --json`."""
        return {
            "name": self.name,
            "activities": self.activities,
            "source_file": self.source_file,
            "imported_at": self.imported_at.isoformat(sep=" ", timespec="seconds"),
        }


def plan_listing(session: Session) -> list[PlanListing]:
    """Every plan in the store with its number of activities."""
    return [
        PlanListing(p.name, len(activities(session, p)), p.source_file, p.imported_at)
        for p in list_plans(session)
    ]


@dataclass(frozen=True)
class PlanRevisionEntry:
    """One recorded change of a re-imported plan, with the file that made it."""

    changed_at: dt.datetime
    changed_by: str
    file: str | None
    subject: str
    field: str
    old: str | None
    new: str | None

    def to_dict(self) -> dict[str, object]:
        """The JSON contract of one line of `miljomal plan history --json`."""
        return {
            "changed_at": self.changed_at.isoformat(sep=" ", timespec="seconds"),
            "changed_by": self.changed_by,
            "file": self.file,
            "subject": self.subject,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


def revision_entries(session: Session, plan: Plan) -> list[PlanRevisionEntry]:
    """Every recorded change of the plan, oldest first, each with its file's name."""
    files = {i.id: i.file_name for i in imports(session, plan)}
    return [
        PlanRevisionEntry(
            r.changed_at,
            r.changed_by,
            files.get(r.import_id),
            r.subject,
            r.field,
            r.old_value,
            r.new_value,
        )
        for r in revisions(session, plan)
    ]


def imports(session: Session, plan: Plan) -> list[PlanImport]:
    """Every import of the plan, oldest first."""
    return list(
        session.scalars(
            select(PlanImport).where(PlanImport.plan_id == plan.id).order_by(PlanImport.id)
        )
    )


def to_parsed(session: Session, plan: Plan) -> ParsedPlan:
    """The stored plan as a ParsedPlan again, so its totals can be checked like a file's."""
    rows = activities(session, plan)
    return ParsedPlan(
        title=plan.title,
        subtitle=plan.subtitle,
        goals=[Goal(g.number, g.title, g.description, 0) for g in goals(session, plan)],
        activities=[
            Activity(
                code=a.code,
                title=a.title,
                goal_number=a.goal_number,
                tasks=json.loads(a.tasks),
                budget=a.budget,
                budget_text=a.budget_text,
                parties=json.loads(a.parties),
                start=a.start_date,
                end=a.end_date,
                period_text=a.period_text,
                recipients=a.recipients,
                line=0,
            )
            for a in rows
        ],
        management=[
            ManagementCost(m.label, m.description, m.budget, m.budget_text, 0)
            for m in management_costs(session, plan)
        ],
        totals=[
            StatedTotal(t.label, t.amount, t.amount_text, 0) for t in stated_totals(session, plan)
        ],
        problems=ProblemReport(plan.source_file),
    )
