"""Deterministic benchmark data: catalogue, template files, a long .xlsx and a bulk store.

Everything is made from fixed seeds, so two runs measure the same bytes.  The long workbook
is written as hand-made SpreadsheetML (what openpyxl would write, minus its per-cell
objects): 232 000 rows take about a second instead of half a minute.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MILJOMAL = [str(Path(PYTHON).parent / "miljomal")]

LOCAL_SET = "lokal-bench"
LOCAL_COUNT = 24
TEMPLATE_YEAR = 2024
LONG_YEARS = tuple(range(2005, 2025))  # 20 years
STORE_YEARS = tuple(range(1995, 2025))  # 30 years
REVISIONS_PER_VALUE = 3


def run_miljomal(db_url: str, *args: str, env: dict[str, str] | None = None) -> str:
    """Run the installed `miljomal` command; fail loudly when it fails."""
    done = subprocess.run(
        [*MILJOMAL, "--db", db_url, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    if done.returncode != 0:
        raise RuntimeError(f"miljomal {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def copy_store(source: Path, target: Path) -> Path:
    """A fresh copy of a SQLite store (WAL checkpointed in the source beforehand)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so that a plain file copy is the whole store."""
    import sqlite3

    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


# --- catalogue ---------------------------------------------------------------------------------


def write_local_catalogue(path: Path) -> Path:
    """24 local indicators (LOK.1 ... LOK.24), so that a store holds 40 with SEkom's 16."""
    lines = [
        f"# set: {LOCAL_SET}",
        "# namn: Lokala indikatorer (benchmark)",
        "# namn_en: Local indicators (benchmark)",
        "kod;namn;namn_en;beskrivning;enhet;riktning;decimaler;min;max;rapporteras_av;källa;"
        "miljömål;tröskel",
    ]
    for n in range(1, LOCAL_COUNT + 1):
        percent = n % 2 == 0
        lines.append(
            f"LOK.{n};Lokal indikator {n};Local indicator {n};Benchmark.;"
            f"{'%' if percent else 'ton/inv'};{'högre' if percent else 'lägre'};1;0;"
            f"{'100' if percent else ''};kommun;;1;"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_store(folder: Path, name: str, *, local: bool) -> Path:
    """An initialised SQLite store (schema, registry, SEkom), with the local set if asked."""
    path = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    url = sqlite_url(path)
    run_miljomal(url, "init")
    if local:
        run_miljomal(url, "indicators", "load", str(write_local_catalogue(folder / "lokal.csv")))
    checkpoint(path)
    return path


def indicator_rows(store: Path) -> list[tuple[int, str, str, float | None, int]]:
    """(id, code, unit, max, decimals) of the indicators but sekom-2023's, in catalogue order.

    Codes repeat across sets (GN.7 is another indicator in sekom-2023): the generated files
    hold the 2012 set and the local set, as in earlier baselines.
    """
    import sqlite3

    connection = sqlite3.connect(store)
    rows = connection.execute(
        "SELECT i.id, i.code, i.unit, i.max_value, i.decimals FROM indicator i"
        " JOIN indicator_set s ON s.id = i.set_id WHERE s.code != 'sekom-2023'"
        " ORDER BY i.sort_order, i.id"
    ).fetchall()
    connection.close()
    return rows


def municipality_codes() -> list[str]:
    from municipalities.registry import municipalities

    return [entry.code for entry in municipalities()]


def series_value(
    rng: random.Random, base: float, step: int, top: float | None, decimals: int, trend: float
) -> float:
    """A series with a steady trend and +-2 % noise (flat ones draw no large-change warnings)."""
    value = base * (1 + trend * step) * (1 + rng.uniform(-0.02, 0.02))
    if top is not None:
        value = min(value, top)
    return round(value, decimals)


def base_value(rng: random.Random, top: float | None) -> float:
    return rng.uniform(10, 80) if top is not None else rng.uniform(1, 500)


# --- template files (cases 1 and 2) ------------------------------------------------------------


def write_templates(folder: Path, store: Path) -> tuple[Path, list[Path]]:
    """`miljomal template` for 2281 (the 2012 set, 16 indicators, as in earlier baselines), filled
    in with openpyxl; then one copy per municipality.

    Returns the filled 2281 file and the 290 files of one year (template layout, the 16
    SEkom indicators, every value reported).
    """

    blank = folder / "template-2281-blank.xlsx"
    run_miljomal(
        sqlite_url(store),
        "template",
        "-m",
        "2281",
        "-y",
        str(TEMPLATE_YEAR),
        "--set",
        "sekom-2012",
        "-o",
        str(blank),
    )
    catalogue = {code: (top, decimals) for _, code, _, top, decimals in indicator_rows(store)}
    fill = template_filler(blank, catalogue)
    single = folder / "template-2281.xlsx"
    fill("2281", 2281, single)
    year_folder = folder / f"year-{TEMPLATE_YEAR}"
    shutil.rmtree(year_folder, ignore_errors=True)
    year_folder.mkdir()
    files = []
    for code in municipality_codes():
        path = year_folder / f"miljomal-{code}-{TEMPLATE_YEAR}.xlsx"
        fill(code, int(code), path)
        files.append(path)
    return single, files


def template_filler(
    blank: Path, catalogue: dict[str, tuple[float | None, int]]
) -> Callable[..., None]:
    """``fill(code, seed, path, scale=1.0)``: the blank template (`miljomal template`) filled in
    with openpyxl for municipality ``code`` and saved to ``path``.

    Each value is drawn from ``random.Random(seed)`` up to the indicator's maximum (500 when it
    has none) and multiplied by ``scale`` (capped at the maximum): the same seed with another
    scale is the same municipality's file with every value a little changed.
    """
    from openpyxl import load_workbook

    workbook = load_workbook(blank)
    meta = workbook["miljomal"]
    settings = {meta.cell(row, 1).value: meta.cell(row, 2).value for row in range(2, 20)}
    sheet = workbook[settings["data_sheet"]]
    first, value_column = int(settings["first_data_row"]), settings["value_column"]
    code_column = settings["code_column"]
    rows = [r for r in range(first, sheet.max_row + 1) if sheet[f"{code_column}{r}"].value]
    meta_row = next(r for r in range(2, 20) if meta.cell(r, 1).value == "municipality")
    title = sheet["A1"].value
    blank_code = str(meta.cell(meta_row, 2).value)

    def fill(code: str, seed: int, path: Path, scale: float = 1.0) -> None:
        rng = random.Random(seed)
        meta.cell(meta_row, 2).value = code
        sheet["A1"].value = title.replace(blank_code, code)
        for row in rows:
            top, decimals = catalogue[sheet[f"{code_column}{row}"].value]
            value = rng.uniform(0, top if top is not None else 500) * scale
            sheet[f"{value_column}{row}"].value = round(
                min(value, top) if top is not None else value, decimals
            )
        workbook.save(path)

    return fill


# --- the long workbook (case 3) ----------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Värden" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    "</styleSheet>"
)


