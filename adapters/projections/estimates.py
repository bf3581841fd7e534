"""Read tables for casualty estimates: one bitemporal row per (series, source, as-of date).

``casualty_estimates`` holds every estimate; a correction closes the current row and
inserts the corrected one (status ``corrected``, with its reason and the figure it
replaced); a retraction closes it and inserts a copy with status ``retracted``, so
``known_at`` reads see the past exactly and a retracted claim stays visible as such.
``casualty_series`` maps the aggregate id to its key (later events carry only the id).
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sitlog.adapters.db import Row, Tx
from sitlog.adapters.projections import VERSIONS
from sitlog.adapters.projections.base import Handler, Projection, aggregate_id
from sitlog.adapters.projections.bitemporal import BITEMPORAL_COLUMNS
from sitlog.adapters.projections.rows import CurrentRows, NewRows, equal, pairs, select
from sitlog.domain.casualty_estimate import CasualtyEstimate, Estimate
from sitlog.domain.relative_change import Period, RelativeChange
from sitlog.domain.values import Figure, Qualifier

ESTIMATES = "casualty_estimates"
SERIES = "casualty_series"
# Every (series, source) pair ever recorded: a few dozen rows that let "the latest estimate
# of every source" seek each pair on the index instead of scanning all estimates.
SOURCES = "casualty_sources"
_KEY = ("series", "source", "as_of")
_BITEMPORAL = ("recorded_from", "recorded_to")


class EstimateProjection(Projection):
    name = "estimates"
    events = CasualtyEstimate.Event
    version = VERSIONS[name]
    added_columns = ((ESTIMATES, "wording", "TEXT"), (ESTIMATES, "as_of_precision", "TEXT"),
                     (ESTIMATES, "reported_precision", "TEXT"))
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
        f"operator TEXT NOT NULL, wording TEXT, as_of_precision TEXT, reported_precision TEXT, "
        f"{BITEMPORAL_COLUMNS})",
        f"CREATE INDEX IF NOT EXISTS {ESTIMATES}_key ON {ESTIMATES} (series, source, as_of, recorded_from)",
        f"CREATE INDEX IF NOT EXISTS {ESTIMATES}_as_of ON {ESTIMATES} (as_of)",
        # The digest: the estimates reported on a day, and the corrections and retractions recorded
        # on a day (a partial index: the few rows that are not plain records).
        f"CREATE INDEX IF NOT EXISTS {ESTIMATES}_reported ON {ESTIMATES} (reported)",
        f"CREATE INDEX IF NOT EXISTS {ESTIMATES}_changes ON {ESTIMATES} (recorded_from) "
        "WHERE status <> 'recorded'",
        f"CREATE TABLE IF NOT EXISTS {SOURCES} (series TEXT NOT NULL, subject TEXT NOT NULL, "
        "source TEXT NOT NULL, PRIMARY KEY (series, source))",
    )

    def __init__(self) -> None:
        self._series = NewRows(SERIES)
        # Partitioned by (series, as-of date): the sources' estimates a correction or retraction
        # looks at, however long the series.
        self._estimates = CurrentRows(
            ESTIMATES, _KEY, lambda row: (row["series"], row["as_of"]), pairs("series", "as_of"))
        self._pairs: dict[tuple[str, str], str] = {}
        # Later events carry only the series' id: the key, subject and measure of the batch's series.
        self._keys: dict[str, Row] = {}
        super().__init__([self._series, self._estimates])

    def handlers(self) -> dict[type, Handler]:
        return {
            CasualtyEstimate.SeriesOpened: self._opened,
            CasualtyEstimate.EstimateRecorded: self._recorded,
            CasualtyEstimate.EstimateCorrected: self._corrected,
            CasualtyEstimate.EstimateRetracted: self._retracted,
        }

    def prepare(self, tx: Tx, events: Sequence[Any]) -> None:
        super().prepare(tx, events)
        self._pairs.clear()
        self._keys.clear()
        mine = [e for e in events if isinstance(e, CasualtyEstimate.Event)]
        opened = {aggregate_id(e): e.key for e in mine if isinstance(e, CasualtyEstimate.SeriesOpened)}
        unknown = {aggregate_id(e) for e in mine} - opened.keys()
        query = f"SELECT aggregate_id, series, subject, measure FROM {SERIES} WHERE {{where}}"
        for row in select(tx, query, equal("aggregate_id"), unknown):
            self._keys[row.pop("aggregate_id")] = row
        stored = set()
        for e in mine:
            series_id, as_of = aggregate_id(e), _as_of(e)
            if as_of is None:
                continue
            if series_id in opened:  # a series opened in this batch has no stored estimates
                self._estimates.empty((opened[series_id], as_of))
            else:
                stored.add((self._keys[series_id]["series"], as_of))
        self._estimates.load(tx, stored)

    def flush(self, tx: Tx) -> None:
        super().flush(tx)
        tx.executemany(
            f"INSERT INTO {SOURCES} (series, subject, source) VALUES (:series, :subject, :source) "
            "ON CONFLICT (series, source) DO NOTHING",
            [{"series": series, "source": source, "subject": subject}
             for (series, source), subject in self._pairs.items()],
        )
        self._pairs.clear()

    def _opened(self, event: CasualtyEstimate.SeriesOpened) -> None:
        subject, measure = event.key.split("/")
        row = {"series": event.key, "subject": subject, "measure": measure}
        series_id = aggregate_id(event)
        self._keys[series_id] = row
        self._series.add({"aggregate_id": series_id, **row}, event.timestamp)

    def _recorded(self, event: CasualtyEstimate.EstimateRecorded) -> None:
        self._write(event, event.estimate, status="recorded")

    def _corrected(self, event: CasualtyEstimate.EstimateCorrected) -> None:
        current = self._current(event, event.estimate.source.name, event.estimate.as_of)
        replaces = claim_text(current) if current else None
        self._write(event, event.estimate, status="corrected", reason=event.reason, replaces=replaces)

    def _retracted(self, event: CasualtyEstimate.EstimateRetracted) -> None:
        current = self._current(event, event.source, event.as_of)
        if current is None:  # cannot happen: the aggregate only retracts what it recorded
            return
        values = {k: v for k, v in current.items() if k not in (*_KEY, *_BITEMPORAL)}
        values |= {"status": "retracted", "reason": event.reason, "operator": event.operator}
        part = (current["series"], current["as_of"])
        self._estimates.put(part, {k: current[k] for k in _KEY}, values, event.timestamp)

    def _write(self, event: CasualtyEstimate.Event, estimate: Estimate, status: str, **extra: Any) -> None:
        series = self._keys[aggregate_id(event)]
        as_of = estimate.as_of.isoformat()
        key = {"series": series["series"], "source": estimate.source.name, "as_of": as_of}
        values = {
            "subject": series["subject"], "measure": series["measure"],
            "reported": estimate.reported.isoformat(),
            "as_of_precision": estimate.as_of_precision.value,
            "reported_precision": estimate.reported_precision.value,
            **_claim_columns(estimate), "url": estimate.source.url, "statement": estimate.statement,
            "status": status, "reason": None, "replaces": None, "operator": event.operator, **extra,
        }
        self._estimates.put((key["series"], as_of), key, values, event.timestamp)
        self._pairs[(key["series"], key["source"])] = series["subject"]

    def _current(self, event: CasualtyEstimate.Event, source: str, as_of: date) -> Row | None:
        series = self._keys[aggregate_id(event)]
        key = {"series": series["series"], "source": source, "as_of": as_of.isoformat()}
        return self._estimates.get((key["series"], key["as_of"]), key)


def _as_of(event: CasualtyEstimate.Event) -> str | None:
    """The as-of date an estimate event is about (None for a series' opening)."""
    if isinstance(event, CasualtyEstimate.EstimateRecorded | CasualtyEstimate.EstimateCorrected):
        return event.estimate.as_of.isoformat()
    if isinstance(event, CasualtyEstimate.EstimateRetracted):
        return event.as_of.isoformat()
    return None


def _claim_columns(estimate: Estimate) -> dict[str, Any]:
    figure, change = estimate.figure, estimate.change
    columns: dict[str, Any] = {
        "kind": "count" if figure is not None else "change",
        "value": None, "qualifier": None, "low": None, "best": None, "high": None, "percent": None,
        "period_start": None, "period_end": None, "baseline_start": None, "baseline_end": None,
        "wording": None,
    }
    if figure is not None:
        columns |= figure.model_dump(include={"value", "low", "best", "high", "wording"})
        columns["qualifier"] = figure.qualifier.value if figure.value is not None else None
    if change is not None:
        columns |= {
            "percent": str(change.percent),
            "period_start": change.period.start.isoformat(), "period_end": change.period.end.isoformat(),
            "baseline_start": change.baseline.start.isoformat(),
            "baseline_end": change.baseline.end.isoformat(),
        }
    return columns


def figure_of(row: Row) -> Figure | None:
    if row["kind"] != "count":
        return None
    if row["value"] is not None:
        return Figure(value=row["value"], qualifier=Qualifier(row["qualifier"]), wording=row.get("wording"))
    return Figure(low=row["low"], best=row["best"], high=row["high"], wording=row.get("wording"))


def change_of(row: Row) -> RelativeChange | None:
    if row["kind"] != "change":
        return None
    return RelativeChange(
        percent=Decimal(row["percent"]),
        period=Period(start=row["period_start"], end=row["period_end"]),
        baseline=Period(start=row["baseline_start"], end=row["baseline_end"]),
    )


def claim_text(row: Row) -> str:
    """The claim of a row as an operator would type it: ``~55000``, ``+31% (2025 vs 2024)``."""
    figure = figure_of(row)
    return str(figure if figure is not None else change_of(row))
