"""The digest's casualty estimates: those reported on the day, each with its source's previous
figure in the series and the change, and the other sources' latest figures beside it."""

from datetime import date, datetime
from typing import Any

from sitlog.adapters.db import Row, Tx
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
    for row, previous in zip(rows, _previous(tx, rows, clause, params), strict=True):
        if row["series"] not in latest:
            latest[row["series"]] = latest_estimates(tx, series=row["series"], as_of=day, known_at=known_at)
        found.append(EstimateDay(
            estimate=EstimateEntry(**estimate(row)),
            previous=EstimateEntry(**estimate(previous)) if previous else None,
            since_previous=change_since(previous, row) if previous else None,
            others=[e for e in latest[row["series"]] if e.source != row["source"]],
        ))
    return found


def _previous(tx: Tx, rows: list[Row], clause: str, params: dict[str, Any]) -> list[Row | None]:
    """Each row's source's standing figure before it: the latest earlier as-of date in its series
    (one seek each on the index (series, source, as_of, recorded_from)); on PostgreSQL all in one
    statement, a lateral join over the rows (a query each was a round trip each)."""
    def earlier(series: str, source: str, as_of: str) -> str:
        return (f"SELECT {COLUMNS} FROM {ESTIMATES} e WHERE e.series = {series} AND e.source = {source} "
                f"AND e.as_of < {as_of} AND e.status <> 'retracted' AND {clause} "
                "ORDER BY e.as_of DESC LIMIT 1")

    if tx.dialect != "postgresql":
        return [tx.one(earlier(":series", ":source", ":as_of"),
                       {**params, "series": row["series"], "source": row["source"], "as_of": row["as_of"]})
                for row in rows]
    if not rows:
        return []
    found = tx.all(
        "SELECT k.i AS row_index, p.* FROM unnest(:series::text[], :source::text[], :as_of::text[]) "
        "WITH ORDINALITY AS k(series, source, as_of, i) CROSS JOIN LATERAL "
        f"({earlier('k.series', 'k.source', 'k.as_of')}) AS p",
        {**params, "series": [r["series"] for r in rows], "source": [r["source"] for r in rows],
         "as_of": [r["as_of"] for r in rows]})
    by_index: dict[int, Row] = {int(r.pop("row_index")) - 1: r for r in found}
    return [by_index.get(i) for i in range(len(rows))]
