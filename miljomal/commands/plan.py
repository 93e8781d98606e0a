"""`miljomal plan`: import the action plan, log each activity's status, show and report it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from miljomal.messages import say
from miljomal.options import (
    app_context,
    check_user,
    echo_json,
    echo_table,
    json_option,
    lang_option,
    resolve_lang,
    who,
)

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
    from indicators.numbers import NumberFormatError, parse_number

    try:
        number, _ = parse_number(value.replace("kr", "").replace("%", "").strip())
    except NumberFormatError:
        raise click.BadParameter(say("not-a-number", value=value)) from None
    return number


def _lang_of(ctx: click.Context) -> str:
    """The language for messages of an option callback (before --lang is resolved)."""
    from miljomal.context import AppContext

    app = ctx.find_object(AppContext)
    return ctx.params.get("lang") or (app.lang if app else "sv")


def _kronor(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    from plan.errors import AmountError
    from plan.updates import parse_kronor

    try:
        return parse_kronor(value)
    except AmountError as exc:
        raise click.BadParameter(exc.message(_lang_of(ctx))) from None


def _status(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from plan.updates import parse_status

    status = parse_status(value)
    if status is None:
        raise click.BadParameter(
            f"{value!r} is not a status; use ej påbörjad, pågår, klar, försenad, avbruten"
            if _lang_of(ctx) == "en"
            else f"{value!r} är ingen status; använd ej påbörjad, pågår, klar, försenad "
            "eller avbruten"
        )
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
@json_option
@lang_option
@click.pass_context
def import_(
    ctx: click.Context,
    file: Path,
    name: str | None,
    dry_run: bool,
    user: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Import a plan (tab-separated text, .csv or .xlsx); a revised plan updates it."""
    from miljomal.db import session_scope
    from plan.importing import import_plan_file
    from plan.texts import check_sentence, check_verdict, unknown_amount_line

    language = resolve_lang(ctx, lang)
    en = language == "en"
    engine = app_context(ctx).engine()
    with session_scope(engine) as session:
        result = import_plan_file(session, file, user=who(user), name=name, dry_run=dry_run)
        if dry_run:
            session.rollback()
    parsed, summary, checks = result.parsed, result.summary, result.checks
    if as_json:
        echo_json(result.to_dict(language))
        return
    if summary.dry_run:
        verb = "would be imported (dry run)" if en else "skulle importeras (provkörning)"
    elif summary.created:
        verb = "imported as a new plan" if en else "importerad som ny plan"
    else:
        verb = "updated" if en else "uppdaterad"
    click.echo(f"Plan {summary.plan_name!r} {verb} {'from' if en else 'från'} {file.name}.")
    click.echo(
        f"{summary.goals} goals, {summary.activities} activities."
        if en
        else f"{summary.goals} mål, {summary.activities} aktiviteter."
    )
    unknown = parsed.unknown_budgets()
    if unknown:
        click.echo(
            "Unknown amounts (kept as unknown, not counted as 0):"
            if en
            else "Okända belopp (behålls som okända, räknas inte som 0):"
        )
        for line in unknown:
            click.echo(f"  {unknown_amount_line(line, language)}")
    click.echo("Stated totals checked:" if en else "Kontroll av angivna summor:")
    for check in checks:
        click.echo(f"  [{check_verdict(check, language)}] {check_sentence(check, language)}")
    mismatches = [c for c in checks if c.consistent is False]
    for check in mismatches:
        diff = _kr(check.difference or 0, language)
        click.echo(
            f"Warning: {check.label} does not add up (difference {diff}); imported as written."
            if en
            else f"Varning: {check.label} stämmer inte (skillnad {diff}); importerad som skriven.",
            err=True,
        )
    for line in parsed.problems.lines(language):
        click.echo(line, err=True)
    if not summary.created:
        if summary.changes:
            click.echo(
                f"{len(summary.changes)} changes:" if en else f"{len(summary.changes)} ändringar:"
            )
            for change in summary.changes:
                click.echo(f"  {change.subject} {change.field}: {change.old!r} -> {change.new!r}")
        else:
            click.echo(
                "No changes since the last import."
                if en
                else "Inga ändringar sedan förra importen."
            )


def _kr(value: float, lang: str) -> str:
    from plan.texts import kronor

    return kronor(value, lang)


