"""Write the corpus of hostile and broken files the import must refuse.

Small files are kept in this directory (run ``python tests/data/bad/make_bad_files.py`` to
write them again); large ones (a decompression bomb, too many rows or columns) are written
by the tests into a temporary directory with the functions below, never kept in the repo.

Every workbook is built byte by byte from a few XML strings, so nothing here needs
openpyxl, and the output is the same on every run.
"""

from __future__ import annotations

import struct
import sys
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
_STAMP = (2024, 1, 1, 0, 0, 0)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_START = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}">'
)
HEADER = ["Kommunkod", "Indikator", "År", "Värde", "Kommentar"]
ROWS = [["2281", "GN.6", 2023, 5.8, ""], ["2281", "GN.6", 2022, 6.1, ""]]


def workbook_xml(state: str = "visible") -> str:
    """xl/workbook.xml with one sheet named Värden in the given state."""
    hidden = "" if state == "visible" else f' state="{state}"'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN_NS}" '
        f'xmlns:r="{REL_NS}"><sheets><sheet name="Värden" sheetId="1"{hidden} r:id="rId1"/>'
        "</sheets></workbook>"
    )


def _cell(ref: str, value: object) -> str:
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    escaped = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{escaped}</t></is></c>'


def sheet_xml(rows: list[list[object]], prolog: str = "") -> str:
    """A worksheet with the rows as cells (inline strings, numbers), after an optional DTD."""
    body = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            _cell(f"{_letters(column)}{number}", value)
            for column, value in enumerate(row, start=1)
            if value != ""
        )
        body.append(f'<row r="{number}">{cells}</row>')
    start = SHEET_START
    if prolog:
        start = start.replace("\n<worksheet", f"\n{prolog}\n<worksheet", 1)
    return start + "<sheetData>" + "".join(body) + "</sheetData></worksheet>"


def _letters(column: int) -> str:
    text = ""
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


def write_xlsx(
    path: Path,
    rows: list[list[object]] | None = None,
    *,
    sheet: str | None = None,
    state: str = "visible",
) -> Path:
    """A small valid .xlsx (one sheet Värden) with the given rows or the given sheet XML."""
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook_xml(state),
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet or sheet_xml([HEADER, *(rows or ROWS)]),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(zipfile.ZipInfo(name, _STAMP), text, zipfile.ZIP_DEFLATED)
    return path


# --- OLE2 compound files -------------------------------------------------------------------

_NOSTREAM, _ENDOFCHAIN, _FATSECT, _FREE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def write_ole(path: Path, stream_names: list[str]) -> Path:
    """A minimal compound file (CFB v3) whose directory lists the named, empty streams.

    Enough for anything that reads the directory: Excel's encrypted workbooks hold the
    streams ``EncryptionInfo`` and ``EncryptedPackage``, an old .xls a ``Workbook``.
    """
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 4096, _ENDOFCHAIN, 0, _ENDOFCHAIN)
    struct.pack_into("<I", header, 72, 0)
    struct.pack_into("<109I", header, 76, 0, *([_FREE] * 108))
    fat = bytearray(b"\xff" * 512)
    struct.pack_into("<II", fat, 0, _FATSECT, _ENDOFCHAIN)
    entries = [("Root Entry", 5)] + [(name, 2) for name in stream_names]
    if len(entries) > 4:
        raise ValueError("one directory sector holds four entries")
    directory = bytearray()
    for index, (name, kind) in enumerate(entries):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[0 : len(encoded)] = encoded
        child = 1 if kind == 5 and len(entries) > 1 else _NOSTREAM
        right = index + 1 if kind == 2 and index + 1 < len(entries) else _NOSTREAM
        struct.pack_into("<HBBIII", entry, 64, len(encoded), kind, 1, _NOSTREAM, right, child)
        struct.pack_into("<II", entry, 116, _ENDOFCHAIN, 0)
        directory += entry
    directory += b"\x00" * (512 - len(directory))
    for offset in range(len(entries) * 128, 512, 128):
        struct.pack_into("<III", directory, offset + 68, _NOSTREAM, _NOSTREAM, _NOSTREAM)
    path.write_bytes(bytes(header) + bytes(fat) + bytes(directory))
    return path


# --- decompression bombs ------------------------------------------------------------------


def _zip_entry_headers(
    name: bytes, crc: int, packed: int, size: int, offset: int
) -> tuple[bytes, bytes]:
    """The local header and the central directory entry of one deflated member."""
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5821, crc, packed, size, len(name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0x5821,
        crc,
        packed,
        size,
        len(name),
        0,
        0,
        0,
        0,
        0,
        offset,
    )
    return local + name, central + name


