"""The library's table of stored events, where sitlog's own SQL reads the log: the catch-up
(``projections/runner.py``), an aggregate's history (``queries/history.py``), and the
append-only triggers and the count of events (``store.py``)."""

from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

from sitlog.domain.application import IncidentLog

EVENTS_TABLE = {"sqlite": "stored_events", "postgresql": f"{IncidentLog.name}_events"}
# The snapshots of aggregates whose histories grow long (``snapshots.py``): a cache, not the log.
SNAPSHOTS_TABLE = {"sqlite": "stored_snapshots", "postgresql": f"{IncidentLog.name}_snapshots"}
# The row of the versions table that says the store has its snapshots table (``sitlog init`` made it).
SNAPSHOTS_VERSION = ("sitlog_snapshots", 1)
# The log's order: the library's notification ids (SQLite's rowid).
POSITION = {"sqlite": "rowid", "postgresql": "notification_id"}


def stored_id(dialect: str, aggregate_id: str) -> Any:
    """An aggregate id as the library's column holds it: 32 hex digits on SQLite, a UUID on PostgreSQL."""
    uuid = UUID(aggregate_id)
    return uuid.hex if dialect == "sqlite" else uuid



def among(dialect: str, ids: Sequence[UUID]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``originator_id`` among ``ids``, as (condition, parameters): one array on PostgreSQL, lists of
    500 on SQLite (which has no arrays, and a bound on the parameters of a statement)."""
    if dialect == "postgresql":
        if ids:
            yield "originator_id = ANY(:ids)", {"ids": list(ids)}
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        yield f"originator_id IN ({marks})", {f"i{n}": i.hex for n, i in enumerate(chunk)}
