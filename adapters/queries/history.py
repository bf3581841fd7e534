"""An aggregate's events, for ``show --history``: read from the log itself.

The log's table is keyed by (aggregate, version), so one aggregate's events are an index
read, and no read table needs to copy the log (a copy cost the catch-up a row and a
serialisation per event). The events are read in the query's own transaction, up to the
position the aggregate's projection has applied: the history shows the same moment of the log
as the read tables beside it.
"""

from datetime import datetime
from typing import Any

from eventsourcing.persistence import StoredEvent
from sitlog.adapters.cipher import decrypt
from sitlog.adapters.db import Tx, ts_text
from sitlog.adapters.log_table import EVENTS_TABLE, POSITION, stored_id
from sitlog.adapters.mapper import JSONBytes, PydanticMapper
from sitlog.adapters.projections.batch import TRACKING_TABLE
from sitlog.adapters.read_models.common import HistoryEntry

_BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "operator", "originator_topic"}
_MAPPER = PydanticMapper(transcoder=JSONBytes())


def history(tx: Tx, aggregate_id: str, projection: str,
            known_at: datetime | None = None) -> list[HistoryEntry]:
    """The events of one aggregate in order, each with its record time and operator, as far as
    ``projection`` (the one that shows this aggregate) has applied the log, and up to
    ``known_at`` when given."""
    table, position = EVENTS_TABLE[tx.dialect], POSITION[tx.dialect]
    key = stored_id(tx.dialect, aggregate_id)
    rows = tx.all(
        f"SELECT originator_version, topic, state FROM {table} WHERE originator_id = :id "
        f"AND {position} <= (SELECT COALESCE(MAX(position), 0) FROM {TRACKING_TABLE} "
        "WHERE projection = :projection) ORDER BY originator_version",
        {"id": key, "projection": projection},
    )
    cutoff = ts_text(known_at) if known_at else None
    entries = (_entry(key, row) for row in rows)
    # Compared as stored (microseconds, UTC), as the read tables compare record times.
    return [e for e in entries if cutoff is None or ts_text(e.recorded_at) <= cutoff]


def _entry(key: Any, row: dict[str, Any]) -> HistoryEntry:
    event = _MAPPER.to_domain_event(StoredEvent(
        originator_id=key, originator_version=row["originator_version"], topic=row["topic"],
        state=decrypt(bytes(row["state"])),  # SITLOG_CIPHER_KEY (adapters/cipher.py)
    ))
    return HistoryEntry(
        version=event.originator_version,
        event=type(event).__qualname__,
        recorded_at=event.timestamp,
        operator=event.operator,
        # The event's fields in their declared order, as JSON values.
        data=event.model_dump(mode="json", exclude=_BASE_FIELDS),
    )
