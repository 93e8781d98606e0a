"""Which store a command opens: a plain path is SQLite, a read-only command never creates a
store and works in a folder it cannot write, an unsupported database is named as such."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import run_cli
from test_import_cli import good_csv

READ_ONLY_COMMANDS = [
    ["verify"],
    ["export"],
    ["history", "-m", "2281", "-i", "GN.6"],
    ["uploads", "list"],
    ["year", "list"],
    ["indicators", "list"],
    ["report", "completeness", "-y", "2024", "-o", "fullst.html"],
]


def test_a_plain_path_is_a_sqlite_store(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", db="lokal.db").exit_code == 0
    assert (tmp_path / "lokal.db").is_file()
    good_csv(tmp_path / "a.csv")
    assert run_cli("import", "a.csv", db="lokal.db").exit_code == 0
    result = run_cli("export", db=str(tmp_path / "lokal.db"))
    assert result.exit_code == 0, result.output
    assert '"municipality": "2281"' in result.output


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_read_only_command_never_creates_a_store(
    tmp_path: Path, monkeypatch, command: list[str]
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    for db in ("miljomall.db", f"sqlite:///{tmp_path / 'miljomall.db'}"):
        result = run_cli(*command, db=db)
        assert result.exit_code == 1, result.output
        assert result.output == (
            f"Fel: det finns ingen databas i {tmp_path / 'miljomall.db'}; "
            "skapa den med `miljomal init`\n"
        )
        assert list(tmp_path.iterdir()) == []


def test_an_import_does_not_create_a_store_either(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    good_csv(tmp_path / "a.csv")
    result = run_cli("--lang", "en", "import", "a.csv", db="fel.db")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: there is no store at {tmp_path / 'fel.db'}; create it with `miljomal init`\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


@pytest.mark.parametrize(
    "url", ["mysql://anna@localhost/miljo", "mssql+pyodbc://anna@dsn", "oracle://x@h/db"]
)
def test_an_unsupported_database_is_named(url: str) -> None:
    result = run_cli("verify", db=url)
    assert result.exit_code == 1
    assert "ModuleNotFoundError" not in result.output
    assert result.output.startswith("Fel: miljomal fungerar med SQLite ")
    assert "PostgreSQL" in result.output


def miljomal_process(
    prefix: list[str], database: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "miljomal", "--db", str(database), *args],
        capture_output=True,
        text=True,
        cwd="/",
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1])),
    )


def _as_nobody() -> list[str]:
    """A command prefix that drops root's power to write anywhere (root ignores modes)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be made")
    return [setpriv, "--reuid", "65534", "--regid", "65534", "--clear-groups"]


@pytest.mark.parametrize(
    "command", [["verify"], ["export", "--format", "csv"], ["uploads", "list"]]
)
def test_read_only_commands_work_in_a_folder_that_cannot_be_written(
    tmp_path: Path, command: list[str]
) -> None:
    # Not below tmp_path: pytest's base folder is root's own (0700), closed to `nobody`.
    base = Path(tempfile.mkdtemp(prefix="miljomal-ro-"))
    folder = base / "arkiv"
    folder.mkdir()
    database = folder / "miljomal.db"
    # In child processes, so that no connection of ours keeps WAL files beside the store.
    for args in (["init"], ["import", str(good_csv(tmp_path / "a.csv"))]):
        assert miljomal_process([], database, *args).returncode == 0
    before = sorted(p.name for p in folder.iterdir())
    assert before == ["miljomal.db"]
    database.chmod(0o444)
    folder.chmod(0o555)
    base.chmod(0o755)
    try:
        result = miljomal_process(_as_nobody(), database, *command)
    finally:
        folder.chmod(0o755)
        before_cleanup = sorted(p.name for p in folder.iterdir())
        shutil.rmtree(base)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert before_cleanup == before
