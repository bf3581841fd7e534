"""``sitlog export``: every event of the log as JSON Lines, on stdout or into a file."""

from pathlib import Path

import typer
from sitlog.cli.context import note, opened

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command("export")
def export(
    ctx: typer.Context,
    out: Path = typer.Option(None, "--out", metavar="FILE", help="Write to FILE (default: stdout)."),
    since: int = typer.Option(0, "--since", min=0, metavar="POSITION",
                              help="Only the events after this position of the log."),
) -> None:
    """Write every event of the log as JSON Lines, one event a line (its position, aggregate,
    version, type, record time, operator and data), as a stream: nothing is lost, and
    `sitlog import FILE --kind sitlog-jsonl` copies it into another store.

    Example: sitlog export --out events.jsonl && sitlog --db sqlite:///copy.db import events.jsonl
    """
    import os
    import sys

    with opened(ctx) as store:
        if out is None:
            count = store.export(sys.stdout, since=since)
            where = "stdout"
        else:
            # Written beside the file and renamed when complete: a failed export leaves no half file.
            partial = out.with_name(f".{out.name}.partial")
            with partial.open("w", encoding="utf-8") as file:
                count = store.export(file, since=since)
            os.replace(partial, out)
            where = str(out)
    note(f"exported {count} events to {where}")
