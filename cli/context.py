"""What every command shares: the global options and how to open the store."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import typer
from sitlog.adapters.config import default_store_url, parse_store_url
from sitlog.adapters.db import Tx
from sitlog.adapters.errors import ProjectionStopped
from sitlog.adapters.store import Store, open_store

T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    db_url: str | None
    operator: str


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    assert isinstance(root.obj, Settings)
    return root.obj


@contextmanager
def opened(ctx: typer.Context, *, initialise: bool = False) -> Iterator[Store]:
    s = settings(ctx)
    config = parse_store_url(s.db_url or default_store_url())
    with open_store(config, s.operator, initialise=initialise) as store:
        yield store


def write(ctx: typer.Context, action: Callable[[Store], T]) -> T:
    """Run a write, then bring the read tables up to date so the next read sees it."""
    with opened(ctx) as store:
        result = action(store)
        try:
            store.catch_up()
        except ProjectionStopped as e:
            # The write is safe in the log, so the command succeeded: the read side is another
            # matter, for the operator to know about and for `projections status` to show.
            warn(f"recorded in the log, but the read tables cannot show it yet: {e}")
        return result


def read(ctx: typer.Context, query: Callable[[Tx], T]) -> T:
    """Run a query in one read-only transaction: one consistent snapshot of the read tables."""
    with opened(ctx) as store, store.read() as tx:
        for message in store.read_side_warnings(tx):
            warn(message)
        return query(tx)


def warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def note(message: str) -> None:
    typer.echo(message, err=True)


def report(outcome: object) -> None:
    """Print what a write did: its reference on stdout, warnings and no-ops on stderr."""
    for message in getattr(outcome, "warnings", ()):
        warn(message)
    if not getattr(outcome, "changed", True):
        detail = getattr(outcome, "detail", "") or "the same record is already in the log"
        note(f"nothing recorded: {detail}")
    typer.echo(getattr(outcome, "reference", outcome))
