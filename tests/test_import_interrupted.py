"""An import whose output goes away (`| head`) or that is interrupted (Ctrl-C) tells the truth.

A closed standard output must not stop the batch; after Ctrl-C the user learns exactly which
files were committed, which one was rolled back and which were never started (exit 130).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from test_crash_and_concurrency import ROOT  # noqa: F401 (wal_baseline is a fixture)
from test_crash_and_concurrency import big_csv  # noqa: F401 (wal_baseline is a fixture)
from test_crash_and_concurrency import wait_until_storing  # noqa: F401 (wal_baseline is a fixture)
from test_crash_and_concurrency import wal_baseline  # noqa: F401 (wal_baseline is a fixture)
from test_import_cli import bad_csv
from test_import_cli import good_csv
from test_import_cli import write_csv


def miljomal_process(db_url: str, *args: str, cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "miljomal", "--db", db_url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONPATH=str(ROOT), MILJOMAL_MAX_ROWS="200000"),
        cwd=cwd,
    )


def uploads(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        query = text("SELECT file_name FROM upload ORDER BY id")
        return list(connection.execute(query).scalars())


def test_a_closed_output_finishes_the_batch_and_keeps_its_exit_code(
    store: Engine, store_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "inkommet"
    folder.mkdir()
    good_csv(folder / "a.csv")
    big_csv(store, folder / "b.csv", 20_000, first_year=1990, offset=3)
    bad_csv(folder / "c.csv")
    write_csv(folder / "d.csv", "2262;GN.7;2021;380;;")  # 2012 set: household waste
    child = miljomal_process(store_url, "import", "--quiet", str(folder), cwd=tmp_path)
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline().decode()
    child.stdout.close()  # as `| head -1` does after its line
    assert first.startswith("importerad ") and "a.csv" in first
    stderr = child.stderr.read().decode()
    assert child.wait(timeout=300) == 1, stderr  # c.csv was rejected
    assert "Traceback" not in stderr
    assert uploads(store) == ["a.csv", "b.csv", "d.csv"]


@pytest.mark.usefixtures("wal_baseline")
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_ctrl_c_says_which_files_were_committed(
    store: Engine, store_url: str, tmp_path: Path, as_json: bool
) -> None:
    folder = tmp_path / "inkommet"
    folder.mkdir()
    good_csv(folder / "a.csv")
    big_csv(store, folder / "b-stor.csv", 60_000, first_year=1990)
    write_csv(folder / "c.csv", "2262;GN.7;2023;380;;")
    args = ["import", "--quiet", *(["--json"] if as_json else []), str(folder)]
    child = miljomal_process(store_url, *args, cwd=tmp_path)
    deadline = time.monotonic() + 120
    while uploads(store) != ["a.csv"]:  # a.csv committed; the big file comes next
        assert child.poll() is None and time.monotonic() < deadline, child.communicate()
        time.sleep(0.01)
    if not wait_until_storing(store, store_url, child):
        pytest.fail(f"the import ended before Ctrl-C: {child.communicate()}")
    child.send_signal(signal.SIGINT)
    stdout, stderr = (part.decode() for part in child.communicate(timeout=120))
    assert child.returncode == 130, (stdout, stderr)
    assert "Traceback" not in stderr
    committed = uploads(store)
    assert committed in (["a.csv"], ["a.csv", "b-stor.csv"])
    big_committed = "b-stor.csv" in committed
    if as_json:
        data = json.loads(stdout)
        assert data["interrupted"] is True
        outcomes = {Path(f["path"]).name: f["outcome"] for f in data["files"]}
        assert outcomes == {
            "a.csv": "imported",
            "b-stor.csv": "imported" if big_committed else "rolled-back",
        }
        assert [Path(p).name for p in data["not_started"]] == ["c.csv"]
    else:
        assert "Avbrutet" in stderr
        lines = stderr.splitlines()
        saved = next(line for line in lines if line.startswith("  sparade:"))
        assert ("b-stor.csv" in saved) == big_committed and "a.csv" in saved
        if not big_committed:
            assert any(line.startswith("  återställd") and "b-stor.csv" in line for line in lines)
        assert any(line.startswith("  inte påbörjade:") and "c.csv" in line for line in lines)
        assert "nothing of the unfinished file" not in stderr
