"""`miljomal history`, `miljomal uploads ...` and `miljomal year ...`: the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from i18n import render_stored
from indicators.safe_text import printable
from miljomal.messages import MESSAGES, say
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

if TYPE_CHECKING:
    import datetime as dt

    from indicators.models import Upload
    from indicators.store import HistoryEntry

YEAR = click.IntRange(1900, 2100)

HEADERS = {
    "history": {
        "sv": ["år", "gammalt värde", "nytt värde", "status", "när", "av vem", "uppladdning"],
        "en": ["year", "old value", "new value", "status", "when", "by", "upload"],
    },
    "comment": {"sv": "kommentar", "en": "comment"},
    "uploads": {
        "sv": ["id", "fil", "av vem", "när", "nya", "ändrade", "oförändrade", "utfall"],
        "en": ["id", "file", "by", "when", "created", "updated", "unchanged", "outcome"],
    },
    "revisions": {
        "sv": ["kommun", "indikator", "år", "gammalt värde", "nytt värde", "status", "kommentar"],
        "en": ["municipality", "indicator", "year", "old value", "new value", "status", "comment"],
    },
    "years": {
        "sv": ["år", "låst", "när", "av vem"],
        "en": ["year", "locked", "when", "by"],
    },
}
STATUS_WORDS = {
    "sv": {"reported": "rapporterat", "missing": "saknas", "not-applicable": "ej tillämpligt"},
    "en": {"reported": "reported", "missing": "missing", "not-applicable": "not applicable"},
}
OUTCOME_WORDS = {
    "sv": {"imported": "inläst", "revert": "återställning"},
    "en": {"imported": "imported", "revert": "revert"},
}


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
    help="The set the indicator code belongs to (default: the oldest set that has it).",
)
@json_option
@lang_option
@click.pass_context
def history(
    ctx: click.Context,
    municipality: str,
    indicator: str,
    set_code: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Show every change of one indicator series: old and new value, when, by whom, from what."""
    from indicators.catalogue import IndicatorResolver
    from indicators.store import history as series_history
    from miljomal.db import session_scope
    from municipalities.registry import resolve_municipality

    lang = resolve_lang(ctx, lang)
    code = resolve_municipality(municipality).code
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        found = IndicatorResolver(session, set_code).resolve(indicator)
        indicator_code = found.code
        found_set = found.indicator_set.code
        entries = series_history(session, code, found.id)
    if as_json:
        echo_json([{**_entry_dict(entry), "set": found_set} for entry in entries])
        return
    if not entries:
        what = f"{code} {indicator_code} ({found_set})"
        click.echo(MESSAGES("no-history", lang, what=what))
        return
    headers = HEADERS["history"][lang] + [HEADERS["comment"][lang]]
    rows = [
        [
            str(entry.year),
            _shown(entry.old_value, entry.old_status, lang),
            _shown(entry.new_value, entry.new_status, lang),
            STATUS_WORDS[lang].get(entry.new_status, entry.new_status),
            _when(entry.changed_at),
            entry.changed_by,
            _upload_label(entry.upload_id, entry.file_name, lang),
            _comment_change(entry),
        ]
        for entry in entries
    ]
    echo_table(headers, rows)


# --- uploads -----------------------------------------------------------------------------


@click.group()
def uploads() -> None:
    """List, show and revert imported files."""


@uploads.command("list")
@json_option
@lang_option
@click.pass_context
def list_uploads(ctx: click.Context, as_json: bool, lang: str | None) -> None:
    """List every upload, oldest first, with what it did to the store."""
    from indicators.store import list_uploads as stored_uploads
    from miljomal.db import session_scope

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        rows = [_upload_dict(upload) for upload in stored_uploads(session)]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        HEADERS["uploads"][lang],
        [
            [
                str(row["id"]),
                _file_label(row["file_name"], lang),
                row["uploaded_by"],
                _when(row["uploaded_at"]),
                str(row["created"]),
                str(row["updated"]),
                str(row["unchanged"]),
                _outcome(row, lang),
            ]
            for row in rows
        ],
    )


