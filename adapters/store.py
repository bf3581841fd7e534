"""Opening the log: the eventsourcing application on SQLite or PostgreSQL, plus the
read side's connection and projections, and ``init`` (create or upgrade)."""

import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from functools import cached_property
from typing import IO, TYPE_CHECKING

from sitlog.adapters import chain
from sitlog.adapters.config import StoreConfig, default_operator, default_store_url, parse_store_url
from sitlog.adapters.db import Database, Tx
from sitlog.adapters.errors import StoreNotInitialised, StoreUnavailable
from sitlog.adapters.log_table import EVENTS_TABLE, POSITION, SNAPSHOTS_TABLE, SNAPSHOTS_VERSION
from sitlog.adapters.projections import RETIRED, health
from sitlog.adapters.projections.batch import TRACKING_TABLE
from sitlog.adapters.projections.runner import DEFAULT_BATCH, RUNNER_DDL, VERSIONS_TABLE, Runner
from sitlog.adapters.snapshots import SnapshottingLog
from sitlog.domain.errors import InvalidInput

if TYPE_CHECKING:
    from sitlog.adapters.importers import Importer
    from sitlog.adapters.read_models.store_info import StoreInfo
    from sitlog.adapters.read_models.verification import Verification
    from sitlog.adapters.reader import Reader

_SQLITE_EVENTS = EVENTS_TABLE["sqlite"]
_POSTGRES_EVENTS = EVENTS_TABLE["postgresql"]

_APPEND_ONLY = {
    "sqlite": (
        f"CREATE TRIGGER IF NOT EXISTS sitlog_no_update BEFORE UPDATE ON {_SQLITE_EVENTS} "
        "BEGIN SELECT RAISE(ABORT, 'sitlog events are append-only'); END",
        f"CREATE TRIGGER IF NOT EXISTS sitlog_no_delete BEFORE DELETE ON {_SQLITE_EVENTS} "
        "BEGIN SELECT RAISE(ABORT, 'sitlog events are append-only'); END",
    ),
    "postgresql": (
        "CREATE OR REPLACE FUNCTION sitlog_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'sitlog events are append-only (% refused)', TG_OP; END $$",
        f"DROP TRIGGER IF EXISTS sitlog_append_only ON {_POSTGRES_EVENTS}",
        f"CREATE TRIGGER sitlog_append_only BEFORE UPDATE OR DELETE ON {_POSTGRES_EVENTS} "
        "FOR EACH ROW EXECUTE FUNCTION sitlog_refuse_change()",
        f"DROP TRIGGER IF EXISTS sitlog_no_truncate ON {_POSTGRES_EVENTS}",
        f"CREATE TRIGGER sitlog_no_truncate BEFORE TRUNCATE ON {_POSTGRES_EVENTS} "
        "FOR EACH STATEMENT EXECUTE FUNCTION sitlog_refuse_change()",
    ),
}