@plan.command("list")
@json_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """List the plans in the store."""
    from miljomal.db import session_scope
    from plan.store import activities, list_plans

    engine = app_context(ctx).engine(read_only=True)
    with session_scope(engine) as session:
        rows = [
            {
                "name": p.name,
                "activities": len(activities(session, p)),
                "source_file": p.source_file,
                "imported_at": p.imported_at.isoformat(sep=" ", timespec="seconds"),
            }
            for p in list_plans(session)
        ]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['name']}\t{row['activities']} aktiviteter\t{row['source_file']}\t"
            f"{row['imported_at']}"
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
    lang: str | None,
) -> None:
    """Add a dated entry to an activity's log (status, spent, progress); nothing is replaced.

    STATUS may be Swedish or English; --spent is the total so far in whole kronor.
    """
    from miljomal.db import session_scope
    from plan.store import NewUpdate, add_updates, find_activity, find_plan, spent_before
    from plan.texts import kronor, percent, status_label

    language = resolve_lang(ctx, lang)
    today = dt.date.today()
    day = date or today
    if day > today and not planned:
        raise click.BadParameter(
            f"{day.isoformat()} is after today ({today.isoformat()}); "
            "add --planned for a planned entry"
            if language == "en"
            else f"{day.isoformat()} ligger efter i dag ({today.isoformat()}); "
            "lägg till --planned för en planerad post",
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
            f"Warning: spent so far goes down from {kronor(earlier, language)} to "
            f"{kronor(spent, language)}; spent is the total so far, not this period's cost."
            if language == "en"
            else f"Varning: förbrukat hittills minskar från {kronor(earlier, language)} till "
            f"{kronor(spent, language)}; förbrukat är summan hittills, inte periodens kostnad.",
            err=True,
        )
    parts = [status_label(status, language)]
    if spent is not None:
        parts.append(("spent " if language == "en" else "förbrukat ") + kronor(spent, language))
    if progress is not None:
        parts.append(
            ("progress " if language == "en" else "framsteg ") + percent(progress, language)
        )
    label = " (example)" if example and language == "en" else " (exempel)" if example else ""
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
    lang: str | None,
) -> None:
    """Import status updates (code, date, status, spent, progress, note) from .csv or .xlsx."""
    from miljomal.cli import Failure
    from miljomal.db import session_scope
    from plan.errors import UpdateFileError
    from plan.importing import import_update_file
    from plan.store import find_plan

    language = resolve_lang(ctx, lang)
    engine = app_context(ctx).engine()
    try:
        with session_scope(engine) as session:
            plan_row = find_plan(session, plan_name)
            count = import_update_file(session, plan_row, file, user=who(user), example=example)
    except UpdateFileError as exc:
        for line in exc.problems.lines(language):
            click.echo(line, err=True)
        errors = len(exc.problems.errors)
        raise Failure(
            f"{file.name}: {errors} problem(s); nothing was written"
            if language == "en"
            else f"{file.name}: {errors} fel; inget har sparats"
        ) from None
    click.echo(
        f"{count} status updates imported from {file.name}."
        if language == "en"
        else f"{count} statusuppdateringar importerade från {file.name}."
    )


