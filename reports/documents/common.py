"""What every document shares: labels in Swedish and English, value texts, safe file names, time.

Nothing here imports matplotlib or openpyxl, so the CLI can use it on any path.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Protocol

from i18n import Lang
from indicators.across_sets import TEXTS as ACROSS
from indicators.numbers import format_number, format_percent
from indicators.safe_text import safe_filename as safe_filename  # shared, re-exported
from reports.model import (
    ABSENT,
    Completeness,
    CountyComparison,
    CountyTable,
    Coverage,
    IndicatorMeta,
    IndicatorSummary,
    Provenance,
    TargetStatus,
)


class Dated(Protocol):
    """Anything with the time a document's data was read (a report's provenance)."""

    @property
    def made_at(self) -> dt.datetime: ...


class DocumentError(Exception):
    """A document cannot be written (unknown format, unusable output path)."""


# Status symbols as in Swedish official statistics; "absent" has no row at all.
STATUS_SYMBOLS = {"reported": "✓", "missing": "..", "not-applicable": ".", ABSENT: "–"}

LABELS: dict[str, tuple[str, str]] = {
    "example": ("EXEMPELDATA", "EXAMPLE DATA"),
    "example_note": (
        "Exempeldata – påhittade värden, inte verkliga uppgifter.",
        "Example data – invented values, not real figures.",
    ),
    "municipality_title": (
        "Gröna nyckeltal – {name} {year}",
        "Green key indicators – {name} {year}",
    ),
    "municipality_subtitle": (
        "Kommun {code}, {county}. Senaste värde till och med {year}.",
        "Municipality {code}, {county}. Latest values up to {year}.",
    ),
    "county_title": (
        "Gröna nyckeltal – {name} {year}",
        "Green key indicators – {name} {year}",
    ),
    "county_subtitle": (
        "Kommunernas värden {year}, färg efter placering i länet.",
        "The municipalities' values for {year}, coloured by rank in the county.",
    ),
    "completeness_title": (
        "Inrapportering {year} – {name}",
        "Reporting {year} – {name}",
    ),
    "all_municipalities": ("alla kommuner", "all municipalities"),
    "summary": ("Sammanfattning", "Summary"),
    "indicator": ("Nyckeltal", "Indicator"),
    "municipality": ("Kommun", "Municipality"),
    "code": ("Kod", "Code"),
    "unit": ("Enhet", "Unit"),
    "latest": ("Senaste värde", "Latest value"),
    "trend": ("Utveckling", "Development"),
    "rank": ("Placering i länet", "Rank in county"),
    "rank_short": ("Placering", "Rank"),
    "target": ("Mål", "Target"),
    "charts": ("Diagram per nyckeltal", "Charts per indicator"),
    "appendix": ("Bilaga: metod", "Appendix: method"),
    "comments": ("Kommentarer", "Comments"),
    "differs_from_kolada": ("Skiljer från Kolada", "Differs from Kolada"),
    "official_value": ("Officiellt värde", "Official value"),
    "kolada_value": ("Koladas värde", "Kolada's value"),
    "kpi": ("Kolada-id", "Kolada id"),
    "more_comments": ("… och {n} kommentarer till", "… and {n} more comments"),
    "county_average": ("Länssnitt", "County average"),
    "median": ("Median", "Median"),
    "target_path": ("Målkurva", "Target path"),
    "target_point": ("Mål {year}", "Target {year}"),
    "no_values": ("Inga värden", "No values"),
    "revision": ("{year}: nya nyckeltal", "{year}: new key indicators"),
    "earlier_definition": (
        "Tidigare definition ({code}, {set})",
        "Earlier definition ({code}, {set})",
    ),
    "indicator_set": ("Nyckeltal: {set}", "Key indicators: {set}"),
    "of": ("{rank} av {n}", "{rank} of {n}"),
    "of_with_value": (
        "{rank} av {n} med värde ({size} i länet)",
        "{rank} of {n} with a value ({size} in the county)",
    ),
    "and": ("och", "and"),
    "chart_data": ("Diagrammets värden", "The chart's values"),
    "panel_key": (
        "Heldragen linje: kommunen, streckad: länssnitt",
        "Solid line: the municipality, dashed: county average",
    ),
    "accessible_version": (
        "Tillgänglig version (HTML): {name}",
        "Accessible version (HTML): {name}",
    ),
    "no_values_year": ("Inga värden för {year}", "No values for {year}"),
    "carried_title": (
        "Värden för {year} som inrapporterats med den andra uppsättningens kod (samma definition)",
        "Values for {year} reported with the other set's code (same definition)",
    ),
    "incomparable_title": (ACROSS["incomparable-heading"].sv, ACROSS["incomparable-heading"].en),
    "overridden_title": (ACROSS["overridden-heading"].sv, ACROSS["overridden-heading"].en),
    "no_values_in_set": ("Inga värden för {year} i {set}", "No values for {year} in {set}"),
    "no_values_in_set_text": (
        "Länets kommuner har inga värden för {year} i {set}, men databasen har värden för "
        "året i {others}. Utan --set läser rapporten årets uppsättning: miljomal report "
        "county {county} --year {year}.",
        "The county's municipalities have no values for {year} in {set}, but the store has "
        "values for the year in {others}. Without --set the report reads the year's set: "
        "miljomal report county {county} --year {year}.",
    ),
    "no_values_text": (
        "Ingen av länets {n} kommuner har något värde för {year} i databasen, så det finns "
        "ingen tabell och inga diagram att visa. Kontrollera år och län, eller se i rapporten "
        "om inrapporteringsgraden vilka som har rapporterat.",
        "None of the county's {n} municipalities has any value for {year} in the store, so "
        "there is no table and no chart to show. Check the year and county, or see who has "
        "reported in the completeness report.",
    ),
    "with_value": ("Kommuner med värde", "Municipalities with a value"),
    "too_few_short": ("för få", "too few"),
    "coverage_note": (
        "Länssnitt och median visas bara när minst hälften av länets kommuner har ett värde; "
        "annars står det för få värden.",
        "The county average and median are shown only when at least half of the county's "
        "municipalities have a value; otherwise the table says too few values.",
    ),
    "against": ("åt fel håll", "the wrong way"),
    "recent_turns": ("Kraftiga förändringar {year}", "Sharp changes in {year}"),
    "no_rank": ("saknar värde", "no value"),
    "no_target": ("inget mål", "no target"),
    "target_text": ("{value} till {year}: {status}", "{value} by {year}: {status}"),
    "county_owner": (" (länets mål)", " (county target)"),
    "national_owner": (" (nationellt mål)", " (national target)"),
    "small_multiples": ("Alla kommuners serier", "Every municipality's series"),
    "values_year": ("Värden {year}", "Values {year}"),
    "rank_key": (
        "Färg efter placering: grön bästa fjärdedelen, gul mittersta hälften, röd sämsta "
        "fjärdedelen, grå saknar värde. .. = uppgift saknas, . = ej tillämpligt, "
        "– = ej inlämnat.",
        "Colour by rank: green best quarter, yellow middle half, red worst quarter, grey no "
        "value. .. = missing, . = not applicable, – = not submitted.",
    ),
    "kolada_key": ("K = Källa: Kolada.", "K = Source: Kolada."),
    "source_kolada": ("Källa: Kolada", "Source: Kolada"),
    "better_higher": ("högre är bättre", "higher is better"),
    "better_lower": ("lägre är bättre", "lower is better"),
    "reported": ("rapporterat", "reported"),
    "missing": ("uppgift saknas", "missing"),
    "not-applicable": ("ej tillämpligt", "not applicable"),
    ABSENT: ("ej inlämnat", "not submitted"),
    "rate": ("Andel rapporterat", "Reporting rate"),
    "rate_short": ("Andel", "Rate"),
    "rate_by_indicator": ("Andel per nyckeltal", "Rate per indicator"),
    "total": ("Totalt", "Total"),
    "to_chase": ("Värden att efterfråga", "Values still to chase"),
    "nothing_to_chase": ("Inga värden saknas.", "No values are missing."),
    "statistics_title": ("Från nationell statistik", "From national statistics"),
    "statistics_line": (
        "{year} från nationell statistik: {fetched} av {total} hämtade",
        "{year} from national statistics: {fetched} of {total} fetched",
    ),
    "statistics_gap": (
        "{code} {name}: värde för {fetched} av {of} kommuner",
        "{code} {name}: a value for {fetched} of {of} municipalities",
    ),
    "from_kolada": ("hämtas från Kolada, {kpi}", "fetched from Kolada, {kpi}"),
    "kolada_mapped": ("från Kolada: {kpis}", "from Kolada: {kpis}"),
    "nothing_sent": ("ingen fil inlämnad för {year}", "nothing submitted for {year}"),
    "all_indicators": ("alla nyckeltal", "every indicator"),
    "status": ("Status", "Status"),
    "status_key": (
        "✓ = rapporterat, .. = uppgift saknas, . = ej tillämpligt, – = ej inlämnat",
        "✓ = reported, .. = missing, . = not applicable, – = not submitted",
    ),
    "provenance": ("Ursprung", "Provenance"),
    "year": ("År", "Year"),
    "overview": ("Översikt", "Overview"),
    "page": ("Sida {n}", "Page {n}"),
    "contents": ("Innehåll", "Contents"),
}


def t(key: str, lang: Lang = "sv", **values: object) -> str:
    """The label ``key`` in the reader's language, with ``{placeholders}`` filled in."""
    sv, en = LABELS[key]
    text = en if lang == "en" else sv
    return text.format(**values) if values else text


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
    if unit == "%" and lang == "en":
        text = f"{number}%"
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
        name = "report.html" if lang == "en" else "rapport.html"
    return t("accessible_version", lang, name=Path(name).with_suffix(".html").name)


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
    own = "kommunens" if lang == "sv" else "municipality"
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
