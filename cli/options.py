"""Options the command groups share, and their parsing into domain values.

Typer reads an option's definition from a parameter's default, so a shared option is a module
constant (or a function that makes one, where the help text must name what the command is
about). Parsing needs the domain, which ``--help`` must not import: the parsers import it when
a command runs.
"""

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from sitlog.domain.partial_date import PartialDate
    from sitlog.domain.values import Source

# -- reads: time travel ---------------------------------------------------------------------


def as_of_option(help: str = "What was true up to DATE (as known now).") -> Any:
    return typer.Option(None, "--as-of", metavar="DATE", help=help)


AS_OF_OPTION = as_of_option()

PUBLISHED_BY_OPTION = typer.Option(
    None, "--published-by", metavar="DATE",
    help="Only estimates the sources reported (published) on or before DATE.")

KNOWN_AT_OPTION = typer.Option(
    None, "--known-at", metavar="TIMESTAMP",
    help="What the log said at that moment (ISO 8601; a bare date = the end of that day in Kyiv).",
)
HISTORY_OPTION = typer.Option(False, "--history", help="Also every event, with its record time and operator.")


def parse_optional_date(text: str | None, field: str) -> date | None:
    from sitlog.domain.clock import parse_date

    return parse_date(text, field) if text is not None else None


def parse_optional_timestamp(text: str | None, field: str = "known-at") -> datetime | None:
    """In UTC, as a record time is kept (and a source's publication time always was)."""
    from sitlog.domain.clock import parse_instant

    return parse_instant(text, field).astimezone(UTC) if text is not None else None


def parse_time_travel(as_of: str | None, known_at: str | None) -> tuple[date | None, datetime | None]:
    """``--as-of`` and ``--known-at`` as the valid date and the record time a read looks at."""
    return parse_optional_date(as_of, "as-of"), parse_optional_timestamp(known_at, "known-at")


# -- writes: when, who says so, why ---------------------------------------------------------

DATE_OPTION = typer.Option(..., "--date", metavar="DATE", help="The date it happened (YYYY-MM-DD).")


def parse_partial_date(text: str, field: str = "date") -> "PartialDate":
    """A date at the precision a source gave: YYYY-MM-DD, YYYY-MM or YYYY (domain/partial_date.py)."""
    from sitlog.domain.partial_date import PartialDate

    return PartialDate.parse(text, field)


def parse_required_date(text: str, field: str = "date") -> date:
    from sitlog.domain.clock import parse_date as parse

    return parse(text, field)


def source_option(help: str, *, required: bool = False) -> Any:
    return typer.Option(... if required else None, "--source", metavar="NAME", help=help)


# Negotiations and exchanges name a source by --source and/or --source-url (see source_from_options).
REPORTED_BY_OPTION = source_option("Who reported it.")
SOURCE_URL_OPTION = typer.Option(None, "--source-url", metavar="URL", help="Where it was published.")


def source_from_options(name: str | None, url: str | None) -> "Source | None":
    """``--source`` and ``--source-url``; either may be given alone."""
    from sitlog.domain.values import Source

    if name is None and url is None:
        return None
    return Source(name=name or "", url=url)


def reason_option(help: str = "Why (kept in the history).", *, required: bool = True) -> Any:
    return typer.Option(... if required else None, "--reason", metavar="TEXT", help=help)
