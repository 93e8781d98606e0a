"""Users, roles, passwords, invitations and API tokens: account logic without any web code.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second choice);
invitation links and API tokens are random 256-bit strings shown once and stored only as
their SHA-256, so a copy of the database opens no account.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from argon2.exceptions import VerificationError
from sqlalchemy import Select
from sqlalchemy import bindparam
from sqlalchemy import delete
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm import joinedload

from accounts.errors import InvalidAccountData
from accounts.errors import InvalidInvitation
from accounts.errors import UnknownToken
from accounts.errors import UnknownUser
from accounts.errors import UserExists
from accounts.models import ADMIN
from accounts.models import COUNTY
from accounts.models import REPORTER
from accounts.models import ROLES
from accounts.models import ApiToken
from accounts.models import Invitation
from accounts.models import User
from accounts.models import UserMunicipality
from accounts.passwords import check_password_strength
from accounts.passwords import normalise_password
from i18n import Lang
from i18n import pick_lang
from indicators.models import utcnow
from municipalities.models import County
from municipalities.models import Municipality

INVITATION_DAYS = 7
TOKEN_DAYS = 365
MAX_TOKEN_DAYS = 3650
_HASHER = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown, so a wrong address costs as long as a
    wrong password and the answer time does not tell which addresses have accounts.

    Made at the first such login, not when the module loads: one hash costs 0,15 s, and
    every process that imports this module (`miljomal serve`, `users`) paid it at start-up.
    """
    return _HASHER.hash("not a password of anyone")


@dataclass(frozen=True)
class NewUser:
    """A created user and, unless a password was given, the invitation token to send."""

    user: User
    invitation: str | None


def hash_secret(secret: str) -> str:
    """The SHA-256 under which an invitation or API token is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TokenInfo:
    """What is known of one API token of an account (never the token itself)."""

    id: int
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None

    def to_dict(self) -> dict[str, object]:
        """The JSON contract of `miljomal users tokens --json`."""
        return {
            "id": self.id,
            "created_at": _iso(self.created_at),
            "last_used_at": _iso(self.last_used_at),
            "expires_at": _iso(self.expires_at),
        }


def normalise_email(email: str) -> str:
    """E-mail addresses compare without case and surrounding space."""
    return email.strip().lower()


def add_user(
    session: Session,
    email: str,
    *,
    name: str,
    role: str,
    municipalities: Iterable[str] = (),
    county: str | None = None,
    password: str | None = None,
    lang: Lang = "sv",
) -> NewUser:
    """Create a user; without a password, also an invitation valid for seven days."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise InvalidAccountData("not-an-email", email=repr(email))
    if role not in ROLES:
        raise InvalidAccountData("unknown-role", role=repr(role), roles=", ".join(ROLES))
    codes = sorted(set(municipalities))
    if role == REPORTER and not codes:
        raise InvalidAccountData("reporter-needs-municipality")
    if role == COUNTY and not county:
        raise InvalidAccountData("county-user-needs-county")
    for code in codes:
        if session.get(Municipality, code) is None:
            raise InvalidAccountData("no-municipality", code=code)
    if county is not None and session.get(County, county) is None:
        raise InvalidAccountData("no-county", code=county)
    if find_user(session, email) is not None:
        raise UserExists("user-exists", email=email)
    if password is not None:
        check_password_strength(password)
    user = User(
        email=email,
        name=name,
        role=role,
        county_code=county,
        password_hash=_hash_password(password) if password is not None else None,
        lang=pick_lang(lang),
        active=True,
        session_epoch=0,
        municipalities=[UserMunicipality(municipality_code=code) for code in codes],
    )
    session.add(user)
    session.flush()
    token = None if password is not None else _new_invitation(session, user)
    return NewUser(user, token)


def find_user(session: Session, email: str) -> User | None:
    """The user with this e-mail address, if any."""
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def get_user(session: Session, email: str) -> User:
    """The user with this e-mail address; raises UnknownUser."""
    user = find_user(session, email)
    if user is None:
        raise UnknownUser("unknown-user", email=email)
    return user


def list_users(session: Session) -> list[User]:
    """Every user, by e-mail address."""
    return list(session.scalars(select(User).order_by(User.email)))


def disable_user(session: Session, email: str) -> User:
    """Stop a user from logging in; their sessions, open links and API tokens end at once."""
    user = get_user(session, email)
    user.active = False
    _end_credentials(session, user)
    return user


def reset_user(session: Session, email: str) -> str:
    """Remove the password, end every session, link and token; return a new invitation.

    The tokens are revoked, not suspended: a reset of a disabled account gives back the
    right to log in once a new password is set, never the tokens it had.
    """
    user = get_user(session, email)
    user.password_hash = None
    _end_credentials(session, user)
    user.active = True
    return _new_invitation(session, user)


def create_api_token(session: Session, email: str, *, days: int = TOKEN_DAYS) -> str:
    """A new API token valid for ``days`` days, returned once and stored as its SHA-256."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise InvalidAccountData("token-days", most=MAX_TOKEN_DAYS, days=days)
    user = get_user(session, email)
    token = "mm_" + secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        ApiToken(
            user_id=user.id,
            token_hash=hash_secret(token),
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
    )
    return token


def list_api_tokens(session: Session, email: str) -> list[TokenInfo]:
    """The account's tokens that are not revoked, oldest first (expired ones included)."""
    user = get_user(session, email)
    rows = session.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.id)
    )
    return [TokenInfo(row.id, row.created_at, row.last_used_at, row.expires_at) for row in rows]


