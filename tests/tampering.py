"""What someone with the database's superuser (or an SQLite file and a shell) can do behind
sitlog's back: with the append-only triggers out of the way, change the stored events."""

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sitlog.adapters.config import parse_store_url
from sitlog.adapters.log_table import EVENTS_TABLE, POSITION


class Tamperer:
    def __init__(self, conn: Any, dialect: str) -> None:
        self.conn, self.dialect = conn, dialect
        self.table, self.position = EVENTS_TABLE[dialect], POSITION[dialect]
        self.mark = "?" if dialect == "sqlite" else "%s"

    def run(self, sql: str, *params: Any) -> list[Any]:
        cursor = self.conn.execute(sql.replace("?", self.mark), params)
        return cursor.fetchall() if cursor.description else []

    def alter(self, at: int) -> None:
        """Change one byte of the event's stored state (a space after its JSON)."""
        (state,) = self.run(f"SELECT state FROM {self.table} WHERE {self.position} = ?", at)[0]
        self.run(f"UPDATE {self.table} SET state = ? WHERE {self.position} = ?", bytes(state) + b" ", at)

    def delete(self, at: int) -> None:
        self.run(f"DELETE FROM {self.table} WHERE {self.position} = ?", at)

    def insert_like(self, at: int) -> None:
        """A copy of the event at ``at`` as the first event of a new aggregate, at the log's end."""
        topic, state = self.run(f"SELECT topic, state FROM {self.table} WHERE {self.position} = ?", at)[0]
        new = uuid.uuid4()
        self.run(f"INSERT INTO {self.table} (originator_id, originator_version, topic, state) "
                 "VALUES (?, 1, ?, ?)", new.hex if self.dialect == "sqlite" else new, topic, bytes(state))

    def swap(self, first: int, second: int) -> None:
        """Exchange the positions of two events."""
        for old, new in ((first, -1), (second, first), (-1, second)):
            self.run(f"UPDATE {self.table} SET {self.position} = ? WHERE {self.position} = ?", new, old)


@contextmanager
def tampering(url: str) -> Iterator[Tamperer]:
    config = parse_store_url(url)
    if not config.is_postgres:
        conn = sqlite3.connect(str(config.path), isolation_level=None)
        # SQLite has no superuser: whoever can write the file can drop the triggers.
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        try:
            yield Tamperer(conn, "sqlite")
        finally:
            conn.close()
        return
    import psycopg

    with psycopg.connect(host=config.host, port=config.port, user=config.user, dbname=config.dbname,
                         password=config.password or None, autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{config.schema}"')
        # A superuser's way past every trigger, without altering the table.
        conn.execute("SET session_replication_role = replica")
        yield Tamperer(conn, "postgresql")
