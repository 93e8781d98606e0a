"""`miljomal users remove EMAIL --reason TEXT`: a person's name and e-mail become a pseudonym.

On SQLite and PostgreSQL: afterwards no text column of any table holds the old address or
name, `miljomal verify` passes, the history shows one pseudonymous person where the person
was, the audit log records the removal, and every other cell of the store is as it was.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData
from sqlalchemy import String
from sqlalchemy import select
from test_publish_site import excel_csv

ANNA = ("anna.andersson@timra.se", "Anna Andersson")
SVEN = ("sven.svensson@sundsvall.se", "Sven Svensson")
PSEUDONYM = re.compile(r"^borttagen-[0-9a-f]{8}$")
PASSWORD = "ett lösenord som är långt\n"


@pytest.fixture
def kept(miljomal, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Anna and Sven with accounts; Anna's imports, comments and a county decision on them."""
    for (email, name), code in ((ANNA, "2262"), (SVEN, "2281")):
        added = miljomal(
            "users",
            "add",
            email,
            "--name",
            name,
            "--role",
            "reporter",
            "--municipality",
            code,
            "--password-stdin",
            input=PASSWORD,
        )
        assert added.exit_code == 0, added.output
    first = excel_csv(
        tmp_path / "timra.csv",
        "Timrå;GN.6;2023;3,5;;Uppgift från Anna Andersson",
        "Timrå;GN.7;2023;120;;",
    )
    assert miljomal("import", str(first), "--user", ANNA[0]).exit_code == 0
    fix = excel_csv(
        tmp_path / "timra-rättad.csv",
        "Timrå;GN.6;2023;4,0;;Rättad av anna.andersson@timra.se",
    )
    assert miljomal("import", str(fix), "--user", ANNA[0]).exit_code == 0
    sven = excel_csv(tmp_path / "sundsvall.csv", "Sundsvall;GN.6;2023;10;;Sven Svensson")
    assert miljomal("import", str(sven), "--user", SVEN[0]).exit_code == 0
    returned = miljomal(
        "approval",
        "return",
        "-m",
        "2262",
        "-y",
        "2023",
        "--reason",
        "Fråga ANNA ANDERSSON om GN.7",
        "--user",
        "lars@lansstyrelsen.se",
    )
    assert returned.exit_code == 0, returned.output
    return miljomal


def snapshot(url: str) -> dict[str, dict[Any, dict[str, Any]]]:
    """Every row of every table, by primary key (all columns when a table has none)."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    metadata = MetaData()
    tables: dict[str, dict[Any, dict[str, Any]]] = {}
    with engine.connect() as connection:
        metadata.reflect(bind=connection)
        for table in metadata.sorted_tables:
            key = [c.name for c in table.primary_key.columns] or [c.name for c in table.columns]
            rows = {}
            for row in connection.execute(select(table)).mappings():
                rows[tuple(row[k] for k in key)] = dict(row)
            tables[table.name] = rows
    engine.dispose()
    return tables


def texts_holding(url: str, *needles: str) -> list[str]:
    """`table.column` of every text cell of the store that holds one of ``needles``."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    metadata = MetaData()
    found = []
    with engine.connect() as connection:
        metadata.reflect(bind=connection)
        for table in metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, String):
                    continue
                for value in connection.scalars(select(column)):
                    if value and any(n.lower() in value.lower() for n in needles):
                        found.append(f"{table.name}.{column.name}")
    engine.dispose()
    return sorted(found)


