"""The library's PostgreSQL recorder, chaining each event it inserts (``chain.py``) in the same
transaction, while it holds the events table's EXCLUSIVE lock: no other insert comes between
reading the last link and writing the next ones."""

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import OperationalError, ProgrammingError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg import Cursor
from psycopg.errors import PipelineAborted
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

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        try:
            positions: Sequence[int] | None = super().insert_events(stored_events, **kwargs)
        except OperationalError as e:
            # The library writes in a pipeline: when psycopg has read a refusal before the
            # transaction's end, the end fails alone, with "pipeline aborted" and not the refusal
            # (seen under load, a reader role's write one time in four). Ask the one refusal an
            # operator can cause, so that they read it.
            if not isinstance(e.__cause__, PipelineAborted) or self._may_insert():
                raise
            raise ProgrammingError(f"permission denied for table {self.events_table_name}") from e
        return positions

    def _may_insert(self) -> bool:
        table = SQL("{0}.{1}").format(Identifier(self.datastore.schema), Identifier(self.events_table_name))
        with self.datastore.get_connection() as conn:
            row = conn.execute("SELECT has_table_privilege(%s, 'INSERT') AS may",
                               (table.as_string(conn),)).fetchone()
        return bool(row and row["may"])

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
