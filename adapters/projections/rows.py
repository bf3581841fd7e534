"""A batch's view of a read table: reads from memory, writes buffered, flushed set-based.

Statements per event (read the current row, close it, insert the next one) would make a
catch-up a string of round trips. Instead a projection loads, once per batch, the current
rows of every partition its events touch (one ``SELECT`` per table), applies the events to
them in memory, and writes the result with one statement per table for the rows it closed
and one bulk insert for the rows it created. Every intermediate version keeps its own
record-time interval, so the tables are exactly those one event per transaction would give.

A partition is a set of current rows that one query can load (an attack's rows, a day's
rows, a month's summaries). Reading a partition that was not loaded is a bug in the
projection, and fails loudly rather than answering "no row".
"""

from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import datetime
from operator import itemgetter
from typing import Any

from sitlog.adapters.db import Row, Tx, ts_text
from sitlog.adapters.projections.bitemporal import periods

Key = tuple[Any, ...]
# Selections (partition values) -> SQL condition and params selecting their rows.
Selector = Callable[[list[Any]], tuple[str, dict[str, Any]]]


def equal(column: str) -> Selector:
    """Selections that are the values of one column."""
    return lambda values: one_of(column, values)


def between(column: str, bounds: Callable[[Any], tuple[str, str]]) -> Selector:
    """Selections that are ranges of one column (a month of days, a year of months)."""

    def where(values: list[Any]) -> tuple[str, dict[str, Any]]:
        clauses, params = [], {}
        for i, value in enumerate(values):
            clauses.append(f"{column} BETWEEN :lo{i} AND :hi{i}")
            params[f"lo{i}"], params[f"hi{i}"] = bounds(value)
        return " OR ".join(clauses), params

    return where


def pairs(first: str, second: str) -> Selector:
    """Selections that are pairs of values of two columns."""

    def where(values: list[tuple[Any, Any]]) -> tuple[str, dict[str, Any]]:
        clauses = [f"({first} = :a{i} AND {second} = :b{i})" for i in range(len(values))]
        params = {f"{p}{i}": v for i, pair in enumerate(values) for p, v in zip("ab", pair, strict=True)}
        return " OR ".join(clauses), params

    return where


def one_of(column: str, values: Iterable[Any]) -> tuple[str, dict[str, Any]]:
    """``column IN (...)`` with one parameter per distinct value (never empty: ``1 = 0``)."""
    params = {f"v{i}": value for i, value in enumerate(dict.fromkeys(values))}
    if not params:
        return "1 = 0", {}
    return f"{column} IN ({', '.join(':' + name for name in params)})", params


# Selections per query: far below the parameter limits of SQLite (32,766) and PostgreSQL (65,535),
# however large a batch an operator asks for.
CHUNK = 500


def select(tx: Tx, query: str, selector: Selector, selections: Iterable[Any]) -> list[Row]:
    """The rows of ``query`` (whose ``{where}`` the selector fills) for every selection."""
    wanted = list(dict.fromkeys(selections))
    rows: list[Row] = []
    for start in range(0, len(wanted), CHUNK):
        where, params = selector(wanted[start:start + CHUNK])
        rows += tx.all(query.format(where=where), params)
    return rows


class NewRows:
    """Rows a batch only inserts (facts that are never replaced, each with its record time)."""

    def __init__(self, table: str) -> None:
        self.table = table
        self._rows: list[Row] = []

    def add(self, row: Row, at: datetime) -> None:
        self._rows.append({**row, "recorded_from": ts_text(at), "recorded_to": None})

    def clear(self) -> None:
        self._rows.clear()

    def flush(self, tx: Tx) -> None:
        tx.insert_rows(self.table, self._rows)
        self._rows.clear()


class FactRows(NewRows):
    """Rows that are facts of one moment (a correction, a retraction): their record time is
    ``recorded_at``, and they are never closed."""

    def add(self, row: Row, at: datetime) -> None:
        self._rows.append({**row, "recorded_at": ts_text(at)})


