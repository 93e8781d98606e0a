"""`miljomal report`: municipality, county and completeness reports as PDF, HTML, XLSX, PNG."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import click

from database.engine import make_engine
from database.engine import session_scope
from i18n import Lang
from miljomal.errors import describe
from miljomal.messages import MESSAGES
from miljomal.messages import say
from miljomal.options import YEAR_NUMBER
from miljomal.options import app_context
from miljomal.options import echo_json
from miljomal.options import lang_option
from municipalities.errors import RegistryError
from municipalities.registry import DEFAULT_COUNTY
from municipalities.registry import municipalities
from municipalities.registry import municipalities_in_county
from reports.documents import completeness_json
from reports.documents import write_completeness_report
from reports.documents import write_county_report
from reports.documents import write_municipality_report
from reports.documents.text import completeness_text
from reports.queries import completeness as completeness_query
from reports.queries import county_comparison
from reports.queries import municipality_report_data
from reports.queries import stored_year_range

MUNICIPALITY_SUFFIXES = (".pdf", ".html", ".htm", ".json")
COUNTY_SUFFIXES = (".pdf", ".html", ".htm", ".xlsx", ".json")

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
COMPLETENESS_SUFFIXES = (".pdf", ".html", ".htm", ".xlsx", ".json")


def _check_suffix(output: Path, allowed: tuple[str, ...], folder_ok: bool = False) -> None:
    """Fail as a usage error (exit 2) before any work when the output format is unknown."""
    if str(output) == "-":
        return  # HTML on standard output
    suffix = output.suffix.lower()
    if folder_ok and (not suffix or str(output).endswith(("/", "\\")) or output.is_dir()):
        return
    if suffix not in allowed:
        kinds = ", ".join(allowed) + (say("or-png-folder") if folder_ok else "")
        raise click.BadParameter(say("no-format", name=output.name, kinds=kinds), param_hint="-o")


def _announce(line: str, output: Path) -> None:
    """Say what was written; with `-o -` the document itself is the output, so say nothing."""
    if str(output) != "-":
        click.echo(line)


def _check_years(
    session: Any, year: int | None, since: int | None, lang: Lang, county_wide: bool = False
) -> None:
    """Usage errors (exit 2) for a report year the store has nothing for, or --since after it."""
    if year is not None and since is not None and since > year:
        raise click.BadParameter(
            MESSAGES("since-after-year", lang, since=since, year=year), param_hint="--since"
        )
    stored = stored_year_range(session)
    if stored is None:
        return  # an empty store: the report itself says there are no values
    first, last = stored
    span = f"{first}–{last}"
    if year is not None and not first <= year <= last:
        raise click.BadParameter(
            MESSAGES("year-not-stored", lang, year=year, span=span), param_hint="--year"
        )
    if since is not None and since > last:
        raise click.BadParameter(
            MESSAGES("since-after-stored", lang, since=since, last=last), param_hint="--since"
        )


def _output_option(help_text: str, required: bool = True):  # type: ignore[no-untyped-def]
    return click.option(
        "-o", "--output", type=click.Path(path_type=Path), required=required, help=help_text
    )


# One bundled set, not every stored indicator: a county's local set must not turn up as
# columns (and as values to chase) in every county's reports.  Without --set the report
# year's default set is used (indicators.sets.default_set).
set_option = click.option(
    "--set",
    "set_code",
    metavar="CODE",
    default=None,
    help="Indicator set (default: the report year's, sekom-2012 up to 2022, sekom-2023 from 2023).",
)
example_option = click.option(
    "--example-data",
    "example",
    is_flag=True,
    hidden=True,
    help="Label every page EXEMPELDATA (the demo's invented values).",
)


@click.group()
def report() -> None:
    """Write municipality, county and completeness reports (Swedish, or --lang en)."""


@report.command()
@click.argument("municipality", required=False)
@click.option(
    "--year", "-y", type=YEAR_NUMBER, default=None, help="Report year (default: the latest)."
)
@click.option(
    "--since", type=YEAR_NUMBER, default=None, help="Judge trends and draw charts from YEAR."
)
@set_option
@_output_option(
    "Write to FILE.pdf, FILE.html, FILE.json (the data behind the report), - (HTML on "
    "standard output), or a folder (no suffix or ending /) of PNGs; "
    "with --all, the folder for one PDF per municipality."
)
@click.option("--all", "every", is_flag=True, help="Every municipality (of --county), as PDFs.")
@click.option("--county", metavar="CODE|NAME", default=None, help="With --all: only this county.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="With --all: processes drawing at once (default: one per CPU core).",
)
@lang_option
@example_option
@click.pass_context
def municipality(
    ctx: click.Context,
    municipality: str | None,
    year: int | None,
    since: int | None,
    set_code: str | None,
    output: Path,
    every: bool,
    county: str | None,
    jobs: int | None,
    lang: Lang,
    example: bool,
) -> None:
    """One municipality: a summary row per indicator, one chart each, the trend method.

    MUNICIPALITY is a kommunkod (2281) or a name (Sundsvall).  With --all instead, every
    municipality (or those of --county) gets OUTPUT/KOMMUNKOD.pdf, drawn by --jobs processes.
    """
    if every or county is not None or jobs is not None:
        if municipality is not None or not every:
            raise click.UsageError(say("municipality-or-all"))
        _all_municipalities(ctx, county, year, since, set_code, output, jobs, lang, example)
        return
    if municipality is None:
        raise click.UsageError(say("municipality-needed"))
    _check_suffix(output, MUNICIPALITY_SUFFIXES, folder_ok=True)

    app = app_context(ctx)
    with session_scope(app.engine(read_only=True)) as session:
        _check_years(session, year, since, lang)
        data = municipality_report_data(
            session, municipality, year=year, since=since, set_code=set_code, url=app.db_url
        )
    written = write_municipality_report(data, output, lang, example)
    where = output if len(written) > 1 else written[0]
    if len(written) > 1:
        _announce(MESSAGES("wrote-images", lang, path=where, count=len(written)), output)
    else:
        _announce(MESSAGES("wrote", lang, path=where), output)


def _all_municipalities(
    ctx: click.Context,
    county: str | None,
    year: int | None,
    since: int | None,
    set_code: str | None,
    folder: Path,
    jobs: int | None,
    lang: Lang,
    example: bool,
) -> None:
    """One PDF per municipality into ``folder``, drawn in parallel processes."""
    if folder.suffix:
        raise click.BadParameter(say("all-needs-folder"), param_hint="-o")
    try:
        entries = municipalities_in_county(county) if county else list(municipalities())
    except RegistryError as exc:
        raise click.BadParameter(exc.message(lang), param_hint="--county") from exc
    app = app_context(ctx)

    with session_scope(app.engine(read_only=True)) as session:  # fails here, once, without a schema
        _check_years(session, year, since, lang)
    folder.mkdir(parents=True, exist_ok=True)
    settings = (app.db_url, year, since, set_code, lang, example)
    tasks = [(settings, entry.code, folder / f"{entry.code}.pdf") for entry in entries]
    jobs = min(jobs or os.cpu_count() or 1, len(tasks)) or 1
    if jobs == 1:
        results = list(map(_write_one, tasks))
    else:
        # Drawing is CPU-bound in matplotlib: processes, not threads, use every core.
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_write_one, tasks, chunksize=4))
    failed = [(code, error) for code, error in results if error]
    for code, error in failed:
        click.echo(say("error", message=f"{code}: {error}"), err=True)
    done = len(results) - len(failed)
    click.echo(say("wrote-reports", done=done, folder=folder))
    if failed:
        ctx.exit(1)


# One engine per worker process, made on its first report and kept for the others.
_ENGINES: dict[str, Engine] = {}


def _write_one(task: tuple[tuple[Any, ...], str, Path]) -> tuple[str, str | None]:
    """Write one municipality's PDF (in a worker process); (code, error message or None)."""
    (url, year, since, set_code, lang, example), code, path = task
    engine = _ENGINES.get(url)
    if engine is None:
        engine = _ENGINES[url] = make_engine(url, read_only=True)
    try:
        with session_scope(engine) as session:
            data = municipality_report_data(
                session, code, year=year, since=since, set_code=set_code, url=url
            )
        write_municipality_report(data, path, lang, example)
    except Exception as exc:
        return code, describe(exc, lang)
    return code, None


