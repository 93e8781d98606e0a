"""The one Jinja2 setup and CSS of every HTML page: documents, the public site and the portal.

:func:`environment` makes the environment of the documents and of the site; the portal's
Flask application takes the same options, filters and shared templates through
:func:`configure`.  The shared templates in ``reports/documents/templates/`` are the base
layout ``layout.html`` (lang attribute, skip link, header, main, footer), which the
document page, the site's ``base.html`` and the portal's ``base.html`` extend, the
accessible pieces in ``macros.html`` and ``statement.html`` (the accessibility statement and
the privacy page, extending whichever ``base.html`` the host has).  The one stylesheet is
``style.css``; the site and the portal add their own rules after it.

Every value is escaped by Jinja2; only the SVG charts we draw ourselves are passed in as
trusted markup (:func:`trusted`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from markupsafe import Markup

from i18n import Lang
from i18n import pick_lang
from indicators.numbers import format_number
from reports.messages import LABELS

if TYPE_CHECKING:
    from jinja2 import BaseLoader
    from jinja2 import Environment
    from jinja2.runtime import Context

TEMPLATES = Path(__file__).parent / "templates"


def options() -> dict[str, Any]:
    """The environment's options: autoescape on, undefined names fail, tidy whitespace."""
    # jinja2 is imported here, not at the top: `import` of one file must not load it
    # (tests/test_startup_imports.py).
    from jinja2 import StrictUndefined  # heavy: tests/test_startup_imports.py

    return {
        "autoescape": True,
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }


def loader(*first: Path | BaseLoader) -> BaseLoader:
    """Templates from ``first`` (folders or loaders) before the shared ones."""
    from jinja2 import ChoiceLoader  # heavy: tests/test_startup_imports.py
    from jinja2 import FileSystemLoader  # heavy: tests/test_startup_imports.py

    loaders = [FileSystemLoader(f) if isinstance(f, Path) else f for f in first]
    return ChoiceLoader([*loaders, FileSystemLoader(TEMPLATES)])


def share(env: Environment) -> Environment:
    """Give ``env`` the filters every page uses (``number``: in the page's ``lang``)."""
    from jinja2 import pass_context  # heavy: tests/test_startup_imports.py

    env.filters["number"] = pass_context(_number)
    return env


def environment(*folders: Path) -> Environment:
    """A new environment on ``folders`` and the shared templates, with the shared options."""
    from jinja2 import Environment  # heavy: tests/test_startup_imports.py

    return share(Environment(loader=loader(*folders), **options()))


def configure(jinja_env: Environment) -> None:
    """The same options, filters and shared templates for the environment Flask made.

    Flask's own loader (the portal's and its blueprints' folders) comes first.  Undefined
    names stay Flask's lenient default there: the portal's templates test optional names
    with ``{% if name %}``.
    """
    for name, value in options().items():
        if name not in ("autoescape", "undefined"):  # Flask escapes by file name already
            setattr(jinja_env, name, value)
    if jinja_env.loader is not None:
        jinja_env.loader = loader(jinja_env.loader)
    share(jinja_env)


def _number(context: Context, value: float | None, decimals: int | None = None) -> str:
    """``{{ value | number(1) }}``: decimal comma and space between thousands in Swedish."""
    return format_number(value, decimals, context.get("lang", "sv"))


@cache
def documents() -> Environment:
    """The documents' environment: the shared templates folder alone."""
    return environment()


@cache
def stylesheet() -> str:
    """The one CSS of every HTML page (the site and the portal add theirs after it)."""
    return (TEMPLATES / "style.css").read_text(encoding="utf-8")


def trusted(markup: str) -> Markup:
    """Markup we made ourselves (an inline SVG chart), not to be escaped again."""
    return Markup(markup)  # noqa: S704 - our own SVG; every text in it is escaped by matplotlib


def render(name: str, lang: Lang = "sv", **context: Any) -> str:
    """Render one document template in the reader's language (``t`` gives its labels)."""
    template = documents().get_template(name)
    return template.render(
        lang=pick_lang(lang),
        css=trusted(stylesheet()),
        t=lambda key, **values: LABELS(key, lang, **values),
        **context,
    )
