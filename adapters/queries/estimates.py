"""Casualty estimates as analysts read them, from the read tables only.

``as_of`` keeps estimates whose figure refers to a date up to it; ``known_at`` reads the
rows that were current at that moment. Sources are never merged or averaged.
"""

from datetime import date, datetime
from decimal import Decimal
from itertools import groupby
from typing import Any

from sitlog.adapters.db import Row, Tx
from sitlog.adapters.projections.bitemporal import known_at_clause, when
from sitlog.adapters.projections.estimates import ESTIMATES, SERIES, SOURCES, change_of, claim_text, figure_of
from sitlog.adapters.read_models.estimates import (
    ChangeSincePrevious,
    EstimateEntry,
    EstimateFigure,
    EstimateStep,
    PeriodSpan,
    RelativeClaim,
    SeriesDetail,
    SourceEstimates,
)
from sitlog.domain.casualty_estimate import series_key
from sitlog.domain.errors import NotFound
from sitlog.domain.relative_change import Period
from sitlog.domain.text import folded
from sitlog.domain.values import Qualifier

COLUMNS = (
    "series, source, as_of, reported, kind, value, qualifier, low, best, high, percent, period_start, "
    "period_end, baseline_start, baseline_end, url, statement, status, reason, replaces, operator, wording, "
    "as_of_precision, reported_precision, "
    "recorded_from"
)


def latest_estimates(
    tx: Tx, *, series: str | None = None, subject: str | None = None, source: str | None = None,
    as_of: date | None = None, known_at: datetime | None = None, published_by: date | None = None,
) -> list[EstimateEntry]:
    """Per series and source, the estimate with the latest as-of date (retracted ones left out);
    with ``published_by``, among those the source reported on or before that date.

    The (series, source) pairs are few; for each, one backward seek on the index
    (series, source, as_of, recorded_from) finds the answer, however long the history: on
    PostgreSQL all in one statement (a lateral join: a query per pair was a round trip each, most
    of a `state`), on SQLite one query per pair (no lateral joins; a query costs no round trip).
    """
    filters, params = [], {}
    for column, wanted in (("series", series), ("subject", subject)):
        if wanted is not None:
            filters.append(f"s.{column} = :{column}")
            params[column] = wanted
    where = f"WHERE {' AND '.join(filters)}" if filters else ""
    current, more = when("as_of", as_of, known_at)
    if published_by is not None:
        current += " AND reported <= :published_by"
        more = {**more, "published_by": published_by.isoformat()}

    def latest_of(series: str, source: str) -> str:
        return (f"SELECT {COLUMNS} FROM {ESTIMATES} e WHERE e.series = {series} AND e.source = {source} "
                f"AND e.status <> 'retracted' AND {current} ORDER BY e.as_of DESC LIMIT 1")

    if tx.dialect == "postgresql":
        rows = tx.all(f"SELECT latest.* FROM {SOURCES} s CROSS JOIN LATERAL "
                      f"({latest_of('s.series', 's.source')}) AS latest {where}", {**params, **more})
        latest = _of_source(rows, source)
    else:
        pairs = _of_source(tx.all(f"SELECT s.series, s.source FROM {SOURCES} s {where}", params), source)
        latest = []
        for pair in pairs:
            row = tx.one(latest_of(":series", ":source"), {**more, **pair})
            if row is not None:
                latest.append(row)
    latest.sort(key=lambda r: (r["series"], _descending(r["as_of"]), r["source"]))
    return [EstimateEntry(**estimate(row)) for row in latest]


def _descending(day: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in day.split("-"))


