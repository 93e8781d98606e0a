"""The template workbook an official fills in: layout, stored history, validation, metadata."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy import select

from database.engine import session_scope
from indicators.models import Indicator
from indicators.models import IndicatorSet
from indicators.models import Observation
from intake.template import ascii_slug
from intake.template import default_file_name
from intake.template import write_template

SEKOM_CODES = [
    "GN.1a",
    "GN.1b",
    "GN.2",
    "GN.3",
    "GN.4",
    "GN.5",
    "GN.6",
    "GN.7",
    "GN.8a",
    "GN.8b",
    "GN.8c",
    "GN.9",
    "GN.10a",
    "GN.10b",
    "GN.11",
    "GN.12",
]
METADATA_SV = [
    ("miljomal-template", "1"),
    ("municipality", "2281"),
    ("year", 2025),
    ("indicator_set", "sekom-2012"),
    ("lang", "sv"),
    ("data_sheet", "Värden"),
    ("header_row", 4),
    ("first_data_row", 5),
    ("code_column", "A"),
    ("value_column", "I"),
    ("status_column", "J"),
    ("comment_column", "K"),
]


def _row_of(code: str) -> int:
    return 5 + SEKOM_CODES.index(code)


def _observe(engine, rows: list[tuple[str, str, int, float | None, str]]) -> None:  # type: ignore[no-untyped-def]
    """Store observations directly: (kommunkod, indicator code, year, value, status)."""
    with session_scope(engine) as session:
        ids = dict(
            session.execute(
                select(Indicator.code, Indicator.id).where(Indicator.set_id == 1)  # sekom-2012
            ).all()
        )
        session.execute(
            insert(Observation),
            [
                {
                    "municipality_code": municipality,
                    "indicator_id": ids[code],
                    "year": year,
                    "value": value,
                    "status": status,
                }
                for municipality, code, year, value, status in rows
            ],
        )


@pytest.fixture
def sundsvall_2025(store, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The Swedish template for Sundsvall 2025, with some history stored beforehand."""
    _observe(
        store,
        [
            ("2281", "GN.6", 2020, 5.2, "reported"),
            ("2281", "GN.6", 2022, 5.8, "reported"),
            ("2281", "GN.6", 2024, None, "missing"),
            ("2281", "GN.7", 2023, 1234.5, "reported"),
            ("2281", "GN.8b", 2021, None, "not-applicable"),
            ("2281", "GN.2", 2019, 77.0, "reported"),  # six years back: not shown
            ("2281", "GN.3", 2025, 90.0, "reported"),  # the year itself: not shown
            ("2262", "GN.6", 2023, 9.9, "reported"),  # another municipality
        ],
    )
    with session_scope(store) as session:
        return write_template(
            session, "2281", 2025, tmp_path / "sundsvall-2025.xlsx", set_code="sekom-2012"
        )


def _load(path: Path):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    return load_workbook(path)


def _validation_of(sheet, ref: str):  # type: ignore[no-untyped-def]
    found = [dv for dv in sheet.data_validations.dataValidation if ref in dv.sqref]
    assert len(found) == 1, ref
    return found[0]


def test_template_has_instructions_values_and_a_hidden_metadata_sheet(sundsvall_2025: Path):
    workbook = _load(sundsvall_2025)
    assert workbook.sheetnames == ["Instruktioner", "Värden", "miljomal"]
    assert [s.sheet_state for s in workbook.worksheets] == ["visible", "visible", "hidden"]
    assert workbook.active.title == "Instruktioner"
    assert workbook.properties.creator == "miljomal"
    assert "Sundsvalls kommun" in workbook.properties.title
    text = "\n".join(str(c.value) for c in workbook["Instruktioner"]["A"] if c.value)
    for expected in (
        "Sundsvalls kommun (2281)",
        "Rapportår: 2025",
        "sekom-2012",
        "Decimalkomma",
        ".. uppgift saknas",
        ". ej tillämpligt",
        "streck, -,",
        "kommentar",
        ".xlsx",
    ):
        assert expected in text


