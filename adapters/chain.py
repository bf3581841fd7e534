"""Tamper evidence: every stored event chained by hash to the one before it, in the log's order.

The chain table holds, for each position of the log, two SHA-256 digests: the event's own
(``seal``: over its stored bytes, aggregate id, version, topic and state) and the link
(``link``: over the previous link and this seal). The head link therefore stands for the whole
log up to it: change, drop, insert or reorder any event before it and the links no longer add up.

The rows are written by the recorders themselves (``chained_sqlite.py``, ``chained_postgres.py``,
and ``log_append.py`` for bulk copies), in the transaction that inserts the events, while it
holds the events table's write lock: the chain's order is the log's. A person able to disable
the append-only triggers can rewrite the chain too; what betrays them then is a head link noted
earlier, outside the database (``sitlog verify --head``, each digest's footer).
"""

import hashlib
import struct
from collections.abc import Iterable, Iterator
from typing import Any
from uuid import UUID

CHAIN_TABLE = "sitlog_chain"
GENESIS = bytes(32)  # the link before the first event
# The row of the versions table that says the chain exists (and what its hashes mean).
CHAIN_VERSION = ("sitlog_chain", 1)

DDL = {
    "sqlite": (
        f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} "
        "(position INTEGER PRIMARY KEY, seal BLOB NOT NULL, link BLOB NOT NULL)",
        f"CREATE TRIGGER IF NOT EXISTS sitlog_chain_no_update BEFORE UPDATE ON {CHAIN_TABLE} "
        "BEGIN SELECT RAISE(ABORT, 'the sitlog chain is append-only'); END",
        f"CREATE TRIGGER IF NOT EXISTS sitlog_chain_no_delete BEFORE DELETE ON {CHAIN_TABLE} "
        "BEGIN SELECT RAISE(ABORT, 'the sitlog chain is append-only'); END",
    ),
    "postgresql": (
        f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} "
        "(position BIGINT PRIMARY KEY, seal BYTEA NOT NULL, link BYTEA NOT NULL)",
        # sitlog_refuse_change() is the events table's (store.py creates it first).
        f"DROP TRIGGER IF EXISTS sitlog_chain_append_only ON {CHAIN_TABLE}",
        f"CREATE TRIGGER sitlog_chain_append_only BEFORE UPDATE OR DELETE ON {CHAIN_TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION sitlog_refuse_change()",
        f"DROP TRIGGER IF EXISTS sitlog_chain_no_truncate ON {CHAIN_TABLE}",
        f"CREATE TRIGGER sitlog_chain_no_truncate BEFORE TRUNCATE ON {CHAIN_TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION sitlog_refuse_change()",
    ),
}

LAST_LINK = f"SELECT link FROM {CHAIN_TABLE} ORDER BY position DESC LIMIT 1"
INSERT = f"INSERT INTO {CHAIN_TABLE} (position, seal, link) VALUES (?, ?, ?)"  # qmark: sqlite3


def id_bytes(originator_id: Any) -> bytes:
    """An aggregate id's 16 bytes, as either backend returns it (a UUID, or 32 hex digits on SQLite),
    or as ``verify`` reads it (the bytes themselves)."""
    if isinstance(originator_id, bytes) and len(originator_id) == 16:
        return originator_id
    if isinstance(originator_id, UUID):
        return originator_id.bytes
    if isinstance(originator_id, str) and len(originator_id) == 32:
        return bytes.fromhex(originator_id)
    return UUID(str(originator_id)).bytes


_FRAME = struct.Struct(">16sq")  # aggregate id, version
_TOPICS: dict[str, bytes] = {}  # topic -> its length and bytes (a log has a few dozen topics)


def seal(originator_id: Any, version: int, topic: str, state: bytes) -> bytes:
    """The digest of one stored event: its fields, each framed, so no two events share bytes."""
    framed = _TOPICS.get(topic)
    if framed is None:
        if len(_TOPICS) >= 4096:  # bounded, whatever a log holds
            _TOPICS.clear()
        encoded = topic.encode()
        framed = _TOPICS[topic] = len(encoded).to_bytes(4, "big") + encoded
    return hashlib.sha256(_FRAME.pack(id_bytes(originator_id), version) + framed + state).digest()


def link(previous: bytes, sealed: bytes) -> bytes:
    return hashlib.sha256(previous + sealed).digest()


Event = tuple[Any, int, str, bytes]  # aggregate id, version, topic, stored state


def links(previous: bytes | None, positions: Iterable[int], events: Iterable[Event]
          ) -> Iterator[tuple[int, bytes, bytes]]:
    """The chain rows (position, seal, link) of ``events`` stored at ``positions``, after the link
    ``previous`` (None: the log's first events)."""
    last = previous or GENESIS
    for position, (originator_id, version, topic, state) in zip(positions, events, strict=True):
        sealed = seal(originator_id, version, topic, state)
        last = link(last, sealed)
        yield position, sealed, last


def create(tx: Any, events_table: str, position: str, versions_table: str) -> int:
    """Create the chain (``sitlog init``, or an embedded store's first opening by this version) and
    chain the events already in the log, if the chain is new; returns how many it chained.

    Only a new, empty chain takes in the events already there (those of a store from before it):
    an event found later without a link was put there behind sitlog's back, and ``verify`` says so.
    """
    for statement in DDL[tx.dialect]:
        tx.execute(statement)
    tx.execute(f"INSERT INTO {versions_table} (projection, version) VALUES (:name, :version) "
               "ON CONFLICT (projection) DO NOTHING",
               {"name": CHAIN_VERSION[0], "version": CHAIN_VERSION[1]})
    if tx.scalar(f"SELECT COUNT(*) AS n FROM (SELECT 1 FROM {CHAIN_TABLE} LIMIT 1) AS any_link"):
        return 0
    if tx.dialect == "postgresql":  # no writer may come between the last event read and the link
        tx.execute(f"LOCK TABLE {events_table} IN EXCLUSIVE MODE")
    chained, after, previous = 0, 0, None
    while True:
        rows = tx.tuples(f"SELECT {position}, originator_id, originator_version, topic, state "
                         f"FROM {events_table} WHERE {position} > :after ORDER BY {position} LIMIT 5000",
                         {"after": after})
        if not rows:
            return chained
        new = list(links(previous, [row[0] for row in rows], [row[1:] for row in rows]))
        tx.insert_rows(CHAIN_TABLE, [{"position": p, "seal": s, "link": ln} for p, s, ln in new])
        chained, after, previous = chained + len(new), rows[-1][0], new[-1][2]
