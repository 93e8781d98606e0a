"""Credentials that can be shut off (issue 22, cases 6-8): invitation links, API tokens and
passwords, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

LONG = "ett långt lösenord"


def _add(miljomal, email: str = "anna@timra.se") -> str:  # type: ignore[no-untyped-def]
    """Add a reporter by invitation; the invitation token."""
    result = miljomal(
        "users", "add", email, "--name", "Anna", "--role", "reporter", "--municipality", "2262"
    )
    assert result.exit_code == 0, result.output
    return re.search(r"/inbjudan/(\S+)$", result.output.strip()).group(1)


def _invitation_works(store, token: str) -> bool:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from accounts.errors import InvalidInvitation
    from accounts.users import invitation_user

    with Session(store) as session:
        try:
            invitation_user(session, token)
        except InvalidInvitation:
            return False
    return True


def _set_password(store, email: str, password: str) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from accounts.users import get_user
    from accounts.users import set_password

    with Session(store) as session, session.begin():
        set_password(session, get_user(session, email), password)


def _token_user(store, token: str) -> str | None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from accounts.users import user_for_api_token

    with Session(store) as session, session.begin():
        user = user_for_api_token(session, token)
        return user.email if user else None


# --- case 6: invitation links -----------------------------------------------------------------


def test_a_reset_voids_the_earlier_invitation_link(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    first = _add(miljomal)
    reset = miljomal("users", "reset", "anna@timra.se")
    assert reset.exit_code == 0
    second = re.search(r"/inbjudan/(\S+)$", reset.output.strip()).group(1)
    assert not _invitation_works(store, first)
    assert _invitation_works(store, second)


def test_a_password_change_voids_every_open_link(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    link = _add(miljomal)
    _set_password(store, "anna@timra.se", LONG)
    assert not _invitation_works(store, link)


def test_a_disable_voids_every_open_link(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    link = _add(miljomal)
    assert miljomal("users", "disable", "anna@timra.se").exit_code == 0
    assert not _invitation_works(store, link)


def test_an_accepted_link_ends_the_other_open_links(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from accounts.users import accept_invitation

    first = _add(miljomal)
    second = re.search(
        r"/inbjudan/(\S+)$", miljomal("users", "reset", "anna@timra.se").output.strip()
    ).group(1)
    with Session(store) as session, session.begin():
        accept_invitation(session, second, LONG)
    assert not _invitation_works(store, first)
    assert not _invitation_works(store, second)


# --- case 7: API tokens ------------------------------------------------------------------------


def _with_password(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    _add(miljomal)
    _set_password(store, "anna@timra.se", LONG)


def test_tokens_lists_id_created_last_used_and_expiry(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    _with_password(miljomal, store)
    assert miljomal("users", "tokens", "anna@timra.se", "--json").output.strip() == "[]"
    first = miljomal("users", "token", "anna@timra.se").output.strip()
    second = miljomal("users", "token", "anna@timra.se", "--expires", "30").output.strip()
    assert first.startswith("mm_") and second.startswith("mm_")
    assert _token_user(store, first) == "anna@timra.se"
    listed = json.loads(miljomal("users", "tokens", "anna@timra.se", "--json").output)
    assert [sorted(row) for row in listed] == [
        ["created_at", "expires_at", "id", "last_used_at"]
    ] * 2
    assert listed[0]["id"] < listed[1]["id"]
    assert listed[0]["last_used_at"] is not None and listed[1]["last_used_at"] is None
    created = [dt.datetime.fromisoformat(row["created_at"]) for row in listed]
    expires = [dt.datetime.fromisoformat(row["expires_at"]) for row in listed]
    assert expires[0] - created[0] == dt.timedelta(days=365)
    assert expires[1] - created[1] == dt.timedelta(days=30)
    table = miljomal("users", "tokens", "anna@timra.se")
    assert table.exit_code == 0
    lines = table.output.splitlines()
    assert lines[0].split()[:3] == ["id", "skapad", "(UTC)"]
    assert lines[-1].split()[0] == str(listed[1]["id"]) and "aldrig" in lines[-1]
    english = miljomal("--lang", "en", "users", "tokens", "anna@timra.se")
    assert english.output.splitlines()[0].split()[:2] == ["id", "created"]


def test_an_expired_token_opens_nothing(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from accounts.users import user_for_api_token

    _with_password(miljomal, store)
    token = miljomal("users", "token", "anna@timra.se", "--expires", "1").output.strip()
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1, minutes=1)
    with Session(store) as session:
        assert user_for_api_token(session, token, now=later) is None
        assert user_for_api_token(session, token) is not None
    assert miljomal("users", "token", "anna@timra.se", "--expires", "0").exit_code == 2


def test_a_tokens_last_use_is_written_once_a_minute(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    """A client uploading many files a second does not write the token's row each time."""
    from sqlalchemy.orm import Session

    from accounts.users import user_for_api_token

    _with_password(miljomal, store)
    token = miljomal("users", "token", "anna@timra.se").output.strip()
    first = dt.datetime(2026, 3, 2, 9, 0, 0)
    for moment, written in (
        (first, first),
        (first + dt.timedelta(seconds=59), first),
        (first + dt.timedelta(seconds=60), first + dt.timedelta(seconds=60)),
    ):
        with Session(store) as session, session.begin():
            user_for_api_token(session, token, now=moment)
            assert bool(session.dirty) == (written == moment)
        listed = json.loads(miljomal("users", "tokens", "anna@timra.se", "--json").output)
        assert listed[0]["last_used_at"] == written.isoformat()


