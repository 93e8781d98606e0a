"""`miljomal plan`: import the action plan, log each activity's status, show and report it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from database.engine import session_scope
from i18n import Lang
from indicators.numbers import NumberFormatError
from indicators.numbers import parse_number
from indicators.safe_text import printable
from miljomal.cli import Failure
from miljomal.messages import MESSAGES
from miljomal.messages import columns
from miljomal.messages import say
from miljomal.options import app_context
from miljomal.options import check_user
from miljomal.options import echo_json
from miljomal.options import echo_table
from miljomal.options import lang_option
from miljomal.options import option_lang
from miljomal.options import output_options
from miljomal.options import who
from plan.activity_log import NewUpdate
from plan.activity_log import add_updates
from plan.activity_log import find_activity
from plan.activity_log import link_indicator
from plan.activity_log import spent_before
from plan.activity_log import unlink_indicator
from plan.errors import AmountError
from plan.errors import UpdateFileError
from plan.importing import import_plan_file
from plan.importing import import_update_file
from plan.report import REPORT_SUFFIXES
from plan.report import build_plan_report
from plan.report import write_plan_report
from plan.store import find_plan
from plan.store import plan_listing
from plan.store import revision_entries
from plan.texts import check_sentence
from plan.texts import check_verdict
from plan.texts import flag_counts
from plan.texts import flag_text
from plan.texts import kronor
from plan.texts import percent
from plan.texts import reasons_text
from plan.texts import status_label
from plan.texts import unknown_amount_line
from plan.updates import parse_kronor
from plan.updates import parse_status

STATUS_CHOICES = ("not-started", "ongoing", "done", "delayed", "cancelled")
STATUS_HELP = (
    "New status: ej påbörjad, pågår, klar, försenad, avbruten "
    "(or not-started, ongoing, done, delayed, cancelled)."
)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(say("not-a-date", value=value)) from None


def _amount(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None

    try:
        number, _ = parse_number(value.replace("kr", "").replace("%", "").strip())
    except NumberFormatError:
        raise click.BadParameter(say("not-a-number", value=value)) from None
    return number


def _kronor(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None

    try:
        return parse_kronor(value)
    except AmountError as exc:
        raise click.BadParameter(exc.message(option_lang(ctx))) from None


def _status(ctx: click.Context, param: click.Parameter, value: str) -> str:
    status = parse_status(value)
    if status is None:
        raise click.BadParameter(MESSAGES("not-a-status", option_lang(ctx), value=value))
    return status


def plan_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--plan NAME`: which plan (needed only when the store holds several)."""
    return click.option(
        "--plan",
        "plan_name",
        default=None,
        metavar="NAME",
        help="The plan to use (default: the only plan in the store).",
    )(func)


