"""`miljomal publish`: write the public static site with open data."""

from __future__ import annotations

import click

from miljomal.messages import say
from miljomal.options import app_context, echo_json, json_option, lang_option, resolve_lang


@click.command()
@click.option("--out", "-o", required=True, metavar="FOLDER", help="Folder to write the site into.")
@click.option("--county", "-c", metavar="CODE_OR_NAME", help="County to publish (default 22).")
@click.option("--group", "-g", metavar="NAME", help="A named group instead of a county.")
@click.option("--whole-country", is_flag=True, help="Every municipality in Sweden.")
@click.option(
    "--set",
    "set_code",
    help="Indicator set (default: the set of the newest values; earlier values of indicators "
    "that continue with the same definition are drawn in the same series).",
)
@click.option(
    "--include-unapproved",
    is_flag=True,
    help='Also publish values not yet approved, marked "preliminär".',
)
@click.option(
    "--base-url",
    metavar="URL",
    help="The site's address (https://...): the embed code on chart pages uses it.",
)
@click.option(
    "--embed-frame-ancestors",
    "frame_ancestors",
    default="*",
    show_default=True,
    metavar="SOURCES",
    help="Sites allowed to show the embed pages in a frame (a CSP frame-ancestors list).",
)
@json_option
@lang_option
@click.pass_context
def publish(
    ctx: click.Context,
    out: str,
    county: str | None,
    group: str | None,
    whole_country: bool,
    set_code: str | None,
    include_unapproved: bool,
    base_url: str | None,
    frame_ancestors: str,
    as_json: bool,
    lang: str | None,
) -> None:
    """Write the public site: start page, one page per municipality and indicator, open data.

    Only values the county board has approved (or whose year is locked) are published unless
    --include-unapproved.  A re-publish rewrites only the files whose content changed.
    """
    from miljomal.db import session_scope
    from reports.site import publish as publish_site

    if sum(bool(x) for x in (county, group, whole_country)) > 1:
        raise click.UsageError(say("one-area"))
    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        summary = publish_site(
            session,
            out,
            county=county,
            group=group,
            whole_country=whole_country,
            set_code=set_code,
            include_unapproved=include_unapproved,
            lang=lang,
            base_url=base_url,
            frame_ancestors=frame_ancestors,
        )
    if as_json:
        echo_json(summary.to_dict())
    else:
        click.echo(summary.sentence(lang))
