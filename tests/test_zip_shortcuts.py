"""The precheck's shortcuts give what zipfile and defusedxml give, or leave the work to them.

A small zip member is inflated at once (`intake.files.zipped.inflated_at_once`) only when
zipfile would read the very same bytes without an error; DTD-free XML is parsed by the C
parser (`intake.files.xmltree.parse_xml`) into the tree defusedxml builds, and everything
else still goes to defusedxml, entities refused.  The reader takes the members the precheck
read (`CheckedZip`) and finds the same values, formats and problems as when it reads the
zip itself.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from xml.etree.ElementTree import tostring

import pytest
from defusedxml import EntitiesForbidden
from defusedxml.ElementTree import fromstring as defused_fromstring

from intake.files.limits import Limits
from intake.files.xmltree import parse_xml
from intake.files.zipped import inflated_at_once
from intake.reading import FileReading
from intake.safety import prechecked

DATA = Path(__file__).parent / "data"
WORKBOOKS = sorted([*DATA.glob("*.xlsx"), *DATA.glob("*.ods"), *(DATA / "real").glob("*.xlsx")])


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _patched(content: bytes, name: str, offset: int, fmt: str, value: int) -> bytes:
    """``content`` with a field of member ``name``'s local header and directory entry set.

    ``offset`` is the field's place in the local header; in the directory entry it is 2
    bytes further on.
    """
    archive = zipfile.ZipFile(io.BytesIO(content))
    data = bytearray(content)
    struct.pack_into(fmt, data, archive.getinfo(name).header_offset + offset, value)
    entry = archive.start_dir
    while data[entry : entry + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<3H", data, entry + 28)
        if data[entry + 46 : entry + 46 + name_length] == name.encode():
            struct.pack_into(fmt, data, entry + offset + 2, value)
        entry += 46 + name_length + extra_length + comment_length
    return bytes(data)


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_member_of_every_workbook_reads_as_zipfile_reads_it(path: Path) -> None:
    content = path.read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(content))
    for info in archive.infolist():
        whole = inflated_at_once(content, info, 1024 * 1024)
        if info.compress_type == zipfile.ZIP_DEFLATED and info.file_size <= 1024 * 1024:
            assert whole == archive.read(info), info.filename
        else:
            assert whole is None


def test_a_damaged_member_is_left_to_zipfile() -> None:
    sheet = b"<worksheet>" + b"<row/>" * 100 + b"</worksheet>"
    content = _zip({"xl/worksheets/sheet1.xml": sheet})
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo("xl/worksheets/sheet1.xml")
    assert inflated_at_once(content, info, 1 << 20) == sheet
    damaged = {
        # CRC, inflated size (smaller, larger), packed size, compression method, flags
        "crc": _patched(content, info.filename, 14, "<I", info.CRC ^ 1),
        "smaller": _patched(content, info.filename, 22, "<I", info.file_size - 1),
        "larger": _patched(content, info.filename, 22, "<I", info.file_size + 1),
        "packed": _patched(content, info.filename, 18, "<I", info.compress_size - 2),
        "stored": _patched(content, info.filename, 8, "<H", 0),
        "encrypted": _patched(content, info.filename, 6, "<H", 1),
    }
    for what, data in damaged.items():
        found = zipfile.ZipFile(io.BytesIO(data)).getinfo(info.filename)
        assert inflated_at_once(data, found, 1 << 20) is None, what
    renamed = content.replace(b"xl/worksheets/sheet1.xml", b"xl/worksheets/sheet2.xml", 1)
    assert inflated_at_once(renamed, info, 1 << 20) is None  # the local header's name
    assert inflated_at_once(content, info, len(sheet) - 1) is None  # over the bound


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/styles.xml"])
def test_a_bad_crc_is_reported_in_zipfiles_words(tmp_path: Path, member: str) -> None:
    content = (DATA / "template_sv.xlsx").read_bytes()
    crc = zipfile.ZipFile(io.BytesIO(content)).getinfo(member).CRC
    path = tmp_path / "bad-crc.xlsx"
    path.write_bytes(_patched(content, member, 14, "<I", crc ^ 1))
    reading = FileReading(path)
    reading.read()
    (problem,) = reading.precheck()
    assert problem.code == "truncated-file"
    assert problem.params["detail"] == f"Bad CRC-32 for file {member!r}"


XML_WITHOUT_DTD = [
    b'<?xml version="1.0" encoding="UTF-8"?><a xmlns="urn:x" b="1"><c>t&amp;&#65;</c>x</a>',
    b"\xef\xbb\xbf<a><b state='hidden' name='V\xc3\xa4rden'/></a>",
    b"<a><b/>",  # not well-formed: the same error either way
    b"<a>&foo;</a>",  # an undeclared entity
    b"  <?xml version='1.0'?><a/>",  # a declaration not at the start
]


@pytest.mark.parametrize("data", XML_WITHOUT_DTD)
def test_xml_without_a_dtd_parses_as_defusedxml_parses_it(data: bytes) -> None:
    try:
        expected = tostring(defused_fromstring(data))
    except Exception as exc:
        with pytest.raises(type(exc)) as raised:
            parse_xml(data)
        assert str(raised.value) == str(exc)
    else:
        assert tostring(parse_xml(data)) == expected


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>',
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'.encode(
            "utf-16"
        ),
        b'<?xml version="1.0" encoding="ISO-8859-1"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
    ],
)
def test_an_entity_is_never_expanded(data: bytes) -> None:
    with pytest.raises(EntitiesForbidden):
        parse_xml(data)


@pytest.mark.parametrize(
    "name",
    [
        "template_sv.xlsx",
        "real/template_error_cells.xlsx",  # its cells' errors, from the sheet's XML
        "template_formula_uncached.xlsx",  # formulas without a cached value
        "long_percent.xlsx",  # percent formats
    ],
)
def test_the_reader_takes_what_the_precheck_read(name: str) -> None:
    reading = FileReading(DATA / name)
    reading.read()
    assert reading.precheck() == []
    archive = reading._archive
    assert archive is not None
    assert {"xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} <= set(
        archive.members
    )
    assert any(member.startswith("xl/worksheets/") for member in archive.members)
    handed = reading.extract()
    assert reading._archive is None  # not sent to the importer with the reading
    alone = FileReading(DATA / name)
    alone.read()
    assert handed == alone.extract()


def test_the_styles_of_a_zip_directory_stored_twice_are_the_last_ones(tmp_path: Path) -> None:
    # zipfile reads the last member of a name; so does what the precheck hands on.
    template = zipfile.ZipFile(DATA / "template_sv.xlsx")
    members = {info.filename: template.read(info) for info in template.infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("xl/styles.xml", members["xl/styles.xml"] + b" ")
    twice = tmp_path / "twice.xlsx"
    twice.write_bytes(buffer.getvalue())
    found = prechecked(twice, limits=Limits(), content=buffer.getvalue())
    assert found.report.problems == []
    assert found.archive is not None
    assert found.archive.members["xl/styles.xml"] == members["xl/styles.xml"] + b" "
