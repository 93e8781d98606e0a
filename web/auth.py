"""Login, logout, invitations (setting one's password) and the user's settings."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask_login import current_user
from flask_login import login_user
from flask_login import logout_user

from accounts import users
from accounts.errors import AccountError
from accounts.users import accept_invitation
from accounts.users import invitation_user
from accounts.users import set_password
from web.db import get_db
from web.permissions import requires
from web.security import PortalUser
from web.security import account
from web.security import end_session
from web.security import local_target
from web.security import start_session
from web.security import throttle
from web.text import lang
from web.text import say
from web.throttle import MAX_EMAIL_LENGTH
from web.throttle import MAX_PASSWORD_LENGTH

blueprint = Blueprint("auth", __name__)


@blueprint.route("/login", methods=["GET", "POST"])
@requires("public")
def login() -> Any:
    """The login form: E-post, Lösenord, Logga in; five failures block for 15 minutes."""
    if request.args.get("lang") in ("sv", "en"):
        session["lang"] = request.args["lang"]
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("reporting.home"))
    error = say("session-expired") if request.args.get("expired") else None
    email = ""
    status = 200
    if request.method == "POST":
        email = request.form.get("email", "").strip()
        password = request.form.get("password", "")
        address = request.remote_addr or "unknown"
        if len(email) > MAX_EMAIL_LENGTH or len(password) > MAX_PASSWORD_LENGTH:
            # Refused before the throttle or the store sees it (a 12 MB e-mail was kept).
            email, error, status = "", say("login-too-long"), 400
        elif minutes := throttle().attempt(email, address):
            error = say("login-blocked", minutes=minutes)
            status = 429
        else:
            user = users.authenticate(get_db(), email, password)
            if user is None:
                error = say("login-failed")
                status = 401
            else:
                throttle().succeeded(email, address)
                get_db().commit()  # a rehashed password
                start_session(PortalUser(user))
                session["lang"] = user.lang
                return redirect(local_target(request.args.get("next", "")))
    return render_template("auth/login.html", error=error, email=email), status


@blueprint.route("/logout", methods=["GET", "POST"])
@requires("public")
def logout() -> Any:
    """POST ends this session (a copy of its cookie too); GET only shows the buttons.

    A link on another site can make a browser GET this address, so GET never logs out.
    With ``everywhere=1`` (the "Logga ut överallt" button) every session of the account ends.
    """
    if request.method == "GET":
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login"))
        return render_template("auth/logout.html")
    return _log_out(everywhere=request.form.get("everywhere") == "1")


@blueprint.route("/logout/everywhere", methods=["POST"])
@requires("public")
def logout_everywhere() -> Any:
    """End every session of the account, in every browser ("Logga ut överallt")."""
    return _log_out(everywhere=True)


def _log_out(*, everywhere: bool) -> Any:
    if current_user.is_authenticated:
        end_session(account(), everywhere=everywhere)
        get_db().commit()
    chosen = session.get("lang")
    logout_user()
    session.clear()
    if chosen:
        session["lang"] = chosen
    return redirect(url_for("auth.login"))


@blueprint.route("/inbjudan/<token>", methods=["GET", "POST"])
@requires("public")
def invitation(token: str) -> Any:
    """Set one's password through the one-time link from `miljomal users add` or `reset`."""
    try:
        user = invitation_user(get_db(), token)
    except AccountError as exc:
        return render_template("message.html", message=exc.message(lang())), 404
    error = None
    if request.method == "POST":
        password = request.form.get("password", "")
        if password != request.form.get("password2", ""):
            error = say("passwords-differ")
        else:
            try:
                accept_invitation(get_db(), token, password)
            except AccountError as exc:
                error = exc.message(lang())
            else:
                get_db().commit()
                return redirect(url_for("auth.login", done=1))
    return render_template("auth/password.html", user=user, error=error, invitation=True), (
        400 if error else 200
    )


@blueprint.route("/installningar", methods=["GET", "POST"])
@requires("login")
def settings() -> Any:
    """The user's language, and a new password (which ends every other session)."""
    user = account()
    error = None
    saved = False
    if request.method == "POST":
        chosen = request.form.get("lang")
        if chosen in ("sv", "en"):
            user.lang = chosen
            session["lang"] = chosen
            saved = True
        new = request.form.get("password", "")
        if new:
            if users.authenticate(get_db(), user.email, request.form.get("current", "")) is None:
                error = say("wrong-current-password")
            elif new != request.form.get("password2", ""):
                error = say("passwords-differ")
            else:
                try:
                    set_password(get_db(), user, new)
                except AccountError as exc:
                    error = exc.message(lang())
                else:
                    login_user(PortalUser(user))  # this session carries the new epoch
        if error is None:
            get_db().commit()
        else:
            get_db().rollback()
            saved = False
    return render_template("auth/settings.html", error=error, saved=saved), (400 if error else 200)
