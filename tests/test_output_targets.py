"""Where documents go: never over a folder, FIFO or device; `-o -` for standard output;
a write that fails is one line (`Fel: kan inte skriva X: disken är full`), exit 1."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA
from test_import_cli import good_csv

ROOT = Path(__file__).resolve().parents[1]


def files(folder: Path) -> list[str]:
    """The files in the folder, but the store's own."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("miljomal.db"))


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize(
    ("args", "make"),
    [
        (["template", "-m", "2281", "-y", "2022", "-o", "{target}.xlsx"], fifo),
        (["report", "completeness", "-y", "2022", "-o", "{target}.html"], folder),
        (["report", "completeness", "-y", "2022", "-o", "{target}.pdf"], fifo),
        (["report", "county", "22", "-y", "2022", "-o", "{target}.xlsx"], fifo),
        (["plan", "report", "-o", "{target}.xlsx"], fifo),
        (["export", "--format", "xlsx", "-o", "{target}.xlsx"], fifo),
    ],
    ids=lambda value: value[0] + " " + value[1] if isinstance(value, list) else value.__name__,
)
def test_a_target_that_is_no_regular_file_is_refused(
    miljomal, tmp_path: Path, args: list[str], make
) -> None:  # type: ignore[no-untyped-def]
    miljomal("import", str(good_csv(tmp_path / "a.csv")))
    miljomal("plan", "import", str(DATA / "plan" / "handlingsplan.txt"))
    suffix = Path(args[-1]).suffix
    target = make(tmp_path / f"mål{suffix}")
    kind = stat.S_IFMT(target.stat().st_mode)
    result = miljomal(*[a.format(target=tmp_path / "mål") for a in args])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Fel: kan inte skriva {target}: den finns och är ")
    assert result.output.endswith("ingen vanlig fil; inget skrevs\n")
    assert stat.S_IFMT(target.stat().st_mode) == kind
    assert files(tmp_path) == ["a.csv", target.name]


def test_export_to_standard_output_with_dash(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    miljomal("import", str(good_csv(tmp_path / "a.csv")))
    csv = miljomal("export", "--format", "csv", "-o", "-")
    assert csv.exit_code == 0
    assert csv.output.startswith("\ufeffKommun;Kommunkod;")
    assert "Skrev" not in csv.output
    json = miljomal("export", "-o", "-")
    assert json.exit_code == 0
    assert json.output.startswith("[\n  {\n")
    xlsx = miljomal("export", "--format", "xlsx", "-o", "-")
    assert xlsx.exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["report", "completeness", "-y", "2022", "-o", "-"],
        ["report", "municipality", "2281", "-y", "2022", "-o", "-"],
        ["plan", "report", "-o", "-"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_documents_to_standard_output_are_html(miljomal, tmp_path: Path, args) -> None:  # type: ignore[no-untyped-def]
    miljomal("import", str(good_csv(tmp_path / "a.csv")))
    miljomal("plan", "import", str(DATA / "plan" / "handlingsplan.txt"))
    result = miljomal(*args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("<!DOCTYPE html>")
    assert result.output.rstrip().endswith("</html>")
    assert files(tmp_path) == ["a.csv"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_full_device_is_one_line(store_url: str, tmp_path: Path, fmt: str) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "miljomal", "--db", store_url, "export", "--format", fmt],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
    assert result.returncode == 1
    assert result.stderr == "Fel: kan inte skriva standardutdata: disken är full\n"


def test_an_unwritable_target_is_one_line(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("export", "--format", "xlsx", "-o", "/proc/self/mem")
    assert result.exit_code == 1
    assert result.output.startswith("Fel: kan inte skriva /proc/self/mem: ")
    assert len(result.output.splitlines()) == 1
