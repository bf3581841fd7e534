"""The commands of ``sitlog``, walked through click's own API (the root loads its groups lazily)."""

from collections.abc import Iterator
from typing import Any

import typer
from sitlog.cli.main import app
from typer.main import get_command


def command_tree() -> Iterator[tuple[list[str], Any]]:
    """(path, command) for the root, every group and every command, in the order of the help."""
    root = get_command(app)
    yield [], root
    context = typer.Context(root)
    for name in root.list_commands(context):
        command = root.get_command(context, name)
        yield [name], command
        for sub, subcommand in getattr(command, "commands", {}).items():
            yield [name, sub], subcommand
