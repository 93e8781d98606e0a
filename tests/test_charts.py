"""Chart primitives: Swedish numbers on axes, gaps for missing years, clean inline SVG."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from report_samples import municipality_report

from reports import charts
from reports.documents.common import safe_filename

REPORTS = Path(__file__).resolve().parents[1] / "reports"


def test_no_pyplot_in_library_code() -> None:
    for path in [REPORTS / "charts.py", *sorted((REPORTS / "documents").glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert "import matplotlib.pyplot" not in text, path
        assert "from matplotlib import pyplot" not in text, path
        assert "rcParams[" not in text and "rcParams.update" not in text, path


def test_tick_labels_use_decimal_comma_and_round_steps() -> None:
    fig = charts.new_figure((6, 4))
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    charts.plot_series(ax, [2010, 2011, 2012], [1200.5, 2600.0, 3100.0])
    charts.style_axes(ax, "kg/person", "sv", (2010, 2012))
    ax.set_ylim(0, 3)
    fig.canvas.draw()
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "0,0",
        "0,5",
        "1,0",
        "1,5",
        "2,0",
        "2,5",
        "3,0",
    ]
    ax.set_ylim(0, 3000)
    fig.canvas.draw()
    assert "1 000" in [t.get_text() for t in ax.get_yticklabels()]
    years = [t.get_text() for t in ax.get_xticklabels()]
    assert {"2010", "2011", "2012"} <= set(years)
    assert ax.get_ylabel() == "kg/person"


def test_english_ticks_use_decimal_point() -> None:
    formatter = charts.number_formatter("en")
    formatter.set_locs([0, 0.5, 1.0])
    assert formatter(0.5, 1) == "0.5"


def test_missing_years_are_gaps() -> None:
    fig = charts.new_figure((6, 4))
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    (line,) = charts.plot_series(ax, [2010, 2011, 2012], [1.0, None, 3.0])
    assert math.isnan(line.get_ydata()[1])
    assert line.get_color() == charts.OKABE_ITO["blue"]


@pytest.mark.parametrize(
    ("lang", "expected", "latest_value"),
    [("sv", "Länssnitt", "3,6"), ("en", "County average", "3.6")],
)
def test_indicator_chart_lines_and_labels(lang: str, expected: str, latest_value: str) -> None:
    report = municipality_report()
    row = next(r for r in report.rows if r.indicator.code == "GN.6")
    fig = charts.new_figure((8, 4))
    ax = fig.add_axes((0.1, 0.2, 0.85, 0.7))
    drawn = charts.draw_indicator_chart(ax, report, row, lang)
    labels = [a.get_label() for a in drawn if hasattr(a, "get_linestyle")]
    assert "Sundsvall" in labels
    assert expected in labels
    assert any(label.startswith(("Målkurva", "Target path")) for label in labels)
    latest = [a for a in drawn if a.__class__.__name__ == "Annotation"]
    assert latest[0].get_text() == latest_value
    assert ax.get_ylabel() == "%"


def test_svg_is_inline_and_deterministic() -> None:
    report = municipality_report()
    fig = charts.new_figure((8, 4))
    ax = fig.add_axes((0.1, 0.2, 0.85, 0.7))
    charts.draw_indicator_chart(ax, report, report.rows[0], "sv")
    first = charts.svg_text(fig, salt="a")
    assert first.startswith("<svg")
    assert "http" not in first
    assert "<?xml" not in first and "<metadata" not in first
    assert first == charts.svg_text(fig, salt="a")


def test_comment_footnotes_are_capped() -> None:
    report = municipality_report()
    lines = charts.comment_lines(report, "GN.6", 3.0, 4, "sv")
    assert lines[0] == "Kommentarer:"
    assert len(lines) <= 4
    assert lines[-1].startswith("… och")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Örnsköldsvik", "ornskoldsvik"),
        ("Härnösand / Ånge", "harnosand-ange"),
        ("../../etc/passwd", "etc-passwd"),
        ("GN.10a Energi för tjänsteresor", "gn.10a-energi-for-tjansteresor"),
        ("", "namnlos"),
        ("CON", "_con"),
    ],
)
def test_safe_filename(text: str, expected: str) -> None:
    assert safe_filename(text) == expected
