"""The portal's credentials (issue 22, cases 6, 8-10): where login sends you, logging out,
and the password forms saying why a password is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from portal import PASSWORD
from portal import TIMRA
from portal import USERS
from portal import csrf_token
from portal import log_in
from portal import make_portal


@pytest.fixture
def portal(store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_portal(store_url, tmp_path, REPORT_CACHE=str(tmp_path))


def _client(portal, who: str = "reporter"):  # type: ignore[no-untyped-def]
    client = portal.test_client()
    assert log_in(client, who).status_code == 302
    return client


def _log_in_to(client, query: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/login")
    return client.post(
        f"/login?{query}",
        data={"email": USERS["reporter"][0], "password": PASSWORD, "csrf_token": token},
    )


# --- case 9: next= after login -----------------------------------------------------------------

HOSTILE_NEXT = [
    "next=/%09/evil.test",
    "next=%09/evil.test",
    "next=/%0A/evil.test",
    "next=/%0D%0ALocation:%20https://evil.test",
    "next=//evil.test",
    "next=///evil.test",
    "next=%5C%5Cevil.test",
    "next=/%5Cevil.test",
    "next=/%5C/evil.test",
    "next=https://evil.test/",
    "next=https:/evil.test",
    "next=javascript:alert(1)",
    "next=evil.test",
    "next=/%E2%80%8B/evil.test",
    "next=/finns-inte",
    "next=" + "/a" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE_NEXT, ids=lambda q: q[:40])
def test_next_goes_only_to_a_page_of_this_site(portal, query: str) -> None:  # type: ignore[no-untyped-def]
    response = _log_in_to(portal.test_client(), query)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_to_a_page_of_this_site_is_kept(portal) -> None:  # type: ignore[no-untyped-def]
    response = _log_in_to(portal.test_client(), f"next=/kommun/{TIMRA}/historik%3Far%3D2022")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/kommun/{TIMRA}/historik?ar=2022"


def test_the_login_redirect_brings_you_back(portal) -> None:  # type: ignore[no-untyped-def]
    client = portal.test_client()
    sent = client.get(f"/kommun/{TIMRA}/historik")
    assert sent.status_code == 302
    query = sent.headers["Location"].split("?", 1)[1]
    assert _log_in_to(client, query).headers["Location"] == f"/kommun/{TIMRA}/historik"


# --- case 10: logging out ----------------------------------------------------------------------


def test_get_logout_does_not_log_out(portal) -> None:  # type: ignore[no-untyped-def]
    client = _client(portal)
    page = client.get("/logout")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'action="/logout"' in html and "Logga ut överallt" in html
    assert client.get(f"/kommun/{TIMRA}").status_code == 200
    assert portal.test_client().get("/logout").status_code == 302  # not logged in: login page


def test_logout_needs_the_csrf_token(portal) -> None:  # type: ignore[no-untyped-def]
    client = _client(portal)
    assert client.post("/logout").status_code == 400
    assert client.post("/logout/everywhere").status_code == 400
    assert client.get(f"/kommun/{TIMRA}").status_code == 200


def test_logout_ends_this_session_and_its_copies_only(portal) -> None:  # type: ignore[no-untyped-def]
    here = _client(portal)
    elsewhere = _client(portal)
    thief = portal.test_client()
    thief.set_cookie("miljomal_session", here.get_cookie("miljomal_session").value)
    assert thief.get(f"/kommun/{TIMRA}").status_code == 200
    token = csrf_token(here, f"/kommun/{TIMRA}")
    response = here.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert here.get(f"/kommun/{TIMRA}").status_code == 302
    assert thief.get(f"/kommun/{TIMRA}").status_code == 302
    assert elsewhere.get(f"/kommun/{TIMRA}").status_code == 200
    again = _client(portal)  # a new login after the logout works
    assert again.get(f"/kommun/{TIMRA}").status_code == 200


def test_log_out_everywhere_ends_every_session(portal) -> None:  # type: ignore[no-untyped-def]
    here = _client(portal)
    elsewhere = _client(portal)
    settings = here.get("/installningar").get_data(as_text=True)
    assert 'action="/logout/everywhere"' in settings and "Logga ut överallt" in settings
    token = csrf_token(here, "/installningar")
    assert here.post("/logout/everywhere", data={"csrf_token": token}).status_code == 302
    assert here.get(f"/kommun/{TIMRA}").status_code == 302
    assert elsewhere.get(f"/kommun/{TIMRA}").status_code == 302
    assert _client(portal).get(f"/kommun/{TIMRA}").status_code == 200


def test_the_logout_form_with_everywhere_ends_every_session(portal) -> None:  # type: ignore[no-untyped-def]
    here = _client(portal)
    elsewhere = _client(portal)
    token = csrf_token(here, "/logout")
    assert here.post("/logout", data={"csrf_token": token, "everywhere": "1"}).status_code == 302
    assert elsewhere.get(f"/kommun/{TIMRA}").status_code == 302


def test_a_session_ends_after_session_hours_however_active(store_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    portal = make_portal(store_url, tmp_path, SESSION_HOURS=0)
    client = _client(portal)
    with client.session_transaction() as stored_session:
        stored_session["since"] -= 1
    assert client.get(f"/kommun/{TIMRA}").status_code == 302


# --- cases 6 and 8: the password forms ---------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        (" " * 12, "bara mellanslag eller osynliga tecken"),
        ("\u200b" * 12, "bara mellanslag eller osynliga tecken"),
        ("a" * 12, "minst 5 olika tecken"),
        ("Sommar2024!!", "ett av de vanligaste"),
    ],
)
def test_settings_say_why_a_password_is_refused(portal, password: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    client = _client(portal)
    token = csrf_token(client, "/installningar")
    data = {"csrf_token": token, "current": PASSWORD, "password": password, "password2": password}
    response = client.post("/installningar", data=data)
    assert response.status_code == 400
    assert reason in response.get_data(as_text=True)
    assert log_in(portal.test_client(), "reporter").status_code == 302  # unchanged


def test_the_invitation_form_says_why_in_english_too(portal, store_url) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from accounts.users import add_user
    from database.engine import make_engine

    engine = make_engine(store_url)
    with Session(engine) as session, session.begin():
        link = add_user(
            session, "new@timra.se", name="New", role="reporter", municipalities=[TIMRA]
        ).invitation
    engine.dispose()
    client = portal.test_client()
    assert "Minst 12 tecken och minst 5 olika" in client.get(f"/inbjudan/{link}").get_data(
        as_text=True
    )
    with client.session_transaction() as stored_session:
        stored_session["lang"] = "en"
    page = client.get(f"/inbjudan/{link}").get_data(as_text=True)
    assert "At least 12 characters, at least 5 different ones" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    blank = "\u3000" * 12
    response = client.post(
        f"/inbjudan/{link}", data={"csrf_token": token, "password": blank, "password2": blank}
    )
    assert response.status_code == 400
    assert "the password cannot be only spaces or invisible characters" in response.get_data(
        as_text=True
    )
    assert client.get(f"/inbjudan/{link}").status_code == 200  # the link still works
