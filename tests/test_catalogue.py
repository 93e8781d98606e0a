"""The indicator catalogue: the bundled SEKOM set, local catalogue files, finding indicators."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from click.testing import Result
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.engine import Engine

from database.engine import session_scope
from indicators.catalogue import CatalogueConflict
from indicators.catalogue import CatalogueError
from indicators.catalogue import IndicatorResolver
from indicators.catalogue import UnknownIndicator
from indicators.catalogue import UnknownIndicatorSet
from indicators.catalogue import get_indicator
from indicators.catalogue import list_indicators
from indicators.catalogue import load_catalogue
from indicators.models import Indicator
from indicators.models import IndicatorSet
from intake.catalogue_file import bundled_catalogues
from intake.catalogue_file import load_bundled_catalogues
from intake.catalogue_file import read_catalogue
from miljomal.cli import cli
from miljomal.db import upgrade

SEKOM = {
    "GN.1a": ("ton CO2/inv", "lower"),
    "GN.1b": ("ton CO2/inv", "lower"),
    "GN.2": ("resor/inv", "higher"),
    "GN.3": ("%", "higher"),
    "GN.4": ("%", "higher"),
    "GN.5": ("%", "higher"),
    "GN.6": ("%", "higher"),
    "GN.7": ("kg/person", "lower"),
    "GN.8a": ("mg/kg TS", "lower"),
    "GN.8b": ("mg/kg TS", "lower"),
    "GN.8c": ("mg/kg TS", "lower"),
    "GN.9": ("%", "higher"),
    "GN.10a": ("kWh/årsarbetare", "lower"),
    "GN.10b": ("kg CO2/årsarbetare", "lower"),
    "GN.11": ("%", "higher"),
    "GN.12": ("%", "higher"),
}

LOCAL = """\
# set: harnosand-lokala
# name: Härnösands lokala miljömålsindikatorer
code;name;name_en;unit;direction;decimals;min;max;reported_by;source;objectives;change_threshold
HL.1;Laddpunkter för elbil;Charging points for electric cars;antal;higher;0;0;;municipality;;1, 15;
HL.2;Nedskräpning i centrum;Litter in the town centre;skräp/100 m2;lower;1;0;;kommun;;15;80 %
"""


def write(tmp_path: Path, text: str, name: str = "katalog.csv", encoding: str = "utf-8") -> Path:
    """A catalogue file with the given content."""
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def run(db: str, *args: str) -> Result:
    """Run `miljomal --db DB ARGS...` in-process."""
    return CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)


@pytest.fixture
def catalogue_store(migrated: Engine) -> Engine:
    """A store with the schema and the bundled catalogues (no municipality registry needed)."""
    upgrade(migrated)  # already at head: a copy of the session's migrated template
    with session_scope(migrated) as session:
        load_bundled_catalogues(session)
    return migrated


@pytest.fixture
def catalogue_url(catalogue_store: Engine, db_url: str) -> str:
    """The URL of a store holding the bundled catalogues, for CLI tests."""
    return db_url


def stored(engine: Engine) -> list[tuple[str, str, str, str, str]]:
    """(set, code, name, unit, direction) of every stored indicator."""
    with session_scope(engine) as session:
        query = (
            select(IndicatorSet.code, Indicator.code, Indicator.name, Indicator.unit)
            .add_columns(Indicator.direction)
            .join(Indicator.indicator_set)
            .order_by(Indicator.id)
        )
        return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


# --- the bundled set ---------------------------------------------------------------------


def test_bundled_sekom_set_has_the_sixteen_green_key_indicators_with_unit_and_direction() -> None:
    catalogue = bundled_catalogues()[0]
    assert catalogue.set_code == "sekom-2012"
    assert [i.code for i in catalogue.indicators] == list(SEKOM)
    assert {i.code: (i.unit, i.direction) for i in catalogue.indicators} == SEKOM
    assert catalogue.problems.problems == []


def test_every_bundled_indicator_is_complete_and_within_its_own_rules() -> None:
    for indicator in bundled_catalogues()[0].indicators:
        assert indicator.name and indicator.name_en and indicator.description, indicator.code
        assert 0 <= indicator.decimals <= 6, indicator.code
        assert indicator.min_value == 0, indicator.code
        if indicator.unit == "%":
            assert indicator.max_value == 100, indicator.code
        else:
            assert indicator.max_value is None, indicator.code
        assert indicator.reported_by in ("municipality", "central"), indicator.code
        if indicator.reported_by == "central":
            assert indicator.source, indicator.code
        for number in filter(None, indicator.objectives.split(";")):
            assert 1 <= int(number) <= 16, indicator.code


def test_sludge_metals_warn_only_when_they_double_others_use_the_default() -> None:
    thresholds = {i.code: i.change_threshold for i in bundled_catalogues()[0].indicators}
    assert {code for code, value in thresholds.items() if value is not None} == {
        "GN.8a",
        "GN.8b",
        "GN.8c",
    }
    assert thresholds["GN.8b"] == 1.0


# --- loading -----------------------------------------------------------------------------


def test_loading_the_bundled_catalogue_twice_changes_nothing(catalogue_store: Engine) -> None:
    before = stored(catalogue_store)
    with session_scope(catalogue_store) as session:
        assert load_bundled_catalogues(session) == (2, 29)
        summary = load_catalogue(session, bundled_catalogues()[0])
    assert (summary.created, summary.unchanged, summary.updated_text) == (0, 16, 0)
    assert stored(catalogue_store) == before
    assert len(before) == 29
    assert before[6] == ("sekom-2012", "GN.6", "Skyddad natur", "%", "higher")


def test_local_indicator_file_loads_into_its_own_set(
    catalogue_store: Engine, tmp_path: Path
) -> None:
    catalogue = read_catalogue(write(tmp_path, LOCAL))
    with session_scope(catalogue_store) as session:
        first = load_catalogue(session, catalogue)
    with session_scope(catalogue_store) as session:
        second = load_catalogue(session, catalogue)
        local = list_indicators(session, "harnosand-lokala")
        rows = [
            (i.code, i.unit, i.direction, i.decimals, i.objectives, i.change_threshold)
            for i in local
        ]
        set_name = local[0].indicator_set.name
    assert (first.created, first.unchanged, first.updated_text) == (2, 0, 0)
    assert (second.created, second.unchanged, second.updated_text) == (0, 2, 0)
    assert rows == [
        ("HL.1", "antal", "higher", 0, "1;15", None),
        ("HL.2", "skräp/100 m2", "lower", 1, "15", 0.8),
    ]
    assert set_name == "Härnösands lokala miljömålsindikatorer"
    assert len(stored(catalogue_store)) == 31


def test_changed_unit_is_refused_naming_old_and_new_and_nothing_is_written(
    catalogue_store: Engine,
    tmp_path: Path,
) -> None:
    text = (
        "# set: sekom-2012\n"
        "kod;namn;enhet;riktning;decimaler;min;max\n"
        "GN.13;Ny indikator;st;högre;0;0;\n"
        "GN.6;Skyddad natur;ha;högre;1;0;100\n"
        "GN.7;Mängd hushållsavfall;kg/person;högre;0;0;\n"
    )
    catalogue = read_catalogue(write(tmp_path, text))
    before = stored(catalogue_store)
    with pytest.raises(CatalogueConflict) as raised, session_scope(catalogue_store) as session:
        load_catalogue(session, catalogue)
    assert str(raised.value) == (
        "refusing to load sekom-2012: it would change the meaning of GN.6 (unit: '%' -> 'ha'); "
        "GN.7 (direction: 'lower' -> 'higher'); nothing was written "
        "(give a changed indicator a new code instead)"
    )
    assert stored(catalogue_store) == before


def test_code_belonging_to_another_set_is_refused(catalogue_store: Engine, tmp_path: Path) -> None:
    text = (
        "# set: lokal\n"
        "code;name;unit;direction;decimals;min;max\n"
        "GN.6;Skyddad natur;%;higher;1;0;100\n"
    )
    catalogue = read_catalogue(write(tmp_path, text))
    with pytest.raises(CatalogueConflict) as raised, session_scope(catalogue_store) as session:
        load_catalogue(session, catalogue)
    assert "GN.6 (set: 'sekom-2012' -> 'lokal')" in str(raised.value)
    with session_scope(catalogue_store) as session:
        assert session.scalar(select(func.count()).select_from(IndicatorSet)) == 2


def test_code_written_differently_from_a_stored_one_is_refused(
    catalogue_store: Engine, tmp_path: Path
) -> None:
    text = "# set: lokal\ncode;name;unit;direction\ngn6;Skyddad natur;%;higher\n"
    with pytest.raises(CatalogueConflict) as raised, session_scope(catalogue_store) as session:
        load_catalogue(session, read_catalogue(write(tmp_path, text)))
    assert "gn6 (same code as: 'GN.6' -> 'gn6')" in str(raised.value)


def test_changed_min_max_or_decimals_is_refused(catalogue_store: Engine, tmp_path: Path) -> None:
    text = (
        "# set: sekom-2012\n"
        "kod;namn;enhet;riktning;decimaler;min;max\n"
        "GN.6;Skyddad natur;%;högre;2;0;50\n"
    )
    with pytest.raises(CatalogueConflict) as raised, session_scope(catalogue_store) as session:
        load_catalogue(session, read_catalogue(write(tmp_path, text)))
    assert "GN.6 (decimals: 1 -> 2); GN.6 (max: 100 -> 50)" in str(raised.value)


def test_changing_only_names_and_description_updates_them(
    catalogue_store: Engine, tmp_path: Path
) -> None:
    text = (
        "# set: sekom-2012\n"
        "kod;namn;namn_en;beskrivning;enhet;riktning\n"
        "GN.6;Skyddad mark och vatten;Protected land and water;Ny text.;%;högre\n"
    )
    with session_scope(catalogue_store) as session:
        summary = load_catalogue(session, read_catalogue(write(tmp_path, text)))
    assert (summary.created, summary.unchanged, summary.updated_text) == (0, 0, 1)
    with session_scope(catalogue_store) as session:
        indicator = get_indicator(session, "GN.6")
        assert (indicator.name, indicator.name_en, indicator.description, indicator.unit) == (
            "Skyddad mark och vatten",
            "Protected land and water",
            "Ny text.",
            "%",
        )
        # Columns the file leaves out keep their stored values.
        assert (indicator.decimals, indicator.max_value, indicator.source) == (
            1,
            100.0,
            "SCB och Naturvårdsverket (Skyddad natur)",
        )


# --- invalid files -----------------------------------------------------------------------


def test_invalid_catalogue_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    text = (
        "# set: lokal\n"
        "kod;namn;enhet;riktning;decimaler;min;max;miljömål\n"
        "L.1;Ett;st;uppåt;1;0;10;1\n"
        "L.2;Två;st;lägre;7;0;10;1\n"
        "L.3;Tre;st;lägre;1;10;5;1\n"
        "L.1;Fyra;st;lägre;1;0;10;17\n"
        "L.5;;st;lägre;1;noll;10;1\n"
    )
    with pytest.raises(CatalogueError) as raised:
        read_catalogue(write(tmp_path, text))
    report = raised.value.report
    assert report.flat() == [
        ("error", "bad-direction", "3"),
        ("error", "bad-decimals", "4"),
        ("error", "min-above-max", "5"),
        ("error", "bad-objective", "6"),
        ("error", "missing-value", "7"),
        ("error", "bad-number", "7"),
    ]
    assert [p.column for p in report.problems] == [
        "riktning",
        "decimaler",
        "min",
        "miljömål",
        "namn",
        "min",
    ]
    assert report.problems[0].message("sv") == "Riktningen 'uppåt' ska vara 'lägre' eller 'högre'."
    assert report.problems[0].message("en") == "The direction 'uppåt' must be 'lower' or 'higher'."
    assert str(raised.value) == (
        "katalog.csv: 6 problem(s) in the indicator catalogue; first: "
        "The direction 'uppåt' must be 'lower' or 'higher'. (katalog.csv, rad 3)"
    )


def test_duplicate_codes_are_reported_with_the_first_line(tmp_path: Path) -> None:
    text = (
        "# set: lokal\n"
        "kod;namn;enhet;riktning\n"
        "L.1;Ett;st;lägre\n"
        "L.2;Två;st;lägre\n"
        "l.1;Tre;st;högre\n"
    )
    with pytest.raises(CatalogueError) as raised:
        read_catalogue(write(tmp_path, text))
    (problem,) = raised.value.report.problems
    assert (problem.code, problem.row) == ("duplicate-code", 5)
    assert problem.message("sv") == "Koden l.1 finns redan på rad 3 (L.1)."


def test_missing_columns_and_missing_set_are_all_reported(tmp_path: Path) -> None:
    text = "kod;namn;färg\nL.1;Ett;röd\n"
    with pytest.raises(CatalogueError) as raised:
        read_catalogue(write(tmp_path, text))
    assert raised.value.report.flat() == [
        ("error", "missing-set", "1"),
        ("warning", "unknown-column", "1"),
        ("error", "missing-column", "1"),
        ("error", "missing-column", "1"),
    ]
    assert [p.message("en") for p in raised.value.report.errors[1:]] == [
        "The column 'unit' (enhet) is missing from the header row.",
        "The column 'direction' (riktning) is missing from the header row.",
    ]


def test_set_given_by_option_when_the_file_names_none(tmp_path: Path) -> None:
    path = write(tmp_path, "kod;namn;enhet;riktning\nL.1;Ett;st;lägre\n")
    catalogue = read_catalogue(path, set_code="Lokal")
    assert (catalogue.set_code, catalogue.name, catalogue.indicators[0].name_en) == (
        "lokal",
        "lokal",
        "Ett",
    )


def test_windows_1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# set: lokal\nkod;namn;enhet;riktning\nL.1;Nedskräpning;st;lägre\n",
        encoding="cp1252",
    )
    catalogue = read_catalogue(path)
    assert catalogue.indicators[0].name == "Nedskräpning"
    assert catalogue.problems.flat() == [("warning", "not-utf8", None)]


def test_xlsx_catalogue_with_the_same_columns_is_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Indikatorer"
    sheet.append(["# set:", "lokal"])
    sheet.append(["kod", "namn", "enhet", "riktning", "decimaler", "min", "max"])
    sheet.append(["L.1", "Ett", "%", "högre", 1, 0, 100])
    sheet.append(["L.2", "Två", "st", "neråt", 1, 5, 1])
    path = tmp_path / "lokal.xlsx"
    workbook.save(path)
    with pytest.raises(CatalogueError) as raised:
        read_catalogue(path)
    assert raised.value.report.flat() == [
        ("error", "bad-direction", "Indikatorer!D4"),
        ("error", "min-above-max", "Indikatorer!F4"),
    ]
    sheet.delete_rows(4)
    workbook.save(path)
    catalogue = read_catalogue(path)
    assert [
        (i.code, i.unit, i.direction, i.decimals, i.max_value) for i in catalogue.indicators
    ] == [("L.1", "%", "higher", 1, 100.0)]


# --- finding indicators ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "GN.6",
        "gn 6",
        "GN6",
        "GN 6",
        "Gn.6",
        " gn.6 ",
        "Skyddad natur",
        "SKYDDAD NATUR",
        "Protected nature",
        "GN.6 Skyddad natur",
        "GN 6 – protected nature",
    ],
)
def test_resolver_finds_an_indicator_by_code_or_name_however_written(
    catalogue_store: Engine,
    text: str,
) -> None:
    with session_scope(catalogue_store) as session:
        assert IndicatorResolver(session).resolve(text).code == "GN.6"


def test_resolver_ignores_accents_in_names(catalogue_store: Engine) -> None:
    with session_scope(catalogue_store) as session:
        resolver = IndicatorResolver(session)
        assert resolver.resolve("mangd hushallsavfall").code == "GN.7"
        assert resolver.resolve("Förnybara bränslen i kollektivtrafiken").code == "GN.3"
        assert resolver.resolve("gn10B").code == "GN.10b"


@pytest.mark.parametrize(
    ("text", "suggestions"),
    [
        ("GN.8", ["GN.8a", "GN.8b", "GN.8c"]),
        ("GN.1", ["GN.1a", "GN.1b", "GN.12"]),
        ("6", ["GN.6", "GN.6a"]),
        ("Skydad natur", ["GN.6"]),
        ("xyz", []),
    ],
)
def test_unknown_indicator_suggests_close_codes(
    catalogue_store: Engine,
    text: str,
    suggestions: list[str],
) -> None:
    with session_scope(catalogue_store) as session:
        resolver = IndicatorResolver(session)
        with pytest.raises(UnknownIndicator) as raised:
            resolver.resolve(text)
        with pytest.raises(UnknownIndicator):
            resolver.resolve(text)  # the cached miss raises again
    assert raised.value.suggestions == suggestions


def test_unknown_indicator_message_in_swedish_and_english(catalogue_store: Engine) -> None:
    with session_scope(catalogue_store) as session, pytest.raises(UnknownIndicator) as raised:
        get_indicator(session, "GN.8")
    assert (
        raised.value.message("sv") == "okänd indikator 'GN.8'; menade du GN.8a, GN.8b eller GN.8c?"
    )
    assert str(raised.value) == "unknown indicator 'GN.8'; did you mean GN.8a, GN.8b or GN.8c?"


def test_listing_an_unknown_set_names_the_known_ones(catalogue_store: Engine) -> None:
    with session_scope(catalogue_store) as session, pytest.raises(UnknownIndicatorSet) as raised:
        list_indicators(session, "sekom-2030")
    assert (
        str(raised.value)
        == "unknown indicator set 'sekom-2030'; known sets: sekom-2012, sekom-2023"
    )


# --- the command line --------------------------------------------------------------------


def test_indicators_list_json_gives_the_sixteen_with_unit_and_direction(catalogue_url: str) -> None:
    result = run(catalogue_url, "indicators", "list", "--set", "sekom-2012", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["code"]: (row["unit"], row["direction"]) for row in rows} == SEKOM
    assert [row["code"] for row in rows] == list(SEKOM)
    assert rows[6] == {
        "code": "GN.6",
        "name": "Skyddad natur",
        "name_en": "Protected nature",
        "description": rows[6]["description"],
        "unit": "%",
        "direction": "higher",
        "decimals": 1,
        "min": 0.0,
        "max": 100.0,
        "reported_by": "central",
        "source": "SCB och Naturvårdsverket (Skyddad natur)",
        "objectives": [8, 10, 11, 12, 14, 16],
        "change_threshold": None,
        "set": "sekom-2012",
    }


def test_indicators_list_table_in_swedish_and_english(catalogue_url: str) -> None:
    swedish = run(catalogue_url, "indicators", "list").stdout.splitlines()
    english = run(catalogue_url, "--lang", "en", "indicators", "list").stdout.splitlines()
    assert swedish[0].split() == ["uppsättning", "kod", "namn", "enhet", "riktning"]
    assert swedish[8].split() == [
        "sekom-2012",
        "GN.7",
        "Mängd",
        "hushållsavfall",
        "kg/person",
        "lägre",
    ]
    assert english[0].split() == ["set", "code", "name", "unit", "direction"]
    assert english[8].split() == ["sekom-2012", "GN.7", "Household", "waste", "kg/person", "lower"]
    assert len(swedish) == 30
    one_set = run(catalogue_url, "indicators", "list", "--set", "sekom-2012").stdout.splitlines()
    assert one_set[0].split() == ["kod", "namn", "enhet", "riktning"]
    assert len(one_set) == 17


def test_indicators_show_accepts_a_loose_code(catalogue_url: str) -> None:
    result = run(catalogue_url, "indicators", "show", "gn 8b", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["name"] == "Kadmium i avloppsslam"
    shown = run(catalogue_url, "indicators", "show", "gn 8b").stdout.splitlines()
    assert "enhet           mg/kg TS" in shown
    assert "tröskel         100 %" in shown


def test_indicators_show_unknown_code_suggests(catalogue_url: str) -> None:
    result = run(catalogue_url, "indicators", "show", "GN.8")
    assert result.exit_code == 1
    assert result.output == "Fel: okänd indikator 'GN.8'; menade du GN.8a, GN.8b eller GN.8c?\n"


def test_indicators_load_prints_what_it_did(catalogue_url: str, tmp_path: Path) -> None:
    path = write(tmp_path, LOCAL)
    first = run(catalogue_url, "indicators", "load", str(path))
    second = run(catalogue_url, "indicators", "load", str(path))
    assert first.exit_code == 0, first.output
    assert first.stdout == "harnosand-lokala: 2 nya, 0 ändrade, 0 oförändrade\n"
    assert second.stdout == "harnosand-lokala: 0 nya, 0 ändrade, 2 oförändrade\n"


def test_indicators_load_invalid_file_lists_every_problem_and_exits_1(
    catalogue_url: str, tmp_path: Path
) -> None:
    text = (
        "# set: lokal\nkod;namn;enhet;riktning;decimaler\nL.1;Ett;st;uppåt;1\nL.2;Två;st;lägre;9\n"
    )
    result = run(catalogue_url, "indicators", "load", str(write(tmp_path, text)))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "fel: katalog.csv, rad 3: Riktningen 'uppåt' ska vara 'lägre' eller 'högre'. "
        "[bad-direction]",
        "fel: katalog.csv, rad 4: Antalet decimaler '9' ska vara ett heltal 0-6. [bad-decimals]",
        "Fel: katalog.csv: 2 fel; inget lästes in",
    ]
    assert "Traceback" not in result.output


def test_indicators_load_refused_change_is_one_error_line(
    catalogue_url: str, tmp_path: Path
) -> None:
    text = "# set: sekom-2012\nkod;namn;enhet;riktning\nGN.7;Mängd hushållsavfall;ton/inv;lägre\n"
    result = run(catalogue_url, "indicators", "load", str(write(tmp_path, text)))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Fel: vägrar läsa in sekom-2012: det skulle ändra betydelsen av GN.7 "
        "(unit: 'kg/person' -> 'ton/inv'); inget skrevs "
        "(ge en ändrad indikator en ny kod i stället)"
    ]


# --- the 2023 set beside the 2012 set ------------------------------------------------------

SEKOM_2023 = {
    "GN.1a": ("ton CO2ekv/inv", "lower"),
    "GN.1b": ("ton CO2ekv/inv", "lower"),
    "GN.2a": ("resor/inv", "higher"),
    "GN.2b": ("%", "higher"),
    "GN.3": ("%", "higher"),
    "GN.5": ("%", "higher"),
    "GN.6a": ("kg/person", "lower"),
    "GN.7": ("%", "higher"),
    "GN.8a": ("W/inv", "higher"),
    "GN.8b": ("W/inv", "higher"),
    "GN.9b": ("ton CO2ekv/årsarbetare", "lower"),
    "GN.10": ("%", "higher"),
    "GN.11": ("%", "higher"),
}


def test_indicators_list_set_2023_gives_the_confirmed_indicators(catalogue_url: str) -> None:
    result = run(catalogue_url, "indicators", "list", "--set", "sekom-2023", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["code"]: (row["unit"], row["direction"]) for row in rows} == SEKOM_2023
    assert [row["code"] for row in rows] == list(SEKOM_2023)
    assert {row["set"] for row in rows} == {"sekom-2023"}
    reporters = {row["code"] for row in rows if row["reported_by"] == "municipality"}
    assert reporters == {"GN.2b", "GN.7", "GN.8a", "GN.9b"}


def test_indicators_show_gn7_gives_each_sets_meaning(catalogue_url: str) -> None:
    new = run(catalogue_url, "indicators", "show", "GN.7", "--set", "sekom-2023", "--json")
    old = run(catalogue_url, "indicators", "show", "GN.7", "--set", "sekom-2012", "--json")
    assert new.exit_code == old.exit_code == 0, new.output + old.output
    assert (json.loads(new.stdout)["name"], json.loads(new.stdout)["unit"]) == (
        "Förnybar och återvunnen energi i lokaler",
        "%",
    )
    assert (json.loads(old.stdout)["name"], json.loads(old.stdout)["unit"]) == (
        "Mängd hushållsavfall",
        "kg/person",
    )
    shown = run(catalogue_url, "indicators", "show", "GN.7", "--set", "sekom-2023").stdout
    assert "uppsättning     sekom-2023" in shown.splitlines()


def test_a_set_of_the_same_family_may_give_a_code_a_new_meaning(
    catalogue_store: Engine, tmp_path: Path
) -> None:
    text = "# set: sekom-2030\nkod;namn;enhet;riktning\nGN.6;Något annat;st;lägre\n"
    with session_scope(catalogue_store) as session:
        summary = load_catalogue(session, read_catalogue(write(tmp_path, text)))
    assert (summary.created, summary.set_code) == (1, "sekom-2030")
    with session_scope(catalogue_store) as session:
        assert IndicatorResolver(session, "sekom-2030").resolve("GN.6").unit == "st"
        assert IndicatorResolver(session, "sekom-2012").resolve("GN.6").unit == "%"
