"""`miljomal history`, `miljomal uploads ...` and `miljomal year ...`: the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

import click

from database.engine import session_scope
from i18n import Lang
from i18n import Text
from i18n import render_stored
from indicators import gate
from indicators.history import history as series_history
from indicators.history import list_uploads as stored_uploads
from indicators.history import upload_detail
from indicators.history import upload_to_dict
from indicators.meanings import code_meanings
from indicators.records import shown_state
from indicators.revert import plan_revert
from indicators.revert import revert_upload
from indicators.store import list_year_locks
from indicators.store import lock_year
from indicators.store import unlock_year
from indicators.store import year_lock_to_dict
from indicators.year_state import get_window
from indicators.year_state import set_window
from miljomal.messages import MESSAGES
from miljomal.messages import columns
from miljomal.messages import say
from miljomal.messages import word
from miljomal.options import ROW_ID
from miljomal.options import app_context
from miljomal.options import check_user
from miljomal.options import echo_json
from miljomal.options import echo_pairs
from miljomal.options import echo_table
from miljomal.options import lang_option
from miljomal.options import output_options
from miljomal.options import who
from municipalities.registry import resolve_municipality

if TYPE_CHECKING:
    import datetime as dt

    from indicators.history import HistoryEntry
    from indicators.models import Upload

YEAR = click.IntRange(1900, 2100)


def user_option(func: Any) -> Any:
    """`--user NAME`, recorded as who made the change (default: the login name)."""
    return click.option(
        "--user",
        metavar="NAME",
        callback=check_user,
        help="Who makes the change (default: your login name).",
    )(func)


# --- history -----------------------------------------------------------------------------


@click.command()
@click.option(
    "--municipality", "-m", required=True, metavar="CODE_OR_NAME", help="e.g. 2281 or Sundsvall."
)
@click.option("--indicator", "-i", required=True, metavar="CODE_OR_NAME", help="e.g. GN.6.")
@click.option(
    "--set",
    "set_code",
    metavar="SET",
    default=None,
    help="The set the indicator code belongs to (default: the set the series has values in).",
)
@output_options
@click.pass_context
def history(
    ctx: click.Context,
    municipality: str,
    indicator: str,
    set_code: str | None,
    as_json: bool,
    lang: Lang,
) -> None:
    """Show every change of one indicator series: old and new value, when, by whom, from what.

    A code both sets use (GN.7, GN.8a) means the set the series has values in; when both
    have, both are shown, each under its set and name.
    """
    code = resolve_municipality(municipality).code
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        found = [
            (meaning.code, meaning.indicator_set.code, name_of(meaning)(lang), meaning.id)
            for meaning in code_meanings(session, indicator, [code], set_code)
        ]
        series = [(*meaning[:3], series_history(session, code, meaning[3])) for meaning in found]
    if as_json:
        echo_json(
            [
                entry.to_dict(set_code=found_set, name=name)
                for _code, found_set, name, entries in series
                for entry in entries
            ]
        )
        return
    if not any(entries for *_meaning, entries in series):
        sets = ", ".join(found_set for _code, found_set, _name, _entries in series)
        what = f"{code} {series[0][0]} ({sets})"
        click.echo(MESSAGES("no-history", lang, what=what))
        return
    for index, (indicator_code, found_set, name, entries) in enumerate(series):
        if not entries:
            continue
        if len(series) > 1:
            click.echo(("\n" if index else "") + f"{indicator_code} {name} ({found_set})")
        rows = [
            [
                str(entry.year),
                shown_state(entry.old_value, entry.old_status, lang),
                shown_state(entry.new_value, entry.new_status, lang),
                word("status", entry.new_status, lang),
                when_text(entry.changed_at),
                entry.changed_by,
                _upload_label(entry.upload_id, entry.file_name, lang),
                _comment_change(entry),
            ]
            for entry in entries
        ]
        echo_table(columns("history-columns", lang), rows)


def name_of(indicator: Any) -> Text:
    """An indicator's name in both languages."""
    return Text(indicator.name, indicator.name_en)


