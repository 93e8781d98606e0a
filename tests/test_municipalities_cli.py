"""`miljomal municipalities ...` and `miljomal groups ...` against a store with the registry."""

from __future__ import annotations

import json

import pytest
from click.testing import Result
from conftest import run_cli

VASTERNORRLAND = [
    ("2260", "Ånge"),
    ("2262", "Timrå"),
    ("2280", "Härnösand"),
    ("2281", "Sundsvall"),
    ("2282", "Kramfors"),
    ("2283", "Sollefteå"),
    ("2284", "Örnsköldsvik"),
]


@pytest.fixture
def run(migrated, db_url: str):  # type: ignore[no-untyped-def]
    """Run the CLI against a store holding the schema and the registry."""
    from database.engine import session_scope
    from miljomal.db import upgrade
    from municipalities.registry import load_registry

    upgrade(migrated)  # already at head: a copy of the session's migrated template
    with session_scope(migrated) as session:
        load_registry(session)

    def _run(*args: str) -> Result:
        return run_cli(*args, db=db_url)

    return _run


def test_county_list_as_json_gives_its_seven_municipalities(run) -> None:  # type: ignore[no-untyped-def]
    result = run("municipalities", "list", "--county", "22", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [(r["code"], r["short_name"]) for r in rows] == VASTERNORRLAND
    assert rows[3] == {
        "code": "2281",
        "name": "Sundsvalls kommun",
        "short_name": "Sundsvall",
        "county_code": "22",
        "sekom_member": False,
        "sekom_since": None,
        "sekom_left": None,
    }


def test_county_list_table_has_swedish_headers(run) -> None:  # type: ignore[no-untyped-def]
    result = run("municipalities", "list", "--county", "Västernorrlands län")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["kod", "namn", "län", "SEkom"]
    assert lines[1].split() == ["2260", "Ånge", "Västernorrland"]
    assert len(lines) == 8


def test_unknown_county_exits_1_with_one_error_line(run) -> None:  # type: ignore[no-untyped-def]
    result = run("municipalities", "list", "--county", "Västernorland")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Fel: okänt län 'Västernorland' (menade du Västernorrland, Västmanland, Östergötland?)"
    ]


def test_unknown_municipality_exits_1_with_a_suggestion(run) -> None:  # type: ignore[no-untyped-def]
    result = run("municipalities", "show", "Sundsval")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["Fel: okänd kommun 'Sundsval' (menade du Sundsvall?)"]


def test_set_member_round_trip(run) -> None:  # type: ignore[no-untyped-def]
    result = run("municipalities", "set-member", "sundsvalls kommun", "--since", "2008")
    assert result.exit_code == 0
    assert result.output == "Sundsvall (2281) är SEkom-medlem sedan 2008.\n"
    assert run("municipalities", "set-member", "2284").exit_code == 0

    members = json.loads(run("municipalities", "list", "--members-only", "--json").output)
    assert [(m["code"], m["sekom_member"], m["sekom_since"]) for m in members] == [
        ("2281", True, 2008),
        ("2284", True, None),
    ]
    shown = json.loads(run("municipalities", "show", "2281", "--json").output)
    assert (shown["sekom_member"], shown["sekom_since"], shown["county_name"]) == (
        True,
        2008,
        "Västernorrlands län",
    )

    removed = run("--lang", "en", "municipalities", "set-member", "2281", "--remove")
    assert removed.output == "Sundsvall (2281) is no longer a SEkom member.\n"
    members = json.loads(run("municipalities", "list", "--members-only", "--json").output)
    assert [m["code"] for m in members] == ["2284"]


def test_set_member_with_both_since_and_remove_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("municipalities", "set-member", "2281", "--since", "2008", "--remove")
    assert result.exit_code == 2


def test_show_prints_names_county_and_groups(run) -> None:  # type: ignore[no-untyped-def]
    run("groups", "create", "Kust", "--members", "2281,2284")
    result = run("municipalities", "show", "Örnsköldsvik")
    assert result.exit_code == 0
    assert [line.split(None, 1) for line in result.output.splitlines()] == [
        ["kod", "2284"],
        ["namn", "Örnsköldsviks kommun"],
        ["kortnamn", "Örnsköldsvik"],
        ["län", "22 Västernorrlands län"],
        ["SEkom", "nej"],
        ["grupper", "Kust"],
    ]


def test_groups_round_trip(run) -> None:  # type: ignore[no-untyped-def]
    created = run(
        "groups", "create", "SEkom Y", "--members", "2281, Timrå,2284", "--description", "SEkom"
    )
    assert created.exit_code == 0
    assert created.output == "Gruppen 'SEkom Y' har 3 kommuner: 2262, 2281, 2284.\n"

    listed = json.loads(run("groups", "list", "--json").output)
    assert listed == [
        {"name": "SEkom Y", "description": "SEkom", "members": ["2262", "2281", "2284"]}
    ]
    shown = json.loads(run("groups", "show", "SEkom Y", "--json").output)
    assert shown["members"] == [
        {"code": "2262", "name": "Timrå"},
        {"code": "2281", "name": "Sundsvall"},
        {"code": "2284", "name": "Örnsköldsvik"},
    ]

    again = run("groups", "create", "SEkom Y", "--members", "2260")
    assert again.exit_code == 1
    assert again.stderr.splitlines() == [
        "Fel: det finns redan en grupp som heter 'SEkom Y'; använd --replace för att ersätta den"
    ]
    replaced = run("groups", "create", "SEkom Y", "--members", "2260", "--replace")
    assert replaced.exit_code == 0
    assert json.loads(run("groups", "list", "--json").output)[0]["members"] == ["2260"]

    deleted = run("groups", "delete", "SEkom Y")
    assert deleted.exit_code == 0
    assert deleted.output == "Gruppen 'SEkom Y' är borttagen.\n"
    assert json.loads(run("groups", "list", "--json").output) == []


def test_group_with_unknown_members_exits_1_naming_them(run) -> None:  # type: ignore[no-untyped-def]
    result = run("groups", "create", "Kust", "--members", "2281,Sundsval,9999")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Fel: okända kommuner i gruppen: 'Sundsval' (menade du Sundsvall?), '9999'"
    ]
    assert json.loads(run("groups", "list", "--json").output) == []


def test_every_registry_command_has_help() -> None:
    for args in (
        ["municipalities"],
        ["municipalities", "list"],
        ["municipalities", "show"],
        ["municipalities", "set-member"],
        ["groups"],
        ["groups", "create"],
        ["groups", "list"],
        ["groups", "show"],
        ["groups", "delete"],
    ):
        result = run_cli(*args, "--help")
        assert result.exit_code == 0
        assert "\n  " in result.output.split("Options:")[0]
