"""The plan report in PDF, HTML and XLSX, and the demo that writes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

PLAN = DATA / "plan" / "handlingsplan.txt"


@pytest.fixture
def followed_up(miljomal):  # type: ignore[no-untyped-def]
    """A store with the plan, a few updates (one an example, one a formula-like note), a link."""
    miljomal("plan", "import", str(PLAN))
    miljomal("plan", "import-updates", str(DATA / "plan" / "uppdateringar.csv"))
    miljomal(
        "plan", "update", "3.4", "--status", "ongoing", "--date", "2009-10-01",
        "--note", "<b>Seminarium</b> & mer", "--example",
    )  # fmt: skip
    miljomal("plan", "link", "3.2.1", "GN.7")
    return miljomal


def test_html_report_is_self_contained_and_escaped(
    followed_up, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "plan.html"
    result = followed_up("plan", "report", "--as-of", "2010-02-15", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html
    assert "src=" not in html and 'href="http' not in html and "<link" not in html
    assert "&lt;b&gt;Seminarium&lt;/b&gt; &amp; mer" in html
    assert "<b>Seminarium" not in html
    assert "Uppföljning av handlingsplan per 2010-02-15" in html
    assert "■ Sen" in html and "✓ Klar" in html
    assert "skillnad 521 kr" in html
    assert "exempel" in html
    assert "GN.7 länssnitt" in html or "GN.7: inga värden i länet" in html
    assert "Skapad 2023-11-14 22:13 UTC från " in html
    assert "12 aktiviteter, 5 statusuppdateringar (varav 1 exempel)." in html


def test_english_html(followed_up, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "plan.html"
    result = followed_up(
        "plan", "report", "--as-of", "2010-02-15", "--lang", "en", "-o", str(out)
    )  # fmt: skip
    assert result.output == f"Wrote {out}\n"
    html = out.read_text(encoding="utf-8")
    assert "Action plan follow-up as of 2010-02-15" in html
    assert "difference SEK 521" in html


def test_pdf_report(followed_up, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "plan.pdf"
    result = followed_up("plan", "report", "--as-of", "2010-02-15", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"Skrev {out}\n"
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") >= 4 or len(data) > 20000


def test_xlsx_report_keeps_numbers_and_neutralises_formulas(followed_up, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "plan.xlsx"
    result = followed_up("plan", "report", "--as-of", "2010-02-15", "-o", str(out))
    assert result.exit_code == 0, result.output
    workbook = load_workbook(out)
    assert workbook.sheetnames == [
        "Översikt", "Mål", "Aktiviteter", "Budget", "Ansvariga", "Summor", "Mottagare", "Logg",
        "Nyckeltal",
    ]  # fmt: skip
    activities = workbook["Aktiviteter"]
    assert activities.freeze_panes == "A2"
    rows = {row[0].value: row for row in activities.iter_rows(min_row=2)}
    assert rows["3.1.1"][8].value == 1324601
    assert rows["3.1.1"][8].number_format == "#,##0"
    assert rows["3.3"][8].value is None
    assert rows["3.2.1"][9].value == 5400
    assert rows["3.2.1"][10].value == "■ Sen"
    log = workbook["Logg"]
    notes = [row[5].value for row in log.iter_rows(min_row=2)]
    assert "'=Kravspecifikation klar" in notes
    examples = [row[7].value for row in log.iter_rows(min_row=2)]
    assert examples.count("exempel") == 1
    totals = {row[0].value: row for row in workbook["Summor"].iter_rows(min_row=2)}
    row = totals["Projektbudget totalt utan intäkter (kr)"]
    assert (row[1].value, row[2].value, row[3].value) == (12100000, 12099479, 521)


def test_report_refuses_other_formats(followed_up, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = followed_up("plan", "report", "-o", str(tmp_path / "plan.docx"))
    assert result.exit_code == 2


def test_demo_writes_three_files(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from plan.demo import run_plan_demo

    paths = run_plan_demo(store, PLAN, tmp_path / "ut")
    assert [p.name for p in paths] == [
        "handlingsplan-uppfoljning.pdf",
        "handlingsplan-uppfoljning.html",
        "handlingsplan-uppfoljning.xlsx",
    ]
    assert all(p.stat().st_size > 1000 for p in paths)
    html = paths[1].read_text(encoding="utf-8")
    assert "Uppföljningsloggen innehåller exempel" in html
    # running it again adds no second set of example entries
    run_plan_demo(store, PLAN, tmp_path / "ut")
    assert "12 aktiviteter, 10 statusuppdateringar (varav 10 exempel)." in paths[1].read_text(
        encoding="utf-8"
    )
