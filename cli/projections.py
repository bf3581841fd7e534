"""``sitlog projections status|catch-up|rebuild|run|skip``: operating the read side."""

import typer
from sitlog.cli.context import note, opened, read, warn
from sitlog.cli.help_texts import DEFAULT_BATCH, PARALLEL_FROM
from sitlog.cli.lazy_commands import LightGroup
from sitlog.cli.render import FORMAT_OPTION, Format, emit

app = typer.Typer(
    # Plain help: rich markup would read DATE/ATTACKER[/LABEL] as a closing tag and crash.
    rich_markup_mode=None,
    cls=LightGroup,
    help="The read tables: lag, catch-up, rebuild, following the log, setting an event aside.",
    epilog="Example: sitlog projections status",
    no_args_is_help=True,
    add_completion=False,
)


@app.command()
def status(ctx: typer.Context, fmt: Format = FORMAT_OPTION) -> None:
    """Per projection: position applied, head of the log, lag in events, and what stops it (the
    event it is stuck at and why, a rebuild under way); then the events set aside.

    Example: sitlog projections status --format json
    """
    emit(fmt, read(ctx, lambda reader: reader.projections_status()))


BATCH_OPTION = typer.Option(DEFAULT_BATCH, "--batch", min=1, max=100_000, metavar="N",
                            help="Events per transaction (1 to 100,000).")
WORKERS_OPTION = typer.Option(
    None, "--workers", min=1, max=2, metavar="N", show_default=False,
    help=f"1: every projection in this process; 2: the attacks here and the others in a second "
    f"process (default: 2 when the read tables are {PARALLEL_FROM:,} or more events behind).",
)


@app.command("catch-up")
def catch_up(ctx: typer.Context, batch: int = BATCH_OPTION, workers: int | None = WORKERS_OPTION) -> None:
    """Apply every event not yet in the read tables.

    Example: sitlog projections catch-up
    """
    with opened(ctx) as store:
        done = store.catch_up(batch, workers=workers)
    note(f"applied {done} events")


@app.command()
def run(
    ctx: typer.Context,
    batch: int = BATCH_OPTION,
    poll: float = typer.Option(1.0, "--poll", min=0.01, metavar="SECONDS",
                               help="Seconds between polls of the log."),
) -> None:
    """Follow the log continuously until SIGINT or SIGTERM (several workers may run at once).

    Example: sitlog --db postgresql://desk@db/sitlog projections run
    """
    import signal
    import threading

    stopping = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with opened(ctx) as store:
            note(f"following {store.config.masked_url} (Ctrl-C to stop)")
            done = store.follow(stopping.is_set, poll, batch, lambda n: note(f"applied {n} events"), say=note)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    note(f"stopped after applying {done} events")


@app.command()
def rebuild(
    ctx: typer.Context,
    names: list[str] = typer.Argument(None, metavar="NAME", help="Projections (default: all)."),
    batch: int = BATCH_OPTION,
) -> None:
    """Empty read tables and apply the whole log to them again, a batch per transaction (writers
    wait at most a batch; reads warn until it ends; if stopped, a catch-up finishes it).

    Example: sitlog projections rebuild attacks
    """
    with opened(ctx) as store:
        known = store.projection_names
        for name in names or ():
            if name not in known:
                raise typer.BadParameter(f"unknown projection {name!r} (known: {', '.join(known)})")
        done = store.rebuild(names or (), batch)
    note(f"rebuilt {', '.join(names or known)} from {done} events")


@app.command()
def skip(
    ctx: typer.Context,
    position: int = typer.Argument(..., min=1, metavar="POSITION", help="The event's position in the log."),
    reason: str = typer.Option(..., "--reason", metavar="TEXT", help="Why it is set aside (kept)."),
) -> None:
    """Set aside an event that the projections cannot apply (one written by hand, or unreadable):
    the read tables go on without it, now and in every rebuild. The log keeps it; `status` lists it.

    Example: sitlog projections skip 4711 --reason "row inserted by hand during the migration test"
    """
    from sitlog.adapters.errors import ProjectionStopped

    with opened(ctx) as store:
        store.skip(position, reason)
        note(f"event {position} set aside")
        try:
            note(f"applied {store.catch_up()} events")
        except ProjectionStopped as e:  # the next event the projections cannot apply, if any
            warn(str(e))
