"""`miljomal demo`: the main job on example data."""

from __future__ import annotations

from pathlib import Path

import click

from database.engine import make_engine
from i18n import Lang
from miljomal.commands.serve import run_server
from miljomal.demo import add_demo_users
from miljomal.demo import relative
from miljomal.demo import run_demo
from miljomal.messages import MESSAGES
from miljomal.options import lang_option


@click.command()
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-output"),
    show_default=True,
    help="Folder for the demo database and every report.",
)
@click.option(
    "--serve",
    "serve_portal",
    is_flag=True,
    help="Then start the web portal on the demo store, with one demo user per municipality.",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port for --serve.",
)
@lang_option
def demo(out: Path, serve_portal: bool, port: int, lang: Lang) -> None:
    """Run the whole flow on bundled example data and write every report.

    Creates a fresh SQLite store in OUT, imports example workbooks for the seven
    municipalities of Västernorrland (2010-2024), and writes the county, municipality,
    completeness and action-plan reports. All numbers are example data.  With --serve it
    then adds one reporter per municipality and a county user, prints their passwords and
    serves the web portal on the demo store (http://127.0.0.1:8000/).
    """
    result = run_demo(out, lang=lang, say=lambda line: click.echo(line, err=True))
    click.echo(MESSAGES("demo-reports", lang))
    for path in result.files:
        click.echo(f"  {relative(path)}")
    click.echo(MESSAGES("demo-database", lang, path=relative(result.database)))
    if serve_portal:
        _serve(result.database, port, lang)


def _serve(database: Path, port: int, lang: Lang) -> None:
    """Add the demo users, print their passwords, and serve the portal until Ctrl+C."""
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    users = add_demo_users(engine)
    engine.dispose()
    click.echo("")
    click.echo(MESSAGES("demo-users", lang))
    for user in users:
        click.echo(f"  {user.email:32} {user.password:18} {user.role} {user.scope}")
    run_server(url, host="127.0.0.1", port=port)
