"""Attack totals per attacker, source and weapon category over windows ending on a date.

Windows come from the bitemporal summaries: the last night, 7 and 30 days from the
daily rows, all time from whole months plus the days of the current month. Sources
are never summed together.
"""

from datetime import date, datetime, timedelta
from typing import Any

from adapters.db import Tx
from adapters.projections.bitemporal import known_at_clause
from adapters.projections.summaries import DAILY, MEASURES, MONTHLY

WINDOWS = ("last_night", "last_7_days", "last_30_days", "all_time")


def attack_totals(tx: Tx, as_of: date, known_at: datetime | None = None) -> list[dict[str, Any]]:
    """Rows: attacker, source, category, window, and the six measures (None: never reported)."""
    current, params = known_at_clause(known_at)
    first_of_month = as_of.replace(day=1)
    params |= {
        "night": as_of.isoformat(),
        "week": (as_of - timedelta(days=6)).isoformat(),
        "month30": (as_of - timedelta(days=29)).isoformat(),
        "first": first_of_month.isoformat(),
        "month": first_of_month.isoformat()[:7],
        "start": min(first_of_month, as_of - timedelta(days=29)).isoformat(),
    }
    sums = ", ".join(f"SUM({m}) AS {m}" for m in MEASURES)
    windows = {
        "last_night": "day = :night",
        "last_7_days": "day >= :week",
        "last_30_days": "day >= :month30",
        "days_of_month": "day >= :first",
    }
    totals: dict[tuple[str, str, str], dict[str, dict[str, int | None]]] = {}
    for window, condition in windows.items():
        rows = tx.all(
            f"SELECT attacker, source, category, {sums} FROM {DAILY} WHERE day >= :start AND day <= :night "
            f"AND {condition} AND {current} GROUP BY attacker, source, category",
            params,
        )
        _add(totals, window, rows)
    months = tx.all(
        f"SELECT attacker, source, category, {sums} FROM {MONTHLY} WHERE month < :month AND {current} "
        "GROUP BY attacker, source, category",
        params,
    )
    _add(totals, "months_before", months)
    result = []
    for (attacker, source, category), by_window in sorted(totals.items()):
        all_time = _plus(by_window.get("months_before"), by_window.get("days_of_month"))
        for window in WINDOWS:
            values = all_time if window == "all_time" else by_window.get(window)
            if values is not None:
                result.append({"attacker": attacker, "source": source, "category": category,
                               "window": window, **values})
    return result


def _add(totals: dict, window: str, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        key = (row["attacker"], row["source"], row["category"])
        totals.setdefault(key, {})[window] = {m: _int(row[m]) for m in MEASURES}


def _plus(a: dict[str, int | None] | None, b: dict[str, int | None] | None) -> dict[str, int | None] | None:
    if a is None or b is None:
        return a or b
    return {m: None if a[m] is None and b[m] is None else (a[m] or 0) + (b[m] or 0) for m in MEASURES}


def _int(value: Any) -> int | None:
    return None if value is None else int(value)
