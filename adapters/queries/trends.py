"""The dashboard's trends: 90 nights of daily summaries per attacker (its primary source, by
category), and the standing count estimates of every series, per source.

Each attacker's source is chosen as the digest's trends choose it (the desk's preferred source,
else the one with the most nights). The nights are one query over the daily summaries' valid
dates; the estimates one query over the estimates' current rows (or those current at
``known_at``), as-of dates up to the end.
"""

from datetime import date, datetime, timedelta

from sitlog.adapters.db import Tx
from sitlog.adapters.projections.bitemporal import known_at_clause, when
from sitlog.adapters.projections.estimates import ESTIMATES, claim_text
from sitlog.adapters.projections.summaries import CASUALTIES, DAILY, as_int
from sitlog.adapters.queries.digest_trends import primary_source
from sitlog.adapters.read_models.trends import (
    AttackerNights,
    CategoryNight,
    CategoryTrend,
    EstimatePoint,
    SeriesTrend,
    SourceLine,
    TrendsReport,
)

NIGHTS = 90

# source -> category -> nights
_Sources = dict[str, dict[str, list[CategoryNight]]]


def trends_report(tx: Tx, end: date, known_at: datetime | None) -> TrendsReport:
    start = end - timedelta(days=NIGHTS - 1)
    return TrendsReport(start=start, end=end, known_at=known_at,
                        attackers=_attackers(tx, start, end, known_at),
                        series=_series(tx, end, known_at))


def _attackers(tx: Tx, start: date, end: date, known_at: datetime | None) -> list[AttackerNights]:
    clause, params = known_at_clause(known_at)
    found: dict[str, _Sources] = {}
    for row in tx.all(
        f"SELECT day, attacker, source, category, launched, destroyed FROM {DAILY} "
        f"WHERE day >= :start AND day <= :end AND category <> '{CASUALTIES}' AND {clause} "
        "ORDER BY attacker, source, category, day",
        {**params, "start": start.isoformat(), "end": end.isoformat()},
    ):
        launched, destroyed = as_int(row["launched"]), as_int(row["destroyed"])
        if launched is None and destroyed is None:
            continue
        night = CategoryNight(date=date.fromisoformat(row["day"]), launched=launched, destroyed=destroyed)
        found.setdefault(row["attacker"], {}).setdefault(row["source"], {}).setdefault(
            row["category"], []).append(night)
    attackers = []
    for attacker, sources in sorted(found.items()):
        nights = {source: {n.date for nights in categories.values() for n in nights}
                  for source, categories in sources.items()}
        source, because = primary_source(attacker, nights, {})
        categories = sources.get(source, {})
        attackers.append(AttackerNights(
            attacker=attacker, source=source, chosen_because=because,
            categories=[CategoryTrend.model_validate({"category": name, "nights": categories[name]})
                        for name in sorted(categories)]))
    return attackers


def _series(tx: Tx, end: date, known_at: datetime | None) -> list[SeriesTrend]:
    current, params = when("as_of", end, known_at)
    lines: dict[str, dict[str, list[EstimatePoint]]] = {}
    for row in tx.all(
        "SELECT series, source, as_of, kind, value, qualifier, low, best, high, percent, period_start, "
        f"period_end, baseline_start, baseline_end FROM {ESTIMATES} "
        f"WHERE kind = 'count' AND status <> 'retracted' AND {current} ORDER BY series, source, as_of",
        params,
    ):
        lines.setdefault(row["series"], {}).setdefault(row["source"], []).append(EstimatePoint(
            as_of=date.fromisoformat(row["as_of"]), value=row["value"], qualifier=row["qualifier"],
            low=row["low"], best=row["best"], high=row["high"], text=claim_text(row)))
    return [SeriesTrend(series=series, sources=[SourceLine(source=s, points=p) for s, p in sources.items()])
            for series, sources in lines.items()]
