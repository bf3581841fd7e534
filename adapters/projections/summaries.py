"""Daily, monthly, yearly and decade summaries per attacker × source × weapon category, bitemporal.

Maintained by the attack projection's own handlers (so they always agree with the
figure rows in the same transaction): after every attack event the day it touched
is recomputed, in memory, from the current figure and casualty rows, and only the summary
rows that changed are closed and re-inserted; then its month from its days, its year from
its months, its decade from its years. Each version keeps the record time of the event that made it.
Sources are never summed together. Casualties are reported by place, not by weapon,
so killed/injured sit in the row of category ``all``.

Months, years and decades exist so that "all time up to D" reads the decades before D's decade,
the years of D's decade before D's year, the months of D's year before D's month and the days of
D's month: a few hundred rows, however long the history (with years alone, a century of history
was a hundred rows per source and category).
"""

from collections.abc import Iterable
from datetime import datetime
from operator import itemgetter
from typing import Any

from sitlog.adapters.db import Row, Tx, ts_text
from sitlog.adapters.projections.bitemporal import BITEMPORAL_COLUMNS
from sitlog.adapters.projections.rows import CurrentRows, Selector, between, equal

DAILY = "daily_summary"
MONTHLY = "monthly_summary"
YEARLY = "yearly_summary"
DECADE = "decade_summary"  # its period: the decade's first three digits, "202" for 2020-2029
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


SUMMARY_DDL = (*_ddl(DAILY, "day"), *_ddl(MONTHLY, "month"), *_ddl(YEARLY, "year"),
               *_ddl(DECADE, "decade"))
SUMMARY_TABLES = (DAILY, MONTHLY, YEARLY, DECADE)

FIGURE_MEASURES = MEASURES[:4]
CASUALTY_MEASURES = MEASURES[4:]


Group = tuple[str, str]  # (source, category)
# A group's measures, in the order of MEASURES (a tuple: compared, shifted and stored without a
# dict per level and event; the summaries are most of the attacks' work in a catch-up).
Sums = tuple[int | None, ...]
# A group's change at the level below: (sums before, sums after); None: no row.
Changes = dict[Group, tuple[Sums | None, Sums | None]]
_SUMS = itemgetter(*MEASURES)  # a row's sums
# (position, column) of the measures each kind of row adds to its group.
_FIGURES = tuple(enumerate(FIGURE_MEASURES))
_CASUALTIES = tuple(enumerate(CASUALTY_MEASURES, start=len(FIGURE_MEASURES)))
_ALL = tuple(enumerate(MEASURES))


def _month_days(month: str) -> tuple[str, str]:
    return f"{month}-01", f"{month}-31"


def _year_months(year: str) -> tuple[str, str]:
    return f"{year}-01", f"{year}-12"


def _decade_years(decade: str) -> tuple[str, str]:
    return f"{decade}0", f"{decade}9"


class _Level:
    """One level of summaries: its rows, and the columns of a row (its key's, then its sums')."""

    def __init__(self, table: str, period: str, select: Selector, selection: Any) -> None:
        self.rows = CurrentRows(table, (period, "attacker", "source", "category"),
                                lambda r: (r[period], r["attacker"]), select, selection)
        self.columns = (period, "attacker", "source", "category", *MEASURES)


class Summaries:
    """The summaries a batch touches, kept in memory and written by the attack projection's flush.

    Partitions: daily rows by (day, attacker), loaded a month at a time; monthly rows by
    (month, attacker), loaded a year at a time; yearly rows by (year, attacker), loaded a decade at
    a time; decade rows by (decade, attacker).
    """

    def __init__(self, figures: CurrentRows, casualties: CurrentRows) -> None:
        self._figures = figures
        self._casualties = casualties
        self._days = _Level(DAILY, "day", between("day", _month_days), lambda part: part[0][:7])
        self._months = _Level(MONTHLY, "month", between("month", _year_months), lambda part: part[0][:4])
        self._years = _Level(YEARLY, "year", between("year", _decade_years), lambda part: part[0][:3])
        self._decades = _Level(DECADE, "decade", equal("decade"), lambda part: part[0])
        self.daily, self.monthly, self.yearly = self._days.rows, self._months.rows, self._years.rows
        self.decades = self._decades.rows
        self.buffers = (self.daily, self.monthly, self.yearly, self.decades)

    def load(self, tx: Tx, days: Iterable[str]) -> None:
        days = set(days)
        self.daily.load(tx, {day[:7] for day in days})
        self.monthly.load(tx, {day[:4] for day in days})
        decades = {day[:3] for day in days}
        self.yearly.load(tx, decades)
        self.decades.load(tx, decades)

    def refresh(self, day: str, attacker: str, groups: set[Group], at: datetime) -> None:
        """Bring the summaries of ``groups`` of ``day`` × ``attacker`` in line with the figure rows."""
        fresh: dict[Group, list[int | None]] = {}
        for row in self._figures.rows(day):
            if row["attacker"] == attacker and (group := (row["source"], row["category"])) in groups:
                _add(fresh, group, row, _FIGURES)
        for row in self._casualties.rows(day):
            if row["attacker"] == attacker and (group := (row["source"], CASUALTIES)) in groups:
                _add(fresh, group, row, _CASUALTIES)
        changes: Changes = {}
        part, moment = (day, attacker), ts_text(at)
        for group in groups:
            key = (*part, *group)
            day_row = self.daily.find(part, key)
            sums = fresh.get(group)
            _set(self._days, part, key, None if day_row is None else _SUMS(day_row),
                 None if sums is None else tuple(sums), moment, group, changes)
        # A changed day changes its month, a changed month its year, a changed year its decade,
        # by the same amounts.
        if changes:
            changes = _roll_up(self._months, (day[:7], attacker), changes, self._days, _DAYS, moment)
        if changes:
            changes = _roll_up(self._years, (day[:4], attacker), changes, self._months, _MONTHS, moment)
        if changes:
            _roll_up(self._decades, (day[:3], attacker), changes, self._years, _YEARS, moment)


