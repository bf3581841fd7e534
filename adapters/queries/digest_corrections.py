"""The digest's corrections and retractions: those *recorded* on the day (record time, from
midnight to midnight in Kyiv, and up to the moment the digest shows), of attacks, estimates,
log entries, negotiations and exchanges: what changed, from what to what, by whom, why.

A correction stays a fact of its day even once a later one has superseded it: these reads look at
when a row was recorded, not at whether it is still current. Each table is read on an index on
its record time.
"""

import json
from datetime import date, datetime, time, timedelta
from typing import Any

from sitlog.adapters.db import Row, Tx, ts_text
from sitlog.adapters.projections.entries import CHANGES, ENTRIES
from sitlog.adapters.projections.estimates import ESTIMATES, claim_text
from sitlog.adapters.projections.exchanges import CHANGES as EXCHANGE_CHANGES
from sitlog.adapters.projections.negotiations import CHANGES as NEGOTIATION_CHANGES
from sitlog.adapters.queries.revisions import record_name
from sitlog.adapters.read_models.common import FieldChange
from sitlog.adapters.read_models.digest import CorrectionItem
from sitlog.domain.clock import KYIV

_REFERENCE = "(SELECT a.reference FROM attacks a WHERE a.attack_id = c.attack_id LIMIT 1) AS reference"


def _window(day: date, moment: datetime) -> dict[str, str]:
    start = datetime.combine(day, time(), tzinfo=KYIV)
    end = min(start + timedelta(days=1) - timedelta(microseconds=1), moment.astimezone(KYIV))
    return {"start": ts_text(start), "end": ts_text(end)}


_WITHIN = "recorded_from >= :start AND recorded_from <= :end"


def corrections_of_the_day(tx: Tx, day: date, moment: datetime) -> list[CorrectionItem]:
    """Oldest first. ``moment`` is the moment of the log shown (nothing recorded after it)."""
    window = _window(day, moment)
    found = [*_attacks(tx, window), *_estimates(tx, window), *_entries(tx, window),
             *_revisions(tx, window, NEGOTIATION_CHANGES, "slug", "negotiation"),
             *_revisions(tx, window, EXCHANGE_CHANGES, "reference", "exchange")]
    return sorted(found, key=lambda c: (c.recorded_at, c.record, c.reference, c.source or ""))


def _item(row: Row, **fields: Any) -> CorrectionItem:
    moment = datetime.fromisoformat(row["recorded_from"])
    return CorrectionItem(**fields, reason=row["reason"], operator=row["operator"], recorded_at=moment,
                          recorded_at_kyiv=moment.astimezone(KYIV))


def _attacks(tx: Tx, window: dict[str, str]) -> list[CorrectionItem]:
    # One correction event is a row per value it changed: its rows share the attack, the source and
    # the record time.
    events: dict[tuple[str, str | None, str], list[Row]] = {}
    for row in tx.all(f"SELECT c.*, {_REFERENCE} FROM attack_corrections c WHERE {_WITHIN} "
                      "ORDER BY recorded_from, subject, measure", window):
        events.setdefault((row["attack_id"], row["source"], row["recorded_from"]), []).append(row)
    found = [_item(rows[0], kind="corrected", record="attack", reference=rows[0]["reference"],
                   source=rows[0]["source"], withdrawn=[],
                   changes=[FieldChange(field=f"{r['subject']} {r['measure']}", before=r["before_value"],
                                        after=r["after_value"]) for r in rows])
             for rows in events.values()]
    found += [_item(row, kind="retracted", record="attack", reference=row["reference"], source=row["source"],
                    changes=[], withdrawn=[*json.loads(row["weapons"]), *json.loads(row["places"])])
              for row in tx.all(f"SELECT c.*, {_REFERENCE} FROM attack_retractions c WHERE {_WITHIN} "
                                "ORDER BY recorded_from", window)]
    return found


