"""The completeness report: a terminal table, JSON, and documents in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_samples import INDICATORS
from report_samples import MUNICIPALITIES
from report_samples import completeness
from report_samples import fill_store

from reports.documents import write_completeness_report
from reports.documents.text import completeness_text


def test_terminal_table() -> None:
    text = completeness_text(completeness())
    lines = text.splitlines()
    assert lines[0] == "Inrapportering 2024 – Västernorrlands län"
    assert "EXEMPELDATA" in lines[1]
    header = next(line for line in lines if line.startswith("Kommun"))
    assert header.split() == ["Kommun", *(i.code for i in INDICATORS), "Andel"]
    sollefteå = next(line for line in lines if line.startswith("Sollefteå"))
    assert sollefteå.split()[1:] == ["✓", "✓", "✓", ".", "✓", "✓", "100", "%"]
    assert "Värden att efterfråga (5):" in lines
    assert "  Sundsvall (2281): GN.10a Energi för tjänsteresor – uppgift saknas" in lines
    assert "  Ånge (2260): GN.2 Resor med kollektivtrafik – ej inlämnat" in lines


def test_english_terminal_table() -> None:
    text = completeness_text(completeness(), lang="en")
    assert "Values still to chase (5):" in text and "not submitted" in text


@pytest.mark.parametrize("suffix", [".pdf", ".html", ".xlsx", ".json"])
def test_every_format(tmp_path: Path, suffix: str) -> None:
    path = write_completeness_report(completeness(), tmp_path / f"k{suffix}")
    assert path.stat().st_size > 0
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["example"] is True
        assert len(data["to_chase"]) == 5
    if suffix == ".html":
        html = path.read_text(encoding="utf-8")
        assert "http://" not in html and "ej tillämpligt" in html
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path)
        ws = wb["Översikt"]
        assert ws.freeze_panes == "C5"
        assert ws.cell(5 + len(MUNICIPALITIES), 3 + len(INDICATORS)).value == pytest.approx(
            completeness().rate
        )
        assert wb["Värden att efterfråga"].max_row == 6


def test_identical_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740830400")
    # The same name in two folders: a PDF names its HTML twin, so the name is content.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for suffix in (".pdf", ".xlsx", ".html"):
        one = write_completeness_report(completeness(), tmp_path / "a" / f"r{suffix}").read_bytes()
        two = write_completeness_report(completeness(), tmp_path / "b" / f"r{suffix}").read_bytes()
        assert one == two, suffix


def test_cli_completeness(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill_store(store)
    result = miljomal("report", "completeness", "--county", "22", "--year", "2024")
    assert result.exit_code == 0, result.output
    # 2024 is a year of the 2023 set: the four indicators municipalities report, then
    # the national statistics on a line of their own (issue 20 case 5).
    assert "Sollefteå" in result.output and "GN.9b" in result.output
    assert "2024 från nationell statistik: " in result.output
    result = miljomal("report", "completeness", "--county", "22", "--year", "2024", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["county"] == "22"
    out = tmp_path / "k.xlsx"
    result = miljomal("report", "completeness", "--year", "2024", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_cli_completeness_defaults_to_vasternorrland(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    fill_store(store)
    data = json.loads(miljomal("report", "completeness", "--year", "2024", "--json").output)
    assert data["county"] == "22"
    assert len(data["municipalities"]) == 7
    everyone = miljomal("report", "completeness", "--year", "2024", "--all-counties", "--json")
    assert len(json.loads(everyone.output)["municipalities"]) == 290
