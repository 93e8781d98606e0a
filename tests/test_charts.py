"""Chart primitives: Swedish numbers on axes, gaps for missing years, clean inline SVG."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from report_samples import municipality_report

from reports.charts import drawing
from reports.charts import palette
from reports.charts import trend_chart
from reports.documents.common import safe_filename

REPORTS = Path(__file__).resolve().parents[1] / "reports"


def test_no_pyplot_in_library_code() -> None:
    for path in sorted(
        [*(REPORTS / "charts").glob("*.py"), *(REPORTS / "documents").rglob("*.py")]
    ):
        text = path.read_text(encoding="utf-8")
        assert "import matplotlib.pyplot" not in text, path
        assert "from matplotlib import pyplot" not in text, path
        assert "rcParams[" not in text and "rcParams.update" not in text, path


def test_tick_labels_use_decimal_comma_and_round_steps() -> None:
    fig = drawing.new_figure((6, 4))
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    drawing.plot_series(ax, [2010, 2011, 2012], [1200.5, 2600.0, 3100.0])
    drawing.style_axes(ax, "kg/person", "sv", (2010, 2012))
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
    formatter = drawing.number_formatter("en")
    formatter.set_locs([0, 0.5, 1.0])
    assert formatter(0.5, 1) == "0.5"


def test_missing_years_are_gaps() -> None:
    fig = drawing.new_figure((6, 4))
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    (line,) = drawing.plot_series(ax, [2010, 2011, 2012], [1.0, None, 3.0])
    assert math.isnan(line.get_ydata()[1])
    assert line.get_color() == palette.OKABE_ITO["blue"]


@pytest.mark.parametrize(
    ("lang", "expected", "latest_value"),
    [("sv", "Länssnitt", "3,6"), ("en", "County average", "3.6")],
)
def test_indicator_chart_lines_and_labels(lang: str, expected: str, latest_value: str) -> None:
    report = municipality_report()
    row = next(r for r in report.rows if r.indicator.code == "GN.6")
    fig = drawing.new_figure((8, 4))
    ax = fig.add_axes((0.1, 0.2, 0.85, 0.7))
    drawn = trend_chart.draw_indicator_chart(ax, report, row, lang)
    labels = [a.get_label() for a in drawn if hasattr(a, "get_linestyle")]
    assert "Sundsvall" in labels
    assert expected in labels
    assert any(label.startswith(("Målkurva", "Target path")) for label in labels)
    latest = [a for a in drawn if a.__class__.__name__ == "Annotation"]
    assert latest[0].get_text() == latest_value
    assert ax.get_ylabel() == "%"


def test_svg_is_inline_and_deterministic() -> None:
    report = municipality_report()
    fig = drawing.new_figure((8, 4))
    ax = fig.add_axes((0.1, 0.2, 0.85, 0.7))
    trend_chart.draw_indicator_chart(ax, report, report.rows[0], "sv")
    first = drawing.svg_text(fig, salt="a")
    assert first.startswith("<svg")
    assert "http" not in first
    assert "<?xml" not in first and "<metadata" not in first
    assert first == drawing.svg_text(fig, salt="a")


def test_comment_footnotes_are_capped() -> None:
    report = municipality_report()
    lines = trend_chart.comment_lines(report, "GN.6", 3.0, 4, "sv")
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
