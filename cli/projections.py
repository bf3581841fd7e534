"""``sitlog projections status|catch-up|rebuild``: operating the read side."""

import signal
import threading

import typer

from adapters.projections.parallel import PARALLEL_FROM
from adapters.projections.runner import DEFAULT_BATCH
from cli.context import note, opened
from cli.render import FORMAT_OPTION, Format, emit

app = typer.Typer(
    # Plain help: rich markup would read DATE/ATTACKER[/LABEL] as a closing tag and crash.
    rich_markup_mode=None,
    help="The read tables: lag, catch-up and rebuild.",
    no_args_is_help=True,
)


@app.command()
def status(ctx: typer.Context, fmt: Format = FORMAT_OPTION) -> None:
    """Per projection: position applied, head of the log, lag in events.

    Example: sitlog projections status --format json
    """
    with opened(ctx) as store:
        lags = store.runner.status()
    rows = [{"projection": x.projection, "position": x.position, "head": x.head, "lag": x.lag} for x in lags]
    emit(fmt, rows)


BATCH_OPTION = typer.Option(DEFAULT_BATCH, "--batch", min=1, max=100_000, help="Events per transaction.")
WORKERS_OPTION = typer.Option(
    None, "--workers", min=1, max=2, show_default=False,
    help=f"1: every projection in this process; 2: the attacks here and the others in a second "
    f"process (default: 2 when the read tables are {PARALLEL_FROM:,} or more events behind).",
)


@app.command("catch-up")
def catch_up(ctx: typer.Context, batch: int = BATCH_OPTION, workers: int | None = WORKERS_OPTION) -> None:
    """Apply every event not yet in the read tables.

    Example: sitlog projections catch-up
    """
    with opened(ctx) as store:
        done = store.runner.catch_up(batch, workers=workers)
    note(f"applied {done} events")


@app.command()
def run(
    ctx: typer.Context,
    batch: int = BATCH_OPTION,
    poll: float = typer.Option(1.0, "--poll", min=0.01, help="Seconds between polls of the log."),
) -> None:
    """Follow the log continuously until SIGINT or SIGTERM (several workers may run at once).

    Example: sitlog --db postgresql://desk@db/sitlog projections run
    """
    stopping = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with opened(ctx) as store:
            note(f"following {store.config.masked_url} (Ctrl-C to stop)")
            done = store.runner.follow(stopping.is_set, poll, batch, lambda n: note(f"applied {n} events"))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    note(f"stopped after applying {done} events")


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
