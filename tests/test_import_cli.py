"""`miljomal import` end to end: exit codes, the JSON contract, all-or-nothing files, batches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from database.base import Base
from database.engine import session_scope
from indicators import history as history_module
from indicators import store as store_module
from indicators.models import Indicator
from indicators.models import Upload
from intake.paths import PathNotFound
from intake.paths import expand_paths

# Years before 2023: the codes are sekom-2012 codes, the default set of those years.
HEADER = "Kommun;Indikator;År;Värde;Status;Kommentar"


def write_csv(path: Path, *rows: str, header: str = HEADER) -> Path:
    """A semicolon CSV in UTF-8, as Swedish Excel writes it."""
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def good_csv(path: Path, value: str = "5,8") -> Path:
    return write_csv(
        path,
        f"2281;GN.6;2022;{value};;",
        "2281;GN.7;2022;412;;Enligt avfallsbolaget",
        "Timrå;GN.6;2022;..;;",
    )


def bad_csv(path: Path) -> Path:
    return write_csv(
        path,
        "2281;GN.6;2022;fem;;",
        "Sundsvalll;GN.7;2022;412;;",
        "2281;GN.4;2022;120;;",
    )


def dump(engine) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    """Every row of every table, for comparing a store's content before and after."""
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def stored_values(engine) -> dict[tuple[str, str, int], tuple]:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        codes = {i.id: i.code for i in session.scalars(select(Indicator))}
        return {
            (m, codes[i], y): (v, s, c)
            for (m, i, y), (_id, v, s, c) in store_module.current_values(
                session, ["2281", "2262"], codes, range(1990, 2030)
            ).items()
        }


# --- one file ------------------------------------------------------------------------------


