"""Who made a change is one line of plain text: control characters in --user or $USER are
refused, and stored text with control characters is escaped before it reaches a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy import update
from test_import_cli import good_csv

from database.engine import session_scope
from indicators.models import Revision
from indicators.models import Upload

FORGED = "lena\n1   evil.xlsx  admin  2024-01-01"


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{csv}"],
        ["year", "lock", "2024"],
        ["plan", "import", "{plan}"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
@pytest.mark.parametrize("name", [FORGED, "anna\x1b[2J", "eva\r", "olle\u202e"])
def test_control_characters_in_user_are_refused(
    miljomal, store, tmp_path: Path, command: list[str], name: str
) -> None:  # type: ignore[no-untyped-def]
    from conftest import DATA

    args = [
        a.format(csv=good_csv(tmp_path / "a.csv"), plan=DATA / "plan" / "handlingsplan.txt")
        for a in command
    ]
    result = miljomal(*args, "--user", name)
    assert result.exit_code == 2, result.output
    assert "--user" in result.output
    assert "styrtecken" in result.output
    with session_scope(store) as session:
        assert session.scalars(select(Upload)).all() == []


@pytest.mark.parametrize(
    "args",
    [
        ["year", "lock", "2024", "--lang", "en", "--user", FORGED],
        ["year", "lock", "2024", "--user", FORGED, "--lang", "en"],
        ["--lang", "en", "year", "lock", "2024", "--user", FORGED],
    ],
    ids=["lang-before", "lang-after", "root-lang"],
)
def test_the_refusal_is_in_one_language(miljomal, store, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Asked for English, the whole line is English (it was Swedish with an English tail)."""
    result = miljomal(*args)
    assert result.exit_code == 2, result.output
    assert "Error: Invalid value for '--user': the name holds control characters" in result.output
    assert "styrtecken" not in result.output and "Ogiltigt" not in result.output
    swedish = miljomal("year", "lock", "2024", "--user", FORGED)
    assert "Fel: Ogiltigt värde för '--user': namnet innehåller styrtecken" in swedish.output
    assert "control characters" not in swedish.output


def test_a_control_character_in_the_login_name_is_refused(
    miljomal, store, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, FORGED)
    result = miljomal("import", str(good_csv(tmp_path / "a.csv")))
    assert result.exit_code == 2, result.output
    assert "$USER" in result.output and "--user" in result.output
    with session_scope(store) as session:
        assert session.scalars(select(Upload)).all() == []


def test_stored_control_characters_are_escaped_on_the_terminal(
    miljomal, store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert miljomal("import", str(good_csv(tmp_path / "a.csv")), "--user", "lena").exit_code == 0
    with session_scope(store) as session:  # as an older version could have stored it
        session.execute(update(Upload).values(uploaded_by=FORGED + "\x1b[31m"))
        session.execute(update(Revision).values(changed_by=FORGED + "\x1b[31m"))
    for args in (
        ["uploads", "list"],
        ["uploads", "show", "1"],
        ["history", "-m", "2281", "-i", "GN.6"],
    ):
        result = miljomal(*args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output
        assert "lena\\n1   evil.xlsx  admin  2024-01-01\\x1b[31m" in result.output
        assert not any(line.startswith("1   evil") for line in result.output.splitlines())
