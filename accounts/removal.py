"""Removing a person: the account is closed and their name and e-mail become a pseudonym.

The store keeps who changed what (a revision's ``changed_by``, an upload's ``uploaded_by``,
the county board's ``actor``...) and people sometimes type names into comments and reasons.
:func:`remove_person` replaces the person's e-mail address and name (in any letter case) in
every text column of every table with one pseudonym, ``borttagen-`` and eight hex digits,
so the history still shows that the same (pseudonymous) person made those changes and
`miljomal verify` still replays it: a value, its revisions and its observation's comment
change together.

The pseudonym is an HMAC-SHA256 of the account under a random key that is thrown away, so
nobody can find out whose it was by trying addresses.  Stored files (an upload's bytes) are
kept as they are: their SHA-256 is the proof of what was received.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sqlalchemy import MetaData
from sqlalchemy import String
from sqlalchemy import Table
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from accounts.errors import AccountError
from accounts.models import User
from accounts.users import get_user
from indicators.models import REMOVE
from indicators.models import AccountEvent
from indicators.models import utcnow

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
        raise RemovalRefused("removal-needs-reason")
    user = get_user(session, email)
    if user.email.startswith(PREFIX) and not user.active:
        raise RemovalRefused("already-removed", email=user.email)
    old_email, old_name = user.email, user.name.strip()
    pseudonym = _unused_pseudonym(session, user)
    scrub = _Scrubber(old_email, old_name, pseudonym)
    replaced: dict[str, int] = {}
    connection = session.connection()
    for table in _tables(session):
        key_columns = list(table.primary_key.columns)
        for column in table.columns:
            if not isinstance(column.type, String) or not key_columns:
                continue
            found = connection.execute(
                select(*key_columns, column).where(scrub.condition(column))
            ).all()
            for *key, text in found:
                cleaned_text = scrub(text)
                if cleaned_text == text:
                    continue
                connection.execute(
                    update(table)
                    .where(*(c == v for c, v in zip(key_columns, key, strict=True)))
                    .values({column.name: cleaned_text})
                )
                name = f"{table.name}.{column.name}"
                replaced[name] = replaced.get(name, 0) + 1
    user.email = pseudonym
    user.name = pseudonym
    user.password_hash = None
    user.active = False
    user.session_epoch += 1
    session.add(
        AccountEvent(
            action=REMOVE, subject=pseudonym, actor=actor, reason=scrub(reason.strip()), at=utcnow()
        )
    )
    session.flush()
    return Removal(pseudonym, dict(sorted(replaced.items())))


class _Scrubber:
    """Replaces a person's e-mail address and name in a text, whatever their letter case.

    The database finds the candidate texts (exact case, or ASCII case folded: SQLite's
    lower() folds only A-Z); Python does the replacing, so both databases give the same.
    """

    def __init__(self, email: str, name: str, pseudonym: str) -> None:
        self.pseudonym = pseudonym
        self.inside = [email] + ([name] if len(name) >= SHORTEST_NAME_IN_TEXT else [])
        self.whole = name if 0 < len(name) < SHORTEST_NAME_IN_TEXT else None
        self.pattern = re.compile("|".join(map(re.escape, self.inside)), re.IGNORECASE)

    def condition(self, column: Any) -> Any:
        """Texts of ``column`` that may hold the address or the name."""
        found = [column.contains(text, autoescape=True) for text in self.inside]
        found += [
            func.lower(column).contains(text.lower(), autoescape=True) for text in self.inside
        ]
        if self.whole is not None:
            found.append(func.lower(column) == self.whole.lower())
        return or_(*found)

    def __call__(self, text: str) -> str:
        if self.whole is not None and text.strip().casefold() == self.whole.casefold():
            return self.pseudonym
        return self.pattern.sub(self.pseudonym, text)


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
