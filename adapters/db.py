"""A small connection wrapper for the read side (projection tables and queries).

SQL is written once with ``:name`` placeholders and portable types; this
module adapts it to sqlite3 or psycopg. Dates and timestamps are stored as
fixed-width ISO text on both backends so that comparisons, ordering and
results are identical everywhere (timestamps always UTC, ``...Z``).
"""

import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from functools import lru_cache
from itertools import chain, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast

from sitlog.adapters.config import StoreConfig, default_store_path
from sitlog.adapters.errors import StoreUnavailable

if TYPE_CHECKING:  # each backend's driver is imported when a store of that kind is opened
    import sqlite3

_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")

# CPython's sqlite3 binds str, int and float directly, but sends every other value, None
# included, through its adapter protocol: a tuple built, a dict looked up, two attribute
# lookups that fail. That made NULLs (most read-table rows have several) the largest part of
# binding a row. A registered adapter is found by the first lookup; it returns None, which
# binds as NULL, as before. Process-wide, and the same for every connection (the library's too,
# opened after the read side's): registered when the first SQLite store is opened.

Row = dict[str, Any]

# Checkpoints of the read side (copying the WAL into the database file) every 10,000 pages
# instead of SQLite's 1,000: a batch dirties hundreds of pages, many of them again in the next
# batches, and a checkpoint per batch copied each of them every time (about a tenth of a
# catch-up). The WAL may grow to ~40 MB during a long catch-up; the last connection to close
# checkpoints it and deletes it.
CHECKPOINT_PAGES = 10_000


# Rows a multi-row INSERT takes (SQLite): fewer statements executed, beyond ~50 no faster. At most
# 999 parameters a statement, the limit of SQLite before 3.32.
ROWS_PER_INSERT = 50
SQLITE_PARAMETERS = 999


