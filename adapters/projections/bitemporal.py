"""Bitemporal rows: each row carries the record-time interval during which it was current.

Every read table has ``recorded_from`` (the record time of the event that made
the row true) and ``recorded_to`` (the record time of the event that replaced
or withdrew it; NULL while current). Nothing is updated in place except the
closing of ``recorded_to``, so "what did the log say at T" is an indexed read.
"""

from datetime import date, datetime
from typing import Any

from sitlog.adapters.db import ts_text

BITEMPORAL_COLUMNS = "recorded_from TEXT NOT NULL, recorded_to TEXT"


def known_at_clause(known_at: datetime | None, alias: str = "") -> tuple[str, dict[str, Any]]:
    """SQL condition and params: the row is current (``known_at`` None) or was current then."""
    p = f"{alias}." if alias else ""
    if known_at is None:
        return f"{p}recorded_to IS NULL", {}
    return (
        f"{p}recorded_from <= :known_at AND ({p}recorded_to IS NULL OR {p}recorded_to > :known_at)",
        {"known_at": ts_text(known_at)},
    )


def when(
    valid: str, as_of: date | None, known_at: datetime | None, alias: str = ""
) -> tuple[str, dict[str, Any]]:
    """The rows known at ``known_at`` (or now) whose valid date ``valid`` is up to ``as_of``."""
    clause, params = known_at_clause(known_at, alias)
    if as_of is not None:
        clause += f" AND {valid} <= :as_of"
        params = {**params, "as_of": as_of.isoformat()}
    return clause, params


def periods(day: str) -> list[tuple[str, str]]:
    """The (level, period) of each count a day is in: its day, month, year and decade (YYYY-MM-DD,
    YYYY-MM, YYYY, and YYY for the decade YYY0-YYY9). Counts kept per period (``log_entry_counts``)
    make a count up to a date a few rows however long the history: decades, so that a count over
    a century is not a hundred yearly rows."""
    return [("day", day), ("month", day[:7]), ("year", day[:4]), ("decade", day[:3])]


def up_to(as_of: date, alias: str = "") -> tuple[str, dict[str, Any]]:
    """SQL condition and params: the count rows (``level``, ``period``) that add up to the days up to
    ``as_of``: the decades before its decade, the years of its decade before its year, the months of
    its year before its month, the days of its month up to it. One condition, so that a count is one
    statement (an index search per level)."""
    p = f"{alias}." if alias else ""
    day = as_of.isoformat()
    return (
        f"(({p}level = 'decade' AND {p}period < :up_to_decade) "
        f"OR ({p}level = 'year' AND {p}period >= :up_to_decade_start AND {p}period < :up_to_year) "
        f"OR ({p}level = 'month' AND {p}period >= :up_to_january AND {p}period < :up_to_month) "
        f"OR ({p}level = 'day' AND {p}period >= :up_to_first AND {p}period <= :up_to_day))",
        {"up_to_decade": day[:3], "up_to_decade_start": f"{day[:3]}0", "up_to_year": day[:4],
         "up_to_january": f"{day[:4]}-01", "up_to_month": day[:7], "up_to_first": f"{day[:7]}-01",
         "up_to_day": day},
    )
