"""`miljomal municipalities ...` and `miljomal groups ...`: the registry, SEkom and groups."""

from __future__ import annotations

from typing import Any

import click

from database.engine import session_scope
from i18n import Lang
from indicators.safe_text import printable
from miljomal.messages import MESSAGES
from miljomal.messages import columns
from miljomal.messages import say
from miljomal.options import YEAR_NUMBER
from miljomal.options import app_context
from miljomal.options import echo_json
from miljomal.options import echo_pairs
from miljomal.options import echo_table
from miljomal.options import lang_option
from miljomal.options import output_options
from municipalities.groups import create_group
from municipalities.groups import delete_group
from municipalities.groups import get_group
from municipalities.groups import list_groups as stored_groups
from municipalities.groups import municipality_detail
from municipalities.registry import list_municipalities
from municipalities.registry import municipality_to_dict
from municipalities.registry import resolve_county
from municipalities.registry import resolve_municipality
from municipalities.registry import set_sekom_member


@click.group()
def municipalities() -> None:
    """List municipalities and manage SEkom membership."""


@municipalities.command("list")
@click.option(
    "--county", metavar="CODE_OR_NAME", help="Only this county, e.g. 22 or Västernorrland."
)
@click.option("--members-only", is_flag=True, help="Only SEkom member municipalities.")
@output_options
@click.pass_context
def list_(
    ctx: click.Context, county: str | None, members_only: bool, as_json: bool, lang: Lang
) -> None:
    """List municipalities with their county and SEkom membership."""
    if county is not None:
        resolve_county(county)  # an unknown county fails before the store is opened
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        rows = [municipality_to_dict(m) for m in list_municipalities(session, county, members_only)]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        columns("municipalities-columns", lang),
        [
            [r["code"], r["short_name"], _county_label(r["county_code"]), _sekom(r, lang)]
            for r in rows
        ],
    )


@municipalities.command("show")
@click.argument("municipality", metavar="CODE_OR_NAME")
@output_options
@click.pass_context
def show(ctx: click.Context, municipality: str, as_json: bool, lang: Lang) -> None:
    """Show one municipality: names, county, SEkom membership and groups."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        data = municipality_detail(session, municipality).to_dict()
    if as_json:
        echo_json(data)
        return
    values = [
        data["code"],
        data["name"],
        data["short_name"],
        f"{data['county_code']} {data['county_name']}",
        _sekom(data, lang) or MESSAGES("no", lang),
        ", ".join(data["groups"]) or "-",
    ]
    echo_pairs(columns("municipality-fields", lang), values)


@municipalities.command("set-member")
@click.argument("municipality", metavar="CODE_OR_NAME")
@click.option(
    "--since", type=YEAR_NUMBER, metavar="YEAR", help="Year the municipality joined SEkom."
)
@click.option("--remove", is_flag=True, help="Mark the municipality as no longer a SEkom member.")
@click.option(
    "--left",
    type=YEAR_NUMBER,
    metavar="YEAR",
    help="With --remove: the year it left; earlier years' SEkom averages still count it.",
)
@lang_option
@click.pass_context
def set_member(
    ctx: click.Context,
    municipality: str,
    since: int | None,
    remove: bool,
    left: int | None,
    lang: Lang,
) -> None:
    """Mark a municipality as SEkom member (--since YEAR) or remove it (--remove --left YEAR).

    Each year's SEkom average is over the municipalities that were members that year.
    """
    if left is not None and not remove:
        raise click.UsageError(say("left-needs-remove"))
    if remove and since is not None and left is None:
        raise click.UsageError(say("since-needs-left"))

    with session_scope(app_context(ctx).engine()) as session:
        found = set_sekom_member(session, municipality, since, member=not remove, left=left)
        label = f"{found.short_name} ({found.code})"
        years = _membership_years(municipality_to_dict(found), lang)
    if remove:
        shown = f" ({years})" if years else ""
        click.echo(MESSAGES("no-longer-member", lang, label=label, years=shown))
    elif since is None:
        click.echo(MESSAGES("is-member", lang, label=label))
    else:
        click.echo(MESSAGES("member-since", lang, label=label, since=since))


@click.group()
def groups() -> None:
    """Define named groups of municipalities (such as SEkom Y)."""


@groups.command("create")
@click.argument("name")
@click.option(
    "--members",
    required=True,
    metavar="CODES",
    help="Comma-separated codes or names, e.g. 2260,2281,Timrå.",
)
@click.option("--description", help="What the group is for.")
@click.option("--replace", is_flag=True, help="Redefine the group if it already exists.")
@lang_option
@click.pass_context
def create(
    ctx: click.Context,
    name: str,
    members: str,
    description: str | None,
    replace: bool,
    lang: Lang,
) -> None:
    """Create a named group of municipalities."""
    with session_scope(app_context(ctx).engine()) as session:
        group = create_group(session, name, members.split(","), description, replace=replace)
    click.echo(
        MESSAGES(
            "group-created",
            lang,
            name=group.name,
            count=len(group.member_codes),
            members=", ".join(group.member_codes),
        )
    )


@groups.command("list")
@output_options
@click.pass_context
def list_groups(ctx: click.Context, as_json: bool, lang: Lang) -> None:
    """List the groups and how many municipalities each has."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        found = stored_groups(session)
    if as_json:
        echo_json([g.to_dict() for g in found])
        return
    echo_table(
        columns("groups-columns", lang),
        [[g.name, str(len(g.member_codes)), g.description or ""] for g in found],
    )


@groups.command("show")
@click.argument("name")
@output_options
@click.pass_context
def show_group(ctx: click.Context, name: str, as_json: bool, lang: Lang) -> None:
    """Show one group and its members."""
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        group = get_group(session, name)
    if as_json:
        echo_json(group.to_dict(member_names=True))
        return
    members = [resolve_municipality(code) for code in group.member_codes]
    click.echo(printable(group.name + (f": {group.description}" if group.description else "")))
    echo_table(columns("group-members-columns", lang), [[m.code, m.short_name] for m in members])


@groups.command("delete")
@click.argument("name")
@lang_option
@click.pass_context
def delete(ctx: click.Context, name: str, lang: Lang) -> None:
    """Delete a group (its municipalities stay)."""
    with session_scope(app_context(ctx).engine()) as session:
        delete_group(session, name)
    click.echo(MESSAGES("group-deleted", lang, name=name))


def _county_label(code: str) -> str:
    return resolve_county(code).short_name


def _sekom(row: dict[str, Any], lang: Lang) -> str:
    if not row["sekom_member"]:
        years = _membership_years(row, lang)
        return MESSAGES("sekom-no-years", lang, years=years) if years else ""
    if row["sekom_since"]:
        return MESSAGES("sekom-yes-since", lang, since=row["sekom_since"])
    return MESSAGES("yes", lang)


def _membership_years(row: dict[str, Any], lang: Lang) -> str:
    """``medlem 2012–2019`` for a former member (the last year is the one before it left)."""
    left = row.get("sekom_left")
    if left is None:
        return ""
    since = row.get("sekom_since")
    first = str(since) if since is not None else ""
    return MESSAGES("member-years", lang, first=first, last=left - 1)
