"""What every document shares: its labels (`t`), value texts, safe file names, time.

Nothing here imports matplotlib or openpyxl, so the CLI can use it on any path.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Protocol

from i18n import Lang
from indicators.numbers import format_number
from indicators.numbers import format_percent
from indicators.safe_text import safe_filename as safe_filename  # shared, re-exported
from reports.errors import ReportError
from reports.messages import LABELS
from reports.messages import MESSAGES
from reports.model.completeness import Completeness
from reports.model.county import CountyComparison
from reports.model.county import CountyTable
from reports.model.judgements import TargetStatus
from reports.model.municipality import IndicatorSummary
from reports.model.municipality import MunicipalityReport
from reports.model.series import ABSENT
from reports.model.series import Coverage
from reports.model.series import IndicatorMeta
from reports.model.sources import Provenance


class Dated(Protocol):
    """Anything with the time a document's data was read (a report's provenance)."""

    @property
    def made_at(self) -> dt.datetime: ...


class DocumentError(ReportError):
    """A document cannot be written (unknown format, unusable output path)."""


# Status symbols as in Swedish official statistics; "absent" has no row at all.
STATUS_SYMBOLS = {"reported": "✓", "missing": "..", "not-applicable": ".", ABSENT: "–"}


def t(key: str, lang: Lang = "sv", **values: object) -> str:
    """The document label ``key`` (`reports.messages.LABELS`) in the reader's language."""
    return LABELS(key, lang, **values)


def value_text(value: float | None, decimals: int | None, lang: Lang = "sv") -> str:
    """A value with the indicator's decimals (``12,5``), or an empty string for none."""
    return format_number(value, decimals, lang)


def value_with_unit(
    value: float | None, indicator: IndicatorMeta, lang: Lang = "sv", year: int | None = None
) -> str:
    """``12,5 %`` or ``1 234 kg/person``, with ``(2023)`` when the year is given."""
    if value is None:
        return "–"
    number = format_number(value, indicator.decimals, lang)
    unit = indicator.unit
    if unit == "%":
        text = MESSAGES("percent", lang, number=number)
    else:
        text = f"{number} {unit}" if unit else number
    return f"{text} ({year})" if year is not None else text


def direction_text(indicator: IndicatorMeta, lang: Lang = "sv") -> str:
    """``högre är bättre`` / ``lower is better``."""
    return t("better_higher" if indicator.direction == "higher" else "better_lower", lang)


def rank_text(rank: int | None, of: int, lang: Lang = "sv") -> str:
    """``2 av 7``, or ``–`` without a rank (the grey colour says "no value")."""
    if rank is None or of <= 0:
        return "–"
    return t("of", lang, rank=rank, n=of)


def summary_rank_text(row: IndicatorSummary, lang: Lang = "sv") -> str:
    """The rank with its coverage: ``2 av 7``, ``2 av 5 med värde (7 i länet)``,
    or ``för få värden (1 av 7)`` when fewer than half the county's municipalities have one."""
    coverage = row.rank_coverage
    if row.rank is None or coverage is None or coverage.count >= coverage.of:
        return rank_text(row.rank, row.rank_of, lang)
    if not coverage.enough:
        return coverage.text(lang)
    return t("of_with_value", lang, rank=row.rank, n=row.rank_of, size=coverage.of)


def average_text(
    value: float | None, coverage: Coverage | None, decimals: int | None, lang: Lang = "sv"
) -> str:
    """An average for a table: the value, or ``för få värden (1 av 7)`` below the threshold."""
    if coverage is not None and not coverage.enough:
        return coverage.text(lang)
    return value_text(value, decimals, lang)


def accessible_version(path: str | Path, lang: Lang = "sv") -> str:
    """The line a PDF carries to name its accessible HTML twin (same name, ``.html``)."""
    name = Path(path).name
    if name in ("", "-"):  # written to standard output: no file name to point to
        name = MESSAGES("report-file", lang)
    return t("accessible_version", lang, name=Path(name).with_suffix(".html").name)


def municipality_heading(report: MunicipalityReport, lang: Lang = "sv") -> tuple[str, str]:
    """Title and subtitle of the municipality report, the same in HTML and PDF."""
    title = t("municipality_title", lang, name=report.municipality_name, year=report.year)
    subtitle = t(
        "municipality_subtitle",
        lang,
        code=report.municipality_code,
        county=report.county_name,
        year=report.year,
    )
    return title, subtitle


def no_values_text(comparison: CountyTable, lang: Lang = "sv") -> tuple[str, str]:
    """Heading and text of the page a county without any value for the year gets."""
    if comparison.other_sets:
        return (
            t("no_values_in_set", lang, year=comparison.year, set=comparison.set_code),
            t(
                "no_values_in_set_text",
                lang,
                year=comparison.year,
                set=comparison.set_code,
                others=", ".join(comparison.other_sets),
                county=comparison.county_code,
            ),
        )
    return (
        t("no_values_year", lang, year=comparison.year),
        t(
            "no_values_text",
            lang,
            n=len(comparison.municipalities),
            year=comparison.year,
            county=comparison.county_code,
        ),
    )


def turn_lines(comparison: CountyComparison, lang: Lang = "sv") -> list[str]:
    """The county table's note on sharp latest changes: ``Timrå GN.7: 2025 ökade …``."""
    names = {m.code: m.label for m in comparison.municipalities}
    order = {i.code: k for k, i in enumerate(comparison.indicators)}
    codes = [m.code for m in comparison.municipalities]
    keys = sorted(comparison.turns, key=lambda key: (order.get(key[1], 0), codes.index(key[0])))
    return [
        f"{names.get(m, m)} {i}: {comparison.turns[(m, i)].text(lang)}"
        + (f" ({t('against', lang)})" if comparison.turns[(m, i)].against_direction else "")
        for m, i in keys
    ]


