"""Read tables for negotiations: one table per kind of fact, each row a fact with its valid date.

A row's ``version`` is the number of the record it shows (the version of the event that first
recorded it); ``recorded_from`` is the record time of the event that made the row true, which
answers ``--known-at``, and the valid date column answers ``--as-of``. A correction closes the
record's current row and inserts the corrected one under the same number; a retraction closes it
(``negotiation_revisions.py``). Status changes are rows too, so the status on any date is the
latest row up to that date.

``negotiation_round_counts`` counts each negotiation's rounds and meeting days per day, month, year
and decade (bitemporal, as ``log_entry_counts``): a day of a round counts on its date, a round on the
earliest date of its current days. So the rounds and days up to D are the sums of the decades before
D's, the years of its decade before its year, the months of its year before its month and the
days of its month up to it, however many rounds the negotiation has had.
"""

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sitlog.adapters.db import Tx
from sitlog.adapters.projections import VERSIONS
from sitlog.adapters.projections.base import Handler, Projection, aggregate_id, json_text
from sitlog.adapters.projections.bitemporal import BITEMPORAL_COLUMNS, periods
from sitlog.adapters.projections.negotiation_revisions import REVISIONS, NegotiationRevisions, round_key
from sitlog.adapters.projections.rows import CurrentRows, FactRows, NewRows, equal, move_counts, pairs, select
from sitlog.domain.negotiation import Negotiation, NegotiationStatus
from sitlog.domain.prisoner_exchange import PrisonerExchange
from sitlog.domain.values import Source

_N = "negotiation_id TEXT NOT NULL, slug TEXT NOT NULL, version INTEGER NOT NULL"
_SOURCE = "source TEXT, source_url TEXT"
_TABLES = {
    "negotiations": ("opened_on", f"{_N}, title TEXT NOT NULL, mediator TEXT, parties TEXT NOT NULL, "
                     f"opened_on TEXT NOT NULL, {_SOURCE}"),
    "negotiation_status": ("status_on", f"{_N}, status TEXT NOT NULL, status_on TEXT NOT NULL, reason TEXT"),
    # round_key groups the days of one round (negotiation_revisions.round_key).
    "negotiation_rounds": ("held_on", f"{_N}, held_on TEXT NOT NULL, venue TEXT NOT NULL, day INTEGER, "
                           f"round_key TEXT NOT NULL, {_SOURCE}"),
    "negotiation_participants": ("held_on", f"{_N}, held_on TEXT NOT NULL, venue TEXT NOT NULL, day INTEGER, "
                                 f"position INTEGER NOT NULL, name TEXT NOT NULL, role TEXT, "
                                 f"affiliation TEXT, {_SOURCE}"),
    "negotiation_statements": ("made_on", f"{_N}, made_on TEXT NOT NULL, by_whom TEXT NOT NULL, "
                               f"kind TEXT NOT NULL, text TEXT NOT NULL, {_SOURCE}, made_on_precision TEXT"),
    "negotiation_outcomes": ("reached_on", f"{_N}, reached_on TEXT NOT NULL, kind TEXT NOT NULL, "
                             f"text TEXT NOT NULL, exchange_ref TEXT, exchange_id TEXT, {_SOURCE}"),
    "negotiation_issues": ("raised_on", f"{_N}, raised_on TEXT NOT NULL, topic TEXT NOT NULL, "
                           f"raised_by TEXT, {_SOURCE}"),
    # Another source reporting round ``item`` as recorded.
    "negotiation_corroborations": ("item", f"{_N}, item INTEGER NOT NULL, {_SOURCE}"),
}
# The corrections and retractions, each a fact of its moment (as log_entry_changes).
CHANGES = "negotiation_changes"
_CHANGES_DDL = (
    f"CREATE TABLE IF NOT EXISTS {CHANGES} ({_N}, record TEXT NOT NULL, item INTEGER NOT NULL, "
    "kind TEXT NOT NULL, changes TEXT NOT NULL, reason TEXT NOT NULL, operator TEXT NOT NULL, "
    "recorded_at TEXT NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {CHANGES}_recorded ON {CHANGES} (recorded_at)",
)
# The tables whose rows a correction replaces, with the columns that name a row.
KEYS = {
    "negotiations": ("negotiation_id",),
    "negotiation_status": ("negotiation_id", "version"),
    "negotiation_rounds": ("negotiation_id", "version"),
    "negotiation_participants": ("negotiation_id", "version", "position"),
    "negotiation_statements": ("negotiation_id", "version"),
    "negotiation_outcomes": ("negotiation_id", "version"),
    "negotiation_issues": ("negotiation_id", "version"),
}