def revoke_api_tokens(session: Session, email: str, *, token_id: int | None = None) -> int:
    """Revoke one token of the account (``token_id``) or every one; the number revoked.

    Raises UnknownToken when ``token_id`` is not a live token of this account.
    """
    user = get_user(session, email)
    if token_id is None:
        return _revoke_tokens(session, user)
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != user.id or row.revoked_at is not None:
        raise UnknownToken("unknown-token", email=user.email, token=token_id)
    row.revoked_at = utcnow()
    return 1


TOKEN_USE_PRECISION = dt.timedelta(minutes=1)


@functools.cache
def _token_query() -> Select[ApiToken, User]:
    """The token with its user and the user's municipalities (which every API request asks
    about): one query, each a round trip on every request.  Built once, on first use (not
    at import: an ORM statement configures every mapper, and commands import this module).
    """
    return (
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == bindparam("token_hash"))
        .options(joinedload(User.municipalities))
    )


def user_for_api_token(
    session: Session, token: str, *, now: dt.datetime | None = None
) -> User | None:
    """The active user a live (not revoked, not expired) bearer token belongs to, or None."""
    found = session.execute(_token_query(), {"token_hash": hash_secret(token)}).unique().first()
    moment = now or utcnow()
    if found is None:
        return None
    row, user = found
    if row.revoked_at is not None:
        return None
    if row.expires_at is not None and row.expires_at <= moment:
        return None
    if not user.active:
        return None
    # To the minute: a client uploading ten files a second would otherwise write (and wait
    # for PostgreSQL to flush) the token's row on every request.
    if row.last_used_at is None or moment - row.last_used_at >= TOKEN_USE_PRECISION:
        row.last_used_at = moment
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user when the e-mail and password match, else None."""
    user = find_user(session, email)
    normalised = normalise_password(password)
    if user is None or not user.active or not user.password_hash:
        _verify(_dummy_hash(), normalised)
        return None
    if _verify(user.password_hash, normalised):
        if _HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = _hash_password(password)
        return user
    # A password set before passwords were normalised was hashed as typed.
    if normalised != password and _verify(user.password_hash, password):
        user.password_hash = _hash_password(password)
        return user
    return None


def set_password(session: Session, user: User, password: str) -> None:
    """Set a new password; every session, open link and API token of the user ends."""
    check_password_strength(password)
    user.password_hash = _hash_password(password)
    _end_credentials(session, user)


def invitation_user(session: Session, token: str, *, now: dt.datetime | None = None) -> User:
    """The user an unused, unexpired invitation is for; raises InvalidInvitation."""
    invitation = _invitation(session, token, now)
    user = session.get(User, invitation.user_id)
    assert user is not None
    return user


def accept_invitation(
    session: Session, token: str, password: str, *, now: dt.datetime | None = None
) -> User:
    """Set the password through a one-time invitation; the link cannot be used again."""
    invitation = _invitation(session, token, now)
    user = session.get(User, invitation.user_id)
    assert user is not None
    check_password_strength(password)
    invitation.used_at = now or utcnow()
    session.flush()  # used before set_password voids the account's open links
    set_password(session, user, password)
    return user


# --- permissions ---------------------------------------------------------------------------


def readable_municipalities(session: Session, user: User) -> set[str] | None:
    """The municipality codes a user may read; None means every one (admin)."""
    if user.role == ADMIN:
        return None
    if user.role == COUNTY:
        return set(
            session.scalars(
                select(Municipality.code).where(Municipality.county_code == user.county_code)
            )
        )
    return set(user.municipality_codes)


def may_read(session: Session, user: User, municipality_code: str) -> bool:
    """True when the user may see this municipality's values, files and history."""
    allowed = readable_municipalities(session, user)
    return allowed is None or municipality_code in allowed


def may_report(session: Session, user: User, municipality_code: str) -> bool:
    """True when the user may upload, type in or revert values for this municipality.

    Reporters report for their own municipalities; the county board reports on behalf of
    any municipality of its county (as it imports e-mailed files today); admins manage
    users and report for nobody.
    """
    if user.role == REPORTER:
        return municipality_code in user.municipality_codes
    if user.role == COUNTY:
        return may_read(session, user, municipality_code)
    return False


# --- helpers -------------------------------------------------------------------------------


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _hash_password(password: str) -> str:
    return _HASHER.hash(normalise_password(password))


def _end_credentials(session: Session, user: User) -> None:
    """End every session, open invitation and API token of the account."""
    user.session_epoch += 1
    _void_invitations(session, user)
    _revoke_tokens(session, user)


def _void_invitations(session: Session, user: User) -> None:
    # An open link would otherwise set a password after a reset, a change or a disable.
    session.execute(
        delete(Invitation).where(Invitation.user_id == user.id, Invitation.used_at.is_(None))
    )


def _revoke_tokens(session: Session, user: User) -> int:
    result = session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def _new_invitation(session: Session, user: User) -> str:
    token = secrets.token_urlsafe(32)
    session.add(
        Invitation(
            user_id=user.id,
            token_hash=hash_secret(token),
            expires_at=utcnow() + dt.timedelta(days=INVITATION_DAYS),
        )
    )
    return token


def _invitation(session: Session, token: str, now: dt.datetime | None) -> Invitation:
    invitation = session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_secret(token))
    )
    moment = now or utcnow()
    if invitation is None or invitation.used_at is not None or invitation.expires_at < moment:
        raise InvalidInvitation("invalid-invitation")
    return invitation
