"""One rounding rule in every format: half away from zero, as Excel shows the same cell.

Issue 20 case 6: 98,5 % was 98 in the PDF, HTML and the site and 99 in the Excel file.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from report_samples import MUNICIPALITIES
from report_samples import county_comparison

from indicators.numbers import display_round
from indicators.numbers import excel_number_format
from indicators.numbers import format_number
from reports.documents import write_county_report
from reports.documents.xlsx import HEADER_ROW

# (value, decimals, shown in Swedish)
CASES = [
    (0.5, 0, "1"),
    (1.5, 0, "2"),
    (2.5, 0, "3"),
    (98.5, 0, "99"),
    (-0.5, 0, "-1"),
    (0.05, 1, "0,1"),
    (0.15, 1, "0,2"),
    (0.25, 1, "0,3"),
    (98.45, 1, "98,5"),
    (-0.05, 1, "-0,1"),
    (0.5, 1, "0,5"),
    (98.5, 1, "98,5"),
    (-0.5, 1, "-0,5"),
]


@pytest.mark.parametrize(("value", "decimals", "shown"), CASES)
def test_the_one_function_rounds_half_away_from_zero(
    value: float, decimals: int, shown: str
) -> None:
    assert format_number(value, decimals) == shown
    assert format_number(value, decimals, "en") == shown.replace(",", ".")
    assert str(display_round(value, decimals)) == shown.replace(",", ".")


def test_excel_format_shows_the_functions_digits() -> None:
    assert excel_number_format(0) == "#,##0"
    assert excel_number_format(1) == "#,##0.0"
    assert excel_number_format(2) == "#,##0.00"
    assert excel_number_format(None) == "#,##0"


# GN.11 (organic food, %) has 0 decimals, GN.6 (protected nature, %) one.
ZERO = {"2260": 0.5, "2262": 1.5, "2280": 2.5, "2281": 98.5, "2282": 41.5}
ONE = {"2260": 0.05, "2262": 0.15, "2280": 0.25, "2281": 98.45, "2282": 19.55}


def _comparison():  # type: ignore[no-untyped-def]
    comparison = county_comparison()
    cells = dict(comparison.cells)
    for values, code in ((ZERO, "GN.11"), (ONE, "GN.6")):
        for municipality, value in values.items():
            cells[(municipality, code)] = dataclasses.replace(
                cells[(municipality, code)], value=value, status="reported"
            )
    return dataclasses.replace(comparison, cells=cells)


def _expected(code: str) -> dict[str, str]:
    values, decimals = (ZERO, 0) if code == "GN.11" else (ONE, 1)
    return {m: format_number(v, decimals) for m, v in values.items()}


def test_every_format_shows_the_same_digits(tmp_path: Path) -> None:
    comparison = _comparison()
    assert _expected("GN.11") == {"2260": "1", "2262": "2", "2280": "3", "2281": "99", "2282": "42"}
    assert _expected("GN.6") == {
        "2260": "0,1",
        "2262": "0,2",
        "2280": "0,3",
        "2281": "98,5",
        "2282": "19,6",
    }
    labels = {m.code: m.label for m in MUNICIPALITIES}
    codes = [i.code for i in comparison.indicators]

    # HTML
    html = write_county_report(comparison, tmp_path / "lan.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r"<tr><th>([^<]+)</th>(.*?)</tr>", html))
    for code in ("GN.11", "GN.6"):
        for municipality, shown in _expected(code).items():
            cells = re.findall(r'<td class="num \w+"[^>]*>([^<]*)</td>', rows[labels[municipality]])
            assert cells[codes.index(code)] == shown

    # XLSX: the unrounded value with a format that Excel shows half away from zero.
    from openpyxl import load_workbook

    ws = load_workbook(write_county_report(comparison, tmp_path / "lan.xlsx"))["Översikt"]
    by_label = {ws.cell(r, 2).value: r for r in range(HEADER_ROW + 2, ws.max_row + 1)}
    for code, values, decimals in (("GN.11", ZERO, 0), ("GN.6", ONE, 1)):
        for municipality, value in values.items():
            cell = ws.cell(by_label[labels[municipality]], 3 + codes.index(code))
            assert cell.value == value
            assert cell.number_format == excel_number_format(decimals)

    # JSON keeps the stored value; its display strings are not rounded apart.
    data = json.loads(
        write_county_report(comparison, tmp_path / "lan.json").read_text(encoding="utf-8")
    )
    gn11 = next(i for i in data["indicators"] if i["indicator"]["code"] == "GN.11")
    assert {c["municipality"]: c["value"] for c in gn11["municipalities"]}["2281"] == 98.5

    # PDF: the table page's texts.
    from reports.charts import drawing
    from reports.charts import palette
    from reports.documents.pages import county_pages

    fig = drawing.new_figure(palette.A4_LANDSCAPE)
    county_pages.draw_county_table_page(
        fig, comparison, comparison.indicators, comparison.municipalities, "sv", False
    )
    texts = [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_text"))]
    assert "99" in texts and "98" not in texts
    assert "42" in texts and "19,6" in texts and "0,3" in texts

    # The public site's number filter and the portal's.
    from reports.site.pages import _environment

    site_number = _environment("sv").from_string("{{ value | number(0) }}")
    shown = [site_number.render(value=v) for v in ZERO.values()]
    assert shown == list(_expected("GN.11").values())


def test_plan_texts_round_half_away() -> None:
    from plan.texts import kronor
    from plan.texts import percent

    assert percent(98.5) == "99 %"
    assert percent(2.5) == "3 %"
    assert kronor(1324600.5).startswith("1 324 601")


def test_upload_size_rounds_once() -> None:
    from intake.files.entry import megabytes

    assert megabytes(2.5 * 1024 * 1024) == "3 MB"
