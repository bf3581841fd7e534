"""Read tables for negotiations: one table per kind of fact, each row a fact with its valid date.

Nothing here is ever corrected in place (the aggregate has no corrections yet), so every event
inserts current rows; ``recorded_from`` is the event's record time, which answers ``--known-at``,
and the valid date column answers ``--as-of``. Status changes are rows too, so the status on any
date is the latest row up to that date.
"""

import json
from datetime import timedelta
from typing import Any

from adapters.db import Tx
from adapters.projections.base import Handler, Projection
from adapters.projections.bitemporal import BITEMPORAL_COLUMNS, insert_current
from domain.negotiation import Negotiation, Status
from domain.prisoner_exchange import PrisonerExchange

_N = "negotiation_id TEXT NOT NULL, slug TEXT NOT NULL, version INTEGER NOT NULL"
_SOURCE = "source TEXT, source_url TEXT"
_TABLES = {
    "negotiations": ("opened_on", f"{_N}, title TEXT NOT NULL, mediator TEXT, parties TEXT NOT NULL, "
                     f"opened_on TEXT NOT NULL, {_SOURCE}"),
    "negotiation_status": ("status_on", f"{_N}, status TEXT NOT NULL, status_on TEXT NOT NULL, reason TEXT"),
    # round_key groups the days of one round: same venue, same first day (date - (day - 1)).
    "negotiation_rounds": ("held_on", f"{_N}, held_on TEXT NOT NULL, venue TEXT NOT NULL, day INTEGER, "
                           f"round_key TEXT NOT NULL, {_SOURCE}"),
    "negotiation_participants": ("held_on", f"{_N}, held_on TEXT NOT NULL, venue TEXT NOT NULL, day INTEGER, "
                                 f"position INTEGER NOT NULL, name TEXT NOT NULL, role TEXT, "
                                 f"affiliation TEXT, {_SOURCE}"),
    "negotiation_statements": ("made_on", f"{_N}, made_on TEXT NOT NULL, by_whom TEXT NOT NULL, "
                               f"kind TEXT NOT NULL, text TEXT NOT NULL, {_SOURCE}"),
    "negotiation_outcomes": ("reached_on", f"{_N}, reached_on TEXT NOT NULL, kind TEXT NOT NULL, "
                             f"text TEXT NOT NULL, exchange_ref TEXT, exchange_id TEXT, {_SOURCE}"),
    "negotiation_issues": ("raised_on", f"{_N}, raised_on TEXT NOT NULL, topic TEXT NOT NULL, "
                           f"raised_by TEXT, {_SOURCE}"),
}


def _ddl() -> tuple[str, ...]:
    statements: list[str] = []
    for table, (valid, columns) in _TABLES.items():
        statements += [
            f"CREATE TABLE IF NOT EXISTS {table} ({columns}, {BITEMPORAL_COLUMNS})",
            f"CREATE INDEX IF NOT EXISTS {table}_key ON {table} (negotiation_id, recorded_from)",
            f"CREATE INDEX IF NOT EXISTS {table}_valid ON {table} ({valid})",
        ]
    return tuple(statements)


def _base(event: Any, slug: str) -> dict[str, Any]:
    return {"negotiation_id": str(event.originator_id), "slug": slug, "version": event.originator_version}


def _source(event: Any) -> dict[str, Any]:
    source = event.source
    return {"source": source.name if source else None, "source_url": source.url if source else None}


class NegotiationProjection(Projection):
    name = "negotiations"
    tables = tuple(_TABLES)
    ddl = _ddl()

    def __init__(self) -> None:
        super().__init__()
        self._slugs: dict[str, str] = {}

    def handlers(self) -> dict[type, Handler]:
        return {
            Negotiation.Opened: self._opened,
            Negotiation.RoundHeld: self._round,
            Negotiation.ParticipantsAdded: self._participants,
            Negotiation.StatementMade: self._statement,
            Negotiation.OutcomeReached: self._outcome,
            Negotiation.IssueRaised: self._issue,
            Negotiation.StatusChanged: self._status,
        }

    def _slug(self, tx: Tx, event: Any) -> str:
        # Events after the opening do not repeat the slug; the opening row has it, for good.
        key = str(event.originator_id)
        if key not in self._slugs:
            self._slugs[key] = tx.scalar("SELECT slug FROM negotiations WHERE negotiation_id = :id",
                                         {"id": key})
        return self._slugs[key]

    def _opened(self, tx: Tx, e: Any) -> None:
        base = _base(e, e.slug)
        insert_current(tx, "negotiations", {
            **base, "title": e.title, "mediator": e.mediator, "parties": json.dumps(list(e.parties)),
            "opened_on": e.opened_on.isoformat(), **_source(e)}, e.timestamp)
        insert_current(tx, "negotiation_status", {
            **base, "status": Status.OPEN.value, "status_on": e.opened_on.isoformat(), "reason": None},
            e.timestamp)

    def _round(self, tx: Tx, e: Any) -> None:
        first_day = e.held_on - timedelta(days=(e.day or 1) - 1)
        insert_current(tx, "negotiation_rounds", {
            **_base(e, self._slug(tx, e)), "held_on": e.held_on.isoformat(), "venue": e.venue, "day": e.day,
            "round_key": f"{first_day.isoformat()}|{e.venue.casefold()}", **_source(e)}, e.timestamp)
        self._participants(tx, e)

    def _participants(self, tx: Tx, e: Any) -> None:
        base = _base(e, self._slug(tx, e))
        start = tx.scalar(
            "SELECT COUNT(*) AS n FROM negotiation_participants WHERE negotiation_id = :negotiation_id "
            "AND held_on = :held_on AND venue = :venue", {**base, "held_on": e.held_on.isoformat(),
                                                          "venue": e.venue})
        for i, p in enumerate(e.participants, start=int(start or 0)):
            insert_current(tx, "negotiation_participants", {
                **base, "held_on": e.held_on.isoformat(), "venue": e.venue, "day": e.day, "position": i,
                "name": p.name, "role": p.role, "affiliation": p.affiliation, **_source(e)}, e.timestamp)

    def _statement(self, tx: Tx, e: Any) -> None:
        insert_current(tx, "negotiation_statements", {
            **_base(e, self._slug(tx, e)), "made_on": e.made_on.isoformat(), "by_whom": e.by,
            "kind": e.kind.value, "text": e.text, **_source(e)}, e.timestamp)

    def _outcome(self, tx: Tx, e: Any) -> None:
        exchange_id = str(PrisonerExchange.create_id(e.exchange)) if e.exchange else None
        insert_current(tx, "negotiation_outcomes", {
            **_base(e, self._slug(tx, e)), "reached_on": e.reached_on.isoformat(), "kind": e.kind.value,
            "text": e.text, "exchange_ref": e.exchange, "exchange_id": exchange_id, **_source(e)},
            e.timestamp)

    def _issue(self, tx: Tx, e: Any) -> None:
        insert_current(tx, "negotiation_issues", {
            **_base(e, self._slug(tx, e)), "raised_on": e.raised_on.isoformat(), "topic": e.topic,
            "raised_by": e.by, **_source(e)}, e.timestamp)

    def _status(self, tx: Tx, e: Any) -> None:
        insert_current(tx, "negotiation_status", {
            **_base(e, self._slug(tx, e)), "status": e.status.value, "status_on": e.on.isoformat(),
            "reason": e.reason}, e.timestamp)
