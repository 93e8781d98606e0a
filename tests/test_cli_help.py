"""Every command explains itself: `--help` works everywhere and no command lacks help text."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from miljomal.cli import COMMANDS
from miljomal.cli import SHORT_HELP
from miljomal.cli import cli


def _walk(
    command: click.Command, path: tuple[str, ...]
) -> list[tuple[tuple[str, ...], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, f"{' '.join(path)} lists {name} but cannot load it"
            found += _walk(sub, (*path, name))
    return found


ALL = _walk(cli, ())


def test_every_registered_command_is_there_and_has_short_help() -> None:
    listed = cli.list_commands(click.Context(cli))
    assert listed == list(COMMANDS)
    assert all(SHORT_HELP.get(name) for name in COMMANDS)


@pytest.mark.parametrize("path", [p for p, _ in ALL], ids=lambda p: " ".join(p) or "miljomal")
def test_help_works_and_says_something(path: tuple[str, ...]) -> None:
    command = dict(ALL)[path]
    assert (command.help or command.short_help or "").strip(), f"{path} has no help text"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2
