"""`miljomal publish`: a static public site with open data, from the approved values.

Plain files, no server code: a start page with every municipality and its trend summary,
one page per municipality (every indicator's chart with a data table beside it), one page
per indicator comparing the municipalities, a method page, the accessibility statement
(``tillganglighet.html``) and what the site does with personal data
(``personuppgifter.html``), both linked from every page's footer, a Frictionless Data Package
(``data/datapackage.json``) with CSV beside it, and the DCAT-AP-SE catalogue of that open data
(``datasets/dcat``, ``datasets/dcat.ttl``; reports/site/dcat.py); each chart also has its CSV
and JSON.

Pages are rendered with Jinja2 (autoescape on).  A file is only rewritten when its bytes
change, and files of an earlier publication that are no longer part of the site are
removed (``.miljomal-site.json`` lists what the last publication wrote), so a re-publish
after one municipality's change touches only what that change shows on.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from i18n import Lang, Text
from indicators.csv_out import csv_text
from indicators.numbers import format_number
from indicators.safe_text import safe_filename
from reports import open_data
from reports.analysis import MIN_VALUES, method_text
from reports.documents.templating import environment, stylesheet
from reports.errors import ERRORS, ReportError
from reports.messages import SITE_JUDGEMENTS, SITE_LABELS
from reports.site import bulk, headers, svg
from reports.site.data import (
    JUDGEMENTS,
    SiteData,
    SiteIndicator,
    SiteScope,
    SiteSeries,
    read_site_data,
)
from reports.site.dcat import dcat_files
from reports.site.settings import SiteSettings
from reports.statements import SITE, accessibility_statement, privacy_statement

if TYPE_CHECKING:
    from jinja2 import Environment
    from sqlalchemy.orm import Session

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


@dataclass
class PublishSummary:
    """What a publication did to the output folder."""

    out: str
    pages: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    values: int = 0
    # The options the DCAT catalogue needs that were not given (then it is not written).
    dcat_missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "pages": self.pages,
            "values": self.values,
            "written": len(self.written),
            "unchanged": self.unchanged,
            "removed": len(self.removed),
            "written_files": self.written,
            "removed_files": self.removed,
            "dcat": not self.dcat_missing,
            "dcat_missing": self.dcat_missing,
        }

    def sentence(self, lang: Lang = "sv") -> str:
        text = PUBLISHED(
            lang,
            out=self.out,
            pages=self.pages,
            values=self.values,
            written=len(self.written),
            unchanged=self.unchanged,
            removed=len(self.removed),
        )
        if self.dcat_missing:
            text += "\n" + NO_DCAT(lang, options=", ".join(self.dcat_missing))
        return text


PUBLISHED = Text(
    "Webbplatsen i {out}: {pages} sidor, {values} värden; {written} filer skrivna, "
    "{unchanged} oförändrade, {removed} borttagna.",
    "Site in {out}: {pages} pages, {values} values; {written} files written, "
    "{unchanged} unchanged, {removed} removed.",
)
NO_DCAT = Text(
    "datasets/dcat skrevs inte (katalogen för dataportal.se): ange {options}.",
    "datasets/dcat was not written (the catalogue for dataportal.se): give {options}.",
)


def publish(
    session: Session,
    out: str | Path,
    scope: SiteScope,
    *,
    lang: Lang = "sv",
    base_url: str | None = None,
    frame_ancestors: str = headers.ANY_SITE,
    settings: SiteSettings | None = None,
) -> PublishSummary:
    """Publish the site for a county (default 22), a group or the whole country (``scope``)
    into ``out``.

    ``base_url`` is the site's address (the embed code needs it); ``frame_ancestors`` the
    sites allowed to show the embed pages in a frame.  ``settings`` are the county's: the
    publisher and the statements' organisation (the DCAT catalogue, the statements); what is
    missing is said on the statement pages and in the summary.
    """
    data = read_site_data(session, scope, lang)
    return write_site(
        data,
        Path(out),
        lang,
        base_url=base_url,
        frame_ancestors=frame_ancestors,
        settings=settings,
    )


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
    files = dict(_files(data, lang, summary, site_url, settings or SiteSettings()))
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


# --- rendering -------------------------------------------------------------------------------


def _environment(lang: Lang) -> Environment:
    """The site's templates on the shared ones (layout, statement), in the reader's language."""
    env = environment(Path(__file__).parent / "templates")
    env.globals["t"] = lambda key, **kw: SITE_LABELS(key, lang, **kw)
    env.globals["lang"] = lang
    env.globals["judgement_word"] = lambda j: SITE_JUDGEMENTS(j, lang)
    return env


def _files(
    data: SiteData,
    lang: Lang,
    summary: PublishSummary,
    site_url: str | None = None,
    settings: SiteSettings | None = None,
) -> Iterator[tuple[str, bytes]]:
    settings = settings or SiteSettings()
    env = _environment(lang)
    common = {
        "site": data,
        "source": SITE_LABELS("data_source", lang),
    }
    css = stylesheet() + (Path(__file__).parent / "site.css").read_text(encoding="utf-8")
    yield "style.css", css.encode("utf-8")

    def page(template: str, path: str, **context: Any) -> tuple[str, bytes]:
        root = "../" * path.count("/")
        text = env.get_template(template).render(root=root, **common, **context)
        # An embed page is a chart's frame, not a page of the site: counted as a file only.
        summary.pages += not headers.is_embed(path)
        return path, text.encode("utf-8")

    by_code = {i.code: i for i in data.indicators}
    counts = {m.code: data.trend_counts(m.code) for m in data.municipalities}
    yield page(
        "index.html", "index.html", counts=counts, judgements=JUDGEMENTS, bulk_zip=bulk.ZIP_PATH
    )

    title, *paragraphs = method_text(lang).split("\n\n")
    yield page(
        "method.html",
        "metod.html",
        method_title=title.strip(),
        paragraphs=[p.replace("\n", " ") for p in paragraphs],
    )
    statement = accessibility_statement(settings.organisation, SITE, lang)
    yield page("statement.html", "tillganglighet.html", statement=statement)
    statement = privacy_statement(settings.organisation, lang, SITE)
    yield page("statement.html", "personuppgifter.html", statement=statement)

    for municipality in data.municipalities:
        sections = []
        for indicator in data.indicators:
            found = data.series.get((municipality.code, indicator.code))
            if found is None:
                continue
            base = f"kommun/{municipality.code}/{indicator.file_name}"
            embed_path = f"{headers.EMBED_FOLDER}{municipality.code}/{indicator.file_name}.html"
            title = f"{indicator.label(lang)}, {municipality.name}"
            draw = partial(
                svg.line_chart,
                [(p.year, p.value, p.preliminary) for p in found.points],
                title=title,
                unit=indicator.unit,
                decimals=indicator.decimals,
                lang=lang,
                target=(found.target.year, found.target.value) if found.target else None,
                target_label=SITE_LABELS("target", lang),
                chart_id=f"c-{indicator.anchor}",
                desc=_chart_description(found, indicator, municipality.name, lang),
            )
            chart = draw()
            data_date = found.updated.isoformat() if found.updated else "–"
            kolada_years = ", ".join(str(p.year) for p in found.points if p.from_kolada)
            yield f"{base}.csv", _series_csv(found)
            yield f"{base}.json", _series_json(found, indicator, municipality.name)
            yield (
                f"{base}.svg",
                draw(
                    notes=[
                        SITE_LABELS("short_source", lang),
                        *(
                            [SITE_LABELS("kolada_years", lang, years=kolada_years)]
                            if kolada_years
                            else []
                        ),
                        f"{SITE_LABELS('data_date', lang)} {data_date}.",
                    ],
                    link=(
                        f"../{municipality.code}.html#{indicator.anchor}",
                        SITE_LABELS("data_table", lang),
                    ),
                    standalone=True,
                ).encode("utf-8"),
            )
            yield page(
                "embed.html",
                embed_path,
                municipality=municipality,
                indicator=indicator,
                chart=Markup(chart),  # built by svg.py, every text escaped
                data_date=data_date,
                kolada_years=kolada_years,
                page_link=f"kommun/{municipality.code}.html#{indicator.anchor}",
                files=base,
            )
            sections.append(
                {
                    "indicator": indicator,
                    "series": found,
                    "chart": Markup(chart),  # built by svg.py, every text escaped
                    "anchor": indicator.anchor,
                    "files": f"{municipality.code}/{indicator.file_name}",
                    "caveats": _caveats(found, indicator, lang),
                    "embed_code": _embed_code(embed_path, title, site_url),
                    "embed_path": embed_path,
                    "relative_embed": site_url is None,
                }
            )
        yield page(
            "municipality.html",
            f"kommun/{municipality.code}.html",
            municipality=municipality,
            sections=sections,
            counts=counts[municipality.code],
            data_date=data.data_date(municipality=municipality.code),
        )

    for indicator in data.indicators:
        rows = [
            (m, data.series.get((m.code, indicator.code)))
            for m in data.municipalities
            if (m.code, indicator.code) in data.series
        ]
        years = sorted({p.year for _, s in rows if s for p in s.points})
        latest_year = max(
            (p.year for _, s in rows if s for p in s.points if p.status == "reported"),
            default=None,
        )
        bars = []
        for m, found in rows:
            point = (
                next((p for p in found.points if p.year == latest_year), None) if found else None
            )
            value = point.value if point and point.status == "reported" else None
            bars.append((m.name, value, bool(point and point.preliminary)))
        chart = svg.bar_chart(
            bars,
            title=f"{indicator.label(lang)} {latest_year or ''}".strip(),
            decimals=indicator.decimals,
            lang=lang,
        )
        yield f"indikator/{indicator.file_name}.csv", _indicator_csv(rows)
        yield f"indikator/{indicator.file_name}.json", _indicator_json(rows, indicator)
        yield page(
            "indicator.html",
            f"indikator/{indicator.file_name}.html",
            indicator=indicator,
            rows=rows,
            years=years[-6:],
            latest_year=latest_year,
            chart=Markup(chart),
            data_date=data.data_date(indicator=indicator.code),
            kolada_values=any(p.from_kolada for _, s in rows if s for p in s.points),
        )

    yield from _data_package(data, by_code)
    summary.dcat_missing = settings.missing_for_dcat()
    if not summary.dcat_missing:
        yield from dcat_files(data, settings)


EMBED_WIDTH, EMBED_HEIGHT = 600, 440


def _embed_code(path: str, title: str, site_url: str | None) -> str:
    """The ``<iframe>`` a municipality pastes into its own page to show one chart."""
    src = f"{site_url}{path}" if site_url else path
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="{EMBED_WIDTH}" '
        f'height="{EMBED_HEIGHT}" style="border: 0; max-width: 100%" loading="lazy"></iframe>'
    )


def _chart_description(
    found: SiteSeries, indicator: SiteIndicator, municipality: str, lang: Lang
) -> str:
    """What the chart shows, in a sentence or three, for a screen reader's user."""
    years = [p.year for p in found.points]
    reported = [p for p in found.points if p.status == "reported" and p.value is not None]
    text = SITE_LABELS(
        "chart_desc",
        lang,
        indicator=f"{indicator.code} {indicator.label(lang)}",
        municipality=municipality,
        first=min(years),
        last=max(years),
    )
    if reported:
        latest = reported[-1]
        text += " " + SITE_LABELS(
            "chart_latest",
            lang,
            value=format_number(latest.value, indicator.decimals, lang),
            unit=indicator.unit,
            year=latest.year,
        )
    text += " " + found.trend.sentence(lang) + "."
    if found.target:
        text += (
            " "
            + SITE_LABELS(
                "target_for",
                lang,
                value=format_number(found.target.value, indicator.decimals, lang),
                year=found.target.year,
                owner=SITE_LABELS("owner_" + found.target.owner, lang),
            )
            + "."
        )
    return text


