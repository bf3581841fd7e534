"""Daily, monthly and yearly summaries per attacker × source × weapon category, bitemporal.

Maintained by the attack projection's own handlers (so they always agree with the
figure rows in the same transaction): after every attack event the day it touched
is recomputed from the current figure and casualty rows, and only the summary rows
that changed are closed and re-inserted; then its month from its days, its year from its months.
Sources are never summed together. Casualties are reported by place, not by weapon,
so killed/injured sit in the row of category ``all``.

Months and years exist so that "all time up to D" reads the years before D's year, the months
of D's year before D's month and the days of D's month: a few hundred rows, however long the
history.
"""

from datetime import datetime
from typing import Any

from adapters.db import Tx
from adapters.projections.bitemporal import BITEMPORAL_COLUMNS, close_current, replace_current

DAILY = "daily_summary"
MONTHLY = "monthly_summary"
YEARLY = "yearly_summary"
MEASURES = ("launched", "destroyed", "suppressed", "hit", "killed", "injured")
CASUALTIES = "all"

_VALUES = ", ".join(f"{m} BIGINT" for m in MEASURES)


def _ddl(table: str, period: str) -> tuple[str, ...]:
    return (
        f"CREATE TABLE IF NOT EXISTS {table} ({period} TEXT NOT NULL, attacker TEXT NOT NULL, "
        f"source TEXT NOT NULL, category TEXT NOT NULL, {_VALUES}, {BITEMPORAL_COLUMNS})",
        f"CREATE INDEX IF NOT EXISTS {table}_key ON {table} "
        f"({period}, attacker, source, category, recorded_from)",
        # Each key has one current row and, over time, thousands of closed ones (a year's row
        # changes with every figure of that year): reads of the present and the closing of
        # the current row go through this index, which holds only current rows.
        f"CREATE UNIQUE INDEX IF NOT EXISTS {table}_current ON {table} "
        f"({period}, attacker, source, category) WHERE recorded_to IS NULL",
    )


SUMMARY_DDL = (*_ddl(DAILY, "day"), *_ddl(MONTHLY, "month"), *_ddl(YEARLY, "year"))
SUMMARY_TABLES = (DAILY, MONTHLY, YEARLY)

_FIGURE_SUMS = ", ".join(f"SUM({m}) AS {m}" for m in MEASURES[:4])
_CASUALTY_SUMS = ", ".join(f"SUM({m}) AS {m}" for m in MEASURES[4:])
_ALL_SUMS = ", ".join(f"SUM({m}) AS {m}" for m in MEASURES)


def refresh(tx: Tx, day: str, attacker: str, at: datetime) -> None:
    """Bring the summaries of ``day`` × ``attacker`` in line with the figure rows."""
    params = {"day": day, "attacker": attacker}
    fresh = _keyed(
        tx.all(
            f"SELECT source, category, {_FIGURE_SUMS} FROM attack_figures WHERE attack_date = :day "
            "AND attacker = :attacker AND recorded_to IS NULL GROUP BY source, category",
            params,
        )
        + tx.all(
            f"SELECT source, '{CASUALTIES}' AS category, {_CASUALTY_SUMS} FROM attack_casualties "
            "WHERE attack_date = :day AND attacker = :attacker AND recorded_to IS NULL GROUP BY source",
            params,
        )
    )
    current = _current(tx, DAILY, "day", params)
    if not _sync(tx, DAILY, {"day": day, "attacker": attacker}, fresh, current, at):
        return
    # A changed day changes its month, and a changed month its year: each level is summed
    # from the current rows of the level below, so it reads at most a month of days.
    for table, period, value, below, below_period, first, last in (
        (MONTHLY, "month", day[:7], DAILY, "day", f"{day[:7]}-01", f"{day[:7]}-31"),
        (YEARLY, "year", day[:4], MONTHLY, "month", f"{day[:4]}-01", f"{day[:4]}-12"),
    ):
        fresh = _keyed(
            tx.all(
                f"SELECT source, category, {_ALL_SUMS} FROM {below} WHERE {below_period} "
                "BETWEEN :first AND :last AND attacker = :attacker AND recorded_to IS NULL "
                "GROUP BY source, category",
                {"first": first, "last": last, "attacker": attacker},
            )
        )
        current = _current(tx, table, period, {period: value, "attacker": attacker})
        if not _sync(tx, table, {period: value, "attacker": attacker}, fresh, current, at):
            return


def _keyed(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Rows by (source, category), figure and casualty rows of one source merged."""
    keyed: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        values = keyed.setdefault((row["source"], row["category"]), dict.fromkeys(MEASURES))
        values.update({m: as_int(row[m]) for m in MEASURES if m in row})
    return keyed


def _current(tx: Tx, table: str, period: str, params: dict[str, str]) -> dict[tuple[str, str], Any]:
    rows = tx.all(
        f"SELECT source, category, {', '.join(MEASURES)} FROM {table} WHERE {period} = :{period} "
        "AND attacker = :attacker AND recorded_to IS NULL",
        params,
    )
    return {(r["source"], r["category"]): {m: as_int(r[m]) for m in MEASURES} for r in rows}


def _sync(tx: Tx, table: str, base: dict[str, str], fresh: dict, current: dict, at: datetime) -> bool:
    """Close or replace the rows that differ; returns whether anything changed."""
    changed = False
    for source, category in sorted(fresh.keys() | current.keys()):
        if fresh.get((source, category)) == current.get((source, category)):
            continue
        changed = True
        key = {**base, "source": source, "category": category}
        if (source, category) in fresh:
            replace_current(tx, table, key, fresh[(source, category)], at)
        else:
            close_current(tx, table, key, at)
    return changed


def as_int(value: Any) -> int | None:
    # PostgreSQL's SUM(bigint) is numeric (Decimal); SQLite's is int: keep both as int.
    return None if value is None else int(value)
