"""Reading prisoner exchanges from their read tables, as of a date and as known at a moment.

Derived facts are computed here from the rows: the status on a date, the difference between
the numbers agreed and released, and the gap since the previous exchange (the latest agreement
or completion of any other exchange strictly before this one's agreement date).
"""

from bisect import bisect_left
from datetime import date, datetime, timedelta
from typing import Any

from sitlog.adapters.db import Row, Tx
from sitlog.adapters.projections.bitemporal import known_at_clause, up_to, when
from sitlog.adapters.projections.exchanges import CHANGES, COUNTS, SPELLS
from sitlog.adapters.queries.history import history
from sitlog.adapters.queries.negotiations import qualified
from sitlog.adapters.queries.revisions import record_changes
from sitlog.adapters.read_models.common import SourceRef
from sitlog.adapters.read_models.exchanges import (
    ExchangeDetail,
    ExchangeRetraction,
    ExchangeShown,
    ExchangesOverview,
    LastExchange,
)
from sitlog.domain.errors import NotFound
from sitlog.domain.prisoner_exchange import (
    Numbers,
    PrisonerExchange,
    gap_phrase,
    parse_reference,
    whole_months,
)

_SIDES = ("released_by_ukraine", "released_by_russia")
# What counts as "an exchange" when measuring the gap between exchanges: an agreement or a
# completion, of an exchange not cancelled (as known then, whenever the cancellation was dated: an
# agreement that came to nothing was no exchange).
_MILESTONES = "step IN ('agreed', 'completed')"


def _not_cancelled(known_at: datetime | None, alias: str = "") -> tuple[str, dict[str, Any]]:
    clause, params = known_at_clause(known_at, "c")
    p = f"{alias}." if alias else ""
    return (f"NOT EXISTS (SELECT 1 FROM exchange_steps c WHERE c.exchange_id = {p}exchange_id "
            f"AND c.step = 'cancelled' AND {clause})", params)


Corroborations = dict[tuple[str, int], list[SourceRef]]


def corroborations(tx: Tx, known_at: datetime | None, exchange_id: str | None = None) -> Corroborations:
    """The sources corroborating each step, by (exchange id, step number), oldest first."""
    clause, params = known_at_clause(known_at)
    if exchange_id is not None:
        clause, params = clause + " AND exchange_id = :xid", {**params, "xid": exchange_id}
    found: Corroborations = {}
    for row in tx.all(f"SELECT exchange_id, item, source, source_url FROM exchange_corroborations "
                      f"WHERE {clause} ORDER BY version", params):
        found.setdefault((row["exchange_id"], int(row["item"])), []).append(
            SourceRef(name=row["source"], url=row["source_url"]))
    return found


def _source(row: Row) -> SourceRef | None:
    return SourceRef(name=row["source"], url=row["source_url"]) if row["source"] else None


def _numbers(row: Row) -> dict[str, Any]:
    numbers = Numbers(**{k: row[k] for k in ("total", *_SIDES)})
    worded = {k: row[f"{k}_wording"] for k in ("total", *_SIDES) if row.get(f"{k}_wording")}
    return {"total": numbers.overall, **{side: row[side] for side in _SIDES}, "wording": worded or None}


def _difference(agreed: dict[str, Any], released: dict[str, Any]) -> dict[str, Any]:
    diff = {k: released[k] - agreed[k] if released[k] is not None and agreed[k] is not None else None
            for k in ("total", *_SIDES)}
    d, a, r = diff["total"], agreed["total"], released["total"]
    if d is None:
        summary = "not comparable: the totals agreed and released are not both known"
    elif d == 0:
        summary = f"released as agreed ({r})"
    else:
        summary = f"{abs(d)} {'fewer' if d < 0 else 'more'} released than agreed ({r} released, {a} agreed)"
    return {**diff, "summary": summary}


def _gap(previous: Row | None, agreed_on: str) -> dict[str, Any]:
    current = date.fromisoformat(agreed_on)
    before = date.fromisoformat(previous["step_on"]) if previous else None
    return {
        "previous_exchange": {"reference": previous["reference"], "event": previous["step"],
                              "date": previous["step_on"]} if previous else None,
        "days_since_previous": (current - before).days if before else None,
        "months_since_previous": whole_months(before, current) if before else None,
        "since_previous": gap_phrase(before, current),
    }


