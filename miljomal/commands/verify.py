"""`miljomal verify`: check that the audit trail replays to the stored values."""

from __future__ import annotations

import click

from database.engine import session_scope
from i18n import Lang
from i18n import Messages
from i18n import Text
from indicators.verify import verify_store
from miljomal.options import app_context
from miljomal.options import echo_json
from miljomal.options import output_options

TEXTS = Messages(
    {
        "checked": Text(
            "Kontrollerade {observations} observationer, {revisions} revisioner och "
            "{uploads} uppladdningar.",
            "Checked {observations} observations, {revisions} revisions and {uploads} uploads.",
        ),
        "ok": Text(
            "Historiken förklarar alla lagrade värden.", "The history explains every stored value."
        ),
        "found": Text("{n} avvikelser:", "{n} inconsistencies:"),
    }
)


@click.command()
@output_options
@click.pass_context
def verify(ctx: click.Context, as_json: bool, lang: Lang) -> None:
    """Check that the audit trail replays to the stored values.

    Replays every observation's revisions in order and compares the result with the
    stored value, status and comment; checks that every revision comes from an existing
    upload or is a manual change with a reason, and that every upload's SHA-256 is unique
    and matches the file kept with it.  Exit code 0 when everything agrees, 1 when any
    inconsistency is found (each one is listed).
    """
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        report = verify_store(session)
    if as_json:
        echo_json(report.to_dict(lang))
    else:
        click.echo(
            TEXTS(
                "checked",
                lang,
                observations=report.observations,
                revisions=report.revisions,
                uploads=report.uploads,
            )
        )
        if report.ok:
            click.echo(TEXTS("ok", lang))
        else:
            click.echo(TEXTS("found", lang, n=len(report.inconsistencies)))
            for found in report.inconsistencies:
                click.echo(f"  {found.message(lang)} [{found.code}]")
    if not report.ok:
        ctx.exit(1)
