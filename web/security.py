"""Security of every request: sessions, CSRF, login throttling, headers.

Who may call a view is declared on the view and checked there (:mod:`web.permissions`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from flask import abort
from flask import current_app
from flask import redirect
from flask import request
from flask import session
from flask import url_for
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_login import UserMixin
from flask_login import current_user
from flask_login import login_user
from flask_login import logout_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import delete
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from accounts.models import EndedSession
from accounts.models import User
from indicators.models import utcnow
from web.db import get_db
from web.request_limits import MEMORY_URI
from web.throttle import LoginThrottle

# A session ends this long after its login however active it is, so that a logged-out
# session needs remembering (table ended_session) only this long.
SESSION_HOURS = 12

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)

csrf = CSRFProtect()
login_manager = LoginManager()


class PortalUser(UserMixin):
    """The logged-in person as Flask-Login sees them: the account row and its epoch."""

    def __init__(self, account: User) -> None:
        self.account = account

    def get_id(self) -> str:
        # The epoch in the session id voids old sessions after a password change or logout.
        return f"{self.account.id}:{self.account.session_epoch}"

    @property
    def is_active(self) -> bool:
        return bool(self.account.active)


class _SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the Secure flag whenever the request is HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def init_app(app: Flask) -> None:
    """Install sessions, CSRF, login, throttling and headers."""
    app.session_interface = _SessionInterface()
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = ""
    storage = app.config["RATELIMIT_STORAGE_URI"]
    app.extensions["miljomal_login_throttle"] = LoginThrottle(
        storage, app.config.get("RATELIMIT_KEY_PREFIX", "miljomal-login")
    )
    # Flask-Limiter caps every client's request rate (same storage as the login throttle).
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=MEMORY_URI if storage.startswith("memory://") else storage,
        default_limits=[app.config.get("REQUEST_LIMIT", "600 per minute")],
        key_prefix=app.config.get("RATELIMIT_KEY_PREFIX", "miljomal"),
        headers_enabled=False,
    )
    app.extensions["miljomal_limiter"] = limiter
    app.before_request(_refuse_nul_bytes)
    app.before_request(_expire_inactive)
    app.after_request(_headers)


@login_manager.user_loader
def _load_user(session_id: str) -> PortalUser | None:
    user_part, _, epoch = session_id.partition(":")
    if not (user_part + epoch).isascii() or not user_part.isdigit() or not epoch.isdigit():
        return None
    account = get_db().get(User, int(user_part))
    if account is None or not account.active or account.session_epoch != int(epoch):
        return None
    if _session_ended(session.get("sid")):
        return None
    return PortalUser(account)


def start_session(user: PortalUser) -> None:
    """Log in on a fresh session with an id of its own (which a logout can end alone)."""
    session.clear()
    login_user(user)
    session["sid"] = secrets.token_urlsafe(32)
    session["since"] = int(time.time())


def end_session(user: User, *, everywhere: bool) -> None:
    """End this session, also in any copy of its cookie; ``everywhere``: every session."""
    sid = session.get("sid")
    if everywhere or not isinstance(sid, str):
        user.session_epoch += 1  # a session from before sessions had ids ends everywhere
        return
    oldest = _utcnow() - dt.timedelta(hours=current_app.config["SESSION_HOURS"])
    get_db().execute(delete(EndedSession).where(EndedSession.ended_at < oldest))
    get_db().add(EndedSession(user_id=user.id, session_hash=_sid_hash(sid), ended_at=_utcnow()))


def local_target(target: str) -> str:
    """``next=`` as a path on this site (with its query), else the start page.

    Browsers drop tabs and line breaks and read a backslash as a slash, so ``/%09/evil.test``
    would become ``//evil.test``, another site: such a target is refused, not cleaned.
    """
    home = url_for("reporting.home")
    if not target or not target.isascii() or not target.isprintable() or "\\" in target:
        return home
    if any(char.isspace() for char in target):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return home
    if parts.path.startswith("//"):
        return home
    path = parts.path
    if request.script_root and path.startswith(request.script_root + "/"):
        path = path[len(request.script_root) :]
    try:
        current_app.url_map.bind_to_environ(request.environ).match(path, method="GET")
    except HTTPException:  # NotFound, MethodNotAllowed, RequestRedirect: no page to go to
        return home
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _session_ended(sid: object) -> bool:
    if not isinstance(sid, str):
        return False
    found = get_db().scalar(
        select(EndedSession.id).where(EndedSession.session_hash == _sid_hash(sid))
    )
    return found is not None


def _sid_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


def _utcnow() -> dt.datetime:
    return utcnow()


def plain_year(text: str | None) -> int | None:
    """A year written as four ASCII digits (``2024``), else None.

    `str.isdigit` also says yes to "²" and other scripts' digits, which `int` refuses or
    reads, and to numbers too long for `int` or the database: never trusted with a year.
    """
    if text and len(text) == 4 and text.isascii() and text.isdigit():
        return int(text)
    return None


def throttle() -> LoginThrottle:
    """The login throttle of this application."""
    return current_app.extensions["miljomal_login_throttle"]


def account() -> User:
    """The logged-in account (views that require a logged-in permission only)."""
    return current_user.account


def user_county() -> str:
    """The logged-in user's county (views behind ``@requires("county")`` only)."""
    return str(account().county_code)


def _refuse_nul_bytes() -> None:
    """400 for a NUL byte in the path, a query or a form field: no text holds one, and
    PostgreSQL refuses it in a query (which would end in a server error)."""
    fields = [v for values in request.args.listvalues() for v in values]
    fields += [v for values in request.form.listvalues() for v in values]
    if "\x00" in request.path or any("\x00" in value for value in fields):
        abort(400)


def _expire_inactive() -> Any:
    """End a session unused for longer than SESSION_MINUTES (checked here, not in the cookie)."""
    if request.endpoint in (None, "static") or not current_user.is_authenticated:
        return None
    now = int(time.time())
    seen = session.get("seen", now)
    since = session.setdefault("since", now)
    idle = now - int(seen) > current_app.config["SESSION_MINUTES"] * 60
    if idle or now - int(since) > current_app.config["SESSION_HOURS"] * 3600:
        logout_user()
        session.clear()
        if request.blueprint == "api":
            abort(401)
        return redirect(url_for("auth.login", expired=1))
    session["seen"] = now
    session.permanent = True
    return None


def _headers(response: Any) -> Any:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    if "_user_id" in session:
        # A logged-in page holds a municipality's values: no shared or back-button caches.
        response.headers["Cache-Control"] = "no-store"
    return response