# --- uploads -----------------------------------------------------------------------------


@click.group()
def uploads() -> None:
    """List, show and revert imported files."""


@uploads.command("list")
@output_options
@click.pass_context
def list_uploads(ctx: click.Context, as_json: bool, lang: Lang) -> None:
    """List every upload, oldest first, with what it did to the store."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        found = stored_uploads(session)
        if as_json:
            echo_json([upload_to_dict(upload) for upload in found])
            return
        if not found:
            click.echo(MESSAGES("no-uploads", lang))
            return
        rows = [[str(upload.id), *_upload_cells(upload, lang)] for upload in found]
    echo_table(columns("uploads-columns", lang), rows)


@uploads.command("show")
@click.argument("upload_id", metavar="ID", type=ROW_ID)
@output_options
@click.pass_context
def show_upload(ctx: click.Context, upload_id: int, as_json: bool, lang: Lang) -> None:
    """Show one upload and every value it created or changed."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        detail = upload_detail(session, upload_id)
        if as_json:
            echo_json(detail.to_dict())
            return
        upload = detail.upload
        values = [*_upload_cells(upload, lang), upload.force_reason or ""]
    click.echo(MESSAGES("upload-heading", lang, upload=upload_id))
    echo_pairs(columns("upload-fields", lang), values, indent="  ")
    if not detail.revisions:
        return
    click.echo("")
    echo_table(
        columns("revisions-columns", lang),
        [
            [
                entry.municipality_code,
                entry.indicator_code,
                str(entry.year),
                shown_state(entry.old_value, entry.old_status, lang),
                shown_state(entry.new_value, entry.new_status, lang),
                word("status", entry.new_status, lang),
                _comment_change(entry),
            ]
            for entry in detail.revisions
        ],
    )


@uploads.command("revert")
@click.argument("upload_id", metavar="ID", type=ROW_ID)
@user_option
@click.option("--force", is_flag=True, help="Revert into locked (approved) years; needs --reason.")
@click.option("--reason", metavar="TEXT", help="Why a locked year is changed (kept on record).")
@output_options
@click.pass_context
def revert(
    ctx: click.Context,
    upload_id: int,
    user: str | None,
    force: bool,
    reason: str | None,
    as_json: bool,
    lang: Lang,
) -> None:
    """Undo one upload: restore the values it replaced, as new audited changes.

    Values the upload created are removed (their history is kept).  Values changed again
    by a later upload are left as they are and listed as conflicts.  A revert that changes
    a locked or approved year needs --force --reason, as an import does.
    """
    if force != bool(reason and reason.strip()):
        raise click.UsageError(say("force-with-reason"))
    with session_scope(app_context(ctx).engine()) as session:
        gate.require_revert(session, plan_revert(session, upload_id).places, force=force)
        summary = revert_upload(session, upload_id, who(user), reason.strip() if reason else None)
    conflicts = summary.conflicts
    if as_json:
        echo_json(summary.to_dict())
        return
    counts = {"updated": summary.updated, "conflicts": len(conflicts), "new": summary.upload_id}
    click.echo(MESSAGES("upload-reverted", lang, upload=upload_id, **counts))
    for c in conflicts:
        set_to = shown_state(c.upload_value, c.upload_status, lang)
        now = shown_state(c.current_value, c.current_status, lang)
        place = f"{c.municipality_code} {c.indicator_code} {c.year}"
        click.echo(MESSAGES("revert-conflict", lang, place=place, set_to=set_to, now=now), err=True)


# --- year locks --------------------------------------------------------------------------


@click.group()
def year() -> None:
    """Lock or unlock a reporting year; set its reporting window."""


