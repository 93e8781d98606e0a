"""The floor: the least an import can do, with raw python-calamine and sqlite3 only.

Run as its own process, like `miljomal import`, so both pay the interpreter start-up:

    python benchmarks/floor.py templates STORE FILE...   # one transaction per file
    python benchmarks/floor.py long STORE FILE           # one long table, one transaction

Per file it hashes the bytes, reads the cells with calamine, resolves indicator codes with a
dict, reads the stored values of the file's keys, inserts an upload row, the new
observations and one revision each (updates for changed values), and commits.  No
validation messages, no history checks, no ORM: what is left is the libraries' own cost.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

from python_calamine import CalamineWorkbook

STAMP = "2025-01-15 10:00:00.000000"


def connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    pragmas = ("journal_mode=WAL", "busy_timeout=60000", "foreign_keys=ON", "synchronous=NORMAL")
    for pragma in pragmas:
        connection.execute(f"PRAGMA {pragma}")
    return connection


def store_values(
    connection: sqlite3.Connection, name: str, sha: str, size: int, layout: str, values: list[tuple]
) -> tuple[int, int, int]:
    """(kommunkod, indicator id, year, value) rows in one transaction; (created, updated, same)."""
    connection.execute("BEGIN IMMEDIATE")
    if connection.execute("SELECT id FROM upload WHERE sha256 = ?", (sha,)).fetchone():
        connection.execute("ROLLBACK")
        return 0, 0, 0
    codes = sorted({v[0] for v in values})
    ids = sorted({v[1] for v in values})
    years = sorted({v[2] for v in values})
    marks = ",".join
    existing = {
        (code, indicator, year): (obs_id, value)
        for obs_id, code, indicator, year, value in connection.execute(
            "SELECT id, municipality_code, indicator_id, year, value FROM observation "
            f"WHERE municipality_code IN ({marks('?' * len(codes))}) "
            f"AND indicator_id IN ({marks('?' * len(ids))}) "
            f"AND year IN ({marks('?' * len(years))})",
            [*codes, *ids, *years],
        )
    }
    created, changed, same = [], [], 0
    for key in values:
        old = existing.get(key[:3])
        if old is None:
            created.append(key)
        elif old[1] == key[3]:
            same += 1
        else:
            changed.append((old[0], old[1], key[3]))
    upload = connection.execute(
        "INSERT INTO upload (file_name, sha256, size, layout, uploaded_by, uploaded_at, created, "
        "updated, unchanged, rejected, warnings, outcome) "
        "VALUES (?, ?, ?, ?, 'floor', ?, ?, ?, ?, 0, 0, 'imported')",
        (name, sha, size, layout, STAMP, len(created), len(changed), same),
    ).lastrowid
    connection.executemany(
        "INSERT INTO observation (municipality_code, indicator_id, year, value, status, "
        "upload_id, updated_at) VALUES (?, ?, ?, ?, 'reported', ?, ?)",
        [(*row, upload, STAMP) for row in created],
    )
    connection.executemany(
        "UPDATE observation SET value = ?, upload_id = ?, updated_at = ? WHERE id = ?",
        [(new, upload, STAMP, obs_id) for obs_id, _, new in changed],
    )
    revisions = [
        (obs_id, upload, old, "reported", new, STAMP, "floor") for obs_id, old, new in changed
    ]
    if created:
        revisions += [
            (obs_id, upload, None, None, value, STAMP, "floor")
            for obs_id, value in connection.execute(
                "SELECT id, value FROM observation WHERE upload_id = ?", (upload,)
            )
        ]
    connection.executemany(
        "INSERT INTO revision (observation_id, upload_id, old_value, old_status, new_value, "
        "new_status, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, 'reported', ?, ?)",
        revisions,
    )
    connection.execute("COMMIT")
    return len(created), len(changed), same


def template_values(path: Path, indicators: dict[str, int]) -> tuple[list[tuple], bytes]:
    content = path.read_bytes()
    book = CalamineWorkbook.from_path(str(path))
    meta = {row[0]: row[1] for row in book.get_sheet_by_name("miljomal").to_python() if row}
    sheet = book.get_sheet_by_name(str(meta["data_sheet"])).to_python()
    code, year = str(meta["municipality"]), int(meta["year"])
    value_col = ord(str(meta["value_column"])) - 65
    code_col = ord(str(meta["code_column"])) - 65
    values = [
        (code, indicators[row[code_col]], year, float(row[value_col]))
        for row in sheet[int(meta["first_data_row"]) - 1 :]
        if row[code_col] != "" and row[value_col] != ""
    ]
    return values, content


def long_values(path: Path, indicators: dict[str, int]) -> tuple[list[tuple], bytes]:
    content = path.read_bytes()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    values = [
        (str(code), indicators[indicator], int(year), float(value))
        for code, indicator, year, value in rows[1:]
    ]
    return values, content


def main(argv: list[str]) -> None:
    mode, store, *files = argv
    connection = connect(store)
    # Codes repeat across sets; the generated files hold the 2012 set and the local set.
    indicators = dict(
        connection.execute(
            "SELECT i.code, i.id FROM indicator i JOIN indicator_set s ON s.id = i.set_id"
            " WHERE s.code != 'sekom-2023'"
        )
    )
    read = template_values if mode == "templates" else long_values
    totals = [0, 0, 0]
    for name in files:
        values, content = read(Path(name), indicators)
        sha = hashlib.sha256(content).hexdigest()
        counts = store_values(connection, name, sha, len(content), mode, values)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    connection.close()
    print("created {} updated {} unchanged {}".format(*totals))


if __name__ == "__main__":
    main(sys.argv[1:])
