"""The whole picture at a date, as the log knew it at a moment (``sitlog state``).

Every part is an indexed read of bitemporal read tables: attack totals from the
daily/monthly summaries, the latest estimate of every source, open negotiations and
exchanges. Nothing here replays the log.
"""

from datetime import date, datetime
from typing import Any

from sitlog.adapters.db import Tx, ts_text
from sitlog.adapters.projections.summaries import CASUALTIES, MEASURES
from sitlog.adapters.queries.estimates import latest_estimates
from sitlog.adapters.queries.exchanges import overview as exchange_overview
from sitlog.adapters.queries.negotiations import negotiations
from sitlog.adapters.queries.summaries import WINDOWS, attack_totals

_WEAPON_MEASURES = MEASURES[:4]
_CASUALTY_MEASURES = MEASURES[4:]


def state(tx: Tx, as_of: date, known_at: datetime | None = None) -> dict[str, Any]:
    """The documented JSON shape of ``sitlog state`` (see the README; keep it stable)."""
    return {
        "as_of": as_of.isoformat(),
        "known_at": ts_text(known_at) if known_at else None,
        "attacks": _attacks(attack_totals(tx, as_of, known_at)),
        "estimates": latest_estimates(tx, as_of=as_of, known_at=known_at),
        "negotiations": negotiations(tx, as_of=as_of, known_at=known_at, open_only=True),
        "exchanges": exchange_overview(tx, as_of, known_at),
    }


def _attacks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
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
    return list(grouped.values())
