"""Commands about the store itself: ``sitlog init``."""

import typer
from sitlog.cli.context import opened
from sitlog.cli.render import FORMAT_OPTION, Format, emit

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command("init")
def init(
    ctx: typer.Context,
    roles: bool = typer.Option(
        False, "--roles", help="PostgreSQL: also create the roles <schema>_owner, <schema>_writer and "
        "<schema>_reader (least privilege: see docs/operations.md); once they exist, every init grants "
        "them the tables again."),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Create or upgrade the store (idempotent) and say what it holds.

    Example: sitlog --db postgresql://postgres@127.0.0.1:5432/test init
    """
    with opened(ctx, initialise=True) as store:
        store.settle_roles(create=roles)
        emit(fmt, store.info())
