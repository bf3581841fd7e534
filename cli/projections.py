"""``sitlog projections status|catch-up|rebuild``: operating the read side."""

import typer

from cli.context import note, opened
from cli.render import FORMAT_OPTION, Format, emit

app = typer.Typer(help="The read tables: lag, catch-up and rebuild.", no_args_is_help=True)


@app.command()
def status(ctx: typer.Context, fmt: Format = FORMAT_OPTION) -> None:
    """Per projection: position applied, head of the log, lag in events.

    Example: sitlog projections status --format json
    """
    with opened(ctx) as store:
        lags = store.runner.status()
    rows = [{"projection": x.projection, "position": x.position, "head": x.head, "lag": x.lag} for x in lags]
    emit(fmt, rows)


@app.command("catch-up")
def catch_up(ctx: typer.Context) -> None:
    """Apply every event not yet in the read tables.

    Example: sitlog projections catch-up
    """
    with opened(ctx) as store:
        done = store.catch_up()
    note(f"applied {done} events")


@app.command()
def rebuild(
    ctx: typer.Context,
    names: list[str] = typer.Argument(None, metavar="[NAME]...", help="Projections (default: all)."),
) -> None:
    """Rebuild read tables from the whole log, switching over in one transaction.

    Example: sitlog projections rebuild attacks
    """
    with opened(ctx) as store:
        known = [p.name for p in store.runner.projections]
        for name in names or ():
            if name not in known:
                raise typer.BadParameter(f"unknown projection {name!r} (known: {', '.join(known)})")
        done = store.runner.rebuild(names or ())
    note(f"rebuilt {', '.join(names or known)} from {done} events")
