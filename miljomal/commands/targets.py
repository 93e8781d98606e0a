"""`miljomal targets`: set, load and list indicator targets."""

from __future__ import annotations

from pathlib import Path

import click

from database.engine import session_scope
from i18n import Lang
from indicators.numbers import NumberFormatError
from indicators.numbers import format_number
from indicators.numbers import parse_number
from indicators.targets import TargetFileError
from indicators.targets import county_national_targets
from indicators.targets import indicator_id_for
from indicators.targets import list_targets
from indicators.targets import set_target
from indicators.targets import switch_national_target
from intake.targets_file import load_target_file
from miljomal.cli import Failure
from miljomal.messages import MESSAGES
from miljomal.messages import columns
from miljomal.messages import say
from miljomal.options import YEAR_NUMBER
from miljomal.options import app_context
from miljomal.options import check_user
from miljomal.options import echo_json
from miljomal.options import echo_table
from miljomal.options import lang_option
from miljomal.options import output_options
from miljomal.options import who
from municipalities.registry import DEFAULT_COUNTY
from municipalities.registry import resolve_county
from municipalities.registry import resolve_municipality


@click.group()
def targets() -> None:
    """Set, load and list targets for indicators (per municipality or county)."""


@targets.command("set")
@click.option("--municipality", "municipality", metavar="KOMMUN", help="Kommunkod or name.")
@click.option("--county", "county", metavar="LÄN", help="Länskod or name (a county target).")
@click.option("--indicator", required=True, metavar="CODE", help="Indicator code, such as GN.6.")
@click.option("--value", required=True, metavar="NUMBER", help="Target value (12 or 12,5).")
@click.option("--year", required=True, type=YEAR_NUMBER, help="Target year.")
@click.option(
    "--base-year", type=YEAR_NUMBER, default=None, help="Base year (default: first with data)."
)
@click.option(
    "--user", default=None, callback=check_user, help="Who sets the target (default: login name)."
)
@lang_option
@click.pass_context
def set_(
    ctx: click.Context,
    municipality: str | None,
    county: str | None,
    indicator: str,
    value: str,
    year: int,
    base_year: int | None,
    user: str | None,
    lang: Lang,
) -> None:
    """Set (or replace) the target of a municipality or a county for one indicator."""
    if (municipality is None) == (county is None):
        raise click.UsageError(say("municipality-xor-county"))
    try:
        number, _ = parse_number(value)
    except NumberFormatError:
        raise click.BadParameter(say("not-a-number", value=value), param_hint="--value") from None
    municipality_code = resolve_municipality(municipality).code if municipality else None
    county_code = resolve_county(county).code if county else None
    engine = app_context(ctx).engine()
    with session_scope(engine) as session:
        record, replaced = set_target(
            session,
            indicator_id_for(session, indicator),
            number,
            year,
            municipality_code=municipality_code,
            county_code=county_code,
            base_year=base_year,
            user=who(user),
        )

    owner = (
        MESSAGES("owner-municipality", lang, code=record.municipality_code)
        if record.municipality_code
        else MESSAGES("owner-county", lang, code=record.county_code)
    )
    click.echo(
        MESSAGES(
            "target-replaced" if replaced else "target-set",
            lang,
            owner=owner,
            indicator=record.indicator_code,
            value=format_number(record.target_value, lang=lang),
            year=record.target_year,
            base=MESSAGES("target-base-year", lang, year=base_year) if base_year else "",
        )
    )


@targets.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--user", default=None, callback=check_user, help="Who sets the targets (default: login name)."
)
@lang_option
@click.pass_context
def load(ctx: click.Context, file: Path, user: str | None, lang: Lang) -> None:
    """Load targets from a CSV or XLSX file (kommun/län, indikator, målvärde, målår, basår)."""
    engine = app_context(ctx).engine()
    try:
        with session_scope(engine) as session:
            summary = load_target_file(session, file, user=who(user))
    except TargetFileError as exc:
        for line in exc.problems.lines(lang):
            click.echo(line, err=True)
        count = len(exc.problems.errors)
        raise Failure(MESSAGES("file-rejected", lang, file=file.name, count=count)) from None
    counts = {"total": summary.total, "created": summary.created, "replaced": summary.replaced}
    click.echo(MESSAGES("targets-loaded", lang, file=file.name, **counts))


@targets.command("list")
@click.option("--municipality", default=None, metavar="KOMMUN", help="Only this municipality.")
@click.option("--county", default=None, metavar="LÄN", help="Only this county's own targets.")
@output_options
@click.pass_context
def list_(
    ctx: click.Context,
    municipality: str | None,
    county: str | None,
    as_json: bool,
    lang: Lang,
) -> None:
    """List stored targets."""
    municipality_code = resolve_municipality(municipality).code if municipality else None
    county_code = resolve_county(county).code if county else None
    engine = app_context(ctx).engine(read_only=True)
    with session_scope(engine) as session:
        records = list_targets(session, municipality_code, county_code)
    if as_json:
        echo_json([record.to_dict() for record in records])
        return
    if not records:
        click.echo(MESSAGES("no-targets", lang))
        return
    rows = [
        (
            record.municipality_code or MESSAGES("owner-county", lang, code=record.county_code),
            record.indicator_code,
            format_number(record.target_value, lang=lang),
            str(record.target_year),
            str(record.base_year or ""),
        )
        for record in records
    ]
    echo_table(columns("targets-columns", lang), rows)


@targets.command("national")
@click.option("--county", default=None, metavar="LÄN", help="The county (default: 22).")
@click.option("--off", "off", default=None, metavar="CODE", help="Switch this national target off.")
@click.option("--on", "on", default=None, metavar="CODE", help="Switch it on again.")
@click.option(
    "--set", "set_code", default="sekom-2023", show_default=True, metavar="SET", help="The set."
)
@click.option(
    "--user", default=None, callback=check_user, help="Who switches (default: login name)."
)
@output_options
@click.pass_context
def national(
    ctx: click.Context,
    county: str | None,
    off: str | None,
    on: str | None,
    set_code: str,
    user: str | None,
    as_json: bool,
    lang: Lang,
) -> None:
    """List the shipped national targets for a county, or switch one off or on.

    A national target applies to every municipality of the county that has neither a
    target of its own nor a county target for the indicator.
    """
    if off and on:
        raise click.UsageError(say("off-or-on"))
    county_code = resolve_county(county or DEFAULT_COUNTY).code
    engine = app_context(ctx).engine(read_only=not (off or on))
    with session_scope(engine) as session:
        if off or on:
            indicator_id = indicator_id_for(session, off or on, set_code)  # type: ignore[arg-type]
            switch_national_target(session, county_code, indicator_id, on=bool(on), user=who(user))
        shown = county_national_targets(session, county_code)
    if as_json:
        echo_json(shown.to_dict())
        return
    echo_table(
        columns("national-columns", lang, county=county_code),
        [
            (
                target.set_code,
                target.indicator_code,
                format_number(target.target_value, lang=lang),
                str(target.target_year),
                MESSAGES("on" if active else "off", lang),
            )
            for target, active in shown.targets
        ],
    )
