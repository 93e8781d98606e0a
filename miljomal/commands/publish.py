"""`miljomal publish`: write the public static site with open data."""

from __future__ import annotations

import datetime as dt

import click

from database.engine import session_scope
from i18n import Lang
from miljomal.messages import say
from miljomal.options import app_context
from miljomal.options import echo_json
from miljomal.options import output_options
from reports.site import publish as publish_site
from reports.site.data import SiteScope
from reports.site.settings import DEFAULT_LICENSE
from reports.site.settings import SiteSettings
from reports.site.settings import publisher_iri
from reports.statements import Organisation


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
    envvar="MILJOMAL_SITE_URL",
    metavar="URL",
    help="The site's public address (https://...): the embed code on chart pages and the DCAT "
    "catalogue's IRIs use it ($MILJOMAL_SITE_URL).",
)
@click.option(
    "--embed-frame-ancestors",
    "frame_ancestors",
    default="*",
    show_default=True,
    metavar="SOURCES",
    help="Sites allowed to show the embed pages in a frame (a CSP frame-ancestors list).",
)
@click.option(
    "--publisher-orgnr",
    envvar="MILJOMAL_PUBLISHER_ORGNR",
    metavar="ORGNR",
    help="The publisher's organisation number (212000-2411), for dataportal.se "
    "($MILJOMAL_PUBLISHER_ORGNR).",
)
@click.option(
    "--org-name",
    envvar="MILJOMAL_ORG_NAME",
    metavar="NAME",
    help="The organisation behind the site, as the statements name it ($MILJOMAL_ORG_NAME).",
)
@click.option(
    "--org-contact",
    envvar="MILJOMAL_ORG_CONTACT",
    metavar="ADDRESS",
    help="Where readers write about accessibility and data: e-mail or web address "
    "($MILJOMAL_ORG_CONTACT).",
)
@click.option(
    "--assessed",
    envvar="MILJOMAL_ACCESSIBILITY_ASSESSED",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="When the site's accessibility was last assessed ($MILJOMAL_ACCESSIBILITY_ASSESSED).",
)
@click.option(
    "--statement-updated",
    envvar="MILJOMAL_ACCESSIBILITY_UPDATED",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="When the accessibility statement was last updated (default: --assessed; "
    "$MILJOMAL_ACCESSIBILITY_UPDATED).",
)
@click.option(
    "--license",
    "license_",
    envvar="MILJOMAL_DATA_LICENSE",
    default=DEFAULT_LICENSE,
    show_default=True,
    metavar="URI",
    help="The open data's licence, by its URI ($MILJOMAL_DATA_LICENSE).",
)
@output_options
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
    publisher_orgnr: str | None,
    org_name: str | None,
    org_contact: str | None,
    assessed: dt.datetime | None,
    statement_updated: dt.datetime | None,
    license_: str,
    as_json: bool,
    lang: Lang,
) -> None:
    """Write the public site: start page, one page per municipality and indicator, open data.

    Only values the county board has approved (or whose year is locked) are published unless
    --include-unapproved.  A re-publish rewrites only the files whose content changed.

    The accessibility statement (tillganglighet.html) names the organisation, contact address
    and assessment date given here, and says which are missing.  The DCAT-AP-SE catalogue
    for dataportal.se (datasets/dcat, datasets/dcat.ttl) needs --base-url,
    --publisher-orgnr, --org-name and --org-contact; without them it is not written.
    """
    if sum(bool(x) for x in (county, group, whole_country)) > 1:
        raise click.UsageError(say("one-area"))
    settings = _settings(
        base_url, publisher_orgnr, org_name, org_contact, assessed, statement_updated, license_
    )
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        scope = SiteScope(
            county=county,
            group=group,
            whole_country=whole_country,
            set_code=set_code,
            include_unapproved=include_unapproved,
        )
        summary = publish_site(
            session,
            out,
            scope,
            lang=lang,
            base_url=base_url,
            frame_ancestors=frame_ancestors,
            settings=settings,
        )
    if as_json:
        echo_json(summary.to_dict())
    else:
        click.echo(summary.sentence(lang))


def _settings(
    base_url: str | None,
    orgnr: str | None,
    org_name: str | None,
    org_contact: str | None,
    assessed: dt.datetime | None,
    updated: dt.datetime | None,
    license_: str,
) -> SiteSettings:
    """The county's settings, each checked; a bad one is a usage error naming the option."""
    if base_url and not base_url.startswith(("https://", "http://")):
        raise click.BadParameter(say("not-a-web-address", value=base_url), param_hint="--base-url")
    if orgnr:
        try:
            publisher_iri(orgnr)
        except ValueError:
            raise click.BadParameter(
                say("not-an-orgnr", value=orgnr), param_hint="--publisher-orgnr"
            ) from None
    if not license_.startswith(("https://", "http://")):
        raise click.BadParameter(say("not-a-web-address", value=license_), param_hint="--license")
    organisation = Organisation(
        name=(org_name or "").strip() or None,
        contact=(org_contact or "").strip() or None,
        assessed=assessed.date() if assessed else None,
        updated=updated.date() if updated else None,
    )
    return SiteSettings(organisation, base_url or None, orgnr or None, license_)
