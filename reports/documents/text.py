"""Plain-text tables for the terminal (no colours: the symbols carry the meaning)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from i18n import Lang
from reports.documents.common import STATUS_SYMBOLS
from reports.documents.common import chase_lines
from reports.documents.common import is_example
from reports.documents.common import kolada_lines
from reports.documents.common import provenance_text
from reports.documents.common import rate_text
from reports.documents.common import statistics_lines
from reports.documents.common import t
from reports.model.completeness import Completeness


def _width(text: str) -> int:
    """Columns a text takes in a terminal (wide East Asian characters count twice)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """A table with aligned columns; columns whose index is in ``right`` align right."""
    widths = [_width(h) for h in headers]
    for row in rows:
        for k, cell in enumerate(row):
            widths[k] = max(widths[k], _width(cell))

    def line(cells: Sequence[str]) -> str:
        parts = []
        for k, cell in enumerate(cells):
            pad = " " * (widths[k] - _width(cell))
            parts.append(pad + cell if k in right else cell + pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def completeness_text(completeness: Completeness, lang: Lang = "sv", example: bool = False) -> str:
    """Who has reported what, as a terminal table, then the values still to chase."""
    name = completeness.county_name or t("all_municipalities", lang)
    out = [t("completeness_title", lang, year=completeness.year, name=name)]
    if is_example(completeness.provenance, example):
        out.append(f"{t('example', lang)} – {t('example_note', lang)}")
    out.append(t("status_key", lang))
    out.append("")
    indicators = completeness.indicators
    headers = [t("municipality", lang), *(i.code for i in indicators), t("rate_short", lang)]
    rows = []
    for m in completeness.municipalities:
        cells = [m.label]
        for i in indicators:
            cells.append(STATUS_SYMBOLS[completeness.cells.get((m.code, i.code), "absent")])
        cells.append(rate_text(completeness.rate_by_municipality.get(m.code), lang))
        rows.append(cells)
    totals = [t("rate_short", lang)]
    totals += [rate_text(completeness.rate_by_indicator.get(i.code), lang) for i in indicators]
    totals.append(rate_text(completeness.rate, lang))
    rows.append(totals)
    right = set(range(1, len(headers)))
    out.append(render_table(headers, rows, right))
    out.append("")
    lines = chase_lines(completeness, lang)
    out.append(f"{t('to_chase', lang)} ({len(lines)}):")
    out += [f"  {line}" for line in lines] or [f"  {t('nothing_to_chase', lang)}"]
    differing = kolada_lines(completeness, lang)
    if differing:
        out += ["", f"{t('differs_from_kolada', lang)} ({len(differing)}):"]
        out += [f"  {line}" for line in differing]
    statistics = statistics_lines(completeness, lang)
    if statistics:
        out += ["", f"{t('statistics_title', lang)}:"]
        out += [f"  {line}" for line in statistics]
    provenance = provenance_text(completeness.provenance, lang)
    if provenance:
        out += ["", provenance]
    return "\n".join(out)
