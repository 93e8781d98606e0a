"""Which set a file's codes are read in, across SEkom's 2023 renumbering (issue 20).

The rule (docs/import.md, "Which set a file is read in"): `--set`, the template, a title or
a set column decide; else a row before 2023 with a code only the 2023 set has puts the
whole file in 2023 codes, a row from 2023 with a code only the 2012 set has puts it in
2012 codes, both refuse the file naming the two rows, and neither reads each row in its
year's set.  A code whose meaning changed, read by that last rule without a name or unit
beside it, is named with both meanings.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation


def excel_csv(path: Path, *lines: str) -> Path:
    """A file as Excel on Swedish Windows saves "CSV (semikolonavgränsad)": cp1252, CRLF."""
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def stored(engine: Engine) -> list[tuple[str, str, int, float | None]]:
    """(set, code, year, value) of every stored value, by year and code."""
    from database.engine import session_scope

    with session_scope(engine) as session:
        rows = session.execute(
            select(IndicatorSet.code, Indicator.code, Observation.year, Observation.value)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
            .order_by(Observation.year, Indicator.code)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def imported(miljomal, *args: str) -> dict:  # type: ignore[no-untyped-def]
    result = miljomal("import", *args, "--json")
    [entry] = json.loads(result.output)["files"]
    entry["exit_code"] = result.exit_code
    return entry


# --- case 2: a file spanning the renumbering ------------------------------------------------


def test_a_history_file_spanning_the_renumbering_reads_each_row_in_its_years_set(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    waste = [
        f"Ånge;GN.7;{year};{value}"
        for year, value in zip(range(2015, 2023), range(480, 440, -5), strict=True)
    ]
    path = excel_csv(
        tmp_path / "ange-historik.csv",
        "Kommun;Indikator;År;Värde",
        *waste,
        "Ånge;GN.6a;2023;431",
        "Ånge;GN.6a;2024;425",
    )
    entry = imported(miljomal, str(path))
    assert (entry["exit_code"], entry["outcome"], entry["created"]) == (0, "imported", 10)
    assert [p["code"] for p in entry["problems"]] == ["code-meaning-changed"]
    assert stored(store) == [
        *(
            ("sekom-2012", "GN.7", year, float(value))
            for year, value in zip(range(2015, 2023), range(480, 440, -5), strict=True)
        ),
        ("sekom-2023", "GN.6a", 2023, 431.0),
        ("sekom-2023", "GN.6a", 2024, 425.0),
    ]


def test_a_pre_2023_row_with_a_2023_only_code_reads_the_whole_file_in_2023_codes(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "miljobarometern.csv",
        "Kommun;Indikator;År;Värde",
        "2262;GN.6a;2021;452",
        "2262;GN.7;2021;88",
        "2262;GN.7;2024;91",
    )
    entry = imported(miljomal, str(path))
    assert (entry["exit_code"], entry["created"]) == (0, 3)
    assert [(p["code"], p["severity"]) for p in entry["problems"]] == [("read-as-set", "warning")]
    assert stored(store) == [
        ("sekom-2023", "GN.6a", 2021, 452.0),
        ("sekom-2023", "GN.7", 2021, 88.0),
        ("sekom-2023", "GN.7", 2024, 91.0),
    ]


def test_a_2023_row_with_a_2012_only_code_reads_the_whole_file_in_2012_codes(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "gammal-mall.csv",
        "Kommun;Indikator;År;Värde",
        "Sundsvall;GN.7;2023;447",
        "Sundsvall;GN.12;2023;64",
    )
    entry = imported(miljomal, str(path))
    assert (entry["exit_code"], entry["created"]) == (0, 2)
    assert [p["code"] for p in entry["problems"]] == ["read-as-set"]
    assert stored(store) == [
        ("sekom-2012", "GN.12", 2023, 64.0),
        ("sekom-2012", "GN.7", 2023, 447.0),
    ]


def test_a_file_with_both_kinds_of_evidence_is_refused_naming_the_two_rows(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "blandad.csv",
        "Kommun;Indikator;År;Värde",
        "2262;GN.7;2020;455",
        "2262;GN.6a;2021;452",
        "2262;GN.12;2024;61",
        "2262;GN.2b;2019;40",
    )
    entry = imported(miljomal, str(path))
    assert (entry["exit_code"], entry["outcome"]) == (1, "rejected")
    [problem] = entry["problems"]
    assert (problem["severity"], problem["code"], problem["row"]) == (
        "error",
        "mixed-indicator-sets",
        3,
    )
    assert problem["message"] == (
        "Filen blandar två uppsättningars koder: rad 3 (GN.6a, 2021) finns bara i sekom-2023 "
        "men rad 4 (GN.12, 2024) finns bara i sekom-2012. Dela upp filen eller ange "
        "uppsättningen (--set eller en kolumn Uppsättning)."
    )
    english = json.loads(miljomal("--lang", "en", "import", str(path), "--json").output)
    assert english["files"][0]["problems"][0]["message"] == (
        "The file mixes the codes of two sets: row 3 (GN.6a, 2021) exists only in sekom-2023 "
        "but row 4 (GN.12, 2024) exists only in sekom-2012. Split the file or name the set "
        "(--set or a Set column)."
    )
    assert stored(store) == []


def test_an_explicit_set_still_decides_over_the_codes(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "flagga.csv",
        "Kommun;Uppsättning;Indikator;År;Värde",
        "2262;sekom-2012;GN.7;2024;412",
        "2262;sekom-2012;GN.12;2024;60",
    )
    entry = imported(miljomal, str(path))
    assert (entry["exit_code"], entry["problems"]) == (0, [])
    assert stored(store) == [
        ("sekom-2012", "GN.12", 2024, 60.0),
        ("sekom-2012", "GN.7", 2024, 412.0),
    ]


def test_the_code_lists_come_from_the_catalogue(store: Engine) -> None:
    from database.engine import session_scope
    from indicators.catalogue import indicator_records
    from intake.set_choice import SetChoice

    with session_scope(store) as session:
        sets = SetChoice(indicator_records(session))
    assert sets.only_in("sekom-2023") == ["GN.2a", "GN.2b", "GN.6a", "GN.9b", "GN.10"]
    assert sets.only_in("sekom-2012") == [
        "GN.2",
        "GN.4",
        "GN.6",
        "GN.8c",
        "GN.9",
        "GN.10a",
        "GN.10b",
        "GN.12",
    ]
    assert sets.changed_meaning() == [
        "GN.1a",
        "GN.1b",
        "GN.3",
        "GN.5",
        "GN.7",
        "GN.8a",
        "GN.8b",
        "GN.11",
    ]


# --- case 3: a code's other meaning ----------------------------------------------------------


def _store_certified_schools(miljomal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "skolor.csv", "Kommun;Uppsättning;Kod;År;Värde", "2262;sekom-2023;GN.11;2024;57"
    )
    assert miljomal("import", str(path)).exit_code == 0


def test_a_bare_code_whose_meaning_changed_is_named_with_both_meanings(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _store_certified_schools(miljomal, tmp_path)
    path = excel_csv(tmp_path / "gn11.csv", "Kommun;Kod;År;Värde", "2262;GN.11;2024;24,5")
    entry = imported(miljomal, str(path), "--dry-run")
    assert entry["exit_code"] == 0
    assert [(p["severity"], p["code"], p["row"]) for p in entry["problems"]] == [
        ("warning", "code-meaning-changed", 2),
        ("warning", "replaces-value", 2),
    ]
    problem = entry["problems"][0]
    assert problem["message"] == (
        "GN.11 läses som Certifierade skolor och förskolor (2023); i 2012 års nyckeltal var "
        "GN.11 Ekologiska livsmedel, nu GN.10. Gäller rad 2; skriv indikatorns namn i en "
        "kolumn Namn eller ange uppsättningen (--set) om du menade något annat."
    )
    english = json.loads(
        miljomal("--lang", "en", "import", str(path), "--dry-run", "--json").output
    )["files"][0]["problems"][0]
    assert english["message"] == (
        "GN.11 is read as Certified schools and preschools (2023); in the 2012 key indicators "
        "GN.11 was Organic food, now GN.10. Applies to row 2; write the indicator's name in a "
        "Name column or name the set (--set) if you meant something else."
    )


def test_the_warning_comes_once_per_code_and_file_with_its_rows_listed(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(
        tmp_path / "flera.csv",
        "Kommun;Kod;År;Värde",
        "2262;GN.7;2015;455",
        "2262;GN.7;2016;450",
        "2262;GN.6;2016;4,5",
        "2262;GN.7;2017;445",
    )
    entry = imported(miljomal, str(path))
    assert entry["exit_code"] == 0
    warnings = [p for p in entry["problems"] if p["code"] == "code-meaning-changed"]
    assert [(p["row"], p["message"]) for p in warnings] == [
        (
            2,
            "GN.7 läses som Mängd hushållsavfall (2012); i 2023 års nyckeltal är GN.7 "
            "Förnybar och återvunnen energi i lokaler, tidigare GN.9. Gäller rad 2, 3, 5; "
            "skriv indikatorns namn i en kolumn Namn eller ange uppsättningen (--set) om du "
            "menade något annat.",
        )
    ]


def test_a_name_or_unit_beside_the_code_or_a_named_set_gives_no_warning(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    named = excel_csv(
        tmp_path / "namn.csv",
        "Kommun;Kod;Namn;År;Värde",
        "2262;GN.11;Certifierade skolor och förskolor;2024;57",
    )
    unit = excel_csv(tmp_path / "enhet.csv", "Kommun;Kod;Enhet;År;Värde", "2262;GN.7;%;2024;88")
    option = excel_csv(tmp_path / "flagga.csv", "Kommun;Kod;År;Värde", "2262;GN.8a;2024;3,5")
    for args in ((str(named),), (str(unit),), (str(option), "--set", "sekom-2023")):
        entry = imported(miljomal, *args)
        assert (entry["exit_code"], entry["problems"]) == (0, []), args


def test_an_unchanged_code_gives_no_warning(miljomal, store: Engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = excel_csv(tmp_path / "ok.csv", "Kommun;Kod;År;Värde", "2262;GN.6a;2024;431")
    entry = imported(miljomal, str(path))
    assert (entry["exit_code"], entry["problems"]) == (0, [])


# --- the dry run lists every value with its meaning, old and new -----------------------------


def test_the_dry_run_lists_every_value_with_its_name_old_and_new_value(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _store_certified_schools(miljomal, tmp_path)
    path = excel_csv(
        tmp_path / "gn11.csv",
        "Kommun;Kod;År;Värde",
        "2262;GN.11;2024;24,5",
        "2262;GN.6a;2024;1412,5",
        "2262;GN.7;2024;..",
    )
    lines = miljomal("import", str(path), "--dry-run").output.splitlines()
    start = lines.index("Värden som sparas (3), med lagrat och nytt värde:")
    assert lines[start + 1].split() == [
        "Kommun",
        "Indikator",
        "År",
        "Lagrat",
        "värde",
        "Nytt",
        "värde",
    ]
    assert [line.split() for line in lines[start + 2 : start + 5]] == [
        [
            "2262",
            "GN.11",
            "Certifierade",
            "skolor",
            "och",
            "förskolor",
            "(sekom-2023)",
            "2024",
            "57",
            "24,5",
        ],
        ["2262", "GN.6a", "Mängd", "hushållsavfall", "(sekom-2023)", "2024", "1", "412,5"],
        [
            "2262",
            "GN.7",
            "Förnybar",
            "och",
            "återvunnen",
            "energi",
            "i",
            "lokaler",
            "(sekom-2023)",
            "2024",
            "..",
        ],
    ]
    english = miljomal("--lang", "en", "import", str(path), "--dry-run").output.splitlines()
    start = english.index("Values to be saved (3), with the stored and the new value:")
    assert english[start + 2].split()[-3:] == ["2024", "57", "24.5"]
    assert stored(store) == [("sekom-2023", "GN.11", 2024, 57.0)]
    quiet = miljomal("import", str(path), "--dry-run", "--quiet").output
    assert "Värden som sparas" not in quiet


def test_a_long_file_lists_the_first_ten_rows_and_counts_the_rest(
    miljomal, store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [f"2262;GN.7;{year};{400 + year % 7}" for year in range(2011, 2023)]
    path = excel_csv(tmp_path / "lang.csv", "Kommun;Kod;År;Värde", *rows)
    entry = imported(miljomal, str(path), "--dry-run")
    [warning] = [p for p in entry["problems"] if p["code"] == "code-meaning-changed"]
    assert "Gäller rad 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 och 2 till; skriv" in warning["message"]


def test_the_code_finders_are_kept_per_catalogue_and_renewed_past_their_limit(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """A server keeps them between uploads: the same records, the same finders; others, new."""
    from indicators.catalogue import IndicatorRecord
    from intake import catalogue_cache

    def record(max_value: float) -> IndicatorRecord:
        return IndicatorRecord(1, "L.1", "Laddpunkter", "Chargers", "st", 0, max_value, None)

    first = catalogue_cache.catalogue_finders([record(100)])
    assert catalogue_cache.catalogue_finders([record(100)]) is first
    changed = catalogue_cache.catalogue_finders([record(50)])
    assert changed is not first and changed.indicators.indicators[0].max_value == 50
    monkeypatch.setattr(catalogue_cache, "KEPT_ANSWERS", 2)
    first.indicators.get("L.1")
    first.indicators.get("Laddpunkter")
    assert catalogue_cache.catalogue_finders([record(100)]) is not first
