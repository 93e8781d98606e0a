"""Documents read every value stored for the year, whichever set's codes it was sent with.

Issue 20 case 1: Sundsvall's 2023 values sent in its old template (2012 codes) were stored
but shown nowhere; a value for the year under the other set is carried over when the mapping
says the definition is the same, and listed by name when it is not.
"""

from __future__ import annotations

import json
from pathlib import Path

from database.engine import session_scope
from reports import queries

WEST = ("2260", "2262", "2280", "2281", "2282", "2283", "2284")
# 2012 code -> 2023 code where the definition is the same (indicators/data/mappings).
SAME = {"GN.2": "GN.2a", "GN.3": "GN.2b", "GN.7": "GN.6a", "GN.9": "GN.7", "GN.11": "GN.10"}
VALUES = {
    "GN.2": [41.5, 12, 30, 55, 19.5, 8, 22],
    "GN.3": [98.5, 90, 85.5, 99, 70, 60, 88],
    "GN.7": [447, 512, 480, 455, 430, 501, 470],
    "GN.9": [80, 72.5, 91, 66, 58, 99.5, 77],
    "GN.11": [35, 41.5, 28, 30, 22, 19.5, 40],
}


def _file(tmp_path: Path, name: str, codes: dict[str, str], extra: str = "") -> Path:
    lines = ["kommun;kod;år;värde"]
    for old, values in VALUES.items():
        for municipality, value in zip(WEST, values, strict=True):
            shown = str(value).replace(".", ",")
            lines.append(f"{municipality};{codes[old]};2023;{shown}")
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def _table(county_json: dict) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    return [
        (
            ind["indicator"]["code"],
            ind["average"],
            ind["median"],
            ind["coverage"]["count"],
            cell["municipality"],
            cell["value"],
            cell["status"],
            cell["rank"],
            cell["colour"],
        )
        for ind in county_json["indicators"]
        for cell in ind["municipalities"]
    ]


