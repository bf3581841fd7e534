"""The catch-up loop: read the log after each projection's position, apply a batch,
commit rows and positions in one transaction.

The library's ``ProjectionRunner`` needs ``subscribe()``, which its SQLite recorder
lacks; this pull loop works the same on both backends. Concurrency: every batch
transaction first takes a lock (a PostgreSQL transaction-level advisory lock;
SQLite's write lock via BEGIN IMMEDIATE), then re-reads the positions, so two
workers can run side by side and no event is ever applied twice.
"""

import gc
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from adapters.db import Database, Tx
from adapters.errors import ProjectionStopped
from adapters.projections.base import Projection

TRACKING_TABLE = "sitlog_projection_tracking"
VERSIONS_TABLE = "sitlog_projection_versions"
RUNNER_DDL = (
    f"CREATE TABLE IF NOT EXISTS {TRACKING_TABLE} "
    "(projection TEXT PRIMARY KEY, position BIGINT NOT NULL)",
    f"CREATE TABLE IF NOT EXISTS {VERSIONS_TABLE} "
    "(projection TEXT PRIMARY KEY, version INTEGER NOT NULL)",
)
# The advisory lock of a store's projection writers: one per schema, so that
# stores sharing a database do not wait for each other.
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


class Runner:
    """Applies the log to projections. ``log`` is the eventsourcing application."""

    def __init__(self, db: Database, log: Any, projections: Sequence[Projection]) -> None:
        self.db = db
        self.log = log
        self.projections = list(projections)

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
    ) -> int:
        """Apply every event not yet applied; returns how many events were processed.

        ``stop`` is checked between batches: a stop never leaves a batch half-applied.
        """
        done = 0
        while not stop():
            with self.db.transaction() as tx:
                self._lock(tx)
                applied = self._apply_batch(tx, self.positions(tx), batch)
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
            self._lock(tx)
            positions = self.positions(tx)
            for projection in chosen:
                for table in projection.tables:
                    tx.execute(f"DELETE FROM {table}")
                positions[projection.name] = 0
            done = 0
            while applied := self._apply_batch(tx, positions, batch, only=chosen):
                done += applied
        return done

    def _lock(self, tx: Tx) -> None:
        if tx.dialect == "postgresql":
            key = zlib.crc32(self.db.config.schema.encode()) & 0x7FFF_FFFF
            tx.execute(
                "SELECT pg_advisory_xact_lock(:namespace, :key)",
                {"namespace": _ADVISORY_LOCK_NAMESPACE, "key": key},
            )
            # The commit need not wait for the disk: the batch's rows and its position commit
            # together, so a batch lost in a crash is lost whole and applied again from the
            # log (which the event store writes durably). Exactly once either way.
            tx.execute("SET LOCAL synchronous_commit = off")

    def _apply_batch(
        self,
        tx: Tx,
        positions: dict[str, int],
        batch: int,
        only: Sequence[Projection] | None = None,
    ) -> int:
        projections = only if only is not None else self.projections
        start = min(positions[p.name] for p in projections)
        notifications = self.log.recorder.select_notifications(
            start=start, limit=batch, inclusive_of_start=False
        )
        if not notifications:
            return 0
        with _without_cycle_collection():
            self._apply(tx, positions, projections, notifications)
        return len(notifications)

    def _apply(self, tx: Tx, positions: dict[str, int], projections: Sequence[Projection],
               notifications: Sequence[Any]) -> None:
        to_event = self.log.mapper.to_domain_event
        events = [(n.id, to_event(n)) for n in notifications]
        last = notifications[-1].id
        for projection in projections:
            position = positions[projection.name]
            # In a rebuild, projections that are not rebuilt have already seen these events.
            mine = [event for id_, event in events if id_ > position]
            try:
                projection.prepare(tx, mine)
                for event in mine:
                    projection.apply(event)
                projection.flush(tx)
            except Exception as e:
                raise _stopped(projection.name, position, last, e) from e
            positions[projection.name] = last
            _save_position(tx, projection.name, last)


def _stopped(name: str, position: int, last: int, error: Exception) -> ProjectionStopped:
    """What an operator needs when a projection fails: which one, where, why, and that the
    batch was rolled back (nothing half-applied; the log itself is intact)."""
    events = f"event {last}" if last == position + 1 else f"events {position + 1} to {last}"
    return ProjectionStopped(
        f"projection {name} cannot apply {events} of the log ({type(error).__name__}: {error}); "
        f"its tables stay at event {position}: fix the cause, then `sitlog projections catch-up`"
    )


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


def _save_position(tx: Tx, name: str, position: int) -> None:
    tx.execute(
        f"INSERT INTO {TRACKING_TABLE} (projection, position) VALUES (:name, :position) "
        "ON CONFLICT (projection) DO UPDATE SET position = excluded.position",
        {"name": name, "position": position},
    )
