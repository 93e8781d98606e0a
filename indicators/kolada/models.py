"""Tables of the Kolada sync: the indicator-to-KPI mappings and Kolada's own values."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models import utcnow
from municipalities.models import Base


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
