"""`miljomal export`: stored values as JSON, CSV or an Excel workbook."""

from __future__ import annotations

import json
from pathlib import Path

import click

from database.engine import session_scope
from i18n import Lang
from indicators.export import export_rows
from indicators.export import municipality_names
from indicators.export import write_csv
from indicators.export import write_xlsx
from indicators.meanings import code_meanings
from indicators.output import STDOUT
from indicators.output import write_text
from miljomal.messages import MESSAGES
from miljomal.messages import say
from miljomal.options import app_context
from miljomal.options import lang_option
from municipalities.registry import resolve_municipality

FORMATS = ("json", "csv", "xlsx")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: from the -o suffix, else json).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (JSON and CSV go to stdout without it or with -o -; "
    "xlsx needs a file).",
)
@click.option(
    "--municipality",
    "-m",
    "municipalities",
    multiple=True,
    metavar="CODES_OR_NAMES",
    help="Only these municipalities; repeat or separate with commas.",
)
@click.option(
    "--indicator",
    "-i",
    "indicators",
    multiple=True,
    metavar="CODES",
    help="Only these indicators; repeat or separate with commas.",
)
@click.option(
    "--year",
    "-y",
    "years",
    multiple=True,
    metavar="YEARS",
    help="Only these years: 2024, 2020-2024; repeat or separate with commas.",
)
@click.option(
    "--set",
    "set_code",
    metavar="SET",
    default=None,
    help="Only this indicator set (sekom-2012, sekom-2023); --indicator codes are of this set "
    "(without it: the set(s) each municipality's series has values in).",
)
@lang_option
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str | None,
    output: Path | None,
    municipalities: tuple[str, ...],
    indicators: tuple[str, ...],
    years: tuple[str, ...],
    set_code: str | None,
    lang: Lang,
) -> None:
    """Export stored values as JSON, CSV (Swedish Excel: `;` and decimal comma) or XLSX.

    JSON rows: municipality, indicator, year, value, status, comment, set.  CSV and XLSX add
    the municipality name; text that a spreadsheet would run as a formula is prefixed with `'`.
    """
    if output is not None and str(output) == "-":
        output = None  # `-o -`: standard output, as without -o
    fmt = fmt or _format_from_suffix(output)
    if fmt == "xlsx" and output is None:
        raise click.UsageError(say("xlsx-needs-file"))
    year_list = _years(years)
    codes = [resolve_municipality(text).code for text in _split(municipalities)] or None

    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        indicator_ids = None
        if indicators:
            indicator_ids = [
                meaning.id
                for text in _split(indicators)
                for meaning in code_meanings(session, text, codes, set_code)
            ]
        rows = export_rows(
            session, codes, None, year_list, set_code=set_code, indicator_ids=indicator_ids
        )
        names = municipality_names(session, {row["municipality"] for row in rows})

    if fmt == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2, default=str)
        write_text(output or STDOUT, text + "\n")
    elif fmt == "csv":
        write_csv(rows, output or STDOUT, lang, names)
    else:
        write_xlsx(rows, output, lang, names)  # type: ignore[arg-type]
    if output is not None:
        click.echo(MESSAGES("wrote-values", lang, count=len(rows), path=output), err=True)


def _format_from_suffix(output: Path | None) -> str:
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in FORMATS else "json"


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _years(values: tuple[str, ...]) -> list[int] | None:
    """Years from `2024`, `2020-2024` and comma lists; a bad one is a usage error."""
    found: list[int] = []
    for part in _split(values):
        first, _, last = part.partition("-")
        try:
            start, end = int(first), int(last or first)
        except ValueError:
            raise click.BadParameter(
                say("not-a-year-range", part=part), param_hint="--year"
            ) from None
        if not 1900 <= start <= end <= 2100:
            raise click.BadParameter(say("not-a-year-range", part=part), param_hint="--year")
        found.extend(range(start, end + 1))
    return found or None