@year.command("lock")
@click.argument("year_number", metavar="YEAR", type=YEAR)
@user_option
@lang_option
@click.pass_context
def lock(ctx: click.Context, year_number: int, user: str | None, lang: Lang) -> None:
    """Lock a reporting year: imports into it then need --force and a reason."""
    with session_scope(app_context(ctx).engine()) as session:
        changed = lock_year(session, year_number, who(user))
    click.echo(say("year-locked" if changed else "year-already-locked", year=year_number))


@year.command("unlock")
@click.argument("year_number", metavar="YEAR", type=YEAR)
@user_option
@lang_option
@click.pass_context
def unlock(ctx: click.Context, year_number: int, user: str | None, lang: Lang) -> None:
    """Unlock a reporting year (the lock stays on record as inactive)."""
    with session_scope(app_context(ctx).engine()) as session:
        unlock_year(session, year_number, who(user))
    click.echo(MESSAGES("year-unlocked", lang, year=year_number))


@year.command("list")
@output_options
@click.pass_context
def list_years(ctx: click.Context, as_json: bool, lang: Lang) -> None:
    """List the years that are or have been locked."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        locks = list_year_locks(session)
        if as_json:
            echo_json([year_lock_to_dict(lock) for lock in locks])
            return
        if not locks:
            click.echo(MESSAGES("no-year-locks", lang))
            return
        rows = [
            [
                str(lock.year),
                MESSAGES("yes" if lock.active else "no", lang),
                when_text(lock.locked_at),
                lock.locked_by,
            ]
            for lock in locks
        ]
    echo_table(columns("years-columns", lang), rows)


@year.command("window")
@click.argument("year_number", metavar="YEAR", type=YEAR)
@click.option("--opens", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD).")
@click.option("--closes", type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD).")
@user_option
@output_options
@click.pass_context
def window(
    ctx: click.Context,
    year_number: int,
    opens: dt.datetime | None,
    closes: dt.datetime | None,
    user: str | None,
    as_json: bool,
    lang: Lang,
) -> None:
    """Set or show a year's reporting window; outside it reporters can read but not save."""
    if (opens is None) != (closes is None):
        raise click.UsageError(say("opens-with-closes"))
    setting = opens is not None
    with session_scope(app_context(ctx).engine(read_only=not setting)) as session:
        if opens is not None and closes is not None:
            shown = set_window(session, year_number, opens.date(), closes.date(), who(user))
        else:
            shown = get_window(session, year_number)
    if as_json:
        echo_json(shown.to_dict())
    else:
        click.echo(shown.sentence(lang))


# --- helpers -----------------------------------------------------------------------------


def _upload_cells(upload: Upload, lang: Lang) -> list[str]:
    """An upload's cells shared by the list and the detail: file, who, when, counts, outcome."""
    return [
        render_stored(upload.file_name, lang),
        upload.uploaded_by,
        when_text(upload.uploaded_at),
        str(upload.created),
        str(upload.updated),
        str(upload.unchanged),
        _outcome(upload, lang),
    ]


def _comment_change(entry: HistoryEntry) -> str:
    if entry.new_comment == entry.old_comment:
        return ""
    return entry.new_comment or "–"


def when_text(moment: dt.datetime | str | None) -> str:
    """A moment as the tables show it: `2024-03-01 14:05` (empty for none)."""
    if moment is None:
        return ""
    text = moment if isinstance(moment, str) else moment.isoformat()
    return text[:16].replace("T", " ")


def _upload_label(upload_id: int | None, file_name: str | None, lang: Lang) -> str:
    if upload_id is None:
        return ""
    # A revert is stored as an upload named by a code (`@revert-of-upload upload=N`): tables
    # show it in the reader's language, JSON in English ("revert of upload N").
    return f"{upload_id} {render_stored(file_name, lang)}".rstrip()


def _outcome(upload: Upload, lang: Lang) -> str:
    outcome = word("outcome", upload.outcome, lang)
    if upload.reverted_by is None:
        return outcome
    return MESSAGES("reverted-by", lang, outcome=outcome, upload=upload.reverted_by)
