"""Tables of imported action plans, their revision history and the follow-up log.

A plan is kept as written (goals, activities, project-management lines, stated totals).
Re-importing a revised plan updates these rows and writes one ``plan_revision`` per changed
field; an activity dropped from the plan is marked ``removed`` rather than deleted, so its
status updates stay readable.  Status updates are only ever added, never changed.
"""

# Annotations are evaluated here (no `from __future__ import annotations`): as strings,
# SQLAlchemy would eval() each `Mapped[...]` while mapping the class, a cost paid by every
# command's start-up. A class named before its definition is quoted.
import datetime as dt

from sqlalchemy import BigInteger
from sqlalchemy import Boolean
from sqlalchemy import CheckConstraint
from sqlalchemy import Date
from sqlalchemy import DateTime
from sqlalchemy import Float
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from database.base import Base
from indicators.models import utcnow

NOT_STARTED = "not-started"
ONGOING = "ongoing"
DONE = "done"
DELAYED = "delayed"
CANCELLED = "cancelled"
STATUSES = (NOT_STARTED, ONGOING, DONE, DELAYED, CANCELLED)


class Plan(Base):
    """One action plan in the store, known by a unique name."""

    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    subtitle: Mapped[str] = mapped_column(String(500), default="")
    source_file: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(100))


class PlanImport(Base):
    """One import of a plan file: the first one, or a revised plan."""

    __tablename__ = "plan_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(100))
    changes: Mapped[int] = mapped_column(Integer, default=0)


class PlanGoal(Base):
    """A goal (Mål) of a plan."""

    __tablename__ = "plan_goal"
    __table_args__ = (UniqueConstraint("plan_id", "number", name="uq_plan_goal_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class PlanActivity(Base):
    """An activity of a goal: tasks, budget (None when unknown), parties, period, recipients.

    ``tasks`` and ``parties`` hold JSON lists of strings; ``budget_text`` the amount as written.
    """

    __tablename__ = "plan_activity"
    __table_args__ = (UniqueConstraint("plan_id", "code", name="uq_plan_activity_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    goal_number: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    tasks: Mapped[str] = mapped_column(Text, default="[]")
    budget: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    budget_text: Mapped[str] = mapped_column(String(100), default="")
    parties: Mapped[str] = mapped_column(Text, default="[]")
    start_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    period_text: Mapped[str] = mapped_column(String(100), default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)


class PlanManagementCost(Base):
    """A project-management line (Utvärdering, Övrigt, Löner + OH) and its budget."""

    __tablename__ = "plan_management_cost"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    budget: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    budget_text: Mapped[str] = mapped_column(String(100), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class PlanStatedTotal(Base):
    """A total exactly as the plan states it."""

    __tablename__ = "plan_stated_total"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(300))
    amount: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    amount_text: Mapped[str] = mapped_column(String(100), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class PlanRevision(Base):
    """One changed field of a re-imported plan: subject (3.2.1, Mål 2, a total), old, new."""

    __tablename__ = "plan_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("plan_import.id", ondelete="CASCADE"), index=True
    )
    subject: Mapped[str] = mapped_column(String(300))
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(100))


class PlanStatusUpdate(Base):
    """One dated entry in an activity's follow-up log; entries are added, never changed.

    ``spent`` is the amount spent on the activity so far (kronor, cumulative) as of ``date``;
    ``progress`` the share done in percent.  ``example`` marks invented demo entries.
    """

    __tablename__ = "plan_status_update"
    __table_args__ = (
        CheckConstraint(
            "status IN ('not-started', 'ongoing', 'done', 'delayed', 'cancelled')", name="status"
        ),
        CheckConstraint("progress IS NULL OR (progress >= 0 AND progress <= 100)", name="progress"),
        CheckConstraint("spent IS NULL OR spent >= 0", name="spent"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("plan_activity.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    spent: Mapped[float | None] = mapped_column(Float, nullable=True)
    progress: Mapped[float | None] = mapped_column(Float, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    source_file: Mapped[str | None] = mapped_column(String(500), nullable=True)
    example: Mapped[bool] = mapped_column(Boolean, default=False)


class PlanIndicatorLink(Base):
    """An indicator an activity is meant to move."""

    __tablename__ = "plan_indicator_link"
    __table_args__ = (
        UniqueConstraint("activity_id", "indicator_id", name="uq_plan_indicator_link_pair"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("plan_activity.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
