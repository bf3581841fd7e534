"""The library's PostgreSQL recorder, chaining each event it inserts (``chain.py``) in the same
transaction, while it holds the events table's EXCLUSIVE lock: no other insert comes between
reading the last link and writing the next ones."""

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier
from sitlog.adapters.chain import CHAIN_TABLE, links


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events") -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        chain = SQL("{0}.{1}").format(Identifier(datastore.schema), Identifier(CHAIN_TABLE))
        self.last_link_statement = SQL("SELECT link FROM {0} ORDER BY position DESC LIMIT 1").format(chain)
        self.insert_links_statement = SQL(
            "INSERT INTO {0} (position, seal, link) VALUES (%s, %s, %s)").format(chain)

    def _fetch_ids_after_insert_events(self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent],
                                       **kwargs: Any) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if positions:
            curs.execute(self.last_link_statement)
            row = curs.fetchone()
            curs.executemany(self.insert_links_statement, list(links(
                bytes(row["link"]) if row else None, positions,
                ((e.originator_id, e.originator_version, e.topic, e.state) for e in stored_events))))
        return positions
