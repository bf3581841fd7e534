"""The catch-up loop: read the log after each projection's position, apply a batch,
commit rows and positions in one transaction.

The library's ``ProjectionRunner`` needs ``subscribe()``, which its SQLite recorder
lacks; this pull loop works the same on both backends. Any number of workers (write
commands, ``projections run``, a catch-up's worker process) may run at once, and no event
is ever applied twice:

- PostgreSQL: a batch's transaction first takes a transaction-level advisory lock per
  projection (in name order, so two batches never deadlock), then reads the positions: a
  second worker of the same projections waits, on standby.
- SQLite has one writer at a time, and most of a batch's work is Python. A batch is read
  (each read a statement of its own, holding no snapshot) and computed outside any
  transaction, then written in a short write transaction that first checks the positions have
  not moved since they were read; a worker that lost the race drops its batch and reads again.
  So a batch being computed holds up neither the log's writers nor the workers of other
  projections, nor the checkpoints that keep the WAL short.
"""

import gc
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import resolve_topic

from adapters.db import Database, Tx
from adapters.errors import ProjectionStopped
from adapters.log_table import EVENTS_TABLE, POSITION
from adapters.projections import parallel
from adapters.projections.base import Projection

TRACKING_TABLE = "sitlog_projection_tracking"
VERSIONS_TABLE = "sitlog_projection_versions"
RUNNER_DDL = (
    f"CREATE TABLE IF NOT EXISTS {TRACKING_TABLE} "
    "(projection TEXT PRIMARY KEY, position BIGINT NOT NULL)",
    f"CREATE TABLE IF NOT EXISTS {VERSIONS_TABLE} "
    "(projection TEXT PRIMARY KEY, version INTEGER NOT NULL)",
)
# The advisory locks of a store's projection writers: one per schema and projection, so
# that stores sharing a database, and workers of different projections, never wait for
# each other.
_ADVISORY_LOCK_NAMESPACE = 0x5174
DEFAULT_BATCH = 1000


@dataclass(frozen=True)
class Lag:
    projection: str
    position: int
    head: int

    @property
    def lag(self) -> int:
        return max(self.head - self.position, 0)


@dataclass(frozen=True)
class _Batch:
    last: int  # the log position of its last event
    events: int  # events read from the log


