"""`miljomal indicators`: list, show and load indicator catalogues."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from database.engine import session_scope
from i18n import Lang
from i18n import pick
from indicators.catalogue import DEFAULT_CHANGE_THRESHOLD
from indicators.catalogue import OBJECTIVE_NAMES
from indicators.catalogue import CatalogueError
from indicators.catalogue import indicator_to_dict
from indicators.catalogue import list_indicators
from indicators.catalogue import load_catalogue
from indicators.meanings import code_meanings
from indicators.numbers import format_number
from intake.catalogue_file import read_catalogue
from miljomal.cli import Failure
from miljomal.errors import describe
from miljomal.messages import MESSAGES
from miljomal.messages import columns
from miljomal.messages import say
from miljomal.messages import word
from miljomal.options import app_context
from miljomal.options import echo_json
from miljomal.options import echo_pairs
from miljomal.options import echo_table
from miljomal.options import output_options


@click.group()
def indicators() -> None:
    """List and load indicator catalogues."""


@indicators.command("list")
@click.option("--set", "set_code", metavar="SET", help="Only this indicator set (e.g. sekom-2012).")
@output_options
@click.pass_context
def list_(ctx: click.Context, set_code: str | None, as_json: bool, lang: Lang) -> None:
    """List the indicators in the store: code, name, unit and direction."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        rows = [indicator_to_dict(i) for i in list_indicators(session, set_code)]
    if as_json:
        echo_json(rows)
        return
    table: list[tuple[str, ...]] = [
        (row["code"], _name(row, lang), row["unit"], word("direction", row["direction"], lang))
        for row in rows
    ]
    headers = columns("indicators-columns", lang)
    # The same code means different things in two sets: then every row names its set.
    if len({row["set"] for row in rows}) > 1:
        headers = (MESSAGES("set-column", lang), *headers)
        table = [(row["set"], *line) for row, line in zip(rows, table, strict=True)]
    echo_table(headers, table)


@indicators.command("show")
@click.argument("code")
@click.option(
    "--set",
    "set_code",
    metavar="SET",
    help="The set the code belongs to (e.g. sekom-2023); default: the set with stored values.",
)
@output_options
@click.pass_context
def show(ctx: click.Context, code: str, set_code: str | None, as_json: bool, lang: Lang) -> None:
    """Show everything the catalogue says about one indicator (code or name).

    A code both sets use (GN.7) means the set(s) with stored values; when both have values,
    both are shown (JSON: a list), else the one with values, else the oldest set's.
    """
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        found = code_meanings(session, code, None, set_code, oldest_when_none=True)
        rows = [indicator_to_dict(indicator) for indicator in found]
    if as_json:
        echo_json(rows[0] if len(rows) == 1 else rows)
        return
    for index, row in enumerate(rows):
        if index:
            click.echo("")
        _echo_details(row, lang)


@indicators.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--set", "set_code", metavar="SET", help="Set code, when the file does not name one.")
@output_options
@click.pass_context
def load(ctx: click.Context, file: Path, set_code: str | None, as_json: bool, lang: Lang) -> None:
    """Load a catalogue file (.csv or .xlsx), such as local indicators, into the store."""
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


def _name(row: dict[str, Any], lang: Lang) -> str:
    """The indicator's name in the reader's language (English when the catalogue has it)."""
    return str(pick(lang, row["name"], row["name_en"] or row["name"]))


def _echo_details(row: dict[str, Any], lang: Lang) -> None:
    threshold = row["change_threshold"] or DEFAULT_CHANGE_THRESHOLD
    low, high = format_number(row["min"], lang=lang), format_number(row["max"], lang=lang)
    bounds = f"{low} – {high}" if low and high else f"≥ {low}" if low else f"≤ {high}" * bool(high)
    objectives = ", ".join(f"{n} {OBJECTIVE_NAMES[n]}" for n in row["objectives"])
    values = [
        row["code"],
        row["name"],
        row["name_en"],
        row["description"] or "",
        row["unit"],
        word("direction", row["direction"], lang),
        str(row["decimals"]),
        bounds,
        word("reporter", row["reported_by"], lang),
        row["source"] or "",
        objectives,
        format_number(threshold * 100, lang=lang) + " %",
        row["set"],
    ]
    echo_pairs(columns("indicator-fields", lang), values)
