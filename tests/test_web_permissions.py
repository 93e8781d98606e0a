"""Every route declares who may call it (``@requires``), and the declaration is what is checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from portal import SUNDSVALL
from portal import TIMRA
from portal import log_in
from portal import make_portal

from web.permissions import PERMISSIONS
from web.permissions import permission_of
from web.permissions import requires

# A value for each argument the portal's routes take: Timrå's pages, a file nobody staged.
ARGUMENTS = {
    "code": TIMRA,
    "sha": "0" * 64,
    "upload_id": 1,
    "name": "kommunrapport",
    "fmt": "pdf",
    "kind": "county",
    "token": "ingen-inbjudan",
}
LOGGED_IN = ("login", "read", "report", "county")


@pytest.fixture
def portal(store_url: str, tmp_path: Path) -> Any:
    # Without CSRF tokens, so that a POST meets the permission and nothing before it.
    return make_portal(store_url, tmp_path, REPORT_CACHE=str(tmp_path), WTF_CSRF_ENABLED=False)


def undeclared(app: Any) -> list[str]:
    """The endpoints (static files excepted) whose view declares no permission."""
    return sorted(
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and permission_of(app.view_functions[rule.endpoint]) is None
    )


def routes(app: Any) -> list[tuple[str, str, str]]:
    """(permission, method, path) of every declared route, with ARGUMENTS filled in."""
    adapter = app.url_map.bind("localhost")
    found = []
    for rule in app.url_map.iter_rules():
        permission = permission_of(app.view_functions[rule.endpoint])
        if permission is None:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            values = {name: ARGUMENTS[name] for name in rule.arguments}
            path = adapter.build(rule.endpoint, values, method=method)
            found.append((permission.name, method, path))
    return found


def test_every_route_declares_who_may_call_it(portal) -> None:  # type: ignore[no-untyped-def]
    assert undeclared(portal) == []
    assert len(routes(portal)) > 30  # the walk saw the portal's routes, not an empty map


def test_the_walk_finds_a_view_without_a_declaration(portal) -> None:  # type: ignore[no-untyped-def]
    portal.add_url_rule("/odeklarerad", "undeclared_view", lambda: "")
    portal.add_url_rule("/deklarerad", "declared_view", requires("public")(lambda: ""))
    assert undeclared(portal) == ["undeclared_view"]


def test_a_declared_municipality_is_an_argument_of_the_route(portal) -> None:  # type: ignore[no-untyped-def]
    declared = 0
    for rule in portal.url_map.iter_rules():
        permission = permission_of(portal.view_functions[rule.endpoint])
        if permission is not None and permission.municipality is not None:
            assert permission.municipality in rule.arguments, rule.rule
            declared += 1
    assert declared >= 10


def test_a_declaration_must_name_a_known_permission_and_its_municipality() -> None:
    with pytest.raises(ValueError, match="unknown permission"):
        requires("anyone")
    with pytest.raises(ValueError, match="municipality="):
        requires("read")
    with pytest.raises(ValueError, match="municipality="):
        requires("county", municipality="code")
    assert PERMISSIONS == ("public", "login", "read", "report", "county", "token")


def test_anonymous_callers_are_sent_to_login_or_refused_a_token(portal) -> None:  # type: ignore[no-untyped-def]
    client = portal.test_client()
    checked = set()
    for permission, method, path in routes(portal):
        if permission == "public":
            continue
        response = client.open(path, method=method)
        if permission == "token":
            assert response.status_code == 401, (method, path)
            assert response.headers["WWW-Authenticate"] == 'Bearer realm="miljomal"'
            assert response.get_json() == {"error": "en giltig API-nyckel krävs"}
        else:
            assert response.status_code == 302, (method, path)
            assert response.headers["Location"].startswith("/login?next="), (method, path)
        checked.add(permission)
    assert checked == {"login", "read", "report", "county", "token"}


def test_other_users_get_403_from_the_declared_permission(portal) -> None:  # type: ignore[no-untyped-def]
    # Sundsvall's reporter on Timrå's pages and the county board's; the admin may read
    # every municipality but report for none.
    other = portal.test_client()
    assert log_in(other, "other").status_code == 302
    admin = portal.test_client()
    assert log_in(admin, "admin").status_code == 302
    refused = {"read": 0, "report": 0, "county": 0}
    for permission, method, path in routes(portal):
        if permission in refused:
            response = other.open(path, method=method)
            assert response.status_code == 403, (permission, method, path)
            refused[permission] += 1
        if permission in ("report", "county"):
            assert admin.open(path, method=method).status_code == 403, (method, path)
        if permission == "token":  # a logged-in session is no token
            assert other.open(path, method=method).status_code == 401, (method, path)
    assert all(refused.values()), refused
    assert other.get(f"/kommun/{SUNDSVALL}").status_code == 200  # their own municipality
