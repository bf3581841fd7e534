"""Reading negotiations from their read tables, as of a date and as known at a moment.

Derived facts (number of rounds, meeting days, date of the last round, status on a date) are
computed here from the rows, never typed in by an operator.
"""

import json
from datetime import UTC, date, datetime
from typing import Any

from sitlog.adapters.db import Row, Tx
from sitlog.adapters.projections.bitemporal import known_at_clause, up_to, when
from sitlog.adapters.projections.negotiations import ROUND_COUNTS
from sitlog.adapters.queries.history import history
from sitlog.adapters.queries.revisions import record_changes
from sitlog.adapters.read_models.common import SourceRef
from sitlog.adapters.read_models.negotiations import (
    AgreedExchange,
    IssueEntry,
    LinkedExchange,
    NegotiationDetail,
    NegotiationSummary,
    OutcomeEntry,
    ParticipantEntry,
    RoundEntry,
    StatementEntry,
    StatusEntry,
)
from sitlog.domain.errors import NotFound
from sitlog.domain.negotiation import Negotiation, parse_slug


def qualified(what: str, as_of: date | None, known_at: datetime | None) -> str:
    """``what`` with the time it was looked at, for a not-found message."""
    moment = f" as known at {known_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}" if known_at else ""
    return what + (f" as of {as_of}" if as_of else "") + moment


def _source(row: Row) -> SourceRef | None:
    return SourceRef(name=row["source"], url=row["source_url"]) if row["source"] else None


def _rows(tx: Tx, table: str, valid: str, ids: list[str], as_of: date | None,
          known_at: datetime | None) -> list[Row]:
    clause, params = when(valid, as_of, known_at)
    keys = {f"id{i}": v for i, v in enumerate(ids)}
    return tx.all(
        f"SELECT * FROM {table} WHERE negotiation_id IN ({', '.join(':' + k for k in keys)}) AND {clause} "
        f"ORDER BY {valid}, version", {**params, **keys})


def _latest_status(rows: list[Row]) -> dict[str, Row]:
    latest: dict[str, Row] = {}
    for row in rows:  # ordered by status_on, version: the last one wins
        latest[row["negotiation_id"]] = row
    return latest


def _rounds_summary(tx: Tx, ids: list[str], as_of: date | None, known_at: datetime | None) -> dict[str, Row]:
    """Each negotiation's rounds, meeting days and last round up to ``as_of``: the sums of its counts
    of the periods up to it (negotiation_round_counts) and its latest round day, a few rows each."""
    current, params = known_at_clause(known_at, "c")
    periods, more = up_to(as_of, "c") if as_of is not None else ("c.level = 'decade'", {})
    latest, most = when("r.held_on", as_of, known_at, "r")
    keys = {f"id{i}": v for i, v in enumerate(ids)}
    rows = tx.all(
        "SELECT c.negotiation_id, SUM(c.rounds) AS rounds, SUM(c.days) AS days, (SELECT r.held_on "
        "FROM negotiation_rounds r WHERE r.negotiation_id = c.negotiation_id AND "
        f"{latest} ORDER BY r.held_on DESC LIMIT 1) AS last_round_on FROM {ROUND_COUNTS} c "
        f"WHERE c.negotiation_id IN ({', '.join(':' + k for k in keys)}) AND {periods} AND {current} "
        "GROUP BY c.negotiation_id", {**params, **more, **most, **keys})
    return {row["negotiation_id"]: row for row in rows if row["days"]}


def _summary(row: Row, status: Row, rounds: Row | None) -> dict[str, Any]:
    return {
        "slug": row["slug"],
        "title": row["title"],
        "mediator": row["mediator"],
        "parties": json.loads(row["parties"]),
        "opened_on": row["opened_on"],
        "status": status["status"],
        "status_since": status["status_on"],
        "status_reason": status["reason"],
        "round_count": int(rounds["rounds"]) if rounds else 0,
        "meeting_days": int(rounds["days"]) if rounds else 0,
        "last_round_on": rounds["last_round_on"] if rounds else None,
    }


def negotiations(
    tx: Tx, *, status: str | None = None, as_of: date | None = None, known_at: datetime | None = None,
    open_only: bool = False,
) -> list[NegotiationSummary]:
    """Every negotiation opened by ``as_of``, with its status then and its last round.

    ``open_only`` leaves out concluded tracks in SQL (concluding is final), so the state
    of a desk with a long history does not read every negotiation it ever followed.
    """
    clause, params = when("opened_on", as_of, known_at)
    if open_only:
        concluded, more = when("s.status_on", as_of, known_at, alias="s")
        clause += (" AND NOT EXISTS (SELECT 1 FROM negotiation_status s WHERE s.negotiation_id = "
                   f"negotiations.negotiation_id AND s.status = 'concluded' AND {concluded})")
        params = {**params, **more}
    rows = tx.all(f"SELECT * FROM negotiations WHERE {clause} ORDER BY opened_on, slug", params)
    if not rows:
        return []
    ids = [row["negotiation_id"] for row in rows]
    statuses = _latest_status(_rows(tx, "negotiation_status", "status_on", ids, as_of, known_at))
    rounds = _rounds_summary(tx, ids, as_of, known_at)
    found = [_summary(row, statuses[row["negotiation_id"]], rounds.get(row["negotiation_id"]))
             for row in rows]
    return [NegotiationSummary(**n) for n in found if status is None or n["status"] == status]