def long_rows(store: Path) -> list[tuple[str, str, int, float]]:
    """(kommunkod, indicator code, year, value): 290 x 40 x 20 = 232 000 rows."""
    rows = []
    for code in municipality_codes():
        rng = random.Random(f"long-{code}")
        for _, indicator, _, top, decimals in indicator_rows(store):
            base = base_value(rng, top)
            for step, year in enumerate(LONG_YEARS):
                value = series_value(rng, base, step, top, decimals, 0)
                rows.append((code, indicator, year, value))
    return rows


def write_long_xlsx(path: Path, rows: list[tuple[str, str, int, float]]) -> Path:
    """A one-sheet workbook: header Kommunkod, Indikator, År, Värde, then one row per value."""
    strings: dict[str, int] = {}

    def shared(text: str) -> int:
        index = strings.get(text)
        if index is None:
            index = strings[text] = len(strings)
        return index

    header = ["Kommunkod", "Indikator", "År", "Värde"]
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:D{len(rows) + 1}"/><sheetData>'
        '<row r="1">'
        + "".join(
            f'<c r="{col}1" t="s"><v>{shared(text)}</v></c>'
            for col, text in zip("ABCD", header, strict=True)
        )
        + "</row>"
    ]
    for number, (code, indicator, year, value) in enumerate(rows, start=2):
        parts.append(
            f'<row r="{number}"><c r="A{number}" t="s"><v>{shared(code)}</v></c>'
            f'<c r="B{number}" t="s"><v>{shared(indicator)}</v></c>'
            f'<c r="C{number}"><v>{year}</v></c><c r="D{number}"><v>{value!r}</v></c></row>'
        )
    parts.append("</sheetData></worksheet>")
    shared_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        + "</sst>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        archive.writestr("xl/sharedStrings.xml", shared_xml)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(parts))
    return path


