"""Tables of the web portal's accounts: users, their municipalities, tokens, staged files."""

# Annotations are evaluated here (no `from __future__ import annotations`): as strings,
# SQLAlchemy would eval() each `Mapped[...]` while mapping the class, a cost paid by every
# command's start-up. A class named before its definition is quoted.
import datetime as dt

from sqlalchemy import Boolean
from sqlalchemy import DateTime
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import LargeBinary
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from database.base import Base
from indicators.models import utcnow

REPORTER = "reporter"
COUNTY = "county"
ADMIN = "admin"
ROLES = (REPORTER, COUNTY, ADMIN)


class User(Base):
    """A person who logs in: e-mail as user name, one role, Argon2id password hash."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    county_code: Mapped[str | None] = mapped_column(ForeignKey("county.code"), nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    lang: Mapped[str] = mapped_column(String(2), default="sv")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Raised on password change and logout: sessions carrying an older epoch are void.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    municipalities: Mapped[list["UserMunicipality"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def municipality_codes(self) -> list[str]:
        """The codes of the municipalities assigned to the user, sorted."""
        return sorted(m.municipality_code for m in self.municipalities)


class UserMunicipality(Base):
    """One municipality a reporter reports for."""

    __tablename__ = "user_municipality"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    municipality_code: Mapped[str] = mapped_column(
        ForeignKey("municipality.code"), primary_key=True
    )


class ApiToken(Base):
    """A bearer token for batch clients; only its SHA-256 is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # NULL only for tokens made before tokens expired (migration 0009 gives them a year).
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class EndedSession(Base):
    """A logged-out session: its copied cookie opens nothing until it would have expired."""

    __tablename__ = "ended_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    session_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ended_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Invitation(Base):
    """A one-time link where a person sets their password; only its SHA-256 is stored."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class StagedFile(Base):
    """An uploaded file kept between review (Granska) and saving (Spara), by its SHA-256.

    Only a file that can be saved keeps its bytes (``content``; empty otherwise).  The
    review's problems (JSON) and the annotated copy, once made, are kept with it, so a
    download never runs the review again.
    """

    __tablename__ = "staged_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    # None: a county compilation, with values for many municipalities (0012_county_upload).
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"))
    year: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(500))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    ok: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Bytes counted against the staging caps: the content plus the annotated copy.
    size: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    problems: Mapped[str | None] = mapped_column(Text, nullable=True)
    annotated: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)
    annotated_lang: Mapped[str | None] = mapped_column(String(2), nullable=True)
    # Why no annotated copy can be made: "too-many-rows" or "cannot-annotate".
    annotation_refusal: Mapped[str | None] = mapped_column(String(40), nullable=True)
