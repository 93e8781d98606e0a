"""Write docs/cli.md, the command reference, from the commands' own `--help`.

.venv/bin/python scripts/make_cli_reference.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from miljomal.cli import cli  # noqa: E402


def main() -> None:
    """Render every command's help into one Markdown file."""
    parts = [
        "# Command reference\n",
        "Generated from `--help` by `scripts/make_cli_reference.py`; do not edit by hand.\n",
    ]
    for path in _paths(cli, ()):
        title = " ".join(("miljomal", *path))
        text = CliRunner().invoke(cli, [*path, "--help"], terminal_width=100).output
        parts.append(f"## {title}\n\n```text\n{text.rstrip()}\n```\n")
    (ROOT / "docs" / "cli.md").write_text("\n".join(parts), encoding="utf-8")


def _paths(command: click.Command, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    found = [path]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            found += _paths(command.get_command(ctx, name), (*path, name))  # type: ignore[arg-type]
    return found


if __name__ == "__main__":
    main()
