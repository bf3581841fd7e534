"""The library's SQLite recorder, chaining each event it inserts (``chain.py``) in the same
transaction: the insert has taken SQLite's write lock, so the last link read is the log's last."""

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor
from sitlog.adapters.chain import INSERT, LAST_LINK, links


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **kwargs: Any) -> Sequence[int] | None:
        positions = super()._insert_events(c, stored_events, **kwargs)
        if stored_events and positions:
            c.execute(LAST_LINK)
            row = c.fetchone()
            c.executemany(INSERT, list(links(
                row[0] if row else None, positions,
                ((e.originator_id, e.originator_version, e.topic, e.state) for e in stored_events))))
        return positions
