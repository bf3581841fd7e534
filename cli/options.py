"""Options the command groups share, and their parsing into domain values.

Typer reads an option's definition from a parameter's default, so a shared option is a
module constant (or a function that makes one, where the help text must name what the
command is about).
"""

from datetime import UTC, date, datetime
from typing import Any

import typer
from sitlog.domain.clock import parse_date, parse_instant
from sitlog.domain.values import Source

# -- reads: time travel ---------------------------------------------------------------------


def as_of_option(help: str = "What was true up to DATE (as known now).") -> Any:
    return typer.Option(None, "--as-of", metavar="DATE", help=help)


AS_OF = as_of_option()

KNOWN_AT = typer.Option(
    None, "--known-at", metavar="TIMESTAMP",
    help="What the log said at that moment (ISO 8601; a bare date = the end of that day in Kyiv).",
)
HISTORY = typer.Option(False, "--history", help="Also every event, with its record time and operator.")


def optional_date(text: str | None, field: str) -> date | None:
    return parse_date(text, field) if text is not None else None


def optional_instant(text: str | None, field: str = "known-at") -> datetime | None:
    """In UTC, as a record time is kept (and a source's publication time always was)."""
    return parse_instant(text, field).astimezone(UTC) if text is not None else None


def when(as_of: str | None, known_at: str | None) -> tuple[date | None, datetime | None]:
    """``--as-of`` and ``--known-at`` as the valid date and the record time a query looks at."""
    return optional_date(as_of, "as-of"), optional_instant(known_at, "known-at")


# -- writes: when, who says so, why ---------------------------------------------------------

DATE = typer.Option(..., "--date", metavar="DATE", help="The date it happened (YYYY-MM-DD).")


def source_option(help: str, *, required: bool = False, metavar: str | None = "NAME") -> Any:
    return typer.Option(... if required else None, "--source", metavar=metavar, help=help)


# Negotiations and exchanges name a source by --source and/or --source-url (see source_of).
SOURCE = source_option("Who reported it.")
SOURCE_URL = typer.Option(None, "--source-url", metavar="URL", help="Where it was published.")


def source_of(name: str | None, url: str | None) -> Source | None:
    """``--source`` and ``--source-url``; either may be given alone."""
    if name is None and url is None:
        return None
    return Source(name=name or "", url=url)


def reason_option(
    help: str = "Why (kept in the history).", *, required: bool = True, metavar: str | None = None
) -> Any:
    return typer.Option(... if required else None, "--reason", metavar=metavar, help=help)
