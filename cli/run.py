"""``sitlog run FILE|-``: a file of sitlog command lines, run in one process, each line on its own."""

from collections.abc import Iterable, Iterator
from typing import NamedTuple

import typer
from sitlog.cli.context import note, settings

app = typer.Typer(rich_markup_mode=None, add_completion=False)


class Ran(NamedTuple):
    lines: int
    failed: list[int]
    stopped: bool


@app.command("run")
def run(
    ctx: typer.Context,
    path: str = typer.Argument(..., metavar="FILE", help="The file of commands, or - for standard input."),
    keep_going: bool = typer.Option(False, "--keep-going", help="Run every line; list every failure."),
) -> None:
    """Run a file of sitlog commands in one process: one command a line (as typed after `sitlog`),
    # for comments, shell quoting; each line is its own command, with its own transaction.

    Stops at the first line that fails and names it (--keep-going runs the rest and lists every
    failure); ends with a one-line summary on stderr. The global options (--db, --operator) apply to
    every line.

    Example: sitlog run morning.sitlog
    """
    import sys

    from sitlog.cli.errors import fail

    if path == "-":
        ran = run_lines(ctx, sys.stdin, keep_going=keep_going)
    else:
        try:
            file = open(path, encoding="utf-8")  # noqa: SIM115 (closed below, after the run)
        except OSError as e:
            fail(f"file: cannot read {path!r} ({e.strerror or e})")
            return
        with file:
            ran = run_lines(ctx, file, keep_going=keep_going)
    if ran.failed:
        sys.exit(1)


def run_lines(ctx: typer.Context, lines: Iterable[str], *, keep_going: bool = False, quiet: bool = False,
              base: list[str] | None = None, summary: bool = True, name_lines: bool = True) -> Ran:
    """Run each command line of ``lines`` in this process, as if it had been typed after ``sitlog``
    with this invocation's global options (or ``base``); ``quiet`` drops what they print on stdout,
    and the one-line summary is said on stderr unless ``summary`` is False. What a line says on
    stderr names its line, unless ``name_lines`` is False (lines the operator did not write)."""
    s = settings(ctx)
    if base is None:
        base = [*(["--db", s.db_url] if s.db_url else []),
                *(["--operator", s.operator] if s.operator else [])]
    from sitlog.cli.context import holding_stores

    count, failed = 0, []
    with holding_stores():  # one store for every line (each line is still its own transaction)
        for number, args in _commands(lines):
            count += 1
            if not _run_line(ctx, number, base, args, quiet, name_lines):
                failed.append(number)
                if not keep_going:
                    break
    stopped = bool(failed) and not keep_going
    said = f"ran {count} lines: {count - len(failed)} ok, {len(failed)} failed"
    if stopped:
        said += f" (stopped at line {failed[0]})"
    elif failed:
        said += f" (lines {', '.join(map(str, failed))})"
    if summary:
        note(said)
    return Ran(count, failed, stopped)


def _commands(lines: Iterable[str]) -> Iterator[tuple[int, list[str] | str]]:
    """(line number, the words after ``sitlog``, or why the line cannot be read) of each command."""
    import shlex

    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError as e:
            yield number, f"cannot read the line ({e})"
            continue
        if words[:1] == ["sitlog"]:
            words = words[1:]
        if not words:
            continue
        yield number, words


def _run_line(ctx: typer.Context, number: int, base: list[str], args: list[str] | str, quiet: bool,
              name_lines: bool = True) -> bool:
    """Run one line; what it says on stderr is said again naming the line. Whether it succeeded."""
    import contextlib
    import io

    if isinstance(args, str):
        typer.echo(f"error: line {number}: {args}", err=True)
        return False
    if args[0] in ("run", "demo"):
        typer.echo(f"error: line {number}: `sitlog {args[0]}` cannot run inside a file of commands", err=True)
        return False
    root = ctx.find_root().command
    err = io.StringIO()
    code: int | str | None = 0
    with contextlib.redirect_stderr(err), \
            contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
        try:
            root.main(args=[*base, *args], prog_name="sitlog")
        except SystemExit as exit_:
            code = exit_.code
    for said in err.getvalue().splitlines():
        if not name_lines:
            typer.echo(said, err=True)
            continue
        for prefix in ("error: ", "warning: ", ""):
            if said.startswith(prefix):
                typer.echo(f"{prefix}line {number}: {said.removeprefix(prefix)}", err=True)
                break
    return not code