def _estimates(tx: Tx, window: dict[str, str]) -> list[CorrectionItem]:
    found = []
    for row in tx.all(f"SELECT * FROM {ESTIMATES} WHERE status <> 'recorded' AND {_WITHIN} "
                      "ORDER BY recorded_from", window):
        what = f"estimate as of {row['as_of']}"
        if row["status"] == "corrected":
            found.append(_item(row, kind="corrected", record="estimate", reference=row["series"],
                               source=row["source"], withdrawn=[], changes=[
                                   FieldChange(field=what, before=row["replaces"], after=claim_text(row))]))
        else:
            found.append(_item(row, kind="retracted", record="estimate", reference=row["series"],
                               source=row["source"], changes=[],
                               withdrawn=[f"{what} ({claim_text(row)})"]))
    return found


def _entries(tx: Tx, window: dict[str, str]) -> list[CorrectionItem]:
    """One row of ``log_entry_changes`` per correction (its fields before and after, as text) or
    retraction; the entry's source is that of its version current at the change."""
    found = []
    # The source is one seek per change, on the entries' (entry_id, recorded_from) index. As a join,
    # PostgreSQL without statistics of freshly loaded tables chose to hash every version of every entry
    # (~75 ms at 150,000 events, growing with the history; 0.5 ms this way).
    for row in tx.all(
        "SELECT c.reference, c.kind, c.changes, c.reason, c.operator, c.recorded_at AS recorded_from, "
        f"(SELECT e.source FROM {ENTRIES} e WHERE e.entry_id = c.entry_id "
        "AND e.recorded_from <= c.recorded_at AND (e.recorded_to IS NULL OR e.recorded_to > c.recorded_at) "
        "ORDER BY e.recorded_from DESC LIMIT 1) "
        f"AS source FROM {CHANGES} c "
        "WHERE c.recorded_at >= :start AND c.recorded_at <= :end ORDER BY c.recorded_at, c.reference", window,
    ):
        found.append(_item(row, kind=row["kind"], record="log-entry", reference=row["reference"],
                           source=row["source"], withdrawn=[],
                           changes=[FieldChange(**change) for change in json.loads(row["changes"])]))
    return found


# The read table of each record a change names, and the columns that name its row there.
_NEGOTIATION_RECORDS = {
    "negotiation": ("negotiations", False), "round": ("negotiation_rounds", True),
    "statement": ("negotiation_statements", True), "outcome": ("negotiation_outcomes", True),
    "issue": ("negotiation_issues", True),
}


def _source_of(tx: Tx, change: Row, record: str) -> str | None:
    """The source of the record a change names, as it stood when the change was recorded (a change
    of status has none; neither has a record given without one). One seek per change."""
    if record == "exchange":
        if change.get("item") is None:  # changes projected before steps were named
            return None
        table, key, params = "exchange_steps", "exchange_id = :id AND version = :item", {
            "id": change["exchange_id"], "item": change["item"]}
    elif change["record"] in _NEGOTIATION_RECORDS:
        table, numbered = _NEGOTIATION_RECORDS[change["record"]]
        key = "negotiation_id = :id" + (" AND version = :item" if numbered else "")
        params = {"id": change["negotiation_id"], **({"item": change["item"]} if numbered else {})}
    else:
        return None
    row = tx.one(f"SELECT source FROM {table} WHERE {key} AND recorded_from <= :at "
                 "ORDER BY recorded_from DESC LIMIT 1", {**params, "at": change["recorded_at"]})
    return row["source"] if row else None


def _revisions(
    tx: Tx, window: dict[str, str], table: str, reference: str, record: str
) -> list[CorrectionItem]:
    """A negotiation's or an exchange's corrections and retractions: one row each, naming what it
    changed (a round, a completion...) and, for a correction, its fields before and after."""
    found = []
    for row in tx.all(f"SELECT *, recorded_at AS recorded_from FROM {table} "
                      "WHERE recorded_at >= :start AND recorded_at <= :end ORDER BY recorded_at", window):
        what = record_name(row, numbered=record == "negotiation")
        found.append(_item(row, kind=row["kind"], record=record, reference=row[reference],
                           source=_source_of(tx, row, record),
                           changes=[FieldChange(**change) for change in json.loads(row["changes"])],
                           withdrawn=[what] if row["kind"] == "retracted" else []))
    return found
