"""`miljomal users`: the county board gives officials their portal accounts."""

from __future__ import annotations

import re


def test_add_with_an_invitation_then_list_disable_reset_and_token(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from accounts.users import accept_invitation
    from accounts.users import authenticate
    from accounts.users import user_for_api_token

    result = miljomal(
        "users", "add", "Anna@Timra.se", "--name", "Anna Berg", "--role", "reporter",
        "--municipality", "Timrå", "--municipality", "2281",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Användare tillagd: anna@timra.se (reporter)\n")
    link = re.search(r"/inbjudan/(\S+)$", result.output.strip()).group(1)
    listed = miljomal("users", "list").output.splitlines()
    assert listed[1].split() == ["anna@timra.se", "Anna", "Berg", "reporter", "2262,", "2281",
                                 "aktiv", "inbjuden"]  # fmt: skip

    with Session(store) as session, session.begin():
        accept_invitation(session, link, "ett långt lösenord")
    with Session(store) as session:
        assert authenticate(session, "anna@timra.se", "ett långt lösenord") is not None

    token = miljomal("users", "token", "anna@timra.se").output.strip()
    assert token.startswith("mm_") and len(token) > 40
    with Session(store) as session:
        assert user_for_api_token(session, token).email == "anna@timra.se"

    assert miljomal("users", "disable", "anna@timra.se").exit_code == 0
    with Session(store) as session:
        assert authenticate(session, "anna@timra.se", "ett långt lösenord") is None
        assert user_for_api_token(session, token) is None

    reset = miljomal("users", "reset", "anna@timra.se")
    assert reset.exit_code == 0 and "/inbjudan/" in reset.output
    with Session(store) as session:
        assert authenticate(session, "anna@timra.se", "ett långt lösenord") is None  # removed


def test_password_stdin_sets_the_password_and_prints_no_link(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from accounts.users import authenticate

    result = miljomal(
        "users", "add", "lars@lst.se", "--name", "Lars", "--role", "county", "--county", "22",
        "--password-stdin", input="länsstyrelsens lösenord\n",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "inbjudan" not in result.output
    with Session(store) as session:
        user = authenticate(session, "lars@lst.se", "länsstyrelsens lösenord")
        assert user.role == "county" and user.county_code == "22"
        assert user.password_hash.startswith("$argon2id$")


def test_wrong_input_is_one_line_and_writes_nothing(miljomal) -> None:  # type: ignore[no-untyped-def]
    short = miljomal(
        "users", "add", "a@b.se", "--name", "A", "--role", "reporter", "--municipality", "2262",
        "--password-stdin", input="kort\n",
    )  # fmt: skip
    assert short.exit_code == 1
    assert short.output == "Fel: lösenordet måste ha minst 12 tecken\n"
    no_municipality = miljomal("users", "add", "a@b.se", "--name", "A", "--role", "reporter")
    assert no_municipality.exit_code == 2
    assert "--municipality" in no_municipality.output
    unknown = miljomal(
        "users", "add", "a@b.se", "--name", "A", "--role", "reporter", "--municipality", "Atlantis"
    )
    assert unknown.exit_code == 2
    assert miljomal("users", "list").output.count("a@b.se") == 0
    miljomal("users", "add", "c@d.se", "--name", "C", "--role", "admin")
    again = miljomal("users", "add", "C@D.se", "--name", "C", "--role", "admin")
    assert again.exit_code == 1
    assert again.output == "Fel: användaren c@d.se finns redan\n"
    missing = miljomal("users", "disable", "nobody@x.se")
    assert missing.exit_code == 1 and missing.output == "Fel: ingen användare nobody@x.se\n"
