"""`miljomal publish`: a static public site with open data, from the approved values.

Plain files, no server code: a start page with every municipality and its trend summary,
one page per municipality (every indicator's chart with a data table beside it), one page
per indicator comparing the municipalities, a method page, the accessibility statement
(``tillganglighet.html``) and what the site does with personal data
(``personuppgifter.html``), both linked from every page's footer, a Frictionless Data Package
(``data/datapackage.json``) with CSV beside it, and the DCAT-AP-SE catalogue of that open data
(``datasets/dcat``, ``datasets/dcat.ttl``; reports/site/dcat.py); each chart also has its CSV
and JSON.

Pages are rendered with Jinja2 (autoescape on).  A file is only rewritten when its bytes
change, and files of an earlier publication that are no longer part of the site are
removed (``.miljomal-site.json`` lists what the last publication wrote), so a re-publish
after one municipality's change touches only what that change shows on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from i18n import Lang
from reports.site import headers
from reports.site.data import SiteScope
from reports.site.data import read_site_data
from reports.site.settings import SiteSettings
from reports.site.summary import PublishSummary
from reports.site.writing import write_site

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def publish(
    session: Session,
    out: str | Path,
    scope: SiteScope,
    *,
    lang: Lang = "sv",
    base_url: str | None = None,
    frame_ancestors: str = headers.ANY_SITE,
    settings: SiteSettings | None = None,
) -> PublishSummary:
    """Publish the site for a county (default 22), a group or the whole country (``scope``)
    into ``out``.

    ``base_url`` is the site's address (the embed code needs it); ``frame_ancestors`` the
    sites allowed to show the embed pages in a frame.  ``settings`` are the county's: the
    publisher and the statements' organisation (the DCAT catalogue, the statements); what is
    missing is said on the statement pages and in the summary.
    """
    data = read_site_data(session, scope, lang)
    return write_site(
        data,
        Path(out),
        lang,
        base_url=base_url,
        frame_ancestors=frame_ancestors,
        settings=settings,
    )
