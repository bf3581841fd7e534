"""One batch of the catch-up: read the log after the projections' positions, decode what they
apply, apply it in memory, then write their rows and advance their positions (``runner.py``
decides the transactions and the locks around these steps)."""

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sitlog.adapters.db import Tx
from sitlog.adapters.log_table import EVENTS_TABLE, POSITION
from sitlog.adapters.mapper import UnreadableEvent, event_class
from sitlog.adapters.projections import health
from sitlog.adapters.projections.base import Projection
from sitlog.adapters.projections.stops import Attribution, Unreadable, stopped

TRACKING_TABLE = "sitlog_projection_tracking"


@dataclass(frozen=True)
class Batch:
    last: int  # the log position of its last event
    events: int  # events read from the log
    ids: list[int]  # the positions of the events read


# A stored event's columns (topic, originator id, version, state) -> its domain event.
ToEvent = Callable[[str, Any, int, bytes], Any]


def read_batch(tx: Tx, positions: dict[str, int], projections: Sequence[Projection], batch: int,
               to_event: ToEvent) -> Batch | None:
        """Read the next batch of the log and apply it to the projections, in memory."""
        start = min(positions[p.name] for p in projections)
        rows = _log_rows(tx, start, batch)
        if not rows:
            return None
        ids = [row[0] for row in rows]
        last = ids[-1]
        # Projections may stand at different positions (after a stop of a two-process catch-up,
        # or in a rebuild of some): one already at or past this batch's end has nothing in it.
        behind = [p for p in projections if positions[p.name] < last]
        try:
            events = _decode(rows, behind, health.skipped_between(tx, start, last), to_event)
        except Unreadable as unreadable:
            raise stopped(tuple(p.name for p in behind), None, unreadable.position, unreadable.position,
                           unreadable.cause, verb="read") from None
        for projection in behind:
            position = positions[projection.name]
            mine = [(id_, e) for id_, e in events if id_ > position and isinstance(e, projection.events)]
            with Attribution(projection.name, position, ids) as attribution:
                projection.prepare(tx, [e for _, e in mine])
                for id_, item in mine:
                    attribution.event = id_
                    projection.apply(item)
        return Batch(last=last, events=len(rows), ids=ids)

def _log_rows(tx: Tx, start: int, limit: int) -> list[tuple[Any, ...]]:
        """The stored events after ``start``, in the log's order: (position, originator id,
        version, topic, state). Read from the library's table with the batch's other reads, as
        plain tuples: the library's reader makes a Notification and a UUID of every event, and a
        worker of some projections skips most of them."""
        table, position = EVENTS_TABLE[tx.dialect], POSITION[tx.dialect]
        return tx.tuples(
            f"SELECT {position}, originator_id, originator_version, topic, state FROM {table} "
            f"WHERE {position} > :start ORDER BY {position} LIMIT :limit",
            {"start": start, "limit": limit},
        )

def _decode(rows: Sequence[tuple[Any, ...]], projections: Sequence[Projection], skipped: frozenset[int],
            to_event: ToEvent) -> list[tuple[int, Any]]:
        """The position and event of every row that one of ``projections`` applies: a worker of
        some projections skips the others' events before anything is built for them. Events
        set aside are left out; one that cannot be read stops the batch (``Unreadable``)."""
        applied = tuple(p.events for p in projections)
        wanted: dict[str, bool] = {}
        events = []
        for id_, originator_id, version, topic, state in rows:
            if id_ in skipped:
                continue
            want = wanted.get(topic)
            if want is None:
                try:
                    want = wanted[topic] = issubclass(event_class(topic), applied)
                except UnreadableEvent as e:  # whose it is, nobody can tell: it stops them all
                    raise Unreadable(id_, str(e)) from None
            if want:
                try:
                    events.append((id_, to_event(topic, originator_id, version, state)))
                except UnreadableEvent as e:
                    raise Unreadable(id_, str(e)) from None
        return events

def write_batch(tx: Tx, positions: dict[str, int], projections: Sequence[Projection], read: Batch) -> None:
        """Write what the projections computed for ``read``, and their new positions."""
        moved = []
        for projection in projections:
            if positions[projection.name] >= read.last:
                continue  # it was ahead of this batch: it applied nothing, and must not move back
            with Attribution(projection.name, positions[projection.name], read.ids):
                projection.flush(tx)
            moved.append(projection.name)
        _advance(tx, moved, read.last)
        for name in moved:
            positions[name] = read.last


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """A batch allocates many small objects (events, rows) that hold no reference cycles:
    reference counting frees them, and the cycle collector would only scan them again and
    again (about a tenth of a catch-up's time). It runs again as soon as the batch is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _advance(tx: Tx, names: Sequence[str], position: int) -> None:
    """Move these projections' positions forward, in one statement. Never back: a position that
    went back would have its projection apply the same events again (only a rebuild, emptying
    its tables, resets it)."""
    if not names:
        return
    values = ", ".join(f"(:name{i}, :position)" for i in range(len(names)))
    tx.execute(
        f"INSERT INTO {TRACKING_TABLE} (projection, position) VALUES {values} "
        f"ON CONFLICT (projection) DO UPDATE SET position = excluded.position "
        f"WHERE {TRACKING_TABLE}.position < excluded.position",
        {"position": position, **{f"name{i}": name for i, name in enumerate(names)}},
    )
