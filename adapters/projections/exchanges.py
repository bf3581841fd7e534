"""Read tables for prisoner exchanges.

``exchanges`` holds each agreement (valid date: the agreement date). ``exchange_steps`` holds
every dated step of every exchange — agreed, postponed, completed, cancelled — so the status of
an exchange on a date, and the latest exchange before a date (the "days since the previous
exchange"), are indexed reads on ``step_on``. Rows are only ever inserted: nothing is corrected.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from sitlog.adapters.db import Tx
from sitlog.adapters.projections.base import Handler, Projection, aggregate_id
from sitlog.adapters.projections.bitemporal import BITEMPORAL_COLUMNS
from sitlog.adapters.projections.rows import NewRows, equal, select
from sitlog.domain.prisoner_exchange import ExchangeStatus, Numbers, PrisonerExchange
from sitlog.domain.values import Source

_X = "exchange_id TEXT NOT NULL, reference TEXT NOT NULL, agreed_on TEXT NOT NULL"
_NUMBERS = "total INTEGER, released_by_ukraine INTEGER, released_by_russia INTEGER"
_SOURCE = "source TEXT, source_url TEXT"

_DDL = (
    f"CREATE TABLE IF NOT EXISTS exchanges ({_X}, {_NUMBERS}, mediator TEXT, negotiation TEXT, "
    f"{_SOURCE}, {BITEMPORAL_COLUMNS})",
    "CREATE INDEX IF NOT EXISTS exchanges_key ON exchanges (exchange_id, recorded_from)",
    "CREATE INDEX IF NOT EXISTS exchanges_valid ON exchanges (agreed_on)",
    "CREATE INDEX IF NOT EXISTS exchanges_negotiation ON exchanges (negotiation)",
    f"CREATE TABLE IF NOT EXISTS exchange_steps ({_X}, version INTEGER NOT NULL, step TEXT NOT NULL, "
    f"step_on TEXT NOT NULL, {_NUMBERS}, reason TEXT, {_SOURCE}, {BITEMPORAL_COLUMNS})",
    "CREATE INDEX IF NOT EXISTS exchange_steps_key ON exchange_steps (exchange_id, recorded_from)",
    "CREATE INDEX IF NOT EXISTS exchange_steps_valid ON exchange_steps (step_on)",
)


def _numbers(numbers: Numbers | None) -> dict[str, Any]:
    return numbers.model_dump() if numbers is not None else {
        "total": None, "released_by_ukraine": None, "released_by_russia": None}


def _source(source: Source | None) -> dict[str, Any]:
    return {"source": source.name if source else None, "source_url": source.url if source else None}


class ExchangeProjection(Projection):
    name = "exchanges"
    events = PrisonerExchange.Event
    tables = ("exchanges", "exchange_steps")
    ddl = _DDL

    def __init__(self) -> None:
        self._exchanges = NewRows("exchanges")
        self._steps = NewRows("exchange_steps")
        super().__init__([self._exchanges, self._steps])
        # The reference and date of the agreement of each exchange in the batch.
        self._agreements: dict[str, Any] = {}

    def handlers(self) -> dict[type, Handler]:
        return {
            PrisonerExchange.Agreed: self._agreed,
            PrisonerExchange.Completed: self._completed,
            PrisonerExchange.Postponed: self._postponed,
            PrisonerExchange.Cancelled: self._cancelled,
        }

    def prepare(self, tx: Tx, events: Sequence[Any]) -> None:
        super().prepare(tx, events)
        self._agreements.clear()
        unknown = {aggregate_id(e) for e in events if isinstance(e, PrisonerExchange.Event)}
        unknown -= {aggregate_id(e) for e in events if isinstance(e, PrisonerExchange.Agreed)}
        if unknown:
            query = "SELECT exchange_id, reference, agreed_on FROM exchanges WHERE {where}"
            for row in select(tx, query, equal("exchange_id"), unknown):
                self._agreements[row.pop("exchange_id")] = row

    def _agreed(self, e: PrisonerExchange.Agreed) -> None:
        row = {"exchange_id": aggregate_id(e), "reference": e.reference,
               "agreed_on": e.agreed_on.isoformat()}
        self._exchanges.add({**row, **_numbers(e.numbers), "mediator": e.mediator,
                             "negotiation": e.negotiation, **_source(e.source)}, e.timestamp)
        self._agreements[row["exchange_id"]] = {"reference": e.reference, "agreed_on": row["agreed_on"]}
        self._step(e, ExchangeStatus.AGREED, e.agreed_on, e.numbers, None, e.source)

    def _completed(self, e: PrisonerExchange.Completed) -> None:
        self._step(e, ExchangeStatus.COMPLETED, e.completed_on, e.numbers, None, e.source)

    def _postponed(self, e: PrisonerExchange.Postponed) -> None:
        self._step(e, ExchangeStatus.POSTPONED, e.on, None, e.reason, e.source)

    def _cancelled(self, e: PrisonerExchange.Cancelled) -> None:
        self._step(e, ExchangeStatus.CANCELLED, e.on, None, e.reason, e.source)

    def _step(
        self, e: PrisonerExchange.Event, step: ExchangeStatus, on: date, numbers: Numbers | None,
        reason: str | None, source: Source | None,
    ) -> None:
        exchange_id = aggregate_id(e)
        agreement = self._agreements[exchange_id]  # an exchange's steps follow its agreement
        self._steps.add({
            "exchange_id": exchange_id, **agreement, "version": e.originator_version,
            "step": step.value, "step_on": on.isoformat(), **_numbers(numbers),
            "reason": reason, **_source(source)}, e.timestamp)
