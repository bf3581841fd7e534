"""Read tables for negotiations: one table per kind of fact, each row a fact with its valid date.

Nothing here is ever corrected in place (the aggregate has no corrections yet), so every event
inserts current rows; ``recorded_from`` is the event's record time, which answers ``--known-at``,
and the valid date column answers ``--as-of``. NegotiationStatus changes are rows too, so the status on any
date is the latest row up to that date.
"""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sitlog.adapters.db import Tx
from sitlog.adapters.projections.base import Handler, Projection, aggregate_id, json_text
from sitlog.adapters.projections.bitemporal import BITEMPORAL_COLUMNS
from sitlog.adapters.projections.rows import NewRows, equal, pairs, select
from sitlog.domain.negotiation import Negotiation, NegotiationStatus
from sitlog.domain.prisoner_exchange import PrisonerExchange
from sitlog.domain.values import Source

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


_SEATING = (Negotiation.RoundHeld, Negotiation.ParticipantsAdded)


def _source(source: Source | None) -> dict[str, Any]:
    return {"source": source.name if source else None, "source_url": source.url if source else None}


class NegotiationProjection(Projection):
    name = "negotiations"
    version = 2  # 2: parties as compact JSON, non-ASCII unescaped
    events = Negotiation.Event
    tables = tuple(_TABLES)
    ddl = _ddl()

    def __init__(self) -> None:
        self._tables = {table: NewRows(table) for table in _TABLES}
        super().__init__(list(self._tables.values()))
        # Events after the opening do not repeat the slug: the slugs of the batch's negotiations.
        self._slugs: dict[str, str] = {}
        # Participants are numbered in order within a (negotiation, day, venue): the counts so far.
        self._seats: dict[tuple[str, str, str], int] = {}

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

    def prepare(self, tx: Tx, events: Sequence[Any]) -> None:
        super().prepare(tx, events)
        self._seats.clear()
        self._slugs.clear()
        mine = [e for e in events if isinstance(e, Negotiation.Event)]
        opened = {aggregate_id(e) for e in mine if isinstance(e, Negotiation.Opened)}
        unknown = {aggregate_id(e) for e in mine} - opened
        query = "SELECT negotiation_id, slug FROM negotiations WHERE {where}"
        for row in select(tx, query, equal("negotiation_id"), unknown):
            self._slugs[row["negotiation_id"]] = row["slug"]
        seated = {(aggregate_id(e), e.held_on.isoformat()) for e in mine
                  if isinstance(e, _SEATING) and aggregate_id(e) not in opened}
        query = ("SELECT negotiation_id, held_on, venue, COUNT(*) AS n FROM negotiation_participants "
                 "WHERE {where} GROUP BY negotiation_id, held_on, venue")
        for row in select(tx, query, pairs("negotiation_id", "held_on"), seated):
            self._seats[(row["negotiation_id"], row["held_on"], row["venue"])] = int(row["n"])

    def _add(self, table: str, e: Negotiation.Event, row: dict[str, Any]) -> None:
        negotiation_id = aggregate_id(e)
        self._tables[table].add({
            "negotiation_id": negotiation_id, "slug": self._slugs[negotiation_id],
            "version": e.originator_version, **row}, e.timestamp)

    def _opened(self, e: Negotiation.Opened) -> None:
        self._slugs[aggregate_id(e)] = e.slug
        self._add("negotiations", e, {
            "title": e.title, "mediator": e.mediator, "parties": json_text(e.parties),
            "opened_on": e.opened_on.isoformat(), **_source(e.source)})
        self._add("negotiation_status", e, {
            "status": NegotiationStatus.OPEN.value, "status_on": e.opened_on.isoformat(), "reason": None})

    def _round(self, e: Negotiation.RoundHeld) -> None:
        first_day = e.held_on - timedelta(days=(e.day or 1) - 1)
        self._add("negotiation_rounds", e, {
            "held_on": e.held_on.isoformat(), "venue": e.venue, "day": e.day,
            "round_key": f"{first_day.isoformat()}|{e.venue.casefold()}", **_source(e.source)})
        self._participants(e)

    def _participants(self, e: Negotiation.RoundHeld | Negotiation.ParticipantsAdded) -> None:
        seats = (aggregate_id(e), e.held_on.isoformat(), e.venue)
        start = self._seats.get(seats, 0)
        for i, p in enumerate(e.participants, start=start):
            self._add("negotiation_participants", e, {
                "held_on": e.held_on.isoformat(), "venue": e.venue, "day": e.day, "position": i,
                "name": p.name, "role": p.role, "affiliation": p.affiliation, **_source(e.source)})
        self._seats[seats] = start + len(e.participants)

    def _statement(self, e: Negotiation.StatementMade) -> None:
        self._add("negotiation_statements", e, {
            "made_on": e.made_on.isoformat(), "by_whom": e.by, "kind": e.kind.value, "text": e.text,
            **_source(e.source)})

    def _outcome(self, e: Negotiation.OutcomeReached) -> None:
        exchange_id = str(PrisonerExchange.create_id(e.exchange)) if e.exchange else None
        self._add("negotiation_outcomes", e, {
            "reached_on": e.reached_on.isoformat(), "kind": e.kind.value, "text": e.text,
            "exchange_ref": e.exchange, "exchange_id": exchange_id, **_source(e.source)})

    def _issue(self, e: Negotiation.IssueRaised) -> None:
        self._add("negotiation_issues", e, {
            "raised_on": e.raised_on.isoformat(), "topic": e.topic, "raised_by": e.by, **_source(e.source)})

    def _status(self, e: Negotiation.StatusChanged) -> None:
        self._add("negotiation_status", e, {
            "status": e.status.value, "status_on": e.on.isoformat(), "reason": e.reason})
