"""`miljomal verify`: check that the audit trail replays to the stored values."""

from __future__ import annotations

import click

from miljomal.options import app_context, echo_json, json_option, lang_option, resolve_lang

_TEXT = {
    "sv": {
        "checked": "Kontrollerade {observations} observationer, {revisions} revisioner och "
        "{uploads} uppladdningar.",
        "ok": "Historiken förklarar alla lagrade värden.",
        "found": "{n} avvikelser:",
    },
    "en": {
        "checked": "Checked {observations} observations, {revisions} revisions and "
        "{uploads} uploads.",
        "ok": "The history explains every stored value.",
        "found": "{n} inconsistencies:",
    },
}


@click.command()
@json_option
@lang_option
@click.pass_context
def verify(ctx: click.Context, as_json: bool, lang: str | None) -> None:
    """Check that the audit trail replays to the stored values.

    Replays every observation's revisions in order and compares the result with the
    stored value, status and comment; checks that every revision comes from an existing
    upload or is a manual change with a reason, and that every upload's SHA-256 is unique
    and matches the file kept with it.  Exit code 0 when everything agrees, 1 when any
    inconsistency is found (each one is listed).
    """
    from indicators.verify import verify_store
    from miljomal.db import session_scope

    lang = resolve_lang(ctx, lang)
    with session_scope(app_context(ctx).engine(read_only=True)) as session:
        report = verify_store(session)
    if as_json:
        echo_json(report.to_dict(lang))
    else:
        text = _TEXT["en" if lang == "en" else "sv"]
        click.echo(
            text["checked"].format(
                observations=report.observations,
                revisions=report.revisions,
                uploads=report.uploads,
            )
        )
        if report.ok:
            click.echo(text["ok"])
        else:
            click.echo(text["found"].format(n=len(report.inconsistencies)))
            for found in report.inconsistencies:
                click.echo(f"  {found.message(lang)} [{found.code}]")
    if not report.ok:
        ctx.exit(1)
