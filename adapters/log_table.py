"""The library's table of stored events, where sitlog's own SQL reads the log: the catch-up
(``projections/runner.py``), an aggregate's history (``queries/history.py``), and the
append-only triggers and the count of events (``store.py``)."""

from typing import Any
from uuid import UUID

from sitlog.domain.application import IncidentLog

EVENTS_TABLE = {"sqlite": "stored_events", "postgresql": f"{IncidentLog.name}_events"}
# The log's order: the library's notification ids (SQLite's rowid).
POSITION = {"sqlite": "rowid", "postgresql": "notification_id"}


def stored_id(dialect: str, aggregate_id: str) -> Any:
    """An aggregate id as the library's column holds it: 32 hex digits on SQLite, a UUID on PostgreSQL."""
    uuid = UUID(aggregate_id)
    return uuid.hex if dialect == "sqlite" else uuid