@uploads.command("show")
@click.argument("upload_id", metavar="ID", type=int)
@json_option
@lang_option
@click.pass_context
def show_upload(ctx: click.Context, upload_id: int, as_json: bool, lang: str | None) -> None:
    """Show one upload and every value it created or changed."""
    from indicators.store import upload_detail
    from miljomal.db import session_scope

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        detail = upload_detail(session, upload_id)
        data = _upload_dict(detail.upload)
        data["revisions"] = [_entry_dict(entry) for entry in detail.revisions]
    if as_json:
        echo_json(data)
        return
    labels = {
        "sv": ["fil", "av vem", "när", "nya", "ändrade", "oförändrade", "utfall", "skäl"],
        "en": ["file", "by", "when", "created", "updated", "unchanged", "outcome", "reason"],
    }[lang]
    values = [
        _file_label(data["file_name"], lang),
        data["uploaded_by"],
        _when(data["uploaded_at"]),
        str(data["created"]),
        str(data["updated"]),
        str(data["unchanged"]),
        _outcome(data, lang),
        data["force_reason"] or "",
    ]
    width = max(len(label) for label in labels)
    click.echo(f"{'uppladdning' if lang == 'sv' else 'upload'} {upload_id}")
    for label, value in zip(labels, values, strict=True):
        click.echo(f"  {label.ljust(width)}  {printable(value)}".rstrip())
    if not data["revisions"]:
        return
    click.echo("")
    echo_table(
        HEADERS["revisions"][lang],
        [
            [
                entry.municipality_code,
                entry.indicator_code,
                str(entry.year),
                _shown(entry.old_value, entry.old_status, lang),
                _shown(entry.new_value, entry.new_status, lang),
                STATUS_WORDS[lang].get(entry.new_status, entry.new_status),
                _comment_change(entry),
            ]
            for entry in detail.revisions
        ],
    )


