"""Make the real-world corpus: files filled in with openpyxl and re-saved through LibreOffice.

Run from the repository root with LibreOffice installed (``soffice`` on the PATH):

    .venv/bin/python tests/data/real/make_real_files.py

The outputs are committed, so the tests never need LibreOffice.  Each file is what an
office really sends: a template or table saved again by LibreOffice (which calculates the
formulas and writes its own XML), hand-edited the way officials edit them.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from miljomal.cli import cli

HERE = Path(__file__).resolve().parent
CSV_SEMICOLON_UTF8 = "csv:Text - txt - csv (StarCalc):59,34,76,1"
CSV_COMMA_1252 = "csv:Text - txt - csv (StarCalc):44,34,1252,1"


def _template(work: Path) -> Path:
    """A fresh Sundsvall 2024 template from a throw-away store."""
    db = f"sqlite:///{work / 'make.db'}"
    runner = CliRunner()
    for args in (["init"], ["template", "--municipality", "2281", "--year", "2024"]):
        extra = ["-o", str(work / "template.xlsx")] if args[0] == "template" else []
        result = runner.invoke(cli, ["--db", db, *args, *extra], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return work / "template.xlsx"


def _resave(source: Path, target: str, name: str, work: Path) -> None:
    """Convert ``source`` with LibreOffice (``target`` as for --convert-to) into HERE/name."""
    out = work / "out"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    produced = out / (source.stem + "." + target.split(":")[0])
    shutil.move(produced, HERE / name)


def template_error_cells(template: Path, work: Path) -> None:
    """Formulas that fail (#DIV/0!, #N/A) beside a good value, re-saved as .xlsx and .ods."""
    book = openpyxl.load_workbook(template)
    sheet = book["Värden"]
    sheet["I5"] = "=1/0"
    sheet["I6"] = "=NA()"
    sheet["I7"] = 4.5
    sheet["I8"] = "=2*3"
    source = work / "template_error_cells.xlsx"
    book.save(source)
    _resave(source, "xlsx", "template_error_cells.xlsx", work)
    _resave(source, "ods", "template_error_cells.ods", work)


def template_moved(template: Path, work: Path) -> None:
    """Templates where the official unprotected the sheet and inserted a row or a column."""
    for variant in ("row", "column"):
        book = openpyxl.load_workbook(template)
        sheet = book["Värden"]
        sheet.protection.sheet = False
        for row in range(5, 21):
            sheet.cell(row, 9).value = row / 2  # GN.1a = 2.5 ... GN.12 = 10
        if variant == "row":
            sheet.insert_rows(1)
            sheet["A1"] = "Ifylld av: Anna Andersson, miljöstrateg"
        else:
            sheet.insert_cols(4)
            sheet["D4"] = "Anteckning"
        source = work / f"template_inserted_{variant}.xlsx"
        book.save(source)
        _resave(source, "xlsx", source.name, work)


def long_messy(work: Path) -> None:
    """A long table as a county clerk types it, as .ods, Swedish CSV and Windows-1252 CSV."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Miljömålsindikatorer Västernorrland 2024"])
    sheet.append([])
    sheet.append(["  KOMMUN ", "indikator  ", " År", "VÄRDE (%)", "Kommentar"])
    rows = [
        ("sundsvall", "GN.6", 2024, "4,5", None),
        ("SUNDSVALLS KOMMUN", "gn 6", 2023, 4.4, "ok"),
        ("Örnsköldsvik", "Skyddad natur", "2024", " 4,2 ", None),
        ("Ornskoldsvik", "GN.6", 2023.0, "4.1", "rad ett\nrad två 🌲"),
        (2281, "GN.7", "År 2022", "1 234,5", None),
        ("2281", "GN.7", 2021, "1,234.5", "@sum(A1)"),
        ("114", "GN.5", 2024, "−0", "+46 70 123 45 67"),
        ("Upplands Väsby", "GN.3", 2024, "12,5 %", "=1+1"),
        ("Härnösand", "GN.6", 2024, ".", None),
        ("Härnösand", "GN.7", 2024, "..", "saknas i år"),
        ("Kramfors", "GN.6", 2024, "-", None),
    ]
    for row in rows:
        sheet.append(list(row))
    sheet.append([])
    sheet.append(["Källa: SCB och kommunernas egna uppgifter"])
    book.create_sheet("Anteckningar")["A1"] = "Här är några anteckningar"
    source = work / "long_messy.xlsx"
    book.save(source)
    _resave(source, "ods", "long_messy.ods", work)
    _resave(source, CSV_SEMICOLON_UTF8, "long_messy.csv", work)
    # Windows-1252 has no Unicode minus: LibreOffice writes a control character instead.
    sheet["D10"] = "−3"
    book.save(source)
    _resave(source, CSV_COMMA_1252, "long_lossy_minus_cp1252.csv", work)


def wide_sum_row(work: Path) -> None:
    """Municipalities as rows and years as columns, with a sum row nobody removed."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "GN.6 Skyddad natur"
    sheet["A1"] = "Skyddad natur (%), Västernorrlands län"
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Kommun", "År 2022", 2023.0, "2024"])
    sheet.append(["sundsvall", "4,1", 4.2, "4,3 "])
    sheet.append([2262, "3,0", "..", 3.1])
    sheet.append(["Summa länet", 7.1, None, "=SUM(D4:D5)"])
    source = work / "wide_sum_row.xlsx"
    book.save(source)
    _resave(source, "xlsx", source.name, work)


def main() -> None:
    """Write every file of the corpus next to this script."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        template = _template(work)
        template_error_cells(template, work)
        template_moved(template, work)
        long_messy(work)
        wide_sum_row(work)
    # Hand-written: a comma-separated file with an unquoted decimal comma.
    (HERE / "comma_unquoted_decimal.csv").write_bytes(
        b"Kommun,Indikator,\xc3\x85r,V\xc3\xa4rde\r\n"
        b"Sundsvall,GN.6,2024,4,5\r\n"
        b"Timr\xc3\xa5,GN.6,2024,3\r\n"
        b'\xc3\x85nge,GN.6,2024,"2,5"\r\n'
    )


if __name__ == "__main__":
    main()
