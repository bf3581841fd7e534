"""``sitlog serve``: the read-only HTTP API and dashboard (the front end itself is ``web/``)."""

import typer
from sitlog.cli.context import settings

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command("serve")
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS",
                             help="Where to listen. Any address but a loopback one needs SITLOG_API_TOKEN."),
    port: int = typer.Option(8642, "--port", metavar="PORT", min=1, max=65535, help="The TCP port."),
    workers: int = typer.Option(1, "--workers", metavar="N", min=1, max=64,
                                help="Server processes (each with its own connections to the store)."),
    threads: int = typer.Option(4, "--threads", metavar="N", min=1, max=64,
                                help="Reads at once per process (each thread holds one open store)."),
) -> None:
    """The read-only HTTP API and dashboard: JSON under /api (the same as --format json; reference at
    /api/docs), /healthz, and the digest and trends as pages.

    It binds 127.0.0.1 by default. Listening on any other address requires SITLOG_API_TOKEN in the
    environment (at least 16 characters); every request must then send it as
    "Authorization: Bearer <token>". The server only reads: several of them (or a read replica,
    with --db) can serve one store.

    Example: sitlog serve --port 8642
    """
    # The web front end, and FastAPI with it, is imported only when a server starts.
    from sitlog.web.server import serve as run_server

    run_server(host=host, port=port, workers=workers, threads=threads, db_url=settings(ctx).db_url)
