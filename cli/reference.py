"""The command reference, generated from the commands themselves: ``python -m sitlog.cli.reference
docs/reference/commands.md``. A test fails when the committed file differs from what this writes,
so the reference cannot drift from the code (as sqlite-utils does with cog)."""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from typer.main import get_command

WIDTH = 100
HEADER = """# Command reference

Generated from the commands' own `--help` by `python -m sitlog.cli.reference docs/reference/commands.md`
(a test keeps it equal to the code). The [guide](../guide.md) explains the ideas behind them.
"""


def _commands(command: Any, ctx: typer.Context) -> Iterator[tuple[str, typer.Context]]:
    yield ctx.command_path, ctx
    # list_commands/get_command: the root loads its groups only when asked (lazy_commands.py).
    for name in command.list_commands(ctx) if hasattr(command, "list_commands") else ():
        sub = command.get_command(ctx, name)
        if not sub.hidden:
            child = typer.Context(sub, info_name=name, parent=ctx, terminal_width=WIDTH,
                                  max_content_width=WIDTH)
            yield from _commands(sub, child)


def reference() -> str:
    from sitlog.cli.main import app

    root = get_command(app)
    ctx = typer.Context(root, info_name="sitlog", terminal_width=WIDTH, max_content_width=WIDTH)
    parts = [HEADER]
    for path, command_ctx in _commands(root, ctx):
        help_text = command_ctx.command.get_help(command_ctx).rstrip()
        parts.append(f"\n## `{path}`\n\n```text\n{help_text}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    Path(sys.argv[1]).parent.mkdir(parents=True, exist_ok=True)
    Path(sys.argv[1]).write_text(reference())