def _document(agreement: Row, steps: list[Row], previous: Row | None,
              corroborated: Corroborations) -> dict[str, Any]:
    """The fields of an ``ExchangeDetail``."""
    xid = agreement["exchange_id"]
    last = max(steps, key=lambda s: s["version"])
    agreed = _numbers(agreement)
    completed = next((s for s in steps if s["step"] == "completed"), None)
    cancelled = next((s for s in steps if s["step"] == "cancelled"), None)
    released = _numbers(completed) if completed else None
    return {
        "reference": agreement["reference"],
        "status": last["step"],
        "status_since": last["step_on"],
        "agreed": {"date": agreement["agreed_on"], **agreed, "mediator": agreement["mediator"],
                   "negotiation": agreement["negotiation"], "source": _source(agreement),
                   "corroborated_by": corroborated.get((xid, 1), [])},
        "completed": {"date": completed["step_on"], **released, "source": _source(completed),
                      "corroborated_by": corroborated.get((xid, int(completed["version"])), [])}
        if completed and released else None,
        "difference": _difference(agreed, released) if released else None,
        "postponements": [{"date": s["step_on"], "reason": s["reason"], "source": _source(s)}
                          for s in steps if s["step"] == "postponed"],
        "cancelled": {"date": cancelled["step_on"], "reason": cancelled["reason"],
                      "source": _source(cancelled)} if cancelled else None,
        **_gap(previous, agreement["agreed_on"]),
    }


def exchange(
    tx: Tx, reference: str, *, as_of: date | None = None, known_at: datetime | None = None,
    with_history: bool = False,
) -> ExchangeShown:
    """One exchange: agreement, completion and the difference, and the gap since the previous one; a
    retracted one as it stood just before its retraction, with the retraction."""
    xid = str(PrisonerExchange.create_id(parse_reference(reference)[0]))
    corrections = record_changes(tx, CHANGES, xid, known_at)
    # The withdrawal of the whole exchange, if the log knew of one then: shown as it stood before it.
    retraction = next((c for c in reversed(corrections) if (c.record, c.kind) == ("exchange", "retracted")),
                      None)
    before = known_at if retraction is None else retraction.recorded_at - timedelta(microseconds=1)
    _, fields = exchange_fields(tx, reference, as_of, before)
    retracted = None if retraction is None else ExchangeRetraction(
        reason=retraction.reason, recorded_at=retraction.recorded_at, operator=retraction.operator)
    return ExchangeShown(**fields, retracted=retracted, corrections=corrections,
                         history=history(tx, xid, "exchanges", known_at) if with_history else None)


def exchange_fields(
    tx: Tx, reference: str, as_of: date | None, known_at: datetime | None,
) -> tuple[str, dict[str, Any]]:
    """An exchange's id and the fields of its ``ExchangeDetail``."""
    reference, _ = parse_reference(reference)
    xid = str(PrisonerExchange.create_id(reference))
    clause, params = when("agreed_on", as_of, known_at)
    agreement = tx.one(f"SELECT * FROM exchanges WHERE exchange_id = :xid AND {clause}",
                       {**params, "xid": xid})
    if agreement is None:
        raise NotFound(qualified(f"exchange {reference} not found", as_of, known_at))
    clause, params = when("step_on", as_of, known_at)
    steps = tx.all(f"SELECT * FROM exchange_steps WHERE exchange_id = :xid AND {clause} "
                   "ORDER BY step_on, version", {**params, "xid": xid})
    clause, params = when("s.step_on", None, known_at, alias="s")
    kept, more = _not_cancelled(known_at, alias="s")
    previous = tx.one(
        f"SELECT s.reference, s.step, s.step_on FROM exchange_steps s WHERE s.{_MILESTONES} "
        f"AND s.step_on < :agreed_on AND s.exchange_id <> :xid AND {clause} AND {kept} "
        "ORDER BY s.step_on DESC, s.reference DESC LIMIT 1",
        {**params, **more, "xid": xid, "agreed_on": agreement["agreed_on"]})
    return xid, _document(agreement, steps, previous, corroborations(tx, known_at, xid))


def previous_completion(tx: Tx, before: date, exchange_id: str, known_at: datetime | None) -> Row | None:
    """The latest completion of another exchange strictly before ``before`` (reference, step_on).

    The digest's "first exchange in N months" counts exchanges carried out only: an agreement,
    which may yet be cancelled, is not an exchange (``previous_exchange`` above, for ``exchange
    show``, counts agreements too, as documented in the guide).
    """
    clause, params = when("step_on", None, known_at)
    return tx.one(
        f"SELECT reference, step_on FROM exchange_steps WHERE step = 'completed' AND step_on < :before "
        f"AND exchange_id <> :xid AND {clause} ORDER BY step_on DESC, reference DESC LIMIT 1",
        {**params, "xid": exchange_id, "before": before.isoformat()})