@report.command()
@click.argument("county", default=DEFAULT_COUNTY)
@click.option("--year", "-y", type=YEAR_NUMBER, required=True, help="Report year.")
@click.option("--since", type=YEAR_NUMBER, default=None, help="Draw the series from YEAR.")
@set_option
@_output_option(
    "Write to FILE.pdf, FILE.html, FILE.xlsx or FILE.json (the report's data); - for HTML on "
    "standard output."
)
@lang_option
@example_option
@click.pass_context
def county(
    ctx: click.Context,
    county: str,
    year: int,
    since: int | None,
    set_code: str | None,
    output: Path,
    lang: Lang,
    example: bool,
) -> None:
    """A county: municipalities x indicators in rank colours, and every series.

    COUNTY is a länskod (22) or a name (Västernorrland); Västernorrland when left out.
    """
    _check_suffix(output, COUNTY_SUFFIXES)

    app = app_context(ctx)
    with session_scope(app.engine(read_only=True)) as session:
        _check_years(session, year, since, lang)
        data = county_comparison(
            session, county, year, set_code=set_code, since=since, url=app.db_url
        )
    _announce(
        MESSAGES("wrote", lang, path=write_county_report(data, output, lang, example)), output
    )


@report.command()
@click.option(
    "--county",
    "county",
    metavar="CODE|NAME",
    default=DEFAULT_COUNTY,
    show_default=True,
    help="The county whose municipalities are shown.",
)
@click.option(
    "--all-counties", is_flag=True, help="Every municipality in Sweden instead of one county."
)
@click.option("--year", "-y", type=YEAR_NUMBER, required=True, help="Reporting year.")
@set_option
@_output_option(
    "Write to FILE.pdf, .html, .xlsx or .json, or - for HTML on standard output (else a table).",
    required=False,
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@lang_option
@example_option
@click.pass_context
def completeness(
    ctx: click.Context,
    county: str,
    all_counties: bool,
    year: int,
    set_code: str | None,
    output: Path | None,
    as_json: bool,
    lang: Lang,
    example: bool,
) -> None:
    """Who has reported what: reported, missing, not applicable or not submitted."""
    if output is not None:
        _check_suffix(output, COMPLETENESS_SUFFIXES)

    app = app_context(ctx)
    with session_scope(app.engine(read_only=True)) as session:
        data = completeness_query(
            session, None if all_counties else county, year, set_code=set_code, url=app.db_url
        )
    if output is not None:
        written = write_completeness_report(data, output, lang, example)
        _announce(MESSAGES("wrote", lang, path=written), output)
    elif as_json:
        echo_json(completeness_json(data, example))
    else:
        click.echo(completeness_text(data, lang, example))