class Runner:
    """Applies the log to projections. ``log`` is the eventsourcing application."""

    def __init__(self, db: Database, log: Any, projections: Sequence[Projection]) -> None:
        self.db = db
        self.log = log
        self.projections = list(projections)

    def only(self, names: Sequence[str]) -> "Runner":
        """A runner of some of these projections, on the same connections."""
        return Runner(self.db, self.log, [p for p in self.projections if p.name in names])

    def positions(self, tx: Tx) -> dict[str, int]:
        rows = tx.all(f"SELECT projection, position FROM {TRACKING_TABLE}")
        known = {row["projection"]: int(row["position"]) for row in rows}
        return {p.name: known.get(p.name, 0) for p in self.projections}

    def head(self) -> int:
        return self.log.recorder.max_notification_id() or 0

    def status(self) -> list[Lag]:
        head = self.head()
        with self.db.transaction(write=False) as tx:
            positions = self.positions(tx)
        return [Lag(name, position, head) for name, position in positions.items()]

    def catch_up(
        self,
        batch: int = DEFAULT_BATCH,
        progress: Callable[[int], None] | None = None,
        stop: Callable[[], bool] = lambda: False,
        workers: int | None = None,
    ) -> int:
        """Apply every event not yet applied; returns how many events of the log were processed.

        ``stop`` is checked between batches: a stop never leaves a batch half-applied.
        ``workers``: 1 runs every projection in this process; 2 runs groups of them in
        processes of their own (``parallel.py``); None (the default) chooses 2 when the read
        side is far enough behind for a second process to pay for its start.
        """
        if workers is None:
            workers = 2 if max(lag.lag for lag in self.status()) >= parallel.PARALLEL_FROM else 1
        if workers > 1 and all(parallel.groups(self)):
            return parallel.catch_up(self, batch, progress, stop)
        done = 0
        while not stop():
            applied = self._next_batch(batch)
            if applied is None:  # another worker applied these events first: read on from there
                continue
            if not applied:
                return done
            done += applied
            if progress:
                progress(applied)
        return done

    def follow(
        self,
        stop: Callable[[], bool],
        poll: float = 1.0,
        batch: int = DEFAULT_BATCH,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Keep the projections up to date until ``stop()``; returns events applied.

        On PostgreSQL it wakes on the NOTIFY the library sends after each insert,
        and also polls every ``poll`` seconds, because a lost notification must not
        stall a follower (eventsourcing issue #305).
        """
        done = 0
        channel = getattr(self.log.recorder, "channel_name", "")
        while not stop():
            done += self.catch_up(batch, progress, stop)
            if not stop():
                self.db.wait_for_notification(channel, poll)
        return done

    def stale(self) -> list[str]:
        """Projections whose tables were built by another version of their code."""
        with self.db.transaction(write=False) as tx:
            rows = tx.all(f"SELECT projection, version FROM {VERSIONS_TABLE}")
        built = {row["projection"]: int(row["version"]) for row in rows}
        return [p.name for p in self.projections if built.get(p.name) != p.version]

    def upgrade(self) -> list[str]:
        """Rebuild the stale projections from the log and record their versions."""
        stale = self.stale()
        if stale:
            self.rebuild(stale)
            with self.db.transaction() as tx:
                for projection in self.projections:
                    if projection.name in stale:
                        tx.execute(
                            f"INSERT INTO {VERSIONS_TABLE} (projection, version) VALUES (:name, :version) "
                            "ON CONFLICT (projection) DO UPDATE SET version = excluded.version",
                            {"name": projection.name, "version": projection.version},
                        )
        return stale

    def rebuild(self, names: Sequence[str] = (), batch: int = DEFAULT_BATCH) -> int:
        """Empty the chosen projections and replay the whole log into them.

        It all happens in one transaction: readers keep seeing the old tables
        (MVCC on PostgreSQL, WAL snapshots on SQLite) until the switch at commit.
        """
        chosen = [p for p in self.projections if not names or p.name in names]
        with self.db.transaction() as tx:
            self._lock(tx, chosen)
            positions = self.positions(tx)
            for projection in chosen:
                for table in projection.tables:
                    tx.execute(f"DELETE FROM {table}")
                # The one place a position goes back: its tables were just emptied with it.
                tx.execute(f"DELETE FROM {TRACKING_TABLE} WHERE projection = :name",
                           {"name": projection.name})
                positions[projection.name] = 0
            done = 0
            while read := self._batch(tx, positions, chosen, batch):
                done += read.events
        return done

    def _batch(self, tx: Tx, positions: dict[str, int], projections: Sequence[Projection],
               batch: int) -> _Batch | None:
        """Read, apply and write the next batch in one transaction."""
        with _without_cycle_collection():
            read = self._read(tx, positions, projections, batch)
            if read:
                self._write(tx, positions, projections, read)
        return read

    def _next_batch(self, batch: int) -> int | None:
        """Apply the next batch; returns its events (0: none left), None if another worker won."""
        if self.db.dialect == "postgresql":
            with self.db.transaction() as tx:
                self._lock(tx, self.projections)
                read = self._batch(tx, self.positions(tx), self.projections, batch)
            return read.events if read else 0
        with _without_cycle_collection():
            with self.db.statements() as tx:
                positions = self.positions(tx)
                read = self._read(tx, positions, self.projections, batch)
            if not read:
                return 0
            with self.db.transaction() as tx:
                # Unmoved positions: no batch of these projections committed since they were read,
                # so nothing the batch read (their tables; the log is append-only) has changed.
                if self.positions(tx) != positions:
                    return None  # what the batch read is out of date: its rows are dropped unwritten
                self._write(tx, positions, self.projections, read)
        return read.events

    def _lock(self, tx: Tx, projections: Sequence[Projection]) -> None:
        if tx.dialect != "postgresql":
            return  # SQLite: the write transaction is the lock
        for name in sorted(p.name for p in projections):
            key = zlib.crc32(f"{self.db.config.schema}/{name}".encode()) & 0x7FFF_FFFF
            tx.execute(
                "SELECT pg_advisory_xact_lock(:namespace, :key)",
                {"namespace": _ADVISORY_LOCK_NAMESPACE, "key": key},
            )
        # The commit need not wait for the disk: the batch's rows and its position commit
        # together, so a batch lost in a crash is lost whole and applied again from the
        # log (which the event store writes durably). Exactly once either way.
        tx.execute("SET LOCAL synchronous_commit = off")

    def _read(self, tx: Tx, positions: dict[str, int], projections: Sequence[Projection],
              batch: int) -> _Batch | None:
        """Read the next batch of the log and apply it to the projections, in memory."""
        start = min(positions[p.name] for p in projections)
        rows = self._log_rows(tx, start, batch)
        if not rows:
            return None
        last = rows[-1][0]
        # Projections may stand at different positions (after a stop of a two-process catch-up,
        # or in a rebuild of some): one already at or past this batch's end has nothing in it.
        behind = [p for p in projections if positions[p.name] < last]
        events = self._decode(rows, behind)
        for projection in behind:
            position = positions[projection.name]
            # In a rebuild, projections that are not rebuilt have already seen these events.
            mine = [e for id_, e in events if id_ > position and isinstance(e, projection.events)]
            with _attributed(projection.name, position, last):
                projection.prepare(tx, mine)
                for item in mine:
                    projection.apply(item)
        return _Batch(last=last, events=len(rows))

    def _log_rows(self, tx: Tx, start: int, limit: int) -> list[tuple[Any, ...]]:
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

    def _decode(self, rows: Sequence[tuple[Any, ...]],
                projections: Sequence[Projection]) -> list[tuple[int, Any]]:
        """The position and event of every row that one of ``projections`` applies: a worker of
        some projections skips the others' events before anything is built for them."""
        to_event = self.log.mapper.to_domain_event
        applied = tuple(p.events for p in projections)
        wanted: dict[str, bool] = {}
        events = []
        for id_, originator_id, version, topic, state in rows:
            want = wanted.get(topic)
            if want is None:  # resolve_topic also knows the old topics of renamed classes
                want = wanted[topic] = issubclass(resolve_topic(topic), applied)
            if want:
                stored = StoredEvent(originator_id=originator_id, originator_version=version,
                                     topic=topic, state=state)
                events.append((id_, to_event(stored)))
        return events

    def _write(self, tx: Tx, positions: dict[str, int], projections: Sequence[Projection],
               read: _Batch) -> None:
        """Write what the projections computed for ``read``, and their new positions."""
        for projection in projections:
            if positions[projection.name] >= read.last:
                continue  # it was ahead of this batch: it applied nothing, and must not move back
            with _attributed(projection.name, positions[projection.name], read.last):
                projection.flush(tx)
            positions[projection.name] = read.last
            _advance(tx, projection.name, read.last)


@contextmanager
def _attributed(name: str, position: int, last: int) -> Iterator[None]:
    """What an operator needs when a projection fails: which one, where, why, and that the
    batch was rolled back (nothing half-applied; the log itself is intact)."""
    try:
        yield
    except Exception as error:
        events = f"event {last}" if last == position + 1 else f"events {position + 1} to {last}"
        raise ProjectionStopped(
            f"projection {name} cannot apply {events} of the log ({type(error).__name__}: {error}); "
            f"its tables stay at event {position}: fix the cause, then `sitlog projections catch-up`"
        ) from error


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
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


def _advance(tx: Tx, name: str, position: int) -> None:
    """Move a projection's position forward. Never back: a position that went back would have
    its projection apply the same events again (only a rebuild, emptying its tables, resets it)."""
    tx.execute(
        f"INSERT INTO {TRACKING_TABLE} (projection, position) VALUES (:name, :position) "
        f"ON CONFLICT (projection) DO UPDATE SET position = excluded.position "
        f"WHERE {TRACKING_TABLE}.position < excluded.position",
        {"name": name, "position": position},
    )