@lru_cache(maxsize=4096)  # a batch formats each event's timestamp many times
def ts_text(moment: datetime) -> str:
    """The stored form of a record time: UTC, microseconds, lexically ordered."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@lru_cache(maxsize=1024)
def _pyformat(sql: str) -> str:
    """``:name`` -> ``%(name)s`` (cached: projections run the same few statements per event)."""
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


class Tx:
    """One open transaction: execute statements, fetch rows as dicts."""

    def __init__(self, cursor: Any, dialect: str) -> None:
        self._cursor = cursor
        self.dialect = dialect

    def _sql(self, sql: str) -> str:
        return sql if self.dialect == "sqlite" else _pyformat(sql)

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        self._cursor.execute(self._sql(sql), params or {})

    def executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        # psycopg pipelines an executemany: one round trip, not one per row.
        if rows:
            self._cursor.executemany(self._sql(sql), rows)

    def insert_rows(self, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert many rows that share their columns: ``COPY`` on PostgreSQL."""
        if not rows:
            return
        columns = list(rows[0])
        values = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
        if self.dialect == "sqlite":
            # Positional parameters: sqlite3 looks every named one up by name, row after row. And
            # many rows a statement: each execution of one costs a reset, a halt and the GIL let
            # go and taken back around its step, as much again as binding a row (~15% of inserting).
            insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
            one = f"({', '.join('?' * len(columns))})"
            per = max(1, min(ROWS_PER_INSERT, SQLITE_PARAMETERS // len(columns)))
            whole = len(rows) // per * per
            if whole:
                flat, size = chain.from_iterable(map(values, islice(rows, whole))), per * len(columns)
                self._cursor.executemany(insert + ", ".join([one] * per),
                                         iter(lambda: tuple(islice(flat, size)), ()))
            if whole < len(rows):
                self._cursor.executemany(insert + one, map(values, islice(rows, whole, None)))
            return
        with self._cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(values(row))

    def all(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        self._cursor.execute(self._sql(sql), params or {})
        return [dict(row) for row in self._cursor.fetchall()]

    def tuples(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Rows as plain tuples, in the order of the selected columns (for many rows, fast:
        a cursor of its own, in the same transaction, without the dict rows of the others)."""
        connection = self._cursor.connection
        if self.dialect == "sqlite":
            cursor = connection.cursor()
            cursor.row_factory = None
        else:
            from psycopg.rows import tuple_row

            cursor = connection.cursor(row_factory=tuple_row)
        try:
            cursor.execute(self._sql(sql), params or {})
            rows: list[tuple[Any, ...]] = cursor.fetchall()
            return rows
        finally:
            cursor.close()

    def one(self, sql: str, params: Mapping[str, Any] | None = None) -> Row | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None


class Database:
    """The read side's own connection to the store's database."""

    def __init__(self, config: StoreConfig) -> None:
        self.config = config
        self.dialect = "postgresql" if config.is_postgres else "sqlite"
        self._conn = _connect(config)
        self._listening: set[str] = set()

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Tx]:
        if self.dialect == "sqlite":
            cursor = self._conn.cursor()
            # IMMEDIATE takes the write lock up front: projection batches never deadlock.
            cursor.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield Tx(cursor, self.dialect)
            except BaseException:
                self._conn.rollback()
                raise
            self._conn.commit()
        else:
            with self._conn.transaction(), self._conn.cursor() as cursor:
                yield Tx(cursor, self.dialect)

    @contextmanager
    def statements(self) -> Iterator[Tx]:
        """Statements outside any transaction, each reading the latest commit and holding no
        snapshot once done. For a reader whose reads are checked before they are used (SQLite's
        projection batches: a snapshot held through a long computation keeps every other
        process's checkpoint from restarting the WAL, which then grows without bound), or that
        needs one statement only (on PostgreSQL one round trip, where a transaction takes three)."""
        cursor = self._conn.cursor()
        try:
            yield Tx(cursor, self.dialect)
        finally:
            cursor.close()

    def read(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        with self.transaction(write=False) as tx:
            return tx.all(sql, params)

    def wait_for_notification(self, channel: str, timeout: float) -> bool:
        """Block until a NOTIFY on ``channel`` (PostgreSQL) or ``timeout`` seconds pass.

        Returns whether a notification arrived. SQLite has no notifications: it just waits.
        """
        if self.dialect == "sqlite":
            import time

            time.sleep(timeout)
            return False
        if channel not in self._listening:
            self._conn.execute(f'LISTEN "{channel}"')
            self._listening.add(channel)
        return any(True for _ in self._conn.notifies(timeout=timeout, stop_after=1))

    def reconnect(self) -> None:
        """A new connection, after the database went away (raises StoreUnavailable while it is away)."""
        conn = _connect(self.config)
        with suppress(Exception):  # the old connection is broken: nothing to close cleanly
            self._conn.close()
        self._conn, self._listening = conn, set()

    def close(self) -> None:
        self._conn.close()


# SQLite's errors of the store itself, as opposed to those of a statement (no such table, ...).
_SQLITE_OUTAGES = ("database is locked", "disk I/O error", "unable to open", "database or disk is full")


def is_outage(error: BaseException) -> bool:
    """Whether ``error`` is the database going away or refusing work, rather than a fault of the
    work asked of it: the same work succeeds once the database is back."""
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None and isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError)):
        return True
    sqlite3 = sys.modules.get("sqlite3")
    return (sqlite3 is not None and isinstance(error, sqlite3.OperationalError)
            and any(s in str(error) for s in _SQLITE_OUTAGES))


def _connect(config: StoreConfig) -> Any:
    return _connect_postgres(config) if config.is_postgres else _connect_sqlite(config)


def _connect_sqlite(config: StoreConfig) -> "sqlite3.Connection":
    import sqlite3

    sqlite3.register_adapter(type(None), cast(Callable[[None], None], {}.get))  # see the comment at the top
    assert config.path is not None
    folder = config.path.parent
    if not folder.is_dir():
        if folder != default_store_path().parent:
            raise StoreUnavailable(
                f"cannot open SQLite store at {config.path}: the directory {folder} does not exist "
                "(create it first, or give another path)"
            )
        folder.mkdir(parents=True, exist_ok=True)  # the default data directory is sitlog's to make
    try:
        conn = sqlite3.connect(config.path, isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        # Commits of the read side need not wait for the disk (WAL stays consistent): a batch
        # lost in a power cut is lost with its position, and applied again from the log.
        conn.execute("PRAGMA synchronous=NORMAL")
        # 64 MiB of page cache (the default is 2 MiB): a catch-up on a large store touches
        # index pages all over the read tables.
        conn.execute("PRAGMA cache_size=-65536")
        conn.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
    except (OSError, sqlite3.Error) as e:
        raise StoreUnavailable(f"cannot open SQLite store at {config.path}: {e}") from None
    conn.row_factory = sqlite3.Row
    return conn


def _connect_postgres(config: StoreConfig) -> Any:
    import psycopg
    from psycopg.rows import dict_row

    try:
        params: dict[str, Any] = config.connect_params
        conn = psycopg.connect(
            host=config.host,
            port=config.port,
            user=config.user,
            password=config.password or None,
            dbname=config.dbname,
            **params,
            autocommit=True,
            row_factory=dict_row,
        )
    except psycopg.OperationalError as e:
        raise StoreUnavailable(
            f"cannot connect to PostgreSQL at {config.location}: {connection_reason(e)}"
        ) from None
    conn.execute(f'SET search_path TO "{config.schema}"')
    return conn


def connection_reason(error: Exception) -> str:
    """The useful part of a driver's connection error, on one line."""
    text = str(error)
    for needle, reason in (
        ("Connection refused", "connection refused"),
        ("timeout expired", "timed out"),
        ("could not translate host name", "unknown host"),
        ("password authentication failed", "password authentication failed"),
    ):
        if needle in text:
            return reason
    match = re.search(r'FATAL:\s+(.*)', text)
    line = match.group(1) if match else text.strip().splitlines()[-1] if text.strip() else repr(error)
    return line.strip().rstrip(".")
