"""Attack totals per attacker, source and weapon category over windows ending on a date.

Windows come from the bitemporal summaries: the last night, 7 and 30 days from the
daily rows; all time from the decades before the date's decade, the years of its decade before
its year, the months of its year before its month, and the days of its month. Sources are never
summed together.
"""

from datetime import date, datetime, timedelta
from typing import Any

from sitlog.adapters.db import Tx
from sitlog.adapters.projections.bitemporal import known_at_clause
from sitlog.adapters.projections.summaries import DAILY, DECADE, MEASURES, MONTHLY, YEARLY, as_int
from sitlog.adapters.read_models.state import WINDOWS

# Windows over days, as conditions on ``day`` (the query reads from :start to :night).
_DAY_WINDOWS = {
    "last_night": "day = :night",
    "last_7_days": "day >= :week",
    "last_30_days": "day >= :month30",
    "days_of_month": "day >= :first",
}
_KEY = "attacker, source, category"


def attack_totals(tx: Tx, as_of: date, known_at: datetime | None = None) -> list[dict[str, Any]]:
    """Rows: attacker, source, category, window, and the six measures (None: never reported)."""
    current, params = known_at_clause(known_at)
    first_of_month = as_of.replace(day=1)
    params |= {
        "night": as_of.isoformat(),
        "week": (as_of - timedelta(days=6)).isoformat(),
        "month30": (as_of - timedelta(days=29)).isoformat(),
        "first": first_of_month.isoformat(),
        "start": min(first_of_month, as_of - timedelta(days=29)).isoformat(),
        "month": first_of_month.isoformat()[:7],
        "january": f"{as_of.year:04d}-01",
        "year": f"{as_of.year:04d}",
        "decade": f"{as_of.year:04d}"[:3],
        "decade_start": f"{as_of.year:04d}"[:3] + "0",
    }
    # One pass over the days for all four windows; __rows tells "no rows" from "all NULL".
    windowed = ", ".join(
        f"SUM(CASE WHEN {condition} THEN {value} END) AS {window}__{name}"
        for window, condition in _DAY_WINDOWS.items()
        for name, value in (*((m, m) for m in MEASURES), ("rows", "1"))
    )
    totals: dict[tuple[str, str, str], dict[str, dict[str, int | None]]] = {}
    for row in tx.all(
        f"SELECT {_KEY}, {windowed} FROM {DAILY} WHERE day >= :start AND day <= :night "
        f"AND {current} GROUP BY {_KEY}",
        params,
    ):
        for window in _DAY_WINDOWS:
            if row[f"{window}__rows"]:
                values = {m: as_int(row[f"{window}__{m}"]) for m in MEASURES}
                totals.setdefault(_key(row), {})[window] = values
    sums = ", ".join(f"SUM({m}) AS {m}" for m in MEASURES)
    for window, sql in (
        ("months_of_year",
         f"SELECT {_KEY}, {sums} FROM {MONTHLY} WHERE month >= :january AND month < :month"),
        ("years_of_decade",
         f"SELECT {_KEY}, {sums} FROM {YEARLY} WHERE year >= :decade_start AND year < :year"),
        ("decades_before", f"SELECT {_KEY}, {sums} FROM {DECADE} WHERE decade < :decade"),
    ):
        for row in tx.all(f"{sql} AND {current} GROUP BY {_KEY}", params):
            totals.setdefault(_key(row), {})[window] = {m: as_int(row[m]) for m in MEASURES}
    result = []
    for (attacker, source, category), by_window in sorted(totals.items()):
        parts = [by_window.get(w) for w in ("decades_before", "years_of_decade", "months_of_year",
                                            "days_of_month")]
        all_time = _plus(*parts)
        for window in WINDOWS:
            sums_of_window = all_time if window == "all_time" else by_window.get(window)
            if sums_of_window is not None:
                result.append({"attacker": attacker, "source": source, "category": category,
                               "window": window, **sums_of_window})
    return result


def _key(row: dict[str, Any]) -> tuple[str, str, str]:
    return row["attacker"], row["source"], row["category"]


def _plus(*parts: dict[str, int | None] | None) -> dict[str, int | None] | None:
    """The sum of the parts that exist; a measure none of them reported stays None."""
    present = [p for p in parts if p is not None]
    if not present:
        return None
    return {
        m: None if all(p[m] is None for p in present) else sum(p[m] or 0 for p in present)
        for m in MEASURES
    }
