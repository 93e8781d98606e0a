"""Self-contained HTML documents: inline CSS and SVG charts, nothing fetched from a network.

Readable on a phone (responsive, tables scroll sideways), printable (A4, each chart
section starts a page).  Every text that comes from data goes through :func:`esc`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from reports.documents.common import (
    STATUS_SYMBOLS,
    average_text,
    direction_text,
    is_example,
    no_values_text,
    provenance_text,
    rank_text,
    rate_text,
    summary_rank_text,
    t,
    target_text,
    turn_lines,
    value_with_unit,
)
from reports.model import (
    Completeness,
    CountyComparison,
    IndicatorSummary,
    MunicipalityReport,
    Provenance,
)

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #d9d9d9; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .4rem; }
.sub, .key, .provenance, figcaption { color: var(--muted); font-size: .9rem; }
.example { display: inline-block; border: 2px solid #D55E00; color: #D55E00; font-weight: bold;
  padding: .15rem .5rem; margin: .3rem 0; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: .9rem; min-width: 100%; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid var(--rule); text-align: left;
  vertical-align: top; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.center, th.center { text-align: center; }
tr.total td, tr.total th { font-weight: bold; border-top: 2px solid var(--ink); }
.green { background: #A8DCCB; } .yellow { background: #F8F1A6; }
.red { background: #F3BE9C; } .grey { background: #E4E4E4; }
.s-reported { background: #A8DCCB; } .s-missing { background: #F3BE9C; }
.s-absent { background: #F8F1A6; } .s-not-applicable { background: #fff; }
.trend { white-space: nowrap; font-weight: bold; }
.trend.green { background: none; color: #007A59; } .trend.red { background: none; color: #B34A00; }
.trend.grey { background: none; color: #7F7F7F; }
figure { margin: .5rem 0; }
svg { width: 100%; height: auto; display: block; }
.comments { font-size: .85rem; color: var(--muted); padding-left: 1.2rem; }
.multiples { margin-top: 1rem; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@media (max-width: 40rem) { body { padding: .6rem; } h1 { font-size: 1.3rem; }
  table { font-size: .8rem; }
  /* On a phone the summary becomes one card per indicator instead of a squeezed table. */
  table.summary thead { display: none; }
  table.summary, table.summary tbody, table.summary tr, table.summary td {
    display: block; width: 100%; min-width: 0; }
  table.summary tr { border-bottom: 2px solid var(--rule); padding: .4rem 0; }
  table.summary td { border: none; padding: .1rem .3rem; text-align: left; white-space: normal; }
  table.summary td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
}
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .scroll { overflow: visible; }
  section.chart { break-before: page; page-break-before: always; }
  figure, tr { break-inside: avoid; page-break-inside: avoid; }
  th, .green, .yellow, .red, .grey, .s-reported, .s-missing, .s-absent {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def esc(text: object) -> str:
    """Data text escaped for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def page(title: str, body: Iterable[str], lang: str, provenance: Provenance | None) -> str:
    """The whole document around ``body``, ending with the provenance line."""
    foot = esc(provenance_text(provenance, lang))
    return "".join(
        [
            "<!DOCTYPE html>\n",
            f'<html lang="{"en" if lang == "en" else "sv"}">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="miljomal">\n',
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            *body,
            f'<footer><p class="provenance">{foot}</p></footer>\n</body>\n</html>\n',
        ]
    )


def header(title: str, subtitle: str, example: bool, lang: str) -> str:
    """The document heading with the example-data label when it applies."""
    parts = [f'<header>\n<h1>{esc(title)}</h1>\n<p class="sub">{esc(subtitle)}</p>\n']
    if example:
        parts.append(
            f'<p class="example">{esc(t("example", lang))}</p> '
            f'<span class="sub">{esc(t("example_note", lang))}</span>\n'
        )
    parts.append("</header>\n")
    return "".join(parts)


def write(path: str | Path, text: str) -> Path:
    """Write the document as UTF-8 with Unix newlines."""
    from indicators.output import write_text

    return write_text(path, text, newline="\n")


# ---------------------------------------------------------------------------------------
# Municipality report


