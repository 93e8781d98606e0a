"""`miljomal users`: accounts of the web portal (add, list, disable, reset, tokens, remove)."""

from __future__ import annotations

import os
import sys

import click

from accounts.removal import remove_person
from accounts.users import add_user
from accounts.users import create_api_token
from accounts.users import disable_user
from accounts.users import list_api_tokens
from accounts.users import list_users
from accounts.users import reset_user
from accounts.users import revoke_api_tokens
from database.engine import session_scope
from i18n import Lang
from miljomal.commands.history import when_text
from miljomal.messages import say
from miljomal.options import ROW_ID
from miljomal.options import app_context
from miljomal.options import echo_json
from miljomal.options import echo_table
from miljomal.options import json_option
from miljomal.options import output_options
from miljomal.options import who
from municipalities.errors import UnknownMunicipality
from municipalities.registry import resolve_municipality

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


@click.group()
def users() -> None:
    """Manage the web portal's users: reporters, county users and admins."""


@users.command("add")
@click.argument("email")
@click.option("--name", required=True, help="The person's name, shown in the history.")
@click.option(
    "--role",
    type=click.Choice(["reporter", "county", "admin"]),
    required=True,
    help="reporter (own municipalities), county (its county) or admin (manages users).",
)
@click.option(
    "--municipality",
    "municipalities",
    multiple=True,
    metavar="CODE|NAME",
    help="A municipality the reporter reports for (repeat for several).",
)
@click.option("--county", metavar="CODE", help="The county of a county user (22).")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from standard input (for scripts) instead of inviting.",
)
@click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default="sv",
    show_default=True,
    help="Language of the user's pages.",
)
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Address of the portal in the invitation link (default: $MILJOMAL_BASE_URL).",
)
@click.pass_context
def add(
    ctx: click.Context,
    email: str,
    name: str,
    role: str,
    municipalities: tuple[str, ...],
    county: str | None,
    password_stdin: bool,
    lang: Lang,
    base_url: str | None,
) -> None:
    """Add a user; prints a one-time link, valid for 7 days, to set the password.

    With --password-stdin the first line of standard input is the password (at least 12
    characters) and no link is made.
    """
    codes = [_municipality_code(text) for text in municipalities]
    if role == "reporter" and not codes:
        raise click.UsageError(say("reporter-needs-municipality"))
    if role == "county" and not county:
        raise click.UsageError(say("county-user-needs-county"))
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    with session_scope(app_context(ctx).engine()) as session:
        created = add_user(
            session,
            email,
            name=name,
            role=role,
            municipalities=codes,
            county=county,
            password=password,
            lang=lang,
        )
        shown_email = created.user.email
    click.echo(say("user-added", email=shown_email, role=role))
    if created.invitation:
        click.echo(say("invitation-link", link=_link(base_url, created.invitation)))


@users.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """List every user with role, municipalities or county, and state."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        rows = [
            (
                user.email,
                user.name,
                user.role,
                ", ".join(user.municipality_codes) or (user.county_code or ""),
                say("user-active" if user.active else "user-inactive"),
                say("password-set" if user.password_hash else "password-invited"),
            )
            for user in list_users(session)
        ]
    echo_table(tuple(say("users-header").split("|")), rows)


@users.command("disable")
@click.argument("email")
@click.pass_context
def disable(ctx: click.Context, email: str) -> None:
    """Stop a user from logging in; their sessions, links and API tokens end."""
    with session_scope(app_context(ctx).engine()) as session:
        user = disable_user(session, email)
        shown = user.email
    click.echo(say("user-disabled", email=shown))


@users.command("reset")
@click.argument("email")
@click.option("--base-url", default=None, metavar="URL", help="Address of the portal.")
@click.pass_context
def reset(ctx: click.Context, email: str, base_url: str | None) -> None:
    """Remove a user's password, end their sessions, links and API tokens; print a new link."""
    with session_scope(app_context(ctx).engine()) as session:
        token = reset_user(session, email)
    click.echo(say("invitation-link", link=_link(base_url, token)))


@users.command("token")
@click.argument("email")
@click.option(
    "--expires",
    "days",
    type=click.IntRange(1, 3650),
    default=365,
    show_default=True,
    metavar="DAYS",
    help="Days until the token stops working (1-3650).",
)
@click.pass_context
def token(ctx: click.Context, email: str, days: int) -> None:
    """Create an API token for the user; it is shown once and stored hashed."""
    with session_scope(app_context(ctx).engine()) as session:
        secret = create_api_token(session, email, days=days)
    click.echo(secret)


@users.command("tokens")
@click.argument("email")
@json_option
@click.pass_context
def tokens(ctx: click.Context, email: str, as_json: bool) -> None:
    """List the user's API tokens that are not revoked: id, created, last used, expiry."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        found = list_api_tokens(session, email)
    if as_json:
        echo_json([info.to_dict() for info in found])
        return
    if not found:
        click.echo(say("no-tokens", email=email))
        return
    rows = [
        (
            str(info.id),
            when_text(info.created_at),
            when_text(info.last_used_at) or say("token-never-used"),
            when_text(info.expires_at) or say("token-no-expiry"),
        )
        for info in found
    ]
    echo_table(tuple(say("tokens-header").split("|")), rows)


@users.command("revoke")
@click.argument("email")
@click.option("--token", "token_id", type=ROW_ID, metavar="ID", help="The token to revoke.")
@click.option("--all", "every", is_flag=True, help="Revoke every token of the user.")
@click.pass_context
def revoke(ctx: click.Context, email: str, token_id: int | None, every: bool) -> None:
    """Revoke one API token of the user (--token ID) or all of them (--all)."""
    if (token_id is None) == (not every):
        raise click.UsageError(say("revoke-token-or-all"))
    with session_scope(app_context(ctx).engine()) as session:
        count = revoke_api_tokens(session, email, token_id=token_id)
    click.echo(say("tokens-revoked", count=count, email=email))


@users.command("remove")
@click.argument("email")
@click.option(
    "--reason",
    required=True,
    metavar="TEXT",
    help="Why the person is removed (their request, left the job...); kept in the audit log.",
)
@output_options
@click.pass_context
def remove(ctx: click.Context, email: str, reason: str, as_json: bool, lang: Lang) -> None:
    """Remove a person: close the account and replace their name and e-mail with a pseudonym.

    The pseudonym (borttagen- and eight hex digits) takes the place of the name and e-mail
    address in the history, the audit log, the uploads and every other text of the store,
    so the history still shows that one (pseudonymous) person made those changes and
    `miljomal verify` still passes.  The audit log records the removal and the reason.
    """
    with session_scope(app_context(ctx).engine()) as session:
        removal = remove_person(session, email, reason=reason, actor=who(None))
    if as_json:
        echo_json(removal.to_dict())
    else:
        click.echo(say("user-removed", email=email, pseudonym=removal.pseudonym, rows=removal.rows))


def _link(base_url: str | None, token: str) -> str:
    base = (base_url or os.environ.get("MILJOMAL_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    return f"{base}/inbjudan/{token}"


def _municipality_code(text: str) -> str:
    try:
        return resolve_municipality(text).code
    except UnknownMunicipality as exc:
        raise click.BadParameter(exc.message("en"), param_hint="--municipality") from exc
