"""`miljomal demo`: the main job on example data."""

from __future__ import annotations

from pathlib import Path

import click

from miljomal.options import lang_option, resolve_lang


@click.command()
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-output"),
    show_default=True,
    help="Folder for the demo database and every report.",
)
@lang_option
@click.pass_context
def demo(ctx: click.Context, out: Path, lang: str | None) -> None:
    """Run the whole flow on bundled example data and write every report.

    Creates a fresh SQLite store in OUT, imports example workbooks for the seven
    municipalities of Västernorrland (2010-2024), and writes the county, municipality,
    completeness and action-plan reports. All numbers are example data.
    """
    from miljomal.demo import relative, run_demo

    lang = resolve_lang(ctx, lang)
    result = run_demo(out, lang=lang, say=lambda line: click.echo(line, err=True))
    heading = "Rapporter (exempeldata):" if lang == "sv" else "Reports (example data):"
    click.echo(heading)
    for path in result.files:
        click.echo(f"  {relative(path)}")
    click.echo(
        f"Databas: {relative(result.database)}"
        if lang == "sv"
        else f"Database: {relative(result.database)}"
    )
