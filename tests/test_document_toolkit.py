"""One document toolkit: the reports and the plan report share templates, stylesheet, PDF layer."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import DATA


def _style(html: str) -> str:
    return re.search(r"<style>(.*?)</style>", html, re.S).group(1)  # type: ignore[union-attr]


def test_reports_and_plan_share_one_stylesheet_and_escape_data(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reports.documents.html import municipality_html
    from reports.documents.templating import stylesheet
    from tests.report_samples import municipality_report

    miljomal("plan", "import", str(DATA / "plan" / "handlingsplan.txt"))
    miljomal("plan", "update", "3.4", "--status", "pågår", "--date", "2009-10-01",
             "--note", "<script>alert(1)</script>")  # fmt: skip
    out = tmp_path / "plan.html"
    assert miljomal("plan", "report", "--as-of", "2010-02-15", "-o", str(out)).exit_code == 0
    plan = out.read_text(encoding="utf-8")
    report = municipality_html(municipality_report())
    assert _style(plan) == _style(report) == stylesheet()
    assert "<script>" not in plan and "&lt;script&gt;alert(1)&lt;/script&gt;" in plan


def test_plan_pdf_goes_through_the_reports_pdf_layer() -> None:
    source = (Path(__file__).parent.parent / "plan/documents/pdf.py").read_text(encoding="utf-8")
    assert "from reports.documents.pdf import pdf_document" in source
    assert "PdfPages(" not in source


def test_plan_xlsx_uses_the_reports_writer(miljomal, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io
    import zipfile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740830400")  # 2025-03-01 12:00 UTC
    miljomal("plan", "import", str(DATA / "plan" / "handlingsplan.txt"))
    outputs = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    for out in outputs:
        result = miljomal("plan", "report", "--as-of", "2010-02-15", "-o", str(out))
        assert result.exit_code == 0, result.output
    first, second = (out.read_bytes() for out in outputs)
    assert first == second
    package = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in package.infolist()} == {(2025, 3, 1, 12, 0, 0)}
