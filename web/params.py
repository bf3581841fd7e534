"""Query parameters as the read facade takes them: dates, record times, references; a value that
cannot be read is an ``InvalidInput`` naming the parameter and the value (the API answers 422)."""

from datetime import UTC, date, datetime

from sitlog.domain.clock import parse_date, parse_instant
from sitlog.domain.errors import InvalidInput

_LONGEST = 200  # a reference or a name longer than this names nothing the log holds


def day(value: str | None, name: str) -> date | None:
    given = text(value, name, longest=40)
    return parse_date(given, name) if given else None


def moment(value: str | None, name: str = "known_at") -> datetime | None:
    """A record time, in UTC (a bare date: the end of that day in Kyiv; no offset: Kyiv time)."""
    given = text(value, name, longest=40)
    if not given:
        return None
    try:
        return parse_instant(given, name).astimezone(UTC)
    except (OverflowError, ValueError):  # an offset that takes it past the calendar
        raise InvalidInput(f"{name}: {given!r} is not a moment sitlog can read") from None


def text(value: str | None, name: str, *, longest: int = _LONGEST) -> str | None:
    if value is None or value == "":
        return None
    if len(value) > longest or not value.isprintable():
        shown = repr(value[:40]) + ("…" if len(value) > 40 else "")
        raise InvalidInput(f"{name}: {shown} cannot be read here (printable text, at most {longest} "
                           "characters)")
    return value


def one_of(value: str | None, name: str, allowed: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    if value not in allowed:
        raise InvalidInput(f"{name}: {value[:40]!r} is not one of {', '.join(allowed)}")
    return value
