"""The negotiation projection's handlers of corrections, retractions and corroborations.

A correction replaces the current row of the record it names (same negotiation, same number)
and adds a row to ``negotiation_changes``; a retraction closes the record's row (a round's, and
its participants'); a corroboration adds a row to ``negotiation_corroborations``. A mixin of
``NegotiationProjection`` (negotiations.py), which loads the current rows of every negotiation a
batch revises.
"""

from datetime import datetime, timedelta
from typing import Any

from sitlog.adapters.projections.base import Handler, aggregate_id, json_text
from sitlog.adapters.projections.rows import CurrentRows, FactRows, NewRows
from sitlog.domain.negotiation import Negotiation
from sitlog.domain.prisoner_exchange import PrisonerExchange
from sitlog.domain.text import folded

# The events that read a negotiation's current rows.
REVISIONS = (
    Negotiation.Corrected, Negotiation.RoundCorrected, Negotiation.StatementCorrected,
    Negotiation.OutcomeCorrected, Negotiation.IssueCorrected, Negotiation.RecordRetracted,
    Negotiation.StatusCorrected, Negotiation.StatusRetracted,
)
_TABLE = {"round": "negotiation_rounds", "statement": "negotiation_statements",
          "outcome": "negotiation_outcomes", "issue": "negotiation_issues"}


def round_key(held_on: Any, day: int | None, venue: str) -> str:
    """Groups the days of one round: same venue, same first day (date - (day - 1))."""
    first_day = held_on - timedelta(days=(day or 1) - 1)
    return f"{first_day.isoformat()}|{venue.casefold()}"


