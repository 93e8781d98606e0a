"""Reports say nothing their figures contradict: sharp recent turns, coverage, usage errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reports.analysis import judge_trend
from reports.analysis import recent_turn


def series(first_year: int, values: list[float | None]) -> list[tuple[int, float | None]]:
    return [(first_year + i, v) for i, v in enumerate(values)]


# --- 1. a long-term trend with a sharp recent turn ------------------------------------------

TIMRA_GN7 = [560, 548, 530, 521, 505, 497, 480, 470, 462, 455, 450, 448, 446, 444, 444, 755]


def test_sharp_rise_against_the_direction_is_a_caveat_of_the_trend() -> None:
    trend = judge_trend(series(2010, TIMRA_GN7), "lower")
    assert trend.judgement == "improving"
    assert trend.recent_turn is not None
    assert trend.recent_turn.against_direction is True
    assert trend.sentence("sv") == (
        "Utvecklingen går åt rätt håll sedan 2010, men 2025 ökade värdet kraftigt (+70 % mot 2024)"
    )
    assert trend.sentence("en") == (
        "Moving in the right direction since 2010, but in 2025 the value rose sharply "
        "(+70% on 2024)"
    )


def test_sharp_change_with_the_direction_is_named_too() -> None:
    trend = judge_trend(series(2010, [10, 11, 12, 13, 14, 30]), "higher")
    assert trend.sentence() == (
        "Utvecklingen går åt rätt håll sedan 2010, och 2015 ökade värdet kraftigt (+114 % mot 2014)"
    )


def test_an_ordinary_step_has_no_caveat() -> None:
    trend = judge_trend(series(2010, TIMRA_GN7[:-1] + [430]), "lower")
    assert trend.recent_turn is None
    assert trend.sentence() == "Utvecklingen går åt rätt håll sedan 2010"


def test_a_change_unlike_the_history_is_sharp_below_the_fifty_per_cent_limit() -> None:
    # Rising by 1 to 3 a year, then -20 (-17 %): robust z far beyond 3.5 and more than 5 %.
    values = [100.0, 101, 103, 104, 107, 109, 110, 112, 113, 115, 95]
    turn = recent_turn(series(2010, values), "higher")  # type: ignore[arg-type]
    assert turn is not None and turn.against_direction
    assert turn.text() == "2020 minskade värdet kraftigt (−17 % mot 2019)"
    # The indicator's own change threshold replaces the default 50 %.
    assert recent_turn([(2020, 100.0), (2021, 125.0)], "lower") is None
    assert recent_turn([(2020, 100.0), (2021, 125.0)], "lower", change_threshold=0.2)


# --- stores built as a county board would have them ----------------------------------------

WEST = ("2260", "2262", "2280", "2281", "2282", "2283", "2284")
# The values below are stored in the 2012 set (the oldest with GN.7); from 2023 the reports
# default to the 2023 set, so the tests name the set the values are in.
SET_2012 = ("--set", "sekom-2012")


def put_values(engine, values: dict[tuple[str, str, int], float]) -> None:  # type: ignore[no-untyped-def]
    """Store reported values keyed by (municipality, indicator code, year), one upload."""
    from sqlalchemy import insert

    from database.engine import session_scope
    from indicators.models import Observation
    from indicators.models import Upload
    from indicators.targets import indicator_id_for

    with session_scope(engine) as session:
        session.execute(
            insert(Upload),
            [
                {
                    "id": 1,
                    "file_name": "lan.xlsx",
                    "sha256": "0" * 64,
                    "size": 1,
                    "uploaded_by": "test",
                    "uploaded_at": dt.datetime(2026, 2, 1, 9, 0),
                    "outcome": "imported",
                }
            ],
        )
        ids = {code: indicator_id_for(session, code) for _, code, _ in values}
        session.execute(
            insert(Observation),
            [
                {
                    "municipality_code": m,
                    "indicator_id": ids[code],
                    "year": year,
                    "value": value,
                    "status": "reported",
                    "upload_id": 1,
                }
                for (m, code, year), value in values.items()
            ],
        )


def timra_alone_in_2025(store) -> None:  # type: ignore[no-untyped-def]
    """GN.7 for every municipality 2010-2024 and only Timrå in 2025, with its sharp rise."""
    values = {}
    for k, code in enumerate(WEST):
        for year in range(2010, 2025):
            values[(code, "GN.7", year)] = 500.0 + 10 * k - 3 * (year - 2010)
    for year, value in zip(range(2010, 2026), TIMRA_GN7, strict=True):
        values[("2262", "GN.7", year)] = float(value)
    put_values(store, values)


def test_county_report_names_coverage_and_the_sharp_turn(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    timra_alone_in_2025(store)
    out = tmp_path / "lan.html"
    result = miljomal("report", "county", *SET_2012, "22", "--year", "2025", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Länssnitt" in html
    assert "för få värden (1 av 7)" in html
    assert "Timrå GN.7: 2025 ökade värdet kraftigt (+70 % mot 2024) (åt fel håll)" in html
    pdf = tmp_path / "lan.pdf"
    assert (
        miljomal("report", "county", *SET_2012, "22", "--year", "2025", "-o", str(pdf)).exit_code
        == 0
    )


def test_municipality_report_rank_and_headline_state_coverage(
    miljomal, store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    timra_alone_in_2025(store)
    out = tmp_path / "timra.html"
    result = miljomal("report", "municipality", *SET_2012, "2262", "--year", "2025", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Placering 1 av 1" not in html and ">1 av 1<" not in html
    assert "för få värden (1 av 7)" in html
    assert (
        "Placering: för få värden (1 av 7) · lägre är bättre · Länssnitt: för få värden (1 av 7)"
        in html
    )
    assert (
        "Utvecklingen går åt rätt håll sedan 2010, men 2025 ökade värdet kraftigt "
        "(+70 % mot 2024)" in html
    )


# --- 3. identical comparison lines ----------------------------------------------------------


def test_identical_averages_are_one_line_named_by_every_group() -> None:
    import dataclasses

    from reports.charts import trend_chart
    from reports.model.series import AverageSeries
    from tests.report_samples import municipality_report

    report = municipality_report()
    row = report.rows[0]
    code = row.indicator.code
    county = report.county_average[code]
    same_as_county = AverageSeries("group", "SEkom Y", county.series)
    report = dataclasses.replace(report, group_averages={"SEkom Y": {code: same_as_county}})
    labels = [label for _, _, label, _ in trend_chart.comparison_lines(report, row, "sv")]
    assert labels == ["Länssnitt och Snitt SEkom Y", "SEkom-snitt"]
    en = [label for _, _, label, _ in trend_chart.comparison_lines(report, row, "en")]
    assert en == ["County average and SEkom Y average", "SEkom average"]


# --- 8 and 10. years the store has nothing for ------------------------------------------------


def test_report_year_outside_the_store_is_a_usage_error(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    timra_alone_in_2025(store)
    out = tmp_path / "x.pdf"
    result = miljomal("report", "municipality", *SET_2012, "2281", "--year", "1850", "-o", str(out))
    assert result.exit_code == 2
    assert "år 1850 ligger utanför databasens år 2010–2025" in result.output
    assert not out.exists()
    result = miljomal(
        "report", "county", *SET_2012, "22", "--year", "2031", "-o", str(out), "--lang", "en"
    )
    assert result.exit_code == 2
    assert "year 2031 is outside the stored years 2010–2025" in result.output
    assert not out.exists()


def test_since_after_year_is_a_usage_error(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    timra_alone_in_2025(store)
    out = tmp_path / "x.html"
    result = miljomal(
        "report", "county", *SET_2012, "22", "--year", "2020", "--since", "2022", "-o", str(out)
    )
    assert result.exit_code == 2
    assert "--since 2022 ligger efter rapportåret 2020" in result.output
    result = miljomal(
        "report", "municipality", *SET_2012, "2262", "--since", "2030", "-o", str(out)
    )
    assert result.exit_code == 2
    assert "--since 2030 ligger efter databasens sista år 2025" in result.output
    assert not out.exists()


# --- 12. the data behind the document -------------------------------------------------------


def test_municipality_json_holds_what_the_pdf_says(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    timra_alone_in_2025(store)
    out = tmp_path / "timra.json"
    result = miljomal(
        "report", "municipality", *SET_2012, "Timrå", "--year", "2025", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["municipality"] == "2262" and data["year"] == 2025
    gn7 = next(i for i in data["indicators"] if i["indicator"]["code"] == "GN.7")
    assert gn7["latest_value"] == 755.0 and gn7["latest_year"] == 2025
    assert gn7["trend"]["judgement"] == "improving"
    assert gn7["trend"]["n"] == 16 and gn7["trend"]["p_value"] < 0.05
    assert gn7["caveats"][0]["relative_change"] == (755 - 444) / 444
    assert gn7["caveats"][0]["against_direction"] is True
    assert gn7["rank"]["rank"] == 1
    assert gn7["rank"]["coverage"] == {"count": 1, "of": 7, "enough": False}
    assert gn7["rank"]["shown"] is False
    assert gn7["rank"]["colour"] == "grey"  # no "best quarter" among one municipality
    assert gn7["averages"]["county"]["coverage"] == {"count": 1, "of": 7, "enough": False}
    assert gn7["averages"]["county"]["shown"] is False


def test_county_json_holds_cells_averages_and_coverage(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    timra_alone_in_2025(store)
    out = tmp_path / "lan.json"
    result = miljomal("report", "county", *SET_2012, "22", "--year", "2024", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    gn7 = next(i for i in data["indicators"] if i["indicator"]["code"] == "GN.7")
    assert gn7["coverage"] == {"count": 7, "of": 7, "enough": True}
    assert (
        gn7["average"] == sum([444.0] + [500.0 + 10 * k - 3 * 14 for k in (0, 2, 3, 4, 5, 6)]) / 7
    )
    timra = next(c for c in gn7["municipalities"] if c["municipality"] == "2262")
    assert timra["value"] == 444.0 and timra["rank"] == 1 and timra["caveats"] == []


# --- 7. the chase list ------------------------------------------------------------------------


def test_a_municipality_that_sent_nothing_is_one_line(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    timra_alone_in_2025(store)
    result = miljomal("report", "completeness", *SET_2012, "--county", "22", "--year", "2025")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  Ånge (2260): ingen fil inlämnad för 2025" in lines
    assert not [line for line in lines if line.startswith("  Ånge (2260): GN.")]
    # Timrå sent GN.7 only: its other indicators are still chased one by one.
    assert any(line.startswith("  Timrå (2262): GN.6 ") for line in lines)
    assert not any("Timrå (2262): ingen fil" in line for line in lines)
    assert "Värden att efterfråga (" in result.stdout


def test_a_county_without_values_gets_a_plain_page(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    timra_alone_in_2025(store)  # values for Västernorrland only
    html = tmp_path / "stockholm.html"
    result = miljomal("report", "county", *SET_2012, "01", "--year", "2025", "-o", str(html))
    assert result.exit_code == 0, result.output
    text = html.read_text(encoding="utf-8")
    assert "<h2>Inga värden för 2025</h2>" in text
    assert "Ingen av länets 26 kommuner har något värde för 2025" in text
    assert "<table" not in text
    pdf = tmp_path / "stockholm.pdf"
    assert (
        miljomal("report", "county", *SET_2012, "01", "--year", "2025", "-o", str(pdf)).exit_code
        == 0
    )
    assert b"/Count 1 " in pdf.read_bytes().replace(b"\n", b" ")


# --- 5. county table headings -----------------------------------------------------------------


def test_headings_wrap_at_words_and_are_never_cut() -> None:
    from reports.charts.drawing import wrap_heading

    name = "GN.12 Miljöcertifierade skolor och förskolor"
    lines = wrap_heading(name, 1.06, 7.0)
    assert lines == ["GN.12", "Miljöcertifierade", "skolor och", "förskolor"]
    # Narrower than a word: split where Swedish hyphenation allows, with a hyphen.
    narrow = wrap_heading("Koldioxidutsläpp från transporter", 0.6, 7.0)
    assert (
        narrow[0].endswith("-")
        and "".join(narrow).replace("-", "").replace(" ", "") == "Koldioxidutsläppfråntransporter"
    )
    assert all(len(line) <= 10 for line in narrow)


# --- 4. one axis rule -------------------------------------------------------------------------


def test_value_axes_start_at_zero_unless_the_series_would_be_flat() -> None:
    from reports.axis import value_axis

    # Timrå's GN.1a (1,7-2,4 ton/inv) and GN.2 (35-48 resor/inv): readable from zero.
    assert value_axis([1.7, 2.0, 2.4]).bottom == 0  # type: ignore[union-attr]
    assert value_axis([35, 41, 48]).bottom == 0  # type: ignore[union-attr]
    # GN.5 between 45 and 56 %: from zero it would be a flat line, so the axis is broken.
    gn5 = value_axis([45, 50, 52, 53])
    assert gn5 is not None and gn5.broken and 40 < gn5.bottom < 45
    assert value_axis([-3, 4]) is None  # values below zero keep matplotlib's range


def test_the_ticks_are_matplotlibs_and_the_sites_svg_takes_them() -> None:
    """One axis rule: reports.axis.ticks picks the ticks MaxNLocator shows, and the site's
    SVG chart draws its range and ticks from it (nice_ticks is gone)."""
    import re

    from matplotlib.ticker import MaxNLocator

    from reports.axis import TICK_STEPS
    from reports.axis import ticks
    from reports.axis import value_range
    from reports.charts import drawing
    from reports.site import svg

    assert drawing.TICK_STEPS is TICK_STEPS
    for bottom, top in [(0, 2.69), (0, 56.0), (43.2, 54.75), (0.96, 1.0), (-3.35, 4.35),
                        (0, 1), (1260, 1420), (0, 0.0042)]:  # fmt: skip
        for bins in (4, 5, 6):
            shown = [
                round(float(t), 10)
                for t in MaxNLocator(nbins=bins, steps=TICK_STEPS).tick_values(bottom, top)
                if bottom - 1e-9 <= t <= top + 1e-9
            ]
            assert ticks(bottom, top, bins) == pytest.approx(shown), (bottom, top, bins)
    # GN.5 between 45 and 53 %: the SVG axis is broken like the figure's, ticks inside it.
    values = [45.0, 50.0, 52.0, 53.0]
    axis = value_range(values)
    chart = svg.line_chart(
        [(2020 + i, v, False) for i, v in enumerate(values)], title="GN.5", unit="%", decimals=0
    )
    labels = re.findall(r'text-anchor="end" font-size="12" fill="#555555">([^<]+)<', chart)
    assert labels == [str(int(t)) for t in ticks(axis.bottom, axis.top, svg.TICK_BINS)]
    assert axis.broken and labels[0] != "0"
    assert chart.count('stroke="#555555" stroke-width="1"/>') == 2  # the broken-axis mark
    assert not hasattr(svg, "nice_ticks")


def test_broken_axis_is_marked_on_the_chart() -> None:
    import dataclasses

    from reports.charts import drawing
    from reports.charts import trend_chart
    from reports.model.series import Series
    from tests.report_samples import municipality_report

    report = municipality_report()
    row = report.rows[0]
    code = row.indicator.code
    flat = Series("2281", code, tuple((y, 50.0 + (y % 3)) for y in report.years))
    report = dataclasses.replace(
        report,
        series={**report.series, code: flat},
        county_average={},
        sekom_average={},
        group_averages={},
    )
    row = dataclasses.replace(row, target=None)
    fig = drawing.new_figure((4, 3))
    ax = fig.add_axes((0.15, 0.15, 0.8, 0.8))
    trend_chart.draw_indicator_chart(ax, report, row)
    assert ax.get_ylim()[0] > 0
    assert [line.get_gid() for line in ax.lines].count(drawing.BROKEN_AXIS_GID) == 2


# --- 11. each PDF names its accessible version ------------------------------------------------


def test_every_pdf_names_its_html_version(tmp_path: Path) -> None:
    from reports.documents.pdf import write_county_pdf
    from reports.documents.pdf import write_municipality_pdf
    from tests.report_samples import county_comparison
    from tests.report_samples import municipality_report

    for path in (
        write_municipality_pdf(municipality_report(), tmp_path / "kommun-2281.pdf"),
        write_county_pdf(county_comparison(), tmp_path / "lan-22.pdf", lang="en"),
    ):
        data = path.read_bytes()
        name = path.with_suffix(".html").name
        # The Subject of the metadata: UTF-16 in the PDF for Swedish ("Tillgänglig"), ASCII
        # for English.
        assert b"/Subject" in data
        assert name.encode("utf-16-be") in data or rb"\(HTML\): " + name.encode() in data


# --- 9. SEkom membership over time ------------------------------------------------------------


def test_each_years_sekom_average_is_over_that_years_members(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from reports.queries import municipality_report_data

    timra_alone_in_2025(store)
    assert miljomal("municipalities", "set-member", "Sundsvall").exit_code == 0
    joined = miljomal("municipalities", "set-member", "Timrå", "--since", "2019")
    assert joined.stdout == "Timrå (2262) är SEkom-medlem sedan 2019.\n"
    assert miljomal("municipalities", "set-member", "Härnösand", "--since", "2010").exit_code == 0
    left = miljomal("municipalities", "set-member", "Härnösand", "--remove", "--left", "2016")
    assert left.exit_code == 0, left.output
    assert left.stdout == "Härnösand (2280) är inte längre SEkom-medlem (medlem 2010–2015).\n"
    shown = miljomal("municipalities", "show", "Härnösand")
    assert "nej (medlem 2010–2015)" in shown.stdout

    with session_scope(store) as session:
        report = municipality_report_data(session, "2260", year=2024, set_code="sekom-2012")
    sekom = report.sekom_average["GN.7"]
    sundsvall = {y: 530.0 - 3 * (y - 2010) for y in range(2010, 2025)}
    harnosand = {y: 520.0 - 3 * (y - 2010) for y in range(2010, 2025)}
    timra = dict(zip(range(2010, 2026), TIMRA_GN7, strict=False))
    # 2012: Sundsvall and Härnösand (Timrå had not joined yet).
    assert sekom.series.value_in(2012) == (sundsvall[2012] + harnosand[2012]) / 2
    assert sekom.members[2012] == 2
    # 2020: Sundsvall and Timrå (Härnösand left in 2016).
    assert sekom.series.value_in(2020) == (sundsvall[2020] + timra[2020]) / 2
    assert sekom.members[2020] == 2


def test_left_must_follow_joined(miljomal, store) -> None:  # type: ignore[no-untyped-def]
    miljomal("municipalities", "set-member", "Härnösand", "--since", "2018")
    result = miljomal("municipalities", "set-member", "Härnösand", "--remove", "--left", "2015")
    assert result.exit_code == 1
    assert "utträdesåret 2015 ligger inte efter inträdesåret 2018" in result.output
