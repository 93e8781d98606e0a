"""A batch's files read in a second process tell the same truth as files read by the importer.

`miljomal import` of several files reads them ahead in a second process
(intake/read_ahead.py) while it validates and stores.  Whatever the files are (good ones,
hostile ones, messy real ones, one seen before, the same bytes twice, a FIFO), the output,
the exit code and the store are the same as with ``MILJOMAL_READ_AHEAD=0``.  When the
reading process dies, the importer reads the rest itself; it starts before SQLAlchemy loads.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData
from sqlalchemy import select
from test_startup_imports import RUN_MILJOMAL

from database.engine import make_engine
from indicators.records import RawValue
from intake.importer import import_paths
from intake.paths import expand_paths
from intake.read_ahead import read_ahead
from intake.reading import FileReading
from intake.reading import ReadingOptions

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"


def batch_folder(tmp_path: Path) -> Path:
    """A folder of every kind of file the test data has, plus a copy, a FIFO and an empty one."""
    folder = tmp_path / "inkommet"
    folder.mkdir()
    sources = [
        *sorted(DATA.glob("*.xlsx")),
        *sorted(DATA.glob("*.csv")),
        *sorted(DATA.glob("*.ods")),
        *sorted((DATA / "bad").glob("*.*")),
        *sorted((DATA / "real").glob("*.*")),
    ]
    for number, source in enumerate(sources):
        if source.suffix != ".py":
            shutil.copyfile(source, folder / f"{number:02d}-{source.name}")
    shutil.copyfile(DATA / "template_sv.xlsx", folder / "99-template_sv-copy.xlsx")
    (folder / "98-empty.csv").write_bytes(b"")
    os.mkfifo(folder / "97-fifo.csv")
    return folder


def run_import(db_url: str, *args: str, read_ahead: bool) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), MILJOMAL_READ_AHEAD="1" if read_ahead else "0")
    return subprocess.run(
        [sys.executable, "-m", "miljomal", "--db", db_url, "import", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def store_rows(db_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, times left out (two runs differ only there)."""
    engine = make_engine(db_url)
    metadata = MetaData()
    metadata.reflect(engine)
    try:
        with engine.connect() as connection:
            return {
                name: sorted(
                    (
                        tuple(v for v in row if not isinstance(v, datetime.datetime))
                        for row in connection.execute(select(table))
                    ),
                    key=repr,
                )
                for name, table in metadata.tables.items()
            }
    finally:
        engine.dispose()


def test_the_batch_read_ahead_gives_the_same_output_exit_code_and_store(
    tmp_path: Path, sqlite_template: Path
) -> None:
    folder = batch_folder(tmp_path)
    results = {}
    for ahead in (False, True):
        store = tmp_path / f"ahead-{ahead}.db"
        shutil.copyfile(sqlite_template, store)
        url = f"sqlite:///{store}"
        seen = run_import(url, "--json", str(DATA / "template_sv.xlsx"), read_ahead=ahead)
        assert seen.returncode == 0, seen.stderr
        json_run = run_import(url, "--json", str(folder), read_ahead=ahead)
        text_run = run_import(url, "--lang", "en", str(folder), read_ahead=ahead)
        results[ahead] = (json_run, text_run, store_rows(url))
    (json_off, text_off, rows_off), (json_on, text_on, rows_on) = results[False], results[True]
    assert json_on.returncode == json_off.returncode == 1, json_on.stderr  # hostile files
    assert json.loads(json_on.stdout) == json.loads(json_off.stdout)
    assert (text_on.returncode, text_on.stdout, text_on.stderr) == (
        text_off.returncode,
        text_off.stdout,
        text_off.stderr,
    )
    assert rows_on == rows_off
    outcomes = {f["outcome"] for f in json.loads(json_on.stdout)["files"]}
    assert outcomes == {"imported", "rejected", "unchanged"}
    assert "Traceback" not in json_on.stderr + text_on.stderr


def test_when_the_reading_process_dies_the_importer_reads_the_rest_itself(
    tmp_path: Path, sqlite_template: Path
) -> None:
    folder = tmp_path / "inkommet"
    folder.mkdir()
    for number, name in enumerate(["template_sv.xlsx", "template_en.xlsx", "long_basic.xlsx"]):
        shutil.copyfile(DATA / name, folder / f"{number}-{name}")
    outcomes = {}
    for kill in (False, True):
        store = tmp_path / f"kill-{kill}.db"
        shutil.copyfile(sqlite_template, store)
        engine = make_engine(f"sqlite:///{store}")
        files = expand_paths([folder])
        ahead = read_ahead(files, ReadingOptions()) if kill else None
        if ahead is not None:
            pid = ahead.pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
        batch = import_paths(engine, files, user="anna", ahead=ahead)
        outcomes[kill] = [(f.path, f.outcome, f.created, f.problems.flat()) for f in batch.files]
        engine.dispose()
        if ahead is not None:
            with pytest.raises(ChildProcessError):  # waited for: no process is left behind
                os.waitpid(pid, os.WNOHANG)
    assert outcomes[True] == outcomes[False]
    assert [outcome for _, outcome, _, _ in outcomes[True]] == ["imported"] * 3


