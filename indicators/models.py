"""Tables of the indicator catalogue and the time-series store with its full history."""

# Annotations are evaluated here (no `from __future__ import annotations`): as strings,
# SQLAlchemy would eval() each `Mapped[...]` while mapping the class, a cost paid by every
# command's start-up. A class named before its definition is quoted.
import datetime as dt
from typing import cast

from sqlalchemy import Boolean
from sqlalchemy import CheckConstraint
from sqlalchemy import Date
from sqlalchemy import DateTime
from sqlalchemy import Float
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import LargeBinary
from sqlalchemy import String
from sqlalchemy import Table
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy import text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from database.base import Base

# Value status, as in Swedish official statistics: a reported number, `..` (uppgift
# saknas, missing) or `.` (ej tillämpligt, not applicable).
REPORTED = "reported"
MISSING = "missing"
NOT_APPLICABLE = "not-applicable"
STATUSES = (REPORTED, MISSING, NOT_APPLICABLE)


def utcnow() -> dt.datetime:
    """The current time in UTC, without tzinfo (stored as naive UTC everywhere)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class IndicatorSet(Base):
    """A named catalogue of indicators, such as `sekom-2012` or a municipality's local set."""

    __tablename__ = "indicator_set"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200), nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)

    indicators: Mapped[list["Indicator"]] = relationship(
        back_populates="indicator_set", order_by="Indicator.sort_order"
    )