def negotiation(
    tx: Tx, slug: str, *, as_of: date | None = None, known_at: datetime | None = None,
    with_history: bool = False,
) -> NegotiationDetail:
    """Everything recorded about one negotiation, as of ``as_of`` and as known at ``known_at``."""
    slug = parse_slug(slug)
    nid = str(Negotiation.create_id(slug))
    clause, params = when("opened_on", as_of, known_at)
    row = tx.one(f"SELECT * FROM negotiations WHERE negotiation_id = :nid AND {clause}",
                 {**params, "nid": nid})
    if row is None:
        raise NotFound(qualified(f"negotiation {slug} not found", as_of, known_at))
    ids = [nid]
    status_rows = _rows(tx, "negotiation_status", "status_on", ids, as_of, known_at)
    summary = _summary(row, status_rows[-1], _rounds_summary(tx, ids, as_of, known_at).get(nid))
    people = _rows(tx, "negotiation_participants", "held_on", ids, as_of, known_at)
    corroborated = round_corroborations(tx, nid, known_at)
    rounds = [
        RoundEntry(number=r["version"], date=r["held_on"], venue=r["venue"], day=r["day"], source=_source(r),
                   corroborated_by=corroborated.get(int(r["version"]), []), participants=[
            ParticipantEntry(name=p["name"], role=p["role"], affiliation=p["affiliation"], source=_source(p))
            for p in sorted(people, key=lambda p: p["position"])
            if (p["held_on"], p["venue"], p["day"]) == (r["held_on"], r["venue"], r["day"])])
        for r in _rows(tx, "negotiation_rounds", "held_on", ids, as_of, known_at)
    ]
    statements = [statement_entry(r) for r in _rows(tx, "negotiation_statements", "made_on", ids, as_of,
                                                    known_at)]
    outcomes = [outcome_entry(tx, r, known_at)
                for r in _rows(tx, "negotiation_outcomes", "reached_on", ids, as_of, known_at)]
    issues = [issue_entry(r) for r in _rows(tx, "negotiation_issues", "raised_on", ids, as_of, known_at)]
    clause, params = when("agreed_on", as_of, known_at)
    exchanges = [AgreedExchange(**x) for x in tx.all(
        "SELECT reference, agreed_on, total, released_by_ukraine, released_by_russia FROM exchanges "
        f"WHERE negotiation = :slug AND {clause} ORDER BY agreed_on, reference", {**params, "slug": slug})]
    return NegotiationDetail(
        **summary, source=_source(row), rounds=rounds, statements=statements, outcomes=outcomes,
        issues=issues, exchanges=exchanges,
        status_history=[StatusEntry(number=r["version"], date=r["status_on"], status=r["status"],
                                    reason=r["reason"])
                        for r in status_rows],
        corrections=record_changes(tx, "negotiation_changes", nid, known_at),
        history=history(tx, nid, "negotiations", known_at) if with_history else None,
    )


def statement_entry(r: Row) -> StatementEntry:
    return StatementEntry(number=r["version"], date=r["made_on"],
                          date_precision=r["made_on_precision"] or "day", by=r["by_whom"], kind=r["kind"],
                          text=r["text"], source=_source(r))


def outcome_entry(tx: Tx, r: Row, known_at: datetime | None) -> OutcomeEntry:
    return OutcomeEntry(number=r["version"], date=r["reached_on"], kind=r["kind"], text=r["text"],
                        source=_source(r),
                        exchange=linked_exchange(tx, r["exchange_id"], r["exchange_ref"], known_at))


def issue_entry(r: Row) -> IssueEntry:
    return IssueEntry(number=r["version"], date=r["raised_on"], topic=r["topic"], by=r["raised_by"],
                      source=_source(r))


def round_corroborations(tx: Tx, nid: str, known_at: datetime | None) -> dict[int, list[SourceRef]]:
    """The sources corroborating each round, by its number, oldest first."""
    clause, params = known_at_clause(known_at)
    found: dict[int, list[SourceRef]] = {}
    for row in tx.all(f"SELECT item, source, source_url FROM negotiation_corroborations "
                      f"WHERE negotiation_id = :nid AND {clause} ORDER BY version", {**params, "nid": nid}):
        found.setdefault(int(row["item"]), []).append(SourceRef(name=row["source"], url=row["source_url"]))
    return found


def linked_exchange(tx: Tx, exchange_id: str | None, reference: str | None,
              known_at: datetime | None) -> LinkedExchange | None:
    """The linked exchange's agreement, so the negotiation shows what was agreed (e.g. 314)."""
    if exchange_id is None:
        return None
    clause, params = known_at_clause(known_at)
    row = tx.one(f"SELECT agreed_on, total, released_by_ukraine, released_by_russia FROM exchanges "
                 f"WHERE exchange_id = :xid AND {clause}", {**params, "xid": exchange_id})
    return LinkedExchange(reference=reference, **(row or {}))
