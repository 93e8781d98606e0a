"""The municipality report: PDF, HTML and PNG from the model, and `miljomal report municipality`."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_samples import fill_store
from report_samples import municipality_report

from reports.documents import write_municipality_report

EPOCH = "1740830400"  # 2025-03-01 12:00 UTC


@pytest.fixture
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_pdf_has_summary_charts_and_appendix(tmp_path: Path) -> None:
    (path,) = write_municipality_report(municipality_report(), tmp_path / "sundsvall.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    # 1 summary page, 6 indicators four per page, 1 appendix page
    assert b"/Count 4" in data
    assert not list(tmp_path.glob("*.part"))


def test_html_is_self_contained_escaped_and_labelled(tmp_path: Path) -> None:
    (path,) = write_municipality_report(municipality_report(), tmp_path / "sundsvall.html")
    html = path.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    assert "<script" not in html and "<link" not in html
    assert html.count("<svg") == 6
    assert "EXEMPELDATA" in html
    assert "&lt;kraftigt&gt; &amp; tillfälligt" in html
    assert "<kraftigt>" not in html
    assert "Utvecklingen går åt" in html
    assert "Så bedöms utvecklingen" in html
    assert "@media print" in html and "break-before: page" in html
    assert html.rstrip().endswith("</html>")
    assert "Skapad 2025-03-01 12:00 UTC från sqlite:///demo-output/miljomal.db" in html


def test_english_labels(tmp_path: Path) -> None:
    (path,) = write_municipality_report(municipality_report(), tmp_path / "s.html", lang="en")
    html = path.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "EXAMPLE DATA" in html and "County average" in html
    assert "How the development is judged" in html
    assert "Länssnitt" not in html


def test_example_label_from_flag(tmp_path: Path) -> None:
    report = municipality_report(example=False)
    (plain,) = write_municipality_report(report, tmp_path / "a.html")
    assert "EXEMPELDATA" not in plain.read_text(encoding="utf-8")
    (flagged,) = write_municipality_report(report, tmp_path / "b.html", example=True)
    assert "EXEMPELDATA" in flagged.read_text(encoding="utf-8")


def test_png_folder(tmp_path: Path) -> None:
    written = write_municipality_report(municipality_report(), str(tmp_path / "png") + "/")
    names = [p.name for p in written]
    assert names[0] == "00-sammanfattning.png"
    assert "02-gn.6-skyddad-natur.png" in names
    assert len(names) == 7
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in written)


@pytest.mark.parametrize("suffix", [".pdf", ".html", "/"])
def test_identical_bytes_with_source_date_epoch(
    tmp_path: Path, fixed_time: None, suffix: str
) -> None:
    report = municipality_report()
    # The same file name in two folders: a PDF names its HTML twin, so names are content.
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write_municipality_report(report, str(tmp_path / "one" / "report") + suffix)
    second = write_municipality_report(report, str(tmp_path / "two" / "report") + suffix)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    if suffix == ".pdf":
        assert b"D:20250301120000" in first[0].read_bytes()


def test_cli_municipality_report(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill_store(store)
    out = tmp_path / "sundsvall.html"
    result = miljomal("report", "municipality", "2281", "--year", "2024", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Sundsvall" in html and "GN.6" in html
    assert "lan-2010-2024.xlsx" in html
    pdf = tmp_path / "sundsvall.pdf"
    result = miljomal("report", "municipality", "2281", "--lang", "en", "-o", str(pdf))
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")


def test_cli_unknown_format_is_a_usage_error(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = miljomal("report", "municipality", "2281", "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 2
    assert "x.docx" in result.output
