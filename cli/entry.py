"""`sitlog entry add|correct|retract|show|list`: log entries, any other dated fact by category."""

from typing import TYPE_CHECKING, Any

import typer
from sitlog.cli.choices import EntryCategoryChoice
from sitlog.cli.context import read, report, write
from sitlog.cli.lazy_commands import LightGroup
from sitlog.cli.options import (
    AS_OF_OPTION,
    HISTORY_OPTION,
    KNOWN_AT_OPTION,
    parse_optional_date,
    parse_optional_timestamp,
    parse_time_travel,
    reason_option,
    source_option,
)
from sitlog.cli.render import FORMAT_OPTION, Format, emit

if TYPE_CHECKING:
    from datetime import time

    from sitlog.adapters.store import Store
    from sitlog.domain.outcome import Outcome

app = typer.Typer(
    # Plain help: rich markup would read [--place NAME]... as markup.
    rich_markup_mode=None,
    cls=LightGroup,
    help="Log entries: any other dated fact (a visit, a report, a statement), by category and source.",
    epilog="Example: sitlog entry list --from 2026-02-01 --category diplomacy --format json",
    no_args_is_help=True,
    add_completion=False,
)

REFERENCE_ARGUMENT = typer.Argument(
    ..., metavar="REFERENCE",
    help="The entry, as `sitlog entry add` printed it (e.g. e-10d51d33), or a longer prefix of its id.",
)
TIME = typer.Option(None, "--time", metavar="HH:MM", help="The time of day it happened, Kyiv time.")
DATE = "The date it happened (YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only a month or a year)."
TEXT = "What happened, in the source's words or a summary of them."
PLACES = typer.Option(None, "--place", metavar="NAME", help="Where; repeat the option for several places.")
URL = typer.Option(None, "--url", metavar="URL", help="Where the source published it.")
REPORTED_AT = typer.Option(None, "--reported-at", metavar="TIMESTAMP", help="When the source published it.")
ENTRY_REASON = reason_option()
FROM = typer.Option(None, "--from", metavar="DATE", help="Only entries dated DATE or later.")
TO = typer.Option(None, "--to", metavar="DATE", help="Only entries dated DATE or earlier.")


def _category(help: str, required: bool = False) -> Any:
    return typer.Option(... if required else None, "--category", case_sensitive=False, help=help)


@app.command()
def add(
    ctx: typer.Context,
    date: str = typer.Option(..., "--date", metavar="DATE", help=DATE),
    time: str | None = TIME,
    category: EntryCategoryChoice = _category("What kind of fact it is.", required=True),
    text: str = typer.Option(..., "--text", metavar="TEXT", help=TEXT),
    source: str = source_option("Who reported it, e.g. Reuters.", required=True),
    place: list[str] | None = PLACES,
    url: str | None = URL,
    reported_at: str | None = REPORTED_AT,
) -> None:
    """Add a dated fact that no other record holds: a visit, a report, a statement.

    Prints the entry's reference (e.g. e-10d51d33), which the other entry commands take. The same
    date, source and text again (in any case or spacing) is a no-op; the same text from another
    source is another entry.

    Example: sitlog entry add --date 2026-02-05 --category diplomacy --source Reuters --place Kyiv
    --text "Polish Prime Minister Donald Tusk arrived in Kyiv on Thursday for an official visit"
    """
    from sitlog.domain.log_entry_values import parse_entry_date

    on, at = parse_entry_date(date), _time(time)
    published = parse_optional_timestamp(reported_at, "reported-at")
    report(write(ctx, lambda store: store.log.add_entry(
        on=on, at=at, category=category.value, text=text, source=source, places=place or (), url=url,
        reported_at=published)))


@app.command()
def correct(
    ctx: typer.Context,
    reference: str = REFERENCE_ARGUMENT,
    reason: str = ENTRY_REASON,
    text: str | None = typer.Option(None, "--text", metavar="TEXT", help=TEXT),
    date: str | None = typer.Option(None, "--date", metavar="DATE", help=DATE),
    time: str | None = TIME,
    category: EntryCategoryChoice | None = _category("What kind of fact it is."),
    place: list[str] | None = typer.Option(None, "--place", metavar="NAME",
                                           help="Where: replaces the places; repeat for several."),
    url: str | None = URL,
    reported_at: str | None = REPORTED_AT,
) -> None:
    """Change what an entry says, saying why; the old values stay in its history.

    The entry keeps its reference, even when its text or date changes. Its source cannot be
    corrected: retract the entry and add it again from the right source.

    Example: sitlog entry correct e-10d51d33 --place Kyiv --place Lviv --reason "he also went to Lviv"
    """
    from sitlog.domain.log_entry_values import parse_entry_date

    on = parse_entry_date(date) if date is not None else None
    at, published = _time(time), parse_optional_timestamp(reported_at, "reported-at")

    def act(store: "Store") -> "Outcome":
        return store.log.correct_entry(
            store.reader.entry_id(reference), reason=reason, on=on, at=at,
            category=category.value if category else None, text=text, places=place or None, url=url,
            reported_at=published)

    report(write(ctx, act))


@app.command()
def retract(ctx: typer.Context, reference: str = REFERENCE_ARGUMENT, reason: str = ENTRY_REASON) -> None:
    """Withdraw an entry, saying why: `list` leaves it out from then on, `show` shows it retracted.

    Example: sitlog entry retract e-10d51d33 --reason "the visit was to Lviv, not Kyiv"
    """
    report(write(ctx, lambda store: store.log.retract_entry(store.reader.entry_id(reference), reason=reason)))


@app.command()
def show(
    ctx: typer.Context,
    reference: str = REFERENCE_ARGUMENT,
    as_of: str | None = AS_OF_OPTION,
    known_at: str | None = KNOWN_AT_OPTION,
    history: bool = HISTORY_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """One entry: what it says, its source, its corrections and retraction.

    Example: sitlog entry show e-10d51d33 --history --format json
    """
    day, moment = parse_time_travel(as_of, known_at)
    emit(fmt, read(ctx, lambda reader: reader.entry(reference, as_of=day, known_at=moment,
                                                    with_history=history)))


@app.command("list")
def list_entries(
    ctx: typer.Context,
    date_from: str | None = FROM,
    date_to: str | None = TO,
    category: EntryCategoryChoice | None = _category("Only entries of this category."),
    source: str | None = source_option("Only this source's entries."),
    as_of: str | None = AS_OF_OPTION,
    known_at: str | None = KNOWN_AT_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """The standing entries by date and time (retracted ones are left out).

    Example: sitlog entry list --from 2026-02-01 --category diplomacy --format csv
    """
    day, moment = parse_time_travel(as_of, known_at)
    first, last = parse_optional_date(date_from, "from"), parse_optional_date(date_to, "to")
    emit(fmt, read(ctx, lambda reader: reader.entries(
        date_from=first, date_to=last, category=category.value if category else None, source=source,
        as_of=day, known_at=moment)))


def _time(text: str | None) -> "time | None":
    from sitlog.domain.log_entry_values import parse_entry_time

    return parse_entry_time(text) if text is not None else None

