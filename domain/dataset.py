"""A dataset imported from files (``sitlog import``): the keys of the rows its snapshots brought.

The reports themselves live in their own aggregates (attacks, estimates); this one remembers
which rows of the dataset the log holds, by each row's natural key, so that the import of a
newer snapshot can tell which rows are new and list those that have disappeared from it.
Nothing is deleted when a row disappears: it is noted here, and its reports stay as they are.
"""

from collections.abc import Iterable
from uuid import UUID

from eventsourcing.domain import event
from sitlog.domain.base import Aggregate
from sitlog.domain.ids import natural_id


class Dataset(Aggregate):
    """One dataset (named by its kind of file, e.g. ``missile-attacks-csv``), over its imports."""

    # -- events: what the log stores (their names are stored topics: never rename them) ---

    class Event(Aggregate.Event):
        """Every event of a dataset."""

    class Registered(Aggregate.Created, Event):
        kind: str

    class RowsImported(Event):
        file: str
        keys: tuple[str, ...]

    class RowsVanished(Event):
        file: str
        keys: tuple[str, ...]

    class LogCopied(Event):
        """Events of another sitlog log copied into this one (``--kind sitlog-jsonl``): how many,
        from which positions of the log exported; its record time is the moment of the copy."""

        file: str
        events: int
        first_position: int
        last_position: int

    @staticmethod
    def create_id(kind: str) -> UUID:
        return natural_id("dataset", kind)

    @event(Registered)
    def __init__(self, kind: str, operator: str) -> None:
        self.kind = kind
        self.keys: set[str] = set()

    # -- decisions ---------------------------------------------------------------------

    def imported(self, file: str, keys: Iterable[str], *, operator: str) -> None:
        """The rows of ``file`` with these keys are in the log (those not noted before are noted)."""
        new = tuple(dict.fromkeys(k for k in keys if k not in self.keys))
        if new:
            self._imported(file=file, keys=new, operator=operator)

    def vanished(self, file: str, present: set[str], *, operator: str) -> tuple[str, ...]:
        """The keys noted before that ``file`` (holding the keys ``present``) no longer has, noted
        as gone (their reports stay in the log); returns them, sorted."""
        gone = tuple(sorted(self.keys - present))
        if gone:
            self._vanished(file=file, keys=gone, operator=operator)
        return gone

    def copied(self, file: str, events: int, positions: tuple[int, int], *, operator: str) -> None:
        if events:
            self._copied(file=file, events=events, first_position=positions[0],
                         last_position=positions[1], operator=operator)

    # -- events: apply only ------------------------------------------------------------

    @event(RowsImported)
    def _imported(self, file: str, keys: tuple[str, ...], operator: str) -> None:
        self.keys.update(keys)

    @event(RowsVanished)
    def _vanished(self, file: str, keys: tuple[str, ...], operator: str) -> None:
        self.keys.difference_update(keys)

    @event(LogCopied)
    def _copied(self, file: str, events: int, first_position: int, last_position: int, operator: str) -> None:
        pass
