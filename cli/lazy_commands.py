"""A root command that stays light: its commands are loaded when called, its options taken as given.

Building a command from its Typer functions costs about half a millisecond a command, and sitlog
has over forty: the root's ``--help`` would pay for them all to print one line each (and importing
the eight command modules, another fifth of it). Here the root lists its commands by name, module
and summary line; it imports a module and builds its click command only when it is called.

The options of the root (``--db URL``, ``--operator NAME``, flags) and of a group (``--help``) are
parsed before the command they lead to, ``sitlog GROUP COMMAND --help`` included. Typer would
turn each value, even an absent one, through a pydantic TypeAdapter, and so import pydantic
(about 90 ms) to pass a string on: they are taken as given instead (tests/cli/test_startup.py
checks what ``--help`` imports). A command's own options are Typer's, as usual.
"""

import importlib
from functools import partial
from typing import Any, ClassVar, cast

import typer
import typer.main
from sitlog.cli.errors import SitlogGroup
from sitlog.cli.once import once
from typer.core import TyperCommand, TyperGroup

Command = TyperCommand | TyperGroup
_built: dict[str, Command] = {}  # process-wide: a command is built once


class LightGroup(TyperGroup):
    """A command group whose own options (text and flags: --help, completion) are taken as given."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        # Here rather than at construction: Typer adds the completion options and --help later.
        for param in self.get_params(ctx):
            if not isinstance(param.process_value, partial):
                param.process_value = partial(_value_as_given, param)  # type: ignore[method-assign]
        return super().parse_args(ctx, args)


class LazyRoot(LightGroup, SitlogGroup):
    """The root group. ``modules`` (name -> module with an ``app``, and the summary line the root's
    help shows for it) is set by a subclass."""

    modules: ClassVar[dict[str, tuple[str, str]]] = {}

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return [*super().list_commands(ctx), *self.modules]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        if cmd_name not in self.modules:
            return super().get_command(ctx, cmd_name)
        if cmd_name not in _built:
            module, _ = self.modules[cmd_name]
            command = cast(Command, typer.main.get_command(importlib.import_module(module).app))
            command.name = cmd_name
            once(command)
            _built[cmd_name] = command
        return _built[cmd_name]

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:
        # The list of commands needs a line each, not the commands themselves.
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self._listing(ctx, name).get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _listing(self, ctx: typer.Context, name: str) -> Command:
        if name not in self.modules:
            command = self.get_command(ctx, name)
            assert command is not None
            return command
        return TyperCommand(name, help=self.modules[name][1])


def _value_as_given(param: Any, ctx: typer.Context, value: Any) -> Any:
    """A root option's value: text or a flag needs no conversion (see the module's docstring; only
    such options may be given to the root or a group: tests/cli/test_help.py checks it)."""
    if param.callback is not None:
        value = param.callback(ctx, param, value)
    return value
