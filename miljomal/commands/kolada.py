"""`miljomal kolada`: fetch official key figures from Kolada, and manage indicator mappings."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import click

from database.engine import session_scope
from i18n import Lang
from i18n import Messages
from i18n import Text
from indicators.numbers import format_number
from kolada.client import DEFAULT_BASE_URL
from kolada.client import KoladaClient
from kolada.mapping import confirm_mapping
from kolada.mapping import list_mappings
from kolada.mapping import load_mapping_file
from kolada.sync import select_mappings
from kolada.sync import sync as run_sync
from miljomal.commands.history import YEAR
from miljomal.commands.history import user_option
from miljomal.messages import MESSAGES
from miljomal.messages import say
from miljomal.options import app_context
from miljomal.options import echo_json
from miljomal.options import echo_table
from miljomal.options import lang_option
from miljomal.options import output_options
from miljomal.options import who
from municipalities.registry import municipalities_in_county
from municipalities.registry import resolve_municipality

if TYPE_CHECKING:
    from kolada.sync import SyncSummary

BASE_URL_ENV = "MILJOMAL_KOLADA_URL"

# The kolada commands' messages (table columns are split at "|").
TEXTS = Messages(
    {
        "fetching": Text(
            "Hämtar {url}",
            "Fetching {url}",
        ),
        "retry": Text(
            "{reason}: nytt försök om {seconds} s",
            "{reason}: trying again in {seconds} s",
        ),
        "retry-timeout": Text(
            "inget svar inom tidsgränsen",
            "no answer in time",
        ),
        "retry-dropped": Text(
            "anslutningen bröts",
            "the connection was dropped",
        ),
        "summary": Text(
            "Kolada: {fetched} värden hämtade ({without} saknas i Kolada), {requests} anrop.",
            "Kolada: {fetched} values fetched ({without} missing in Kolada), {requests} requests.",
        ),
        "stored": Text(
            "Officiella värden: {created} nya, {updated} ändrade, {unchanged} oförändrade; "
            "{beside} Kolada-värden sparade bredvid kommunens egna; {locked} i låsta år.",
            "Official values: {created} created, {updated} updated, {unchanged} unchanged; "
            "{beside} Kolada values kept beside the municipality's own; {locked} in locked years.",
        ),
        "since": Text(
            "Bara det Kolada ändrat sedan {date} (förra synkroniseringen).",
            "Only what Kolada changed since {date} (the previous sync).",
        ),
        "no-previous": Text(
            "Ingen tidigare synkronisering av samma nyckeltal, kommuner och år: hämtar allt.",
            "No earlier sync of the same indicators, municipalities and years: fetching all.",
        ),
        "withdrawn": Text(
            "{n} värden som Kolada tagit bort togs bort (en ny version där värdet kom från "
            "Kolada).",
            "{n} values Kolada deleted were removed (a new revision where the value came from "
            "Kolada).",
        ),
        "upload": Text(
            "Sparat som uppladdning {id} (källa kolada).",
            "Stored as upload {id} (source kolada).",
        ),
        "nothing": Text(
            "Inget ändrades.",
            "Nothing changed.",
        ),
        "skipped": Text(
            "Overifierade kopplingar hoppades över: {codes} (bekräfta med `miljomal kolada map "
            "confirm SET KOD`, eller kör med --include-unverified).",
            "Unverified mappings were skipped: {codes} (confirm with `miljomal kolada map confirm "
            "SET CODE`, or run with --include-unverified).",
        ),
        "differ": Text(
            "Skiljer från Kolada ({n}):",
            "Differs from Kolada ({n}):",
        ),
        "differ-line": Text(
            "  {municipality} {indicator} {year}: kommunens {value}, Kolada {kolada} ({kpi})",
            "  {municipality} {indicator} {year}: municipality {value}, Kolada {kolada} ({kpi})",
        ),
        "no-mappings": Text(
            "Inga kopplingar till Kolada. Läs in de medföljande med `miljomal kolada map load`.",
            "No mappings to Kolada. Load the bundled ones with `miljomal kolada map load`.",
        ),
        "map-header": Text(
            "uppsättning|kod|kolada|faktor|kön|verifierad|källa",
            "set|code|kolada|factor|gender|verified|provenance",
        ),
        "loaded": Text(
            "{file}: {created} nya, {changed} ändrade, {unchanged} oförändrade kopplingar; "
            "{verified} verifierade.",
            "{file}: {created} created, {changed} changed, {unchanged} unchanged mappings; "
            "{verified} verified.",
        ),
        "unverified": Text(
            "Overifierade: {codes}.",
            "Unverified: {codes}.",
        ),
        "confirmed": Text(
            "{set} {code} → {kpi} är verifierad av {user}.",
            "{set} {code} → {kpi} is verified by {user}.",
        ),
        "kpi-header": Text(
            "id|titel|enhet",
            "id|title|unit",
        ),
        "no-kpi": Text(
            "Inga nyckeltal matchar {search!r}.",
            "No KPI matches {search!r}.",
        ),
    }
)


def base_url_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--base-url URL` of the Kolada API (tests and mirrors point it elsewhere)."""
    return click.option(
        "--base-url",
        metavar="URL",
        default=None,
        help=f"Kolada API v3 address (default: ${BASE_URL_ENV}, else https://api.kolada.se/v3).",
    )(func)


