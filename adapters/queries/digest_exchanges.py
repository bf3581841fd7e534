"""The digest's prisoner exchanges: each exchange agreed, completed, postponed or cancelled on the
day, as of the end of the day, with the gap since the previous exchange carried out."""

from datetime import date, datetime

from sitlog.adapters.db import Tx
from sitlog.adapters.projections.bitemporal import known_at_clause
from sitlog.adapters.queries.exchanges import exchange_fields, previous_completion
from sitlog.adapters.read_models.digest_parts import ExchangeDay, PreviousCompletion
from sitlog.domain.prisoner_exchange import gap_phrase, whole_months

_NOT_OF_THE_DIGEST = ("previous_exchange", "days_since_previous", "months_since_previous", "since_previous",
                      "reference", "status_since")


def exchanges_of_the_day(tx: Tx, day: date, known_at: datetime | None) -> list[ExchangeDay]:
    """By reference; an exchange with two steps on the day (agreed and completed) shows the later."""
    clause, params = known_at_clause(known_at)
    steps = tx.all(f"SELECT exchange_id, reference, step FROM exchange_steps WHERE step_on = :day "
                   f"AND {clause} ORDER BY reference, version", {**params, "day": day.isoformat()})
    events = {(s["exchange_id"], s["reference"]): s["step"] for s in steps}  # the last step wins
    found = []
    for (exchange_id, reference), event in events.items():
        _, fields = exchange_fields(tx, reference, day, known_at)
        previous = previous_completion(tx, day, exchange_id, known_at)
        before = date.fromisoformat(previous["step_on"]) if previous else None
        days = (day - before).days if before else None
        phrase = gap_phrase(before, day) if before else "no earlier exchange carried out in the log"
        found.append(ExchangeDay(
            reference=reference, event=event,
            **{k: v for k, v in fields.items() if k not in _NOT_OF_THE_DIGEST},
            previous_completion=PreviousCompletion(reference=previous["reference"],
                                                   completed_on=previous["step_on"]) if previous else None,
            days_since_previous=days,
            months_since_previous=whole_months(before, day) if before else None,
            since_previous=f"{phrase} ({days} days)" if before and whole_months(before, day) else phrase,
        ))
    return found
