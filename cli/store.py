"""Commands about the store itself: ``sitlog init``."""

import typer
from sitlog.cli.context import opened
from sitlog.cli.render import FORMAT_OPTION, Format, emit

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command("init")
def init(ctx: typer.Context, fmt: Format = FORMAT_OPTION) -> None:
    """Create or upgrade the store (idempotent) and say what it holds.

    Example: sitlog --db postgresql://postgres@127.0.0.1:5432/test init
    """
    with opened(ctx, initialise=True) as store:
        emit(fmt, store.info())
