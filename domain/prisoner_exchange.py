"""A prisoner exchange, keyed by ``DATE[/LABEL]`` of its agreement: agreed, then completed,
postponed or cancelled. Numbers are counts of people released by each side.
"""

import re
from datetime import date
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import event
from sitlog.domain.base import Aggregate, Immutable
from sitlog.domain.clock import within_range
from sitlog.domain.errors import InvalidInput, RuleViolation, WouldOverwrite
from sitlog.domain.ids import natural_id
from sitlog.domain.text import clean, required
from sitlog.domain.values import MAX_COUNT, Source, too_large

_REFERENCE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:/([a-z0-9]+(?:-[a-z0-9]+)*))?")


def parse_reference(text: str) -> tuple[str, date]:
    """``2026-02-05`` or ``2026-02-05/second``: the normalised reference and the agreement date."""
    raw = text.strip().lower()
    match = _REFERENCE.fullmatch(raw)
    if not match:
        raise InvalidInput(
            f"exchange: {text!r} is not an exchange reference (expected DATE[/LABEL], "
            "e.g. 2026-02-05 or 2026-02-05/second)"
        )
    try:
        agreed_on = date.fromisoformat(match.group(1))
    except ValueError:
        raise InvalidInput(f"exchange: {text!r} does not start with a real date (YYYY-MM-DD)") from None
    return raw, within_range(agreed_on, "exchange", text)


class ExchangeStatus(StrEnum):
    AGREED = "agreed"
    POSTPONED = "postponed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Numbers(Immutable):
    """A total and/or the numbers released by each side; ``None`` where not reported."""

    total: int | None = None
    released_by_ukraine: int | None = None
    released_by_russia: int | None = None

    @classmethod
    def checked(
        cls, total: int | None = None, released_by_ukraine: int | None = None,
        released_by_russia: int | None = None,
    ) -> "Numbers":
        return cls(total=total, released_by_ukraine=released_by_ukraine,
                   released_by_russia=released_by_russia).check()

    def check(self) -> "Numbers":
        """The rules of counts: some given, none negative, the sides consistent with the total."""
        total = self.total
        given = {name.replace("_", "-"): n for name, n in self.model_dump().items() if n is not None}
        if not given:
            raise InvalidInput("numbers: none given (a total, or the numbers released by each side)")
        for name, n in given.items():
            if n < 0:
                raise InvalidInput(f"{name}: {n} is negative")
            if n > MAX_COUNT:
                raise too_large(name, n)
        sides = {name: n for name, n in given.items() if name != "total"}
        if total is not None and len(sides) == 2 and sum(sides.values()) != total:
            raise RuleViolation(
                f"total: {total} is not released-by-ukraine {self.released_by_ukraine} + "
                f"released-by-russia {self.released_by_russia} = {sum(sides.values())}"
            )
        for name, n in sides.items():
            if total is not None and n > total:
                raise RuleViolation(f"{name}: {n} is more than the total {total}")
        return self

    @property
    def overall(self) -> int | None:
        """The total as given, or the sum of both sides when only they are known."""
        if self.total is not None:
            return self.total
        if self.released_by_ukraine is not None and self.released_by_russia is not None:
            return self.released_by_ukraine + self.released_by_russia
        return None

    def __str__(self) -> str:
        parts = [f"total {self.total}" if self.total is not None else ""]
        parts += [f"{side} {n}" for side, n in (("by Ukraine", self.released_by_ukraine),
                                                 ("by Russia", self.released_by_russia)) if n is not None]
        return ", ".join(p for p in parts if p)