def test_values_sheet_has_title_header_and_one_row_per_indicator(sundsvall_2025: Path):
    sheet = _load(sundsvall_2025)["Värden"]
    assert sheet["A1"].value == "Miljömålsindikatorer – Sundsvalls kommun (2281) – rapportår 2025"
    assert sheet["A2"].value == "Indikatoruppsättning: sekom-2012 · mallversion 1"
    header = [c.value for c in sheet[4]]
    assert header == [
        "Kod",
        "Indikator",
        "Enhet",
        2020,
        2021,
        2022,
        2023,
        2024,
        "Värde 2025",
        "Status",
        "Kommentar",
    ]
    assert [sheet.cell(row=r, column=1).value for r in range(5, 21)] == SEKOM_CODES
    assert sheet.cell(row=21, column=1).value is None
    assert sheet["B11"].value == "Skyddad natur"
    assert sheet["C11"].value == "%"
    assert sheet["C12"].value == "kg/person"
    assert sheet.freeze_panes == "A5"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True


def test_previous_five_years_come_from_the_store(sundsvall_2025: Path):
    sheet = _load(sundsvall_2025)["Värden"]
    gn6, gn7, gn8b = _row_of("GN.6"), _row_of("GN.7"), _row_of("GN.8b")
    assert [sheet.cell(row=gn6, column=c).value for c in range(4, 10)] == [
        5.2,
        None,
        5.8,
        None,
        "..",
        None,
    ]
    assert sheet.cell(row=gn6, column=4).number_format == "#,##0.0"
    assert sheet.cell(row=gn7, column=7).value == 1234.5
    assert sheet.cell(row=gn7, column=7).number_format == "#,##0"
    assert sheet.cell(row=gn8b, column=5).value == "."
    # Nothing from outside the five years, the year itself or another municipality.
    gn2, gn3 = _row_of("GN.2"), _row_of("GN.3")
    for row in (gn2, gn3):
        assert [sheet.cell(row=row, column=c).value for c in range(4, 10)] == [None] * 6
    assert sheet.cell(row=gn6, column=4).fill.fgColor.rgb.endswith("E7E6E6")


def test_input_cells_validate_the_catalogue_range(sundsvall_2025: Path):
    sheet = _load(sundsvall_2025)["Värden"]
    share = _validation_of(sheet, f"I{_row_of('GN.6')}")
    assert (share.type, share.operator, share.formula1, share.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )
    assert share.showErrorMessage and share.errorStyle == "stop"
    assert "mellan 0 och 100" in share.error
    assert share.prompt.startswith("Enhet: %. Giltigt: mellan 0 och 100.")
    waste = _validation_of(sheet, f"I{_row_of('GN.7')}")
    assert (waste.type, waste.operator, waste.formula1, waste.formula2) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
        None,
    )
    assert "kg/person" in waste.prompt and "minst 0" in waste.prompt
    for row in range(5, 21):
        assert _validation_of(sheet, f"I{row}").type == "decimal"


def test_status_column_is_a_dropdown(sundsvall_2025: Path):
    sheet = _load(sundsvall_2025)["Värden"]
    status = _validation_of(sheet, "J5")
    assert status.type == "list"
    assert status.formula1 == '"rapporterat,.. uppgift saknas,. ej tillämpligt"'
    assert str(status.sqref) == "J5:J20"


def test_only_input_cells_are_unlocked(sundsvall_2025: Path):
    workbook = _load(sundsvall_2025)
    sheet = workbook["Värden"]
    assert sheet.protection.sheet is True
    assert not sheet.protection.password
    for row in range(5, 21):
        assert [sheet.cell(row=row, column=c).protection.locked for c in range(1, 12)] == [
            True
        ] * 8 + [False] * 3
    assert sheet["A4"].protection.locked and sheet["A1"].protection.locked
    assert workbook["Instruktioner"].protection.sheet is True
    assert workbook["miljomal"].protection.sheet is True


