"""Appending many stored events to the log at once, for a copy of another log (``sitlog import
--kind sitlog-jsonl``): the library's recorder does the same, row by row.

The library inserts a batch on PostgreSQL as an array of a composite type, which psycopg writes as
text, escaping every byte of every state with regular expressions (~60 µs an event, more than
everything else the copy does), and on SQLite one statement per event, to return each event's
notification id (which a copy does not need). Here a batch is one ``COPY`` (binary) on PostgreSQL
and one ``executemany`` on SQLite, in a transaction that takes the library's own lock on the events
table first and sends its notification (``NOTIFY``) as its insert does: events get their positions
in commit order, as every insert's do, and followers of the log wake as they do after any insert.
Another writer's event at the same aggregate and version fails the batch as a whole, as
``RecordConflictError``. The batch is chained (``chain.py``) in the same transaction, still
holding the lock: its events are then the log's last ``len(events)``.
"""

import struct
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, StoredEvent
from sitlog.adapters.chain import CHAIN_TABLE, INSERT, LAST_LINK, links
from sitlog.domain.application import IncidentLog

Row = tuple[UUID, int, str, bytes]  # aggregate id, version, topic, stored state


def append(log: IncidentLog, events: Sequence[Row]) -> None:
    recorder: Any = log.recorder
    kind = backend(recorder)
    if kind == "eventsourcing.postgres":
        _postgres(recorder, events)
    elif kind == "eventsourcing.sqlite":
        _sqlite(recorder, events)
    else:  # another library backend: its own way
        recorder.insert_events([StoredEvent(originator_id=i, originator_version=v, topic=t, state=s)
                                for i, v, t, s in events])


def backend(recorder: Any) -> str | None:
    """The library's backend module a recorder is a recorder of, by its class or a base class: sitlog's
    own recorders (``chained_postgres``, ``chained_sqlite``) are subclasses of the library's, and the
    bulk path must know them as what they are (going by the class's own module, it took every copy
    down the library's row-by-row path)."""
    for cls in type(recorder).__mro__:
        if cls.__module__ in ("eventsourcing.postgres", "eventsourcing.sqlite"):
            return cls.__module__
    return None


def _postgres(recorder: Any, events: Sequence[Row]) -> None:
    import psycopg
    from psycopg.rows import tuple_row
    from psycopg.sql import SQL, Identifier

    schema, name = recorder.datastore.schema, recorder.events_table_name
    table = SQL("{0}.{1}").format(Identifier(schema), Identifier(name))
    try:
        with recorder.datastore.get_connection() as conn, conn.transaction(), \
                conn.cursor(row_factory=tuple_row) as cursor:
            for lock in recorder.lock_table_statements:  # EXCLUSIVE: positions in commit order
                cursor.execute(lock)
            cursor.execute(SQL("NOTIFY {0}").format(Identifier(recorder.channel_name)))
            columns = SQL("COPY {0} (originator_id, originator_version, topic, state) FROM STDIN "
                          "(FORMAT BINARY)").format(table)
            with cursor.copy(columns) as copy:
                copy.write(_binary(_event_row(*event) for event in events))
            cursor.execute(SQL("SELECT notification_id FROM {0} ORDER BY notification_id DESC LIMIT %s")
                           .format(table), (len(events),))
            positions = [row[0] for row in reversed(cursor.fetchall())]
            chain = SQL("{0}.{1}").format(Identifier(schema), Identifier(CHAIN_TABLE))
            cursor.execute(SQL("SELECT link FROM {0} ORDER BY position DESC LIMIT 1").format(chain))
            last = cursor.fetchone()
            with cursor.copy(SQL("COPY {0} (position, seal, link) FROM STDIN (FORMAT BINARY)")
                             .format(chain)) as copy:
                copy.write(_binary(_LINK_ROW.pack(3, 8, position, 32, sealed, 32, link)
                                   for position, sealed, link in links(bytes(last[0]) if last else None,
                                                                       positions, events)))
    except psycopg.errors.UniqueViolation as e:
        raise IntegrityError(str(e)) from e


# PostgreSQL's binary COPY format, written here: psycopg's write_row spends some 5 µs a row in Python
# finding and calling a dumper for each value, more than the rest of the append. A row is its count
# of fields, then each field's length and bytes; the library's columns are uuid, bigint, text and
# bytea; the chain's bigint and two 32-byte digests.
_SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # no flags, no header extension
_TRAILER = b"\xff\xff"
_EVENT_HEAD = struct.Struct(">hi16siqi")
_LINK_ROW = struct.Struct(">hiqi32si32s")


def _event_row(originator_id: UUID, version: int, topic: str, state: bytes) -> bytes:
    encoded = topic.encode()
    return b"".join((_EVENT_HEAD.pack(4, 16, originator_id.bytes, 8, version, len(encoded)), encoded,
                     len(state).to_bytes(4, "big"), state))


def _binary(rows: Iterable[bytes]) -> bytes:
    return b"".join((_SIGNATURE, *rows, _TRAILER))


def _sqlite(recorder: Any, events: Sequence[Row]) -> None:
    import sqlite3

    rows = [(i.hex, v, t, s) for i, v, t, s in events]
    try:
        with recorder.datastore.transaction(commit=True) as cursor:
            cursor.executemany(recorder.insert_events_statement, rows)
            cursor.execute(f"SELECT rowid FROM {recorder.events_table_name} ORDER BY rowid DESC LIMIT ?",
                           (len(rows),))
            positions = [row[0] for row in reversed(cursor.fetchall())]
            cursor.execute(LAST_LINK)
            last = cursor.fetchone()
            cursor.executemany(INSERT, list(links(last[0] if last else None, positions, events)))
    except (sqlite3.IntegrityError, IntegrityError) as e:
        raise IntegrityError(str(e)) from e