def test_revoke_one_token_or_all(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    _with_password(miljomal, store)
    tokens = [miljomal("users", "token", "anna@timra.se").output.strip() for _ in range(3)]
    ids = [
        row["id"]
        for row in json.loads(miljomal("users", "tokens", "anna@timra.se", "--json").output)
    ]
    one = miljomal("users", "revoke", "anna@timra.se", "--token", str(ids[0]))
    assert one.exit_code == 0, one.output
    assert one.output == "Återkallade 1 API-nyckel/-nycklar för anna@timra.se\n"
    assert _token_user(store, tokens[0]) is None
    assert _token_user(store, tokens[1]) == "anna@timra.se"
    left = [
        row["id"]
        for row in json.loads(miljomal("users", "tokens", "anna@timra.se", "--json").output)
    ]
    assert left == ids[1:]
    again = miljomal("users", "revoke", "anna@timra.se", "--token", str(ids[0]))
    assert again.exit_code == 1
    assert again.output == f"Fel: anna@timra.se har ingen nyckel {ids[0]}\n"
    every = miljomal("users", "revoke", "anna@timra.se", "--all")
    assert every.exit_code == 0 and "Återkallade 2 " in every.output
    assert [_token_user(store, token) for token in tokens] == [None, None, None]
    assert miljomal("users", "tokens", "anna@timra.se", "--json").output.strip() == "[]"


def test_revoke_needs_exactly_one_of_token_or_all(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    _with_password(miljomal, store)
    neither = miljomal("users", "revoke", "anna@timra.se")
    both = miljomal("users", "revoke", "anna@timra.se", "--token", "1", "--all")
    assert neither.exit_code == 2 and both.exit_code == 2
    assert "--token ID eller --all" in neither.output


def test_another_accounts_token_cannot_be_revoked_by_id(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    _with_password(miljomal, store)
    _add(miljomal, "sven@timra.se")
    token = miljomal("users", "token", "anna@timra.se").output.strip()
    (row,) = json.loads(miljomal("users", "tokens", "anna@timra.se", "--json").output)
    refused = miljomal("users", "revoke", "sven@timra.se", "--token", str(row["id"]))
    assert refused.exit_code == 1
    assert _token_user(store, token) == "anna@timra.se"


@pytest.mark.parametrize("how", ["disable", "reset", "password"])
def test_disable_reset_and_a_password_change_revoke_every_token(miljomal, store, how: str) -> None:  # type: ignore[no-untyped-def]
    _with_password(miljomal, store)
    tokens = [miljomal("users", "token", "anna@timra.se").output.strip() for _ in range(2)]
    if how == "password":
        _set_password(store, "anna@timra.se", "ett helt annat lösenord")
    else:
        assert miljomal("users", how, "anna@timra.se").exit_code == 0
    assert [_token_user(store, token) for token in tokens] == [None, None]
    assert miljomal("users", "tokens", "anna@timra.se", "--json").output.strip() == "[]"


def test_a_reset_of_a_disabled_account_does_not_revive_its_tokens(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from accounts.users import accept_invitation

    _with_password(miljomal, store)
    token = miljomal("users", "token", "anna@timra.se").output.strip()
    assert miljomal("users", "disable", "anna@timra.se").exit_code == 0
    reset = miljomal("users", "reset", "anna@timra.se")
    assert _token_user(store, token) is None
    link = re.search(r"/inbjudan/(\S+)$", reset.output.strip()).group(1)
    with Session(store) as session, session.begin():
        accept_invitation(session, link, "ett tredje lösenord")
    assert _token_user(store, token) is None


# --- case 8: passwords -------------------------------------------------------------------------

WEAK = {
    " " * 12: "bara mellanslag eller osynliga tecken",
    "\u200b" * 12: "bara mellanslag eller osynliga tecken",
    "\u3000" * 12: "bara mellanslag eller osynliga tecken",
    "a" * 12: "minst 5 olika tecken",
    "abababababab": "minst 5 olika tecken",
    "password1234": "ett av de vanligaste",
    "Sommar2024!!": "ett av de vanligaste",
    "lösenord123456": "ett av de vanligaste",
    "Lösenord 2024!": "ett av de vanligaste",
    "qwertyuiopå123": "ett av de vanligaste",
    "123456789012": "ett av de vanligaste",
    "Välkommen2025": "ett av de vanligaste",
    "kort": "minst 12 tecken",
    "x" * 2000: "högst 1024 tecken",
}


@pytest.mark.parametrize("password", list(WEAK), ids=[repr(p[:14]) for p in WEAK])
def test_weak_passwords_are_refused_with_the_reason(password: str) -> None:
    from accounts.errors import WeakPassword
    from accounts.passwords import check_password_strength

    with pytest.raises(WeakPassword) as caught:
        check_password_strength(password)
    assert WEAK[password] in caught.value.message("sv")
    assert caught.value.message("en") != caught.value.message("sv")


@pytest.mark.parametrize(
    "password", ["rätt lösenord 2025", "korvbröd med senap", "Tåget går 07.42 från Timrå"]
)
def test_ordinary_passphrases_are_accepted(password: str) -> None:
    from accounts.passwords import check_password_strength

    check_password_strength(password)


def test_the_bundled_list_holds_swedish_passwords() -> None:
    from accounts.passwords import common_passwords
    from accounts.passwords import is_common

    assert {"sommar2024", "lösenord123", "password", "qwerty"} <= {
        word for word in ("sommar2024", "lösenord123", "password", "qwerty") if is_common(word)
    }
    assert len(common_passwords()) > 150


def test_a_password_is_normalised_nfkc(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from accounts.users import authenticate

    _add(miljomal)
    # Full-width letters and digits (an East Asian keyboard) are the same password.
    _set_password(store, "anna@timra.se", "ｋｏｒｖｂｒöｄ ２０２５")
    with Session(store) as session:
        assert authenticate(session, "anna@timra.se", "korvbröd 2025") is not None
        assert authenticate(session, "anna@timra.se", "ｋｏｒｖｂｒöｄ ２０２５") is not None


def test_the_cli_refuses_a_blank_password_with_the_reason(miljomal) -> None:  # type: ignore[no-untyped-def]
    result = miljomal(
        "users", "add", "a@b.se", "--name", "A", "--role", "admin", "--password-stdin",
        input="\u200b" * 12 + "\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output == (
        "Fel: lösenordet kan inte bestå av bara mellanslag eller osynliga tecken\n"
    )
    assert miljomal("users", "list").output.count("a@b.se") == 0
