"""The bulk download: every open-data file of the site in one zip, valid when unzipped.

The zip holds ``datapackage.json`` and the files its resources name, side by side as in
``data/``, so ``frictionless validate datapackage.json`` passes in the unzipped folder.
The bytes depend on the data alone (names sorted, a fixed timestamp, fixed permissions), and
the zip's comment carries the SHA-256 of its members: a publication whose open data did
not change reuses the zip already in the folder instead of compressing it again.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping

ZIP_PATH = "data/miljomal-oppna-data.zip"
DATA_FOLDER = "data/"
PACKAGE = "datapackage.json"
# The earliest time a zip can hold (MS-DOS dates start in 1980): the same bytes on every run.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
HASH_PREFIX = b"sha256:"


def members(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The zip's members by name: ``datapackage.json`` and each resource file it names."""
    package = files[DATA_FOLDER + PACKAGE]
    names = [PACKAGE] + [str(resource["path"]) for resource in json.loads(package)["resources"]]
    return {name: files[DATA_FOLDER + name] for name in sorted(names)}


def content_hash(found: Mapping[str, bytes]) -> str:
    """SHA-256 over the members' names and bytes, in name order."""
    digest = hashlib.sha256()
    for name in sorted(found):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(found[name]).digest())
    return digest.hexdigest()


def stored_hash(existing: bytes | None) -> str | None:
    """The content hash an earlier zip carries in its comment, if it is one of ours."""
    if not existing:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(existing)) as archive:
            comment = archive.comment
    except (zipfile.BadZipFile, OSError):
        return None
    if not comment.startswith(HASH_PREFIX):
        return None
    return comment[len(HASH_PREFIX) :].decode("ascii", "replace")


def build_zip(found: Mapping[str, bytes]) -> bytes:
    """A deterministic zip of the members: sorted names, fixed time and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(found):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine publishes
            archive.writestr(info, found[name], compresslevel=9)
        archive.comment = HASH_PREFIX + content_hash(found).encode("ascii")
    return buffer.getvalue()


def bulk_zip(files: Mapping[str, bytes], existing: bytes | None = None) -> bytes:
    """The zip of the site's open data; ``existing`` is kept when its content hash matches."""
    found = members(files)
    if existing is not None and stored_hash(existing) == content_hash(found):
        return existing
    return build_zip(found)
