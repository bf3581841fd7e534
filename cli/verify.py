"""``sitlog verify``: is the log as it was written?"""

import typer
from sitlog.cli.context import opened
from sitlog.cli.render import FORMAT_OPTION, Format, emit

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command("verify")
def verify(
    ctx: typer.Context,
    start: int = typer.Option(1, "--from", metavar="POSITION", min=1,
                              help="Verify from this position on, trusting the chain before it."),
    head: str = typer.Option(None, "--head", metavar="HASH", show_default=False,
                             help="A head hash noted earlier (e.g. in a digest's footer): fail unless "
                                  "the chain still holds it."),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Recompute the log's hash chain from its stored events: the events verified and the head
    hash, or the first position where the log was altered, deleted, inserted or reordered (exit 1).

    Example: sitlog verify --head 3f2a...e9 (the head of a digest kept outside the database)
    """
    with opened(ctx) as store:
        emit(fmt, store.verify(start, head))