def _county_json(miljomal, tmp_path: Path, name: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    out = tmp_path / name
    result = miljomal("report", "county", "22", "--year", "2023", "-o", str(out))
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_2023_report_from_2012_codes_equals_the_report_from_2023_codes(
    miljomal, store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    old = _file(tmp_path, "gammal-mall.csv", {c: c for c in SAME})
    result = miljomal("import", "--set", "sekom-2012", str(old))
    assert result.exit_code == 0, result.output
    from_2012 = _county_json(miljomal, tmp_path, "fran-2012.json")
    with session_scope(store) as session:
        completeness_2012 = queries.completeness(session, "22", 2023).cells
        report_2012 = queries.municipality_report_data(session, "2281", 2023)

    assert miljomal("uploads", "revert", "1").exit_code == 0
    new = _file(tmp_path, "ny-mall.csv", SAME)
    result = miljomal("import", "--set", "sekom-2023", str(new))
    assert result.exit_code == 0, result.output
    from_2023 = _county_json(miljomal, tmp_path, "fran-2023.json")
    with session_scope(store) as session:
        completeness_2023 = queries.completeness(session, "22", 2023).cells
        report_2023 = queries.municipality_report_data(session, "2281", 2023)

    assert from_2012["has_values"] is True
    assert _table(from_2012) == _table(from_2023)
    assert completeness_2012 == completeness_2023
    assert [(r.indicator.code, r.latest_year, r.latest_value) for r in report_2012.rows] == [
        (r.indicator.code, r.latest_year, r.latest_value) for r in report_2023.rows
    ]
    gn6a = next(i for i in from_2012["indicators"] if i["indicator"]["code"] == "GN.6a")
    sundsvall = next(c for c in gn6a["municipalities"] if c["municipality"] == "2281")
    assert sundsvall["value"] == 455
    assert sundsvall["reported_as"] == {
        "municipality": "2281",
        "indicator": "GN.6a",
        "year": 2023,
        "reported_as": {"set": "sekom-2012", "code": "GN.7"},
        "note": "inrapporterat med 2012 års kod GN.7",
    }
    assert report_2012.notes("GN.6a")[2023] == "inrapporterat med 2012 års kod GN.7"
    assert report_2012.notes("GN.6a", "en")[2023] == "reported with the 2012 code GN.7"
    assert report_2023.notes("GN.6a") == {}


def test_2012_coded_values_show_in_the_county_report_html(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sundsvall-2023.csv"
    path.write_text(
        "kommun;kod;år;värde\n2281;GN.7;2023;447\n2281;GN.4;2023;18,25\n", encoding="utf-8"
    )
    assert miljomal("import", "--set", "sekom-2012", str(path)).exit_code == 0
    out = tmp_path / "lan.html"
    assert miljomal("report", "county", "22", "-y", "2023", "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Inga värden för 2023" not in html
    assert 'title="1 av 1; inrapporterat med 2012 års kod GN.7">447</td>' in html
    assert "<li>GN.6a: inrapporterat med 2012 års kod GN.7 (Sundsvall)</li>" in html
    assert "<h2>Värden med äldre koder som inte kan jämföras</h2>" in html
    assert "<li>Sundsvall: GN.4 Ekologisk odling (2012 års nyckeltal) 18,3 % för 2023</li>" in html

    out_en = tmp_path / "county.html"
    result = miljomal("--lang", "en", "report", "county", "22", "-y", "2023", "-o", str(out_en))
    assert result.exit_code == 0
    english = out_en.read_text(encoding="utf-8")
    assert "<h2>Values with older codes that cannot be compared</h2>" in english
    assert "<li>Sundsvall: GN.4 Organic farming (2012 indicators) 18.3% for 2023</li>" in english
    assert "<li>GN.6a: reported with the 2012 code GN.7 (Sundsvall)</li>" in english


def test_only_incomparable_values_are_not_no_values(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kvicksilver.csv"
    path.write_text("kommun;kod;år;värde\n2262;GN.8c;2023;0,41\n", encoding="utf-8")
    assert miljomal("import", "--set", "sekom-2012", str(path)).exit_code == 0
    out = tmp_path / "lan.json"
    assert miljomal("report", "county", "22", "-y", "2023", "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["has_values"] is True
    assert data["incomparable"] == [
        {
            "municipality": "2262",
            "year": 2023,
            "set": "sekom-2012",
            "code": "GN.8c",
            "name": "Kvicksilver i avloppsslam",
            "unit": "mg/kg TS",
            "value": 0.41,
            "relation": None,
        }
    ]


def test_explicit_set_reads_only_its_own_values(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ny.csv"
    path.write_text("kommun;kod;år;värde\n2281;GN.6a;2023;450\n", encoding="utf-8")
    assert miljomal("import", "--set", "sekom-2023", str(path)).exit_code == 0
    out = tmp_path / "lan.json"
    result = miljomal("report", "county", "22", "-y", "2023", "--set", "sekom-2012", "-o", str(out))
    assert result.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["has_values"] is False
    assert data["incomparable"] == []
    page = tmp_path / "lan.html"
    result = miljomal(
        "report", "county", "22", "-y", "2023", "--set", "sekom-2012", "-o", str(page)
    )
    assert result.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<h2>Inga värden för 2023 i sekom-2012</h2>" in html
    assert "men databasen har värden för året i sekom-2023" in html
    assert "Ingen av länets 7 kommuner har något värde för 2023" not in html


def test_utf16_protected_nature_2024_shows(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 6,1 stored for 2024 in the 2023 set; then a UTF-16 tab file with the 2012 code GN.6
    # ("Skyddad natur", the old definition without naturvårdsområden) and 4,5.
    first = tmp_path / "skyddad-2023.csv"
    first.write_text("kommun;kod;år;värde\n2281;GN.5;2024;6,1\n", encoding="utf-8")
    assert miljomal("import", "--set", "sekom-2023", str(first)).exit_code == 0
    second = tmp_path / "skyddad.txt"
    second.write_text(
        "Kommun\tKod\tNyckeltal\tÅr\tVärde\r\nSundsvall\tGN.6\tSkyddad natur\t2024\t4,5\r\n",
        encoding="utf-16",
    )
    result = miljomal("import", "--set", "sekom-2012", str(second))
    assert result.exit_code == 0, result.output
    out = tmp_path / "lan.html"
    assert miljomal("report", "county", "22", "-y", "2024", "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    # The changed definition is not mixed into GN.5's column, and is shown by name.
    assert "<li>Sundsvall: GN.6 Skyddad natur (2012 års nyckeltal) 4,5 % för 2024</li>" in html
    with session_scope(store) as session:
        report = queries.municipality_report_data(session, "2281", 2024)
    assert [(v.code, v.value) for v in report.incomparable] == [("GN.6", 4.5)]
    page = tmp_path / "sundsvall.html"
    result = miljomal("report", "municipality", "2281", "-y", "2024", "-o", str(page))
    assert result.exit_code == 0, result.output
    assert "<li>Sundsvall: GN.6 Skyddad natur (2012 års nyckeltal) 4,5 % för 2024</li>" in (
        page.read_text(encoding="utf-8")
    )


def test_public_site_shows_values_sent_with_2012_codes(miljomal, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reports.site.data import SiteScope
    from reports.site.data import read_site_data

    path = tmp_path / "sundsvall.csv"
    path.write_text(
        "kommun;kod;år;värde\n2281;GN.7;2022;460\n2281;GN.7;2023;447\n2281;GN.7;2024;440\n",
        encoding="utf-8",
    )
    assert miljomal("import", "--set", "sekom-2012", str(path)).exit_code == 0
    newer = tmp_path / "sundsvall-2024.csv"
    newer.write_text("kommun;kod;år;värde\n2281;GN.6a;2024;438\n", encoding="utf-8")
    assert miljomal("import", "--set", "sekom-2023", str(newer)).exit_code == 0
    with session_scope(store) as session:
        site = read_site_data(session, SiteScope(county="22", include_unapproved=True))
    assert site.set_code == "sekom-2023"
    points = site.series[("2281", "GN.6a")].points
    assert [(p.year, p.value) for p in points] == [(2022, 460), (2023, 447), (2024, 438)]
    assert [p.carried.note() if p.carried else "" for p in points] == [
        "",
        "inrapporterat med 2012 års kod GN.7",
        "",
    ]


def test_2012_report_reads_2023_codes_of_the_same_definition(
    miljomal, store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # A series exported from Miljöbarometern: 2023 codes back in time.
    path = tmp_path / "miljobarometern.csv"
    path.write_text(
        "kommun;kod;år;värde\n2281;GN.6a;2021;470\n2281;GN.6a;2022;465\n", encoding="utf-8"
    )
    assert miljomal("import", "--set", "sekom-2023", str(path)).exit_code == 0
    with session_scope(store) as session:
        report = queries.municipality_report_data(session, "2281", 2022)
        table = queries.county_table(session, "22", 2022)
    assert report.set_code == "sekom-2012"
    gn7 = next(row for row in report.rows if row.indicator.code == "GN.7")
    assert (gn7.latest_year, gn7.latest_value) == (2022, 465)
    assert report.notes("GN.7") == {
        2021: "inrapporterat med 2023 års kod GN.6a",
        2022: "inrapporterat med 2023 års kod GN.6a",
    }
    assert table.value("2281", "GN.7") == 465
    assert table.cells[("2281", "GN.7")].note() == "inrapporterat med 2023 års kod GN.6a"


def test_a_different_value_under_the_old_code_is_named_not_hidden(
    miljomal, store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    statistics = tmp_path / "avfall-sverige.csv"
    statistics.write_text("kommun;kod;år;värde\n2281;GN.6a;2023;462\n", encoding="utf-8")
    assert miljomal("import", "--set", "sekom-2023", str(statistics)).exit_code == 0
    old = tmp_path / "gammal-mall.csv"
    old.write_text("kommun;kod;år;värde\n2281;GN.7;2023;447\n2281;GN.9;2023;73\n", "utf-8")
    assert miljomal("import", "--set", "sekom-2012", str(old)).exit_code == 0
    out = tmp_path / "lan.html"
    assert miljomal("report", "county", "22", "-y", "2023", "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<h2>Värden med äldre koder där årets kod redan har ett annat värde</h2>" in html
    assert (
        "<li>Sundsvall: GN.7 Mängd hushållsavfall (2012 års nyckeltal) 447 kg/person för 2023; "
        "visas inte, GN.6a har 462 kg/person</li>"
    ) in html
    with session_scope(store) as session:
        table = queries.county_table(session, "22", 2023)
        report = queries.municipality_report_data(session, "2281", 2023)
    assert table.value("2281", "GN.6a") == 462
    assert table.value("2281", "GN.7") == 73
    assert [(v.code, v.value, v.shown_code, v.shown_value) for v in table.overridden] == [
        ("GN.7", 447, "GN.6a", 462)
    ]
    assert [(v.code, v.shown_code) for v in report.overridden] == [("GN.7", "GN.6a")]