def write_zip_bomb(path: Path, inflated_size: int = 2 * 1024**3, *, lie: bool = False) -> Path:
    """An .xlsx whose sheet XML inflates to ``inflated_size`` bytes of spaces (a few MB packed).

    The deflate stream of one MB of spaces is made once and repeated (a full flush between
    the blocks makes them independent), so writing a 2 GB bomb takes well under a second and
    never holds more than a few MB.  With ``lie`` the zip directory states a size of 1 KB
    for the sheet, as a crafted bomb does to pass a check of the declared sizes.
    """
    block_size = 1024 * 1024
    start = SHEET_START.encode() + b"<sheetData>"
    blocks = max(1, (inflated_size - len(start)) // block_size)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(start) + compressor.flush(zlib.Z_FULL_FLUSH)
    spaces = b" " * block_size
    repeated = compressor.compress(spaces) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(start)
    for _ in range(blocks):
        crc = zlib.crc32(spaces, crc)
    size = len(start) + blocks * block_size
    packed = len(head) + blocks * len(repeated) + len(tail)
    if size >= 0xFFFFFFFF:
        raise ValueError("keep the bomb under 4 GB (no zip64 here)")

    small = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook_xml(),
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
    }
    central = b""
    with path.open("wb") as out:
        for name, text in small.items():
            data = text.encode()
            squeezer = zlib.compressobj(9, zlib.DEFLATED, -15)
            deflated = squeezer.compress(data) + squeezer.flush()
            local, entry = _zip_entry_headers(
                name.encode(), zlib.crc32(data), len(deflated), len(data), out.tell()
            )
            out.write(local + deflated)
            central += entry
        stated = 1024 if lie else size
        local, entry = _zip_entry_headers(
            b"xl/worksheets/sheet1.xml", crc, packed, stated, out.tell()
        )
        out.write(local + head)
        for _ in range(blocks):
            out.write(repeated)
        out.write(tail)
        directory_at = out.tell()
        out.write(central + entry)
        count = len(small) + 1
        out.write(
            struct.pack(
                "<IHHHHIIH",
                0x06054B50,
                0,
                0,
                count,
                count,
                len(central + entry),
                directory_at,
                0,
            )
        )
    return path


# --- too large ------------------------------------------------------------------------------


def write_tall_xlsx(path: Path, rows: int) -> Path:
    """A long-table .xlsx with ``rows`` value rows (no dimension element, as some tools write)."""
    body = [HEADER] + [["2281", "GN.6", 2000 + i % 50, i, ""] for i in range(rows)]
    return write_xlsx(path, sheet=sheet_xml(body))


def write_wide_xlsx(path: Path, columns: int) -> Path:
    """A .xlsx whose header row has ``columns`` columns."""
    header = HEADER + [f"Extra {i}" for i in range(columns - len(HEADER))]
    return write_xlsx(path, sheet=sheet_xml([header, ["2281", "GN.6", 2023, 5.8]]))


def write_tall_csv(path: Path, rows: int) -> Path:
    """A long-table CSV with ``rows`` value lines."""
    lines = ["Kommunkod;Indikator;År;Värde"] + [
        f"2281;GN.6;{2000 + i % 50};{i}" for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_wide_csv(path: Path, columns: int) -> Path:
    """A CSV whose second line has ``columns`` fields."""
    wide = ";".join(["2281", "GN.6", "2023", "5,8"] + ["x"] * (columns - 4))
    path.write_text("Kommunkod;Indikator;År;Värde\n" + wide + "\n", encoding="utf-8")
    return path


# --- the small corpus kept in the repository ----------------------------------------------

BILLION_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">' for i in range(1, 10)
    )
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def write_small_corpus(directory: Path = HERE) -> list[Path]:
    """Write the small hostile files kept in the repository; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []

    def keep(path: Path) -> None:
        written.append(path)

    text = directory / "text-renamed.xlsx"
    text.write_text("Kommunkod;Indikator;År;Värde\n2281;GN.6;2023;5,8\n", encoding="utf-8")
    keep(text)
    good = write_xlsx(directory / "good.xlsx")
    keep(good)
    truncated = directory / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) * 2 // 3])
    keep(truncated)
    damaged = bytearray(good.read_bytes())
    sheet_at = damaged.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml") + 40
    damaged[sheet_at] ^= 0xFF  # one byte of the sheet's packed data: its CRC no longer matches
    (directory / "bad-crc.xlsx").write_bytes(bytes(damaged))
    keep(directory / "bad-crc.xlsx")
    empty = directory / "empty.xlsx"
    empty.write_bytes(b"")
    keep(empty)
    keep(write_ole(directory / "encrypted.xlsx", ["EncryptionInfo", "EncryptedPackage"]))
    keep(write_ole(directory / "old-format.xls", ["Workbook", "\x05SummaryInformation"]))
    keep(write_ole(directory / "old-format-renamed.xlsx", ["Workbook"]))
    keep(write_xlsx(directory / "no-visible-sheet.xlsx", state="hidden"))
    laughs = sheet_xml(
        [HEADER, ["2281", "GN.6", 2023, 5.8, "&lol9;"]], prolog=BILLION_LAUGHS
    ).replace("&amp;lol9;", "&lol9;")
    keep(write_xlsx(directory / "billion-laughs.xlsx", sheet=laughs))
    external = sheet_xml(
        [HEADER, ["2281", "GN.6", 2023, 5.8, "&xxe;"]], prolog=EXTERNAL_ENTITY
    ).replace("&amp;xxe;", "&xxe;")
    keep(write_xlsx(directory / "external-entity.xlsx", sheet=external))
    ebcdic = directory / "unknown-encoding.csv"
    ebcdic.write_bytes("Kommunkod;Indikator;År;Värde\n2281;GN.6;2023;5,8\n".encode("cp500"))
    keep(ebcdic)
    dos = directory / "dos-encoding.csv"
    dos.write_bytes("Kommun;Indikator;Year;Value\nHåbo;GN.6;2023;5,8\n".encode("cp850"))
    keep(dos)
    garbage = directory / "binary-garbage.csv"
    garbage.write_bytes(
        b"Kommunkod;Indikator;\xc3\x85r;V\xc3\xa4rde\n2281;GN.6;2023;5,8\n"
        + bytes((i * 37 + 11) % 256 for i in range(600))
    )
    keep(garbage)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for written_path in write_small_corpus(target):
        print(written_path.relative_to(target), written_path.stat().st_size, "bytes")