def _client(base_url: str | None, lang: Lang, quiet: bool) -> KoladaClient:
    def on_request(url: str) -> None:
        click.echo(TEXTS("fetching", lang, url=url), err=True)

    def on_retry(reason: str, delay: float) -> None:
        key = f"retry-{reason}"
        words = TEXTS(key, lang) if key in TEXTS else reason
        click.echo(TEXTS("retry", lang, reason=words, seconds=f"{delay:g}"), err=True)

    return KoladaClient(
        base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL,
        on_request=None if quiet else on_request,
        on_retry=None if quiet else on_retry,
    )


@click.group()
def kolada() -> None:
    """Fetch official key figures from Kolada and manage indicator mappings."""


@kolada.command()
@click.option("--county", metavar="CODE|NAME", help="All municipalities of a county (default 22).")
@click.option(
    "--municipality",
    "-m",
    "municipality_codes",
    multiple=True,
    metavar="CODE",
    help="Only this municipality (repeatable; instead of --county).",
)
@click.option(
    "--indicator",
    "-i",
    "indicator_codes",
    multiple=True,
    metavar="CODE",
    help="Only this mapped indicator, CODE or SET:CODE (repeatable).",
)
@click.option(
    "--from", "first_year", type=YEAR, default=2010, show_default=True, help="First year."
)
@click.option("--to", "last_year", type=YEAR, default=None, help="Last year (default: this year).")
@base_url_option
@click.option("--include-unverified", is_flag=True, help="Also use mappings nobody verified yet.")
@click.option("--dry-run", is_flag=True, help="Fetch and count, but write nothing.")
@click.option(
    "--incremental",
    is_flag=True,
    help="Only what Kolada changed since the last sync of the same indicators, municipalities "
    "and years (Kolada's from_date), including values Kolada deleted.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress lines on stderr.")
@user_option
@output_options
@click.pass_context
def sync(
    ctx: click.Context,
    county: str | None,
    municipality_codes: tuple[str, ...],
    indicator_codes: tuple[str, ...],
    first_year: int,
    last_year: int | None,
    base_url: str | None,
    include_unverified: bool,
    dry_run: bool,
    incremental: bool,
    quiet: bool,
    user: str | None,
    as_json: bool,
    lang: Lang,
) -> None:
    """Fetch the mapped indicators from Kolada and store them as one upload.

    The upload has source `kolada` and is recorded with user and time like an imported
    file (`uploads`, `history` and `verify` cover it).  A value a municipality entered
    stays the official value; Kolada's is kept beside it and shown where they differ.
    Unchanged values are not rewritten; a corrected Kolada value becomes a new revision.
    Any network or answer error stops the sync with exit code 1 and writes nothing.
    """
    if county and municipality_codes:
        raise click.UsageError(say("county-or-municipality"))
    last_year = last_year if last_year is not None else dt.date.today().year
    if first_year > last_year:
        raise click.UsageError(say("from-after-to", first=first_year, last=last_year))
    if municipality_codes:
        codes = [resolve_municipality(code).code for code in municipality_codes]
    else:
        codes = [m.code for m in municipalities_in_county(county or "22")]
    years = list(range(first_year, last_year + 1))
    engine = app_context(ctx).engine()
    with session_scope(engine) as session:
        mappings, skipped = select_mappings(session, indicator_codes, include_unverified)
    client = _client(base_url, lang, quiet)
    summary = run_sync(
        lambda: session_scope(engine),
        client,
        mappings,
        skipped,
        codes,
        years,
        who(user),
        dry_run=dry_run,
        incremental=incremental,
    )
    if as_json:
        echo_json(summary.to_dict())
    else:
        if incremental:
            since = summary.from_date
            click.echo(TEXTS("since", lang, date=since) if since else TEXTS("no-previous", lang))
        _print_summary(summary, lang)


