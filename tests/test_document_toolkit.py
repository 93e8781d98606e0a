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