def changed_copy(source: Path, target: Path) -> Path:
    """The same workbook with another zip comment: other bytes and SHA-256, same values."""
    shutil.copyfile(source, target)
    with zipfile.ZipFile(target, "a") as archive:
        archive.comment = b"miljomal benchmark: the same values again"
    return target


# --- the bulk store (cases 5 and 6) ------------------------------------------------------------


def bulk_rows(store: Path):
    """Observations and their revisions for 290 municipalities x 40 indicators x 30 years.

    Yields (observation id, kommunkod, indicator id, year, value, [three revision values]);
    the third revision is the current value.
    """
    obs_id = 0
    for code in municipality_codes():
        rng = random.Random(f"store-{code}")
        for indicator_id, _, _, top, decimals in indicator_rows(store):
            base = base_value(rng, top)
            for step, year in enumerate(STORE_YEARS):
                obs_id += 1
                final = series_value(rng, base, step, top, decimals, 0.01)
                history = [round(final * 0.9, decimals), round(final * 0.95, decimals), final]
                yield obs_id, code, indicator_id, year, final, history


BULK_UPLOADS = [(n, f"bulk-{n}.xlsx", f"{n:064x}") for n in range(1, REVISIONS_PER_VALUE + 1)]
STAMP = "2025-01-15 10:00:00.000000"


def fill_sqlite_store(store: Path) -> int:
    """Write the bulk rows straight into an initialised SQLite store; returns the value count."""
    import sqlite3

    connection = sqlite3.connect(store, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO upload (id, file_name, sha256, size, layout, uploaded_by, uploaded_at, "
        "created, updated, unchanged, rejected, warnings, outcome) "
        "VALUES (?, ?, ?, 0, 'long', 'bench', ?, 0, 0, 0, 0, 0, 'imported')",
        [(n, name, sha, STAMP) for n, name, sha in BULK_UPLOADS],
    )
    observations, revisions = _bulk_tuples(store)
    connection.executemany(
        "INSERT INTO observation (id, municipality_code, indicator_id, year, value, status, "
        "comment, upload_id, updated_at) VALUES (?, ?, ?, ?, ?, 'reported', NULL, ?, ?)",
        observations,
    )
    connection.executemany(
        "INSERT INTO revision (observation_id, upload_id, old_value, old_status, old_comment, "
        "new_value, new_status, new_comment, changed_at, changed_by, reason) "
        "VALUES (?, ?, ?, ?, NULL, ?, 'reported', NULL, ?, 'bench', NULL)",
        revisions,
    )
    connection.execute("COMMIT")
    connection.execute("ANALYZE")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return len(observations)


def _bulk_tuples(store: Path) -> tuple[list[tuple], list[tuple]]:
    observations, revisions = [], []
    last = len(BULK_UPLOADS)
    for obs_id, code, indicator_id, year, final, history in bulk_rows(store):
        observations.append((obs_id, code, indicator_id, year, final, last, STAMP))
        old, old_status = None, None
        for upload, value in enumerate(history, start=1):
            revisions.append((obs_id, upload, old, old_status, value, STAMP))
            old, old_status = value, "reported"
    return observations, revisions


def fill_postgres_store(url: str, store: Path) -> int:
    """The same bulk rows into an initialised PostgreSQL schema, with COPY."""
    import psycopg

    observations, revisions = _bulk_tuples(store)
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO upload (id, file_name, sha256, size, layout, uploaded_by, uploaded_at, "
            "created, updated, unchanged, rejected, warnings, outcome) "
            "VALUES (%s, %s, %s, 0, 'long', 'bench', %s, 0, 0, 0, 0, 0, 'imported')",
            [(n, name, sha, STAMP) for n, name, sha in BULK_UPLOADS],
        )
        with cursor.copy(
            "COPY observation (id, municipality_code, indicator_id, year, value, status, "
            "upload_id, updated_at) FROM STDIN"
        ) as copy:
            for obs_id, code, indicator_id, year, final, upload, stamp in observations:
                copy.write_row((obs_id, code, indicator_id, year, final, "reported", upload, stamp))
        with cursor.copy(
            "COPY revision (observation_id, upload_id, old_value, old_status, new_value, "
            "new_status, changed_at, changed_by) FROM STDIN"
        ) as copy:
            for obs_id, upload, old, old_status, value, stamp in revisions:
                copy.write_row((obs_id, upload, old, old_status, value, "reported", stamp, "bench"))
        for table in ("upload", "observation", "revision"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        cursor.execute("ANALYZE observation")
        cursor.execute("ANALYZE revision")
    return len(observations)