ROUND_COUNTS = "negotiation_round_counts"
_COUNTS_DDL = (
    f"CREATE TABLE IF NOT EXISTS {ROUND_COUNTS} (level TEXT NOT NULL, period TEXT NOT NULL, "
    f"negotiation_id TEXT NOT NULL, rounds INTEGER NOT NULL, days INTEGER NOT NULL, {BITEMPORAL_COLUMNS})",
    # By period first, as log_entry_counts: a count up to a date is an index search per level.
    f"CREATE INDEX IF NOT EXISTS {ROUND_COUNTS}_key ON {ROUND_COUNTS} "
    "(level, period, negotiation_id, recorded_from)",
    f"CREATE UNIQUE INDEX IF NOT EXISTS {ROUND_COUNTS}_current ON {ROUND_COUNTS} "
    "(level, period, negotiation_id) WHERE recorded_to IS NULL",
    # The days of a round (a count's change reads them), and a negotiation's last round up to a date.
    "CREATE INDEX IF NOT EXISTS negotiation_rounds_round ON negotiation_rounds (negotiation_id, round_key)",
    "CREATE INDEX IF NOT EXISTS negotiation_rounds_held ON negotiation_rounds (negotiation_id, held_on)",
)


def _ddl() -> tuple[str, ...]:
    statements: list[str] = []
    for table, (valid, columns) in _TABLES.items():
        statements += [
            f"CREATE TABLE IF NOT EXISTS {table} ({columns}, {BITEMPORAL_COLUMNS})",
            f"CREATE INDEX IF NOT EXISTS {table}_key ON {table} (negotiation_id, recorded_from)",
            f"CREATE INDEX IF NOT EXISTS {table}_valid ON {table} ({valid})",
        ]
    return (*statements, *_CHANGES_DDL, *_COUNTS_DDL)


_SEATING = (Negotiation.RoundHeld, Negotiation.ParticipantsAdded)


def _negotiation(row: dict[str, Any]) -> str:
    """A row's partition: its negotiation (a revision reads all of one negotiation's rows)."""
    return str(row["negotiation_id"])


def _source(source: Source | None) -> dict[str, Any]:
    return {"source": source.name if source else None, "source_url": source.url if source else None}


