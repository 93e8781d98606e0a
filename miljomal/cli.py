"""The `miljomal` command: the root click group, loading each subcommand only when used.

Subcommands live in :mod:`miljomal.commands`; they are imported lazily so that
`miljomal --help` costs little more than importing click itself.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from i18n import Lang
from i18n import pick_lang
from indicators.output import OutputError
from miljomal import __version__
from miljomal.context import AppContext
from miljomal.errors import describe
from miljomal.loading import collector_paused
from miljomal.messages import CURRENT_LANG
from miljomal.messages import MESSAGES
from miljomal.messages import showing_error
from miljomal.messages import translate_click
from miljomal.options import silence_stdout

# name -> "module:attribute", in the order `--help` lists them.
COMMANDS: dict[str, str] = {
    "demo": "miljomal.commands.demo:demo",
    "init": "miljomal.commands.store:init",
    "municipalities": "miljomal.commands.registry:municipalities",
    "groups": "miljomal.commands.registry:groups",
    "indicators": "miljomal.commands.catalogue:indicators",
    "template": "miljomal.commands.template:template",
    "import": "miljomal.commands.importing:import_",
    "history": "miljomal.commands.history:history",
    "uploads": "miljomal.commands.history:uploads",
    "year": "miljomal.commands.history:year",
    "approval": "miljomal.commands.approval:approval",
    "export": "miljomal.commands.export:export",
    "targets": "miljomal.commands.targets:targets",
    "report": "miljomal.commands.report:report",
    "publish": "miljomal.commands.publish:publish",
    "plan": "miljomal.commands.plan:plan",
    "verify": "miljomal.commands.verify:verify",
    "users": "miljomal.commands.users:users",
    "serve": "miljomal.commands.serve:serve",
    "kolada": "miljomal.commands.kolada:kolada",
}

# One-line help shown by `miljomal --help` without importing the command modules.
SHORT_HELP: dict[str, str] = {
    "demo": "Run the whole flow on example data and write every report.",
    "init": "Create or upgrade the database and load the registry and catalogue.",
    "municipalities": "List municipalities and manage SEkom membership.",
    "groups": "Define named groups of municipalities (such as SEkom Y).",
    "indicators": "List and load indicator catalogues.",
    "template": "Write a template workbook for a municipality and year.",
    "import": "Validate and import indicator values from spreadsheets.",
    "history": "Show every change of one indicator series.",
    "uploads": "List, show and revert imported files.",
    "year": "Lock or unlock a reporting year; set its reporting window.",
    "approval": "Approve, return or reopen a municipality's year; reminders; audit log.",
    "export": "Export stored values as JSON, CSV or Excel.",
    "targets": "Set, load and list indicator targets.",
    "report": "Write municipality, county and completeness reports.",
    "publish": "Write the public static site with open data (approved values).",
    "plan": "Import and follow up the action plan.",
    "verify": "Check that the audit trail replays to the stored values.",
    "users": "Manage the web portal's users and API tokens.",
    "serve": "Serve the web portal for municipal officials.",
    "kolada": "Fetch official key figures from Kolada; manage indicator mappings.",
}


class Failure(click.ClickException):
    """A failed operation or invalid data: printed as `Fel: ...` (`Error: ...`), exit code 1."""

    exit_code = 1


class WriteFailure(Failure):
    """A document could not be written: `Fel: kan inte skriva X: disken är full`, exit 1."""

    def __init__(self, message: str, lang: Lang) -> None:
        super().__init__(message)
        self.lang = lang


class Interrupted(click.ClickException):
    """Ctrl-C outside an import batch (which reports its files itself): exit code 130."""

    exit_code = 130


def _import_quietly(module_name: str) -> Any:
    """Import a command's module with the cyclic garbage collector paused, then freeze."""
    with collector_paused():
        return importlib.import_module(module_name)


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or not self._available(cmd_name):
            return None
        module_name, attribute = target.split(":")
        return getattr(_import_quietly(module_name), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the CLI with click's own messages (usage errors, `Fel:`) in the reader's language.

        The language is known before click parses anything (`--lang` anywhere on the command
        line, else $MILJOMAL_LANG, else Swedish), so that a usage error of the root group is
        told in it too.  Errors are shown here rather than in click's `main` so that their
        "Usage:" line is translated while `--help` (docs/cli.md) stays as written.
        """
        translate_click()
        argv = list(sys.argv[1:] if args is None else args)
        token = CURRENT_LANG.set(_lang_of(argv))
        try:
            try:
                result = super().main(argv, prog_name, complete_var, False, **extra)
            except click.exceptions.Abort:
                if not standalone_mode:
                    raise
                with showing_error():
                    click.echo(click.exceptions._("Aborted!"), err=True)
                sys.exit(1)
            except click.ClickException as exc:
                if not standalone_mode:
                    raise
                with showing_error():
                    exc.show()
                sys.exit(exc.exit_code)
        finally:
            CURRENT_LANG.reset(token)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; any failure that is not click's own becomes `Fel: ...`, exit 1."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            app = ctx.find_object(AppContext)
            raise Interrupted(MESSAGES("interrupted", app.lang if app else "sv")) from None
        except BrokenPipeError:
            # The reader of our output went away (`| head`): stop quietly, as Unix tools do.
            silence_stdout()
            raise click.exceptions.Exit(0) from None
        except Exception as exc:
            if os.environ.get("MILJOMAL_DEBUG"):
                raise

            app = ctx.find_object(AppContext)
            lang = app.lang if app else "sv"
            if isinstance(exc, OutputError):
                raise WriteFailure(exc.message(lang), lang) from exc
            raise Failure(describe(exc, lang)) from exc

    @staticmethod
    def _available(name: str) -> bool:
        module_name = COMMANDS[name].split(":")[0]
        relative = module_name.split(".")[-1] + ".py"
        return os.path.exists(os.path.join(os.path.dirname(__file__), "commands", relative))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="miljomal")
@click.option(
    "--db",
    "db_url",
    metavar="URL",
    help="Database URL (default: $MILJOMAL_DATABASE_URL, else sqlite:///miljomal.db).",
)
@click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default=None,
    help="Language of messages, templates and reports (default: sv, or $MILJOMAL_LANG).",
)
@click.pass_context
def cli(ctx: click.Context, db_url: str | None, lang: Lang | None) -> None:
    """miljomal: follow up local environmental objectives with indicators.

    Municipalities report yearly indicator values in spreadsheets; miljomal validates and
    imports them with full history, and writes trend, comparison and completeness reports.
    """
    ctx.obj = AppContext(db_option=db_url, lang=pick_lang(lang, os.environ.get("MILJOMAL_LANG")))
    if lang:
        # Else the language `main` read from the whole command line stays (a subcommand's
        # `--lang en`), so that its options' errors are told in English before it runs.
        CURRENT_LANG.set(ctx.obj.lang)


def _lang_of(argv: Sequence[str]) -> Lang:
    """The language asked for on the command line (`--lang en`, `--lang=en`), else the default."""
    asked = os.environ.get("MILJOMAL_LANG")
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            asked = argv[index + 1]
        elif arg.startswith("--lang="):
            asked = arg.removeprefix("--lang=")
    return pick_lang(asked)


def main() -> None:
    """Entry point of the `miljomal` console script."""
    cli(prog_name="miljomal")
