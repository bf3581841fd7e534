"""An attack's date and period (start, end), and the rules that keep them coherent."""

from datetime import date, datetime, timedelta

from sitlog.domain.attack_claims import CorrectedValue
from sitlog.domain.clock import KYIV
from sitlog.domain.errors import InvalidInput, RuleViolation, WouldOverwrite

StartEnd = tuple[datetime | None, datetime | None]  # start, end


def check_date(day: date, today: date) -> None:
    """An attack cannot be dated later than tomorrow (``today`` is the Kyiv date when recording)."""
    latest = today + timedelta(days=1)
    if day > latest:
        raise RuleViolation(
            f"date: {day} is later than tomorrow in Kyiv ({latest}); "
            "an attack is dated by the day its night ends"
        )


def check_period(day: date, start: datetime | None, end: datetime | None) -> None:
    for field, moment in (("start", start), ("end", end)):
        if moment is not None and moment.tzinfo is None:
            raise InvalidInput(f"{field}: {moment.isoformat()} has no time zone")
    if start is not None and end is not None and start > end:
        raise RuleViolation(f"start: {start.isoformat()} is after the end, {end.isoformat()}")
    if end is not None and (ends := end.astimezone(KYIV).date()) != day:
        raise RuleViolation(
            f"end: {end.isoformat()} falls on {ends} in Kyiv, but the attack is dated {day}; "
            "an attack is dated by the day its night ends in Kyiv"
        )
    if start is not None and (starts := start.astimezone(KYIV).date()) > day:
        raise RuleViolation(
            f"start: {start.isoformat()} falls on {starts} in Kyiv, after the attack's date {day}"
        )


def refuse_overwrite(reference: str, recorded: StartEnd, given: StartEnd) -> None:
    """A start or end already known may change only through a correction."""
    for field, old, new in zip(("start", "end"), recorded, given, strict=True):
        if old is not None and new is not None and old != new:
            raise WouldOverwrite(
                f"{field}: {reference} already has {field} {old.isoformat()}; use "
                f"`sitlog attack correct {reference} --{field} {new.isoformat()} --reason ...`"
            )


def period_changes(recorded: StartEnd, corrected: StartEnd) -> tuple[CorrectedValue, ...]:
    return tuple(
        CorrectedValue(subject="period", measure=field, before=_describe(old), after=_describe(new))
        for field, old, new in zip(("start", "end"), recorded, corrected, strict=True)
        if old != new
    )


def _describe(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
