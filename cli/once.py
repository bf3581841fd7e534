"""An option that takes one value, given twice, is refused (click would keep the last silently).

``--date 2026-02-05 ... --date 2026-02-06`` or ``--civilians ... --military`` is a slip that
would record the wrong fact without a word. Every command built for the root goes through
``once``: before click parses a command line, its own parser reads the line once more and lists
the options in the order given, and a single-valued option (not ``multiple``, not a counter)
met twice is a usage error naming it. It holds wherever the command runs: in a shell, in
``sitlog run``, in tests.
"""

from functools import partial
from typing import Any

import typer
from sitlog.cli.errors import UsageError


def once(command: Any) -> None:
    """Make ``command`` (and, for a group, each of its commands) refuse a repeated option."""
    for sub in getattr(command, "commands", {}).values():
        once(sub)
    if not hasattr(command, "commands"):
        command.parse_args = partial(_parse_args, command, command.parse_args)


def _parse_args(command: Any, parse: Any, ctx: typer.Context, args: list[str]) -> list[str]:
    try:
        _, _, order = command.make_parser(ctx).parse_args(args=list(args))
    except Exception:  # a malformed line: click's own parsing says what is wrong with it
        return parse(ctx, args)  # type: ignore[no-any-return]
    seen: set[str] = set()
    for param in order:
        if param.param_type_name != "option" or param.multiple or param.count:
            continue
        if param.name in seen:
            names = " / ".join(dict.fromkeys([*param.opts, *param.secondary_opts]))
            raise UsageError(f"{names}: given twice; it takes one value", ctx)
        seen.add(param.name)
    return parse(ctx, args)  # type: ignore[no-any-return]
