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

Each projection applies the events after its own position, and a position only moves forward
(a rebuild, emptying its tables, is the one reset): projections may stand at different
positions, after a stopped two-process catch-up or a rebuild of some of them. A batch that
fails is rolled back whole; when it failed on writing, the catch-up narrows it down to the one
event, which it notes (``health.py``) for ``status`` and every read; an operator may set that
event aside (``skip``).
"""

import gc
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from eventsourcing.persistence import StoredEvent
from sitlog.adapters.db import Database, Tx, connection_reason, is_outage
from sitlog.adapters.errors import ProjectionStopped, StoreUnavailable
from sitlog.adapters.log_table import EVENTS_TABLE, POSITION
from sitlog.adapters.mapper import UnreadableEvent, event_class
from sitlog.adapters.projections import follower, health, parallel
from sitlog.adapters.projections.base import Projection
from sitlog.adapters.projections.stops import Attribution, Unreadable, stopped
from sitlog.domain.errors import InvalidInput, RuleViolation
from sitlog.domain.text import required
from sitlog.domain.text_limits import TEXT_MAX

TRACKING_TABLE = "sitlog_projection_tracking"
VERSIONS_TABLE = "sitlog_projection_versions"
RUNNER_DDL = (
    f"CREATE TABLE IF NOT EXISTS {TRACKING_TABLE} "
    "(projection TEXT PRIMARY KEY, position BIGINT NOT NULL)",
    f"CREATE TABLE IF NOT EXISTS {VERSIONS_TABLE} "
    "(projection TEXT PRIMARY KEY, version INTEGER NOT NULL)",
    *health.DDL,
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
class Health:
    """What stands in the read side's way (``health.py``)."""

    failures: list[health.Failure]
    rebuilds: list[health.Rebuild]
    skipped: list[health.Skipped]


