"""What every command shares: the global options, how to open the store, and how to say things.

The CLI reaches the store through two doors only: the application facade (``store.log``) for
writes and the read facade (``store.reader``) for reads. Both are imported when a command runs,
never when the command line is parsed, so ``--help`` stays light.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import typer
from sitlog.cli.render import visible

if TYPE_CHECKING:
    from sitlog.adapters.reader import Reader
    from sitlog.adapters.store import Store

T = TypeVar("T")


class Settings(NamedTuple):  # not a dataclass: importing dataclasses is a cost every --help would pay
    db_url: str | None  # None: the embedded store in the user's data directory
    operator: str | None  # None: the OS user


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    assert isinstance(root.obj, Settings)
    return root.obj


# Stores kept open across the commands of `sitlog run` (by --db and --operator), when it holds them.
_held: "dict[Settings, Store] | None" = None


@contextmanager
def opened(ctx: typer.Context, *, initialise: bool = False) -> "Iterator[Store]":
    from sitlog.adapters.store import open_store_at

    s = settings(ctx)
    if _held is not None and not initialise:
        if s not in _held:
            _held[s] = open_store_at(s.db_url, s.operator)
        store = _held[s]
        store.on_read_warning = warn
        yield store
        return
    with open_store_at(s.db_url, s.operator, initialise=initialise) as store:
        store.on_read_warning = warn
        yield store


@contextmanager
def holding_stores() -> "Iterator[None]":
    """Keep every store the commands open, open until the end (``sitlog run``: opening a store,
    its connections and checks, is most of what a short command costs after start-up)."""
    global _held
    if _held is not None:
        yield
        return
    _held = {}
    try:
        yield
    finally:
        held, _held = _held, None
        for store in held.values():
            store.close()


def write(ctx: typer.Context, action: "Callable[[Store], T]") -> T:
    """Run a write, then bring the read tables up to date so the next read sees it."""
    from sitlog.adapters.errors import ProjectionStopped

    with opened(ctx) as store:
        result = action(store)
        try:
            store.catch_up()
        except ProjectionStopped as e:
            # The write is safe in the log, so the command succeeded: the read side is another
            # matter, for the operator to know about and for `projections status` to show.
            warn(f"recorded in the log, but the read tables cannot show it yet: {e}")
        return result


def read(ctx: typer.Context, question: "Callable[[Reader], T]") -> T:
    """Ask the read facade one question (one read transaction); its warnings go to stderr."""
    with opened(ctx) as store:
        return question(store.reader)


def warn(message: str) -> None:
    typer.echo(f"warning: {visible(message)}", err=True)


def note(message: str) -> None:
    typer.echo(visible(message, keep="\n"), err=True)


def report(outcome: object) -> None:
    """Print what a write did: its reference on stdout, warnings and no-ops on stderr."""
    for message in getattr(outcome, "warnings", ()):
        warn(message)
    if not getattr(outcome, "changed", True):
        detail = getattr(outcome, "detail", "") or "the same record is already in the log"
        note(f"nothing recorded: {detail}")
    typer.echo(visible(str(getattr(outcome, "reference", outcome))))