def test_metadata_sheet_is_exactly_the_contract(sundsvall_2025: Path):
    sheet = _load(sundsvall_2025)["miljomal"]
    assert [(row[0].value, row[1].value) for row in sheet.iter_rows(max_col=2)] == METADATA_SV
    assert sheet.max_column == 2


def test_english_template(store, tmp_path: Path):  # type: ignore[no-untyped-def]
    with session_scope(store) as session:
        path = write_template(
            session, "2281", 2025, tmp_path / "en.xlsx", set_code="sekom-2012", lang="en"
        )
    workbook = _load(path)
    assert workbook.sheetnames == ["Instructions", "Values", "miljomal"]
    sheet = workbook["Values"]
    assert sheet["A1"].value.startswith("Environmental objective indicators – Sundsvalls kommun")
    assert [c.value for c in sheet[4]][8:] == ["Value 2025", "Status", "Comment"]
    assert sheet["B11"].value == "Protected nature"
    assert _validation_of(sheet, "J5").formula1 == '"reported,.. missing,. not applicable"'
    meta = dict((r[0].value, r[1].value) for r in workbook["miljomal"].iter_rows(max_col=2))
    assert meta["lang"] == "en" and meta["data_sheet"] == "Values"


def test_default_file_name_is_ascii():
    assert default_file_name("2281", "Sundsvall", 2025) == "miljomal-2281-sundsvall-2025.xlsx"
    assert ascii_slug("Upplands Väsby") == "upplands-vasby"
    assert ascii_slug("Örnsköldsvik") == "ornskoldsvik"
    assert ascii_slug("Malung-Sälen") == "malung-salen"


