"""Read tables for prisoner exchanges.

``exchanges`` holds each agreement (valid date: the agreement date). ``exchange_steps`` holds
every dated step of every exchange — agreed, postponed, completed, cancelled — so the status of
an exchange on a date, and the latest exchange before a date (the "days since the previous
exchange"), are indexed reads on ``step_on``. A step's ``version`` is its number (the version of
the event that recorded it; the agreement is 1). A correction closes the current row of what it
corrects and inserts the corrected one, and adds a row to ``exchange_changes``; a retraction
closes the step's row (the agreement's: every row of the exchange). Another source reporting a
step as recorded adds a row to ``exchange_corroborations``.

An exchange's status on a date is its latest step (by number) dated up to it. ``exchange_spells``
holds, per exchange, the spans of dates over which that step stays the same (``valid_from``, up to
``valid_to`` excluded, ``OPEN`` for the last), with its status and date (``since``), so that the
exchanges pending on a date, or whose status dates from the 30 days before it, are indexed reads.
``exchange_status_counts`` counts them by status per day, month, year and decade (bitemporal, as
``log_entry_counts``): a span adds one to its status on its first day and takes it away on the
day after its last, so the exchanges by status on D are the sums of the decades before D's, the
years of its decade before its year, the months of its year before its month and the days of its
month up to D, however long the log.
Every change of an exchange's steps recomputes its spans and moves the counts by the difference.
"""

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sitlog.adapters.db import Row, Tx
from sitlog.adapters.projections import VERSIONS
from sitlog.adapters.projections.base import Handler, Projection, aggregate_id, json_text
from sitlog.adapters.projections.bitemporal import BITEMPORAL_COLUMNS, periods
from sitlog.adapters.projections.rows import CurrentRows, FactRows, NewRows, equal, move_counts, pairs, select
from sitlog.domain.exchange_revisions import AGREEMENT
from sitlog.domain.prisoner_exchange import ExchangeStatus, Numbers, PrisonerExchange
from sitlog.domain.values import Source

CHANGES = "exchange_changes"
SPELLS = "exchange_spells"
COUNTS = "exchange_status_counts"
OPEN = "9999-12-31"  # the valid_to of an exchange's last span: it lasts until a later step
_X = "exchange_id TEXT NOT NULL, reference TEXT NOT NULL, agreed_on TEXT NOT NULL"
# Each number's wording (as the source gave it, when otherwise than it prints) is a column added later.
_NUMBERS = "total INTEGER, released_by_ukraine INTEGER, released_by_russia INTEGER"
_WORDING = ("total_wording", "released_by_ukraine_wording", "released_by_russia_wording")
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
    f"CREATE TABLE IF NOT EXISTS exchange_corroborations ({_X}, version INTEGER NOT NULL, "
    f"item INTEGER NOT NULL, {_SOURCE}, {BITEMPORAL_COLUMNS})",
    "CREATE INDEX IF NOT EXISTS exchange_corroborations_key ON exchange_corroborations (exchange_id)",
    # ``item``: the number of the step a change names (the agreement's, 1, for the whole exchange).
    f"CREATE TABLE IF NOT EXISTS {CHANGES} ({_X}, version INTEGER NOT NULL, record TEXT NOT NULL, "
    "kind TEXT NOT NULL, changes TEXT NOT NULL, reason TEXT NOT NULL, operator TEXT NOT NULL, "
    "recorded_at TEXT NOT NULL, item INTEGER)",
    f"CREATE INDEX IF NOT EXISTS {CHANGES}_recorded ON {CHANGES} (recorded_at)",
    f"CREATE TABLE IF NOT EXISTS {SPELLS} (exchange_id TEXT NOT NULL, reference TEXT NOT NULL, "
    "valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, status TEXT NOT NULL, since TEXT NOT NULL, "
    f"{BITEMPORAL_COLUMNS})",
    f"CREATE INDEX IF NOT EXISTS {SPELLS}_key ON {SPELLS} (exchange_id, recorded_from)",
    # The present's reads (the spans pending, or recent, on a date) go through current rows only: a
    # span replaced by a later step (an agreement's open span, once completed) is never read again.
    f"CREATE INDEX IF NOT EXISTS {SPELLS}_status ON {SPELLS} (status, valid_to) WHERE recorded_to IS NULL",
    f"CREATE INDEX IF NOT EXISTS {SPELLS}_since ON {SPELLS} (since) WHERE recorded_to IS NULL",
    f"CREATE TABLE IF NOT EXISTS {COUNTS} (level TEXT NOT NULL, period TEXT NOT NULL, "
    f"status TEXT NOT NULL, net INTEGER NOT NULL, {BITEMPORAL_COLUMNS})",
    f"CREATE INDEX IF NOT EXISTS {COUNTS}_key ON {COUNTS} (level, period, status, recorded_from)",
    f"CREATE UNIQUE INDEX IF NOT EXISTS {COUNTS}_current ON {COUNTS} (level, period, status) "
    "WHERE recorded_to IS NULL",
)


