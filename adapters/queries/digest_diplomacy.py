"""The digest's diplomacy: what happened in each negotiation on the day (rounds with their
participants, statements, outcomes, issues raised, changes of status), one query per table on
its valid date, and the negotiations those facts belong to."""

import json
from datetime import date, datetime

from sitlog.adapters.db import Row, Tx
from sitlog.adapters.projections.bitemporal import known_at_clause, when
from sitlog.adapters.queries.negotiations import (
    issue_entry,
    outcome_entry,
    round_corroborations,
    statement_entry,
)
from sitlog.adapters.read_models.common import SourceRef
from sitlog.adapters.read_models.digest_parts import NegotiationDay
from sitlog.adapters.read_models.negotiations import (
    ParticipantEntry,
    RoundEntry,
    StatusEntry,
)

# table -> its valid date
_FACTS = {
    "negotiation_rounds": "held_on",
    "negotiation_participants": "held_on",
    "negotiation_statements": "made_on",
    "negotiation_outcomes": "reached_on",
    "negotiation_issues": "raised_on",
    "negotiation_status": "status_on",
}


def _source(row: Row) -> SourceRef | None:
    return SourceRef(name=row["source"], url=row["source_url"]) if row["source"] else None


def negotiations_of_the_day(tx: Tx, day: date, known_at: datetime | None) -> list[NegotiationDay]:
    """Each negotiation with a fact dated on ``day``, by slug."""
    clause, params = known_at_clause(known_at)
    params["day"] = day.isoformat()
    facts: dict[str, dict[str, list[Row]]] = {}
    for table, valid in _FACTS.items():
        for row in tx.all(f"SELECT * FROM {table} WHERE {valid} = :day AND {clause} "
                          "ORDER BY negotiation_id, version", params):
            facts.setdefault(row["negotiation_id"], {}).setdefault(table, []).append(row)
    if not facts:
        return []
    keys = {f"id{i}": negotiation_id for i, negotiation_id in enumerate(sorted(facts))}
    within = f"negotiation_id IN ({', '.join(':' + k for k in keys)})"
    tracks = tx.all(f"SELECT * FROM negotiations WHERE {within} AND {clause}", {**params, **keys})
    status_clause, status_params = when("status_on", day, known_at)
    statuses: dict[str, str] = {}
    for row in tx.all(f"SELECT negotiation_id, status FROM negotiation_status WHERE {within} AND "
                      f"{status_clause} ORDER BY status_on, version", {**status_params, **keys}):
        statuses[row["negotiation_id"]] = row["status"]  # the last one wins
    days = [_day(tx, track, statuses[track["negotiation_id"]], facts[track["negotiation_id"]], known_at)
            for track in tracks]
    return sorted(days, key=lambda d: d.slug)


def _day(tx: Tx, track: Row, status: str, facts: dict[str, list[Row]],
         known_at: datetime | None) -> NegotiationDay:
    people = sorted(facts.get("negotiation_participants", []), key=lambda p: p["position"])
    corroborated = round_corroborations(tx, track["negotiation_id"], known_at)
    return NegotiationDay(
        slug=track["slug"], title=track["title"], mediator=track["mediator"],
        parties=json.loads(track["parties"]), status=status,
        rounds=[RoundEntry(
            number=r["version"], date=r["held_on"], venue=r["venue"], day=r["day"], source=_source(r),
            corroborated_by=corroborated.get(int(r["version"]), []), participants=[
                ParticipantEntry(name=p["name"], role=p["role"], affiliation=p["affiliation"],
                                 source=_source(p))
                for p in people if (p["venue"], p["day"]) == (r["venue"], r["day"])])
            for r in facts.get("negotiation_rounds", [])],
        statements=[statement_entry(r) for r in facts.get("negotiation_statements", [])],
        outcomes=[outcome_entry(tx, r, known_at) for r in facts.get("negotiation_outcomes", [])],
        issues=[issue_entry(r) for r in facts.get("negotiation_issues", [])],
        status_changes=[StatusEntry(number=r["version"], date=r["status_on"], status=r["status"],
                                    reason=r["reason"])
                        for r in facts.get("negotiation_status", [])],
    )
