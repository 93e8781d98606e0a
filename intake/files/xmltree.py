"""An XML member of a spreadsheet parsed into an element tree, never expanding an entity.

defusedxml refuses entity declarations and external entities, but it does so with the
pure-Python ElementTree parser, whose callbacks make a template's small workbook.xml cost
more to parse than its cells cost to read.  Entities are declared in a DTD, and a DTD
starts with ``<!``: bytes that are surely UTF-8 (no other byte order mark, no NUL, no
other encoding declared) and hold no ``<!`` can declare none, and are parsed by the C
parser of the standard library, which builds the same tree.  Everything else, and
anything the C parser refuses, goes to defusedxml, which keeps its checks and its words.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any
from xml.etree.ElementTree import XML

from defusedxml.ElementTree import fromstring as defused_fromstring

_UTF8_BOM = b"\xef\xbb\xbf"
_DECLARATION = re.compile(rb"<\?xml\s[^>]*?\?>")
_ENCODING = re.compile(rb"""\bencoding\s*=\s*["']([^"']*)["']""")


def parse_xml(data: bytes) -> Any:
    """The root element of ``data``, raising as defusedxml's ``fromstring`` does."""
    if _without_dtd(data):
        # What the C parser refuses, defusedxml refuses too, in the words it always has.
        with contextlib.suppress(Exception):
            return XML(data)
    return defused_fromstring(data)


def _without_dtd(data: bytes) -> bool:
    """True when ``data`` is UTF-8 that surely holds no DTD (no ``<!`` at all)."""
    if b"<!" in data or b"\x00" in data:
        return False
    text = data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data
    if text.startswith((b"\xfe\xff", b"\xff\xfe")):
        return False  # UTF-16 has NULs for ASCII: a BOM without them is broken anyway
    if not text.startswith(b"<?xml"):
        return True  # no declaration: UTF-8, or (with its BOM) UTF-8 surely
    declaration = _DECLARATION.match(text)
    if declaration is None:
        return False
    encoding = _ENCODING.search(declaration.group())
    return encoding is None or encoding.group(1).lower() == b"utf-8"
