"""``sitlog demo``: a bundled morning of reports, typed into a fresh embedded store."""

import contextlib
import io
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

    The sample is a list of ordinary sitlog commands (cli/samples/2026-02-05.sitlog).
    Example: sitlog demo --keep /tmp/demo.db && sitlog --db sqlite:////tmp/demo.db attack list
    """
    import shlex
    import tempfile
    from importlib import resources

    if keep is not None and keep.exists():
        fail(f"keep: {str(keep)!r} already exists (the demo needs a fresh store)")
    lines = resources.files("sitlog.cli.samples").joinpath(SAMPLE).read_text().splitlines()
    commands = [shlex.split(line) for line in lines if line.strip() and not line.startswith("#")]
    with tempfile.TemporaryDirectory() as workdir:
        path = (keep or Path(workdir) / "demo.db").resolve()
        operator = settings(ctx).operator
        base = ["--db", f"sqlite:///{path}", *(["--operator", operator] if operator else [])]
        for number, command in enumerate(commands, start=1):
            what = f"sample command {number} ({' '.join(command[:2])})"
            _run(ctx, [*base, *command], quiet=True, what=what)
        note(f"logged {len(commands)} commands from {SAMPLE} into {path if keep else 'a temporary store'}")
        _run(ctx, [*base, "state", "--as-of", "2026-02-05", "--format", fmt.value], quiet=False, what="state")


def _run(ctx: typer.Context, args: list[str], quiet: bool, what: str) -> None:
    """Run one sitlog command line in this process, exactly as if it had been typed."""
    root = ctx.find_root().command
    out = io.StringIO() if quiet else None
    with contextlib.redirect_stdout(out) if out else contextlib.nullcontext():
        try:
            root.main(args=args, prog_name="sitlog")
        except SystemExit as exit_:
            if exit_.code:
                fail(f"demo: {what} failed")