def exchanges(
    tx: Tx, *, status: str | None = None, negotiation: str | None = None, as_of: date | None = None,
    known_at: datetime | None = None,
) -> list[ExchangeDetail]:
    """Every exchange agreed by ``as_of`` with its status then and the gap since the previous one."""
    clause, params = when("agreed_on", as_of, known_at)
    if negotiation is not None:
        clause, params = clause + " AND negotiation = :negotiation", {**params, "negotiation": negotiation}
    agreements = tx.all(f"SELECT * FROM exchanges WHERE {clause} ORDER BY agreed_on, reference", params)
    clause, params = when("step_on", as_of, known_at)
    steps = tx.all(f"SELECT * FROM exchange_steps WHERE {clause} ORDER BY step_on, reference, version",
                   params)
    by_exchange: dict[str, list[Row]] = {}
    for step in steps:
        by_exchange.setdefault(step["exchange_id"], []).append(step)
    # An exchange's own steps are never before its agreement: the latest milestone
    # strictly before that date is always another exchange's.
    cancelled = _cancelled_ids(tx, known_at)
    milestones = [s for s in steps
                  if s["step"] in ("agreed", "completed") and s["exchange_id"] not in cancelled]
    corroborated = corroborations(tx, known_at)
    dates = [s["step_on"] for s in milestones]
    rows = []
    for agreement in agreements:
        i = bisect_left(dates, agreement["agreed_on"])
        doc = _document(agreement, by_exchange[agreement["exchange_id"]], milestones[i - 1] if i else None,
                        corroborated)
        if status is None or doc["status"] == status:
            rows.append(ExchangeDetail(**doc))
    return rows


def _cancelled_ids(tx: Tx, known_at: datetime | None) -> set[str]:
    clause, params = known_at_clause(known_at)
    return {row["exchange_id"] for row in tx.all(
        f"SELECT exchange_id FROM exchange_steps WHERE step = 'cancelled' AND {clause}", params)}


def overview(tx: Tx, as_of: date, known_at: datetime | None = None) -> ExchangesOverview:
    """Exchanges as of a date: counts by status, those still pending, those of the last 30 days,
    and the days since the last one (agreed or completed). Reads only the steps it shows."""
    clause, params = when("s.step_on", as_of, known_at, alias="s")
    kept, more = _not_cancelled(known_at, alias="s")
    last = tx.one(
        f"SELECT s.reference, s.step, s.step_on FROM exchange_steps s WHERE s.{_MILESTONES} "
        f"AND {clause} AND {kept} ORDER BY s.step_on DESC, s.reference DESC LIMIT 1", {**params, **more})
    # A status is the exchange's latest step dated up to the date: its span (exchange_spells) holds
    # the date. The counts by status add up the counts' periods up to it, the pending and the
    # recent are read through the spans' indexes of current rows: a few rows, however long the log.
    current, at = known_at_clause(known_at)
    periods, bounds = up_to(as_of)
    counts = {status: 0 for status in ("agreed", "postponed", "completed", "cancelled")}
    for row in tx.all(f"SELECT status, SUM(net) AS n FROM {COUNTS} WHERE {periods} AND {current} "
                      "GROUP BY status", {**at, **bounds}):
        counts[row["status"]] += int(row["n"])
    day, month_ago = as_of.isoformat(), (as_of - timedelta(days=29)).isoformat()
    holds = f"valid_from <= :day AND valid_to > :day AND {current}"
    shown = sorted({r["reference"] for r in tx.all(
        f"SELECT reference FROM {SPELLS} WHERE status IN ('agreed', 'postponed') AND {holds} UNION "
        f"SELECT reference FROM {SPELLS} WHERE since >= :month_ago AND since <= :day AND {holds}",
        {**at, "day": day, "month_ago": month_ago})})
    docs = [ExchangeDetail(**exchange_fields(tx, reference, as_of, known_at)[1]) for reference in shown]
    return ExchangesOverview(
        last=LastExchange(date=last["step_on"], reference=last["reference"], event=last["step"])
        if last else None,
        days_since_last=(as_of - date.fromisoformat(last["step_on"])).days if last else None,
        counts=counts,
        pending=[d for d in docs if d.status in ("agreed", "postponed")],
        last_30_days=[d for d in docs if d.status_since.isoformat() >= month_ago],
    )
