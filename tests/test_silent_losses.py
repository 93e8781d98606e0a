"""Files that used to lose values without a word, or trap the machine: each now refused or
warned about with its line or cell, on SQLite and PostgreSQL.

The files are built as an office builds them: Swedish Excel's `;` CSV in Windows-1252
(CRLF line ends), workbooks written by openpyxl.
"""

from __future__ import annotations

import json
import os
import resource
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import select
from sqlalchemy.engine import Engine

from database.engine import session_scope
from indicators.models import Indicator
from indicators.models import Observation

HEADER = "Kommun;Indikator;År;Värde;Kommentar"


# Years up to 2022: the files use 2012 codes, the default set of those years.
def excel_csv(path: Path, *rows: str, header: str = HEADER) -> Path:
    """A `;` CSV as Swedish Excel saves it: Windows-1252, CRLF."""
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("cp1252"))
    return path


def run_import(miljomal: Callable[..., Result], *args: str) -> tuple[int, dict[str, Any]]:
    result = miljomal("import", "--json", *args)
    return result.exit_code, json.loads(result.output)


def stored(engine: Engine) -> dict[tuple[str, str, int], tuple[Any, ...]]:
    """(kommunkod, indicator code, year) -> (value, status, comment) of every observation."""
    with session_scope(engine) as session:
        codes = {i.id: i.code for i in session.scalars(select(Indicator))}
        return {
            (o.municipality_code, codes[o.indicator_id], o.year): (o.value, o.status, o.comment)
            for o in session.scalars(select(Observation))
        }


def problems(output: dict[str, Any]) -> list[tuple[str, str, Any]]:
    (outcome,) = output["files"]
    return [(p["severity"], p["code"], p["row"]) for p in outcome["problems"]]


# --- 1. an unclosed quote -----------------------------------------------------------------