@dataclass(frozen=True)
class _Batch:
    last: int  # the log position of its last event
    events: int  # events read from the log
    ids: list[int]  # the positions of the events read


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
        """The position of the log's last event (read on the read side's own connection, which
        a follower reopens after an outage)."""
        with self.db.transaction(write=False) as tx:
            table, position = EVENTS_TABLE[tx.dialect], POSITION[tx.dialect]
            return int(tx.scalar(f"SELECT MAX({position}) AS head FROM {table}") or 0)

    def status(self) -> list[Lag]:
        head = self.head()
        with self.db.transaction(write=False) as tx:
            positions = self.positions(tx)
        return [Lag(name, position, head) for name, position in positions.items()]

    def health(self) -> Health:
        with self.db.transaction(write=False) as tx:
            return Health(health.failures(tx), health.rebuilds(tx), health.skipped(tx))

    def skip(self, position: int, reason: str, operator: str) -> None:
        """Set the event at ``position`` aside: no projection applies it, now or in a rebuild.

        Only an event that no projection has applied yet: setting aside one already in some
        tables would leave them unlike a rebuild's."""
        reason = required(reason, "reason", "why the event is set aside")
        if len(reason) > TEXT_MAX:
            raise InvalidInput(f"reason: at most {TEXT_MAX:,} characters (got {len(reason):,})")
        with self.db.transaction() as tx:
            self._lock(tx, self.projections)
            table, column = EVENTS_TABLE[tx.dialect], POSITION[tx.dialect]
            if tx.one(f"SELECT 1 AS found FROM {table} WHERE {column} = :p", {"p": position}) is None:
                raise InvalidInput(f"position: there is no event {position} in the log")
            if position in health.skipped_between(tx, position - 1, position):
                raise RuleViolation(f"position: event {position} is already set aside")
            passed = [name for name, at in self.positions(tx).items() if at >= position]
            if passed:
                raise RuleViolation(
                    f"position: event {position} is already in the read tables of {', '.join(passed)}; "
                    "only an event not yet applied can be set aside")
            health.skip(tx, position, reason, operator, datetime.now(UTC))

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
        try:
            if workers is None:
                workers = 2 if max(lag.lag for lag in self.status()) >= parallel.PARALLEL_FROM else 1
            if workers > 1 and all(parallel.groups(self)):
                return parallel.catch_up(self, batch, progress, stop)
            return self._catch_up_here(batch, progress, stop)
        except Exception as error:
            if is_outage(error):
                raise StoreUnavailable(
                    f"the database went away during the catch-up ({connection_reason(error)}); nothing "
                    "was half-applied: run it again once the database is back") from None
            raise

    def _catch_up_here(self, batch: int, progress: Callable[[int], None] | None,
                       stop: Callable[[], bool]) -> int:
        done, size = 0, batch
        while not stop():
            try:
                applied = self._next_batch(size)
            except ProjectionStopped as stopped:
                if stopped.event is None and size > 1:
                    # Failed on writing a batch: narrow it down to the one event, applying those before.
                    size = max(1, size // 8)
                    continue
                self._note(stopped)
                raise
            if applied is None:  # another worker applied these events first: read on from there
                continue
            if not applied:
                self._settle()
                return done
            done += applied
            if progress:
                progress(applied)
        return done

    def _note(self, stopped: ProjectionStopped) -> None:
        """Keep where and why the projections stopped, for ``status`` and for every read."""
        if stopped.event is None:
            return
        # Best effort: the error itself is raised whatever happens here.
        with suppress(Exception), self.db.transaction() as tx:
            for name in stopped.projections:
                health.note_failure(tx, name, stopped.event, stopped.cause, datetime.now(UTC))

    def _settle(self) -> None:
        """At the head: forget the failures and rebuilds the projections have passed."""
        names = {p.name for p in self.projections}
        with self.db.transaction(write=False) as tx:
            noted = {f.projection for f in health.failures(tx)} | {r.projection for r in health.rebuilds(tx)}
        if noted & names:
            with self.db.transaction() as tx:
                health.settle(tx, self.positions(tx))

    def follow(self, stop: Callable[[], bool], poll: float = 1.0, batch: int = DEFAULT_BATCH,
               progress: Callable[[int], None] | None = None,
               say: Callable[[str], None] = lambda line: None) -> int:
        """Keep the projections up to date until ``stop()`` (``follower.py``); returns events applied."""
        return follower.follow(self, stop, poll, batch, progress, say)

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

    def rebuild(self, names: Sequence[str] = (), batch: int = DEFAULT_BATCH,
                progress: Callable[[int], None] | None = None,
                stop: Callable[[], bool] = lambda: False) -> int:
        """Empty the chosen projections and replay the whole log into them; returns the events read.

        The tables are emptied in one short transaction, then caught up batch by batch, as any
        catch-up: writers wait at most a batch (a rebuild in one transaction held SQLite's write
        lock, and PostgreSQL's projection locks, for all of it). Until it ends, reads warn that
        the tables are incomplete; a stopped rebuild goes on with the next catch-up.
        """
        chosen = [p for p in self.projections if not names or p.name in names]
        head = self.head()
        with self.db.transaction() as tx:
            self._lock(tx, chosen)
            for projection in chosen:
                for table in projection.tables:
                    tx.execute(f"DELETE FROM {table}")
                # The one place a position goes back: its tables were just emptied with it.
                tx.execute(f"DELETE FROM {TRACKING_TABLE} WHERE projection = :name",
                           {"name": projection.name})
                health.note_rebuild(tx, projection.name, head, datetime.now(UTC))
        return self.only([p.name for p in chosen]).catch_up(batch, progress, stop)

    def _next_batch(self, batch: int) -> int | None:
        """Apply the next batch; returns its events (0: none left), None if another worker won."""
        if self.db.dialect == "postgresql":
            with self.db.transaction() as tx, _without_cycle_collection():
                self._lock(tx, self.projections)
                positions = self.positions(tx)
                read = self._read(tx, positions, self.projections, batch)
                if read:
                    self._write(tx, positions, self.projections, read)
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
        ids = [row[0] for row in rows]
        last = ids[-1]
        # Projections may stand at different positions (after a stop of a two-process catch-up,
        # or in a rebuild of some): one already at or past this batch's end has nothing in it.
        behind = [p for p in projections if positions[p.name] < last]
        try:
            events = self._decode(rows, behind, health.skipped_between(tx, start, last))
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
        return _Batch(last=last, events=len(rows), ids=ids)

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

    def _decode(self, rows: Sequence[tuple[Any, ...]], projections: Sequence[Projection],
                skipped: frozenset[int]) -> list[tuple[int, Any]]:
        """The position and event of every row that one of ``projections`` applies: a worker of
        some projections skips the others' events before anything is built for them. Events
        set aside are left out; one that cannot be read stops the batch (``_Unreadable``)."""
        to_event = self.log.mapper.to_domain_event
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
                stored = StoredEvent(originator_id=originator_id, originator_version=version,
                                     topic=topic, state=state)
                try:
                    events.append((id_, to_event(stored)))
                except UnreadableEvent as e:
                    raise Unreadable(id_, str(e)) from None
        return events

    def _write(self, tx: Tx, positions: dict[str, int], projections: Sequence[Projection],
               read: _Batch) -> None:
        """Write what the projections computed for ``read``, and their new positions."""
        for projection in projections:
            if positions[projection.name] >= read.last:
                continue  # it was ahead of this batch: it applied nothing, and must not move back
            with Attribution(projection.name, positions[projection.name], read.ids):
                projection.flush(tx)
            positions[projection.name] = read.last
            _advance(tx, projection.name, read.last)


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
