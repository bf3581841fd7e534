"""The digest's casualty estimates: those reported on the day, each with its source's previous
figure in the series and the change, and the other sources' latest figures beside it."""

from datetime import date, datetime

from sitlog.adapters.db import Tx
from sitlog.adapters.projections.bitemporal import known_at_clause
from sitlog.adapters.projections.estimates import ESTIMATES
from sitlog.adapters.queries.estimates import COLUMNS, change_since, estimate, latest_estimates
from sitlog.adapters.read_models.digest_parts import EstimateDay
from sitlog.adapters.read_models.estimates import EstimateEntry


def estimates_of_the_day(tx: Tx, day: date, known_at: datetime | None) -> list[EstimateDay]:
    """Estimates whose report date is ``day`` (retracted ones left out), by series, then source."""
    clause, params = known_at_clause(known_at)
    rows = tx.all(f"SELECT {COLUMNS} FROM {ESTIMATES} WHERE reported = :day AND status <> 'retracted' "
                  f"AND {clause} ORDER BY series, source, as_of", {**params, "day": day.isoformat()})
    latest: dict[str, list[EstimateEntry]] = {}
    found = []
    for row in rows:
        # The source's standing figure before this one: the latest earlier as-of date (one seek on
        # the index (series, source, as_of, recorded_from)).
        previous = tx.one(
            f"SELECT {COLUMNS} FROM {ESTIMATES} WHERE series = :series AND source = :source "
            f"AND as_of < :as_of AND status <> 'retracted' AND {clause} ORDER BY as_of DESC LIMIT 1",
            {**params, "series": row["series"], "source": row["source"], "as_of": row["as_of"]})
        if row["series"] not in latest:
            latest[row["series"]] = latest_estimates(tx, series=row["series"], as_of=day, known_at=known_at)
        found.append(EstimateDay(
            estimate=EstimateEntry(**estimate(row)),
            previous=EstimateEntry(**estimate(previous)) if previous else None,
            since_previous=change_since(previous, row) if previous else None,
            others=[e for e in latest[row["series"]] if e.source != row["source"]],
        ))
    return found