def summary_table(report: MunicipalityReport, lang: str) -> str:
    """One row per indicator: latest value, trend, rank colour and target."""
    head = "".join(
        f"<th{cls}>{esc(t(key, lang))}</th>"
        for key, cls in (
            ("indicator", ""),
            ("latest", ' class="num"'),
            ("trend", ""),
            ("rank", ""),
            ("target", ""),
        )
    )
    rows = []
    for row in report.rows:
        ind = row.indicator
        anchor = esc(_anchor(ind.code))
        latest = value_with_unit(row.latest_value, ind, lang, row.latest_year)
        label = {key: esc(t(key, lang)) for key in ("latest", "trend", "rank", "target")}
        rows.append(
            "<tr>"
            f'<td><a href="#{anchor}">{esc(ind.code)}</a> {esc(ind.label(lang))}</td>'
            f'<td class="num" data-label="{label["latest"]}">{esc(latest)}</td>'
            f'<td data-label="{label["trend"]}"><span class="trend {row.trend.colour}">'
            f"{esc(row.trend.symbol)}</span> {esc(row.trend.sentence(lang))}</td>"
            f'<td class="{row.colour}" data-label="{label["rank"]}">'
            f"{esc(summary_rank_text(row, lang))}</td>"
            f'<td data-label="{label["target"]}">'
            f"{esc(target_text(row.target, ind, lang) if row.target else '–')}</td>"
            "</tr>\n"
        )
    return (
        f'<div class="scroll"><table class="summary">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "".join(rows)
        + "</tbody></table></div>\n"
    )


def _anchor(code: str) -> str:
    from reports.documents.common import safe_filename

    return "i-" + safe_filename(code)


def indicator_section(
    report: MunicipalityReport, row: IndicatorSummary, svg: str, lang: str
) -> str:
    """One indicator: heading, the judgement, the chart and the official's comments."""
    from reports.charts import headline

    title, summary = headline(row, lang)
    years = set(report.years)
    comments = sorted((y, c) for y, c in report.comments(row.indicator.code).items() if y in years)
    notes = ""
    if comments:
        items = "".join(f"<li>{year}: {esc(comment)}</li>" for year, comment in comments)
        notes = f'<p class="sub">{esc(t("comments", lang))}:</p><ul class="comments">{items}</ul>\n'
    return (
        f'<section class="chart" id="{esc(_anchor(row.indicator.code))}">\n'
        f"<h2>{esc(title)}</h2>\n<p>{esc(summary)}</p>\n"
        f"<figure>{svg}</figure>\n{notes}</section>\n"
    )


def method_section(lang: str) -> str:
    """The method appendix as HTML paragraphs."""
    from reports.analysis import method_text

    title, _, body = method_text(lang).partition("\n\n")
    paragraphs = "".join(f"<p>{esc(' '.join(p.split()))}</p>\n" for p in body.split("\n\n"))
    return (
        f'<section class="appendix chart">\n<h2>{esc(t("appendix", lang))}</h2>\n'
        f"<h3>{esc(title)}</h3>\n{paragraphs}</section>\n"
    )


def municipality_svgs(report: MunicipalityReport, lang: str) -> list[str]:
    """One inline SVG chart per indicator, drawn on one reused figure."""
    from reports import charts

    width, height = 8.0, 3.9
    fig = charts.new_figure((width, height))
    rect = (0.75 / width, 0.8 / height, (width - 0.9) / width, (height - 1.0) / height)
    svgs = []
    for k, row in enumerate(report.rows):
        ax = fig.add_axes(rect)
        charts.draw_indicator_chart(ax, report, row, lang)
        charts.add_legend(ax, fig, rect[0], 0.42 / height)
        svgs.append(charts.svg_text(fig, salt=f"m{report.municipality_code}-{k}"))
        fig.clear()
    return svgs


def municipality_html(report: MunicipalityReport, lang: str = "sv", example: bool = False) -> str:
    """The municipality report as one HTML string."""
    example = is_example(report.provenance, example)
    title = t("municipality_title", lang, name=report.municipality_name, year=report.year)
    subtitle = t(
        "municipality_subtitle",
        lang,
        code=report.municipality_code,
        county=report.county_name,
        year=report.year,
    )
    body = [
        header(title, subtitle, example, lang),
        "<main>\n",
        f'<section id="summary"><h2>{esc(t("summary", lang))}</h2>\n',
        summary_table(report, lang),
        f'<p class="key">{esc(t("rank_key", lang).split(". ..")[0])}.</p>\n</section>\n',
    ]
    svgs = municipality_svgs(report, lang)
    body += [
        indicator_section(report, row, svg, lang)
        for row, svg in zip(report.rows, svgs, strict=True)
    ]
    body += [method_section(lang), "</main>\n"]
    return page(title, body, lang, report.provenance)