class NegotiationProjection(NegotiationRevisions, Projection):
    name = "negotiations"
    version = VERSIONS[name]
    added_columns = (("negotiation_statements", "made_on_precision", "TEXT"),)
    events = Negotiation.Event
    tables = (*_TABLES, CHANGES, ROUND_COUNTS)
    ddl = _ddl()

    def __init__(self) -> None:
        self._tables: dict[str, NewRows] = {
            table: CurrentRows(table, KEYS[table], _negotiation, equal("negotiation_id")) if table in KEYS
            else NewRows(table) for table in _TABLES}
        self._changes = FactRows(CHANGES)
        self._counts = CurrentRows(ROUND_COUNTS, ("level", "period", "negotiation_id"),
                                   lambda row: (row["level"], row["period"]), pairs("level", "period"))
        super().__init__([*self._tables.values(), self._changes, self._counts])
        # Events after the opening do not repeat the slug: the slugs of the batch's negotiations.
        self._slugs: dict[str, str] = {}
        # Participants are numbered in order within a (negotiation, day, venue): the counts so far.
        self._seats: dict[tuple[str, str, str], int] = {}
        # The current days of each round the batch touches: (negotiation, round_key) -> {number: date}.
        self._round_days: dict[tuple[str, str], dict[int, str]] = {}

    def handlers(self) -> dict[type, Handler]:
        return {
            Negotiation.Opened: self._opened,
            Negotiation.RoundHeld: self._round,
            Negotiation.ParticipantsAdded: self._participants,
            Negotiation.StatementMade: self._statement,
            Negotiation.OutcomeReached: self._outcome,
            Negotiation.IssueRaised: self._issue,
            Negotiation.StatusChanged: self._status,
            **self.revision_handlers(),
        }

    def prepare(self, tx: Tx, events: Sequence[Any]) -> None:
        super().prepare(tx, events)
        self._seats.clear()
        self._slugs.clear()
        mine = [e for e in events if isinstance(e, Negotiation.Event)]
        opened = {aggregate_id(e) for e in mine if isinstance(e, Negotiation.Opened)}
        unknown = {aggregate_id(e) for e in mine} - opened
        # Only a revision reads a negotiation's current rows: the others add rows under new numbers.
        revised = {aggregate_id(e) for e in mine if isinstance(e, REVISIONS)}
        for table in self._current():
            table.load(tx, revised)
            for negotiation_id in {aggregate_id(e) for e in mine} - revised:
                table.empty(negotiation_id)
        query = "SELECT negotiation_id, slug FROM negotiations WHERE {where}"
        for row in select(tx, query, equal("negotiation_id"), unknown):
            self._slugs[row["negotiation_id"]] = row["slug"]
        seated = {(aggregate_id(e), e.held_on.isoformat()) for e in mine
                  if isinstance(e, _SEATING) and aggregate_id(e) not in opened}
        query = ("SELECT negotiation_id, held_on, venue, COUNT(*) AS n FROM negotiation_participants "
                 "WHERE {where} GROUP BY negotiation_id, held_on, venue")
        for row in select(tx, query, pairs("negotiation_id", "held_on"), seated):
            self._seats[(row["negotiation_id"], row["held_on"], row["venue"])] = int(row["n"])
        self._load_rounds(tx, mine, revised)

    def _load_rounds(self, tx: Tx, mine: list[Negotiation.Event], revised: set[str]) -> None:
        """The days of every round the batch may change, and the counts of the periods of their dates."""
        self._round_days.clear()
        rounds = self._tables["negotiation_rounds"]
        assert isinstance(rounds, CurrentRows)
        keys = {(aggregate_id(e), round_key(e.held_on, e.day, e.venue)) for e in mine
                if isinstance(e, Negotiation.RoundHeld | Negotiation.RoundCorrected)}
        # A revised negotiation's rounds are loaded already (a correction or retraction names one).
        keys |= {(nid, row["round_key"]) for nid in revised for row in rounds.rows(nid)}
        for key in keys:
            self._round_days[key] = {}
        query = ("SELECT negotiation_id, round_key, version, held_on FROM negotiation_rounds "
                 "WHERE recorded_to IS NULL AND ({where})")
        for row in select(tx, query, pairs("negotiation_id", "round_key"), keys):
            self._round_days[row["negotiation_id"], row["round_key"]][int(row["version"])] = row["held_on"]
        days = {day for held in self._round_days.values() for day in held.values()}
        days |= {e.held_on.isoformat() for e in mine
                 if isinstance(e, Negotiation.RoundHeld | Negotiation.RoundCorrected)}
        self._counts.load(tx, {part for day in days for part in periods(day)})

    def round_moved(self, nid: str, old: dict[str, Any] | None, new: dict[str, Any] | None,
                    at: datetime) -> None:
        """A round's day added (``old`` None), moved or withdrawn (``new`` None): the counts of rounds
        (on the earliest day of each round) and of meeting days follow."""
        days: Counter[str] = Counter()
        rounds: Counter[str] = Counter()
        if old is not None:
            days[old["held_on"]] -= 1
        if new is not None:
            days[new["held_on"]] += 1
        for key in {row["round_key"] for row in (old, new) if row is not None}:
            held = self._round_days[nid, key]
            first = min(held.values(), default=None)
            if old is not None and old["round_key"] == key:
                del held[int(old["version"])]
            if new is not None and new["round_key"] == key:
                held[int(new["version"])] = new["held_on"]
            now = min(held.values(), default=None)
            if first != now:
                if first is not None:
                    rounds[first] -= 1
                if now is not None:
                    rounds[now] += 1
        for day in days.keys() | rounds.keys():
            if days[day] or rounds[day]:
                self._count(nid, day, rounds[day], days[day], at)

    def _count(self, nid: str, day: str, rounds: int, days: int, at: datetime) -> None:
        move_counts(self._counts, day, {"negotiation_id": nid}, {"rounds": rounds, "days": days}, at)

    def _add(self, table: str, e: Negotiation.Event, row: dict[str, Any]) -> None:
        """A new row: under the event's own version (a new record's number)."""
        negotiation_id = aggregate_id(e)
        values = {"slug": self._slugs[negotiation_id], **row}
        self.put(table, e, {"negotiation_id": negotiation_id, "version": e.originator_version, **values})

    def put(self, table: str, e: Negotiation.Event, row: dict[str, Any]) -> None:
        """``row`` (its key columns and values) becomes current in ``table`` from ``e`` on."""
        rows = self._tables[table]
        if isinstance(rows, CurrentRows):
            key = {k: row[k] for k in rows.key}
            rows.put(key["negotiation_id"], key, {k: v for k, v in row.items() if k not in key}, e.timestamp)
        else:
            rows.add(row, e.timestamp)

    def _current(self) -> list[CurrentRows]:
        return [t for t in self._tables.values() if isinstance(t, CurrentRows)]

    def _opened(self, e: Negotiation.Opened) -> None:
        self._slugs[aggregate_id(e)] = e.slug
        self._add("negotiations", e, {
            "title": e.title, "mediator": e.mediator, "parties": json_text(e.parties),
            "opened_on": e.opened_on.isoformat(), **_source(e.source)})
        self._add("negotiation_status", e, {
            "status": NegotiationStatus.OPEN.value, "status_on": e.opened_on.isoformat(), "reason": None})

    def _round(self, e: Negotiation.RoundHeld) -> None:
        row = {"version": e.originator_version, "held_on": e.held_on.isoformat(),
               "round_key": round_key(e.held_on, e.day, e.venue)}
        self._add("negotiation_rounds", e, {
            "held_on": row["held_on"], "venue": e.venue, "day": e.day, "round_key": row["round_key"],
            **_source(e.source)})
        self.round_moved(aggregate_id(e), None, row, e.timestamp)
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
            **_source(e.source), "made_on_precision": e.made_on_precision.value})

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