def target_text(target: TargetStatus | None, indicator: IndicatorMeta, lang: Lang = "sv") -> str:
    """``12,0 % till 2030: I fas med målet`` or ``inget mål``."""
    if target is None:
        return t("no_target", lang)
    text = t(
        "target_text",
        lang,
        value=value_with_unit(target.target_value, indicator, lang),
        year=target.target_year,
        status=target.sentence(lang),
    )
    if target.owner == "county":
        text += t("county_owner", lang)
    elif target.owner == "national":
        text += t("national_owner", lang)
    return text


def rate_text(rate: float | None, lang: Lang = "sv") -> str:
    """A reporting rate (0-1) in percent: ``86 %``; ``–`` when nothing is applicable."""
    return "–" if rate is None else format_percent(rate * 100, 0, lang)


def status_label(status: str, lang: Lang = "sv") -> str:
    """``rapporterat`` / ``saknas`` / ``ej tillämpligt`` / ``ej inlämnat``."""
    return t(status, lang)


def is_example(provenance: Provenance | None, example: bool = False) -> bool:
    """Whether a document shows the example-data label: asked for, or read from provenance."""
    return example or bool(provenance and provenance.example)


def provenance_text(provenance: Provenance | None, lang: Lang = "sv") -> str:
    """The provenance line that ends every document (empty without provenance)."""
    return provenance.line(lang) if provenance else ""


def source_date() -> dt.datetime | None:
    """The fixed time from ``SOURCE_DATE_EPOCH`` (naive UTC), None when it is not set."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        seconds = int(raw)
    except ValueError:
        return None
    return dt.datetime.fromtimestamp(seconds, dt.UTC).replace(tzinfo=None)


def document_time(provenance: Dated | None = None) -> dt.datetime:
    """The time stamped into a file's metadata: SOURCE_DATE_EPOCH, else the report's own time."""
    fixed = source_date()
    if fixed is not None:
        return fixed
    if provenance is not None:
        return provenance.made_at
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def chase_lines(completeness: Completeness, lang: Lang) -> list[str]:
    """The values still to chase, one line each: ``Sundsvall (2281): GN.6 … – saknas``.

    A municipality that has sent nothing for the year is one line, first:
    ``Ånge (2260): ingen fil inlämnad för 2025``.
    """
    names = {m.code: m.label for m in completeness.municipalities}
    labels = {i.code: i.label(lang) for i in completeness.indicators}
    lines = []
    silent = set(completeness.nothing_sent())
    for municipality in completeness.municipalities:
        if municipality.code in silent:
            lines.append(
                f"{municipality.label} ({municipality.code}): "
                + t("nothing_sent", lang, year=completeness.year)
            )
    for code, indicator in completeness.to_chase:
        if code in silent:
            continue
        status = completeness.cells.get((code, indicator), "absent")
        lines.append(
            f"{names.get(code, code)} ({code}): {indicator} "
            f"{labels.get(indicator, '')} – {t(status, lang)}"
        )
    return lines


def statistics_lines(completeness: Completeness, lang: Lang) -> list[str]:
    """The national statistics of the year, apart from what municipalities report.

    ``2025 från nationell statistik: 7 av 9 hämtade`` first, then one line per indicator
    not fetched for every municipality, naming Kolada's key figure where one is mapped:
    ``GN.5 Skyddad natur: 6 av 7 kommuner (Kolada N85054)``.
    """
    if not completeness.statistics:
        return []
    first = t(
        "statistics_line",
        lang,
        year=completeness.year,
        fetched=completeness.statistics_fetched,
        total=len(completeness.statistics),
    )
    mapped = [f"{i.indicator.code} {i.kolada_kpi}" for i in completeness.statistics if i.kolada_kpi]
    if mapped:
        first += f" ({t('kolada_mapped', lang, kpis=', '.join(mapped))})"
    lines = [first]
    for item in completeness.statistics:
        if item.fetched == item.of:
            continue
        line = t(
            "statistics_gap",
            lang,
            code=item.indicator.code,
            name=item.indicator.label(lang),
            fetched=item.fetched,
            of=item.of,
        )
        if item.kolada_kpi:
            line += f" ({t('from_kolada', lang, kpi=item.kolada_kpi)})"
        lines.append(line)
    return lines


def kolada_lines(completeness: Completeness, lang: Lang) -> list[str]:
    """Official values that differ from Kolada's, one line each (see docs/kolada.md).

    ``Sundsvall (2281): GN.7 Mängd hushållsavfall – kommunens 512, Kolada 435,5 (U07801)``.
    """
    names = {m.code: m.label for m in completeness.municipalities}
    indicators = {i.code: i for i in completeness.indicators}
    own = t("own_value", lang)
    lines = []
    for note in completeness.kolada_differences:
        indicator = indicators.get(note.indicator_code)
        label = indicator.label(lang) if indicator else ""
        decimals = indicator.decimals if indicator else None
        lines.append(
            f"{names.get(note.municipality_code, note.municipality_code)} "
            f"({note.municipality_code}): {note.indicator_code} {label} – {own} "
            f"{value_text(note.value, decimals, lang)}, Kolada "
            f"{value_text(note.kolada_value, decimals, lang)} ({note.kpi})"
        )
    return lines