def as_of_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--as-of DATE`: the date the follow-up is made for (default: today)."""
    return click.option(
        "--as-of",
        "as_of",
        callback=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="Follow up the plan as of this date (default: today).",
    )(func)


@click.group()
def plan() -> None:
    """Import the action plan, log each activity's status and spending, show and report it."""


@plan.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", default=None, help="Name of the plan (default: the document's title).")
@click.option("--dry-run", is_flag=True, help="Read and check the plan; write nothing.")
@click.option(
    "--user", default=None, callback=check_user, help="Who imports (default: login name)."
)
@output_options
@click.pass_context
def import_(
    ctx: click.Context,
    file: Path,
    name: str | None,
    dry_run: bool,
    user: str | None,
    as_json: bool,
    lang: Lang,
) -> None:
    """Import a plan (tab-separated text, .csv or .xlsx); a revised plan updates it."""
    engine = app_context(ctx).engine()
    with session_scope(engine) as session:
        result = import_plan_file(session, file, user=who(user), name=name, dry_run=dry_run)
        if dry_run:
            session.rollback()
    parsed, summary, checks = result.parsed, result.summary, result.checks
    if as_json:
        echo_json(result.to_dict(lang))
        return
    verb = (
        "plan-dry-run" if summary.dry_run else "plan-created" if summary.created else "plan-updated"
    )
    click.echo(
        MESSAGES(
            "plan-imported",
            lang,
            name=summary.plan_name,
            verb=MESSAGES(verb, lang),
            file=file.name,
        )
    )
    click.echo(MESSAGES("plan-counts", lang, goals=summary.goals, activities=summary.activities))
    unknown = parsed.unknown_budgets()
    if unknown:
        click.echo(MESSAGES("unknown-amounts", lang))
        for line in unknown:
            click.echo(f"  {unknown_amount_line(line, lang)}")
    click.echo(MESSAGES("totals-checked", lang))
    for check in checks:
        click.echo(f"  [{check_verdict(check, lang)}] {check_sentence(check, lang)}")
    for check in (c for c in checks if c.consistent is False):
        diff = kronor(check.difference or 0, lang)
        click.echo(MESSAGES("total-mismatch", lang, label=check.label, diff=diff), err=True)
    for line in parsed.problems.lines(lang):
        click.echo(line, err=True)
    if not summary.created:
        if summary.changes:
            click.echo(MESSAGES("plan-changes", lang, count=len(summary.changes)))
            for change in summary.changes:
                click.echo(f"  {change.subject} {change.field}: {change.old!r} -> {change.new!r}")
        else:
            click.echo(MESSAGES("plan-no-changes", lang))


@plan.command("list")
@output_options
@click.pass_context
def list_(ctx: click.Context, as_json: bool, lang: Lang) -> None:
    """List the plans in the store."""
    engine = app_context(ctx).engine(read_only=True)
    with session_scope(engine) as session:
        plans = plan_listing(session)
    if as_json:
        echo_json([listed.to_dict() for listed in plans])
        return
    for listed in plans:
        when = listed.imported_at.isoformat(sep=" ", timespec="seconds")
        click.echo(
            MESSAGES(
                "plan-listing",
                lang,
                name=listed.name,
                activities=listed.activities,
                file=listed.source_file,
                when=when,
            )
        )


@plan.command("update")
@click.argument("code")
@click.option("--status", required=True, callback=_status, metavar="STATUS", help=STATUS_HELP)
@click.option(
    "--spent", callback=_kronor, default=None, help="Whole kronor spent so far (25000, 25 000)."
)
@click.option("--progress", callback=_amount, default=None, help="Per cent done (0-100).")
@click.option(
    "--date", "date", callback=_date, default=None, help="Date of the entry (today; not later)."
)
@click.option("--planned", is_flag=True, help="Allow a --date after today (a planned entry).")
@click.option("--note", default=None, help="A note for the log.")
@click.option(
    "--user", default=None, callback=check_user, help="Who reports (default: login name)."
)
@click.option("--example", is_flag=True, help="Mark the entry as an invented example.")
@plan_option
@lang_option
@click.pass_context
def update_(
    ctx: click.Context,
    code: str,
    status: str,
    spent: float | None,
    progress: float | None,
    date: dt.date | None,
    planned: bool,
    note: str | None,
    user: str | None,
    example: bool,
    plan_name: str | None,
    lang: Lang,
) -> None:
    """Add a dated entry to an activity's log (status, spent, progress); nothing is replaced.

    STATUS may be Swedish or English; --spent is the total so far in whole kronor.
    """
    today = dt.date.today()
    day = date or today
    if day > today and not planned:
        raise click.BadParameter(
            MESSAGES("date-after-today", lang, day=day.isoformat(), today=today.isoformat()),
            param_hint="--date",
        )
    engine = app_context(ctx).engine()
    with session_scope(engine) as session:
        plan_row = find_plan(session, plan_name)
        activity_code = find_activity(session, plan_row, code).code
        earlier = spent_before(session, plan_row, activity_code, day)
        update = NewUpdate(activity_code, day, status, spent, progress, note)
        add_updates(session, plan_row, [update], user=who(user), example=example)
    if spent is not None and earlier is not None and spent < earlier:
        click.echo(
            MESSAGES(
                "spent-goes-down",
                lang,
                earlier=kronor(earlier, lang),
                spent=kronor(spent, lang),
            ),
            err=True,
        )
    parts = [status_label(status, lang)]
    if spent is not None:
        parts.append(MESSAGES("spent-part", lang, amount=kronor(spent, lang)))
    if progress is not None:
        parts.append(MESSAGES("progress-part", lang, share=percent(progress, lang)))
    label = MESSAGES("example-mark", lang) if example else ""
    click.echo(f"{activity_code} {day.isoformat()}: {', '.join(parts)}{label}")


@plan.command("import-updates")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--user", default=None, callback=check_user, help="Who reports (default: login name)."
)
@click.option("--example", is_flag=True, help="Mark the entries as invented examples.")
@plan_option
@lang_option
@click.pass_context
def import_updates(
    ctx: click.Context,
    file: Path,
    user: str | None,
    example: bool,
    plan_name: str | None,
    lang: Lang,
) -> None:
    """Import status updates (code, date, status, spent, progress, note) from .csv or .xlsx."""
    engine = app_context(ctx).engine()
    try:
        with session_scope(engine) as session:
            plan_row = find_plan(session, plan_name)
            count = import_update_file(session, plan_row, file, user=who(user), example=example)
    except UpdateFileError as exc:
        for line in exc.problems.lines(lang):
            click.echo(line, err=True)
        errors = len(exc.problems.errors)
        raise Failure(MESSAGES("file-rejected", lang, file=file.name, count=errors)) from None
    click.echo(MESSAGES("updates-imported", lang, count=count, file=file.name))


@plan.command("show")
@as_of_option
@plan_option
@output_options
@click.pass_context
def show(
    ctx: click.Context,
    as_of: dt.date | None,
    plan_name: str | None,
    as_json: bool,
    lang: Lang,
) -> None:
    """Each activity's status, spent vs budget and flag (late, at risk, on track) on a date."""
    engine = app_context(ctx).engine(read_only=True)
    with session_scope(engine) as session:
        report = build_plan_report(session, plan_name, as_of or dt.date.today(), with_trends=False)
    if as_json:
        echo_json(report.to_dict())
        return
    click.echo(MESSAGES("plan-as-of", lang, plan=report.plan_name, day=report.as_of.isoformat()))
    header = columns("plan-columns", lang)
    rows: list[tuple[str, ...]] = [header]
    for s in report.statuses:
        title = " ".join(s.activity.title.split())
        rows.append(
            (
                s.activity.code,
                title if len(title) <= 40 else title[:39] + "…",
                status_label(s.status, lang),
                s.status_date.isoformat() if s.status_date else "",
                kronor(s.spent, lang) if s.spent is not None else "",
                kronor(s.activity.budget, lang),
                percent(s.progress, lang),
                percent(None if s.elapsed is None else s.elapsed * 100, lang),
                flag_text(s.flag, lang)
                + (f" ({reasons_text(s.reasons, lang)})" if s.reasons else ""),
            )
        )
    echo_table(rows[0], rows[1:], right=range(4, len(header) - 1))
    click.echo("")
    click.echo(MESSAGES("plan-goals", lang))
    for goal in report.goals:
        click.echo(
            MESSAGES(
                "plan-goal",
                lang,
                number=goal.number,
                flag=flag_text(goal.flag, lang),
                counts=flag_counts(goal.counts, lang),
                budget=kronor(goal.budget, lang),
                spent=kronor(goal.spent, lang),
            )
        )


@plan.command("link")
@click.argument("code")
@click.argument("indicator")
@click.option("--user", default=None, callback=check_user, help="Who links (default: login name).")
@plan_option
@lang_option
@click.pass_context
def link(
    ctx: click.Context,
    code: str,
    indicator: str,
    user: str | None,
    plan_name: str | None,
    lang: Lang,
) -> None:
    """Link an activity to an indicator it is meant to move (such as 2.1 GN.11)."""
    engine = app_context(ctx).engine()
    with session_scope(engine) as session:
        created = link_indicator(session, find_plan(session, plan_name), code, indicator, who(user))
    key = "linked" if created else "already-linked"
    click.echo(MESSAGES(key, lang, code=code, indicator=indicator))


@plan.command("unlink")
@click.argument("code")
@click.argument("indicator")
@plan_option
@lang_option
@click.pass_context
def unlink(
    ctx: click.Context, code: str, indicator: str, plan_name: str | None, lang: Lang
) -> None:
    """Remove the link between an activity and an indicator."""
    engine = app_context(ctx).engine()
    with session_scope(engine) as session:
        removed = unlink_indicator(session, find_plan(session, plan_name), code, indicator)
    key = "unlinked" if removed else "not-linked"
    click.echo(MESSAGES(key, lang, code=code, indicator=indicator))


@plan.command("history")
@plan_option
@output_options
@click.pass_context
def history(ctx: click.Context, plan_name: str | None, as_json: bool, lang: Lang) -> None:
    """Every change a re-imported plan made, field by field."""
    engine = app_context(ctx).engine(read_only=True)
    with session_scope(engine) as session:
        entries = revision_entries(session, find_plan(session, plan_name))
    if as_json:
        echo_json([entry.to_dict() for entry in entries])
        return
    if not entries:
        click.echo(MESSAGES("plan-unchanged-since-first", lang))
    for e in entries:
        when = e.changed_at.isoformat(sep=" ", timespec="seconds")
        click.echo(
            printable(
                f"{when}  {e.changed_by}  {e.file}  {e.subject} {e.field}: {e.old!r} -> {e.new!r}"
            )
        )


@plan.command("report")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .pdf, .html or .xlsx; - for HTML on standard output.",
)
@as_of_option
@plan_option
@lang_option
@click.pass_context
def report(
    ctx: click.Context,
    output: Path,
    as_of: dt.date | None,
    plan_name: str | None,
    lang: Lang,
) -> None:
    """Write the plan's follow-up report (status, budget, Gantt chart, log) as PDF, HTML or XLSX."""
    if str(output) != "-" and output.suffix.lower() not in REPORT_SUFFIXES:
        raise click.BadParameter(say("plan-report-suffix", name=output.name), param_hint="--output")
    app = app_context(ctx)
    engine = app.engine(read_only=True)
    with session_scope(engine) as session:
        data = build_plan_report(session, plan_name, as_of or dt.date.today(), url=app.db_url)
    write_plan_report(data, output, lang)
    if str(output) != "-":  # `-o -`: the HTML document itself is the output
        click.echo(MESSAGES("wrote", lang, path=output))