class NegotiationRevisions:
    _tables: dict[str, NewRows]
    _changes: FactRows
    _slugs: dict[str, str]
    _seats: dict[tuple[str, str, str], int]

    def put(self, table: str, e: Negotiation.Event, row: dict[str, Any]) -> None:
        raise NotImplementedError

    def round_moved(self, nid: str, old: dict[str, Any] | None, new: dict[str, Any] | None,
                    at: datetime) -> None:
        raise NotImplementedError

    def revision_handlers(self) -> dict[type, Handler]:
        return {
            Negotiation.Corrected: self._corrected,
            Negotiation.RoundCorrected: self._round_corrected,
            Negotiation.StatementCorrected: self._statement_corrected,
            Negotiation.OutcomeCorrected: self._outcome_corrected,
            Negotiation.IssueCorrected: self._issue_corrected,
            Negotiation.RecordRetracted: self._retracted,
            Negotiation.RoundCorroborated: self._corroborated,
            Negotiation.StatusCorrected: self._status_corrected,
            Negotiation.StatusRetracted: self._status_retracted,
        }

    def _row(self, table: str, e: Negotiation.Event, version: int | None = None) -> dict[str, Any]:
        """The current row of the negotiation (``version`` None) or of its record ``version``."""
        rows = self._tables[table]
        assert isinstance(rows, CurrentRows)
        nid = aggregate_id(e)
        key = {"negotiation_id": nid} if version is None else {"negotiation_id": nid, "version": version}
        row = rows.get(nid, key)
        assert row is not None, f"{table}: no current row for {key}"  # the aggregate decided on it
        return {k: v for k, v in row.items() if k not in ("recorded_from", "recorded_to")}

    def _change(self, e: Any, record: str, item: int, kind: str, changes: list[dict[str, Any]]) -> None:
        nid = aggregate_id(e)
        self._changes.add({
            "negotiation_id": nid, "slug": self._slugs[nid], "version": e.originator_version,
            "record": record, "item": item, "kind": kind, "changes": json_text(changes),
            "reason": e.reason, "operator": e.operator}, e.timestamp)

    def _corrected(self, e: Negotiation.Corrected) -> None:
        row = self._row("negotiations", e)
        self.put("negotiations", e, {**row, "title": e.title, "mediator": e.mediator,
                                     "parties": json_text(e.parties)})
        self._change(e, "negotiation", 0, "corrected", [c.model_dump() for c in e.changes])

    def _round_corrected(self, e: Negotiation.RoundCorrected) -> None:
        old = self._row("negotiation_rounds", e, e.item)
        where = {"held_on": e.held_on.isoformat(), "venue": e.venue, "day": e.day}
        new = {**old, **where, "round_key": round_key(e.held_on, e.day, e.venue)}
        self.put("negotiation_rounds", e, new)
        self.round_moved(old["negotiation_id"], old, new, e.timestamp)
        seated = self._seated(e, old)
        named_by = {folded(p["name"]): (p["source"], p["source_url"]) for p in seated}
        people = self._tables["negotiation_participants"]
        assert isinstance(people, CurrentRows)
        for p in seated:
            people.close(p["negotiation_id"], p, e.timestamp)
        for i, person in enumerate(e.participants):
            source, url = named_by.get(person.key, (old["source"], old["source_url"]))
            self.put("negotiation_participants", e, {
                "negotiation_id": old["negotiation_id"], "slug": old["slug"], "version": e.originator_version,
                "position": i, **where, "name": person.name, "role": person.role,
                "affiliation": person.affiliation, "source": source, "source_url": url})
        self._seats[(aggregate_id(e), e.held_on.isoformat(), e.venue)] = len(e.participants)
        self._change(e, "round", e.item, "corrected", [c.model_dump() for c in e.changes])

    def _seated(self, e: Negotiation.Event, round_row: dict[str, Any]) -> list[dict[str, Any]]:
        """The current participant rows of a round (by its date, venue and day)."""
        people = self._tables["negotiation_participants"]
        assert isinstance(people, CurrentRows)
        where = (round_row["held_on"], round_row["venue"], round_row["day"])
        return [dict(p) for p in people.rows(aggregate_id(e))
                if (p["held_on"], p["venue"], p["day"]) == where]

    def _statement_corrected(self, e: Negotiation.StatementCorrected) -> None:
        row = self._row("negotiation_statements", e, e.item)
        self.put("negotiation_statements", e, {**row, "made_on": e.made_on.isoformat(), "by_whom": e.by,
                                               "kind": e.kind.value, "text": e.text,
                                               "made_on_precision": e.made_on_precision.value})
        self._change(e, "statement", e.item, "corrected", [c.model_dump() for c in e.changes])

    def _outcome_corrected(self, e: Negotiation.OutcomeCorrected) -> None:
        row = self._row("negotiation_outcomes", e, e.item)
        exchange_id = str(PrisonerExchange.create_id(e.exchange)) if e.exchange else None
        self.put("negotiation_outcomes", e, {
            **row, "reached_on": e.reached_on.isoformat(), "kind": e.kind.value, "text": e.text,
            "exchange_ref": e.exchange, "exchange_id": exchange_id})
        self._change(e, "outcome", e.item, "corrected", [c.model_dump() for c in e.changes])

    def _issue_corrected(self, e: Negotiation.IssueCorrected) -> None:
        row = self._row("negotiation_issues", e, e.item)
        self.put("negotiation_issues", e, {**row, "raised_on": e.raised_on.isoformat(), "topic": e.topic,
                                           "raised_by": e.by})
        self._change(e, "issue", e.item, "corrected", [c.model_dump() for c in e.changes])

    def _retracted(self, e: Negotiation.RecordRetracted) -> None:
        table = _TABLE[e.record]
        row = self._row(table, e, e.item)
        rows = self._tables[table]
        assert isinstance(rows, CurrentRows)
        rows.close(row["negotiation_id"], row, e.timestamp)
        if e.record == "round":
            self.round_moved(row["negotiation_id"], row, None, e.timestamp)
            people = self._tables["negotiation_participants"]
            assert isinstance(people, CurrentRows)
            for p in self._seated(e, row):
                people.close(p["negotiation_id"], p, e.timestamp)
        self._change(e, e.record, e.item, "retracted", [])

    def _status_corrected(self, e: Negotiation.StatusCorrected) -> None:
        row = self._row("negotiation_status", e, e.item)
        self.put("negotiation_status", e, {**row, "status_on": e.on.isoformat(), "reason": e.stated})
        self._change(e, "status", e.item, "corrected", [c.model_dump() for c in e.changes])

    def _status_retracted(self, e: Negotiation.StatusRetracted) -> None:
        row = self._row("negotiation_status", e, e.item)
        rows = self._tables["negotiation_status"]
        assert isinstance(rows, CurrentRows)
        rows.close(row["negotiation_id"], row, e.timestamp)
        self._change(e, "status", e.item, "retracted", [])

    def _corroborated(self, e: Negotiation.RoundCorroborated) -> None:
        nid = aggregate_id(e)
        self.put("negotiation_corroborations", e, {
            "negotiation_id": nid, "slug": self._slugs[nid], "version": e.originator_version, "item": e.item,
            "source": e.source.name, "source_url": e.source.url})
