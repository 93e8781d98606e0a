"""Tables of the municipality registry."""

# Annotations are evaluated here (no `from __future__ import annotations`): as strings,
# SQLAlchemy would eval() each `Mapped[...]` while mapping the class, a cost paid by every
# command's start-up. A class named before its definition is quoted.
from sqlalchemy import Boolean
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from database.base import Base


class County(Base):
    """A Swedish county (län), identified by its two-digit länskod."""

    __tablename__ = "county"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(100))

    municipalities: Mapped[list["Municipality"]] = relationship(back_populates="county")


class Municipality(Base):
    """A Swedish municipality (kommun), identified by its four-digit kommunkod."""

    __tablename__ = "municipality"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(100))
    county_code: Mapped[str] = mapped_column(ForeignKey("county.code"), index=True)
    sekom_member: Mapped[bool] = mapped_column(Boolean, default=False)
    # Membership over time: joined in sekom_since (None: as far back as values go), left in
    # sekom_left (None: still a member).  A municipality counts in a year's SEkom average
    # when sekom_since <= year < sekom_left (docs/method.md, "Jämförelser").
    sekom_since: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sekom_left: Mapped[int | None] = mapped_column(Integer, nullable=True)

    def sekom_member_in(self, year: int) -> bool:
        """Whether the municipality was a SEkom member in ``year``."""
        return sekom_member_in(self.sekom_member, self.sekom_since, self.sekom_left, year)

    county: Mapped["County"] = relationship(back_populates="municipalities")


def sekom_member_in(member: bool, since: int | None, left: int | None, year: int) -> bool:
    """Membership in one year from the stored flag and years (also for plain query rows)."""
    if left is not None:
        return (since is None or since <= year) and year < left
    return member and (since is None or since <= year)


class MunicipalityGroup(Base):
    """A named group of municipalities the county defines, such as SEkom Y."""

    __tablename__ = "municipality_group"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)


class GroupMember(Base):
    """Membership of one municipality in one group."""

    __tablename__ = "group_member"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("municipality_group.id", ondelete="CASCADE"), primary_key=True
    )
    municipality_code: Mapped[str] = mapped_column(
        ForeignKey("municipality.code"), primary_key=True
    )
