"""`miljomal init`: create or upgrade the store and load the bundled reference data."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from sqlalchemy import inspect
from sqlalchemy.exc import SQLAlchemyError

from database.engine import safe_url
from miljomal.bootstrap import initialise
from miljomal.messages import MESSAGES
from miljomal.options import app_context

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@click.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create or upgrade the database and load the registry and catalogue; safe to repeat."""
    app = app_context(ctx)
    engine = app.engine(require_schema=False)
    existed = _has_schema(engine)
    summary = initialise(engine)
    lang = app.lang
    state = MESSAGES("schema-up-to-date" if existed else "schema-created", lang)
    click.echo(MESSAGES("store-ready", lang, url=safe_url(app.db_url), state=state))
    click.echo(
        MESSAGES(
            "store-loaded",
            lang,
            counties=summary.counties,
            municipalities=summary.municipalities,
            sets=summary.indicator_sets,
            indicators=summary.indicators,
        )
    )


def _has_schema(engine: Engine) -> bool:
    """True when the store already has a miljomal schema; False also when it cannot be reached."""
    try:
        return inspect(engine).has_table("alembic_version")
    except SQLAlchemyError:
        return False  # initialise() reports the real cause in one line