@uploads.command("revert")
@click.argument("upload_id", metavar="ID", type=int)
@user_option
@click.option("--force", is_flag=True, help="Revert into locked (approved) years; needs --reason.")
@click.option("--reason", metavar="TEXT", help="Why a locked year is changed (kept on record).")
@json_option
@lang_option
@click.pass_context
def revert(
    ctx: click.Context,
    upload_id: int,
    user: str | None,
    force: bool,
    reason: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Undo one upload: restore the values it replaced, as new audited changes.

    Values the upload created become missing (history is never deleted).  Values changed
    again by a later upload are left as they are and listed as conflicts.  A revert that
    changes a locked year needs --force --reason, as an import does.
    """
    from indicators.store import revert_upload
    from miljomal.db import session_scope

    if force != bool(reason and reason.strip()):
        raise click.UsageError(say("force-with-reason"))
    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine()) as session:
        summary = revert_upload(session, upload_id, who(user), reason.strip() if reason else None)
    conflicts = summary.conflicts
    if as_json:
        echo_json(summary.to_dict())
        return
    counts = {"updated": summary.updated, "conflicts": len(conflicts), "new": summary.upload_id}
    click.echo(MESSAGES("upload-reverted", lang, upload=upload_id, **counts))
    for c in conflicts:
        set_to = _shown(c.upload_value, c.upload_status, lang)
        now = _shown(c.current_value, c.current_status, lang)
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
def lock(ctx: click.Context, year_number: int, user: str | None, lang: str | None) -> None:
    """Lock a reporting year: imports into it then need --force and a reason."""
    from indicators.store import lock_year
    from miljomal.db import session_scope

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine()) as session:
        changed = lock_year(session, year_number, who(user))
    click.echo(say("year-locked" if changed else "year-already-locked", year=year_number))


@year.command("unlock")
@click.argument("year_number", metavar="YEAR", type=YEAR)
@user_option
@lang_option
@click.pass_context
def unlock(ctx: click.Context, year_number: int, user: str | None, lang: str | None) -> None:
    """Unlock a reporting year (the lock stays on record as inactive)."""
    from indicators.store import unlock_year
    from miljomal.db import session_scope

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine()) as session:
        unlock_year(session, year_number, who(user))
    click.echo(MESSAGES("year-unlocked", lang, year=year_number))


@year.command("list")
@json_option
@lang_option
@click.pass_context
def list_years(ctx: click.Context, as_json: bool, lang: str | None) -> None:
    """List the years that are or have been locked."""
    from indicators.store import list_year_locks
    from miljomal.db import session_scope

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        rows = [
            {
                "year": lock.year,
                "active": lock.active,
                "locked_at": lock.locked_at.isoformat(),
                "locked_by": lock.locked_by,
            }
            for lock in list_year_locks(session)
        ]
    if as_json:
        echo_json(rows)
        return
    yes, no = ("ja", "nej") if lang == "sv" else ("yes", "no")
    echo_table(
        HEADERS["years"][lang],
        [
            [str(r["year"]), yes if r["active"] else no, _when(r["locked_at"]), r["locked_by"]]
            for r in rows
        ],
    )


@year.command("window")
@click.argument("year_number", metavar="YEAR", type=YEAR)
@click.option("--opens", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD).")
@click.option("--closes", type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD).")
@user_option
@json_option
@lang_option
@click.pass_context
def window(
    ctx: click.Context,
    year_number: int,
    opens: dt.datetime | None,
    closes: dt.datetime | None,
    user: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Set or show a year's reporting window; outside it reporters can read but not save."""
    from indicators.approval import get_window, set_window
    from miljomal.db import session_scope

    if (opens is None) != (closes is None):
        raise click.UsageError(say("opens-with-closes"))
    lang = resolve_lang(ctx, lang)
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


def _entry_dict(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "municipality": entry.municipality_code,
        "indicator": entry.indicator_code,
        "year": entry.year,
        "old_value": entry.old_value,
        "old_status": entry.old_status,
        "old_comment": entry.old_comment,
        "new_value": entry.new_value,
        "new_status": entry.new_status,
        "new_comment": entry.new_comment,
        "changed_at": entry.changed_at.isoformat(),
        "changed_by": entry.changed_by,
        "reason": render_stored(entry.reason, "en") or entry.reason,
        "upload_id": entry.upload_id,
        "file_name": render_stored(entry.file_name, "en") or entry.file_name,
    }


def _upload_dict(upload: Upload) -> dict[str, Any]:
    return {
        "id": upload.id,
        "file_name": render_stored(upload.file_name, "en"),
        "sha256": upload.sha256,
        "size": upload.size,
        "layout": upload.layout,
        "uploaded_by": upload.uploaded_by,
        "uploaded_at": upload.uploaded_at.isoformat(),
        "created": upload.created,
        "updated": upload.updated,
        "unchanged": upload.unchanged,
        "rejected": upload.rejected,
        "warnings": upload.warnings,
        "outcome": upload.outcome,
        "force_reason": upload.force_reason,
        "reverted_by": upload.reverted_by,
    }


def _shown(value: float | None, status: str | None, lang: str) -> str:
    """A value as a reader sees it: `5,8`, `..` for missing, `.` for not applicable."""
    from indicators.numbers import format_number

    if status is None:
        return ""
    if status == "missing":
        return ".."
    if status == "not-applicable":
        return "."
    return format_number(value, None, lang)


def _comment_change(entry: HistoryEntry) -> str:
    if entry.new_comment == entry.old_comment:
        return ""
    return entry.new_comment or "–"


def _when(moment: dt.datetime | str) -> str:
    text = moment if isinstance(moment, str) else moment.isoformat()
    return text[:16].replace("T", " ")


def _upload_label(upload_id: int | None, file_name: str | None, lang: str) -> str:
    if upload_id is None:
        return ""
    return f"{upload_id} {_file_label(file_name, lang)}".rstrip()


# A revert is stored as an upload named by a code (`@revert-of-upload upload=N`); tables show
# it in the reader's language, JSON in English ("revert of upload N") as it always did.
def _file_label(file_name: str | None, lang: str) -> str:
    return render_stored(file_name, lang)


def _outcome(row: dict[str, Any], lang: str) -> str:
    word = OUTCOME_WORDS[lang].get(row["outcome"], row["outcome"])
    if row["reverted_by"] is not None:
        reverted = "återställd av" if lang == "sv" else "reverted by"
        word += f" ({reverted} {row['reverted_by']})"
    return word
