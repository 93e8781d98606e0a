"""`miljomal indicators`: list, show and load indicator catalogues."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from miljomal.cli import Failure
from miljomal.messages import say
from miljomal.options import (
    app_context,
    echo_json,
    echo_table,
    json_option,
    lang_option,
    resolve_lang,
)

if TYPE_CHECKING:
    from indicators.models import Indicator

DIRECTION_WORDS = {"sv": {"lower": "lägre", "higher": "högre"}, "en": {}}
REPORTER_WORDS = {"sv": {"municipality": "kommun", "central": "central"}, "en": {}}


@click.group()
def indicators() -> None:
    """List and load indicator catalogues."""


@indicators.command("list")
@click.option("--set", "set_code", metavar="SET", help="Only this indicator set (e.g. sekom-2012).")
@json_option
@lang_option
@click.pass_context
def list_(ctx: click.Context, set_code: str | None, as_json: bool, lang: str | None) -> None:
    """List the indicators in the store: code, name, unit and direction."""
    from indicators.catalogue import list_indicators
    from miljomal.db import session_scope

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        rows = [indicator_dict(i) for i in list_indicators(session, set_code)]
    if as_json:
        echo_json(rows)
        return
    headers = (
        ("kod", "namn", "enhet", "riktning")
        if lang == "sv"
        else ("code", "name", "unit", "direction")
    )
    name = "name" if lang == "sv" else "name_en"
    table = [
        (row["code"], row[name], row["unit"], _word(DIRECTION_WORDS, lang, row["direction"]))
        for row in rows
    ]
    # The same code means different things in two sets: then every row names its set.
    if len({row["set"] for row in rows}) > 1:
        headers = ("uppsättning" if lang == "sv" else "set", *headers)
        table = [(row["set"], *line) for row, line in zip(rows, table, strict=True)]
    echo_table(headers, table)


@indicators.command("show")
@click.argument("code")
@click.option(
    "--set",
    "set_code",
    metavar="SET",
    help="The set the code belongs to (e.g. sekom-2023); default: the oldest set that has it.",
)
@json_option
@lang_option
@click.pass_context
def show(
    ctx: click.Context, code: str, set_code: str | None, as_json: bool, lang: str | None
) -> None:
    """Show everything the catalogue says about one indicator (code or name)."""
    from indicators.catalogue import IndicatorResolver
    from miljomal.db import session_scope

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        row = indicator_dict(IndicatorResolver(session, set_code).resolve(code))
    if as_json:
        echo_json(row)
        return
    _echo_details(row, lang)


@indicators.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--set", "set_code", metavar="SET", help="Set code, when the file does not name one.")
@json_option
@lang_option
@click.pass_context
def load(
    ctx: click.Context, file: Path, set_code: str | None, as_json: bool, lang: str | None
) -> None:
    """Load a catalogue file (.csv or .xlsx), such as local indicators, into the store."""
    from indicators.catalogue import CatalogueError, load_catalogue, read_catalogue
    from miljomal.db import session_scope
    from miljomal.errors import describe

    lang = resolve_lang(ctx, lang)
    try:
        catalogue = read_catalogue(file, set_code=set_code)
    except CatalogueError as exc:
        for line in exc.report.lines(lang):
            click.echo(line, err=True)
        count = len(exc.report.errors)
        raise Failure(say("catalogue-rejected", file=file.name, count=count)) from None
    for line in catalogue.problems.lines(lang):
        click.echo(line, err=True)
    with session_scope(app_context(ctx).engine()) as session:
        try:
            summary = load_catalogue(session, catalogue)
        except CatalogueError as exc:
            raise Failure(describe(exc, lang)) from None
    if as_json:
        echo_json(summary.to_dict())
        return
    click.echo(summary.line(lang))


def indicator_dict(indicator: Indicator) -> dict[str, Any]:
    """The JSON form of one indicator."""
    return {
        "code": indicator.code,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "description": indicator.description,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "decimals": indicator.decimals,
        "min": indicator.min_value,
        "max": indicator.max_value,
        "reported_by": indicator.reported_by,
        "source": indicator.source,
        "objectives": [int(n) for n in indicator.objectives.split(";") if n],
        "change_threshold": indicator.change_threshold,
        "set": indicator.indicator_set.code,
    }


def _word(words: dict[str, dict[str, str]], lang: str, value: str) -> str:
    return words.get(lang, {}).get(value, value)


def _echo_details(row: dict[str, Any], lang: str) -> None:
    from indicators.catalogue import DEFAULT_CHANGE_THRESHOLD, OBJECTIVE_NAMES
    from indicators.numbers import format_number

    threshold = row["change_threshold"] or DEFAULT_CHANGE_THRESHOLD
    low, high = format_number(row["min"], lang=lang), format_number(row["max"], lang=lang)
    bounds = f"{low} – {high}" if low and high else f"≥ {low}" if low else f"≤ {high}" * bool(high)
    reporter = _word(REPORTER_WORDS, lang, row["reported_by"])
    objectives = ", ".join(f"{n} {OBJECTIVE_NAMES[n]}" for n in row["objectives"])
    sv = lang == "sv"
    fields = [
        ("kod" if sv else "code", row["code"]),
        ("namn" if sv else "name", row["name"]),
        ("namn (en)" if sv else "name (en)", row["name_en"]),
        ("beskrivning" if sv else "description", row["description"] or ""),
        ("enhet" if sv else "unit", row["unit"]),
        ("riktning" if sv else "direction", _word(DIRECTION_WORDS, lang, row["direction"])),
        ("decimaler" if sv else "decimals", str(row["decimals"])),
        ("min – max", bounds),
        ("rapporteras av" if sv else "reported by", reporter),
        ("källa" if sv else "source", row["source"] or ""),
        ("miljömål" if sv else "objectives", objectives),
        ("tröskel" if sv else "threshold", format_number(threshold * 100, lang=lang) + " %"),
        ("uppsättning" if sv else "set", row["set"]),
    ]
    width = max(len(label) for label, _ in fields)
    for label, value in fields:
        click.echo(f"{label.ljust(width)}  {value}".rstrip())
