"""Small zip members inflated at once, and what a checked zip file hands on to its reader.

`zipfile` opens a member through a shared file, a local-header check and a stream object
that inflates it in small reads: for the dozen small members of a template that is most
of the safety check's time.  `inflated_at_once` inflates a small deflated member from
the file's bytes in one bounded call, and gives its bytes only when `zipfile` would have
given the very same ones without an error; in every other case (a damaged header, a bad
CRC, a size that does not match, another compression, a stream that ends early) it gives
None, and the caller asks `zipfile`, which reports the damage in its own words.

`CheckedZip` is what the safety check learned of a zip file that passed it (the names of
its members and the bytes of the small ones the reader asks for: the styles, the workbook
and its relations, the sheets), handed to the reader of the same bytes so that it does not
parse the zip directory and inflate them again.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from dataclasses import field

# The members of an .xlsx file that the safety check and the reader both look up.
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
STYLES = "xl/styles.xml"

# A member's local header, as zipfile reads it (its structFileHeader and stringFileHeader).
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
# Encrypted, compressed patch data, strong encryption: zipfile refuses or decrypts them.
_UNUSUAL_FLAGS = 0x01 | 0x20 | 0x40
_UTF8_NAME = 0x800


@dataclass(frozen=True)
class CheckedZip:
    """What the safety check learned of a zip file that passed it, for the reader.

    ``names`` are its members' names; ``members`` the bytes of those the check kept, as
    ``zipfile.ZipFile.read`` gives them for the name (the last member of that name).
    """

    names: frozenset[str]
    members: dict[str, bytes] = field(default_factory=dict)

    def knows(self, *names: str) -> bool:
        """True when reading ``names`` needs no zip: each is absent, or its bytes were kept."""
        return all(name not in self.names or name in self.members for name in names)

    def read(self, name: str) -> bytes:
        """A kept member's bytes; KeyError for a member the zip file does not have."""
        return self.members[name]


def inflated_at_once(content: bytes, info: zipfile.ZipInfo, most: int) -> bytes | None:
    """A deflated member of at most ``most`` bytes, inflated as `zipfile` would; else None.

    ``content`` are the bytes of the whole zip file whose directory gave ``info``.  Every
    check `zipfile` makes when it opens and reads a member is made here (the local header's
    signature and name, the flags, the CRC), and more: the stream must end where the
    directory says the member does.  None does not say the member is damaged: only that
    `zipfile` must read it.  The inflated bytes are bounded by ``most`` whatever the
    directory says.
    """
    if (
        info.compress_type != zipfile.ZIP_DEFLATED
        or info.file_size > most
        or info.flag_bits & _UNUSUAL_FLAGS
        or info.header_offset < 0
    ):
        return None
    start = info.header_offset
    header = content[start : start + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size:
        return None
    fields = _LOCAL_HEADER.unpack(header)
    flags, name_length, extra_length = fields[3], fields[10], fields[11]
    if fields[0] != _LOCAL_SIGNATURE:
        return None
    name_start = start + _LOCAL_HEADER.size
    name = content[name_start : name_start + name_length]
    encoding = "utf-8" if flags & _UTF8_NAME else "cp437"
    try:
        # As zipfile decodes it (ZipFile.open), for the same comparison; ASCII reads the
        # same in either, and decodes fastest as ASCII.
        decoded = name.decode("ascii" if name.isascii() else encoding)
    except UnicodeDecodeError:
        return None
    if decoded != info.orig_filename:
        return None
    begin = name_start + name_length + extra_length
    end = begin + info.compress_size
    # Newer Pythons refuse a member that overlaps the next one (a quoted-overlap bomb).
    end_offset = getattr(info, "_end_offset", None)
    if end_offset is not None and end > end_offset:
        return None
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        data = inflater.decompress(memoryview(content)[begin:end], info.file_size + 1)
    except zlib.error:
        return None
    if not inflater.eof or len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        return None
    return data