def test_cli_writes_the_template(miljomal, tmp_path: Path):  # type: ignore[no-untyped-def]
    out = tmp_path / "sundsvall-2022.xlsx"
    result = miljomal("template", "--municipality", "2281", "--year", "2022", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and "sekom-2012" in result.output
    assert _load(out)["Värden"]["A5"].value == "GN.1a"


def _codes_and_set(path: Path) -> tuple[list[str], str]:
    workbook = _load(path)
    sheet = workbook["Värden"]
    codes = [row[0].value for row in sheet.iter_rows(min_row=5) if row[0].value]
    meta = dict((r[0].value, r[1].value) for r in workbook["miljomal"].iter_rows(max_col=2))
    return codes, meta["indicator_set"]


def test_a_2023_template_asks_only_what_municipalities_report_plus_local_indicators(
    miljomal, store, tmp_path: Path
):  # type: ignore[no-untyped-def]
    out = tmp_path / "sundsvall-2024.xlsx"
    result = miljomal("template", "--municipality", "2281", "--year", "2024", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert _codes_and_set(out) == (["GN.2b", "GN.7", "GN.8a", "GN.9b"], "sekom-2023")

    local = tmp_path / "lokala.csv"
    local.write_text(
        "# set: sundsvall-lokala\nkod;namn;enhet;riktning;rapporteras_av\n"
        "SL.1;Laddpunkter;antal;högre;kommun\nSL.2;Stadsträd;antal;högre;central\n",
        encoding="utf-8",
    )
    assert miljomal("indicators", "load", str(local)).exit_code == 0
    again = tmp_path / "sundsvall-2024-lokal.xlsx"
    assert miljomal("template", "-m", "2281", "-y", "2024", "-o", str(again)).exit_code == 0
    codes, _set = _codes_and_set(again)
    assert codes == ["GN.2b", "GN.7", "GN.8a", "GN.9b", "SL.1"]

    # The filled-in template imports into the 2023 set, local indicator included.
    from openpyxl import load_workbook

    workbook = load_workbook(again)
    sheet = workbook["Värden"]
    sheet["I6"], sheet["I9"] = 96, 12
    workbook.save(again)
    imported = miljomal("import", str(again))
    assert imported.exit_code == 0, imported.output
    with session_scope(store) as session:
        rows = session.execute(
            select(IndicatorSet.code, Indicator.code, Observation.value)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
            .order_by(Indicator.code)
        ).all()
    assert [tuple(row) for row in rows] == [  # blank cells are stored as missing
        ("sekom-2023", "GN.2b", None),
        ("sekom-2023", "GN.7", 96.0),
        ("sekom-2023", "GN.8a", None),
        ("sekom-2023", "GN.9b", None),
        ("sundsvall-lokala", "SL.1", 12.0),
    ]


def test_cli_resolves_a_name_and_picks_a_safe_default_name(
    miljomal,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.chdir(tmp_path)
    result = miljomal(
        "template", "--municipality", "Örnsköldsvik", "--year", "2025", "--lang", "en"
    )
    assert result.exit_code == 0, result.output
    path = tmp_path / "miljomal-2284-ornskoldsvik-2025.xlsx"
    assert path.exists()
    assert _load(path).sheetnames[1] == "Values"


def test_cli_unknown_municipality_is_an_error(miljomal, tmp_path: Path):  # type: ignore[no-untyped-def]
    out = tmp_path / "x.xlsx"
    result = miljomal("template", "--municipality", "Sundsval", "--year", "2025", "-o", str(out))
    assert result.exit_code == 1
    assert result.output.startswith("Fel: ")
    assert "Sundsvall" in result.output  # did you mean
    assert not out.exists()


def test_cli_unknown_set_is_an_error(miljomal, tmp_path: Path):  # type: ignore[no-untyped-def]
    out = tmp_path / "x.xlsx"
    result = miljomal("template", "-m", "2281", "--year", "2025", "--set", "nope", "-o", str(out))
    assert result.exit_code == 1
    assert "okänd indikatoruppsättning 'nope'" in result.output
    english = miljomal(
        "--lang", "en", "template", "-m", "2281", "--year", "2025", "--set", "nope", "-o", str(out)
    )
    assert "unknown indicator set 'nope'" in english.output
    assert not out.exists()


def _office() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def _convert(path: Path, to: str, outdir: Path, profile: Path) -> Path:
    office = _office()
    assert office
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(profile)},
    )
    converted = outdir / f"{path.stem}.{to}"
    assert converted.exists() and converted.stat().st_size > 0
    return converted


@pytest.mark.skipif(_office() is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it_and_a_resave_keeps_what_import_needs(
    sundsvall_2025: Path, tmp_path: Path
):
    profile = tmp_path / "lo-profile"
    pdf = _convert(sundsvall_2025, "pdf", tmp_path / "pdf", profile)
    assert pdf.read_bytes().startswith(b"%PDF")

    # An official fills it in; the file is then re-saved by LibreOffice.
    workbook = _load(sundsvall_2025)
    sheet = workbook["Värden"]
    sheet["I5"] = 3.4
    sheet["J6"] = ".. uppgift saknas"
    sheet["K5"] = "Från RUS"
    workbook.save(tmp_path / "filled.xlsx")
    resaved = _convert(tmp_path / "filled.xlsx", "xlsx", tmp_path / "resaved", profile)

    again = _load(resaved)
    assert again.sheetnames == ["Instruktioner", "Värden", "miljomal"]
    assert again["miljomal"].sheet_state == "hidden"
    meta = [(r[0].value, r[1].value) for r in again["miljomal"].iter_rows(max_col=2)]
    assert meta == METADATA_SV
    values = again["Värden"]
    assert (values["I5"].value, values["J6"].value, values["K5"].value) == (
        3.4,
        ".. uppgift saknas",
        "Från RUS",
    )
    assert values.cell(row=_row_of("GN.6"), column=6).value == 5.8
    assert values.protection.sheet is True