_REVISIONS = (PrisonerExchange.AgreementCorrected, PrisonerExchange.StepCorrected,
              PrisonerExchange.StepRetracted)
# A step as the changes name it.
_STEP_NAMES = {"completed": "completion", "postponed": "postponement", "cancelled": "cancellation",
               "agreed": "agreement"}


def _numbers(numbers: Numbers | None) -> dict[str, Any]:
    return numbers.model_dump() if numbers is not None else dict.fromkeys(Numbers.model_fields)


def _source(source: Source | None) -> dict[str, Any]:
    return {"source": source.name if source else None, "source_url": source.url if source else None}


def _exchange(row: dict[str, Any]) -> str:
    return str(row["exchange_id"])


def _step_date(e: PrisonerExchange.Event) -> date | None:
    """The date an event gives a step."""
    if isinstance(e, PrisonerExchange.Agreed):
        return e.agreed_on
    if isinstance(e, PrisonerExchange.Completed):
        return e.completed_on
    if isinstance(e, PrisonerExchange.Postponed | PrisonerExchange.Cancelled
                  | PrisonerExchange.StepCorrected):
        return e.on
    return None


def spells(steps: Sequence[Row]) -> list[Row]:
    """An exchange's spans of dates over which its latest step (by number) dated up to the day stays
    the same, from its current step rows: each from a step's date to the next span's first day."""
    found: list[Row] = []
    latest: Row | None = None
    for day in sorted({step["step_on"] for step in steps}):
        latest_now = max((s for s in steps if s["step_on"] <= day), key=lambda s: int(s["version"]))
        if latest is not None and latest_now["version"] == latest["version"]:
            continue
        if found:
            found[-1]["valid_to"] = day
        latest = latest_now
        found.append({"valid_from": day, "valid_to": OPEN, "status": latest["step"],
                      "since": latest["step_on"], "reference": latest["reference"]})
    return found


