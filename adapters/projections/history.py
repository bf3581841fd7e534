"""Every event as a row: who recorded what, and when (for ``show --history``)."""

import json
from typing import Any

from adapters.db import Tx, ts_text
from adapters.projections.base import Projection, aggregate_id
from adapters.projections.rows import NewRows

_BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "operator", "originator_topic"}


class HistoryProjection(Projection):
    name = "history"
    version = 2  # 2: data in the fields' declared order (was sorted by name)
    tables = ("event_history",)
    ddl = (
        "CREATE TABLE IF NOT EXISTS event_history ("
        "aggregate_id TEXT NOT NULL, version INTEGER NOT NULL, event TEXT NOT NULL, "
        "recorded_at TEXT NOT NULL, operator TEXT NOT NULL, data TEXT NOT NULL, "
        "PRIMARY KEY (aggregate_id, version))",
    )

    def __init__(self) -> None:
        # Not bitemporal: an event is recorded once, at its own record time.
        self._rows = NewRows("event_history", bitemporal=False)
        super().__init__([self._rows])

    def handlers(self) -> dict[type, Any]:
        return {}

    def apply(self, event: Any) -> None:
        self._rows.add(
            {
                "aggregate_id": aggregate_id(event),
                "version": event.originator_version,
                "event": type(event).__qualname__,
                "recorded_at": ts_text(event.timestamp),
                "operator": event.operator,
                # The event's fields in their declared order, serialised by pydantic's core.
                "data": event.model_dump_json(exclude=_BASE_FIELDS),
            }
        )


def history(tx: Tx, aggregate_id: Any) -> list[dict[str, Any]]:
    """The events of one aggregate in order, each with its record time and operator."""
    rows = tx.all(
        "SELECT version, event, recorded_at, operator, data FROM event_history "
        "WHERE aggregate_id = :id ORDER BY version",
        {"id": str(aggregate_id)},
    )
    return [{**row, "data": json.loads(row["data"])} for row in rows]
