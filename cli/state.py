"""``sitlog state``: the whole picture at a date, as the log knew it at a moment."""

import typer
from sitlog.cli.context import read
from sitlog.cli.options import (
    KNOWN_AT_OPTION,
    PUBLISHED_BY_OPTION,
    as_of_option,
    parse_optional_date,
    parse_time_travel,
)
from sitlog.cli.render import FORMAT_OPTION, Format, emit

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command("state")
def state(
    ctx: typer.Context,
    as_of: str = as_of_option("The day to look at (default: today in Kyiv)."),
    known_at: str = KNOWN_AT_OPTION,
    published_by: str = PUBLISHED_BY_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Per attacker and source: totals by weapon category for the last night, 7 days, 30 days and
    all time up to the date; the latest estimate of every source; open negotiations; exchanges; log
    entries by category.

    Example: sitlog state --as-of 2026-01-31 --known-at 2026-02-02T08:00 --format json
    """
    day, moment = parse_time_travel(as_of, known_at)
    published = parse_optional_date(published_by, "published-by")
    emit(fmt, read(ctx, lambda reader: reader.state(day, moment, published)))
