"""``sitlog digest``: the daily digest, as Markdown, JSON or one self-contained HTML file."""

import sys
from enum import StrEnum
from pathlib import Path

import typer
from sitlog.cli.context import note, read
from sitlog.cli.errors import fail
from sitlog.cli.help_texts import PREFERRED_SOURCES
from sitlog.cli.options import KNOWN_AT_OPTION, parse_optional_date, parse_optional_timestamp

app = typer.Typer(rich_markup_mode=None, add_completion=False)


class DigestFormat(StrEnum):
    md = "md"
    json = "json"
    html = "html"


_PREFERRED = ", ".join(f"{source} for {attacker}" for attacker, source in PREFERRED_SOURCES.items())


@app.command("digest")
def digest(
    ctx: typer.Context,
    day: str = typer.Argument(None, metavar="DATE", show_default=False,
                              help="The day (default: today in Kyiv; with --known-at, the day of that moment "
                                   "in Kyiv)."),
    known_at: str = KNOWN_AT_OPTION,
    fmt: DigestFormat = typer.Option(DigestFormat.md, "--format", "-f",
                                     help="md: Markdown; json: the read model; html: one self-contained "
                                          "file with a chart of the last 30 nights."),
    out: Path = typer.Option(None, "--out", metavar="FILE", help="Write it to FILE instead of stdout.",
                             show_default=False),
    primary_source: list[str] = typer.Option(
        None, "--primary-source", metavar="ATTACKER=SOURCE", show_default=False,
        help="The source of an attacker's trends; repeat for each attacker (default: the desk's preferred "
             f"source, {_PREFERRED}, when it reported in the 60 days compared, else the source with the most "
             "nights in them)."),
) -> None:
    """The daily digest: the night's attacks, the day's diplomacy, prisoner exchanges, casualty
    estimates and log entries, each fact with its source; the trends of the last 7 and 30 nights;
    the corrections and retractions recorded that day.

    Markdown is rendered for the terminal, and printed as it is when piped or written to a file.
    The digest names the moment of the log it shows: --known-at with that moment gives it again.

    Example: sitlog digest 2026-02-05 --format html --out digest.html
    """
    the_day = parse_optional_date(day, "date")
    moment = parse_optional_timestamp(known_at)
    chosen = _primary_sources(primary_source or [])
    answer = read(ctx, lambda reader: reader.digest(the_day, known_at=moment, primary_sources=chosen))
    if fmt is DigestFormat.json:
        text = answer.model_dump_json(indent=2) + "\n"
    elif fmt is DigestFormat.html:
        from sitlog.adapters.digest_render.html import render_html

        text = render_html(answer)
    else:
        from sitlog.adapters.digest_render.markdown import render_markdown

        text = render_markdown(answer)
    if out is not None:
        _write(out, text)
        note(f"digest of {answer.date} written to {out}")
    elif fmt is DigestFormat.md and sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console(highlight=False, emoji=False).print(Markdown(text))
    else:
        typer.echo(text, nl=False)


def _primary_sources(given: list[str]) -> dict[str, str]:
    chosen = {}
    for text in given:
        attacker, equals, source = text.partition("=")
        if not equals or not attacker.strip() or not source.strip():
            fail(f"primary-source: {text!r} is not ATTACKER=SOURCE (e.g. russia=\"Ukrainian Air Force\")")
        chosen[attacker.strip()] = " ".join(source.split())
    return chosen


def _write(path: Path, text: str) -> None:
    """All of it or nothing: a temporary file beside ``path``, renamed onto it."""
    import os
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # as a file opened for writing would be
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as e:
        fail(f"out: cannot write {str(path)!r} ({e.strerror or e})")
