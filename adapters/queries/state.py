"""The whole picture at a date, as the log knew it at a moment (``sitlog state``).

Every part is an indexed read of bitemporal read tables: attack totals from the
daily/monthly summaries, the latest estimate of every source, open negotiations,
exchanges and the count of log entries. Nothing here replays the log.
"""

from datetime import date, datetime
from typing import Any

from sitlog.adapters.db import Tx
from sitlog.adapters.projections.summaries import CASUALTIES, MEASURES
from sitlog.adapters.queries.entries import entry_counts
from sitlog.adapters.queries.estimates import latest_estimates
from sitlog.adapters.queries.exchanges import overview as exchange_overview
from sitlog.adapters.queries.negotiations import negotiations
from sitlog.adapters.queries.summaries import attack_totals
from sitlog.adapters.read_models.state import WINDOWS, AttackTotals, StateReport

_WEAPON_MEASURES = MEASURES[:4]
_CASUALTY_MEASURES = MEASURES[4:]


def state_report(
    tx: Tx, as_of: date, known_at: datetime | None = None, published_by: date | None = None
) -> StateReport:
    """What ``sitlog state`` shows."""
    return StateReport(
        as_of=as_of,
        known_at=known_at,
        published_by=published_by,
        attacks=_attacks(attack_totals(tx, as_of, known_at)),
        estimates=latest_estimates(tx, as_of=as_of, known_at=known_at, published_by=published_by),
        negotiations=negotiations(tx, as_of=as_of, known_at=known_at, open_only=True),
        exchanges=exchange_overview(tx, as_of, known_at),
        entries=entry_counts(tx, as_of, known_at),
    )


def _attacks(rows: list[dict[str, Any]]) -> list[AttackTotals]:
    """Per attacker and source, each window: totals by weapon category and casualties (None: nothing)."""
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        entry = grouped.setdefault(
            (row["attacker"], row["source"]),
            {"attacker": row["attacker"], "source": row["source"], **dict.fromkeys(WINDOWS)},
        )
        window = entry[row["window"]] = entry[row["window"]] or {"weapons": {}, "casualties": None}
        if row["category"] == CASUALTIES:
            window["casualties"] = {m: row[m] for m in _CASUALTY_MEASURES}
        else:
            window["weapons"][row["category"]] = {m: row[m] for m in _WEAPON_MEASURES}
    return [AttackTotals(**totals) for totals in grouped.values()]