class Indicator(Base):
    """One indicator: what is measured, in which unit, and which direction is better."""

    __tablename__ = "indicator"
    # A code means something only within its set: GN.7 is household waste in sekom-2012
    # and renewable energy in premises in sekom-2023.
    __table_args__ = (
        CheckConstraint("direction IN ('lower', 'higher')", name="direction"),
        UniqueConstraint("set_id", "code", name="uq_indicator_set_id_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(30))
    set_id: Mapped[int] = mapped_column(ForeignKey("indicator_set.id"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    unit: Mapped[str] = mapped_column(String(50))
    direction: Mapped[str] = mapped_column(String(10))
    decimals: Mapped[int] = mapped_column(Integer, default=1)
    min_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    reported_by: Mapped[str] = mapped_column(String(20), default="municipality")
    source: Mapped[str | None] = mapped_column(String(300), nullable=True)
    objectives: Mapped[str] = mapped_column(String(100), default="")
    change_threshold: Mapped[float | None] = mapped_column(Float, nullable=True)

    indicator_set: Mapped["IndicatorSet"] = relationship(back_populates="indicators")


class Upload(Base):
    """One imported file: what it was, who sent it, and what it did to the store."""

    __tablename__ = "upload"
    # One standing upload per file content (a reverted file may be imported again): the
    # partial unique index of migration 0004, declared by `declare_standing_upload_index`.
    # The importer asks for any upload of a hash, standing or reverted, which that index
    # cannot answer: the plain index (migration 0014) spares a scan of every upload's row.

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    layout: Mapped[str | None] = mapped_column(String(30), nullable=True)
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(20))
    force_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    reverted_by: Mapped[int | None] = mapped_column(ForeignKey("upload.id"), nullable=True)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)


STANDING_UPLOAD_INDEX = "uq_upload_sha256_standing"


def declare_standing_upload_index() -> None:
    """Declare the upload table's partial unique index on the metadata, for Alembic.

    Not among `Upload`'s table arguments: to check `postgresql_where` SQLAlchemy imports
    its PostgreSQL dialect with every driver and asyncio, 0.05 s of every command's start-up
    on SQLite too. The index is made by migration 0004; only Alembic's environment, which
    compares the models with the schema, needs it declared (and calls this).
    """
    table = cast(Table, Upload.__table__)
    if any(index.name == STANDING_UPLOAD_INDEX for index in table.indexes):
        return
    Index(
        STANDING_UPLOAD_INDEX,
        table.c.sha256,
        unique=True,
        sqlite_where=text("reverted_by IS NULL"),
        postgresql_where=text("reverted_by IS NULL"),
    )


class Observation(Base):
    """The current value of one indicator for one municipality and year."""

    __tablename__ = "observation"
    __table_args__ = (
        UniqueConstraint("municipality_code", "indicator_id", "year", name="uq_observation_key"),
        Index("ix_observation_indicator_year", "indicator_id", "year"),
        CheckConstraint("status IN ('reported', 'missing', 'not-applicable')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default=REPORTED)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("upload.id"), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Revision(Base):
    """One change of an observation: what it was, what it became, when, by whom, from what."""

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # None once a revert removed the value (it never stood before the upload that created
    # it); the revision then keeps where the value stood (migration 0011_review_loop).
    observation_id: Mapped[int | None] = mapped_column(
        ForeignKey("observation.id"), nullable=True, index=True
    )
    upload_id: Mapped[int | None] = mapped_column(
        ForeignKey("upload.id"), nullable=True, index=True
    )
    municipality_code: Mapped[str | None] = mapped_column(String(4), nullable=True)
    indicator_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    old_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    old_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    old_comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    new_status: Mapped[str | None] = mapped_column(String(20), nullable=True)  # None: removed
    new_comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class Target(Base):
    """A target value for an indicator, set for one municipality or for a whole county."""

    __tablename__ = "target"
    __table_args__ = (
        CheckConstraint("(municipality_code IS NULL) <> (county_code IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str | None] = mapped_column(
        ForeignKey("municipality.code"), nullable=True, index=True
    )
    county_code: Mapped[str | None] = mapped_column(ForeignKey("county.code"), nullable=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    target_value: Mapped[float] = mapped_column(Float)
    target_year: Mapped[int] = mapped_column(Integer)
    base_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100), nullable=True)


class NationalTargetOff(Base):
    """A county that has switched off a national target (indicators/data/mappings/)."""

    __tablename__ = "national_target_off"

    county_code: Mapped[str] = mapped_column(ForeignKey("county.code"), primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), primary_key=True)
    switched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    switched_by: Mapped[str | None] = mapped_column(String(100), nullable=True)


class YearLock(Base):
    """A reporting year the county board has approved; imports into it need --force."""

    __tablename__ = "year_lock"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    locked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    locked_by: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# --- the county board's review (migration 0007_county) ------------------------------------

# What the county board did, as kept in `county_event`.  The first three are a municipality's
# year (approval); lock and unlock are a whole year (the county-wide final lock).
APPROVE = "approve"
RETURN = "return"
REOPEN = "reopen"
LOCK = "lock"
UNLOCK = "unlock"
# A municipality's reporter marks its year "Klar för granskning" (migration 0011_review_loop).
SUBMIT = "submit"
COUNTY_ACTIONS = (APPROVE, RETURN, REOPEN, LOCK, UNLOCK, SUBMIT)


class ReportingWindow(Base):
    """The dates between which municipalities report a year's values (both days included)."""

    __tablename__ = "reporting_window"
    __table_args__ = (CheckConstraint("opens <= closes", name="order"),)

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    opens: Mapped[dt.date] = mapped_column(Date)
    closes: Mapped[dt.date] = mapped_column(Date)
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CountyEvent(Base):
    """One decision of the county board: who, when, why; never changed or deleted.

    A municipality-year's approval state is its latest approve/return/reopen event.
    """

    __tablename__ = "county_event"
    __table_args__ = (
        CheckConstraint(
            "action IN ('approve', 'return', 'reopen', 'lock', 'unlock', 'submit')",
            name="action",
        ),
        Index("ix_county_event_year_municipality", "year", "municipality_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(10))
    municipality_code: Mapped[str | None] = mapped_column(
        ForeignKey("municipality.code"), nullable=True
    )
    year: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# --- the audit log's record of a person's removal (migration 0013_personal_data) ----------

REMOVE = "remove"


class AccountEvent(Base):
    """A person's name and e-mail address replaced by a pseudonym: when, by whom and why.

    ``subject`` is the pseudonym, never the address (accounts/removal.py).
    """

    __tablename__ = "account_event"
    __table_args__ = (CheckConstraint("action IN ('remove')", name="action"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(254))
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# --- the Kolada sync's tables: indicator-to-KPI mappings and Kolada's own values -------


class KoladaMapping(Base):
    """Which Kolada KPI gives an indicator's values, how to convert them, and who confirmed it."""

    __tablename__ = "kolada_mapping"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), unique=True)
    kpi: Mapped[str] = mapped_column(String(20))
    factor: Mapped[float] = mapped_column(Float, default=1.0)
    gender: Mapped[str] = mapped_column(String(1), default="T")
    provenance: Mapped[str] = mapped_column(String(500))
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class KoladaValue(Base):
    """Kolada's value for one municipality, indicator and year, kept beside the observation.

    The observation stays the official value; this row is what Kolada said at the last sync
    that changed it (``upload_id``), already converted to the indicator's unit.
    """

    __tablename__ = "kolada_value"
    __table_args__ = (
        UniqueConstraint("municipality_code", "indicator_id", "year", name="uq_kolada_value_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    kpi: Mapped[str] = mapped_column(String(20))
    upload_id: Mapped[int] = mapped_column(ForeignKey("upload.id"))
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