def _print_summary(summary: SyncSummary, lang: Lang) -> None:
    if summary.skipped_unverified:
        click.echo(TEXTS("skipped", lang, codes=", ".join(summary.skipped_unverified)))
    click.echo(
        TEXTS(
            "summary",
            lang,
            fetched=summary.fetched,
            without=summary.without_value,
            requests=summary.requests,
        )
    )
    click.echo(
        TEXTS(
            "stored",
            lang,
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
            beside=summary.beside,
            locked=summary.locked,
        )
    )
    if summary.withdrawn:
        click.echo(TEXTS("withdrawn", lang, n=summary.withdrawn))
    if summary.dry_run:
        click.echo(MESSAGES("nothing-written", lang))
    elif summary.upload_id is not None:
        click.echo(TEXTS("upload", lang, id=summary.upload_id))
    else:
        click.echo(TEXTS("nothing", lang))
    if summary.differences:
        click.echo(TEXTS("differ", lang, n=len(summary.differences)))
        for diff in summary.differences:
            click.echo(
                TEXTS(
                    "differ-line",
                    lang,
                    municipality=diff.municipality_name,
                    indicator=diff.indicator_code,
                    year=diff.year,
                    value=format_number(diff.value, lang=lang),
                    kolada=format_number(diff.kolada_value, lang=lang),
                    kpi=diff.kpi,
                )
            )


@kolada.command()
@click.argument("search")
@base_url_option
@output_options
def kpi(search: str, base_url: str | None, as_json: bool, lang: Lang) -> None:
    """List Kolada KPIs whose title contains SEARCH: id, title and unit.

    Helps the county choose a mapping; the unit is the end of Kolada's title.
    """
    found = _client(base_url, lang, quiet=True).kpis(search)
    if as_json:
        echo_json([item.to_dict() for item in found])
        return
    if not found:
        click.echo(TEXTS("no-kpi", lang, search=search))
        return
    echo_table(TEXTS("kpi-header", lang).split("|"), [(k.id, k.title, k.unit) for k in found])


@kolada.group("map")
def map_() -> None:
    """List, load and confirm indicator-to-Kolada mappings."""


@map_.command("list")
@output_options
@click.pass_context
def map_list(ctx: click.Context, as_json: bool, lang: Lang) -> None:
    """List the stored mappings: indicator, KPI, conversion, verified, provenance."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        mappings = list_mappings(session)
    if as_json:
        echo_json([m.to_dict() for m in mappings])
        return
    if not mappings:
        click.echo(TEXTS("no-mappings", lang))
        return
    rows = [
        (
            m.set_code,
            m.indicator_code,
            m.kpi,
            format_number(m.factor, lang=lang),
            m.gender,
            f"{MESSAGES('yes', lang)} ({m.verified_by})" if m.verified else MESSAGES("no", lang),
            m.provenance,
        )
        for m in mappings
    ]
    echo_table(TEXTS("map-header", lang).split("|"), rows)


@map_.command("load")
@click.argument(
    "path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@user_option
@output_options
@click.pass_context
def map_load(
    ctx: click.Context, path: Path | None, user: str | None, as_json: bool, lang: Lang
) -> None:
    """Load mappings from a `;` CSV file (default: the bundled indicators/data/kolada.csv).

    Columns: set;kod;kolada_kpi;faktor;kön;källa;verifierad.  A row with verifierad=ja
    confirms that mapping in your name; loading never un-verifies an unchanged mapping,
    and a mapping whose KPI, factor or gender changed must be verified again.  A file with
    any error changes nothing.
    """
    with session_scope(app_context(ctx).engine()) as session:
        summary = load_mapping_file(session, path, who(user))
    if as_json:
        echo_json(summary.to_dict())
        return
    click.echo(TEXTS("loaded", lang, **summary.to_dict()))
    if summary.unverified:
        click.echo(TEXTS("unverified", lang, codes=", ".join(summary.unverified)))


@map_.command("confirm")
@click.argument("set_code", metavar="SET")
@click.argument("code")
@user_option
@lang_option
@click.pass_context
def map_confirm(ctx: click.Context, set_code: str, code: str, user: str | None, lang: Lang) -> None:
    """Mark the mapping of indicator CODE in SET as verified by you.

    Do this after reading Kolada's definition of the KPI (`kolada kpi`, kolada.se) and
    checking that it measures what the indicator measures, in the same unit.
    """
    with session_scope(app_context(ctx).engine()) as session:
        mapping = confirm_mapping(session, set_code, code, who(user))
    click.echo(
        TEXTS(
            "confirmed",
            lang,
            set=mapping.set_code,
            code=mapping.indicator_code,
            kpi=mapping.kpi,
            user=mapping.verified_by,
        )
    )
