"""`miljomal approval ...`: the county board approves, returns and reopens municipality-years."""

from __future__ import annotations

import click

from database.engine import session_scope
from i18n import Lang
from i18n import render_stored
from indicators.year_state import STATE_WORDS
from miljomal.commands.history import YEAR
from miljomal.commands.history import user_option
from miljomal.commands.history import when_text
from miljomal.messages import MESSAGES
from miljomal.messages import columns
from miljomal.options import app_context
from miljomal.options import echo_json
from miljomal.options import echo_table
from miljomal.options import output_options
from miljomal.options import who
from review.approval import approval_list
from review.approval import approve
from review.approval import reopen
from review.approval import return_to_municipality
from review.audit import AUDIT_WORDS
from review.audit import audit_log
from review.matrix import reporting_matrix
from review.reminders import REMINDER_WORDS
from review.reminders import reminders as find_reminders


@click.group()
def approval() -> None:
    """Approve, return and reopen a municipality's reporting year; reminders; audit log."""


def _target_options(func):  # type: ignore[no-untyped-def]
    func = click.option("--year", "-y", required=True, type=YEAR, help="The reporting year.")(func)
    return click.option(
        "--municipality", "-m", required=True, metavar="CODE_OR_NAME", help="e.g. 2281."
    )(func)


def _decision_command(action: str, help_text: str, reason_help: str, reason_required: bool) -> None:
    """Register `miljomal approval ACTION`: one county decision on a municipality's year."""

    @approval.command(action, help=help_text)
    @_target_options
    @click.option("--reason", metavar="TEXT", required=reason_required, help=reason_help)
    @user_option
    @output_options
    @click.pass_context
    def decide(
        ctx: click.Context,
        municipality: str,
        year: int,
        reason: str | None,
        user: str | None,
        as_json: bool,
        lang: Lang,
    ) -> None:
        with session_scope(app_context(ctx).engine()) as session:
            actor = who(user)
            if action == "approve":
                change = approve(session, municipality, year, actor, reason)
            elif action == "return":
                change = return_to_municipality(session, municipality, year, actor, reason or "")
            else:
                change = reopen(session, municipality, year, actor, reason or "")
        if as_json:
            echo_json(change.to_dict())
        else:
            click.echo(change.sentence(lang))


_decision_command(
    "approve",
    "Approve a municipality's year: its reporters can no longer change its values.",
    "A note kept with the approval (optional).",
    reason_required=False,
)
_decision_command(
    "return",
    "Send a municipality's year back with a comment for its reporters.",
    "The comment the reporters see.",
    reason_required=True,
)
_decision_command(
    "reopen",
    "Reopen an approved municipality-year so its reporters can change it again.",
    "Why (kept in the history).",
    reason_required=True,
)


@approval.command("list")
@click.option("--county", "-c", default="22", show_default=True, metavar="CODE_OR_NAME")
@click.option("--year", "-y", required=True, type=YEAR, help="The reporting year.")
@click.option("--set", "set_code", help="Indicator set (default: the one in force for the year).")
@click.option("--cells", is_flag=True, help="Also each indicator's status (the matrix).")
@output_options
@click.pass_context
def list_(
    ctx: click.Context,
    county: str,
    year: int,
    set_code: str | None,
    cells: bool,
    as_json: bool,
    lang: Lang,
) -> None:
    """List a county's municipalities for a year: approval state, values, last change."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        if cells:
            matrix = reporting_matrix(session, county, year, set_code)
            listing = matrix.review
        else:
            listing = approval_list(session, county, year, set_code)
    if as_json:
        echo_json(matrix.to_dict() if cells else listing.to_dict())
        return
    if cells:
        symbols = {"reported": "✓", "missing": "..", "not-applicable": ".", "absent": "–"}
        echo_table(
            [columns("approval-columns", lang)[1], *matrix.indicators],
            [
                [row.review.municipality_name, *(symbols[row.cells[c]] for c in matrix.indicators)]
                for row in matrix.rows
            ],
        )
        return
    click.echo(f"{listing.county_name} {year}: {listing.window.sentence(lang)}")
    if listing.year_locked:
        click.echo(MESSAGES("year-is-locked", lang, year=year))
    echo_table(
        columns("approval-columns", lang),
        [
            [
                row.municipality_code,
                row.municipality_name,
                STATE_WORDS(row.state, lang),
                str(row.reported),
                str(row.missing),
                str(row.not_applicable),
                str(row.absent),
                when_text(row.last_change.at) if row.last_change else "–",
                row.last_change.by if row.last_change else "",
            ]
            for row in listing.rows
        ],
    )


@approval.command("reminders")
@click.option("--county", "-c", default="22", show_default=True, metavar="CODE_OR_NAME")
@click.option("--year", "-y", required=True, type=YEAR, help="The reporting year.")
@click.option("--set", "set_code", help="Indicator set (default: the one in force for the year).")
@output_options
@click.pass_context
def reminders(
    ctx: click.Context,
    county: str,
    year: int,
    set_code: str | None,
    as_json: bool,
    lang: Lang,
) -> None:
    """List municipalities that have not sent, have values missing or an unanswered return."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        found = find_reminders(session, county, year, set_code)
    if as_json:
        echo_json(found.to_dict())
        return
    echo_table(
        columns("reminders-columns", lang),
        [
            [
                r.municipality_code,
                r.municipality_name,
                ", ".join(REMINDER_WORDS(reason, lang) for reason in r.reasons),
                r.return_comment or "",
            ]
            for r in found.reminders
        ],
    )


@approval.command("log")
@click.option("--year", "-y", type=YEAR, help="Only this reporting year.")
@click.option("--municipality", "-m", metavar="CODE_OR_NAME", help="Only this municipality.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(
        ["upload", "revert", "approve", "return", "reopen", "lock", "unlock", "remove"]
    ),
    help="Only these kinds of entry (repeatable).",
)
@click.option("--by", "actor", metavar="NAME", help="Only what this user did.")
@output_options
@click.pass_context
def log(
    ctx: click.Context,
    year: int | None,
    municipality: str | None,
    kinds: tuple[str, ...],
    actor: str | None,
    as_json: bool,
    lang: Lang,
) -> None:
    """The audit log: every upload, revert, approval, return and lock with who, when, why."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        found = audit_log(
            session, year=year, municipality=municipality, kinds=kinds or None, actor=actor
        )
    if as_json:
        echo_json(found.to_dict())
        return
    echo_table(
        columns("log-columns", lang),
        [
            [
                when_text(e.at),
                AUDIT_WORDS(e.kind, lang) + (f" ({e.subject})" if e.subject else ""),
                e.actor,
                e.municipality_code or "",
                str(e.year) if e.year is not None else "",
                e.reason or "",
                render_stored(e.file_name, lang),
            ]
            for e in found.entries
        ],
    )
