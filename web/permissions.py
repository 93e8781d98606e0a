"""Who may call each view, declared where the view is declared (Warehouse's ``permission=``).

``@requires("report", municipality="code")`` under ``@blueprint.route`` says who may call the
view and checks it on the server before the view runs; the declaration stays on the view as
``view.__miljomal_permission__``, and ``tests/test_web_permissions.py`` fails on a route
without one.  The permissions, and what a caller without one gets:

- ``public``: anyone.
- ``login``: a logged-in user; anyone else is sent to the login page (with ``next=``).
- ``read`` / ``report``: a logged-in user who may read / report for the municipality named
  by the view argument ``municipality=`` names (``accounts.users.may_read``/``may_report``);
  403 for other users.
- ``county``: a logged-in user of the county board (role ``county`` with a county); 403.
- ``token``: a valid bearer API token (the JSON API); 401 with ``WWW-Authenticate``.

What a view checks beyond these (a municipality in a query string, a file of another
user) depends on the data it reads, and stays in the view.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from typing import TypeVar
from typing import cast

from flask import abort
from flask import g
from flask import jsonify
from flask import request
from flask_login import login_required

from accounts.users import may_read
from accounts.users import may_report
from accounts.users import user_for_api_token
from i18n import Lang
from i18n import pick_lang
from web.db import get_db
from web.security import account
from web.text import MESSAGES

View = TypeVar("View", bound=Callable[..., Any])

PERMISSIONS = ("public", "login", "read", "report", "county", "token")
_OF_A_MUNICIPALITY = ("read", "report")
_LOGGED_IN = ("login", "read", "report", "county")


@dataclass(frozen=True)
class Permission:
    """A view's declaration: the permission, and the view argument naming a municipality."""

    name: str
    municipality: str | None = None


def requires(name: str, *, municipality: str | None = None) -> Callable[[View], View]:
    """Declare who may call the view, and refuse everyone else before it runs."""
    if name not in PERMISSIONS:
        raise ValueError(f"unknown permission {name!r}; one of {', '.join(PERMISSIONS)}")
    if (name in _OF_A_MUNICIPALITY) != (municipality is not None):
        raise ValueError(f"{name!r} takes municipality= only for {', '.join(_OF_A_MUNICIPALITY)}")
    permission = Permission(name, municipality)

    def declare(view: View) -> View:
        @functools.wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            refusal = _refusal(permission, kwargs)
            if refusal is not None:
                return refusal
            return view(*args, **kwargs)

        # Flask-Login's own decorator first: the same redirect, `next=` and exemptions.
        declared: Any = login_required(checked) if name in _LOGGED_IN else checked
        declared.__miljomal_permission__ = permission
        return cast(View, declared)

    return declare


def permission_of(view: Callable[..., Any]) -> Permission | None:
    """The permission declared on a view function, if any."""
    return getattr(view, "__miljomal_permission__", None)


def _refusal(permission: Permission, view_args: dict[str, Any]) -> Any:
    """None when the caller has the permission, else the refusal (or an abort)."""
    if permission.name == "token":
        return _bearer_refusal()
    if permission.name == "read":
        require_read(view_args[str(permission.municipality)])
    elif permission.name == "report":
        require_report(view_args[str(permission.municipality)])
    elif permission.name == "county":
        require_county()
    return None


def require_read(municipality_code: str) -> None:
    """403 unless the logged-in user may read this municipality."""
    if not may_read(get_db(), account(), municipality_code):
        abort(403)


def require_report(municipality_code: str) -> None:
    """403 unless the logged-in user may report for this municipality."""
    if not may_report(get_db(), account(), municipality_code):
        abort(403)


def require_county() -> None:
    """403 for every role but the county board's (a county user with a county)."""
    user = account()
    if user.role != "county" or not user.county_code:
        abort(403)


# --- the API's bearer tokens -----------------------------------------------------------------


def _bearer_refusal() -> Any:
    """401 without a valid bearer token; else the token's user becomes ``g.api_user``."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    user = user_for_api_token(get_db(), token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        return api_error(401, api_say("api-token-required"))
    if get_db().dirty:
        get_db().commit()  # last_used_at, once a minute
    g.api_user = user
    return None


def api_lang() -> Lang:
    """The API reader's language: ``?lang=``, else the token's user's setting, else Swedish."""
    user = g.get("api_user")
    return pick_lang(request.args.get("lang"), user.lang if user is not None else None)


def api_say(key: str, **params: object) -> str:
    """The API message ``key`` in the reader's language."""
    return MESSAGES(key, api_lang(), **params)


def api_error(status: int, message: str, reason: str | None = None) -> Any:
    """The API's JSON error: ``message`` in the reader's language (`api_say`, or an error's own)."""
    body = {"error": message}
    if reason is not None:
        body["reason"] = reason
    response = jsonify(body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="miljomal"'
    return response
