"""`miljomal municipalities ...` and `miljomal groups ...`: the registry, SEkom and groups."""

from __future__ import annotations

from typing import Any

import click

from miljomal.messages import say
from miljomal.options import (
    app_context,
    echo_json,
    echo_table,
    json_option,
    lang_option,
    resolve_lang,
)


@click.group()
def municipalities() -> None:
    """List municipalities and manage SEkom membership."""


@municipalities.command("list")
@click.option(
    "--county", metavar="CODE_OR_NAME", help="Only this county, e.g. 22 or Västernorrland."
)
@click.option("--members-only", is_flag=True, help="Only SEkom member municipalities.")
@json_option
@click.pass_context
def list_(ctx: click.Context, county: str | None, members_only: bool, as_json: bool) -> None:
    """List municipalities with their county and SEkom membership."""
    from miljomal.db import session_scope
    from municipalities.registry import list_municipalities, resolve_county

    if county is not None:
        resolve_county(county)  # an unknown county fails before the store is opened
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        rows = [_municipality_dict(m) for m in list_municipalities(session, county, members_only)]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ["kod", "namn", "län", "SEkom"],
        [[r["code"], r["short_name"], _county_label(r["county_code"]), _sekom(r)] for r in rows],
    )


@municipalities.command("show")
@click.argument("municipality", metavar="CODE_OR_NAME")
@json_option
@click.pass_context
def show(ctx: click.Context, municipality: str, as_json: bool) -> None:
    """Show one municipality: names, county, SEkom membership and groups."""
    from miljomal.db import session_scope
    from municipalities.groups import groups_of
    from municipalities.registry import get_municipality

    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        found = get_municipality(session, municipality)
        data = _municipality_dict(found) | {
            "county_name": found.county.name,
            "groups": groups_of(session, found.code),
        }
    if as_json:
        echo_json(data)
        return
    _echo_pairs(
        [
            ("kod", data["code"]),
            ("namn", data["name"]),
            ("kortnamn", data["short_name"]),
            ("län", f"{data['county_code']} {data['county_name']}"),
            ("SEkom", _sekom(data) or "nej"),
            ("grupper", ", ".join(data["groups"]) or "-"),
        ]
    )


@municipalities.command("set-member")
@click.argument("municipality", metavar="CODE_OR_NAME")
@click.option("--since", type=int, metavar="YEAR", help="Year the municipality joined SEkom.")
@click.option("--remove", is_flag=True, help="Mark the municipality as no longer a SEkom member.")
@click.option(
    "--left",
    type=int,
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
    lang: str | None,
) -> None:
    """Mark a municipality as SEkom member (--since YEAR) or remove it (--remove --left YEAR).

    Each year's SEkom average is over the municipalities that were members that year.
    """
    if left is not None and not remove:
        raise click.UsageError(say("left-needs-remove"))
    if remove and since is not None and left is None:
        raise click.UsageError(say("since-needs-left"))
    from miljomal.db import session_scope
    from municipalities.registry import set_sekom_member

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine()) as session:
        found = set_sekom_member(session, municipality, since, member=not remove, left=left)
        label = f"{found.short_name} ({found.code})"
        years = _membership_years(_municipality_dict(found), lang)
    if remove:
        click.echo(
            _say(
                lang,
                f"{label} är inte längre SEkom-medlem" + (f" ({years})." if years else "."),
                f"{label} is no longer a SEkom member" + (f" ({years})." if years else "."),
            )
        )
    elif since is None:
        click.echo(_say(lang, f"{label} är SEkom-medlem.", f"{label} is a SEkom member."))
    else:
        click.echo(
            _say(
                lang,
                f"{label} är SEkom-medlem sedan {since}.",
                f"{label} is a SEkom member since {since}.",
            )
        )


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
    lang: str | None,
) -> None:
    """Create a named group of municipalities."""
    from miljomal.db import session_scope
    from municipalities.groups import create_group

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine()) as session:
        group = create_group(session, name, members.split(","), description, replace=replace)
    count = len(group.member_codes)
    click.echo(
        _say(
            lang,
            f"Gruppen {group.name!r} har {count} kommuner: {', '.join(group.member_codes)}.",
            f"Group {group.name!r} has {count} municipalities: {', '.join(group.member_codes)}.",
        )
    )


@groups.command("list")
@json_option
@click.pass_context
def list_groups(ctx: click.Context, as_json: bool) -> None:
    """List the groups and how many municipalities each has."""
    from miljomal.db import session_scope
    from municipalities.groups import list_groups as stored_groups

    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        found = stored_groups(session)
    if as_json:
        echo_json([g.to_dict() for g in found])
        return
    echo_table(
        ["namn", "kommuner", "beskrivning"],
        [[g.name, str(len(g.member_codes)), g.description or ""] for g in found],
    )


@groups.command("show")
@click.argument("name")
@json_option
@click.pass_context
def show_group(ctx: click.Context, name: str, as_json: bool) -> None:
    """Show one group and its members."""
    from miljomal.db import session_scope
    from municipalities.groups import get_group
    from municipalities.registry import resolve_municipality

    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        group = get_group(session, name)
    if as_json:
        echo_json(group.to_dict(member_names=True))
        return
    members = [resolve_municipality(code) for code in group.member_codes]
    click.echo(group.name + (f": {group.description}" if group.description else ""))
    echo_table(["kod", "namn"], [[m.code, m.short_name] for m in members])


@groups.command("delete")
@click.argument("name")
@lang_option
@click.pass_context
def delete(ctx: click.Context, name: str, lang: str | None) -> None:
    """Delete a group (its municipalities stay)."""
    from miljomal.db import session_scope
    from municipalities.groups import delete_group

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine()) as session:
        delete_group(session, name)
    click.echo(_say(lang, f"Gruppen {name!r} är borttagen.", f"Group {name!r} deleted."))


def _municipality_dict(municipality: Any) -> dict[str, Any]:
    return {
        "code": municipality.code,
        "name": municipality.name,
        "short_name": municipality.short_name,
        "county_code": municipality.county_code,
        "sekom_member": bool(municipality.sekom_member),
        "sekom_since": municipality.sekom_since,
        "sekom_left": municipality.sekom_left,
    }


def _county_label(code: str) -> str:
    from municipalities.registry import resolve_county

    return resolve_county(code).short_name


def _sekom(row: dict[str, Any]) -> str:
    if not row["sekom_member"]:
        years = _membership_years(row, "sv")
        return f"nej ({years})" if years else ""
    return f"ja ({row['sekom_since']})" if row["sekom_since"] else "ja"


def _membership_years(row: dict[str, Any], lang: str) -> str:
    """``medlem 2012–2019`` for a former member (the last year is the one before it left)."""
    left = row.get("sekom_left")
    if left is None:
        return ""
    since = row.get("sekom_since")
    first = str(since) if since is not None else ""
    return f"{'member' if lang == 'en' else 'medlem'} {first}–{left - 1}"


def _say(lang: str, swedish: str, english: str) -> str:
    return english if lang == "en" else swedish


def _echo_pairs(pairs: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in pairs)
    for label, value in pairs:
        click.echo(f"{label.ljust(width)}  {value}")
