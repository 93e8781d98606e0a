"""`miljomal template`: write the workbook a municipality fills in for one reporting year."""

from __future__ import annotations

from pathlib import Path

import click

from database.engine import session_scope
from i18n import Lang
from indicators.sets import default_set
from intake.template import default_file_name
from intake.template import write_template
from miljomal.messages import MESSAGES
from miljomal.messages import say
from miljomal.options import YEAR_NUMBER
from miljomal.options import app_context
from miljomal.options import lang_option
from municipalities.registry import resolve_municipality


@click.command()
@click.option(
    "--municipality",
    "-m",
    required=True,
    metavar="CODE|NAME",
    help="Kommunkod or name of the municipality (2281, Sundsvall).",
)
@click.option(
    "--year", "-y", type=YEAR_NUMBER, required=True, help="The reporting year to fill in."
)
@click.option(
    "--set",
    "set_code",
    default=None,
    metavar="CODE",
    help="Indicator set the template asks for (default: the year's set, sekom-2012 up to "
    "2022 and sekom-2023 from 2023).",
)
@lang_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Where to write the workbook (default: miljomal-KOD-NAMN-ÅR.xlsx here).",
)
@click.pass_context
def template(
    ctx: click.Context,
    municipality: str,
    year: int,
    set_code: str | None,
    lang: Lang,
    output: Path | None,
) -> None:
    """Write a template workbook for a municipality and year.

    The workbook shows the stored values of the five previous years, checks each input
    against the indicator's valid range, and records municipality, year and indicator set
    so that `miljomal import` needs no extra options.
    """
    set_code = set_code or default_set(year)
    if output is not None and str(output) == "-":
        raise click.BadParameter(say("workbook-not-stdout"), param_hint="-o")
    entry = resolve_municipality(municipality)
    path = output or Path(default_file_name(entry.code, entry.short_name, year))
    engine = app_context(ctx).engine(read_only=True)
    with session_scope(engine) as session:
        written = write_template(session, entry.code, year, path, set_code=set_code, lang=lang)
    shown = {"name": entry.name, "code": entry.code, "year": year, "set": set_code}
    click.echo(MESSAGES("wrote-template", lang, path=written, **shown))