class ExchangeProjection(Projection):
    name = "exchanges"
    version = VERSIONS[name]
    events = PrisonerExchange.Event
    tables = ("exchanges", "exchange_steps", "exchange_corroborations", CHANGES, SPELLS, COUNTS)
    ddl = _DDL
    added_columns = (*((table, column, "TEXT") for table in ("exchanges", "exchange_steps")
                       for column in _WORDING), (CHANGES, "item", "INTEGER"))

    def __init__(self) -> None:
        self._exchanges = CurrentRows("exchanges", ("exchange_id",), _exchange, equal("exchange_id"))
        self._steps = CurrentRows("exchange_steps", ("exchange_id", "version"), _exchange,
                                  equal("exchange_id"))
        self._corroborations = NewRows("exchange_corroborations")
        self._changes = FactRows(CHANGES)
        self._spells = CurrentRows(SPELLS, ("exchange_id", "valid_from"), _exchange, equal("exchange_id"))
        self._counts = CurrentRows(COUNTS, ("level", "period", "status"),
                                   lambda row: (row["level"], row["period"]), pairs("level", "period"))
        super().__init__([self._exchanges, self._steps, self._corroborations, self._changes, self._spells,
                          self._counts])
        # The reference and date of the agreement of each exchange in the batch.
        self._agreements: dict[str, Any] = {}

    def handlers(self) -> dict[type, Handler]:
        return {
            PrisonerExchange.Agreed: self._agreed,
            PrisonerExchange.Completed: self._completed,
            PrisonerExchange.Postponed: self._postponed,
            PrisonerExchange.Cancelled: self._cancelled,
            PrisonerExchange.AgreementCorrected: self._agreement_corrected,
            PrisonerExchange.StepCorrected: self._step_corrected,
            PrisonerExchange.StepRetracted: self._step_retracted,
            PrisonerExchange.Corroborated: self._corroborated,
        }

    def prepare(self, tx: Tx, events: Sequence[Any]) -> None:
        super().prepare(tx, events)
        self._agreements.clear()
        mine = [e for e in events if isinstance(e, PrisonerExchange.Event)]
        touched = {aggregate_id(e) for e in mine}
        unknown = touched - {aggregate_id(e) for e in mine if isinstance(e, PrisonerExchange.Agreed)}
        # Only a revision reads an exchange's agreement: the others add rows under new numbers. Every
        # change of steps reads the exchange's steps and spans, to recompute its spans.
        revised = {aggregate_id(e) for e in mine if isinstance(e, _REVISIONS)}
        self._exchanges.load(tx, revised)
        for exchange_id in touched - revised:
            self._exchanges.empty(exchange_id)
        for table in (self._steps, self._spells):
            table.load(tx, unknown)
            for exchange_id in touched - unknown:
                table.empty(exchange_id)
        # The days whose counts the batch may change: every span begins or ends on a step's date.
        days = {step["step_on"] for exchange_id in unknown for step in self._steps.rows(exchange_id)}
        days |= {d.isoformat() for d in map(_step_date, mine) if d is not None}
        self._counts.load(tx, {part for day in days for part in periods(day)})
        if unknown:
            query = "SELECT exchange_id, reference, agreed_on FROM exchanges WHERE {where}"
            for row in select(tx, query, equal("exchange_id"), unknown):
                self._agreements[row.pop("exchange_id")] = row

    def _agreed(self, e: PrisonerExchange.Agreed) -> None:
        row = {"exchange_id": aggregate_id(e), "reference": e.reference,
               "agreed_on": e.agreed_on.isoformat()}
        self._exchanges.put(row["exchange_id"], {"exchange_id": row["exchange_id"]}, {
            **row, **_numbers(e.numbers), "mediator": e.mediator, "negotiation": e.negotiation,
            **_source(e.source)}, e.timestamp)
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
        key = {"exchange_id": exchange_id, "version": e.originator_version}
        self._steps.put(exchange_id, key, {
            **agreement, "step": step.value, "step_on": on.isoformat(), **_numbers(numbers),
            "reason": reason, **_source(source)}, e.timestamp)
        self._respell(exchange_id, e.timestamp)

    def _respell(self, exchange_id: str, at: datetime) -> None:
        """The exchange's spans recomputed from its steps; the counts moved by the difference."""
        now = {row["valid_from"]: row for row in spells(list(self._steps.rows(exchange_id)))}
        net: Counter[tuple[str, str]] = Counter()
        for old in list(self._spells.rows(exchange_id)):
            new = now.pop(old["valid_from"], None)
            if new is not None and all(new[k] == old[k] for k in new):
                continue  # unchanged
            net[old["valid_from"], old["status"]] -= 1
            if old["valid_to"] != OPEN:
                net[old["valid_to"], old["status"]] += 1
            if new is None:
                self._spells.close(exchange_id, old, at)
            else:
                now[new["valid_from"]] = new  # put below, replacing the old span
        for new in now.values():
            self._spells.put(exchange_id, {"exchange_id": exchange_id, "valid_from": new["valid_from"]},
                             {k: v for k, v in new.items() if k != "valid_from"}, at)
            net[new["valid_from"], new["status"]] += 1
            if new["valid_to"] != OPEN:
                net[new["valid_to"], new["status"]] -= 1
        for (day, status), n in net.items():
            if n:
                self._count(day, status, n, at)

    def _count(self, day: str, status: str, delta: int, at: datetime) -> None:
        move_counts(self._counts, day, {"status": status}, {"net": delta}, at)

    # -- revisions ---------------------------------------------------------------------

    def _current(self, rows: CurrentRows, e: PrisonerExchange.Event, version: int | None = None) -> Row:
        exchange_id = aggregate_id(e)
        key = {"exchange_id": exchange_id} if version is None else {"exchange_id": exchange_id,
                                                                     "version": version}
        row = rows.get(exchange_id, key)
        assert row is not None, f"{rows.table}: no current row for {key}"  # the aggregate decided on it
        return {k: v for k, v in row.items() if k not in ("recorded_from", "recorded_to")}

    def _replace(self, rows: CurrentRows, row: Row, at: datetime) -> None:
        key = {k: row[k] for k in rows.key}
        rows.put(row["exchange_id"], key, {k: v for k, v in row.items() if k not in key}, at)

    def _agreement_corrected(self, e: PrisonerExchange.AgreementCorrected) -> None:
        agreement = self._current(self._exchanges, e)
        self._replace(self._exchanges, {**agreement, **_numbers(e.numbers), "mediator": e.mediator,
                                        "negotiation": e.negotiation}, e.timestamp)
        step = self._current(self._steps, e, AGREEMENT)
        self._replace(self._steps, {**step, **_numbers(e.numbers)}, e.timestamp)
        self._change(e, "agreement", "corrected", [c.model_dump() for c in e.changes], AGREEMENT)

    def _step_corrected(self, e: PrisonerExchange.StepCorrected) -> None:
        step = self._current(self._steps, e, e.item)
        self._replace(self._steps, {**step, "step_on": e.on.isoformat(), **_numbers(e.numbers),
                                    "reason": e.stated}, e.timestamp)
        self._respell(step["exchange_id"], e.timestamp)
        self._change(e, _STEP_NAMES[step["step"]], "corrected", [c.model_dump() for c in e.changes], e.item)

    def _step_retracted(self, e: PrisonerExchange.StepRetracted) -> None:
        if e.item == AGREEMENT:  # the whole exchange
            exchange_id = aggregate_id(e)
            self._exchanges.close(exchange_id, {"exchange_id": exchange_id}, e.timestamp)
            for step in list(self._steps.rows(exchange_id)):
                self._steps.close(exchange_id, step, e.timestamp)
            self._respell(exchange_id, e.timestamp)
            self._change(e, "exchange", "retracted", [], AGREEMENT)
            return
        step = self._current(self._steps, e, e.item)
        self._steps.close(step["exchange_id"], step, e.timestamp)
        self._respell(step["exchange_id"], e.timestamp)
        self._change(e, _STEP_NAMES[step["step"]], "retracted", [], e.item)

    def _corroborated(self, e: PrisonerExchange.Corroborated) -> None:
        exchange_id = aggregate_id(e)
        self._corroborations.add({"exchange_id": exchange_id, **self._agreements[exchange_id],
                                  "version": e.originator_version, "item": e.item, **_source(e.source)},
                                 e.timestamp)

    def _change(self, e: Any, record: str, kind: str, changes: list[dict[str, Any]], item: int) -> None:
        exchange_id = aggregate_id(e)
        self._changes.add({"exchange_id": exchange_id, **self._agreements[exchange_id],
                           "version": e.originator_version, "item": item, "record": record, "kind": kind,
                           "changes": json_text(changes), "reason": e.reason, "operator": e.operator},
                          e.timestamp)