class Store:
    """An open store: ``log`` decides and records (the application facade), ``reader`` answers
    (the read facade), ``runner`` keeps the read side fresh."""

    def __init__(self, config: StoreConfig, operator: str, *, initialise: bool = False) -> None:
        self.config = config
        self.operator = operator
        # Where the reader's warnings about the read side go (a front end shows them its own way).
        self.on_read_warning: Callable[[str], None] = lambda message: None
        self.db = Database(config)
        try:
            if not initialise and not self._has_events_table():
                if config.is_postgres:
                    raise StoreNotInitialised(
                        f"no sitlog store at {config.masked_url}; run `sitlog init` first"
                    )
                initialise = True  # the embedded default is created on first use
            if initialise and config.is_postgres:
                with self.db.transaction() as tx:
                    # Only if missing: even IF NOT EXISTS takes CREATE on the database, which the
                    # schema's owner role (adapters/roles.py) need not have.
                    sql = "SELECT 1 AS found FROM pg_namespace WHERE nspname = :s"
                    if tx.one(sql, {"s": config.schema}) is None:
                        tx.execute(f'CREATE SCHEMA "{config.schema}"')
            self.log = SnapshottingLog(env=config.library_env(create_tables=initialise), operator=operator)
            self.runner = Runner(self.db, self.log)
            if initialise:
                self._create_read_side()
            elif stale := self.runner.stale() + self._missing():
                if config.is_postgres:
                    raise StoreNotInitialised(
                        f"the read tables at {config.masked_url} were built by an older sitlog "
                        f"({', '.join(stale)}); run `sitlog init` to upgrade them"
                    )
                self._create_read_side()  # the embedded store upgrades itself
        except BaseException:
            self.db.close()
            raise

    @cached_property
    def reader(self) -> "Reader":
        # Imported on first use: a write command needs neither the queries nor the read models.
        from sitlog.adapters.reader import Reader

        return Reader(self)

    @cached_property
    def importer(self) -> "Importer":
        """``sitlog import``: files into the log (adapters/importers)."""
        from sitlog.adapters.importers import Importer

        return Importer(self)

    def export(self, out: "IO[str]", *, since: int = 0,
               on_progress: Callable[[int, int], None] = lambda done, total: None) -> int:
        """``sitlog export``: every event after position ``since`` as JSON Lines (adapters/export.py)."""
        from sitlog.adapters.export import export

        return export(self, out, since=since, on_progress=on_progress)

    def verify(self, start: int = 1, head: str | None = None) -> "Verification":
        """``sitlog verify``: recompute the hash chain from ``start`` (adapters/verify.py); raises
        ``LogTampered`` at the first break."""
        from sitlog.adapters.read_models.verification import Verification
        from sitlog.adapters.verify import verify

        done = verify(self.db, start, head)
        return Verification(events=done.events, first=done.first, last=done.last, head=done.head.hex(),
                            head_found_at=done.head_at)

    @property
    def events_table(self) -> str:
        return EVENTS_TABLE[self.db.dialect]

    def _has_events_table(self) -> bool:
        with self.db.transaction(write=False) as tx:
            if tx.dialect == "sqlite":
                sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :t"
                return tx.one(sql, {"t": self.events_table}) is not None
            sql = "SELECT 1 FROM information_schema.tables WHERE table_schema = :s AND table_name = :t"
            return tx.one(sql, {"s": self.config.schema, "t": self.events_table}) is not None

    def _missing(self) -> list[str]:
        """What a store made by an older sitlog lacks: the hash chain, the snapshots table (one query)."""
        parts = {chain.CHAIN_VERSION[0]: "the hash chain", SNAPSHOTS_VERSION[0]: "the snapshots table"}
        with self.db.transaction(write=False) as tx:
            found = {row["projection"] for row in tx.all(
                f"SELECT projection FROM {VERSIONS_TABLE} WHERE projection IN (:chain, :snapshots)",
                {"chain": chain.CHAIN_VERSION[0], "snapshots": SNAPSHOTS_VERSION[0]})}
        return [text for name, text in parts.items() if name not in found]

    def drop_snapshots(self, tx: Tx) -> None:
        """Delete every snapshot (``sitlog init``, an upgrade): a cache, which the next commands on
        long aggregates take again from their events (adapters/snapshots.py)."""
        tx.execute(f"DELETE FROM {SNAPSHOTS_TABLE[tx.dialect]}")

    def _has_column(self, tx: Tx, table: str, column: str) -> bool:
        if tx.dialect == "sqlite":
            sql = "SELECT 1 FROM pragma_table_info(:t) WHERE name = :c"
            return tx.one(sql, {"t": table, "c": column}) is not None
        sql = ("SELECT 1 FROM information_schema.columns WHERE table_schema = :s AND table_name = :t "
               "AND column_name = :c")
        return tx.one(sql, {"s": self.config.schema, "t": table, "c": column}) is not None

    def _create_read_side(self) -> None:
        if self.log.snapshots is not None:  # the library's own table (an upgrade has none yet)
            self.log.snapshots.recorder.create_table()  # type: ignore[attr-defined]
        with self.db.transaction() as tx:
            for statement in _APPEND_ONLY[tx.dialect]:
                tx.execute(statement)
            for statement in RUNNER_DDL:
                tx.execute(statement)
            chain.create(tx, self.events_table, POSITION[tx.dialect], VERSIONS_TABLE)
            # Snapshots are a cache a writer could rewrite: an upgrade (or any `sitlog init`) drops
            # them, and the code of this release takes them again from the events.
            self.drop_snapshots(tx)
            tx.execute(f"INSERT INTO {VERSIONS_TABLE} (projection, version) VALUES (:name, :version) "
                       "ON CONFLICT (projection) DO NOTHING",
                       {"name": SNAPSHOTS_VERSION[0], "version": SNAPSHOTS_VERSION[1]})
            for projection in self.runner.projections:
                for statement in projection.ddl:
                    tx.execute(statement)
                for table, column, kind in projection.added_columns:
                    if not self._has_column(tx, table, column):
                        tx.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            for name, tables in RETIRED.items():
                for table in tables:
                    tx.execute(f"DROP TABLE IF EXISTS {table}")
                for bookkeeping in (TRACKING_TABLE, VERSIONS_TABLE):
                    tx.execute(f"DELETE FROM {bookkeeping} WHERE projection = :name", {"name": name})
        self.runner.upgrade()

    def settle_roles(self, create: bool = False) -> bool:
        """``sitlog init [--roles]`` on PostgreSQL: create the owner, writer and reader roles if asked,
        and when they exist give them the schema and their grants again (adapters/roles.py).
        Returns whether the store has its roles."""
        from sitlog.adapters import roles

        if not self.config.is_postgres:
            if create:
                raise InvalidInput("roles: only a PostgreSQL store has roles (an SQLite store is a file: "
                                   "its permissions are the file's)")
            return False
        with self.db.transaction() as tx:
            if create:
                roles.create(tx, self.config.schema)
            elif not roles.exist(tx, self.config.schema):
                return False
            roles.settle(tx, self.config.schema, self.events_table)
        return True

    def info(self) -> "StoreInfo":
        from sitlog.adapters.read_models.store_info import StoreInfo

        with self.db.transaction(write=False) as tx:
            count = tx.scalar(f"SELECT COUNT(*) AS n FROM {self.events_table}")
        return StoreInfo(kind=self.config.kind, url=self.config.masked_url, events=int(count or 0))

    def catch_up(self, batch: int | None = None, workers: int | None = None) -> int:
        """Apply every event not yet in the read tables; returns how many were processed."""
        return self.runner.catch_up(batch or DEFAULT_BATCH, workers=workers)

    @property
    def projection_names(self) -> list[str]:
        return self.runner.names

    def rebuild(self, names: Sequence[str] = (), batch: int | None = None) -> int:
        """Empty the named projections' tables (default: all) and apply the whole log again."""
        unknown = [name for name in names if name not in self.projection_names]
        if unknown:
            raise InvalidInput(f"projection: unknown projection {unknown[0]!r} "
                               f"(known: {', '.join(self.projection_names)})")
        return self.runner.rebuild(names, batch or DEFAULT_BATCH)

    def follow(self, stop: Callable[[], bool], poll: float, batch: int | None,
               progress: Callable[[int], None], say: Callable[[str], None]) -> int:
        """Keep the read tables up to date until ``stop()``; returns the events applied."""
        return self.runner.follow(stop, poll, batch or DEFAULT_BATCH, progress, say=say)

    def skip(self, position: int, reason: str) -> None:
        """Set aside the event at ``position``: no projection applies it, now or in a rebuild."""
        self.runner.skip(position, reason, self.operator)

    def read(self) -> AbstractContextManager[Tx]:
        """A read-only transaction: one consistent snapshot of the read tables."""
        return self.db.transaction(write=False)

    def read_side(self, tx: Tx) -> health.ReadSide:
        """What every read checks first (one round trip): see ``read_side_warnings``."""
        return health.read_side(tx, TRACKING_TABLE, VERSIONS_TABLE)

    def read_side_warnings(self, side: health.ReadSide) -> list[str]:
        """What a reader should know about the tables it reads: a projection stopped at an event,
        or a rebuild under way (or interrupted)."""
        positions = self.runner.positions_of(side.positions)
        stuck: dict[tuple[int, str], list[str]] = {}
        for failure in side.failures:
            stuck.setdefault((failure.event, failure.cause), []).append(failure.projection)
        warnings = [
            f"the read tables of {', '.join(names)} are stuck before event {event} of the log ({cause}): "
            "answers leave out what came after; see `sitlog projections status`"
            for (event, cause), names in stuck.items()
        ]
        warnings += [
            f"the read tables of {r.projection} are being rebuilt, or their rebuild was interrupted "
            f"(at event {positions.get(r.projection, 0)} of {r.target}): answers are incomplete until "
            "`sitlog projections catch-up` ends it"
            for r in side.rebuilds
        ]
        return warnings

    def close(self) -> None:
        try:
            self.log.close()
        finally:
            self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_store_at(url: str | None, operator: str | None, *, initialise: bool = False) -> Store:
    """The store at ``url`` (default: the embedded one in the user's data directory), recording as
    ``operator`` (default: the OS user)."""
    config = parse_store_url(url or default_store_url())
    return open_store(config, operator or default_operator(), initialise=initialise)


def open_store(config: StoreConfig, operator: str, *, initialise: bool = False) -> Store:
    try:
        return Store(config, operator, initialise=initialise)
    except StoreUnavailable:
        raise
    except Exception as e:
        message = describe_store_error(e)
        if message is None:
            raise
        raise StoreUnavailable(message) from None


def describe_store_error(error: BaseException) -> str | None:
    """One line for a failure of the database itself, or None if it is not one."""
    from eventsourcing.persistence import PersistenceError

    # A driver's error comes from a driver already imported: never import one to check.
    drivers = [sys.modules.get(name) for name in ("psycopg", "sqlite3")]
    driver_errors = tuple(driver.Error for driver in drivers if driver is not None)
    if isinstance(error, (PersistenceError, *driver_errors)):
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        return f"database error: {first_line}"
    return None
