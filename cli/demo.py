"""``sitlog demo``: a real week of reports, typed into a fresh embedded store, and its digest."""

from enum import StrEnum
from pathlib import Path

import typer
from sitlog.cli.context import note, settings
from sitlog.cli.errors import fail

SAMPLE = "2026-02-05.sitlog"
DAY = "2026-02-05"

app = typer.Typer(rich_markup_mode=None, add_completion=False)


class DemoFormat(StrEnum):
    md = "md"
    json = "json"


@app.command("demo")
def demo(
    ctx: typer.Context,
    keep: Path = typer.Option(None, "--keep", metavar="PATH", help="Keep the demo store at PATH (new file)."),
    html: Path = typer.Option(None, "--html", metavar="FILE", show_default=False,
                              help="Also write the day's digest as one self-contained HTML file."),
    fmt: DemoFormat = typer.Option(DemoFormat.md, "--format", "-f",
                                   help="md: Markdown; json: the read model."),
) -> None:
    """Log a real week (the nights of 29 January to 5 February 2026 as Ukraine's air force
    reported them, the day's talks in Abu Dhabi, an exchange, casualty estimates, log entries) into
    a fresh SQLite store, then print the digest of 5 February 2026.

    The sample is a list of ordinary sitlog commands, each with the source of its facts
    (cli/samples/2026-02-05.sitlog), run as `sitlog run` runs a file.
    Example: sitlog demo --html digest.html --keep /tmp/demo.db
    """
    import shlex
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
        note(f"the digest of Thursday 5 February 2026 ({DAY}), as the log holds it now:")
        digests = [f"digest {DAY} --format {fmt.value}"]
        if html is not None:
            digests.append(f"digest {DAY} --format html --out {shlex.quote(str(html))}")
        ran = run_lines(ctx, digests, base=base, quiet=False, summary=False, name_lines=False)
        if ran.failed:
            fail("demo: the digest could not be written")
