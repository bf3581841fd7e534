"""What a negotiation remembers of each thing recorded in it (a round, a statement, an outcome, an
issue), under the number of the event that first recorded it: ``negotiation show`` prints that
number, and a correction or a retraction names the record by it (``--statement 5``).

A correction lays new values over a record and keeps the fields that changed, before and after,
as text (``Change``), for the history and the digest.
"""

from datetime import date
from typing import Any, ClassVar, Self

from pydantic import ValidationError
from sitlog.domain.base import Immutable
from sitlog.domain.errors import InvalidInput
from sitlog.domain.log_entry_values import Change
from sitlog.domain.negotiation_values import OutcomeKind, Participant, StatementKind
from sitlog.domain.partial_date import PartialDate, Precision, shown
from sitlog.domain.text import folded

__all__ = ["Change", "IssueRecord", "OutcomeRecord", "Record", "RoundRecord", "StatementRecord", "changes"]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or None
    return str(value)


def changes(
    before: Immutable, after: Immutable, fields: tuple[str, ...], prefix: str = ""
) -> tuple[Change, ...]:
    """The ``fields`` that differ between two versions of a record, as text."""
    return tuple(
        Change(field=prefix + name, before=_text(getattr(before, name)), after=_text(getattr(after, name)))
        for name in fields if getattr(before, name) != getattr(after, name)
    )


class Record(Immutable):
    """A record of a negotiation; ``item`` is the version of the event that first recorded it."""

    what: ClassVar[str]
    # The fields a correction may change, by the names of the CLI's options ("date" is the
    # record's own date field, ``dated``).
    correctable: ClassVar[tuple[str, ...]]
    dated: ClassVar[str]
    item: int
    source: str | None = None  # the name of the source that first reported it
    corroborated_by: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.what} {self.item}"

    def revised(self, values: dict[str, Any]) -> Self:
        """This record with ``values`` laid over it, each named as in ``correctable``."""
        for name in values:
            if name not in self.correctable:
                raise InvalidInput(
                    f"--{name}: a {self.what} has no such field to correct (a {self.what} takes "
                    f"{', '.join('--' + f for f in self.correctable)})"
                )
        update = {self.dated if k == "date" else k: v for k, v in values.items()}
        try:
            return type(self).model_validate({**self.model_dump(), **update})
        except ValidationError as error:
            name = str(error.errors()[0]["loc"][0])
            option = "date" if name == self.dated else name
            raise InvalidInput(f"{option}: {update.get(name)!r} is not a valid {option} "
                               f"({error.errors()[0]['msg']})") from None

    def changes_to(self, other: Self) -> tuple[Change, ...]:
        fields = tuple(self.dated if f == "date" else f for f in self.correctable)
        return changes(self, other, fields, prefix=f"{self.label} ")

    def reported_by(self, source: str) -> bool:
        """Whether ``source`` already reported this record (first, or as corroboration)."""
        return folded(source) in {folded(s) for s in (self.source or "", *self.corroborated_by)}


class RoundRecord(Record):
    what: ClassVar[str] = "round"
    correctable: ClassVar[tuple[str, ...]] = ("date", "venue", "day")
    dated: ClassVar[str] = "held_on"
    held_on: date
    venue: str
    day: int | None
    participants: tuple[Participant, ...]

    def describe(self) -> str:
        return f"round of {self.held_on} at {self.venue}" + (f" (day {self.day})" if self.day else "")

    def changes_to(self, other: Self) -> tuple[Change, ...]:
        return super().changes_to(other) + changes(self, other, ("participants",), prefix=f"{self.label} ")

    def same_round(self, held_on: date, day: int | None) -> bool:
        """A round is the negotiation's round on a date and day, whatever the venue's spelling."""
        return (self.held_on, self.day) == (held_on, day)


class StatementRecord(Record):
    what: ClassVar[str] = "statement"
    correctable: ClassVar[tuple[str, ...]] = ("date", "by", "text", "kind")
    dated: ClassVar[str] = "made_on"
    made_on: date  # the last day of a month or year a source gave (domain/partial_date.py)
    by: str
    text: str
    kind: StatementKind
    made_on_precision: Precision = Precision.DAY

    @property
    def date_text(self) -> str:
        return shown(self.made_on, self.made_on_precision)

    def same(self, made_on: PartialDate, by: str, text: str) -> bool:
        return ((self.made_on, self.made_on_precision, folded(self.by), self.text)
                == (made_on.day, made_on.precision, folded(by), text))

    def changes_to(self, other: Self) -> tuple[Change, ...]:
        """As a record's, but its date as typed (2025-02, not 2025-02-28), and a change of precision
        alone (2025 for 2025-12-31) is a change."""
        dated = f"{self.label} {self.dated}"
        found = tuple(c for c in super().changes_to(other) if c.field != dated)
        if self.date_text == other.date_text:
            return found
        return (Change(field=dated, before=self.date_text, after=other.date_text), *found)


class OutcomeRecord(Record):
    what: ClassVar[str] = "outcome"
    correctable: ClassVar[tuple[str, ...]] = ("date", "kind", "text", "exchange")
    dated: ClassVar[str] = "reached_on"
    reached_on: date
    kind: OutcomeKind
    text: str
    exchange: str | None

    def same(self, reached_on: date, kind: OutcomeKind, text: str, exchange: str | None) -> bool:
        return ((self.reached_on, self.kind, folded(self.text), self.exchange)
                == (reached_on, kind, folded(text), exchange))


class IssueRecord(Record):
    what: ClassVar[str] = "issue"
    correctable: ClassVar[tuple[str, ...]] = ("date", "topic", "by")
    dated: ClassVar[str] = "raised_on"
    raised_on: date
    topic: str
    by: str | None

    def same(self, raised_on: date, topic: str, by: str | None) -> bool:
        return (self.raised_on, folded(self.topic), folded(self.by or "")) == (raised_on, folded(topic),
                                                                              folded(by or ""))
