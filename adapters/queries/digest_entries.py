"""The digest's log entries: those dated on the day, as they stand (retracted ones left out), from
``log_entries`` (bitemporal, kept by the log entries' projection)."""

import json
from datetime import date, datetime

from sitlog.adapters.db import Tx
from sitlog.adapters.projections.bitemporal import known_at_clause
from sitlog.adapters.read_models.common import SourceRef
from sitlog.adapters.read_models.digest_parts import LogEntryItem


def entries_of_the_day(tx: Tx, day: date, known_at: datetime | None) -> list[LogEntryItem]:
    """By time of day (entries without a time first), then record time."""
    clause, params = known_at_clause(known_at)
    rows = tx.all(
        "SELECT reference, entry_date, entry_time, category, text, source, source_url, places, status, "
        f"operator, recorded_from FROM log_entries WHERE entry_date = :day AND status <> 'retracted' "
        f"AND {clause} ORDER BY entry_time IS NOT NULL, entry_time, recorded_from, reference",
        {**params, "day": day.isoformat()})
    return [LogEntryItem(
        reference=r["reference"], date=r["entry_date"], time=r["entry_time"], category=r["category"],
        text=r["text"], source=SourceRef(name=r["source"], url=r["source_url"]),
        places=json.loads(r["places"]), status=r["status"], recorded_at=r["recorded_from"],
        operator=r["operator"],
    ) for r in rows]