def test_users_remove_leaves_a_pseudonym_everywhere_and_verify_passes(  # type: ignore[no-untyped-def]
    kept, store_url: str
) -> None:
    assert texts_holding(store_url, *ANNA) == [
        "app_user.email",
        "app_user.name",
        "county_event.reason",
        "observation.comment",
        "revision.changed_by",
        "revision.changed_by",
        "revision.changed_by",
        "revision.new_comment",
        "revision.new_comment",
        "revision.old_comment",
        "upload.uploaded_by",
        "upload.uploaded_by",
    ]
    before = snapshot(store_url)

    result = kept("users", "remove", ANNA[0], "--reason", "Begäran från Anna Andersson", "--json")
    assert result.exit_code == 0, result.output
    removal = json.loads(result.output)
    pseudonym = removal["pseudonym"]
    assert PSEUDONYM.match(pseudonym)
    assert removal["replaced"] == {
        "county_event.reason": 1,
        "observation.comment": 1,
        "revision.changed_by": 3,
        "revision.new_comment": 2,
        "revision.old_comment": 1,
        "upload.uploaded_by": 2,
    }

    assert texts_holding(store_url, *ANNA) == []
    verified = kept("verify")
    assert verified.exit_code == 0, verified.output
    assert "Historiken förklarar alla lagrade värden." in verified.output

    # The history shows one and the same (pseudonymous) person where Anna was.
    history = json.loads(kept("history", "-m", "2262", "-i", "GN.6", "--json").output)
    assert [(c["changed_by"], c["new_comment"]) for c in history] == [
        (pseudonym, f"Uppgift från {pseudonym}"),
        (pseudonym, f"Rättad av {pseudonym}"),
    ]

    # The audit log records the removal: who did it, why (cleaned too), and the pseudonym.
    log = json.loads(kept("approval", "log", "--kind", "remove", "--json").output)
    [entry] = log["entries"]
    assert (entry["kind"], entry["subject"], entry["reason"]) == (
        "remove",
        pseudonym,
        f"Begäran från {pseudonym}",
    )
    assert entry["actor"] and entry["actor"] != ANNA[0]

    # Nothing else changed: every other cell is as it was, Anna's texts with the pseudonym.
    after = snapshot(store_url)
    assert set(after) == set(before)
    [event] = after["account_event"].values()
    assert event["subject"] == pseudonym and not before["account_event"]
    for table, rows in before.items():
        if table in ("account_event", "app_user"):
            continue
        expected = {
            key: {name: _pseudonymised(value, pseudonym) for name, value in row.items()}
            for key, row in rows.items()
        }
        assert after[table] == expected, table
    users_before = {row["id"]: row for row in before["app_user"].values()}
    users_after = {row["id"]: row for row in after["app_user"].values()}
    [anna_id] = [i for i, row in users_before.items() if row["email"] == ANNA[0]]
    changed = {
        name for name, value in users_after[anna_id].items() if value != users_before[anna_id][name]
    }
    assert changed == {"email", "name", "password_hash", "active", "session_epoch"}
    assert (users_after[anna_id]["email"], users_after[anna_id]["name"]) == (pseudonym,) * 2
    assert not users_after[anna_id]["active"] and users_after[anna_id]["password_hash"] is None
    assert {i: r for i, r in users_after.items() if i != anna_id} == {
        i: r for i, r in users_before.items() if i != anna_id
    }


def _pseudonymised(value: Any, pseudonym: str) -> Any:
    """The cell as it should be: Anna's address and name replaced, in any letter case."""
    if isinstance(value, str):
        return re.sub("|".join(map(re.escape, ANNA)), pseudonym, value, flags=re.IGNORECASE)
    return value


def test_the_removed_person_is_listed_by_pseudonym_and_cannot_log_in(  # type: ignore[no-untyped-def]
    kept, store_url: str, tmp_path: Path
) -> None:
    from portal import csrf_token
    from portal import make_portal

    result = kept("users", "remove", ANNA[0], "--reason", "Slutat")
    assert result.exit_code == 0, result.output
    [pseudonym] = re.findall(r"borttagen-[0-9a-f]{8}", result.output)
    assert result.output == (
        f"{ANNA[0]} är borttagen: kontot är stängt och namn och e-post är ersatta med "
        f"{pseudonym} (10 texter ändrade).\n"
    )
    listed = kept("users", "list").output
    assert ANNA[0] not in listed and pseudonym in listed

    client = make_portal(store_url, tmp_path).test_client()
    token = csrf_token(client, "/login")
    answer = client.post(
        "/login",
        data={"email": ANNA[0], "password": PASSWORD.strip(), "csrf_token": token},
    )
    assert "Fel e-post eller lösenord." in answer.get_data(as_text=True)


def test_removing_needs_a_known_person_and_a_reason(kept, store_url: str) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(store_url)
    unknown = kept("users", "remove", "ingen@timra.se", "--reason", "Slutat")
    assert unknown.exit_code == 1
    assert "ingen användare ingen@timra.se" in unknown.output
    blank = kept("users", "remove", ANNA[0], "--reason", "  ")
    assert blank.exit_code == 1
    assert "ange varför personen tas bort (--reason)" in blank.output
    missing = kept("users", "remove", ANNA[0])
    assert missing.exit_code == 2 and "--reason" in missing.output
    assert snapshot(store_url) == before
