"""A negotiation's or an exchange's corrections and retractions, for its ``show``: the rows their
projections add to ``negotiation_changes`` / ``exchange_changes``, each a fact of its record time."""

import json
from datetime import datetime
from typing import Any

from sitlog.adapters.db import Tx, ts_text
from sitlog.adapters.read_models.common import FieldChange, RecordChange

_KEYS = {"negotiation_changes": "negotiation_id", "exchange_changes": "exchange_id"}


def record_changes(tx: Tx, table: str, aggregate_id: str, known_at: datetime | None) -> list[RecordChange]:
    """The changes of one negotiation or exchange, oldest first, as known at ``known_at``. A
    negotiation's records are named with their number (``round 2``); an exchange's steps by kind."""
    params: dict[str, Any] = {"id": aggregate_id}
    moment = ""
    if known_at is not None:
        moment, params["known_at"] = " AND recorded_at <= :known_at", ts_text(known_at)
    numbered = table == "negotiation_changes"
    return [RecordChange(
        kind=row["kind"], record=record_name(row, numbered),
        changes=[FieldChange(**change) for change in json.loads(row["changes"])], reason=row["reason"],
        recorded_at=row["recorded_at"], operator=row["operator"])
        for row in tx.all(f"SELECT record, item, kind, changes, reason, operator, recorded_at FROM {table} "
                          f"WHERE {_KEYS[table]} = :id{moment} ORDER BY recorded_at", params)]


def record_name(row: dict[str, Any], numbered: bool) -> str:
    """What a change changed, as `show` and the digest name it: a negotiation's record with its number
    (``round 2``; ``negotiation`` for the track itself), an exchange's step by its kind."""
    return f"{row['record']} {row['item']}" if numbered and row.get("item") else row["record"]
