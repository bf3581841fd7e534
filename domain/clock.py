"""Valid time lives in Europe/Kyiv: a night of attacks is dated by the day it ends there."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sitlog.domain.errors import InvalidInput

KYIV = ZoneInfo("Europe/Kyiv")

# The dates sitlog accepts, typed or derived. Anything outside is a typo (no desk logs the year
# 0001), and the margins keep every date's arithmetic (the day after, a month before, a shift
# between time zones) inside Python's calendar, so an accepted date never breaks a read.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)


def within_range(day: date, field: str, text: str) -> date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise InvalidInput(
            f"{field}: {text!r} is outside the dates sitlog records ({EARLIEST_DATE} to {LATEST_DATE})"
        )
    return day


def today_in_kyiv(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(KYIV).date()


def end_of_day_in_kyiv(day: date) -> datetime:
    """The last instant of ``day`` in Kyiv, as an aware UTC datetime."""
    start_of_next = datetime.combine(day + timedelta(days=1), time(), tzinfo=KYIV)
    return (start_of_next - timedelta(microseconds=1)).astimezone(UTC)


def parse_date(text: str, field: str = "date") -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{field}: {text!r} is not a date (expected YYYY-MM-DD)") from None
    return within_range(day, field, text)


def parse_instant(text: str, field: str = "known-at") -> datetime:
    """An ISO 8601 timestamp, aware and with the offset as typed (an attack's times keep the
    offset its source gave); without an offset it is Kyiv time, and a bare date means the end
    of that day in Kyiv ("known at 2026-02-05": all that day)."""
    raw = text.strip()
    if len(raw) == 10:
        return end_of_day_in_kyiv(parse_date(raw, field)).astimezone(KYIV)
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            f"{field}: {text!r} is not an ISO 8601 timestamp (e.g. 2026-02-05T08:00+02:00)"
        ) from None
    within_range(moment.date(), field, text)
    return moment if moment.tzinfo else moment.replace(tzinfo=KYIV)
