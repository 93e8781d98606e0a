"""Indicator sets as versions: a code means something only within its set.

SEkom renumbered its gröna nyckeltal in 2023: GN.7 is household waste (kg/person) in the
2012 set and renewable and recovered energy in premises (%) in the 2023 set.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.engine import Engine

from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation


def test_migration_keeps_stored_values_under_sekom_2012_and_lets_2023_reuse_codes(
    engine: Engine,
) -> None:
    from alembic import command

    from database.engine import session_scope
    from indicators.catalogue import load_catalogue
    from intake.catalogue_file import bundled_catalogues
    from miljomal.bootstrap import initialise
    from miljomal.db import alembic_config
    from municipalities.registry import load_registry

    # A store as it was before this change: schema 0002, the 2012 set, one stored value.
    command.upgrade(alembic_config(engine), "0002")
    with session_scope(engine) as session:
        load_registry(session)
        load_catalogue(session, bundled_catalogues()[0])
    with engine.begin() as connection:
        gn7 = connection.execute(text("SELECT id FROM indicator WHERE code = 'GN.7'")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO observation (municipality_code, indicator_id, year, value, status,"
                " updated_at) VALUES ('2281', :id, 2015, 455, 'reported', '2016-01-01')"
            ),
            {"id": gn7},
        )

    initialise(engine)  # upgrades to the newest schema and loads sekom-2023 beside 2012

    with session_scope(engine) as session:
        rows = session.execute(
            select(IndicatorSet.code, Indicator.code, Indicator.unit, Observation.value)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        ).all()
        meanings = session.execute(
            select(IndicatorSet.code, Indicator.unit)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
            .where(Indicator.code == "GN.7")
            .order_by(IndicatorSet.code)
        ).all()
    assert [tuple(row) for row in rows] == [("sekom-2012", "GN.7", "kg/person", 455.0)]
    assert [tuple(row) for row in meanings] == [("sekom-2012", "kg/person"), ("sekom-2023", "%")]


# --- which set a file's codes belong to ------------------------------------------------------


def excel_csv(path: Path, *lines: str) -> Path:
    """A file as Excel on Swedish Windows saves "CSV (semikolonavgränsad)": cp1252, CRLF."""
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def stored_meanings(engine: Engine) -> list[tuple[str, str, str, str, int, float | None]]:
    """(set, code, name, unit, year, value) of every stored value."""
    from database.engine import session_scope

    with session_scope(engine) as session:
        rows = session.execute(
            select(
                IndicatorSet.code,
                Indicator.code,
                Indicator.name,
                Indicator.unit,
                Observation.year,
                Observation.value,
            )
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
            .order_by(Observation.year)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_the_same_long_file_lands_in_the_set_of_its_year(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    old = excel_csv(tmp_path / "gn7-2015.csv", "Kommun;År;Indikator;Värde", "2281;2015;GN.7;45")
    new = excel_csv(tmp_path / "gn7-2024.csv", "Kommun;År;Indikator;Värde", "2281;2024;GN.7;45")
    for path in (old, new):
        result = miljomal("import", str(path), "--user", "anna")
        assert result.exit_code == 0, result.output
    assert stored_meanings(store) == [
        ("sekom-2012", "GN.7", "Mängd hushållsavfall", "kg/person", 2015, 45.0),
        ("sekom-2023", "GN.7", "Förnybar och återvunnen energi i lokaler", "%", 2024, 45.0),
    ]


def test_a_name_that_contradicts_the_code_is_rejected_at_that_cell_with_the_likely_code(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "avfall-2024.csv",
        "Kommun;År;Kod;Namn;Värde",
        "2281;2024;GN.7;Mängd hushållsavfall;455",
    )
    result = miljomal("import", str(path), "--json")
    assert result.exit_code == 1, result.output
    [entry] = json.loads(result.output)["files"]
    assert entry["outcome"] == "rejected"
    [problem] = [p for p in entry["problems"] if p["severity"] == "error"]
    assert (problem["code"], problem["row"], problem["column"]) == (
        "name-contradicts-code",
        2,
        "Namn",
    )
    assert problem["message"] == (
        "GN.7 betyder Förnybar och återvunnen energi i lokaler i 2023 års nyckeltal; "
        "menade du GN.6a Mängd hushållsavfall?"
    )
    assert stored_meanings(store) == []


def test_a_unit_that_contradicts_the_code_is_rejected_with_the_mapped_code(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "avfall-2024.csv",
        "Kommun;År;Indikator;Enhet;Värde",
        "2281;2024;GN.7;kg/person;455",
    )
    result = miljomal("--lang", "en", "import", str(path), "--json")
    assert result.exit_code == 1, result.output
    [problem] = json.loads(result.output)["files"][0]["problems"]
    assert (problem["code"], problem["row"], problem["column"]) == (
        "unit-contradicts-code",
        2,
        "Enhet",
    )
    assert problem["message"] == (
        "GN.7 means Renewable and recovered energy in premises in the 2023 key indicators; "
        "did you mean GN.6a Household waste?"
    )
    assert stored_meanings(store) == []


def test_a_2012_history_running_into_2023_is_read_as_2012_with_a_warning(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "historik.csv",
        "Kommun;År;Kod;Namn;Värde",
        "2281;2021;GN.7;Mängd hushållsavfall;470",
        "2281;2022;GN.7;Mängd hushållsavfall;461",
        "2281;2023;GN.7;Mängd hushållsavfall;455",
    )
    result = miljomal("import", str(path), "--json")
    assert result.exit_code == 0, result.output
    [problem] = json.loads(result.output)["files"][0]["problems"]
    assert (problem["severity"], problem["code"]) == ("warning", "read-as-set")
    assert "sekom-2012 för alla år, också 2023" in problem["message"]
    assert [(row[0], row[1], row[4]) for row in stored_meanings(store)] == [
        ("sekom-2012", "GN.7", 2021),
        ("sekom-2012", "GN.7", 2022),
        ("sekom-2012", "GN.7", 2023),
    ]


def test_the_file_may_name_its_set_by_title_column_or_option(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Gröna nyckeltal (2023)"])
    sheet.append(["Kommun", "År", "Kod", "Värde"])
    sheet.append(["Sundsvall", 2022, "GN.7", 97])
    titled = tmp_path / "titel.xlsx"
    workbook.save(titled)
    column = excel_csv(
        tmp_path / "kolumn.csv", "Kommun;År;Uppsättning;Kod;Värde", "2281;2021;sekom-2023;GN.7;96"
    )
    option = excel_csv(tmp_path / "flagga.csv", "Kommun;År;Kod;Värde", "2281;2024;GN.7;412")
    for args in ((str(titled),), (str(column),), (str(option), "--set", "sekom-2012")):
        result = miljomal("import", *args)
        assert result.exit_code == 0, result.output
    assert [(row[0], row[4], row[5]) for row in stored_meanings(store)] == [
        ("sekom-2023", 2021, 96.0),
        ("sekom-2023", 2022, 97.0),
        ("sekom-2012", 2024, 412.0),
    ]


def test_an_unknown_set_is_refused_naming_the_known_ones(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(tmp_path / "a.csv", "Kommun;År;Kod;Värde", "2281;2024;GN.7;45")
    result = miljomal("import", str(path), "--set", "sekom-2030", "--json")
    assert result.exit_code == 1
    [problem] = json.loads(result.output)["files"][0]["problems"]
    assert problem["code"] == "unknown-indicator-set"
    assert problem["message"] == (
        "Okänd indikatoruppsättning 'sekom-2030'; kända: sekom-2012, sekom-2023."
    )


# --- series across the revision ----------------------------------------------------------------


def _history_and_recent(miljomal, tmp_path: Path, old: str, new: str, values: list[float]):  # type: ignore[no-untyped-def]
    """Sundsvall's 2012 `old` code for 2015-2022 and the 2023 `new` code for 2023-2024."""
    history = excel_csv(
        tmp_path / "historik.csv",
        "Kommun;År;Indikator;Värde",
        *(
            f"2281;{year};{old};{value}"
            for year, value in zip(range(2015, 2023), values[:8], strict=True)
        ),
    )
    recent = excel_csv(
        tmp_path / "nytt.csv",
        "Kommun;År;Indikator;Värde",
        *(
            f"2281;{year};{new};{value}"
            for year, value in zip((2023, 2024), values[8:], strict=True)
        ),
    )
    for path in (history, recent):
        result = miljomal("import", str(path))
        assert result.exit_code == 0, result.output


