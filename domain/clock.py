"""Valid time lives in Europe/Kyiv: a night of attacks is dated by the day it ends there."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput

KYIV = ZoneInfo("Europe/Kyiv")


def today_in_kyiv(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(KYIV).date()


def end_of_day_in_kyiv(day: date) -> datetime:
    """The last instant of ``day`` in Kyiv, as an aware UTC datetime."""
    start_of_next = datetime.combine(day + timedelta(days=1), time(), tzinfo=KYIV)
    return (start_of_next - timedelta(microseconds=1)).astimezone(UTC)


def parse_date(text: str, field: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{field}: {text!r} is not a date (expected YYYY-MM-DD)") from None


def parse_instant(text: str, field: str = "known-at") -> datetime:
    """ISO 8601 timestamp; a bare date means the end of that day in Kyiv; naive means Kyiv."""
    raw = text.strip()
    if len(raw) == 10:
        return end_of_day_in_kyiv(parse_date(raw, field))
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            f"{field}: {text!r} is not an ISO 8601 timestamp (e.g. 2026-02-05T08:00+02:00)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=KYIV)
    return moment.astimezone(UTC)
