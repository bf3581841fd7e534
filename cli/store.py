"""Commands about the store itself: ``sitlog init``."""

import typer
from sitlog.cli.context import opened
from sitlog.cli.render import FORMAT_OPTION, Format, emit


def init(ctx: typer.Context, fmt: Format = FORMAT_OPTION) -> None:
    """Create or upgrade the store (idempotent) and say what it holds.

    Example: sitlog --db postgresql://postgres@127.0.0.1:5432/test init
    """
    with opened(ctx, initialise=True) as store:
        info = store.info()
    emit(fmt, {"kind": info.kind, "url": info.url, "events": info.events})


def register(app: typer.Typer) -> None:
    app.command("init")(init)
