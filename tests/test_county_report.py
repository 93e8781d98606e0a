"""The county report: the table equals the model, Excel is usable, files are reproducible."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from report_samples import INDICATORS
from report_samples import MUNICIPALITIES
from report_samples import county_comparison
from report_samples import fill_store

from indicators.numbers import format_number
from reports.documents import write_county_report
from reports.documents.xlsx import HEADER_ROW
from reports.documents.xlsx import neutralise

EPOCH = "1740830400"  # 2025-03-01 12:00 UTC


def test_html_table_shows_the_model_numbers(tmp_path: Path) -> None:
    comparison = county_comparison()
    html = write_county_report(comparison, tmp_path / "lan.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    # One small panel per municipality and indicator (a phone shows them one per row).
    assert html.count("<svg") == len(INDICATORS) * len(MUNICIPALITIES)
    rows = re.findall(r"<tr><th>([^<]+)</th>(.*?)</tr>", html)
    by_name = {
        name: re.findall(r'<td class="num (\w+)"[^>]*>([^<]*)</td>', cells) for name, cells in rows
    }
    for m in MUNICIPALITIES:
        shown = by_name[m.label]
        for (colour, text), ind in zip(shown, INDICATORS, strict=True):
            cell = comparison.cells[(m.code, ind.code)]
            assert colour == cell.colour
            if cell.value is not None:
                assert text == format_number(cell.value, ind.decimals, "sv")
    assert "Länssnitt" in html and "Median" in html
    average = format_number(comparison.averages["GN.7"], 1, "sv")
    assert f'<td class="num">{average}</td>' in html


def test_xlsx_numbers_formats_frozen_panes_and_sheets(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    comparison = county_comparison()
    path = write_county_report(comparison, tmp_path / "lan.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Översikt", *(i.code for i in INDICATORS)]
    ws = wb["Översikt"]
    assert ws.freeze_panes == f"C{HEADER_ROW + 2}"
    for r, m in enumerate(MUNICIPALITIES, start=HEADER_ROW + 2):
        assert ws.cell(r, 2).value == m.label
        for c, ind in enumerate(INDICATORS, start=3):
            cell = ws.cell(r, c)
            value = comparison.value(m.code, ind.code)
            if value is not None:
                assert isinstance(cell.value, float | int)
                assert cell.value == value
                assert cell.number_format == "#,##0" + (
                    "." + "0" * ind.decimals if ind.decimals else ""
                )
            assert cell.fill.fgColor.rgb.endswith(
                {"green": "A8DCCB", "yellow": "F8F1A6", "red": "F3BE9C", "grey": "E4E4E4"}[
                    comparison.colour(m.code, ind.code)
                ]
            )
    sheet = wb["GN.8b"]
    assert sheet.freeze_panes == f"C{HEADER_ROW + 1}"
    assert sheet.cell(HEADER_ROW, 3).value == 2010
    series = comparison.series["GN.8b"]["2281"]
    row = HEADER_ROW + 1 + [m.code for m in MUNICIPALITIES].index("2281")
    first = next(y for y, v in series.points if v is not None)
    assert sheet.cell(row, 3 + first - 2010).value == series.value_in(first)
    assert sheet.cell(row, 3 + first - 2010).number_format == "#,##0.00"
    assert sheet.conditional_formatting


def test_xlsx_neutralises_formula_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    comparison = county_comparison()
    evil = dataclasses.replace(MUNICIPALITIES[0], short_name='=HYPERLINK("x")')
    comparison = dataclasses.replace(comparison, municipalities=(evil, *MUNICIPALITIES[1:]))
    wb = load_workbook(write_county_report(comparison, tmp_path / "lan.xlsx"))
    cell = wb["Översikt"].cell(HEADER_ROW + 2, 2)
    assert cell.value == '\'=HYPERLINK("x")'
    assert cell.data_type == "s"
    assert neutralise("+1") == "'+1" and neutralise("-x") == "'-x" and neutralise("@a") == "'@a"
    assert neutralise("\tx") == "'\tx" and neutralise("Ånge") == "Ånge"


def test_english_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(write_county_report(county_comparison(), tmp_path / "c.xlsx", lang="en"))
    assert wb.sheetnames[0] == "Overview"
    assert wb["Overview"].cell(2, 1).value.startswith("EXAMPLE DATA")


def test_pdf_renders(tmp_path: Path) -> None:
    data = write_county_report(county_comparison(), tmp_path / "lan.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert f"/Count {1 + len(INDICATORS)}".encode() in data


@pytest.mark.parametrize("suffix", [".pdf", ".html", ".xlsx"])
def test_identical_bytes_with_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    comparison = county_comparison()
    # The same name in two folders: a PDF names its HTML twin, so the name is content.
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = write_county_report(comparison, tmp_path / "one" / f"lan{suffix}").read_bytes()
    two = write_county_report(comparison, tmp_path / "two" / f"lan{suffix}").read_bytes()
    assert one == two
    if suffix == ".xlsx":
        import io
        import zipfile

        core = zipfile.ZipFile(io.BytesIO(one)).read("docProps/core.xml").decode()
        assert "2025-03-01T12:00:00Z" in core


def test_cli_county_report(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    fill_store(store)
    out = tmp_path / "lan.xlsx"
    # The store holds 2012 codes for 2024: a 2024 report defaults to the 2023 set, which
    # has no values here, so no sheet of a 2012 indicator appears.
    result = miljomal("report", "county", "22", "--year", "2024", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "GN.6" not in load_workbook(out).sheetnames
    result = miljomal(
        "report", "county", "22", "--year", "2024", "--set", "sekom-2012", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert "GN.6" in wb.sheetnames
    html = tmp_path / "lan.html"
    result = miljomal(
        "report",
        "county",
        "22",
        "--year",
        "2024",
        "--set",
        "sekom-2012",
        "--lang",
        "en",
        "-o",
        str(html),
    )
    assert result.exit_code == 0, result.output
    assert "County average" in html.read_text(encoding="utf-8")
