"""Log entries: any dated fact that no other aggregate holds — a visit, a report, a statement
outside a negotiation — with a category, as situation logs have always kept them.

An entry's identity is its date, its source and its text (``entry_key``): the same fact from the
same source typed again, in any case or spacing, lands on the same entry, and the same text from
another source is another entry (sources are never merged). The identity is fixed by what was
first added: a correction of the text or the date keeps the entry, and so its reference, ``e-``
and the first 8 hex digits of its id (``e-3f9a1c02``).
"""

from datetime import date
from uuid import UUID

from eventsourcing.domain import event
from sitlog.domain.base import Aggregate
from sitlog.domain.errors import RuleViolation, WouldOverwrite
from sitlog.domain.ids import natural_id
from sitlog.domain.log_entry_values import DETAILS, Change, Entry, entry_key, entry_reference
from sitlog.domain.partial_date import Precision
from sitlog.domain.text import required


def entry_id(on: date, source: str, text: str, precision: Precision = Precision.DAY) -> UUID:
    """The id of the entry of ``source`` dated ``on`` whose text was first added as ``text``."""
    return natural_id("entry", entry_key(on, source, text, precision))


class LogEntry(Aggregate):
    # -- events: what the log stores (their names are stored topics: never rename them) ---

    class Event(Aggregate.Event):
        """Every event of a log entry."""

    class Added(Aggregate.Created, Event):
        entry: Entry

    class Corrected(Event):
        """The entry as corrected, the fields that changed, and why."""

        entry: Entry
        changes: tuple[Change, ...]
        reason: str

    class Retracted(Event):
        reason: str

    @staticmethod
    def create_id(entry: Entry) -> UUID:
        return entry_id(entry.on, entry.source.name, entry.text, entry.on_precision)

    @event(Added)
    def __init__(self, entry: Entry, operator: str) -> None:
        self.added = self.entry = entry
        self.retraction: str | None = None  # the reason, once retracted

    @classmethod
    def add(cls, entry: Entry, operator: str) -> "LogEntry":
        return cls(entry=entry, operator=operator)

    @property
    def reference(self) -> str:
        return entry_reference(self.id)

    def confirm_repeat(self, repeat: "LogEntry") -> None:
        """The same date, source and text again: a no-op when what it says agrees with the entry as
        added or as it stands (details left out say nothing); refused when it would change it."""
        if self.retraction is not None:
            raise RuleViolation(
                f"entry {self.reference} (the same date, source and text) was retracted "
                f"({self.retraction}); a retracted entry is not added again"
            )
        given = repeat.entry
        if given.agrees(self.added) or given.agrees(self.entry):
            return
        now, then = self.entry.described(), given.described()
        differ = [field for field in DETAILS if then[field] is not None and then[field] != now[field]]
        said = "; ".join(f"{field.replace('_', ' ')} {now[field] or 'none'}, not {then[field]}"
                         for field in differ)
        options = " ".join(given.option(field) for field in differ)
        command = f'sitlog entry correct {self.reference} {options} --reason "..."'
        raise WouldOverwrite(f"entry {self.reference} is already recorded with other details ({said}); "
                             f"nothing is overwritten: to change them use `{command}`")

    def correct(self, corrected: Entry, reason: str, operator: str) -> None:
        """Replace what the entry says with ``corrected`` (see ``Entry.changed``), saying why; nothing
        happens when nothing differs. Its identity, and so its reference, stay."""
        reason = required(reason, "reason", "why is it corrected? --reason ...")
        self._refuse_if_retracted("corrected")
        before, after = self.entry.described(), corrected.described()
        changes = tuple(Change(field=field, before=before[field], after=after[field])
                        for field in before if before[field] != after[field])
        if changes:
            self._corrected(entry=corrected, changes=changes, reason=reason, operator=operator)

    def retract(self, reason: str, operator: str) -> None:
        """Withdraw the entry (it stays in the log and in its history). The same retraction again is
        a no-op; another one is refused."""
        reason = required(reason, "reason", "why is it retracted? --reason ...")
        if self.retraction == reason:
            return
        self._refuse_if_retracted("retracted again")
        self._retracted(reason=reason, operator=operator)

    def _refuse_if_retracted(self, what: str) -> None:
        if self.retraction is not None:
            raise RuleViolation(
                f"entry {self.reference} was retracted ({self.retraction}); a retracted entry cannot "
                f"be {what}"
            )

    @event(Corrected)
    def _corrected(self, entry: Entry, changes: tuple[Change, ...], reason: str, operator: str) -> None:
        self.entry = entry

    @event(Retracted)
    def _retracted(self, reason: str, operator: str) -> None:
        self.retraction = reason