def series_estimates(
    tx: Tx, series: str, *, source: str | None = None, as_of: date | None = None,
    known_at: datetime | None = None,
) -> SeriesDetail:
    """One series: the latest figure of every source, and each source's history with its changes."""
    series = series_key(series)
    found = tx.one(f"SELECT subject, measure FROM {SERIES} WHERE series = :series", {"series": series})
    if found is None:
        raise NotFound(f"no estimates for {series} (see `sitlog estimate list`)")
    current, params = known_at_clause(known_at, "e")
    params["series"] = series
    if as_of is not None:
        current += " AND e.as_of <= :as_of"
        params["as_of"] = as_of.isoformat()
    rows = tx.all(
        f"SELECT {_prefixed('e')} FROM {ESTIMATES} e WHERE e.series = :series AND {current} "
        "ORDER BY e.source, e.as_of",
        params,
    )
    return SeriesDetail(
        series=series,
        **found,
        as_of=as_of,
        known_at=known_at,
        latest=latest_estimates(tx, series=series, source=source, as_of=as_of, known_at=known_at),
        sources=[
            SourceEstimates(source=name, estimates=_with_changes(list(group)))
            for name, group in groupby(_of_source(rows, source), key=lambda row: row["source"])
        ],
    )


def estimate(row: Row) -> dict[str, Any]:
    """The fields of an ``EstimateEntry``."""
    figure, change = figure_of(row), change_of(row)
    return {
        "series": row["series"],
        "source": row["source"],
        "as_of": row["as_of"],
        "reported": row["reported"],
        "kind": row["kind"],
        "figure": None if figure is None else EstimateFigure(
            value=figure.value, qualifier=row["qualifier"], low=figure.low, best=figure.best,
            high=figure.high,
        ),
        "change": None if change is None else RelativeClaim(
            percent=_number(change.percent), period=_period(change.period), baseline=_period(change.baseline),
        ),
        "text": claim_text(row),
        "wording": row["wording"],
        "as_of_precision": row["as_of_precision"] or "day",
        "reported_precision": row["reported_precision"] or "day",
        "url": row["url"],
        "statement": row["statement"],
        "status": row["status"],
        "reason": row["reason"],
        "replaces": row["replaces"],
        "recorded_at": row["recorded_from"],
        "operator": row["operator"],
    }


def _with_changes(rows: list[Row]) -> list[EstimateStep]:
    """A source's estimates in date order, each with its change from the previous standing one."""
    out: list[EstimateStep] = []
    previous: Row | None = None
    for row in rows:
        retracted = row["status"] == "retracted"
        since = None if retracted or previous is None else change_since(previous, row)
        out.append(EstimateStep(**estimate(row), since_previous=since))
        if not retracted:
            previous = row
    return out


def change_since(previous: Row, row: Row) -> ChangeSincePrevious:
    """The change between two counts as stated: qualified values are compared by their numbers
    (and flagged approximate); ranges and relative changes are not compared, with a note."""
    before, after = figure_of(previous), figure_of(row)
    change: dict[str, Any] = {
        "previous_as_of": previous["as_of"], "previous": claim_text(previous),
        "difference": None, "percent": None, "approximate": False, "note": None,
    }
    if before is None or after is None:
        return ChangeSincePrevious(**change | {"note": "not computed: a relative change is not a count"})
    if before.value is None or after.value is None:
        return ChangeSincePrevious(**change | {"note": "not computed: ranges are not compared"})
    difference = after.value - before.value
    change |= {
        "difference": difference,
        "approximate": (before.qualifier, after.qualifier) != (Qualifier.EXACT, Qualifier.EXACT),
    }
    if before.value == 0:
        return ChangeSincePrevious(**change | {"note": "no percentage: the previous figure is 0"})
    return ChangeSincePrevious(**change | {"percent": round(difference * 100 / before.value, 1)})


def _of_source(rows: list[Row], source: str | None) -> list[Row]:
    if source is None:
        return rows
    wanted = folded(source)
    return [row for row in rows if folded(row["source"]) == wanted]


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{column.strip()}" for column in COLUMNS.split(","))


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _period(period: Period) -> PeriodSpan:
    return PeriodSpan(label=str(period), start=period.start, end=period.end)
