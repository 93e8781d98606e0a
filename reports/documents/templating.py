"""The one HTML template set and CSS of every document: Jinja2 with autoescape.

Indicator reports, the plan report and (later) the web portal render the templates in
``reports/documents/templates/`` with the same stylesheet, ``style.css``.  Every value is
escaped by Jinja2; only the SVG charts we draw ourselves are passed in as trusted markup
(:func:`trusted`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from i18n import Lang

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    """The Jinja2 environment: the templates folder, autoescape on, undefined names fail."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def stylesheet() -> str:
    """The one CSS of every HTML document."""
    return (TEMPLATES / "style.css").read_text(encoding="utf-8")


def trusted(markup: str) -> Markup:
    """Markup we made ourselves (an inline SVG chart), not to be escaped again."""
    from markupsafe import Markup

    return Markup(markup)  # noqa: S704 - our own SVG; every text in it is escaped by matplotlib


def render(name: str, lang: Lang = "sv", **context: Any) -> str:
    """Render one document template in the reader's language (``t`` gives its labels)."""
    from reports.documents.common import t

    template = environment().get_template(name)
    return template.render(
        lang="en" if lang == "en" else "sv",
        css=trusted(stylesheet()),
        t=lambda key, **values: t(key, lang, **values),
        **context,
    )