def write_municipality_html(
    report: MunicipalityReport, path: str | Path, lang: str = "sv", example: bool = False
) -> Path:
    """Write the municipality report as a self-contained HTML file."""
    return write(path, municipality_html(report, lang, example))


# ---------------------------------------------------------------------------------------
# County report


def county_table(comparison: CountyComparison, lang: str) -> str:
    """Municipalities x indicators with rank colours, then the county average and median."""
    from reports.documents.pages import cell_text

    head = [f"<th>{esc(t('municipality', lang))}</th>"]
    for ind in comparison.indicators:
        head.append(
            f'<th class="num" title="{esc(direction_text(ind, lang))}">{esc(ind.code)}<br>'
            f"{esc(ind.label(lang))}<br><small>{esc(ind.unit)}</small></th>"
        )
    rows = []
    for m in comparison.municipalities:
        cells = [f"<th>{esc(m.label)}</th>"]
        for ind in comparison.indicators:
            cell = comparison.cells.get((m.code, ind.code))
            colour = cell.colour if cell else "grey"
            tip = ""
            if cell is not None and cell.rank is not None:
                of = comparison.reported.get(ind.code, 0)
                tip = f' title="{esc(rank_text(cell.rank, of, lang))}"'
            cells.append(f'<td class="num {colour}"{tip}>{esc(cell_text(cell, ind, lang))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>\n")
    for key, values in (("county_average", comparison.averages), ("median", comparison.medians)):
        cells = [f"<th>{esc(t(key, lang))}</th>"]
        for ind in comparison.indicators:
            coverage = comparison.coverage(ind.code)
            text = average_text(values.get(ind.code), coverage, ind.decimals + 1, lang)
            cells.append(f'<td class="num">{esc(text)}</td>')
        rows.append('<tr class="total">' + "".join(cells) + "</tr>\n")
    cells = [f"<th>{esc(t('with_value', lang))}</th>"]
    for ind in comparison.indicators:
        cells.append(f'<td class="num">{esc(comparison.coverage(ind.code).short(lang))}</td>')
    rows.append('<tr class="total">' + "".join(cells) + "</tr>\n")
    return (
        f'<div class="scroll"><table>\n<thead><tr>{"".join(head)}</tr></thead>\n<tbody>\n'
        + "".join(rows)
        + "</tbody></table></div>\n"
    )


def turns_note(comparison: CountyComparison, lang: str) -> str:
    """The sharp changes of the report year under the county table, when there are any."""
    lines = turn_lines(comparison, lang)
    if not lines:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    title = t("recent_turns", lang, year=comparison.year)
    return f'<div class="key turns"><p>{esc(title)}:</p><ul>{items}</ul></div>\n'


def county_svgs(comparison: CountyComparison, lang: str) -> list[str]:
    """One small-multiples SVG per indicator, drawn on one reused figure."""
    from reports import charts

    width = 8.0
    cols, rows = charts.small_multiples_grid(len(comparison.municipalities), width - 0.6, 6.0)
    height = 0.9 + rows * 1.75
    fig = charts.new_figure((width, height))
    svgs = []
    for k, indicator in enumerate(comparison.indicators):
        charts.draw_small_multiples(
            fig, (0.05, 0.3, width - 0.2, height - 0.75), comparison, indicator, lang
        )
        svgs.append(charts.svg_text(fig, salt=f"c{comparison.county_code}-{k}"))
        fig.clear()
    return svgs


def county_html(comparison: CountyComparison, lang: str = "sv", example: bool = False) -> str:
    """The county report as one HTML string."""
    example = is_example(comparison.provenance, example)
    title = t("county_title", lang, name=comparison.county_name, year=comparison.year)
    if not comparison.has_values:
        heading, text = no_values_text(comparison, lang)
        return page(
            title,
            [
                header(title, t("county_subtitle", lang, year=comparison.year), example, lang),
                f'<main>\n<section class="empty"><h2>{esc(heading)}</h2>\n'
                f"<p>{esc(text)}</p>\n</section>\n</main>\n",
            ],
            lang,
            comparison.provenance,
        )
    body = [
        header(title, t("county_subtitle", lang, year=comparison.year), example, lang),
        "<main>\n<section>\n",
        county_table(comparison, lang),
        f'<p class="key">{esc(t("rank_key", lang))} {esc(t("coverage_note", lang))}</p>\n',
        turns_note(comparison, lang),
        "</section>\n",
    ]
    for indicator, svg in zip(comparison.indicators, county_svgs(comparison, lang), strict=True):
        body.append(
            f'<section class="chart multiples" id="{esc(_anchor(indicator.code))}">\n'
            f"<h2>{esc(indicator.code)} {esc(indicator.label(lang))}</h2>\n"
            f'<p class="sub">{esc(indicator.unit)} · {esc(direction_text(indicator, lang))}</p>\n'
            f"<figure>{svg}</figure>\n</section>\n"
        )
    body.append("</main>\n")
    return page(title, body, lang, comparison.provenance)


def write_county_html(
    comparison: CountyComparison, path: str | Path, lang: str = "sv", example: bool = False
) -> Path:
    """Write the county report as a self-contained HTML file."""
    return write(path, county_html(comparison, lang, example))


# ---------------------------------------------------------------------------------------
# Completeness


def completeness_html(completeness: Completeness, lang: str = "sv", example: bool = False) -> str:
    """The completeness report as one HTML string."""
    from reports.documents.common import chase_lines

    example = is_example(completeness.provenance, example)
    name = completeness.county_name or t("all_municipalities", lang)
    title = t("completeness_title", lang, year=completeness.year, name=name)
    subtitle = f"{t('rate', lang)}: {rate_text(completeness.rate, lang)}"
    head = [f"<th>{esc(t('municipality', lang))}</th>"]
    head += [
        f'<th class="center" title="{esc(i.label(lang))}">{esc(i.code)}</th>'
        for i in completeness.indicators
    ]
    head.append(f'<th class="num">{esc(t("rate_short", lang))}</th>')
    rows = []
    for m in completeness.municipalities:
        cells = [f"<th>{esc(m.label)}</th>"]
        for i in completeness.indicators:
            status = completeness.cells.get((m.code, i.code), "absent")
            cells.append(
                f'<td class="center s-{status}" title="{esc(t(status, lang))}">'
                f"{esc(STATUS_SYMBOLS[status])}</td>"
            )
        rate = rate_text(completeness.rate_by_municipality.get(m.code), lang)
        cells.append(f'<td class="num">{esc(rate)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>\n")
    totals = [f"<th>{esc(t('rate_short', lang))}</th>"]
    for i in completeness.indicators:
        rate = rate_text(completeness.rate_by_indicator.get(i.code), lang)
        totals.append(f'<td class="center">{esc(rate)}</td>')
    totals.append(f'<td class="num">{esc(rate_text(completeness.rate, lang))}</td>')
    rows.append('<tr class="total">' + "".join(totals) + "</tr>\n")
    lines = chase_lines(completeness, lang)
    chase = (
        "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>\n"
        if lines
        else f"<p>{esc(t('nothing_to_chase', lang))}</p>\n"
    )
    body = [
        header(title, subtitle, is_example(completeness.provenance, example), lang),
        "<main>\n<section>\n",
        f'<p class="key">{esc(t("status_key", lang))}</p>\n',
        f'<div class="scroll"><table>\n<thead><tr>{"".join(head)}</tr></thead>\n<tbody>\n',
        *rows,
        "</tbody></table></div>\n</section>\n",
        f"<section><h2>{esc(t('to_chase', lang))}</h2>\n{chase}</section>\n</main>\n",
    ]
    return page(title, body, lang, completeness.provenance)


def write_completeness_html(
    completeness: Completeness, path: str | Path, lang: str = "sv", example: bool = False
) -> Path:
    """Write the completeness report as a self-contained HTML file."""
    return write(path, completeness_html(completeness, lang, example))