def test_one_file_or_the_setting_off_reads_in_the_importer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [DATA / "template_sv.xlsx", DATA / "template_en.xlsx"]
    assert read_ahead(files[:1], ReadingOptions()) is None
    monkeypatch.setenv("MILJOMAL_READ_AHEAD", "0")
    assert read_ahead(files, ReadingOptions()) is None


def test_a_read_ahead_for_other_files_is_refused(tmp_path: Path, sqlite_template: Path) -> None:
    store = tmp_path / "miljomal.db"
    shutil.copyfile(sqlite_template, store)
    engine = make_engine(f"sqlite:///{store}")
    files = [DATA / "template_sv.xlsx", DATA / "template_en.xlsx"]
    ahead = read_ahead(files, ReadingOptions(year=2023))
    assert ahead is not None
    with ahead, pytest.raises(ValueError, match="other files or options"):
        import_paths(engine, files, user="anna", ahead=ahead)  # no year: other options
    engine.dispose()


def test_a_reading_arrives_as_read_with_the_importers_path_and_options() -> None:
    """Sent without its path and options, a reading arrives equal to one read here."""
    files = [DATA / "template_sv.xlsx", DATA / "bad" / "truncated.xlsx", DATA / "title_rows.csv"]
    options = ReadingOptions(year=2023)
    ahead = read_ahead(files, options)
    assert ahead is not None
    with ahead:
        for number, path in enumerate(files):
            arrived = ahead.reading(number, path)
            assert arrived == FileReading(path, options).complete()
            assert arrived is not None and arrived.path is path and arrived.options is options
        assert ahead.reading(len(files), files[0]) is None  # nothing more was sent


# The reading process is forked before the command loads SQLAlchemy, so that the reading
# begins while it loads; the command's own process then does without the readers.
ORDER_PROBE = (
    """
import os, sys
loaded = []
fork = os.fork
def recording_fork():
    loaded.append("sqlalchemy" in sys.modules)
    return fork()
os.fork = recording_fork
"""
    + RUN_MILJOMAL
    + """
readers = ("intake.safety", "intake.layouts", "defusedxml", "python_calamine")
print(json.dumps([loaded, [name for name in readers if name in sys.modules]]))
"""
)


def modules_of_an_import(*files: Path, db_url: str) -> tuple[list[bool], list[str]]:
    """Whether SQLAlchemy was loaded at each fork, and the readers the command loaded."""
    args = ["--db", db_url, "import", "--json", "--dry-run", *map(str, files)]
    done = subprocess.run(
        [sys.executable, "-c", ORDER_PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT), MILJOMAL_READ_AHEAD="1"),
        check=True,
    )
    forks, readers = json.loads(done.stdout.strip().splitlines()[-1])
    return forks, readers


def test_the_reading_process_starts_before_sqlalchemy_loads(sqlite_store_url: str) -> None:
    files = (DATA / "template_sv.xlsx", DATA / "template_en.xlsx")
    forks, readers = modules_of_an_import(*files, db_url=sqlite_store_url)
    assert forks == [False]
    assert readers == []  # all read in the reading process
    forks, readers = modules_of_an_import(files[0], db_url=sqlite_store_url)
    assert forks == []  # one file is read by the importer itself
    assert readers == ["intake.safety", "intake.layouts", "defusedxml", "python_calamine"]


def test_a_raw_value_arrives_with_every_field_as_sent() -> None:
    """RawValue's own pickling (fields in order, made again by __init__) loses nothing."""
    sent = RawValue(
        **{f.name: f"{f.name}-{number}" for number, f in enumerate(dataclasses.fields(RawValue))}
    )
    arrived = pickle.loads(pickle.dumps([sent, sent], protocol=pickle.HIGHEST_PROTOCOL))
    assert arrived == [sent, sent]
    assert type(arrived[0]) is RawValue
    assert [getattr(arrived[0], f.name) for f in dataclasses.fields(RawValue)] == [
        getattr(sent, f.name) for f in dataclasses.fields(RawValue)
    ]
