"""The event store's PostgreSQL factory, with the libpq parameters of the store URL, and snapshots
that keep one row per aggregate.

eventsourcing 9.5 connects with host, port, user, password and database only; a managed
PostgreSQL needs more (``sslmode=require``, a root certificate, ...). This factory is the
library's own, and adds the URL's parameters (``SITLOG_PG_PARAMS``, JSON, set by
``StoreConfig.library_env``) to the keyword arguments of its connection pool, which opens lazily.
Its recorder of snapshots (``snapshots.py``) deletes an aggregate's other snapshots when it
inserts one, in the same transaction: only the latest is read, and one taken now from the log
replaces any other, a snapshot passed over as unreadable included.
"""

import json
from collections.abc import Sequence
from typing import Any

from eventsourcing import postgres
from eventsourcing.persistence import StoredEvent
from psycopg.sql import SQL, Identifier


class SnapshotRecorder(postgres.PostgresAggregateRecorder):
    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        if stored_events:
            delete = SQL("DELETE FROM {0}.{1} WHERE originator_id = %s AND originator_version <> %s").format(
                Identifier(self.datastore.schema), Identifier(self.events_table_name))
            with self.datastore.transaction(commit=True) as curs:
                self._insert_stored_events(curs, stored_events, **kwargs)
                curs.executemany(delete, [(s.originator_id, s.originator_version) for s in stored_events])
        return None


class PostgresFactory(postgres.PostgresFactory):
    aggregate_recorder_class = SnapshotRecorder

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        extra = json.loads(self.env.get("SITLOG_PG_PARAMS") or "{}")
        kwargs = self.datastore.pool.kwargs
        assert isinstance(kwargs, dict)  # the library passes a dict (eventsourcing/postgres.py)
        kwargs.update(extra)