def whole_months(start: date, end: date) -> int:
    """Calendar months from ``start`` to ``end``, counting only complete ones."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def gap_phrase(previous: date | None, current: date) -> str:
    """How a desk would describe the gap since the previous exchange."""
    if previous is None:
        return "first exchange in the log"
    months = whole_months(previous, current)
    if months >= 1:
        return f"first exchange in {months} month{'s' if months > 1 else ''}"
    days = (current - previous).days
    return f"{days} day{'s' if days != 1 else ''} after the previous exchange"


class PrisonerExchange(Aggregate):
    # -- events: what the log stores (their names are stored topics: never rename them) ---

    class Event(Aggregate.Event):
        """Every event of a prisoner exchange."""

    class Agreed(Aggregate.Created, Event):
        reference: str
        agreed_on: date
        numbers: Numbers
        mediator: str | None
        negotiation: str | None
        source: Source | None

    class Completed(Event):
        completed_on: date
        numbers: Numbers
        source: Source | None

    class Postponed(Event):
        on: date
        reason: str
        source: Source | None

    class Cancelled(Event):
        on: date
        reason: str
        source: Source | None

    @staticmethod
    def create_id(reference: str) -> UUID:
        return natural_id("exchange", reference)

    @event(Agreed)
    def __init__(
        self, reference: str, agreed_on: date, numbers: Numbers, mediator: str | None,
        negotiation: str | None, source: Source | None, operator: str,
    ) -> None:
        self.reference, self.agreed_on, self.numbers = reference, agreed_on, numbers
        self.mediator, self.negotiation = mediator, negotiation
        self.status, self.status_on = ExchangeStatus.AGREED, agreed_on
        self.status_reason: str | None = None
        self.completed: tuple[date, Numbers] | None = None
        self.postponements: set[tuple[date, str]] = set()

    @classmethod
    def agree(
        cls, reference: str, *, numbers: Numbers, mediator: str | None, negotiation: str | None,
        source: Source | None, operator: str,
    ) -> "PrisonerExchange":
        reference, agreed_on = parse_reference(reference)
        return cls(
            reference=reference, agreed_on=agreed_on, numbers=numbers.check(),
            mediator=clean(mediator) or None, negotiation=negotiation, source=source, operator=operator,
        )

    def confirm_agreement(self, other: "PrisonerExchange") -> None:
        """A repeat of the agreement is fine if identical; anything else would rewrite it."""
        mine = (self.numbers, self.mediator, self.negotiation)
        if mine != (other.numbers, other.mediator, other.negotiation):
            raise WouldOverwrite(
                f"exchange {self.reference} is already recorded as agreed ({self.numbers}; mediator "
                f"{self.mediator or 'none'}; negotiation {self.negotiation or 'none'}); "
                "record a different exchange of the same day as DATE/LABEL"
            )

    def _require(self, on: date, what: str) -> None:
        if self.status is ExchangeStatus.CANCELLED:
            raise RuleViolation(
                f"exchange {self.reference} was cancelled on {self.status_on} ({self.status_reason}); "
                f"a cancelled exchange cannot be {what}"
            )
        if self.completed is not None:
            raise RuleViolation(
                f"exchange {self.reference} was completed on {self.completed[0]}; it cannot be {what}"
            )
        if on < self.agreed_on:
            raise RuleViolation(f"date: {on} is before the agreement on {self.agreed_on}")

    def complete(self, *, completed_on: date, numbers: Numbers, source: Source | None, operator: str) -> None:
        numbers.check()
        if self.completed == (completed_on, numbers):
            return
        if self.completed is not None:
            raise WouldOverwrite(
                f"exchange {self.reference} is already recorded as completed on {self.completed[0]} "
                f"({self.completed[1]})"
            )
        self._require(completed_on, "completed")
        self._completed(completed_on=completed_on, numbers=numbers, source=source, operator=operator)

    @event(Completed)
    def _completed(self, completed_on: date, numbers: Numbers, source: Source | None, operator: str) -> None:
        self.completed = (completed_on, numbers)
        self.status, self.status_on = ExchangeStatus.COMPLETED, completed_on

    def postpone(self, *, on: date, reason: str, source: Source | None, operator: str) -> None:
        reason = required(reason, "reason", "why is it postponed? --reason ...")
        if (on, reason) in self.postponements:
            return
        self._require(on, "postponed")
        self._postponed(on=on, reason=reason, source=source, operator=operator)

    @event(Postponed)
    def _postponed(self, on: date, reason: str, source: Source | None, operator: str) -> None:
        self.postponements.add((on, reason))
        self.status, self.status_on, self.status_reason = ExchangeStatus.POSTPONED, on, reason

    def cancel(self, *, on: date, reason: str, source: Source | None, operator: str) -> None:
        reason = required(reason, "reason", "why is it cancelled? --reason ...")
        if (self.status, self.status_on, self.status_reason) == (ExchangeStatus.CANCELLED, on, reason):
            return
        self._require(on, "cancelled")
        self._cancelled(on=on, reason=reason, source=source, operator=operator)

    @event(Cancelled)
    def _cancelled(self, on: date, reason: str, source: Source | None, operator: str) -> None:
        self.status, self.status_on, self.status_reason = ExchangeStatus.CANCELLED, on, reason
