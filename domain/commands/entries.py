"""Use cases of log entries (see domain/application.py for execute/find).

Entries are named by their id here: the short reference an operator types (``e-3f9a1c02``) is a
prefix of it, which the read side resolves (``store.reader.entry_id``) before a correction or a
retraction. The entry's modules are imported when one of these runs: a command about another
aggregate never builds their classes.
"""

from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from uuid import UUID

from sitlog.domain.commands import new_or_same, on_recorded
from sitlog.domain.outcome import Outcome

if TYPE_CHECKING:
    from sitlog.domain.log_entry import LogEntry
    from sitlog.domain.log_entry_values import EntryCategory
    from sitlog.domain.partial_date import PartialDate


class EntryCommands:
    operator: str
    execute: Callable[..., bool]

    def add_entry(
        self, *, on: "date | PartialDate", category: "EntryCategory | str", text: str, source: str,
        at: time | None = None, places: tuple[str, ...] | list[str] = (), url: str | None = None,
        reported_at: datetime | None = None,
    ) -> Outcome:
        """Add a dated fact; the same date, source and text again (any case or spacing) is a no-op."""
        from sitlog.domain.log_entry import LogEntry
        from sitlog.domain.log_entry_values import Entry, EntryCategory
        from sitlog.domain.values import Source, web_address

        said_by = Source(name=source, url=web_address(url), published_at=reported_at)
        entry = Entry.of(on=on, at=at, category=EntryCategory.parse(category), text=text, source=said_by,
                         places=places)
        added = LogEntry.add(entry, operator=self.operator)
        changed = self.execute(added.id, new_or_same(added, LogEntry.confirm_repeat))
        same = f"entry {added.reference} is already recorded (the same date, source and text)"
        return Outcome(added.reference, changed, detail="" if changed else same)

    def correct_entry(
        self, entry_id: UUID, *, reason: str, on: "date | PartialDate | None" = None, at: time | None = None,
        category: "EntryCategory | str | None" = None, text: str | None = None,
        places: tuple[str, ...] | list[str] | None = None, url: str | None = None,
        reported_at: datetime | None = None,
    ) -> Outcome:
        """Change what an entry says, saying why; it keeps its reference."""
        from sitlog.domain.log_entry_values import EntryCategory
        from sitlog.domain.values import web_address

        kind = EntryCategory.parse(category) if category is not None else None
        address = web_address(url)

        def act(entry: "LogEntry") -> None:
            corrected = entry.entry.changed(on=on, at=at, category=kind, text=text, places=places,
                                            url=address, published_at=reported_at)
            entry.correct(corrected, reason, operator=self.operator)

        return self._on_entry(entry_id, act, "already says so")

    def retract_entry(self, entry_id: UUID, *, reason: str) -> Outcome:
        """Withdraw an entry, saying why (it stays in the log and in its history)."""
        return self._on_entry(entry_id, lambda e: e.retract(reason, operator=self.operator),
                              "is already retracted for this reason")

    def _on_entry(self, entry_id: UUID, act: "Callable[[LogEntry], None]", repeat: str) -> Outcome:
        from sitlog.domain.log_entry_values import entry_reference

        reference = entry_reference(entry_id)
        missing = f"entry {reference} not found (see `sitlog entry list`)"
        changed = self.execute(entry_id, on_recorded(act, missing))
        return Outcome(reference, changed, detail="" if changed else f"entry {reference} {repeat}")
