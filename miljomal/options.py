"""Option bundles shared by several commands, defined once."""

from __future__ import annotations

import functools
import getpass
import json
import os
import sys
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterator
from collections.abc import Sequence
from contextlib import contextmanager
from typing import Any

import click

from i18n import Lang
from i18n import pick_lang
from indicators.safe_text import control_characters
from indicators.safe_text import printable
from miljomal.context import AppContext
from miljomal.messages import CURRENT_LANG
from miljomal.messages import MESSAGES
from miljomal.messages import say

# Numbers from the command line, bounded so that none reaches the database or a loop as a
# number it cannot hold (`--year 99999999999999999999` was an OverflowError).
YEAR_NUMBER = click.IntRange(1, 9999)  # a year; the command says when it is not a stored one
ROW_ID = click.IntRange(1, 2**31 - 1)  # an upload's id (PostgreSQL `integer`)


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--lang sv|en` on a subcommand; the command gets the resolved `Lang` (`resolve_lang`)."""

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        kwargs["lang"] = resolve_lang(click.get_current_context(), kwargs["lang"])
        return func(*args, **kwargs)

    return click.option(
        "--lang",
        type=click.Choice(["sv", "en"]),
        default=None,
        help="Language of the output (default: the root --lang, else sv).",
    )(command)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--json` for machine-readable output on stdout."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        func
    )


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--json` and `--lang`: the command gets `as_json` and the resolved `lang`."""
    return json_option(lang_option(func))


def resolve_lang(ctx: click.Context, lang: Lang | None) -> Lang:
    """The language for this command: its own --lang, else the root's (`i18n.pick_lang`)."""
    app = ctx.find_object(AppContext)
    chosen = pick_lang(lang, app.lang if app else None)
    if lang and app:
        app.lang = chosen  # so that an error escaping the command is told in this language too
    if lang:
        CURRENT_LANG.set(chosen)
    return chosen


def app_context(ctx: click.Context) -> AppContext:
    """The shared context, created on the fly when a command is invoked on its own (tests)."""
    app = ctx.find_object(AppContext)
    if app is None:
        app = AppContext()
        ctx.obj = app
    return app


def echo_json(data: Any) -> None:
    """Print data as indented UTF-8 JSON (å, ä, ö kept as letters)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def echo_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    right: Collection[int] = (),
    rules: Collection[int] = (),
) -> None:
    """Print rows as a table with aligned columns (the one table printer of every command).

    ``right`` holds the indexes of right-aligned (number) columns; ``rules`` the indexes of
    the lines (0 is the header) after which a line of dashes is drawn.
    """
    # Stored text may hold control characters (a name from an older version): escaped here,
    # they can neither forge a line nor drive the terminal.
    lines = [[printable(str(cell)) for cell in line] for line in [headers, *rows]]
    widths = [max(len(cell) for cell in column) for column in zip(*lines, strict=False)]
    for number, line in enumerate(lines):
        cells = (
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
        click.echo("  ".join(cells).rstrip())
        if number in rules:
            click.echo("  ".join("-" * width for width in widths))


def echo_pairs(labels: Sequence[str], values: Sequence[object], *, indent: str = "") -> None:
    """Print one record as aligned ``label  value`` lines (the one record printer)."""
    width = max(len(label) for label in labels)
    for label, value in zip(labels, values, strict=True):
        click.echo(printable(f"{indent}{label.ljust(width)}  {value}".rstrip()))


@contextmanager
def output_may_close() -> Iterator[None]:
    """Let the reader of stdout go away (`| head -1`) without stopping the work.

    The rest of the output is dropped (stdout is pointed at the null device), and the
    command goes on to finish its work and exit with its own exit code.
    """
    try:
        yield
    except BrokenPipeError:
        silence_stdout()


def silence_stdout() -> None:
    """Send what is still to come on stdout to the null device (its reader has gone)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def option_lang(ctx: click.Context) -> Lang:
    """The language for an option callback's message, before the command resolves --lang:
    the command's own --lang if parsed already, else the one `main` read from the line."""
    return pick_lang(ctx.params.get("lang"), CURRENT_LANG.get())


def check_user(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback for `--user`: a name with control characters is a usage error."""
    if value is not None and control_characters(value):
        raise click.BadParameter(MESSAGES("user-control", option_lang(ctx)), ctx=ctx, param=param)
    return value


def who(user: str | None) -> str:
    """Who makes a change: --user, else the login name, else `okänd`; never control characters."""
    if user:
        return user

    try:
        name = getpass.getuser() or "okänd"
    except Exception:  # no login name in containers and services
        return "okänd"
    if control_characters(name):
        raise click.UsageError(say("login-control"))
    return name
