"""Read tables for casualty estimates: one bitemporal row per (series, source, as-of date).

``casualty_estimates`` holds every estimate; a correction closes the current row and
inserts the corrected one (status ``corrected``, with its reason and the figure it
replaced); a retraction closes it and inserts a copy with status ``retracted``, so
``known_at`` reads see the past exactly and a retracted claim stays visible as such.
``casualty_series`` maps the aggregate id to its key (later events carry only the id).
"""

from datetime import date
from decimal import Decimal
from typing import Any

from adapters.db import Row, Tx
from adapters.projections.base import Handler, Projection
from adapters.projections.bitemporal import BITEMPORAL_COLUMNS, insert_current, replace_current
from domain.casualty_estimate import CasualtyEstimate, Estimate
from domain.relative_change import Change, Period
from domain.values import Figure, Qualifier

ESTIMATES = "casualty_estimates"
SERIES = "casualty_series"
# Every (series, source) pair ever recorded: a few dozen rows that let "the latest estimate
# of every source" seek each pair on the index instead of scanning all estimates.
SOURCES = "casualty_sources"
_KEY = ("series", "source", "as_of")
_BITEMPORAL = ("recorded_from", "recorded_to")


class EstimateProjection(Projection):
    name = "estimates"
    version = 2  # 2: casualty_sources
    tables = (ESTIMATES, SERIES, SOURCES)
    ddl = (
        f"CREATE TABLE IF NOT EXISTS {SERIES} (aggregate_id TEXT PRIMARY KEY, series TEXT NOT NULL, "
        f"subject TEXT NOT NULL, measure TEXT NOT NULL, {BITEMPORAL_COLUMNS})",
        f"CREATE UNIQUE INDEX IF NOT EXISTS {SERIES}_key ON {SERIES} (series)",
        f"CREATE TABLE IF NOT EXISTS {ESTIMATES} ("
        "series TEXT NOT NULL, subject TEXT NOT NULL, measure TEXT NOT NULL, source TEXT NOT NULL, "
        "as_of TEXT NOT NULL, reported TEXT NOT NULL, kind TEXT NOT NULL, "
        "value BIGINT, qualifier TEXT, low BIGINT, best BIGINT, high BIGINT, "
        "percent TEXT, period_start TEXT, period_end TEXT, baseline_start TEXT, baseline_end TEXT, "
        "url TEXT, statement TEXT, status TEXT NOT NULL, reason TEXT, replaces TEXT, "
        f"operator TEXT NOT NULL, {BITEMPORAL_COLUMNS})",
        f"CREATE INDEX IF NOT EXISTS {ESTIMATES}_key ON {ESTIMATES} (series, source, as_of, recorded_from)",
        f"CREATE INDEX IF NOT EXISTS {ESTIMATES}_as_of ON {ESTIMATES} (as_of)",
        f"CREATE TABLE IF NOT EXISTS {SOURCES} (series TEXT NOT NULL, subject TEXT NOT NULL, "
        "source TEXT NOT NULL, PRIMARY KEY (series, source))",
    )

    def handlers(self) -> dict[type, Handler]:
        return {
            CasualtyEstimate.SeriesOpened: _opened,  # type: ignore[attr-defined]
            CasualtyEstimate.EstimateRecorded: _recorded,  # type: ignore[attr-defined]
            CasualtyEstimate.EstimateCorrected: _corrected,  # type: ignore[attr-defined]
            CasualtyEstimate.EstimateRetracted: _retracted,  # type: ignore[attr-defined]
        }


def _opened(tx: Tx, event: Any) -> None:
    subject, measure = event.key.split("/")
    row = {"aggregate_id": str(event.originator_id), "series": event.key}
    insert_current(tx, SERIES, row | {"subject": subject, "measure": measure}, event.timestamp)


def _recorded(tx: Tx, event: Any) -> None:
    _write(tx, event, event.estimate, status="recorded")


def _corrected(tx: Tx, event: Any) -> None:
    series = _series(tx, event)
    current = _current(tx, series["series"], event.estimate.source.name, event.estimate.as_of)
    replaces = claim_text(current) if current else None
    _write(tx, event, event.estimate, status="corrected", reason=event.reason, replaces=replaces)


