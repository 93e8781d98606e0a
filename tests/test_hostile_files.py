"""Hostile and broken files: each refused with a clear message, exit code 1, nothing stored.

The small files live in ``tests/data/bad`` (written by ``make_bad_files.py``); the large
ones (a 2 GB decompression bomb, too many rows or columns) are written here at test time.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.engine import Engine

from intake import safety

BAD = Path(__file__).parent / "data" / "bad"
sys.path.insert(0, str(BAD))
import make_bad_files  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def dump_tables(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, to compare a store before and after."""
    from sqlalchemy import MetaData

    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for name, table in metadata.tables.items()
        }


def import_json(miljomal: Callable[..., Result], *args: str) -> tuple[int, dict[str, Any]]:
    """Run `miljomal import --json ARGS` and return the exit code and the parsed output."""
    result = miljomal("import", "--json", *args)
    return result.exit_code, json.loads(result.output)


def refused(
    miljomal: Callable[..., Result], store: Engine, path: Path, *extra: str
) -> dict[str, Any]:
    """Import a file that must be refused; check exit 1 and an unchanged store; its problem."""
    before = dump_tables(store)
    code, output = import_json(miljomal, str(path), *extra)
    assert code == 1
    assert dump_tables(store) == before
    (outcome,) = output["files"]
    assert outcome["outcome"] == "rejected"
    errors = [p for p in outcome["problems"] if p["severity"] == "error"]
    assert len(errors) == 1, errors
    return errors[0]


# --- the small corpus ---------------------------------------------------------------------


CORPUS = [
    ("text-renamed.xlsx", "not-a-spreadsheet", None),
    ("truncated.xlsx", "truncated-file", None),
    ("bad-crc.xlsx", "truncated-file", None),
    ("empty.xlsx", "empty-file", None),
    ("encrypted.xlsx", "encrypted-workbook", None),
    ("old-format.xls", "old-xls-format", None),
    ("old-format-renamed.xlsx", "old-xls-format", None),
    ("no-visible-sheet.xlsx", "no-visible-sheet", None),
    ("billion-laughs.xlsx", "xml-entities", None),
    ("external-entity.xlsx", "xml-entities", None),
    ("unknown-encoding.csv", "unknown-encoding", 1),
    ("dos-encoding.csv", "unknown-encoding", 2),
    ("binary-garbage.csv", "binary-content", 4),
]


@pytest.mark.parametrize(("name", "code", "row"), CORPUS)
def test_the_precheck_names_the_problem_the_file_and_the_line(
    name: str, code: str, row: int | None
) -> None:
    report = safety.precheck(BAD / name)
    assert report.flat() == [("error", code, None if row is None else str(row))]
    (problem,) = report.problems
    assert problem.file == str(BAD / name)
    assert problem.message("sv").startswith(f"{name}: ")
    assert problem.message("en").startswith(f"{name}: ")
    if row is not None:
        assert f"rad {row}" in problem.message("sv") and f"line {row}" in problem.message("en")


def test_every_broken_or_hostile_file_is_refused_by_the_import(
    miljomal: Callable[..., Result], store: Engine
) -> None:
    # One batch of the whole corpus: each file is refused on its own, the store unchanged.
    before = dump_tables(store)
    code, output = import_json(miljomal, *(str(BAD / name) for name, _, _ in CORPUS))
    assert code == 1
    assert dump_tables(store) == before
    found = [
        (Path(f["path"]).name, f["outcome"], [(p["code"], p["row"]) for p in f["problems"]])
        for f in output["files"]
    ]
    assert found == [(name, "rejected", [(code, row)]) for name, code, row in CORPUS]
    for name, outcome in zip((n for n, _, _ in CORPUS), output["files"], strict=True):
        assert outcome["problems"][0]["message"].startswith(f"{name}: ")


def test_the_messages_say_what_to_do_in_swedish_and_english(
    miljomal: Callable[..., Result], store: Engine
) -> None:
    sv = refused(miljomal, store, BAD / "old-format.xls")["message"]
    en = refused(miljomal, store, BAD / "old-format.xls", "--lang", "en")["message"]
    assert ".xlsx" in sv and "spara" in sv
    assert ".xlsx" in en and "save it" in en
    en = refused(miljomal, store, BAD / "encrypted.xlsx", "--lang", "en")["message"]
    assert "remove the password" in en


def test_the_terminal_output_names_the_file_and_the_code(
    miljomal: Callable[..., Result], store: Engine
) -> None:
    result = miljomal("import", str(BAD / "binary-garbage.csv"))
    assert result.exit_code == 1
    assert "binary-garbage.csv, rad 4" in result.output
    assert "[binary-content]" in result.output