@plan.command("show")
@as_of_option
@plan_option
@json_option
@lang_option
@click.pass_context
def show(
    ctx: click.Context,
    as_of: dt.date | None,
    plan_name: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Each activity's status, spent vs budget and flag (late, at risk, on track) on a date."""
    from miljomal.db import session_scope
    from plan.report import build_plan_report
    from plan.texts import FLAG_SYMBOLS, flag_label, kronor, percent, reasons_text, status_label

    language = resolve_lang(ctx, lang)
    en = language == "en"
    engine = app_context(ctx).engine(read_only=True)
    with session_scope(engine) as session:
        report = build_plan_report(session, plan_name, as_of or dt.date.today(), with_trends=False)
    if as_json:
        echo_json(report.to_dict())
        return
    click.echo(f"{report.plan_name}, {'as of' if en else 'per'} {report.as_of.isoformat()}")
    header = (
        ("Code", "Activity", "Status", "Since", "Spent", "Budget", "Progress", "Time", "Flag")
        if en
        else (
            "Kod",
            "Aktivitet",
            "Status",
            "Sedan",
            "Förbrukat",
            "Budget",
            "Framsteg",
            "Tid",
            "Flagga",
        )
    )
    rows = [header]
    for s in report.statuses:
        title = " ".join(s.activity.title.split())
        rows.append(
            (
                s.activity.code,
                title if len(title) <= 40 else title[:39] + "…",
                status_label(s.status, language),
                s.status_date.isoformat() if s.status_date else "",
                kronor(s.spent, language) if s.spent is not None else "",
                kronor(s.activity.budget, language),
                percent(s.progress, language),
                percent(None if s.elapsed is None else s.elapsed * 100, language),
                f"{FLAG_SYMBOLS[s.flag]} {flag_label(s.flag, language)}"
                + (f" ({reasons_text(s.reasons, language)})" if s.reasons else ""),
            )
        )
    echo_table(rows[0], rows[1:], right=range(4, len(header) - 1))
    click.echo("")
    click.echo("Goals:" if en else "Mål:")
    for goal in report.goals:
        counts = ", ".join(f"{n} {flag_label(f, language).lower()}" for f, n in goal.counts.items())
        click.echo(
            f"  {'Goal' if en else 'Mål'} {goal.number}: {FLAG_SYMBOLS[goal.flag]} "
            f"{flag_label(goal.flag, language)} ({counts}); "
            f"budget {kronor(goal.budget, language)}, "
            f"{'spent' if en else 'förbrukat'} {kronor(goal.spent, language)}"
        )


@plan.command("link")
@click.argument("code")
@click.argument("indicator")
@click.option("--user", default=None, callback=check_user, help="Who links (default: login name).")
@plan_option
@click.pass_context
def link(
    ctx: click.Context, code: str, indicator: str, user: str | None, plan_name: str | None
) -> None:
    """Link an activity to an indicator it is meant to move (such as 2.1 GN.11)."""
    from miljomal.db import session_scope
    from plan.store import find_plan, link_indicator

    engine = app_context(ctx).engine()
    with session_scope(engine) as session:
        created = link_indicator(session, find_plan(session, plan_name), code, indicator, who(user))
    click.echo(
        f"Länkade {code} till {indicator}."
        if created
        else f"{code} var redan länkad till {indicator}."
    )


@plan.command("unlink")
@click.argument("code")
@click.argument("indicator")
@plan_option
@click.pass_context
def unlink(ctx: click.Context, code: str, indicator: str, plan_name: str | None) -> None:
    """Remove the link between an activity and an indicator."""
    from miljomal.db import session_scope
    from plan.store import find_plan, unlink_indicator

    engine = app_context(ctx).engine()
    with session_scope(engine) as session:
        removed = unlink_indicator(session, find_plan(session, plan_name), code, indicator)
    click.echo(
        f"Tog bort länken {code} – {indicator}."
        if removed
        else f"{code} var inte länkad till {indicator}."
    )


@plan.command("history")
@plan_option
@json_option
@click.pass_context
def history(ctx: click.Context, plan_name: str | None, as_json: bool) -> None:
    """Every change a re-imported plan made, field by field."""
    from miljomal.db import session_scope
    from plan.store import find_plan, imports, revisions

    engine = app_context(ctx).engine(read_only=True)
    with session_scope(engine) as session:
        plan_row = find_plan(session, plan_name)
        files = {i.id: i.file_name for i in imports(session, plan_row)}
        rows = [
            {
                "changed_at": r.changed_at.isoformat(sep=" ", timespec="seconds"),
                "changed_by": r.changed_by,
                "file": files.get(r.import_id),
                "subject": r.subject,
                "field": r.field,
                "old": r.old_value,
                "new": r.new_value,
            }
            for r in revisions(session, plan_row)
        ]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("Inga ändringar sedan första importen.")
    for r in rows:
        click.echo(
            f"{r['changed_at']}  {r['changed_by']}  {r['file']}  {r['subject']} {r['field']}: "
            f"{r['old']!r} -> {r['new']!r}"
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
    lang: str | None,
) -> None:
    """Write the plan's follow-up report (status, budget, Gantt chart, log) as PDF, HTML or XLSX."""
    from miljomal.db import session_scope
    from plan.report import REPORT_SUFFIXES, build_plan_report, write_plan_report

    if str(output) != "-" and output.suffix.lower() not in REPORT_SUFFIXES:
        raise click.BadParameter(say("plan-report-suffix", name=output.name), param_hint="--output")
    language = resolve_lang(ctx, lang)
    app = app_context(ctx)
    engine = app.engine(read_only=True)
    with session_scope(engine) as session:
        data = build_plan_report(session, plan_name, as_of or dt.date.today(), url=app.db_url)
    write_plan_report(data, output, language)
    if str(output) != "-":  # `-o -`: the HTML document itself is the output
        click.echo(f"{'Skrev' if language == 'sv' else 'Wrote'} {output}")