def _lines(ax):  # type: ignore[no-untyped-def]
    return {line.get_label(): line for line in ax.get_lines()}


def test_same_definition_draws_one_line_across_2022_2023_with_the_revision_marked(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from reports.charts.drawing import new_figure
    from reports.charts.trend_chart import draw_indicator_chart
    from reports.model.municipality import Revision
    from reports.queries import municipality_report_data

    waste = [520, 515, 505, 500, 492, 480, 470, 461, 455, 441]
    _history_and_recent(miljomal, tmp_path, "GN.7", "GN.6a", waste)
    with session_scope(store) as session:
        report = municipality_report_data(session, "2281", year=2024)
    assert report.set_code == "sekom-2023"
    assert "; nyckeltal sekom-2023." in report.provenance.line()  # every document's foot
    assert report.series["GN.6a"].reported() == list(
        zip(range(2015, 2025), map(float, waste), strict=True)
    )
    assert report.revisions["GN.6a"] == Revision(2023, "same", "sekom-2012", "GN.7")
    [row] = [r for r in report.rows if r.indicator.code == "GN.6a"]
    assert (row.trend.judgement, row.baseline_year) == ("improving", 2015)
    # GN.7 of the 2023 set is another indicator: 2012's household waste is not in its series.
    assert report.series["GN.7"].reported() == []

    ax = new_figure().add_subplot()
    draw_indicator_chart(ax, report, row)
    own = _lines(ax)["Sundsvall"]
    assert [
        int(x) for x, y in zip(own.get_xdata(), own.get_ydata(), strict=True) if y == y
    ] == list(range(2015, 2025))
    [mark] = [line for line in ax.get_lines() if line.get_gid() == "revision"]
    assert list(mark.get_xdata()) == [2022.5, 2022.5]
    assert "2023: nya nyckeltal" in [text.get_text() for text in ax.texts]


def test_changed_definition_is_drawn_apart_and_the_trend_is_judged_within_the_new_one(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from reports.charts.drawing import new_figure
    from reports.charts.trend_chart import draw_indicator_chart
    from reports.queries import municipality_report_data

    protected = [4.0, 4.2, 4.4, 4.6, 4.8, 5.0, 5.2, 5.4, 7.0, 7.1]
    _history_and_recent(miljomal, tmp_path, "GN.6", "GN.5", protected)
    with session_scope(store) as session:
        report = municipality_report_data(session, "2281", year=2024)
    assert report.revisions["GN.5"].relation == "changed"
    assert report.series["GN.5"].reported() == [(2023, 7.0), (2024, 7.1)]
    assert report.earlier["GN.5"].reported() == list(
        zip(range(2015, 2023), protected[:8], strict=True)
    )
    [row] = [r for r in report.rows if r.indicator.code == "GN.5"]
    assert row.trend.judgement == "too-few-values"  # two values of the new definition only

    ax = new_figure().add_subplot()
    draw_indicator_chart(ax, report, row)
    [earlier] = [line for line in ax.get_lines() if line.get_gid() == "earlier-definition"]
    assert earlier.get_label() == "Tidigare definition (GN.6, sekom-2012)"
    assert earlier.get_linestyle() == ":"
    own = _lines(ax)["Sundsvall"]
    assert [int(x) for x, y in zip(own.get_xdata(), own.get_ydata(), strict=True) if y == y] == [
        2023,
        2024,
    ]


def test_an_export_names_the_set_and_imports_back_under_the_same_meaning(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(tmp_path / "avfall.csv", "Kommun;År;Kod;Värde", "2281;2024;GN.7;412")
    assert miljomal("import", str(path), "--set", "sekom-2012").exit_code == 0
    rows = json.loads(miljomal("export", "--format", "json").output)
    assert [(row["indicator"], row["set"], row["year"]) for row in rows] == [
        ("GN.7", "sekom-2012", 2024)
    ]
    exported = tmp_path / "export.csv"
    assert miljomal("export", "-o", str(exported)).exit_code == 0
    assert exported.read_text(encoding="utf-8-sig").splitlines()[0].endswith(";Uppsättning")
    # Read back, the 2024 GN.7 is the 2012 household waste it was, not 2023's GN.7.
    again = miljomal("import", str(exported), "--json")
    assert again.exit_code == 0, again.output
    [entry] = json.loads(again.output)["files"]
    assert (entry["created"], entry["unchanged"]) == (0, 1)


def test_history_follows_one_sets_meaning_of_a_code(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "gn7.csv", "Kommun;År;Indikator;Värde", "2281;2015;GN.7;45", "2281;2024;GN.7;96"
    )
    assert miljomal("import", str(path)).exit_code == 0
    new = json.loads(
        miljomal("history", "-m", "2281", "-i", "GN.7", "--set", "sekom-2023", "--json").output
    )
    old = json.loads(
        miljomal("history", "-m", "2281", "-i", "GN.7", "--set", "sekom-2012", "--json").output
    )
    assert [(e["year"], e["new_value"], e["set"]) for e in new] == [(2024, 96.0, "sekom-2023")]
    assert [(e["year"], e["new_value"], e["set"]) for e in old] == [(2015, 45.0, "sekom-2012")]
    # Without --set the series has values in both sets: both, each with its set and name.
    both = json.loads(miljomal("history", "-m", "2281", "-i", "GN.7", "--json").output)
    assert [(e["year"], e["set"], e["indicator_name"]) for e in both] == [
        (2015, "sekom-2012", "Mängd hushållsavfall"),
        (2024, "sekom-2023", "Förnybar och återvunnen energi i lokaler"),
    ]


# --- national targets -------------------------------------------------------------------------


def test_national_targets_apply_until_the_county_switches_one_off(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from reports.queries import municipality_report_data

    path = excel_csv(
        tmp_path / "eko.csv",
        "Kommun;År;Indikator;Värde",
        "2281;2023;GN.10;30",
        "2281;2024;GN.10;33",
    )
    assert miljomal("import", str(path)).exit_code == 0

    def target_of_gn10():  # type: ignore[no-untyped-def]
        with session_scope(store) as session:
            report = municipality_report_data(session, "2281", year=2024)
        [row] = [r for r in report.rows if r.indicator.code == "GN.10"]
        return row.target

    target = target_of_gn10()
    assert (target.target_value, target.target_year, target.owner) == (60.0, 2030, "national")
    assert target.base_year == 2023

    listed = json.loads(miljomal("targets", "national", "--county", "22", "--json").output)
    assert [(t["indicator"], t["target_value"], t["active"]) for t in listed["targets"]] == [
        ("GN.1a", 0.89, True),
        ("GN.3", 30.0, True),
        ("GN.10", 60.0, True),
    ]
    off = miljomal("targets", "national", "--county", "22", "--off", "GN.10", "--json")
    assert off.exit_code == 0, off.output
    assert [t["active"] for t in json.loads(off.output)["targets"]] == [True, True, False]
    assert target_of_gn10() is None
    # Another county keeps it; switching on again restores it.
    other = json.loads(miljomal("targets", "national", "--county", "23", "--json").output)
    assert [t["active"] for t in other["targets"]] == [True, True, True]
    assert miljomal("targets", "national", "--county", "22", "--on", "GN.10").exit_code == 0
    assert target_of_gn10().owner == "national"

    unknown = miljomal("targets", "national", "--off", "GN.7")
    assert unknown.exit_code == 1
    assert "GN.7 (sekom-2023) har inget nationellt mål" in unknown.output
    english = miljomal("--lang", "en", "targets", "national", "--off", "GN.7")
    assert "GN.7 (sekom-2023) has no national target" in english.output
