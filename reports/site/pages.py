"""Rendering the site: every page (Jinja2 templates, SVG charts) and file, as bytes by path."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from markupsafe import Markup

import reports.site.bulk as bulk
import reports.site.headers as headers
import reports.site.svg as svg
from i18n import Lang
from indicators.numbers import format_number
from reports.analysis import MIN_VALUES
from reports.analysis import method_text
from reports.documents.templating import environment
from reports.documents.templating import stylesheet
from reports.messages import SITE_JUDGEMENTS
from reports.messages import SITE_LABELS
from reports.site.data import JUDGEMENTS
from reports.site.data import SiteData
from reports.site.data import SiteIndicator
from reports.site.data import SiteSeries
from reports.site.dcat import dcat_files
from reports.site.downloads import data_package
from reports.site.downloads import indicator_csv
from reports.site.downloads import indicator_json
from reports.site.downloads import series_csv
from reports.site.downloads import series_json
from reports.site.settings import SiteSettings
from reports.site.summary import PublishSummary
from reports.statements import SITE
from reports.statements import accessibility_statement
from reports.statements import privacy_statement

if TYPE_CHECKING:
    from jinja2 import Environment


def _environment(lang: Lang) -> Environment:
    """The site's templates on the shared ones (layout, statement), in the reader's language."""
    env = environment(Path(__file__).parent / "templates")
    env.globals["t"] = lambda key, **kw: SITE_LABELS(key, lang, **kw)
    env.globals["lang"] = lang
    env.globals["judgement_word"] = lambda j: SITE_JUDGEMENTS(j, lang)
    return env


def site_files(
    data: SiteData,
    lang: Lang,
    summary: PublishSummary,
    site_url: str | None = None,
    settings: SiteSettings | None = None,
) -> Iterator[tuple[str, bytes]]:
    """Every file of the site as (path, bytes), counting its pages in ``summary``."""
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
            yield f"{base}.csv", series_csv(found)
            yield f"{base}.json", series_json(found, indicator, municipality.name)
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
        yield f"indikator/{indicator.file_name}.csv", indicator_csv(rows)
        yield f"indikator/{indicator.file_name}.json", indicator_json(rows, indicator)
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

    yield from data_package(data, by_code)
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