def test_the_corpus_is_what_the_generator_writes(tmp_path: Path) -> None:
    for written in make_bad_files.write_small_corpus(tmp_path):
        assert written.read_bytes() == (BAD / written.name).read_bytes(), written.name


def test_the_good_file_of_the_corpus_imports(
    miljomal: Callable[..., Result], store: Engine
) -> None:
    # The broken files are variations of this one: what refuses them is the damage.
    code, output = import_json(miljomal, str(BAD / "good.xlsx"))
    assert code == 0, output
    assert output["files"][0]["created"] == 2


def test_precheck_accepts_real_workbooks(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    template = tmp_path / "mall.xlsx"
    assert miljomal("template", "-m", "2281", "-y", "2025", "-o", str(template)).exit_code == 0
    assert safety.precheck(template).problems == []
    assert safety.precheck(BAD / "good.xlsx").problems == []


def test_openpyxl_parses_xml_through_defusedxml() -> None:
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    assert safety.defused_xml_in_place()
    with pytest.raises(ValueError) as refusal:  # openpyxl wraps defusedxml's refusal
        load_workbook(BAD / "billion-laughs.xlsx")
    assert isinstance(refusal.value.__cause__, DefusedXmlException)


@pytest.mark.parametrize("name", ["billion-laughs.xlsx", "external-entity.xlsx"])
def test_the_reader_never_expands_entities_even_without_the_precheck(name: str) -> None:
    from intake.sheets import ReadError
    from intake.sheets import read_workbook

    with pytest.raises(ReadError, match="entity"):
        read_workbook(BAD / name, prechecked=True)  # as the import calls it, after its checks
    with pytest.raises(ReadError):
        read_workbook(BAD / name)  # called alone, its own checks refuse the file first


def test_an_external_entity_is_never_fetched(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    prolog = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/leak">]>'
    sheet = make_bad_files.sheet_xml(
        [make_bad_files.HEADER, ["2281", "GN.6", 2023, 5.8, "&xxe;"]], prolog=prolog
    ).replace("&amp;xxe;", "&xxe;")
    path = make_bad_files.write_xlsx(tmp_path / "fetch.xlsx", sheet=sheet)
    connections: list[object] = []

    done = threading.Event()

    def accept() -> None:
        while not done.is_set():
            try:
                connections.append(listener.accept())
            except TimeoutError:
                continue

    watcher = threading.Thread(target=accept)
    watcher.start()
    assert refused(miljomal, store, path)["code"] == "xml-entities"
    from intake.sheets import ReadError
    from intake.sheets import read_workbook

    with pytest.raises(ReadError):
        read_workbook(path)
    done.set()
    watcher.join()
    listener.close()
    assert connections == []


# --- decompression bombs -------------------------------------------------------------------


@pytest.fixture(scope="session")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2 MB .xlsx whose sheet inflates to 2 GB, written once per test run."""
    return make_bad_files.write_zip_bomb(tmp_path_factory.mktemp("bomb") / "bomb.xlsx")


@pytest.fixture(scope="session")
def lying_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same bomb, with a zip directory claiming the sheet holds 1 KB."""
    path = tmp_path_factory.mktemp("bomb") / "lying-bomb.xlsx"
    return make_bad_files.write_zip_bomb(path, lie=True)


@pytest.mark.parametrize("which", ["bomb", "lying_bomb"])
def test_a_decompression_bomb_is_refused_without_inflating_it(
    miljomal: Callable[..., Result], store: Engine, which: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(which)
    assert path.stat().st_size < 3 * 1024 * 1024
    problem = refused(miljomal, store, path)
    assert problem["code"] == "zip-bomb"
    assert problem["message"].startswith(f"{path.name}: ")


# The peak memory is measured in a grandchild started by a small launcher: Linux keeps a
# process's pre-exec high-water mark in ru_maxrss, so a child forked straight from a test
# run that has grown to a few hundred MB would report the test run's size, not its own.
_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(child.pid, 0)
sys.stderr.write("\\nMAXRSS %d\\n" % usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measure_import(db_url: str, path: Path, *extra: str) -> tuple[int, float, float, str]:
    """Run `python -m miljomal import` in a grandchild: exit code, seconds, peak MB, output."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "miljomal", "--db", db_url, "import", str(path), *extra]
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-S", "-c", _LAUNCHER, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=path.parent,
        check=False,
    )
    seconds = time.monotonic() - started
    output, _, peak = done.stdout.decode().rpartition("\nMAXRSS ")
    return done.returncode, seconds, int(peak) / 1024, output


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One initialised SQLite store for the measurements (they never write to it)."""
    from database.engine import make_engine
    from miljomal.bootstrap import initialise

    url = f"sqlite:///{tmp_path_factory.mktemp('measure') / 'miljomal.db'}"
    engine = make_engine(url)
    initialise(engine)
    engine.dispose()
    return url


@pytest.mark.parametrize("which", ["bomb", "lying_bomb"])
def test_a_bomb_costs_little_time_and_memory(
    sqlite_store: str, which: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(which)
    code, seconds, peak_mb, output = measure_import(sqlite_store, path, "--report", "review.xlsx")
    print(f"\n{which}: exit {code}, {seconds:.2f} s, peak {peak_mb:.0f} MB")
    assert code == 1, output
    assert "[zip-bomb]" in output
    assert seconds < 15
    assert peak_mb < 250  # the interpreter with sqlalchemy, click and openpyxl is about 100 MB
    assert (path.parent / "review.xlsx").exists()


def test_the_annotated_copy_of_a_bomb_holds_only_the_review(
    miljomal: Callable[..., Result], store: Engine, bomb: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    review = tmp_path / "granskning.xlsx"
    result = miljomal("import", str(bomb), "--report", str(review))
    assert result.exit_code == 1
    workbook = load_workbook(review)
    assert workbook.sheetnames == ["Granskning"]
    texts = [c.value for row in workbook["Granskning"].iter_rows() for c in row if c.value]
    assert "zip-bomb" in texts


# --- too large -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("writer", "size", "code"),
    [
        (make_bad_files.write_tall_xlsx, 1_001, "too-many-rows"),
        (make_bad_files.write_tall_csv, 1_001, "too-many-rows"),
        (make_bad_files.write_wide_xlsx, 61, "too-many-columns"),
        (make_bad_files.write_wide_csv, 61, "too-many-columns"),
    ],
)
def test_more_rows_or_columns_than_the_configured_limit(
    miljomal: Callable[..., Result],
    store: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    writer: Callable[[Path, int], Path],
    size: int,
    code: str,
) -> None:
    monkeypatch.setenv("MILJOMAL_MAX_ROWS", "1000")
    monkeypatch.setenv("MILJOMAL_MAX_COLUMNS", "60")
    suffix = ".xlsx" if "xlsx" in writer.__name__ else ".csv"
    path = writer(tmp_path / f"large{suffix}", size)
    problem = refused(miljomal, store, path)
    assert problem["code"] == code
    limit, variable = ("1000", "MAX_ROWS") if code == "too-many-rows" else ("60", "MAX_COLUMNS")
    assert f"gränsen {limit} (MILJOMAL_{variable})" in problem["message"]


def test_the_default_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MILJOMAL_MAX_ROWS", raising=False)
    monkeypatch.delenv("MILJOMAL_MAX_COLUMNS", raising=False)
    rows = safety.DEFAULT_MAX_ROWS
    tall = make_bad_files.write_tall_csv(tmp_path / "tall.csv", rows)
    assert safety.precheck(tall).flat() == [("error", "too-many-rows", None)]
    assert safety.precheck(make_bad_files.write_tall_csv(tmp_path / "ok.csv", rows - 2)).ok
    wide = make_bad_files.write_wide_xlsx(tmp_path / "wide.xlsx", 501)
    assert safety.precheck(wide).flat() == [("error", "too-many-columns", None)]
    assert safety.precheck(make_bad_files.write_wide_xlsx(tmp_path / "ok.xlsx", 500)).ok


def test_a_sheet_that_states_a_huge_dimension_is_refused_without_reading_it(
    tmp_path: Path,
) -> None:
    sheet = make_bad_files.sheet_xml([make_bad_files.HEADER]).replace(
        "<sheetData>", '<dimension ref="A1:E1048576"/><sheetData>'
    )
    path = make_bad_files.write_xlsx(tmp_path / "dimension.xlsx", sheet=sheet)
    report = safety.precheck(path)
    assert report.flat() == [("error", "too-many-rows", None)]
    assert "1048576" in report.problems[0].message("en")


def test_limits_given_as_arguments_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MILJOMAL_MAX_ROWS", "5")
    path = make_bad_files.write_tall_csv(tmp_path / "ten.csv", 10)
    assert not safety.precheck(path).ok
    assert safety.precheck(path, max_rows=20).ok


# --- values that are not numbers ------------------------------------------------------------


TEXT_VALUES = [
    ("NaN", "not-finite"),
    ("inf", "not-finite"),
    ("-Infinity", "not-finite"),
    ("1e308", "not-finite"),
    ("1e400", "not-finite"),
    ("2024-03-01", "date-in-value"),
    ("SANT", "boolean-in-value"),
    ("true", "boolean-in-value"),
]
CELL_VALUES = [
    (math.nan, "not-finite"),
    (math.inf, "not-finite"),
    (1e308, "not-finite"),
    (dt.datetime(2024, 3, 1), "date-in-value"),
    (dt.date(2024, 3, 1), "date-in-value"),
    (True, "boolean-in-value"),
    (False, "boolean-in-value"),
]


# Years of the 2012 set, whose GN.6 these files use (a 2023 value would be read as 2012
# with a read-as-set warning, which these checks are not about).
def _value_csv(path: Path, value: str, year: str = "2022") -> Path:
    path.write_text(
        f"Kommunkod;Indikator;År;Värde\n2281;GN.6;2021;5,8\n2281;GN.6;{year};{value}\n",
        encoding="utf-8",
    )
    return path


def _value_xlsx(path: Path, value: object) -> Path:
    from openpyxl import Workbook

    if isinstance(value, float) and not math.isfinite(value):
        # openpyxl writes NaN and infinity as an empty cell; a crafted file holds them as text.
        rows = [["2281", "GN.6", 2021, 5.8, ""], ["2281", "GN.6", 2022, value, ""]]
        return make_bad_files.write_xlsx(path, rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Värden"
    sheet.append(["Kommunkod", "Indikator", "År", "Värde"])
    sheet.append(["2281", "GN.6", 2021, 5.8])
    sheet.append(["2281", "GN.6", 2022, value])
    workbook.save(path)
    return path


def test_values_that_are_no_numbers_are_refused_with_their_cells(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    expected = []
    for number, (value, code) in enumerate(TEXT_VALUES):
        path = _value_csv(tmp_path / f"text-{number}.csv", value)
        expected.append((str(path), [(code, 3, "Värde", None)], value))
    for number, (value, code) in enumerate(CELL_VALUES):
        path = _value_xlsx(tmp_path / f"cell-{number}.xlsx", value)
        expected.append((str(path), [(code, 3, "D", "Värden!D3")], None))
    path = _value_csv(tmp_path / "year.csv", "5,9", year="tjugotjugotre")
    expected.append((str(path), [("bad-year", 3, "År", None)], "tjugotjugotre"))
    rows = [["2281", "GN.6", 2022, 5.8, ""], ["2281", "GN.6", "förra året", 6.1, ""]]
    path = make_bad_files.write_xlsx(tmp_path / "year.xlsx", rows)
    expected.append((str(path), [("bad-year", 3, "C", "Värden!C3")], "förra året"))

    before = dump_tables(store)
    code, output = import_json(miljomal, *(path for path, _, _ in expected))
    assert code == 1
    assert dump_tables(store) == before
    for (path, problems, shown), outcome in zip(expected, output["files"], strict=True):
        assert outcome["path"] == path
        assert outcome["outcome"] == "rejected"
        found = [(p["code"], p["row"], p["column"], p["cell"]) for p in outcome["problems"]]
        assert found == problems, path
        if shown is not None:
            assert shown in outcome["problems"][0]["message"]


def test_nothing_of_a_refused_file_reaches_any_table(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    # A store with history already, so that "unchanged" covers uploads and revisions too.
    assert miljomal("import", str(BAD / "good.xlsx")).exit_code == 0
    with store.connect() as connection:
        uploads = connection.execute(text("SELECT count(*) FROM upload")).scalar_one()
    assert uploads == 1
    assert set(inspect(store).get_table_names()) >= {"observation", "revision", "upload"}
    refused(miljomal, store, _value_csv(tmp_path / "nan.csv", "NaN"))


def _ods(path: Path, content: str) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path


def test_an_ods_file_gets_the_same_zip_and_entity_checks(tmp_path: Path) -> None:
    ods_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    plain = f'<?xml version="1.0"?><office:document-content xmlns:office="{ods_ns}"/>'
    assert safety.precheck(_ods(tmp_path / "ok.ods", plain)).ok
    hostile = plain.replace("?>", "?>" + make_bad_files.BILLION_LAUGHS.replace("worksheet", "x"))
    laughs = safety.precheck(_ods(tmp_path / "laughs.ods", hostile))
    assert laughs.flat() == [("error", "xml-entities", None)]
    good = (tmp_path / "ok.ods").read_bytes()
    (tmp_path / "cut.ods").write_bytes(good[: len(good) // 2])
    assert safety.precheck(tmp_path / "cut.ods").flat() == [("error", "truncated-file", None)]
