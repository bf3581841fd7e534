"""``sitlog export``: every event of the log as JSON Lines, in the log's order, as a stream.

One line per event, whatever its type (the export knows no event class: it copies what the log
holds)::

    {"position": 7, "aggregate_id": "...", "aggregate_version": 2,
     "type": "sitlog.domain.attack:Attack.FiguresRecorded",
     "recorded_at": "2026-02-05T07:41:12.503118Z", "operator": "desk-1", "data": {...}}

``type`` is the stored topic, ``recorded_at`` and ``operator`` the event's record time and who
recorded it, and ``data`` the rest of its stored state, exactly as stored (an event of an older
class version keeps its ``class_version``, to be upcast when read). ``sitlog import --kind
sitlog-jsonl`` reads it back (``importers/sitlog_jsonl.py``). The log is read in pages of
``PAGE`` events, each in a short read transaction, up to the head it had when the export began.
"""

import json
from collections.abc import Callable, Iterator
from typing import IO, Any
from uuid import UUID

from sitlog.adapters.log_table import EVENTS_TABLE, POSITION
from sitlog.adapters.mapper import PydanticMapper
from sitlog.adapters.store import Store

PAGE = 5000
# The state's fields that the export lifts out of ``data``.
RECORD_FIELDS = ("timestamp", "operator")


def export(store: Store, out: IO[str], *, since: int = 0,
           on_progress: Callable[[int, int], None] = lambda done, total: None) -> int:
    """Write every event after position ``since`` to ``out``; returns how many."""
    head = store.runner.head()
    written = 0
    for line in lines(store, since, head):
        out.write(line)
        written += 1
        if written % PAGE == 0:
            on_progress(written, max(head - since, written))
    on_progress(written, written)
    return written


def lines(store: Store, since: int, head: int) -> Iterator[str]:
    """The JSON Lines of the events after ``since`` up to ``head``."""
    mapper = store.log.mapper
    assert isinstance(mapper, PydanticMapper)
    after = since
    while after < head:
        with store.read() as tx:
            table, position = EVENTS_TABLE[tx.dialect], POSITION[tx.dialect]
            rows = tx.tuples(
                f"SELECT {position}, originator_id, originator_version, topic, state FROM {table} "
                f"WHERE {position} > :after AND {position} <= :head ORDER BY {position} LIMIT :page",
                {"after": after, "head": head, "page": PAGE},
            )
        if not rows:
            return
        for number, originator_id, version, topic, state in rows:
            yield event_line(number, _uuid(originator_id), version, topic, _state(mapper, bytes(state)))
        after = rows[-1][0]


_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def event_line(position: int, aggregate_id: UUID, version: int, topic: str, state: dict[str, Any]) -> str:
    """One event's line: ``state`` is its stored state (its record time and operator lifted out)."""
    data = dict(state)
    recorded_at, operator = data.pop("timestamp", None), data.pop("operator", None)
    record = {"position": position, "aggregate_id": str(aggregate_id), "aggregate_version": version,
              "type": topic, "recorded_at": recorded_at, "operator": operator, "data": data}
    return _DUMPS(record) + "\n"


def _state(mapper: PydanticMapper, data: bytes) -> dict[str, Any]:
    if mapper.cipher:
        data = mapper.cipher.decrypt(data)
    if mapper.compressor:
        data = mapper.compressor.decompress(data)
    state: dict[str, Any] = json.loads(data)
    return state


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))