def _caveats(found: SiteSeries, indicator: SiteIndicator, lang: Lang) -> list[str]:
    notes = []
    if indicator.reported_by == "central":
        notes.append(SITE_LABELS("reported_centrally", lang))
    gaps = [str(p.year) for p in found.points if p.status != "reported"]
    if gaps:
        notes.append(f"{SITE_LABELS('gaps', lang)}: {', '.join(gaps)}.")
    if found.trend.judgement == "too-few-values":
        notes.append(SITE_LABELS("too_few", lang, n=MIN_VALUES))
    return notes


# --- open data ---------------------------------------------------------------------------


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    """UTF-8 CSV; text a spreadsheet would run as a formula gets a leading apostrophe."""
    return csv_text(header, rows, lineterminator="\n").encode("utf-8")


def _plain(value: float | None) -> float | int | str:
    """A number for machines (a point for decimals, no thousands separator); empty for none.

    Returned as a number so that the CSV writer never takes a negative value for text.
    """
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else float(value)


def _series_csv(found: SiteSeries) -> bytes:
    return _csv(
        ["year", "value", "status", "comment", "preliminary"],
        [
            [p.year, _plain(p.value), p.status, p.comment or "", str(p.preliminary).lower()]
            for p in found.points
        ],
    )


def _series_json(found: SiteSeries, indicator: SiteIndicator, name: str) -> bytes:
    data = {
        "municipality": found.municipality,
        "municipality_name": name,
        "indicator": indicator.code,
        "indicator_name": indicator.name,
        "unit": indicator.unit,
        "trend": found.trend.judgement,
        "target": (
            {"value": found.target.value, "year": found.target.year} if found.target else None
        ),
        "points": [
            {
                "year": p.year,
                "value": p.value,
                "status": p.status,
                "comment": p.comment,
                "preliminary": p.preliminary,
            }
            for p in found.points
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _indicator_csv(rows: list[tuple[Any, SiteSeries | None]]) -> bytes:
    return _csv(
        ["municipality", "municipality_name", "year", "value", "status", "preliminary"],
        [
            [m.code, m.name, p.year, _plain(p.value), p.status, str(p.preliminary).lower()]
            for m, found in rows
            if found
            for p in found.points
        ],
    )


def _indicator_json(rows: list[tuple[Any, SiteSeries | None]], indicator: SiteIndicator) -> bytes:
    data = {
        "indicator": indicator.code,
        "indicator_name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "municipalities": [
            {
                "municipality": m.code,
                "municipality_name": m.name,
                "trend": found.trend.judgement,
                "points": [
                    {"year": p.year, "value": p.value, "status": p.status} for p in found.points
                ],
            }
            for m, found in rows
            if found
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


STATUS_ENUM = ["reported", "missing", "not-applicable"]


def _csv_resource(
    name: str, fields: list[dict[str, Any]], primary_key: list[str], **schema: Any
) -> dict[str, Any]:
    """One CSV file of the data package, as a Frictionless tabular data resource."""
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": fields,
            "missingValues": [""],
            "primaryKey": primary_key,
            **schema,
        },
    }


def _data_package(data: SiteData, by_code: dict[str, SiteIndicator]) -> Iterator[tuple[str, bytes]]:
    """A Frictionless Data Package: observations, indicators, municipalities, with schemas."""
    names = {m.code: m.name for m in data.municipalities}
    observations = [
        [
            s.municipality,
            names[s.municipality],
            s.indicator,
            p.year,
            _plain(p.value),
            p.status,
            p.comment or "",
            str(not p.preliminary).lower(),
        ]
        for s in sorted(data.series.values(), key=lambda s: (s.municipality, s.indicator))
        for p in s.points
    ]
    yield (
        "data/observations.csv",
        # The open data's columns; the site publishes one set, so without indicator_set.
        _csv([c for c in open_data.COLUMNS if c != "indicator_set"], observations),
    )
    yield (
        "data/indicators.csv",
        _csv(
            ["code", "name", "name_en", "unit", "direction", "decimals", "source"],
            [
                [i.code, i.name, i.name_en, i.unit, i.direction, i.decimals, i.source or ""]
                for i in by_code.values()
            ],
        ),
    )
    yield (
        "data/municipalities.csv",
        _csv(
            ["code", "name", "county"],
            [[m.code, m.name, m.county_code] for m in data.municipalities],
        ),
    )
    code_pattern = {"pattern": "^[0-9]{4}$", "required": True}
    package = {
        "name": "miljomal-" + safe_filename(data.scope_name),
        "title": data.title,
        "description": SITE_LABELS("data_source", "sv"),
        "profile": "tabular-data-package",
        # The data's date (not the publishing time), so an unchanged store republishes
        # byte for byte.
        "created": data.data_date() + "T00:00:00Z" if data.series else None,
        "sources": [{"title": SITE_LABELS("data_source", "sv")}],
        "resources": [
            _csv_resource(
                "observations",
                [
                    {"name": "municipality", "type": "string", "constraints": code_pattern},
                    {"name": "municipality_name", "type": "string"},
                    {"name": "indicator", "type": "string", "constraints": {"required": True}},
                    {"name": "year", "type": "integer", "constraints": {"required": True}},
                    {"name": "value", "type": "number"},
                    {
                        "name": "status",
                        "type": "string",
                        "constraints": {"required": True, "enum": STATUS_ENUM},
                    },
                    {"name": "comment", "type": "string"},
                    {"name": "approved", "type": "boolean"},
                ],
                ["municipality", "indicator", "year"],
                foreignKeys=[
                    {
                        "fields": "municipality",
                        "reference": {"resource": "municipalities", "fields": "code"},
                    },
                    {
                        "fields": "indicator",
                        "reference": {"resource": "indicators", "fields": "code"},
                    },
                ],
            ),
            _csv_resource(
                "indicators",
                [
                    {"name": "code", "type": "string", "constraints": {"required": True}},
                    {"name": "name", "type": "string"},
                    {"name": "name_en", "type": "string"},
                    {"name": "unit", "type": "string"},
                    {
                        "name": "direction",
                        "type": "string",
                        "constraints": {"enum": ["higher", "lower"]},
                    },
                    {"name": "decimals", "type": "integer"},
                    {"name": "source", "type": "string"},
                ],
                ["code"],
            ),
            _csv_resource(
                "municipalities",
                [
                    {"name": "code", "type": "string", "constraints": code_pattern},
                    {"name": "name", "type": "string"},
                    {"name": "county", "type": "string"},
                ],
                ["code"],
            ),
        ],
    }
    yield (
        "data/datapackage.json",
        json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8"),
    )