class CurrentRows(NewRows):
    """The current rows of a bitemporal table, by key, grouped in partitions.

    ``part_of(row)`` names a row's partition (what handlers read together: a day's
    figures, the days of an attacker). Partitions are loaded by *selection*
    (``selection(part)``: what one ``select`` condition reads, a month of days), so a
    partition with no rows is still known to be empty once its selection is loaded.
    """

    def __init__(
        self,
        table: str,
        key: tuple[str, ...],
        part_of: Callable[[Row], Hashable],
        select: Selector,
        selection: Callable[[Any], Hashable] = lambda part: part,
    ) -> None:
        super().__init__(table)
        self.key = key
        self._part_of = part_of
        # A row's key as a tuple, in the order of ``key`` (itemgetter of one column gives a scalar).
        self._key: Callable[[Row], Key] = itemgetter(*key) if len(key) > 1 else lambda row: (row[key[0]],)
        self._select = select
        self._selection = selection
        self._loaded: set[Hashable] = set()
        self._parts: dict[Hashable, dict[Key, Row]] = {}
        self._stored: set[Key] = set()  # keys whose current row was stored before the batch
        self._closed: list[Row] = []  # such rows, closed during the batch

    def load(self, tx: Tx, selections: Iterable[Hashable]) -> None:
        """Read the current rows of ``selections`` (those not loaded yet), one query in all."""
        wanted = [s for s in dict.fromkeys(selections) if s not in self._loaded]
        if not wanted:
            return
        self._loaded.update(wanted)
        query = f"SELECT * FROM {self.table} WHERE recorded_to IS NULL AND ({{where}})"
        for row in select(tx, query, self._select, wanted):
            key = self._key(row)
            self._parts.setdefault(self._part_of(row), {})[key] = row
            self._stored.add(key)

    def empty(self, selection: Hashable) -> None:
        """Declare that ``selection`` has no stored rows (its aggregate was created in this batch)."""
        self._loaded.add(selection)

    # The partition's rows looked up here first, ``_part`` called only for one not met yet: these
    # are called ~15 times an event, and a call more each was ~1% of a catch-up.
    def get(self, part: Hashable, key: Row) -> Row | None:
        rows = self._parts.get(part)
        return (self._part(part) if rows is None else rows).get(self._key(key))

    def find(self, part: Hashable, key: Key) -> Row | None:
        """``get`` by the key's values, in the order of ``self.key``."""
        rows = self._parts.get(part)
        return (self._part(part) if rows is None else rows).get(key)

    def rows(self, part: Hashable) -> Iterator[Row]:
        rows = self._parts.get(part)
        return iter((self._part(part) if rows is None else rows).values())

    def put(self, part: Hashable, key: Row, values: Row, at: datetime) -> None:
        """Make ``key`` + ``values`` the current row for ``key`` from ``at`` on."""
        rows = self._parts.get(part)
        if rows is None:
            rows = self._part(part)
        k, moment = self._key(key), ts_text(at)
        if k in rows:  # a call only when there is a row to end: a catch-up puts ~5 rows an event
            self._end(rows, k, moment)
        rows[k] = row = {**key, **values, "recorded_from": moment, "recorded_to": None}
        self._rows.append(row)

    def put_row(self, part: Hashable, key: Key, row: Row, moment: str) -> None:
        """``put`` for a caller that has the key already, and a row of its own to store (its key's
        columns and values; changed: its record time is set): the summaries put ~3 rows an event."""
        rows = self._parts.get(part)
        if rows is None:
            rows = self._part(part)
        if key in rows:
            self._end(rows, key, moment)
        row["recorded_from"], row["recorded_to"] = moment, None
        rows[key] = row
        self._rows.append(row)

    def close(self, part: Hashable, key: Row, at: datetime) -> None:
        """End the current row for ``key`` at record time ``at`` (if there is one)."""
        self._end(self._part(part), self._key(key), ts_text(at))

    def end(self, part: Hashable, key: Key, moment: str) -> None:
        """``close`` by the key's values, at a record time already in its stored form."""
        self._end(self._part(part), key, moment)

    def _end(self, rows: dict[Key, Row], key: Key, moment: str) -> None:
        row = rows.pop(key, None)
        if row is None:
            return
        # Clocks of different writers may disagree slightly; never end a row before it began.
        row["recorded_to"] = max(row["recorded_from"], moment)
        if key in self._stored:
            self._stored.discard(key)
            self._closed.append(row)

    def clear(self) -> None:
        super().clear()
        self._loaded.clear()
        self._parts.clear()
        self._stored.clear()
        self._closed.clear()

    def flush(self, tx: Tx) -> None:
        # Closes first: a table with a unique index on its current rows must never hold two.
        if self._closed:
            _close(tx, self.table, self.key, self._closed)
        super().flush(tx)
        self.clear()

    def _part(self, part: Hashable) -> dict[Key, Row]:
        rows = self._parts.get(part)
        if rows is None:
            if self._selection(part) not in self._loaded:
                raise AssertionError(f"{self.table}: partition {part!r} was not loaded for this batch")
            rows = self._parts[part] = {}
        return rows


def _close(tx: Tx, table: str, key: tuple[str, ...], rows: list[Row]) -> None:
    """Set ``recorded_to`` of these stored current rows (keys TEXT or INTEGER, times TEXT)."""
    if tx.dialect == "postgresql":
        # One statement for the whole batch, its rows passed as arrays, one per column (a number
        # in a key, such as a record's number, as a bigint array).
        columns = (*key, "recorded_to")
        kinds = {c: "bigint" if isinstance(rows[0][c], int) else "text" for c in columns}
        arrays = ", ".join(f":{c}::{kinds[c]}[]" for c in columns)
        tx.execute(
            f"UPDATE {table} AS t SET recorded_to = c.recorded_to FROM unnest({arrays}) "
            f"AS c({', '.join(columns)}) WHERE {' AND '.join(f't.{c} = c.{c}' for c in key)} "
            "AND t.recorded_to IS NULL",
            {c: [row[c] for row in rows] for c in columns},
        )
        return
    where = " AND ".join(f"{column} = :{column}" for column in key)
    tx.executemany(
        f"UPDATE {table} SET recorded_to = :recorded_to WHERE {where} AND recorded_to IS NULL",
        [{**{c: row[c] for c in key}, "recorded_to": row["recorded_to"]} for row in rows],
    )


def move_counts(counts: CurrentRows, day: str, kind: dict[str, str], deltas: dict[str, int],
                at: datetime) -> None:
    """Move the counts of ``kind`` on ``day``, in its month, year and decade (``periods``) by ``deltas``
    (a column's change each), from ``at`` on; a row whose counts all come to 0 is closed. The counts
    kept per period that make a count up to a date a few rows (entries, exchanges, rounds)."""
    for level, period in periods(day):
        key = {"level": level, "period": period, **kind}
        row = counts.get((level, period), key)
        counted = {column: (row[column] if row else 0) + delta for column, delta in deltas.items()}
        if any(counted.values()):
            counts.put((level, period), key, counted, at)
        else:
            counts.close((level, period), key, at)
