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


def test_plan_writers_do_not_import_plan_report() -> None:
    """`plan.report` picks a writer; the writers import only `plan.report_model`: no cycle."""
    import subprocess
    import sys

    modules = ", ".join(f"plan.documents.{m}" for m in ("tables", "gantt", "html", "pdf", "xlsx"))
    code = f"import sys, {modules}; print(sorted(m for m in sys.modules if m == 'plan.report'))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_one_page_layer_flows_tables_with_footer_and_repeated_header() -> None:
    from reports.documents.pages.flow import FlowColumn
    from reports.documents.pages.flow import FlowTable
    from reports.documents.pages.flow import PageFlow

    saved = []

    class Pdf:
        def savefig(self, fig) -> None:  # type: ignore[no-untyped-def]
            saved.append(sorted(t.get_text() for t in fig.texts))

    flow = PageFlow(Pdf(), (11.69, 8.27), "Plan · Tillgänglig version (HTML): plan.html", "sv")
    rows = [[f"Aktivitet {i}", f"{i} kr"] for i in range(80)]
    table = FlowTable(
        "Aktiviteter", [FlowColumn("Namn", 3), FlowColumn("Budget", right=True)], rows
    )
    flow.table(table)
    flow.flush()
    assert len(saved) == 3  # 34–36 rows of one line fit on an A4 landscape page
    for number, texts in enumerate(saved, start=1):
        assert "Plan · Tillgänglig version (HTML): plan.html" in texts
        assert f"Sida {number}" in texts
        assert "Namn" in texts and "Budget" in texts  # the header row on every page
    assert "Aktivitet 0" in saved[0] and "Aktivitet 79" in saved[2]


def test_plan_pdf_uses_the_shared_page_layer(miljomal, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    import pytest

    source = (Path(__file__).parent.parent / "plan/documents/pdf.py").read_text(encoding="utf-8")
    assert "PageFlow(" in source and "class PdfWriter" not in source
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740830400")
    miljomal("plan", "import", str(DATA / "plan" / "handlingsplan.txt"))
    outputs = [tmp_path / "1" / "a.pdf", tmp_path / "2" / "a.pdf"]
    for out in outputs:
        out.parent.mkdir()
        result = miljomal("plan", "report", "--as-of", "2010-02-15", "-o", str(out))
        assert result.exit_code == 0, result.output
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(outputs[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == 5
    for number, page in enumerate(pages, start=1):
        if number == 3:  # the Gantt chart: its legend takes the foot of the page
            continue
        assert f"Sida {number}" in page
        assert "Tillgänglig version (HTML): a.html" in page


def test_documents_site_and_portal_share_one_layout_environment_and_statement() -> None:
    """One Jinja setup: the document page, the site's and the portal's base extend layout.html;
    the site and the portal render the one statement.html; Flask's environment is configured
    by the same factory (options, the `number` filter, the shared templates)."""
    from reports.documents import templating

    root = Path(__file__).parent.parent
    for base in ("reports/documents/templates/page.html", "reports/site/templates/base.html",
                 "web/templates/base.html"):  # fmt: skip
        assert (root / base).read_text(encoding="utf-8").startswith('{% extends "layout.html" %}')
    statements = sorted(
        p.relative_to(root).as_posix()
        for folder in ("reports", "web", "plan")
        for p in (root / folder).rglob("statement.html")
    )
    assert statements == ["reports/documents/templates/statement.html"]
    env = templating.environment()
    page = env.from_string("{{ 1234.5 | number(1) }}")
    assert (page.render(lang="sv"), page.render(lang="en")) == ("1 234,5", "1,234.5")
    web = (root / "web/__init__.py").read_text(encoding="utf-8")
    assert "templating.configure(app.jinja_env)" in web
    for module in sorted((root / "reports/site").glob("*.py")):
        assert "Environment(" not in module.read_text(encoding="utf-8"), module
