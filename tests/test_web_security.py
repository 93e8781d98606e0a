"""The portal's security: roles per route, CSRF, login throttling, sessions, headers, tokens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from portal import PASSWORD
from portal import SUNDSVALL
from portal import TIMRA
from portal import USERS
from portal import csrf_token
from portal import log_in
from portal import make_portal
from portal import stored

YEAR = 2022  # a year of the 2012 set, whose 16 indicators municipalities report


@pytest.fixture
def portal(store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_portal(store_url, tmp_path, REPORT_CACHE=str(tmp_path))


def _client(portal, who: str | None):  # type: ignore[no-untyped-def]
    client = portal.test_client()
    if who is not None:
        assert log_in(client, who).status_code == 302
    return client


# --- route x role ----------------------------------------------------------------------------

# (method, path) -> expected status for anonymous, Timrå reporter, county 22, admin.
# Anonymous users are sent to the login page (302); reporters only reach Timrå.
GET_ROUTES = {
    "/health": (200, 200, 200, 200),
    "/login": (200, 302, 302, 302),
    "/": (302, 302, 200, 200),
    "/installningar": (302, 200, 200, 200),
    f"/kommun/{TIMRA}": (302, 200, 200, 200),
    f"/kommun/{SUNDSVALL}": (302, 403, 200, 200),
    "/kommun/0180": (302, 403, 403, 200),  # Stockholm: another county
    f"/kommun/{TIMRA}/mall?ar={YEAR}": (302, 200, 200, 200),
    f"/kommun/{SUNDSVALL}/mall?ar={YEAR}": (302, 403, 200, 200),
    f"/kommun/{TIMRA}/ladda-upp": (302, 200, 200, 403),
    f"/kommun/{SUNDSVALL}/ladda-upp": (302, 403, 200, 403),
    f"/kommun/{TIMRA}/formular": (302, 200, 200, 403),
    f"/kommun/{SUNDSVALL}/formular": (302, 403, 200, 403),
    f"/kommun/{TIMRA}/historik": (302, 200, 200, 200),
    f"/kommun/{SUNDSVALL}/historik": (302, 403, 200, 200),
    f"/kommun/{TIMRA}/granskning/{'0' * 64}": (302, 404, 404, 403),
    f"/kommun/{SUNDSVALL}/granskning/{'0' * 64}": (302, 403, 404, 403),
    # The county board's pages: role county only, its own county's municipalities.
    f"/lan/inrapportering?ar={YEAR}": (302, 403, 200, 403),
    "/lan/paminnelser": (302, 403, 200, 403),
    "/lan/granskningslogg": (302, 403, 200, 403),
    "/lan/rapporter": (302, 403, 200, 403),
    f"/lan/rapporter/completeness.json?ar={YEAR}": (302, 403, 200, 403),
    f"/lan/rapporter/municipality.json?ar={YEAR}&kommun={SUNDSVALL}": (302, 403, 200, 403),
    f"/lan/rapporter/municipality.json?ar={YEAR}&kommun=0180": (302, 403, 403, 403),
    "/lan/rapporter/plan.json": (302, 403, 404, 403),
    "/api/v1/observations": (401, 401, 401, 401),  # the API takes tokens, not sessions
    "/finns-inte": (404, 404, 404, 404),
    "/reports.css": (200, 200, 200, 200),
    "/static/portal.css": (200, 200, 200, 200),
}
ROLES = (None, "reporter", "county", "admin")


@pytest.mark.parametrize("path", list(GET_ROUTES))
def test_every_get_route_for_every_role(portal, path: str) -> None:  # type: ignore[no-untyped-def]
    for role, expected in zip(ROLES, GET_ROUTES[path], strict=True):
        response = _client(portal, role).get(path)
        assert response.status_code == expected, (path, role)


POST_ROUTES = {
    f"/kommun/{TIMRA}/formular?ar={YEAR}": (302, 302, 302, 403),
    f"/kommun/{SUNDSVALL}/formular?ar={YEAR}": (302, 403, 302, 403),
    f"/kommun/{SUNDSVALL}/spara": (302, 403, 404, 403),
    f"/kommun/{SUNDSVALL}/historik/1/aterstall": (302, 403, 403, 403),
}


@pytest.mark.parametrize("path", list(POST_ROUTES))
def test_every_post_route_for_every_role_writes_only_when_allowed(
    portal, store_url, path: str
) -> None:  # type: ignore[no-untyped-def]
    code = path.split("/")[2]
    for role, expected in zip(ROLES, POST_ROUTES[path], strict=True):
        client = _client(portal, role)
        token = csrf_token(client, "/login" if role is None else "/installningar")
        # Each role types another indicator, so that no save replaces another's value.
        indicator = {None: "GN.9", "reporter": "GN.4", "county": "GN.5", "admin": "GN.6"}[role]
        data = {"csrf_token": token, f"value-{indicator}": "12", "sha256": "0" * 64}
        before = stored(store_url, code, indicator, YEAR)
        response = client.post(path, data=data)
        assert response.status_code == expected, (path, role)
        after = stored(store_url, code, indicator, YEAR)
        if expected == 302 and role is not None and "formular" in path:
            assert after == (12.0, "reported", None), (path, role)
        else:
            assert after == before, (path, role)


# --- CSRF, throttling, sessions --------------------------------------------------------------


def test_a_post_without_csrf_token_is_refused(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    client = _client(portal, "reporter")
    response = client.post(f"/kommun/{TIMRA}/formular?ar={YEAR}", data={"value-GN.7": "123"})
    assert response.status_code == 400
    assert stored(store_url, TIMRA, "GN.7", YEAR) is None
    # The login form too.
    anonymous = portal.test_client()
    login = anonymous.post("/login", data={"email": USERS["other"][0], "password": PASSWORD})
    assert login.status_code == 400


def _throttling(portal) -> None:  # type: ignore[no-untyped-def]
    client = portal.test_client()
    answers = [log_in(client, "reporter", "fel lösenord 123").status_code for _ in range(10)]
    assert answers == [401] * 5 + [429] * 5
    eleventh = log_in(client, "reporter")  # the right password, still refused
    assert eleventh.status_code == 429
    assert "För många misslyckade inloggningar. Försök igen om 15 minuter." in eleventh.get_data(
        as_text=True
    )
    assert client.get(f"/kommun/{TIMRA}").status_code == 302  # not logged in


def test_an_eleventh_password_is_refused_even_when_right(portal) -> None:  # type: ignore[no-untyped-def]
    _throttling(portal)


def test_throttling_counts_per_address_across_accounts(portal) -> None:  # type: ignore[no-untyped-def]
    client = portal.test_client()
    token = csrf_token(client, "/login")
    for number in range(5):
        data = {"email": f"nobody{number}@x.se", "password": "wrong password", "csrf_token": token}
        assert client.post("/login", data=data).status_code == 401
    assert log_in(client, "other").status_code == 429


def _redis_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), 1).close()
    except OSError:
        return False
    return True


def test_throttling_with_redis(store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis does not answer on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    portal = make_portal(store_url, tmp_path, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379")
    _throttling(portal)
    # A second process (another app on the same Redis) sees the same count.
    from web.security import LoginThrottle

    other = LoginThrottle("redis://127.0.0.1:6379", portal.config["RATELIMIT_KEY_PREFIX"])
    assert other.minutes_blocked(USERS["reporter"][0], "10.0.0.1") == 15


def test_the_session_cookie_flags(portal) -> None:  # type: ignore[no-untyped-def]
    client = portal.test_client()
    response = log_in(client, "reporter")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP on localhost
    secure = portal.test_client()
    token = secure.get("/login", base_url="https://portal.example")
    found = re.search(r'name="csrf_token" value="([^"]+)"', token.get_data(as_text=True))
    response = secure.post(
        "/login",
        base_url="https://portal.example",
        headers={"Referer": "https://portal.example/login"},
        data={"email": USERS["reporter"][0], "password": PASSWORD, "csrf_token": found.group(1)},
    )
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]


def test_security_headers(portal) -> None:  # type: ignore[no-untyped-def]
    response = portal.test_client().get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_logout_voids_a_copied_session_cookie(portal) -> None:  # type: ignore[no-untyped-def]
    client = _client(portal, "reporter")
    cookie = client.get_cookie("miljomal_session").value
    thief = portal.test_client()
    thief.set_cookie("miljomal_session", cookie)
    assert thief.get(f"/kommun/{TIMRA}").status_code == 200
    token = csrf_token(client, f"/kommun/{TIMRA}")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get(f"/kommun/{TIMRA}").status_code == 302
    assert thief.get(f"/kommun/{TIMRA}").status_code == 302


def test_a_password_change_ends_other_sessions(portal) -> None:  # type: ignore[no-untyped-def]
    here = _client(portal, "reporter")
    elsewhere = _client(portal, "reporter")
    token = csrf_token(here, "/installningar")
    new = "ett helt nytt lösenord"
    response = here.post(
        "/installningar",
        data={"csrf_token": token, "current": PASSWORD, "password": new, "password2": new},
    )
    assert response.status_code == 200
    assert here.get(f"/kommun/{TIMRA}").status_code == 200
    assert elsewhere.get(f"/kommun/{TIMRA}").status_code == 302
    assert log_in(portal.test_client(), "reporter", new).status_code == 302


def test_a_short_password_is_refused(portal) -> None:  # type: ignore[no-untyped-def]
    client = _client(portal, "reporter")
    token = csrf_token(client, "/installningar")
    response = client.post(
        "/installningar",
        data={"csrf_token": token, "current": PASSWORD, "password": "kort", "password2": "kort"},
    )
    assert response.status_code == 400
    assert "minst 12 tecken" in response.get_data(as_text=True)


def test_an_idle_session_expires(store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # One minute, and the last request two minutes ago: a limit of 0 minutes would also end
    # the login page's session when GET and POST fall in different seconds (a loaded machine).
    portal = make_portal(store_url, tmp_path, SESSION_MINUTES=1)
    client = _client(portal, "reporter")
    with client.session_transaction() as session:
        session["seen"] = session.get("seen", 0) - 120
    response = client.get(f"/kommun/{TIMRA}")
    assert response.status_code == 302
    assert "expired=1" in response.headers["Location"]


def test_an_invitation_sets_the_password_once(store_url, tmp_path, miljomal) -> None:  # type: ignore[no-untyped-def]
    result = miljomal(
        "users", "add", "eva@harnosand.se", "--name", "Eva", "--role", "reporter",
        "--municipality", "Härnösand",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    link = re.search(r"http://127.0.0.1:8000(/inbjudan/\S+)", result.output).group(1)
    portal = make_portal(store_url, tmp_path)
    client = portal.test_client()
    token = csrf_token(client, link)
    password = "Evas långa lösenord"
    response = client.post(
        link, data={"csrf_token": token, "password": password, "password2": password}
    )
    assert response.status_code == 302
    assert client.get(link).status_code == 404  # used once
    token = csrf_token(client, "/login")
    login = client.post(
        "/login", data={"email": "eva@harnosand.se", "password": password, "csrf_token": token}
    )
    assert login.status_code == 302
    assert login.headers["Location"] == "/"
    assert client.get("/", follow_redirects=True).request.path == "/kommun/2280"


def test_the_demo_users_log_in_with_the_printed_passwords(store, store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from miljomal.demo import add_demo_users
    from web import create_app

    users = add_demo_users(store)
    assert [u.scope for u in users] == [
        "2260", "2262", "2280", "2281", "2282", "2283", "2284", "22",
    ]  # fmt: skip
    assert users[1].email == "timra@exempel.se"
    portal = create_app({"DATABASE_URL": store_url, "SECRET_KEY": "x", "TESTING": True})
    for user in (users[1], users[-1]):
        client = portal.test_client()
        token = csrf_token(client, "/login")
        response = client.post(
            "/login", data={"email": user.email, "password": user.password, "csrf_token": token}
        )
        assert response.status_code == 302, user.email
    assert client.get("/").status_code == 200  # the county user chooses among 7


def test_every_portal_message_has_both_languages() -> None:
    from web.text import MESSAGES

    assert all(text.sv and text.en for text in MESSAGES.values())


def test_the_secret_key_file_is_created_once_with_mode_0600(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from web import secret_key

    monkeypatch.delenv("MILJOMAL_SECRET_KEY", raising=False)
    first = secret_key(tmp_path / "instance")
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o777 == 0o600
    assert secret_key(tmp_path / "instance") == first and len(first) == 64
    monkeypatch.setenv("MILJOMAL_SECRET_KEY", "from-the-environment")
    assert secret_key(tmp_path / "instance") == "from-the-environment"


def test_health_names_the_schema(portal) -> None:  # type: ignore[no-untyped-def]
    from alembic.script import ScriptDirectory

    from miljomal.db import MIGRATIONS

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    answer = portal.test_client().get("/health")
    assert answer.get_json() == {"status": "ok", "database": "reachable", "schema": head}


@pytest.mark.parametrize("year", ["²", "٢٠٢٢", "9" * 5000, "99999999999999999999"])
def test_a_year_that_is_no_plain_number_never_breaks_a_page(store_url, tmp_path, year: str) -> None:  # type: ignore[no-untyped-def]
    """`str.isdigit` says yes to "²" and Arabic-Indic digits, and `int` refuses "²" and
    numbers of over 4 300 digits: each answered a server error.  Now a wrong year is
    ignored on pages and is a 400 in the API."""
    from portal import SUNDSVALL
    from portal import TIMRA
    from portal import log_in
    from portal import make_portal

    portal = make_portal(store_url, tmp_path)
    reporter = portal.test_client()
    log_in(reporter, "reporter")
    for url in (f"/kommun/{TIMRA}?ar={year}", f"/kommun/{TIMRA}/formular?ar={year}"):
        assert reporter.get(url).status_code == 200, url
    county = portal.test_client()
    log_in(county, "county")
    for url in (f"/lan/granskningslogg?ar={year}", f"/lan/inrapportering?ar={year}"):
        assert county.get(url).status_code == 200, url
    from sqlalchemy.orm import Session

    from accounts.users import create_api_token
    from database.engine import make_engine

    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        token = create_api_token(session, "lars@lansstyrelsen.se")
    engine.dispose()
    api = portal.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    answer = api.get(f"/api/v1/observations?municipality={SUNDSVALL}&year={year}", headers=headers)
    assert answer.status_code == 400, answer.get_data(as_text=True)
    assert "year" in answer.get_json()["error"] or "år" in answer.get_json()["error"]


def test_a_nul_byte_in_a_request_is_a_400_not_a_server_error(store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL refuses NUL in a query: `?indicator=GN.7&indicator=%00` was a 500 there."""
    from portal import SUNDSVALL
    from portal import TIMRA
    from portal import log_in
    from portal import make_portal
    from sqlalchemy.orm import Session

    from accounts.users import create_api_token
    from database.engine import make_engine

    portal = make_portal(store_url, tmp_path)
    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        token = create_api_token(session, "lars@lansstyrelsen.se")
    engine.dispose()
    api = portal.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/observations?municipality={SUNDSVALL}&indicator=GN.7&indicator=%00"
    answer = api.get(url, headers=headers)
    assert answer.status_code == 400 and "error" in answer.get_json()
    reporter = portal.test_client()
    log_in(reporter, "reporter")
    for url in (f"/kommun/{TIMRA}/historik?indikator=%00", "/kommun/%00"):
        assert reporter.get(url).status_code == 400, url
