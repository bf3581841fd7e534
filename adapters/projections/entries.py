"""Read tables for log entries.

``log_entries`` holds one bitemporal row per entry (valid date: ``entry_date``): a correction
closes the current row and inserts the corrected one (status ``corrected``); a retraction closes
it and inserts a copy with status ``retracted``, so a read known at a moment before it sees the
entry as it stood, and a read after it sees it withdrawn. ``log_entry_changes`` holds one row per
correction (the fields changed, before and after, as JSON) or retraction, with its reason,
operator and record time. ``log_entry_counts`` counts the standing entries per category and day,
month, year and decade (bitemporal), so that "entries dated up to D" reads the decades before D's,
the years of its decade before its year, the months of its year and the days of its month,
however long the log.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sitlog.adapters.db import Row, Tx
from sitlog.adapters.projections import VERSIONS
from sitlog.adapters.projections.base import Handler, Projection, aggregate_id, json_text
from sitlog.adapters.projections.bitemporal import BITEMPORAL_COLUMNS, periods
from sitlog.adapters.projections.rows import CurrentRows, FactRows, equal, move_counts, pairs
from sitlog.domain.clock import KYIV
from sitlog.domain.log_entry import LogEntry
from sitlog.domain.log_entry_values import Entry, entry_reference
from sitlog.domain.text import folded

ENTRIES = "log_entries"
CHANGES = "log_entry_changes"
COUNTS = "log_entry_counts"
LEVELS = ("day", "month", "year")  # a count's period: YYYY-MM-DD, YYYY-MM or YYYY

_DDL = (
    f"CREATE TABLE IF NOT EXISTS {ENTRIES} (entry_id TEXT NOT NULL, reference TEXT NOT NULL, "
    "entry_date TEXT NOT NULL, entry_time TEXT, category TEXT NOT NULL, text TEXT NOT NULL, "
    "source TEXT NOT NULL, source_key TEXT NOT NULL, source_url TEXT, places TEXT NOT NULL, "
    f"reported_at TEXT, status TEXT NOT NULL, operator TEXT NOT NULL, date_precision TEXT, "
    f"{BITEMPORAL_COLUMNS})",
    f"CREATE INDEX IF NOT EXISTS {ENTRIES}_reference ON {ENTRIES} (reference)",
    f"CREATE INDEX IF NOT EXISTS {ENTRIES}_date ON {ENTRIES} (entry_date)",
    f"CREATE INDEX IF NOT EXISTS {ENTRIES}_key ON {ENTRIES} (entry_id, recorded_from)",
    f"CREATE TABLE IF NOT EXISTS {CHANGES} (entry_id TEXT NOT NULL, reference TEXT NOT NULL, "
    "version INTEGER NOT NULL, kind TEXT NOT NULL, changes TEXT NOT NULL, reason TEXT NOT NULL, "
    "operator TEXT NOT NULL, recorded_at TEXT NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {CHANGES}_key ON {CHANGES} (entry_id, version)",
    f"CREATE INDEX IF NOT EXISTS {CHANGES}_recorded ON {CHANGES} (recorded_at)",
    f"CREATE TABLE IF NOT EXISTS {COUNTS} (level TEXT NOT NULL, period TEXT NOT NULL, "
    f"category TEXT NOT NULL, entries INTEGER NOT NULL, {BITEMPORAL_COLUMNS})",
    f"CREATE INDEX IF NOT EXISTS {COUNTS}_key ON {COUNTS} (level, period, category, recorded_from)",
    # A year's row changes with every entry of that year: reads of the present, and the closing
    # of the current row, go through this index of current rows only.
    f"CREATE UNIQUE INDEX IF NOT EXISTS {COUNTS}_current ON {COUNTS} (level, period, category) "
    "WHERE recorded_to IS NULL",
)


class EntryProjection(Projection):
    name = "entries"
    events = LogEntry.Event
    tables = (ENTRIES, CHANGES, COUNTS)
    ddl = _DDL
    version = VERSIONS[name]
    added_columns = ((ENTRIES, "date_precision", "TEXT"),)

    def __init__(self) -> None:
        self._entries = CurrentRows(ENTRIES, ("entry_id",), lambda row: row["entry_id"], equal("entry_id"))
        self._changes = FactRows(CHANGES)
        self._counts = CurrentRows(COUNTS, ("level", "period", "category"),
                                   lambda row: (row["level"], row["period"]), pairs("level", "period"))
        super().__init__([self._entries, self._changes, self._counts])

    def handlers(self) -> dict[type, Handler]:
        return {
            LogEntry.Added: self._added,
            LogEntry.Corrected: self._corrected,
            LogEntry.Retracted: self._retracted,
        }

    def prepare(self, tx: Tx, events: Sequence[Any]) -> None:
        super().prepare(tx, events)
        mine = [e for e in events if isinstance(e, LogEntry.Event)]
        added = {aggregate_id(e) for e in mine if isinstance(e, LogEntry.Added)}
        for entry_id in added:  # an entry added in this batch has no stored rows
            self._entries.empty(entry_id)
        stored = {aggregate_id(e) for e in mine} - added
        self._entries.load(tx, stored)
        # The days whose counts the batch may change: every date it gives an entry, and the
        # stored dates of the entries it corrects or retracts.
        days = {e.entry.on.isoformat() for e in mine if isinstance(e, LogEntry.Added | LogEntry.Corrected)}
        days |= {row["entry_date"] for entry_id in stored for row in self._entries.rows(entry_id)}
        self._counts.load(tx, {part for day in days for part in periods(day)})

    def _added(self, e: LogEntry.Added) -> None:
        self._write(e, e.entry, "recorded")
        self._count(e.entry.on.isoformat(), e.entry.category.value, +1, e.timestamp)

    def _corrected(self, e: LogEntry.Corrected) -> None:
        before = self._current(e)
        self._write(e, e.entry, "corrected")
        after = (e.entry.on.isoformat(), e.entry.category.value)
        if (before["entry_date"], before["category"]) != after:
            self._count(before["entry_date"], before["category"], -1, e.timestamp)
            self._count(*after, +1, e.timestamp)
        self._change(e, "corrected", [change.model_dump() for change in e.changes], e.reason)

    def _retracted(self, e: LogEntry.Retracted) -> None:
        current = self._current(e)
        values = {k: v for k, v in current.items() if k not in ("entry_id", "recorded_from", "recorded_to")}
        self._entries.put(current["entry_id"], {"entry_id": current["entry_id"]},
                          {**values, "status": "retracted", "operator": e.operator}, e.timestamp)
        self._count(current["entry_date"], current["category"], -1, e.timestamp)
        self._change(e, "retracted", [], e.reason)

    def _write(self, e: LogEntry.Event, entry: Entry, status: str) -> None:
        entry_id = aggregate_id(e)
        published = entry.source.published_at
        self._entries.put(entry_id, {"entry_id": entry_id}, {
            "reference": entry_reference(e.originator_id), "entry_date": entry.on.isoformat(),
            "date_precision": entry.on_precision.value,
            "entry_time": entry.at.strftime("%H:%M") if entry.at else None,
            "category": entry.category.value, "text": entry.text, "source": entry.source.name,
            "source_key": folded(entry.source.name), "source_url": entry.source.url,
            "places": json_text(list(entry.places)),
            "reported_at": published.astimezone(KYIV).isoformat() if published else None,
            "status": status, "operator": e.operator,
        }, e.timestamp)

    def _current(self, e: LogEntry.Event) -> Row:
        entry_id = aggregate_id(e)
        row = self._entries.get(entry_id, {"entry_id": entry_id})
        assert row is not None, f"{ENTRIES}: entry {entry_id} has no current row"  # added before
        return row

    def _change(self, e: LogEntry.Event, kind: str, changes: list[dict[str, Any]], reason: str) -> None:
        self._changes.add({
            "entry_id": aggregate_id(e), "reference": entry_reference(e.originator_id),
            "version": e.originator_version, "kind": kind, "changes": json_text(changes), "reason": reason,
            "operator": e.operator}, e.timestamp)

    def _count(self, day: str, category: str, delta: int, at: datetime) -> None:
        move_counts(self._counts, day, {"category": category}, {"entries": delta}, at)
