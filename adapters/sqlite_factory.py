"""The event store's SQLite factory: the library's, whose snapshots (``snapshots.py``) keep one row
per aggregate, the one last taken."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing import sqlite
from eventsourcing.persistence import StoredEvent


class SnapshotRecorder(sqlite.SQLiteAggregateRecorder):
    """The library's recorder of snapshots; inserting one deletes the aggregate's others (in the same
    transaction): only the latest is read, and one taken now from the log replaces any other, a
    snapshot passed over as unreadable included."""

    def _insert_events(self, c: sqlite.SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **kwargs: Any) -> Sequence[int] | None:
        super()._insert_events(c, stored_events, **kwargs)
        delete = f"DELETE FROM {self.events_table_name} WHERE originator_id = ? AND originator_version <> ?"
        c.executemany(delete, [(_hex(s.originator_id), s.originator_version) for s in stored_events])
        return None


class SQLiteFactory(sqlite.SQLiteFactory):
    aggregate_recorder_class = SnapshotRecorder


def _hex(originator_id: Any) -> Any:
    return originator_id.hex if isinstance(originator_id, UUID) else originator_id
