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

import zlib
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sitlog.adapters.db import Database, Tx, connection_reason, is_outage
from sitlog.adapters.errors import ProjectionStopped, StoreUnavailable
from sitlog.adapters.log_table import EVENTS_TABLE, POSITION
from sitlog.adapters.projections import KNOWN, all_projections, follower, health, parallel
from sitlog.adapters.projections.base import Projection
from sitlog.adapters.projections.batch import (
    TRACKING_TABLE,
    read_batch,
    without_cycle_collection,
    write_batch,
)
from sitlog.domain.errors import InvalidInput, RuleViolation
from sitlog.domain.text import required
from sitlog.domain.text_limits import TEXT_MAX

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
# A catch-up or rebuild of at least this many events refreshes the planner's statistics (PostgreSQL).
ANALYZE_FROM = 10_000


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


class Runner:
    """Applies the log to projections. ``log`` is the eventsourcing application."""

    def __init__(self, db: Database, log: Any, projections: Sequence[Projection] | None = None) -> None:
        """``projections``: these; None: every one (``KNOWN``), imported when events first need
        applying (a command whose read side is at the log's head imports none, nor their domain)."""
        self.db = db
        self.log = log
        self._projections = None if projections is None else list(projections)
        # (name, version) of each: what the checks of every command need
        self.known = [(k.name, k.version) for k in KNOWN] if projections is None else \
            [(p.name, p.version) for p in projections]

    @property
    def projections(self) -> list[Projection]:
        if self._projections is None:
            self._projections = all_projections()
        return self._projections

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.known]

    def only(self, names: Sequence[str]) -> "Runner":
        """A runner of some of these projections, on the same connections."""
        return Runner(self.db, self.log, [p for p in self.projections if p.name in names])

    def positions(self, tx: Tx) -> dict[str, int]:
        rows = tx.all(f"SELECT projection, position FROM {TRACKING_TABLE}")
        return self.positions_of({row["projection"]: int(row["position"]) for row in rows})

    def positions_of(self, known: dict[str, int]) -> dict[str, int]:
        """Every projection's position, from the tracking table's rows (0: none yet)."""
        return {name: known.get(name, 0) for name in self.names}

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
            if self._at_head():
                return 0
            if workers is None:
                workers = 2 if max(lag.lag for lag in self.status()) >= parallel.PARALLEL_FROM else 1
            if workers > 1 and all(parallel.groups(self)):
                return parallel.catch_up(self, batch, progress, stop)  # each group analyzes its own
            done = self._catch_up_here(batch, progress, stop)
            if done >= ANALYZE_FROM:
                self._analyze()
            return done
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

    def _analyze(self) -> None:
        """Statistics of the tables just filled, for PostgreSQL's planner: autovacuum gets to them
        minutes later, and until then the planner guesses (the digest's corrections hashed every
        log entry, ~75 ms at 150,000 events and growing, instead of one index seek: 0.5 ms).
        SQLite's planner prefers the indexes without statistics."""
        if self.db.dialect != "postgresql":
            return
        tables = [table for projection in self.projections for table in projection.tables]
        if tables:
            with self.db.transaction() as tx:
                tx.execute(f"ANALYZE {', '.join(tables)}")

    def _at_head(self) -> bool:
        """Whether every projection stands at the log's head with nothing to settle: one read
        transaction, where a catch-up with nothing to do took four (every write command asks)."""
        with self.db.transaction(write=False) as tx:
            table, position = EVENTS_TABLE[tx.dialect], POSITION[tx.dialect]
            head = int(tx.scalar(f"SELECT MAX({position}) AS head FROM {table}") or 0)
            side = health.read_side(tx, TRACKING_TABLE, VERSIONS_TABLE)
        positions = self.positions_of(side.positions)
        return min(positions.values(), default=head) >= head and not (side.failures or side.rebuilds)

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
        names = set(self.names)
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
        return [name for name, version in self.known if built.get(name) != version]

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
            with self.db.transaction() as tx, without_cycle_collection():
                self._lock(tx, self.projections)
                positions = self.positions(tx)
                read = read_batch(tx, positions, self.projections, batch, self.log.mapper.event_of)
                if read:
                    write_batch(tx, positions, self.projections, read)
            return read.events if read else 0
        with without_cycle_collection():
            with self.db.statements() as tx:
                positions = self.positions(tx)
                read = read_batch(tx, positions, self.projections, batch, self.log.mapper.event_of)
            if not read:
                return 0
            with self.db.transaction() as tx:
                # Unmoved positions: no batch of these projections committed since they were read,
                # so nothing the batch read (their tables; the log is append-only) has changed.
                if self.positions(tx) != positions:
                    return None  # what the batch read is out of date: its rows are dropped unwritten
                write_batch(tx, positions, self.projections, read)
        return read.events

    def _lock(self, tx: Tx, projections: Sequence[Projection]) -> None:
        if tx.dialect != "postgresql":
            return  # SQLite: the write transaction is the lock
        keys = [zlib.crc32(f"{self.db.config.schema}/{name}".encode()) & 0x7FFF_FFFF
                for name in sorted(p.name for p in projections)]
        # One statement, one round trip for every lock (a statement per lock was a fifth of a
        # batch's round trips): a select list is evaluated left to right, so the locks are still
        # taken in name order. The commit need not wait for the disk (set_config, local to the
        # transaction): the batch's rows and its position commit together, so a batch lost in a
        # crash is lost whole and applied again from the log (which the event store writes
        # durably). Exactly once either way.
        locks = "".join(f", pg_advisory_xact_lock(:namespace, :key{i})" for i in range(len(keys)))
        tx.execute(f"SELECT set_config('synchronous_commit', 'off', true){locks}",
                   {"namespace": _ADVISORY_LOCK_NAMESPACE, **{f"key{i}": key for i, key in enumerate(keys)}})
