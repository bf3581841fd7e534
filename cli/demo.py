"""``sitlog demo``: a bundled morning of reports, typed into a fresh embedded store."""

from pathlib import Path

import typer
from sitlog.cli.context import note, settings
from sitlog.cli.errors import fail
from sitlog.cli.render import FORMAT_OPTION, Format

SAMPLE = "2026-02-05.sitlog"

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command("demo")
def demo(
    ctx: typer.Context,
    keep: Path = typer.Option(None, "--keep", metavar="PATH", help="Keep the demo store at PATH (new file)."),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Log a real morning (the night that ended on 5 February 2026, the day's talks, an
    exchange, casualty estimates) into a fresh SQLite store, then print the state that day.

    The sample is a list of ordinary sitlog commands (cli/samples/2026-02-05.sitlog), run as
    `sitlog run` runs a file.
    Example: sitlog demo --keep /tmp/demo.db && sitlog --db sqlite:////tmp/demo.db attack list
    """
    import tempfile
    from importlib import resources

    from sitlog.cli.run import run_lines

    if keep is not None and keep.exists():
        fail(f"keep: {str(keep)!r} already exists (the demo needs a fresh store)")
    lines = resources.files("sitlog.cli.samples").joinpath(SAMPLE).read_text().splitlines()
    with tempfile.TemporaryDirectory() as workdir:
        path = (keep or Path(workdir) / "demo.db").resolve()
        operator = settings(ctx).operator
        base = ["--db", f"sqlite:///{path}", *(["--operator", operator] if operator else [])]
        ran = run_lines(ctx, lines, quiet=True, base=base)  # as `sitlog run` does
        if ran.failed:
            fail(f"demo: line {ran.failed[0]} of the sample {SAMPLE} failed")
        note(f"logged {ran.lines} commands from {SAMPLE} into {path if keep else 'a temporary store'}")
        ran = run_lines(ctx, [f"state --as-of 2026-02-05 --format {fmt.value}"], base=base, quiet=False,
                        summary=False)
        if ran.failed:
            fail("demo: the state could not be printed")