def test_a_good_file_is_imported(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = good_csv(tmp_path / "lan-2022.csv")
    result = miljomal("import", str(path), "--user", "anna")
    assert result.exit_code == 0, result.output
    assert f"importerad {path}: 3 nya, 0 ändrade, 0 oförändrade" in result.output
    assert "Fil" in result.output and "Utfall" in result.output
    assert stored_values(store) == {
        ("2281", "GN.6", 2022): (5.8, "reported", None),
        ("2281", "GN.7", 2022): (412.0, "reported", "Enligt avfallsbolaget"),
        ("2262", "GN.6", 2022): (None, "missing", None),
    }
    with session_scope(store) as session:
        [upload] = session.scalars(select(Upload)).all()
        assert (upload.uploaded_by, upload.created, upload.outcome) == ("anna", 3, "imported")


def test_json_output_follows_the_contract(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "a.csv", "2281;GN.6;2022;-;;", "2281;GN.7;2022;abc;;")
    result = miljomal("import", str(path), "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert list(data) == ["files"]
    [entry] = data["files"]
    assert list(entry) == ["path", "outcome", "created", "updated", "unchanged", "problems"]
    assert (entry["path"], entry["outcome"], entry["created"]) == (str(path), "rejected", 0)
    for problem in entry["problems"]:
        assert list(problem) == ["severity", "code", "sheet", "cell", "row", "column", "message"]
    assert [(p["severity"], p["code"], p["row"], p["column"]) for p in entry["problems"]] == [
        ("warning", "dash-as-zero", 2, "Värde"),
        ("error", "not-a-number", 3, "Värde"),
        ("warning", "code-meaning-changed", 3, "Indikator"),
    ]


def test_a_rejected_file_leaves_the_store_unchanged(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("import", str(good_csv(tmp_path / "first.csv")))
    before = dump(store)
    path = bad_csv(tmp_path / "broken.csv")
    result = miljomal("import", str(path))
    assert result.exit_code == 1
    assert dump(store) == before
    assert f"avvisad {path}: 3 fel, 1 varning" in result.output
    assert f"fel: {path}, rad 2 (Värde): Värdet 'fem' är inget tal" in result.output
    assert "[unknown-municipality]" in result.output and "[out-of-range]" in result.output


def test_importing_the_same_file_again_changes_nothing(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = good_csv(tmp_path / "lan-2022.csv")
    assert miljomal("import", str(path)).exit_code == 0
    before = dump(store)
    result = miljomal("import", str(path), "--json")
    assert result.exit_code == 0
    [entry] = json.loads(result.output)["files"]
    assert entry["outcome"] == "unchanged"
    assert [p["code"] for p in entry["problems"]] == ["already-imported"]
    assert dump(store) == before


def test_a_revised_file_updates_and_keeps_both_versions(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert miljomal("import", str(good_csv(tmp_path / "v1.csv"))).exit_code == 0
    result = miljomal("import", str(good_csv(tmp_path / "v2.csv", value="6,1")), "--json")
    assert result.exit_code == 0
    [entry] = json.loads(result.output)["files"]
    assert (entry["outcome"], entry["created"], entry["updated"], entry["unchanged"]) == (
        "imported",
        0,
        1,
        2,
    )
    assert [p["code"] for p in entry["problems"]] == ["code-meaning-changed", "replaces-value"]
    with session_scope(store) as session:
        gn6 = session.scalars(select(Indicator).where(Indicator.code == "GN.6")).one()
        history = history_module.history(session, "2281", gn6.id)
    assert [(h.old_value, h.new_value) for h in history] == [(None, 5.8), (5.8, 6.1)]


def test_dry_run_counts_but_writes_nothing(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = dump(store)
    result = miljomal("import", str(good_csv(tmp_path / "a.csv")), "--dry-run")
    assert result.exit_code == 0
    assert "provkörning" in result.output and "3 nya" in result.output
    assert dump(store) == before


def test_english_output(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("import", str(bad_csv(tmp_path / "b.csv")), "--lang", "en")
    assert result.exit_code == 1
    assert "rejected" in result.output
    assert "line 2 (Värde): The value 'fem' is not a number" in result.output


# --- locked years ----------------------------------------------------------------------------


def test_a_locked_year_needs_force_and_a_reason(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with session_scope(store) as session:
        store_module.lock_year(session, 2022, "lena")
    path = good_csv(tmp_path / "a.csv")
    result = miljomal("import", str(path), "--json")
    assert result.exit_code == 1
    [entry] = json.loads(result.output)["files"]
    assert [p["code"] for p in entry["problems"]] == ["code-meaning-changed", "locked-year"]

    assert miljomal("import", str(path), "--force").exit_code == 2
    result = miljomal("import", str(path), "--force", "--reason", "Rättelse enligt beslut 12")
    assert result.exit_code == 0, result.output
    assert "[locked-year-forced]" in result.output
    with session_scope(store) as session:
        [upload] = session.scalars(select(Upload)).all()
        assert upload.force_reason == "Rättelse enligt beslut 12"


# --- batches ---------------------------------------------------------------------------------


def test_one_bad_file_does_not_stop_the_batch(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "inkommet"
    folder.mkdir()
    good_csv(folder / "a.csv")
    bad_csv(folder / "b.csv")
    write_csv(folder / "c.csv", "2262;GN.7;2021;380;;")
    result = miljomal("import", str(folder), "--json")
    assert result.exit_code == 1
    files = json.loads(result.output)["files"]
    assert [(Path(f["path"]).name, f["outcome"], f["created"]) for f in files] == [
        ("a.csv", "imported", 3),
        ("b.csv", "rejected", 0),
        ("c.csv", "imported", 1),
    ]
    assert len(stored_values(store)) == 4


def test_summary_table_over_a_batch(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = good_csv(tmp_path / "a.csv")
    b = bad_csv(tmp_path / "b.csv")
    result = miljomal("import", str(a), str(b))
    lines = result.output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Fil "))
    table = [line.split() for line in lines[header:]]
    assert table[0] == ["Fil", "Utfall", "Nya", "Ändrade", "Oförändrade", "Fel", "Varningar"]
    assert table[2] == [str(a), "importerad", "3", "0", "0", "0", "1"]
    assert table[3] == [str(b), "avvisad", "0", "0", "0", "3", "1"]
    assert table[5][-5:] == ["3", "0", "0", "3", "2"]


def test_a_database_error_is_reported_for_that_file_only(  # type: ignore[no-untyped-def]
    miljomal, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    real = store_module.apply_values

    def flaky(session, info, values, **kwargs):  # type: ignore[no-untyped-def]
        if info.file_name.endswith("a.csv"):
            real(session, info, values, **kwargs)  # written, then lost with the connection
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        return real(session, info, values, **kwargs)

    monkeypatch.setattr(store_module, "apply_values", flaky)
    before = dump(store)
    a = good_csv(tmp_path / "a.csv")
    b = write_csv(tmp_path / "b.csv", "2262;GN.7;2021;380;;")
    result = miljomal("import", str(a), str(b), "--json")
    assert result.exit_code == 1
    files = json.loads(result.output)["files"]
    assert [f["outcome"] for f in files] == ["rejected", "imported"]
    [problem] = [p for p in files[0]["problems"] if p["severity"] == "error"]
    assert problem["code"] == "database-error"
    assert "database or disk is full" in problem["message"]
    after = dump(store)
    assert after["upload"] != before["upload"]
    assert len(after["upload"]) == 1  # only b.csv: nothing of a.csv was left behind
    assert len(after["observation"]) == 1


# --- paths and options ------------------------------------------------------------------------


def test_missing_path_is_a_usage_error(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("import", str(tmp_path / "nowhere.xlsx"))
    assert result.exit_code == 2
    assert "filen eller mappen finns inte" in result.output


def test_no_path_is_a_usage_error(miljomal) -> None:  # type: ignore[no-untyped-def]
    assert miljomal("import").exit_code == 2


def test_unknown_municipality_option_is_a_usage_error(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("import", str(good_csv(tmp_path / "a.csv")), "--municipality", "Sundsval")
    assert result.exit_code == 2
    assert "Sundsvall" in result.output


def test_report_must_be_json_or_xlsx(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = good_csv(tmp_path / "a.csv")
    assert miljomal("import", str(path), "--report", str(tmp_path / "r.txt")).exit_code == 2


def test_json_report_file(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "rapport.json"
    result = miljomal("import", str(bad_csv(tmp_path / "b.csv")), "--report", str(report))
    assert result.exit_code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [p["code"] for p in data["files"][0]["problems"]] == [
        "not-a-number",
        "unknown-municipality",
        "out-of-range",
        "code-meaning-changed",
    ]


def test_xlsx_report_is_an_annotated_copy(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    report = tmp_path / "granskning.xlsx"
    result = miljomal("import", str(bad_csv(tmp_path / "b.csv")), "--report", str(report))
    assert result.exit_code == 1
    workbook = openpyxl.load_workbook(report)
    assert workbook.sheetnames[0] == "Granskning"


def test_expand_paths_searches_directories_and_patterns(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["a.xlsx", "b.CSV", "~$a.xlsx", ".hidden.csv", "notes.docx", "sub/c.ods"]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".git" / "d.csv").write_bytes(b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])] == [
        "a.xlsx",
        "b.CSV",
        "sub/c.ods",
    ]
    assert expand_paths([str(tmp_path / "*.xlsx")]) == [tmp_path / "a.xlsx"]
    assert expand_paths([str(tmp_path / "**" / "*.ods")]) == [tmp_path / "sub" / "c.ods"]
    # Named explicitly, a file is kept whatever it is, so that it gets a clear rejection.
    assert expand_paths([tmp_path / "notes.docx", tmp_path / "notes.docx"]) == [
        tmp_path / "notes.docx"
    ]
    with pytest.raises(PathNotFound):
        expand_paths([str(tmp_path / "*.xlsm")])
    with pytest.raises(PathNotFound):
        expand_paths([tmp_path / "missing.csv"])


# --- the template, filled in by an official -------------------------------------------------


def fill_template(source: Path, target: Path, values: dict[str, tuple]) -> Path:
    """Fill a template's input cells: {code: (value, status, comment, number_format)}."""
    import openpyxl

    workbook = openpyxl.load_workbook(source)
    sheet = workbook["Värden"]
    rows = {sheet.cell(row, 1).value: row for row in range(5, sheet.max_row + 1)}
    for code, (value, status, comment, number_format) in values.items():
        row = rows[code]
        sheet.cell(row, 9).value = value
        if number_format:
            sheet.cell(row, 9).number_format = number_format
        sheet.cell(row, 10).value = status
        sheet.cell(row, 11).value = comment
    workbook.save(target)
    return target


def test_a_filled_template_lands_exactly_and_a_revision_keeps_both(
    miljomal, store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    blank = tmp_path / "mall.xlsx"
    assert miljomal("template", "-m", "2281", "-y", "2022", "-o", str(blank)).exit_code == 0
    first = fill_template(
        blank,
        tmp_path / "sundsvall-2022.xlsx",
        {
            "GN.1b": ("3,1", None, None, None),
            "GN.3": (0.5, None, None, "0%"),  # a percent-formatted cell: 50 %
            "GN.4": (None, ".. uppgift saknas", None, None),
            "GN.5": ("-", None, None, None),
            "GN.6": (5.8, None, "Enligt länsstyrelsen", None),
            "GN.9": (None, ". ej tillämpligt", None, None),
        },
    )
    result = miljomal("import", str(first), "--json")
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.output)["files"]
    assert [(p["code"], p["cell"]) for p in entry["problems"]] == [("dash-as-zero", "Värden!I10")]
    values = stored_values(store)
    assert {
        key: values[key]
        for key in values
        if key[1] in {"GN.1b", "GN.3", "GN.4", "GN.5", "GN.6", "GN.9"}
    } == {
        ("2281", "GN.1b", 2022): (3.1, "reported", None),
        ("2281", "GN.3", 2022): (50.0, "reported", None),
        ("2281", "GN.4", 2022): (None, "missing", None),
        ("2281", "GN.5", 2022): (0.0, "reported", None),
        ("2281", "GN.6", 2022): (5.8, "reported", "Enligt länsstyrelsen"),
        ("2281", "GN.9", 2022): (None, "not-applicable", None),
    }
    assert values[("2281", "GN.7", 2022)] == (None, "missing", None)  # left empty

    revised = fill_template(
        first, tmp_path / "sundsvall-2022-v2.xlsx", {"GN.6": (6.2, None, "Rättat", None)}
    )
    result = miljomal("import", str(revised), "--json")
    [entry] = json.loads(result.output)["files"]
    assert (entry["outcome"], entry["created"], entry["updated"]) == ("imported", 0, 1)
    assert [p["code"] for p in entry["problems"]] == ["dash-as-zero", "replaces-value"]
    history = miljomal("history", "--municipality", "2281", "--indicator", "GN.6", "--json")
    assert history.exit_code == 0, history.output
    assert "6.2" in history.output and "5.8" in history.output


def test_a_broken_template_lists_every_problem_with_its_cell(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blank = tmp_path / "mall.xlsx"
    miljomal("template", "-m", "2281", "-y", "2022", "-o", str(blank))
    broken = fill_template(
        blank,
        tmp_path / "fel.xlsx",
        {
            "GN.6": (120, None, None, None),
            "GN.7": ("ca 400", None, None, None),
            "GN.9": ("=H12*2", None, None, None),
            "GN.11": (None, "rapporterat", None, None),
        },
    )
    result = miljomal("import", str(broken))
    assert result.exit_code == 1
    assert f"avvisad {broken}: 4 fel, 0 varningar" in result.output
    for cell, code in [
        ("Värden!I11", "out-of-range"),
        ("Värden!I12", "not-a-number"),
        ("Värden!I16", "formula-without-value"),
        ("Värden!I19", "reported-without-value"),
    ]:
        assert f"{broken}, {cell}: " in result.output and f"[{code}]" in result.output


def test_the_import_command_starts_without_pandas_or_matplotlib(
    store_url: str, tmp_path: Path
) -> None:
    import subprocess
    import sys

    path = good_csv(tmp_path / "a.csv")
    code = (
        "import sys\n"
        "from miljomal.cli import cli\n"
        f"try:\n    cli(['--db', {store_url!r}, 'import', {str(path)!r}, '--quiet'])\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip().endswith("[]")