def _add(sums: dict[Group, list[int | None]], group: Group, row: Row,
         measures: tuple[tuple[int, str], ...]) -> None:
    """SQL's SUM: NULLs are skipped, and a sum of nothing but NULLs is NULL."""
    values = sums.get(group)
    if values is None:
        values = sums[group] = [None] * len(MEASURES)
    for i, m in measures:
        if (value := row[m]) is not None:
            values[i] = value if (total := values[i]) is None else total + value


def _roll_up(level: _Level, part: tuple[str, str], below_changes: Changes, below: _Level,
             periods_below: tuple[str, ...], moment: str) -> Changes:
    """Apply the changes of the level below to ``level``; returns the changes made there."""
    changes: Changes = {}
    for group, (before, after) in below_changes.items():
        key = (*part, *group)
        row = level.rows.find(part, key)  # read once: for the delta and for the comparison
        total = None if row is None else _SUMS(row)
        values = _shifted(total, before, after)
        if values is None:  # the delta cannot tell: sum the group over the level below
            values = _sum(below.rows, part, periods_below, group)
        _set(level, part, key, total, values, moment, group, changes)
    return changes


def _shifted(total: Sums | None, before: Sums | None, after: Sums | None) -> Sums | None:
    """``total`` - ``before`` + ``after``, or None when that alone cannot give SQL's SUM.

    It cannot when a row goes away, or a value becomes NULL: whether the total then stays
    (other rows) or goes NULL (none) depends on the other rows.
    """
    if after is None:
        return None
    if total is None:
        return after if before is None else None
    if before is None:
        before = _NONE
    values = []
    for old, new, sum_ in zip(before, after, total, strict=True):
        if old is None:
            values.append(sum_ if new is None else new if sum_ is None else sum_ + new)
        elif new is None or sum_ is None:
            return None
        else:
            values.append(sum_ - old + new)
    return tuple(values)


_NONE: Sums = (None,) * len(MEASURES)
# What follows a period's name in the names of the periods in it: a month's days, a year's
# months, a decade's years.
_DAYS = tuple(f"-{i:02d}" for i in range(1, 32))
_MONTHS = _DAYS[:12]
_YEARS = tuple(str(i) for i in range(10))


def _sum(below: CurrentRows, part: tuple[str, str], periods_below: tuple[str, ...], group: Group
         ) -> Sums | None:
    """The sums of ``group`` over the current rows of the periods of ``part`` (None: no row)."""
    sums: dict[Group, list[int | None]] = {}
    for suffix in periods_below:
        period = (part[0] + suffix, part[1])
        row = below.find(period, (*period, *group))  # the key: (period, attacker, source, category)
        if row is not None:
            _add(sums, group, row, _ALL)
    values = sums.get(group)
    return None if values is None else tuple(values)


def _set(level: _Level, part: tuple[str, str], key: tuple[str, ...], current: Sums | None,
         values: Sums | None, moment: str, group: Group, changes: Changes) -> None:
    """Make ``values`` (None: no row) the current row of ``key`` (whose sums are ``current``),
    noting the change."""
    if values == current:
        return
    changes[group] = (current, values)
    if values is not None:
        level.rows.put_row(part, key, dict(zip(level.columns, (*key, *values), strict=True)), moment)
    else:
        level.rows.end(part, key, moment)


def as_int(value: Any) -> int | None:
    # PostgreSQL's SUM(bigint) is numeric (Decimal); SQLite's is int: keep both as int.
    return None if value is None else int(value)
