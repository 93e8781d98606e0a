"""Generate the bundled example workbooks of `miljomal demo` (deterministic).

    .venv/bin/python scripts/make_demo_data.py

writes miljomal/demo_data/: for each of the seven Västernorrland municipalities a wide
history workbook of the 2012 gröna nyckeltal (indicators as rows, 2010-2022 as columns, as a
county might have collected them) and the 2023 and 2024 templates of the 2023 set filled in
the way an official fills them in (decimal commas typed as text, a status marker,
comments); from the county board the 2012 set's carbon dioxide (GN.1a, GN.1b) for
2010-2022 as a long Windows-1252 CSV, and the 2023 set's computed indicators for 2023-2024
as a long CSV titled "Gröna nyckeltal (2023)".  The 2023 values continue the 2012 series
where the mapping table says the definition is the same, so the reports draw them as one
line across the revision.  Every file says EXEMPELDATA: the numbers are
made up, shaped like real ones, with gaps, comments and a few values that deserve a warning.
Run it again and the files come out the same (fixed seed, fixed file dates).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "miljomal" / "demo_data"
FIRST_YEAR, HISTORY_LAST, REPORT_YEAR = 2010, 2022, 2024
NEW_SET, NEW_FIRST = "sekom-2023", 2023
FIXED_DATE = dt.datetime(2025, 3, 1, 12, 0, 0)

MUNICIPALITIES = {
    "2260": "Ånge",
    "2262": "Timrå",
    "2280": "Härnösand",
    "2281": "Sundsvall",
    "2282": "Kramfors",
    "2283": "Sollefteå",
    "2284": "Örnsköldsvik",
}

# (level in 2010, yearly change) per indicator, before municipality variation.
PROFILES: dict[str, tuple[float, float]] = {
    "GN.1a": (2.4, -0.05),
    "GN.1b": (3.9, -0.11),
    "GN.2": (34.0, 0.8),
    "GN.3": (18.0, 5.0),
    "GN.4": (7.5, 0.5),
    "GN.5": (45.0, 1.5),
    "GN.6": (3.4, 0.15),
    "GN.7": (485.0, -4.0),
    "GN.8a": (18.0, -0.4),
    "GN.8b": (0.8, -0.02),
    "GN.8c": (0.6, -0.015),
    "GN.9": (68.0, 1.8),
    "GN.10a": (900.0, -20.0),
    "GN.10b": (215.0, -6.0),
    "GN.11": (8.0, 2.0),
    "GN.12": (20.0, 2.0),
}
CENTRAL_FILE_CODES = ("GN.1a", "GN.1b")
# The 2023 set: (level in 2023, yearly change) of the indicators with no 2012 predecessor
# of the same or a changed definition, and the factor a changed definition shifts the
# old level by (more land counts as protected, pasture counts as farmland).
NEW_PROFILES: dict[str, tuple[float, float]] = {
    "GN.1a": (3.1, -0.12),
    "GN.1b": (0.9, -0.03),
    "GN.8a": (4.0, 1.5),
    "GN.8b": (120.0, 40.0),
    "GN.9b": (0.2, -0.01),
}
CHANGED_FACTOR = {"GN.3": 1.15, "GN.5": 1.25}
# Cells the officials left empty in their 2024 templates: values for the county to chase.
LEFT_EMPTY_2024 = {("2283", "GN.7"), ("2262", "GN.9b"), ("2260", "GN.8a")}
# Series that go the wrong way, so the reports have something to say.
WORSENING = {("2281", "GN.7"), ("2283", "GN.2"), ("2260", "GN.10a"), ("2284", "GN.5")}

COMMENTS_2024 = {
    ("2281", "GN.2b"): "Ny stadsbusslinje på HVO från augusti 2024.",
    ("2262", "GN.7"): "Fjärrvärmen från egen panna; preliminär uppgift.",
    ("2284", "GN.8a"): "Två nya solcellsanläggningar på skolor.",
    ("2283", "GN.9b"): "Leasingavtal bytt; fler elbilar i tjänsten.",
}


def main() -> None:
    """Write every example file into miljomal/demo_data/ (or the folder given as argument)."""
    global OUT
    if len(sys.argv) > 1:
        OUT = Path(sys.argv[1]).resolve()
    from sqlalchemy.orm import Session

    from database.engine import make_engine
    from indicators.catalogue import list_indicators
    from miljomal.bootstrap import initialise

    if OUT.exists():
        for path in OUT.iterdir():
            if path.suffix in {".xlsx", ".csv"}:
                path.unlink()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'gen.db'}")
        initialise(engine)
        with Session(engine) as session:
            indicators, new_indicators = (
                [
                    (i.code, i.name, i.unit, i.decimals, i.min_value, i.max_value, i.reported_by)
                    for i in list_indicators(session, set_code)
                ]
                for set_code in ("sekom-2012", NEW_SET)
            )
        series = _series(indicators)
        new_series = _new_series(new_indicators, series)
        for code, name in MUNICIPALITIES.items():
            _write_history(code, name, indicators, series)
        _write_central_csv(indicators, series)
        _write_new_central_csv(new_indicators, new_series)
        for year in range(NEW_FIRST, REPORT_YEAR + 1):
            for code, name in MUNICIPALITIES.items():
                _write_template(engine, Path(tmp), code, name, new_indicators, new_series, year)
        engine.dispose()
    print(f"wrote {len(list(OUT.iterdir()))} files to {OUT}")


def _series(indicators: list[tuple]) -> dict[tuple[str, str, int], float | str]:
    """Values per (municipality, indicator, year): a number, '..' (missing) or '.' (n/a)."""
    rng = random.Random(2284)
    values: dict[tuple[str, str, int], float | str] = {}
    for municipality in MUNICIPALITIES:
        for code, _name, _unit, decimals, low, high, _by in indicators:
            level, change = PROFILES.get(code, (50.0, 0.5))
            level *= rng.uniform(0.7, 1.3)
            change *= -0.6 if (municipality, code) in WORSENING else rng.uniform(0.3, 1.5)
            for year in range(FIRST_YEAR, REPORT_YEAR + 1):
                key = (municipality, code, year)
                if code.startswith("GN.8") and municipality == "2260" and year < 2016:
                    values[key] = "."  # no sewage sludge analysed in Ånge before 2016
                    continue
                if rng.random() < 0.06 and year != REPORT_YEAR:
                    values[key] = ".."
                    continue
                noise = rng.gauss(0, abs(change) * 1.2 + abs(level) * 0.01)
                value = level + change * (year - FIRST_YEAR) + noise
                if low is not None:
                    value = max(value, low)
                if high is not None:
                    value = min(value, high)
                values[key] = round(value, decimals)
    return values


def _new_series(
    indicators: list[tuple], old: dict[tuple[str, str, int], float | str]
) -> dict[tuple[str, str, int], float | str]:
    """Values of the 2023 set for 2023-2024: the 2012 series continued where the mapping says."""
    from indicators.sets import CHANGED
    from indicators.sets import SAME
    from indicators.sets import predecessor

    rng = random.Random(2023)
    values: dict[tuple[str, str, int], float | str] = {}
    for municipality in MUNICIPALITIES:
        for code, _name, _unit, decimals, low, high, _by in indicators:
            step = predecessor(NEW_SET, code)
            level, change = NEW_PROFILES.get(code, (50.0, 0.5))
            level *= rng.uniform(0.7, 1.3)
            for year in range(NEW_FIRST, REPORT_YEAR + 1):
                key = (municipality, code, year)
                if step is not None and step.relation in (SAME, CHANGED):
                    earlier = old[(municipality, step.old_code, year)]
                    if isinstance(earlier, str):
                        values[key] = earlier
                        continue
                    value = earlier * CHANGED_FACTOR.get(code, 1.0)
                else:
                    noise = rng.gauss(0, abs(change) * 0.5 + abs(level) * 0.01)
                    value = level + change * (year - NEW_FIRST) + noise
                if low is not None:
                    value = max(value, low)
                if high is not None:
                    value = min(value, high)
                values[key] = round(value, decimals)
    # A few values that deserve a warning: a doubled bus ridership, a typo-like jump.
    values[("2281", "GN.2a", REPORT_YEAR)] = round(float(values[("2281", "GN.2a", 2023)]) * 1.9, 0)
    values[("2262", "GN.6a", REPORT_YEAR)] = round(float(values[("2262", "GN.6a", 2023)]) * 1.7, 0)
    values[("2282", "GN.5", REPORT_YEAR)] = ".."  # Kramfors has not got the figure yet
    return values


def _text(value: float | str, decimals: int) -> str:
    if isinstance(value, str):
        return value
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def _write_history(code: str, name: str, indicators: list[tuple], series: dict) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Nyckeltal"
    years = list(range(FIRST_YEAR, HISTORY_LAST + 1))
    ws.append([f"EXEMPELDATA – {name} kommun – gröna nyckeltal {FIRST_YEAR}–{HISTORY_LAST}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Kommun: {name} ({code})"])
    ws.append([])
    ws.append(["Kod", "Indikator", "Enhet", *years])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for ind_code, ind_name, unit, decimals, *_rest in indicators:
        if ind_code in CENTRAL_FILE_CODES:
            continue  # comes from the county board's central file
        row: list[object] = [ind_code, ind_name, unit]
        for year in years:
            value = series[(code, ind_code, year)]
            # Older years were typed by hand as text with decimal commas; newer ones are numbers.
            row.append(_text(value, decimals) if year < 2014 or isinstance(value, str) else value)
        ws.append(row)
    ws.append([])
    ws.append(["Källa: kommunens miljöredovisningar. EXEMPELDATA, inte verkliga uppgifter."])
    wb.properties.creator = "miljomal (exempeldata)"
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    path = OUT / f"exempel-{_ascii(name)}-{FIRST_YEAR}-{HISTORY_LAST}.xlsx"
    wb.save(path)
    _fix_zip_dates(path)


def _write_central_csv(indicators: list[tuple], series: dict) -> None:
    lines = ["EXEMPELDATA – koldioxidutsläpp från länsstyrelsens RUS-databas", ""]
    lines.append("Kommun;Indikator;År;Värde;Kommentar")
    decimals = {i[0]: i[3] for i in indicators}
    for code, name in MUNICIPALITIES.items():
        for ind_code in CENTRAL_FILE_CODES:
            for year in range(FIRST_YEAR, HISTORY_LAST + 1):
                value = series[(code, ind_code, year)]
                comment = "preliminär siffra" if year == HISTORY_LAST else ""
                text = _text(value, decimals[ind_code])
                lines.append(f"{name};{ind_code};{year};{text};{comment}")
    lines += ["", "Källa: RUS, länsstyrelserna (EXEMPELDATA)"]
    path = OUT / f"exempel-lansstyrelsen-rus-{FIRST_YEAR}-{HISTORY_LAST}.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def _write_new_central_csv(indicators: list[tuple], series: dict) -> None:
    """The 2023 set's computed indicators, as the county board compiles them each year."""
    lines = [
        "EXEMPELDATA – Gröna nyckeltal (2023) som beräknas centralt, "
        "sammanställda av länsstyrelsen",
        "",
        "Kommun;Indikator;År;Värde;Kommentar",
    ]
    for code, name in MUNICIPALITIES.items():
        for ind_code, _name, _unit, decimals, *_rest, reported_by in indicators:
            if reported_by != "central":
                continue
            for year in range(NEW_FIRST, REPORT_YEAR + 1):
                comment = "preliminär siffra" if year == REPORT_YEAR else ""
                text = _text(series[(code, ind_code, year)], decimals)
                lines.append(f"{name};{ind_code};{year};{text};{comment}")
    lines += ["", "Källor: se sekom.miljobarometern.se (EXEMPELDATA)"]
    path = OUT / f"exempel-lansstyrelsen-nyckeltal-{NEW_FIRST}-{REPORT_YEAR}.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def _write_template(
    engine, tmp: Path, code: str, name: str, indicators: list[tuple], series: dict, year: int
) -> None:
    from openpyxl import load_workbook
    from sqlalchemy.orm import Session

    from intake.template import write_template

    blank = tmp / f"{code}.xlsx"
    with Session(engine) as session:
        write_template(session, code, year, blank, set_code=NEW_SET, lang="sv")
    wb = load_workbook(blank)
    meta = {
        row[0].value: row[1].value for row in wb["miljomal"].iter_rows(min_row=2) if row[0].value
    }
    ws = wb[meta["data_sheet"]]
    value_col, status_col, comment_col = (
        meta["value_column"],
        meta["status_column"],
        meta["comment_column"],
    )
    decimals = {i[0]: i[3] for i in indicators}
    row = int(meta["first_data_row"])
    while ws[f"{meta['code_column']}{row}"].value:
        ind_code = ws[f"{meta['code_column']}{row}"].value
        value = series[(code, ind_code, year)]
        if year == REPORT_YEAR and (code, ind_code) in LEFT_EMPTY_2024:
            pass  # simply not filled in
        elif value == "..":
            ws[f"{status_col}{row}"] = ".. uppgift saknas"
        elif value == ".":
            ws[f"{status_col}{row}"] = ". ej tillämpligt"
        elif (row + int(code)) % 3 == 0:
            ws[f"{value_col}{row}"] = _text(value, decimals[ind_code])  # typed with a comma
        else:
            ws[f"{value_col}{row}"] = value
        comment = COMMENTS_2024.get((code, ind_code)) if year == REPORT_YEAR else None
        if comment:
            ws[f"{comment_col}{row}"] = comment
        row += 1
    title_sheet = wb.worksheets[0]
    title_sheet["A1"] = f"EXEMPELDATA – {title_sheet['A1'].value or ''}".strip(" –")
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    path = OUT / f"exempel-{_ascii(name)}-{year}.xlsx"
    wb.save(path)
    _fix_zip_dates(path)


def _ascii(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o"})
    return name.translate(table).lower()


def _fix_zip_dates(path: Path) -> None:
    """Rewrite the zip with fixed member dates, so regenerating gives identical bytes."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                import re

                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
                data = re.sub(rb"(<dcterms:created[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_DATE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)
    shutil.move(tmp, path)


if __name__ == "__main__":
    main()
