"""Named groups of municipalities that the county defines (such as SEkom Y), kept in the store."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import LANGS
from i18n import Lang
from i18n import Text
from municipalities.errors import GroupExists
from municipalities.errors import InvalidGroup
from municipalities.errors import RegistryNotLoaded
from municipalities.errors import UnknownGroup
from municipalities.errors import UnknownMunicipality
from municipalities.errors import did_you_mean
from municipalities.models import GroupMember
from municipalities.models import Municipality
from municipalities.models import MunicipalityGroup
from municipalities.registry import get_municipality
from municipalities.registry import municipality_to_dict
from municipalities.registry import resolve_municipality


@dataclass(frozen=True)
class GroupInfo:
    """A group as listed: its name, description and member kommunkoder (sorted)."""

    name: str
    description: str | None
    member_codes: list[str]

    def to_dict(self, *, member_names: bool = False) -> dict[str, Any]:
        """The JSON contract: `groups list` gives member codes, `groups show` codes and names."""
        members: list[Any] = list(self.member_codes)
        if member_names:
            members = [
                {"code": code, "name": resolve_municipality(code).short_name}
                for code in self.member_codes
            ]
        return {"name": self.name, "description": self.description, "members": members}


def create_group(
    session: Session,
    name: str,
    member_codes: Iterable[Any],
    description: str | None = None,
    replace: bool = False,
) -> GroupInfo:
    """Define a group from codes or names; every unknown member is named in one error."""
    name = " ".join(str(name).split())
    if not name:
        raise InvalidGroup("group-needs-name")
    codes = _resolve_members(member_codes)
    missing = sorted(set(codes) - set(session.scalars(select(Municipality.code))))
    if missing:
        raise RegistryNotLoaded(missing[0])

    group = session.scalar(select(MunicipalityGroup).where(MunicipalityGroup.name == name))
    if group is not None and not replace:
        raise GroupExists(name)
    if group is None:
        group = MunicipalityGroup(name=name, description=description)
        session.add(group)
    else:
        group.description = description
        session.execute(delete(GroupMember).where(GroupMember.group_id == group.id))
    session.flush()
    session.execute(
        insert(GroupMember), [{"group_id": group.id, "municipality_code": c} for c in codes]
    )
    return GroupInfo(name, description, codes)


def _resolve_members(values: Iterable[Any]) -> list[str]:
    codes: set[str] = set()
    unknown: list[UnknownMunicipality] = []
    for value in values:
        if isinstance(value, str) and not value.strip():
            continue
        try:
            codes.add(resolve_municipality(value).code)
        except UnknownMunicipality as exc:
            unknown.append(exc)
    if unknown:
        raise InvalidGroup("group-unknown-members", listed=_listed(unknown))
    if not codes:
        raise InvalidGroup("group-needs-members")
    return sorted(codes)


def _listed(errors: list[UnknownMunicipality]) -> Text:
    """The unknown members with their suggestions, `'Sundsval' (menade du Sundsvall?)`."""
    return Text(*(", ".join(_unknown(error, lang) for error in errors) for lang in LANGS))


def _unknown(error: UnknownMunicipality, lang: Lang) -> str:
    shown = repr(error.value) if isinstance(error.value, str) else str(error.value)
    return shown + did_you_mean(error.suggestions).render(lang)


def list_groups(session: Session) -> list[GroupInfo]:
    """Every group with its members, by name."""
    groups = session.scalars(select(MunicipalityGroup).order_by(MunicipalityGroup.name)).all()
    members: dict[int, list[str]] = {group.id: [] for group in groups}
    rows = session.execute(
        select(GroupMember.group_id, GroupMember.municipality_code).order_by(
            GroupMember.municipality_code
        )
    )
    for group_id, code in rows:
        members.setdefault(group_id, []).append(code)
    return [GroupInfo(g.name, g.description, members[g.id]) for g in groups]


def get_group(session: Session, name: str) -> GroupInfo:
    """One group with its members (name in any case); an unknown name suggests close ones."""
    group = _find(session, name)
    return GroupInfo(group.name, group.description, _member_codes(session, group.id))


def group_members(session: Session, name: str) -> list[str]:
    """The kommunkoder of a group's members, sorted."""
    return _member_codes(session, _find(session, name).id)


def groups_of(session: Session, code: str) -> list[str]:
    """Names of the groups a municipality (kommunkod) belongs to, sorted."""
    query = (
        select(MunicipalityGroup.name)
        .join(GroupMember, GroupMember.group_id == MunicipalityGroup.id)
        .where(GroupMember.municipality_code == code)
        .order_by(MunicipalityGroup.name)
    )
    return list(session.scalars(query))


def delete_group(session: Session, name: str) -> None:
    """Remove a group and its memberships (the municipalities stay)."""
    group = _find(session, name)
    session.execute(delete(GroupMember).where(GroupMember.group_id == group.id))
    session.delete(group)
    session.flush()


def _find(session: Session, name: str) -> MunicipalityGroup:
    name = " ".join(str(name).split())
    group = session.scalar(select(MunicipalityGroup).where(MunicipalityGroup.name == name))
    if group is not None:
        return group
    names = list(session.scalars(select(MunicipalityGroup.name)))
    same_but_case = [n for n in names if n.casefold() == name.casefold()]
    if len(same_but_case) == 1:
        return session.scalars(
            select(MunicipalityGroup).where(MunicipalityGroup.name == same_but_case[0])
        ).one()
    by_folded = {n.casefold(): n for n in names}
    close = difflib.get_close_matches(name.casefold(), list(by_folded), n=3, cutoff=0.6)
    raise UnknownGroup(name, [by_folded[c] for c in close])


def _member_codes(session: Session, group_id: int) -> list[str]:
    query = (
        select(GroupMember.municipality_code)
        .where(GroupMember.group_id == group_id)
        .order_by(GroupMember.municipality_code)
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class MunicipalityDetail:
    """One stored municipality with its county's name and the groups it belongs to."""

    municipality: Municipality
    county_name: str
    groups: list[str]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `miljomal municipalities show --json`."""
        return municipality_to_dict(self.municipality) | {
            "county_name": self.county_name,
            "groups": self.groups,
        }


def municipality_detail(session: Session, value: Any) -> MunicipalityDetail:
    """The stored municipality a code or name names, with its county and groups."""
    found = get_municipality(session, value)
    return MunicipalityDetail(found, found.county.name, groups_of(session, found.code))
