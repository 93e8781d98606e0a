"""Removing a person: the account is closed and their name and e-mail become a pseudonym.

The store keeps who changed what (a revision's ``changed_by``, an upload's ``uploaded_by``,
the county board's ``actor``...) and people sometimes type names into comments and reasons.
:func:`remove_person` replaces the person's e-mail address and name in every text column of
every table with one pseudonym, ``borttagen-`` and eight hex digits, so the history still
shows that the same (pseudonymous) person made those changes and `miljomal verify` still
replays it: a value, its revisions and its observation's comment change together.

The pseudonym is an HMAC-SHA256 of the account under a random key that is thrown away, so
nobody can find out whose it was by trying addresses.  Stored files (an upload's bytes) are
kept as they are: their SHA-256 is the proof of what was received.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import MetaData, String, Table, func, select, update
from sqlalchemy.orm import Session

from accounts.errors import AccountError
from accounts.models import User
from accounts.users import get_user
from indicators.models import REMOVE, AccountEvent, utcnow

PREFIX = "borttagen-"
# A name shorter than this is only replaced where it is the whole text: "Al" inside other
# words would be replaced too.
SHORTEST_NAME_IN_TEXT = 3
SKIPPED_TABLES = {"alembic_version", User.__tablename__}


class RemovalRefused(AccountError):
    """The removal cannot be done as asked (no reason given)."""


@dataclass(frozen=True)
class Removal:
    """What removing a person did: the pseudonym and how many texts each column had changed."""

    pseudonym: str
    replaced: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """How many texts were changed, in every table."""
        return sum(self.replaced.values())

    def to_dict(self) -> dict[str, Any]:
        return {"pseudonym": self.pseudonym, "rows": self.rows, "replaced": self.replaced}


def pseudonym_for(user_id: int, email: str, key: bytes) -> str:
    """``borttagen-`` and the first eight hex digits of HMAC-SHA256(key, id and e-mail)."""
    digest = hmac.new(key, f"{user_id}\n{email}".encode(), hashlib.sha256).hexdigest()
    return PREFIX + digest[:8]


def remove_person(session: Session, email: str, *, reason: str, actor: str) -> Removal:
    """Close the account of ``email`` and put a pseudonym for its name and e-mail everywhere.

    The audit log records the removal (``account_event``) with the pseudonym, who did it
    and why; the reason is cleaned of the name and address too.  The caller commits.
    """
    if not reason or not reason.strip():
        raise RemovalRefused(
            "give a reason for the removal (--reason)", "ange varför personen tas bort (--reason)"
        )
    user = get_user(session, email)
    if user.email.startswith(PREFIX) and not user.active:
        raise RemovalRefused(
            f"{user.email} has been removed already", f"{user.email} är redan borttagen"
        )
    old_email, old_name = user.email, user.name.strip()
    pseudonym = _unused_pseudonym(session, user)
    replaced: dict[str, int] = {}
    connection = session.connection()  # its results have a row count; the session's do not
    for table in _tables(session):
        for column in table.columns:
            if not isinstance(column.type, String):
                continue
            for needle in _needles(old_email, old_name):
                changed = connection.execute(
                    update(table)
                    .where(needle.match(column))
                    .values({column.name: needle.replacement(column, pseudonym)})
                ).rowcount
                if changed:
                    key = f"{table.name}.{column.name}"
                    replaced[key] = replaced.get(key, 0) + changed
    user.email = pseudonym
    user.name = pseudonym
    user.password_hash = None
    user.active = False
    user.session_epoch += 1
    cleaned = reason.strip().replace(old_email, pseudonym)
    if len(old_name) >= SHORTEST_NAME_IN_TEXT:
        cleaned = cleaned.replace(old_name, pseudonym)
    session.add(
        AccountEvent(action=REMOVE, subject=pseudonym, actor=actor, reason=cleaned, at=utcnow())
    )
    session.flush()
    return Removal(pseudonym, dict(sorted(replaced.items())))


@dataclass(frozen=True)
class _Needle:
    """One text to replace: inside longer texts, or only where it is the whole text."""

    text: str
    inside: bool

    def match(self, column: Any) -> Any:
        return column.contains(self.text, autoescape=True) if self.inside else column == self.text

    def replacement(self, column: Any, pseudonym: str) -> Any:
        return func.replace(column, self.text, pseudonym) if self.inside else pseudonym


def _needles(email: str, name: str) -> list[_Needle]:
    needles = [_Needle(email, inside=True)]
    if name:
        needles.append(_Needle(name, inside=len(name) >= SHORTEST_NAME_IN_TEXT))
    return needles


def _tables(session: Session) -> list[Table]:
    """Every table of the store as the database has it (tables of any migration included)."""
    metadata = MetaData()
    metadata.reflect(bind=session.connection())
    return [table for table in metadata.sorted_tables if table.name not in SKIPPED_TABLES]


def _unused_pseudonym(session: Session, user: User) -> str:
    while True:
        pseudonym = pseudonym_for(user.id, user.email, secrets.token_bytes(32))
        if session.scalar(select(User.id).where(User.email == pseudonym)) is None:
            return pseudonym