def _retracted(tx: Tx, event: Any) -> None:
    series = _series(tx, event)
    current = _current(tx, series["series"], event.source, event.as_of)
    if current is None:  # cannot happen: the aggregate only retracts what it recorded
        return
    values = {k: v for k, v in current.items() if k not in (*_KEY, *_BITEMPORAL)}
    values |= {"status": "retracted", "reason": event.reason, "operator": event.operator}
    replace_current(tx, ESTIMATES, {k: current[k] for k in _KEY}, values, event.timestamp)


def _write(tx: Tx, event: Any, estimate: Estimate, status: str, **extra: Any) -> None:
    series = _series(tx, event)
    key = {"series": series["series"], "source": estimate.source.name, "as_of": estimate.as_of.isoformat()}
    values = {
        "subject": series["subject"], "measure": series["measure"], "reported": estimate.reported.isoformat(),
        **_claim_columns(estimate), "url": estimate.source.url, "statement": estimate.statement,
        "status": status, "reason": None, "replaces": None, "operator": event.operator, **extra,
    }
    replace_current(tx, ESTIMATES, key, values, event.timestamp)
    tx.execute(
        f"INSERT INTO {SOURCES} (series, subject, source) VALUES (:series, :subject, :source) "
        "ON CONFLICT (series, source) DO NOTHING",
        {"series": key["series"], "subject": series["subject"], "source": key["source"]},
    )


def _claim_columns(estimate: Estimate) -> dict[str, Any]:
    figure, change = estimate.figure, estimate.change
    columns: dict[str, Any] = {
        "kind": "count" if figure is not None else "change",
        "value": None, "qualifier": None, "low": None, "best": None, "high": None, "percent": None,
        "period_start": None, "period_end": None, "baseline_start": None, "baseline_end": None,
    }
    if figure is not None:
        columns |= figure.model_dump(include={"value", "low", "best", "high"})
        columns["qualifier"] = figure.qualifier.value if figure.value is not None else None
    if change is not None:
        columns |= {
            "percent": str(change.percent),
            "period_start": change.period.start.isoformat(), "period_end": change.period.end.isoformat(),
            "baseline_start": change.baseline.start.isoformat(),
            "baseline_end": change.baseline.end.isoformat(),
        }
    return columns


# A series' key never changes, and its id is derived from it: safe to share across stores.
_SERIES_BY_ID: dict[str, Row] = {}


def _series(tx: Tx, event: Any) -> Row:
    cached = _SERIES_BY_ID.get(str(event.originator_id))
    if cached is not None:
        return cached
    row = tx.one(
        f"SELECT series, subject, measure FROM {SERIES} WHERE aggregate_id = :id",
        {"id": str(event.originator_id)},
    )
    assert row is not None, f"estimate event for an unknown series {event.originator_id}"
    _SERIES_BY_ID[str(event.originator_id)] = row
    return row


def _current(tx: Tx, series: str, source: str, as_of: date) -> Row | None:
    return tx.one(
        f"SELECT * FROM {ESTIMATES} WHERE series = :series AND source = :source AND as_of = :as_of "
        "AND recorded_to IS NULL",
        {"series": series, "source": source, "as_of": as_of.isoformat()},
    )


def figure_of(row: Row) -> Figure | None:
    if row["kind"] != "count":
        return None
    if row["value"] is not None:
        return Figure(value=row["value"], qualifier=Qualifier(row["qualifier"]))
    return Figure(low=row["low"], best=row["best"], high=row["high"])


def change_of(row: Row) -> Change | None:
    if row["kind"] != "change":
        return None
    return Change(
        percent=Decimal(row["percent"]),
        period=Period(start=row["period_start"], end=row["period_end"]),
        baseline=Period(start=row["baseline_start"], end=row["baseline_end"]),
    )


def claim_text(row: Row) -> str:
    """The claim of a row as an operator would type it: ``~55000``, ``+31% (2025 vs 2024)``."""
    figure = figure_of(row)
    return str(figure if figure is not None else change_of(row))