def test_an_unclosed_quote_is_refused_with_the_line_where_it_opens(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = excel_csv(
        tmp_path / "kommentar.csv",
        "2281;GN.6;2022;5,8;Enligt SCB",
        '2281;GN.7;2022;412;"Källa: SCB, se ""rapport',
        "2262;GN.6;2022;3,1;",
        "2262;GN.7;2022;398;",
    )
    code, output = run_import(miljomal, str(path))
    assert code == 1
    assert problems(output) == [("error", "unclosed-quote", 3)]
    message = output["files"][0]["problems"][0]["message"]
    assert "rad 3" in message and "citattecken" in message
    assert stored(store) == {}


# --- 2. a separator inside an unquoted comment --------------------------------------------


def test_a_separator_inside_an_unquoted_comment_keeps_the_whole_comment_and_warns(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = excel_csv(
        tmp_path / "kommentar.csv",
        "2281;GN.6;2022;5,8;Källa: SCB; reviderad 2022",
        "2262;GN.6;2022;3,1;",
    )
    code, output = run_import(miljomal, str(path))
    assert code == 0, output
    assert problems(output) == [("warning", "comment-split", 2)]
    assert stored(store)[("2281", "GN.6", 2022)] == (5.8, "reported", "Källa: SCB; reviderad 2022")


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_extra_fields_beyond_the_header_are_never_dropped(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path, delimiter: str
) -> None:
    # The comment is not the last column: the extra field cannot be put back, so refuse.
    rows = [["Kommun", "Indikator", "År", "Kommentar", "Värde"], ["2281", "GN.6", "2022"]]
    rows[1] += ["Källa: SCB", " reviderad 2022", "5,8"]
    path = tmp_path / "kommentar.txt"
    path.write_bytes("\r\n".join(delimiter.join(r) for r in rows).encode("cp1252") + b"\r\n")
    code, output = run_import(miljomal, str(path))
    assert code == 1
    assert problems(output) == [("error", "extra-fields", 2)]
    assert stored(store) == {}


# --- 3. the sparse-cell bomb --------------------------------------------------------------


def sparse_bomb(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Kommun", "Indikator", "År", "Värde"])
    sheet.append(["2281", "GN.6", 2022, 5.8])
    sheet["SF499999"] = "x"
    workbook.save(path)
    return path


def test_a_sparse_cell_far_away_is_refused_at_once_without_reading(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = sparse_bomb(tmp_path / "gles.xlsx")
    assert path.stat().st_size < 10_000
    started = time.perf_counter()
    code, output = run_import(miljomal, str(path))
    elapsed = time.perf_counter() - started
    assert code == 1
    assert problems(output) == [("error", "too-many-cells", None)]
    assert "SF499999" in output["files"][0]["problems"][0]["message"]
    assert elapsed < 1.0
    assert stored(store) == {}


def test_the_reader_alone_refuses_the_used_area_too(tmp_path: Path) -> None:
    """Without the import's precheck, calamine laid out all 250 million cells first: 7.9 GB
    and 19 s for a 7 KB file.  The reader checks the file's bytes itself before loading."""
    from intake.sheets import ReadError
    from intake.sheets import read_workbook

    path = sparse_bomb(tmp_path / "gles.xlsx")
    before = peak_rss_kib()
    with pytest.raises(ReadError) as caught:
        read_workbook(path)
    assert peak_rss_kib() - before < 200 * 1024
    assert caught.value.code == "too-many-cells"
    assert "SF499999" in caught.value.message("en")


@pytest.mark.parametrize(
    "command",
    [["targets", "load"], ["plan", "import", "--dry-run"], ["indicators", "load"]],
    ids=lambda c: " ".join(c[:2]),
)
def test_every_file_kind_refuses_the_sparse_bomb_before_reading(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path, command: list[str]
) -> None:
    """Targets, plans and catalogues are read through the same checks as values files."""
    path = sparse_bomb(tmp_path / "gles.xlsx")
    before = peak_rss_kib()
    result = miljomal(*command, str(path))
    assert peak_rss_kib() - before < 200 * 1024
    assert result.exit_code == 1, result.output
    assert "SF499999" in result.output
    assert "Traceback" not in result.output


def test_a_reader_panic_rejects_only_its_file(
    miljomal: Callable[..., Result],
    store: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The calamine binding raises pyo3's PanicException, a BaseException, on some files.
    from intake import sheets

    class PanicException(BaseException):
        pass

    real = sheets._calamine_sheet

    def panicking(book: Any, name: str, path: Path, *args: Any) -> Any:
        if path.name == "panik.xlsx":
            raise PanicException("called `Option::unwrap()` on a `None` value")
        return real(book, name, path, *args)

    monkeypatch.setattr(sheets, "_calamine_sheet", panicking)
    from openpyxl import Workbook

    for name, value in (("panik.xlsx", 1.0), ("bra.xlsx", 5.8)):
        workbook = Workbook()
        workbook.active.append(["Kommun", "Indikator", "År", "Värde"])
        workbook.active.append(["2281", "GN.6", 2022 if name == "bra.xlsx" else 2021, value])
        workbook.save(tmp_path / name)
    code, output = run_import(miljomal, str(tmp_path / "panik.xlsx"), str(tmp_path / "bra.xlsx"))
    assert code == 1
    assert [(f["outcome"], [p["code"] for p in f["problems"]]) for f in output["files"]] == [
        ("rejected", ["unreadable-file"]),
        ("imported", []),
    ]
    assert "Option::unwrap" in output["files"][0]["problems"][0]["message"]
    assert stored(store) == {("2281", "GN.6", 2022): (5.8, "reported", None)}


# --- 4. huge and endless files ------------------------------------------------------------


def peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def test_a_huge_file_is_refused_from_its_size_without_reading_it(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "stor.csv"
    with path.open("wb") as stream:  # sparse on disk: 300 MB that cost nothing to write
        stream.write(HEADER.encode() + b"\r\n")
        stream.truncate(300 * 1024 * 1024)
    before = peak_rss_kib()
    started = time.perf_counter()
    code, output = run_import(miljomal, str(path))
    assert time.perf_counter() - started < 1.0
    assert peak_rss_kib() - before < 50 * 1024
    assert code == 1
    assert problems(output) == [("error", "file-too-large", None)]
    assert "300 MB" in output["files"][0]["problems"][0]["message"]


def test_a_symlink_to_dev_zero_is_refused_at_once(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "noll.csv"
    path.symlink_to("/dev/zero")
    before = peak_rss_kib()
    started = time.perf_counter()
    code, output = run_import(miljomal, str(path))
    assert time.perf_counter() - started < 1.0
    assert peak_rss_kib() - before < 50 * 1024
    assert code == 1
    assert problems(output) == [("error", "not-a-regular-file", None)]
    assert "enhet" in output["files"][0]["problems"][0]["message"]


def test_a_fifo_is_refused_without_waiting_for_a_writer(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "rör.csv"
    os.mkfifo(path)
    found: list[Any] = []
    worker = threading.Thread(target=lambda: found.append(run_import(miljomal, str(path))))
    worker.daemon = True
    worker.start()
    worker.join(5)
    if worker.is_alive():  # let the hung import end before failing
        with open(path, "wb"):
            pass
        worker.join(5)
        pytest.fail("the import of a FIFO waited for a writer")
    ((code, output),) = found
    assert code == 1
    assert problems(output) == [("error", "not-a-regular-file", None)]


# --- 5. targets in Windows-1252 -----------------------------------------------------------


def test_targets_load_reads_a_swedish_excel_csv(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = excel_csv(
        tmp_path / "mål.csv",
        "Härnösand;GN.6;12,5;2030;2015",
        "Örnsköldsvik;GN.2;300;2030;",
        header="Kommun;Indikator;Målvärde;Målår;Basår",
    )
    result = miljomal("targets", "load", str(path))
    assert result.exit_code == 0, result.output
    from indicators.targets import list_targets

    with session_scope(store) as session:
        assert [
            (r.owner_code, r.indicator_code, r.target_value, r.target_year, r.base_year)
            for r in list_targets(session)
        ] == [("2280", "GN.6", 12.5, 2030, 2015), ("2284", "GN.2", 300.0, 2030, None)]


# --- 6. control characters and direction overrides ----------------------------------------


def test_a_direction_override_is_stripped_with_a_warning_naming_the_cell(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Värden"
    sheet.append(["Kommun", "Indikator", "År", "Värde", "Kommentar"])
    sheet.append(["2281", "GN.6", 2022, 5.8, "Enligt\nSCB"])  # a line break is kept
    sheet.append(["2262", "GN.6", 2022, 3.1, "se fil\u202efdp.exe"])
    path = tmp_path / "styrtecken.xlsx"
    workbook.save(path)
    code, output = run_import(miljomal, str(path))
    assert code == 0, output
    found = [(p["code"], p["cell"]) for p in output["files"][0]["problems"]]
    assert found == [("control-characters", "Värden!E3")]
    assert "U+202E" in output["files"][0]["problems"][0]["message"]
    values = stored(store)
    assert values[("2281", "GN.6", 2022)][2] == "Enligt\nSCB"
    assert values[("2262", "GN.6", 2022)][2] == "se filfdp.exe"


def test_terminal_controls_in_a_csv_are_stripped_from_names_and_comments(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "styrtecken.csv"
    path.write_bytes(
        (
            HEADER + "\r\n2284;GN.6;2022;4;röd\x1b[31m text\x07\r\nTim\x08rå;GN.6;2022;3,1;\r\n"
        ).encode("utf-8")
    )
    code, output = run_import(miljomal, str(path))
    assert code == 0, output
    assert problems(output) == [
        ("warning", "control-characters", 2),
        ("warning", "control-characters", 3),
    ]
    assert "U+001B, U+0007" in output["files"][0]["problems"][0]["message"]
    values = stored(store)
    assert values[("2284", "GN.6", 2022)] == (4.0, "reported", "röd[31m text")
    assert values[("2262", "GN.6", 2022)] == (3.1, "reported", None)


# --- 7. over-long comments ----------------------------------------------------------------


def test_a_comment_longer_than_an_excel_cell_is_refused_with_its_cell(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = excel_csv(
        tmp_path / "lang.csv",
        "2281;GN.6;2022;5,8;" + "Lång utredning" * 2500 + "…",  # 35 001 characters
        "2262;GN.6;2022;3,1;",
    )
    code, output = run_import(miljomal, str(path))
    assert code == 1
    assert problems(output) == [("error", "comment-too-long", 2)]
    message = output["files"][0]["problems"][0]["message"]
    assert "35 001" in message and "32 767" in message
    assert stored(store) == {}


def test_a_comment_at_the_limit_round_trips_through_the_export(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    comment = "x" * 32_767
    path = excel_csv(tmp_path / "lang.csv", f"2281;GN.6;2022;5,8;{comment}")
    code, output = run_import(miljomal, str(path))
    assert code == 0, output
    exported = tmp_path / "export.csv"
    result = miljomal("export", "--format", "csv", "--output", str(exported))
    assert result.exit_code == 0, result.output
    from intake.layouts import extract

    values = extract(exported).values
    assert [v.comment for v in values if v.comment] == [comment]


# --- 8. --report onto an input file -------------------------------------------------------


def test_the_report_may_not_overwrite_an_input_file(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Kommun", "Indikator", "År", "Värde"])
    workbook.active.append(["2281", "GN.6", 2022, "fem"])
    path = tmp_path / "timra.xlsx"
    workbook.save(path)
    before = path.read_bytes()
    result = miljomal("import", str(path), "--report", str(tmp_path / "." / "timra.xlsx"))
    assert result.exit_code == 2
    assert "timra.xlsx" in result.output
    assert path.read_bytes() == before
    assert stored(store) == {}


# --- 9. a reverted file imported again ----------------------------------------------------


def test_a_reverted_file_can_be_imported_again(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = excel_csv(tmp_path / "timra.csv", "2262;GN.6;2022;3,1;")
    code, output = run_import(miljomal, str(path))
    assert code == 0
    result = miljomal("uploads", "revert", "1")
    assert result.exit_code == 0, result.output
    assert ("2262", "GN.6", 2022) not in stored(store)  # created by the upload: removed
    code, output = run_import(miljomal, str(path))
    assert code == 0, output
    assert output["files"][0]["outcome"] == "imported"
    assert problems(output) == [("warning", "reverted-before", None)]
    assert stored(store)[("2262", "GN.6", 2022)] == (3.1, "reported", None)
    # Once imported again, the same bytes are unchanged as before.
    code, output = run_import(miljomal, str(path))
    assert (code, output["files"][0]["outcome"]) == (0, "unchanged")


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (("indicators", "load"), "katalog.csv"),
        (("targets", "load"), "mål.csv"),
        (("plan", "import"), "plan.csv"),  # plan updates are read by the same function
        (("kolada", "map", "load"), "kolada.csv"),
    ],
)
def test_every_file_kind_refuses_a_fifo_without_waiting(
    miljomal: Callable[..., Result],
    store: Engine,
    tmp_path: Path,
    command: tuple[str, ...],
    name: str,
) -> None:
    path = tmp_path / name
    os.mkfifo(path)
    found: list[Result] = []
    worker = threading.Thread(target=lambda: found.append(miljomal(*command, str(path))))
    worker.daemon = True
    worker.start()
    worker.join(5)
    if worker.is_alive():
        with open(path, "wb"):
            pass
        worker.join(5)
        pytest.fail(f"{' '.join(command)} waited for a writer to the FIFO")
    (result,) = found
    assert result.exit_code == 1, result.output
    assert "FIFO" in result.output


def test_a_catalogue_loses_its_control_characters_with_a_warning_naming_the_line(
    tmp_path: Path,
) -> None:
    from intake.catalogue_file import read_catalogue

    path = tmp_path / "lokala.csv"
    path.write_bytes(
        (
            "# set: lokala\r\n# namn: Lokala nyckeltal\r\n"
            "kod;namn;enhet;riktning\r\n"
            "L.1;Laddpunkter\x1b[2J per 1000 inv;antal;högre\r\n"
        ).encode("cp1252")
    )
    catalogue = read_catalogue(path)
    assert [i.name for i in catalogue.indicators] == ["Laddpunkter[2J per 1000 inv"]
    assert catalogue.problems.flat()[-1] == ("warning", "control-characters", "4")


def test_two_stray_quotes_that_would_swallow_the_rows_between_are_refused(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = excel_csv(
        tmp_path / "kommentarer.csv",
        '2281;GN.6;2024;5,8;"Källa: SCB, se ""rapport',
        "2281;GN.7;2024;412;",
        "2262;GN.6;2024;3,1;",
        '2262;GN.7;2024;398;ändrad" enligt mejl',
    )
    code, output = run_import(miljomal, str(path))
    assert code == 1
    assert problems(output) == [("error", "unclosed-quote", 2)]
    assert "rad 5" in output["files"][0]["problems"][0]["message"]
    assert stored(store) == {}


def test_a_comment_over_several_lines_still_imports(
    miljomal: Callable[..., Result], store: Engine, tmp_path: Path
) -> None:
    path = excel_csv(
        tmp_path / "rader.csv", '2281;GN.6;2024;5,8;"rad ett\r\nrad två; med semikolon"'
    )
    code, output = run_import(miljomal, str(path))
    assert code == 0, output
    assert stored(store)[("2281", "GN.6", 2024)][2] == "rad ett\r\nrad två; med semikolon"
