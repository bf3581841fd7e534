"""Daily, monthly and yearly summaries per attacker × source × weapon category, bitemporal.

Maintained by the attack projection's own handlers (so they always agree with the
figure rows in the same transaction): after every attack event the day it touched
is recomputed, in memory, from the current figure and casualty rows, and only the summary
rows that changed are closed and re-inserted; then its month from its days, its year from
its months. Each version keeps the record time of the event that made it.
Sources are never summed together. Casualties are reported by place, not by weapon,
so killed/injured sit in the row of category ``all``.

Months and years exist so that "all time up to D" reads the years before D's year, the months
of D's year before D's month and the days of D's month: a few hundred rows, however long the
history.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sitlog.adapters.db import Row, Tx
from sitlog.adapters.projections.bitemporal import BITEMPORAL_COLUMNS
from sitlog.adapters.projections.rows import CurrentRows, Selector, between, equal

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

FIGURE_MEASURES = MEASURES[:4]
CASUALTY_MEASURES = MEASURES[4:]


Group = tuple[str, str]  # (source, category)
# A group's change at the level below: (values before, values after); None: no row.
Changes = dict[Group, tuple[Row | None, Row | None]]


def _month_days(month: str) -> tuple[str, str]:
    return f"{month}-01", f"{month}-31"


def _year_months(year: str) -> tuple[str, str]:
    return f"{year}-01", f"{year}-12"


def _rows(table: str, period: str, part_of: Any, select: Selector, selection: Any) -> CurrentRows:
    return CurrentRows(table, (period, "attacker", "source", "category"), part_of, select, selection)


class Summaries:
    """The summaries a batch touches, kept in memory and written by the attack projection's flush.

    Partitions: daily rows by (day, attacker), loaded a month at a time; monthly rows by
    (month, attacker), loaded a year at a time; yearly rows by (year, attacker).
    """

    def __init__(self, figures: CurrentRows, casualties: CurrentRows) -> None:
        self._figures = figures
        self._casualties = casualties
        self.daily = _rows(DAILY, "day", lambda r: (r["day"], r["attacker"]),
                           between("day", _month_days), lambda part: part[0][:7])
        self.monthly = _rows(MONTHLY, "month", lambda r: (r["month"], r["attacker"]),
                             between("month", _year_months), lambda part: part[0][:4])
        self.yearly = _rows(YEARLY, "year", lambda r: (r["year"], r["attacker"]),
                            equal("year"), lambda part: part[0])
        self.buffers = (self.daily, self.monthly, self.yearly)

    def load(self, tx: Tx, days: Iterable[str]) -> None:
        days = set(days)
        self.daily.load(tx, {day[:7] for day in days})
        self.monthly.load(tx, {day[:4] for day in days})
        self.yearly.load(tx, {day[:4] for day in days})

    def refresh(self, day: str, attacker: str, groups: set[Group], at: datetime) -> None:
        """Bring the summaries of ``groups`` of ``day`` × ``attacker`` in line with the figure rows."""
        fresh: dict[Group, Row] = {}
        for row in self._figures.rows(day):
            if row["attacker"] == attacker and (group := (row["source"], row["category"])) in groups:
                _add(fresh, group, row, FIGURE_MEASURES)
        for row in self._casualties.rows(day):
            if row["attacker"] == attacker and (group := (row["source"], CASUALTIES)) in groups:
                _add(fresh, group, row, CASUALTY_MEASURES)
        changes = _sync(self.daily, (day, attacker), {"day": day}, groups, fresh, at)
        # A changed day changes its month, and a changed month its year, by the same amounts.
        month, year = day[:7], day[:4]
        if changes:
            month_part = (month, attacker)
            changes = _roll_up(self.monthly, month_part, {"month": month}, changes, self.daily, 31, at)
        if changes:
            _roll_up(self.yearly, (year, attacker), {"year": year}, changes, self.monthly, 12, at)


def _add(sums: dict[Group, Row], group: Group, row: Row, measures: tuple[str, ...]) -> None:
    """SQL's SUM: NULLs are skipped, and a sum of nothing but NULLs is NULL."""
    values = sums.get(group)
    if values is None:
        values = sums[group] = dict.fromkeys(MEASURES)
    for m in measures:
        if (value := row[m]) is not None:
            values[m] = value if values[m] is None else values[m] + value


def _roll_up(table: CurrentRows, part: tuple[str, str], period: Row, below_changes: Changes,
             below: CurrentRows, periods_below: int, at: datetime) -> Changes:
    """Apply the changes of the level below to ``table``; returns the changes made there."""
    changes: Changes = {}
    for group, (before, after) in below_changes.items():
        row = table.find(part, (*part, *group))  # read once: for the delta and for the comparison
        values = _shifted(row, before, after)
        if values is None:  # the delta cannot tell: sum the group over the level below
            parts = [(f"{part[0]}-{i:02d}", part[1]) for i in range(1, periods_below + 1)]
            values = _sum(below, parts, group)
        _set(table, part, period, group, row, values or None, at, changes)
    return changes


def _shifted(total: Row | None, before: Row | None, after: Row | None) -> Row | None:
    """``total`` - ``before`` + ``after``, or None when that alone cannot give SQL's SUM.

    It cannot when a row goes away, or a value becomes NULL: whether the total then stays
    (other rows) or goes NULL (none) depends on the other rows.
    """
    if after is None:
        return None
    if total is None:
        return dict(after) if before is None else None
    values = {}
    for m in MEASURES:
        old, new, sum_ = (before or {}).get(m), after[m], total[m]
        if old is None:
            values[m] = sum_ if new is None else new if sum_ is None else sum_ + new
        elif new is None or sum_ is None:
            return None
        else:
            values[m] = sum_ - old + new
    return values


def _sum(below: CurrentRows, parts: list[tuple[str, str]], group: Group) -> Row:
    """The sums of ``group`` over the current rows of ``parts`` (empty: no row)."""
    sums: dict[Group, Row] = {}
    for part in parts:
        row = below.find(part, (*part, *group))  # the key: (period, attacker, source, category)
        if row is not None:
            _add(sums, group, row, MEASURES)
    return sums.get(group, {})


def _sync(table: CurrentRows, part: tuple[str, str], period: Row, groups: Iterable[Group],
          fresh: dict[Group, Row], at: datetime) -> Changes:
    """Close or replace the rows of ``groups`` that differ from ``fresh``; returns the changes."""
    changes: Changes = {}
    for group in groups:
        _set(table, part, period, group, table.find(part, (*part, *group)), fresh.get(group), at, changes)
    return changes


def _set(table: CurrentRows, part: tuple[str, str], period: Row, group: Group, row: Row | None,
         values: Row | None, at: datetime, changes: Changes) -> None:
    """Make ``values`` (None: no row) the current row of ``group`` where ``row`` is, noting the change."""
    current = None if row is None else {m: row[m] for m in MEASURES}
    if values == current:
        return
    changes[group] = (current, values)
    key = {**period, "attacker": part[1], "source": group[0], "category": group[1]}
    if values is not None:
        table.put(part, key, values, at)
    else:
        table.close(part, key, at)


def as_int(value: Any) -> int | None:
    # PostgreSQL's SUM(bigint) is numeric (Decimal); SQLite's is int: keep both as int.
    return None if value is None else int(value)
