"""Writing the site into its folder: changed files only, never through a link, stale ones gone."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

import reports.site.bulk as bulk
import reports.site.headers as headers
from i18n import Lang
from reports.errors import ERRORS
from reports.errors import ReportError
from reports.site.data import SiteData
from reports.site.pages import site_files
from reports.site.settings import SiteSettings
from reports.site.summary import PublishSummary

MANIFEST = ".miljomal-site.json"


class PublishError(ReportError):
    """The site cannot be published (nothing to publish, an unusable output folder)."""


# The manifest lists the site's files (about 60 bytes a file): 16 MiB is 250 000 files,
# far over the whole country's site, and a planted /dev/zero-sized file is never read whole.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
_KINDS = {
    stat.S_IFLNK: "kind-link",
    stat.S_IFIFO: "kind-fifo",
    stat.S_IFCHR: "kind-device",
    stat.S_IFBLK: "kind-device",
    stat.S_IFSOCK: "kind-socket",
    stat.S_IFDIR: "kind-folder",
}


def _first_link(out: Path, relative: str) -> Path:
    """The first folder on the way from ``out`` to ``relative`` that is a symbolic link."""
    parts = Path(relative).parent.parts
    for depth in range(1, len(parts) + 1):
        if (out / Path(*parts[:depth])).is_symlink():
            return Path(*parts[:depth])
    return Path(relative).parent


def _inside(path: Path, root: Path) -> bool:
    """True when ``path``, its symbolic links followed, lies in the folder ``root``."""
    return path.resolve().is_relative_to(root)


def write_site(
    data: SiteData,
    out: Path,
    lang: Lang = "sv",
    *,
    base_url: str | None = None,
    frame_ancestors: str = headers.ANY_SITE,
    settings: SiteSettings | None = None,
) -> PublishSummary:
    """Render every file of the site and write those whose bytes changed."""
    try:
        frame_ancestors = headers.check_frame_ancestors(frame_ancestors)
    except headers.FrameAncestorsError:
        raise PublishError("bad-frame-ancestors", value=frame_ancestors) from None
    try:
        base_url = headers.check_base_url(base_url) if base_url else None
    except headers.BaseUrlError:
        raise PublishError("bad-base-url", value=base_url) from None
    out.mkdir(parents=True, exist_ok=True)
    summary = PublishSummary(out=str(out))
    site_url = base_url.rstrip("/") + "/" if base_url else None
    files = dict(site_files(data, lang, summary, site_url, settings or SiteSettings()))
    files[headers.NGINX_CONF] = headers.nginx_conf(base_url, frame_ancestors).encode("utf-8")
    previous = _read_manifest(out)
    # A folder of the site that is a link out of it (planted, or left from elsewhere) would
    # have the pages written outside: refused before anything is written.
    root = out.resolve()
    earlier_zip = out / bulk.ZIP_PATH
    usable = earlier_zip.is_file() and not earlier_zip.is_symlink() and _inside(earlier_zip, root)
    files[bulk.ZIP_PATH] = bulk.bulk_zip(files, earlier_zip.read_bytes() if usable else None)
    for relative in files:
        if not _inside((out / relative).parent, root):
            raise PublishError("outside-the-site", path=_first_link(out, relative), out=out)
    # A FIFO, a device or a link planted at a page's name would hang publish, fill memory or
    # have a file elsewhere overwritten: refused, also before anything is written.
    for relative in [*files, MANIFEST]:
        _refuse_unless_regular(out, relative)
    for relative, content in files.items():
        target = out / relative
        if _same_bytes(out, relative, content):
            summary.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_new(target, content)
        summary.written.append(relative)
    for relative in sorted(set(previous) - set(files)):
        stale = out / relative
        # Only a regular file of this folder: the manifest is a file anyone with access to
        # the folder could have edited.
        if stale.is_file() and not stale.is_symlink() and _inside(stale, root):
            stale.unlink()
            summary.removed.append(relative)
    manifest = json.dumps(sorted(files), ensure_ascii=False, indent=0).encode("utf-8")
    _write_new(out / MANIFEST, manifest)
    summary.values = sum(len(s.points) for s in data.series.values())
    return summary


def _refuse_unless_regular(out: Path, relative: str) -> None:
    """PublishError unless ``out/relative`` is missing or a regular file (links not followed)."""
    try:
        mode = os.lstat(out / relative).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        kind = ERRORS[_KINDS.get(stat.S_IFMT(mode), "kind-odd")]
        raise PublishError("not-a-regular-file", path=Path(relative), out=out, kind=kind)


def _open_regular(out: Path, relative: str) -> int | None:
    """A descriptor of a regular file, opened without following a link or waiting on a FIFO;
    None when there is none. PublishError for anything else (checked again on the open file,
    so a file swapped after the first check is refused too)."""
    _refuse_unless_regular(out, relative)
    try:
        descriptor = os.open(out / relative, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:  # ELOOP: a link planted since the check
        kind = ERRORS["kind-link"]
        raise PublishError("not-a-regular-file", path=Path(relative), out=out, kind=kind) from exc
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        _refuse_unless_regular(out, relative)
        kind = ERRORS["kind-not-regular"]
        raise PublishError("not-a-regular-file", path=Path(relative), out=out, kind=kind)
    return descriptor


def _read_at_most(out: Path, relative: str, limit: int) -> bytes | None:
    """At most ``limit + 1`` bytes of a regular file; None when there is no file."""
    descriptor = _open_regular(out, relative)
    if descriptor is None:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read(limit + 1)


def _same_bytes(out: Path, relative: str, content: bytes) -> bool:
    """True when the regular file ``out/relative`` holds exactly ``content`` (read no further)."""
    descriptor = _open_regular(out, relative)
    if descriptor is None:
        return False
    with os.fdopen(descriptor, "rb") as handle:
        if os.fstat(handle.fileno()).st_size != len(content):
            return False
        return handle.read(len(content) + 1) == content


def _write_new(target: Path, content: bytes) -> None:
    """Write a fresh file of a random name (O_EXCL, never a planted link) and rename it."""
    descriptor, part = tempfile.mkstemp(
        dir=target.parent, prefix=f".miljomal-{target.name}.", suffix=".part"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.chmod(part, 0o644)  # a public site: readable by the web server
        os.replace(part, target)
    except BaseException:
        Path(part).unlink(missing_ok=True)
        raise


def _read_manifest(out: Path) -> list[str]:
    content = _read_at_most(out, MANIFEST, MAX_MANIFEST_BYTES)
    if content is None:
        return []
    if len(content) > MAX_MANIFEST_BYTES:
        raise PublishError("manifest-too-large", path=MANIFEST, out=out, limit=MAX_MANIFEST_BYTES)
    try:
        listed = json.loads(content.decode("utf-8"))
    except ValueError:
        return []
    if not isinstance(listed, list):
        return []
    return [
        str(p)
        for p in listed
        if isinstance(p, str) and not Path(p).is_absolute() and ".." not in Path(p).parts
    ]
