"""Attack read models: one attack per source (``show``) and a list of attacks (``list``).

Only the read tables are read. ``as_of`` keeps attacks dated on or before it; ``known_at``
shows the rows that were current at that record time (see adapters/projections/bitemporal).
They return the read models of ``adapters/read_models/attacks.py``.
"""

import json
from datetime import date, datetime
from typing import Any

from sitlog.adapters.db import Row, Tx, ts_text
from sitlog.adapters.projections.bitemporal import known_at_clause
from sitlog.adapters.projections.rows import one_of
from sitlog.adapters.queries.history import history
from sitlog.adapters.read_models.attacks import (
    AttackDetail,
    AttackSummary,
    CasualtyClaim,
    ClaimRetraction,
    SourceClaims,
    SourceNote,
    StatedCount,
    StatedFigure,
    StatedRange,
    ValueCorrection,
    WeaponClaim,
)
from sitlog.domain.attack_claims import WEAPON_MEASURES
from sitlog.domain.attack_ref import AttackRef
from sitlog.domain.errors import InvalidInput, NotFound
from sitlog.domain.values import Figure
from sitlog.domain.weapons import WeaponCategory

_CATEGORY_ORDER = {c.value: i for i, c in enumerate(WeaponCategory)}


def stated_figure(data: dict[str, Any] | None) -> StatedFigure | None:
    """A stored figure as read: its inline text, the point a summary counts, and its parts."""
    if data is None:
        return None
    figure = Figure.model_validate(data)
    if figure.value is not None:
        return StatedCount(text=str(figure), wording=figure.wording, point=figure.point, value=figure.value,
                           qualifier=figure.qualifier.value)
    assert figure.low is not None and figure.high is not None
    return StatedRange(text=str(figure), wording=figure.wording, point=figure.point, low=figure.low,
                       best=figure.best, high=figure.high)


def interception_rate(launched: int | None, destroyed: int | None) -> float | None:
    """Destroyed / launched (point values), when both are known and something was launched."""
    if launched is None or destroyed is None or launched == 0:
        return None
    return round(destroyed / launched, 3)


FIGURE_COLUMNS = "source, weapon, category, figures, overrides"
CASUALTY_COLUMNS = "source, place, civilians, figures"


def weapon_order(row: Row) -> tuple[int, str]:
    """Weapons by category (in the taxonomy's order), then name."""
    return _CATEGORY_ORDER.get(row["category"], 99), row["weapon"]


def weapon_claim(row: Row) -> WeaponClaim:
    """A row of ``attack_figures`` (FIGURE_COLUMNS and recorded_from) as one source's claim."""
    figures = {m: stated_figure(d) for m, d in json.loads(row["figures"]).items()}
    points = {m: d.point if d else None for m, d in figures.items()}
    return WeaponClaim(
        weapon=row["weapon"], category=row["category"], **{m: figures.get(m) for m in WEAPON_MEASURES},
        interception_rate=interception_rate(points.get("launched"), points.get("destroyed")),
        overrides=json.loads(row["overrides"]), recorded_at=row["recorded_from"],
    )


def casualty_claim(row: Row) -> CasualtyClaim:
    """A row of ``attack_casualties`` (CASUALTY_COLUMNS and recorded_from) as one source's claim."""
    figures = json.loads(row["figures"])
    return CasualtyClaim(
        place=row["place"], killed=stated_figure(figures["killed"]),
        injured=stated_figure(figures["injured"]),
        civilians=None if row["civilians"] is None else bool(row["civilians"]),
        recorded_at=row["recorded_from"],
    )


def _rows(
    tx: Tx, table: str, columns: str, attack_id: str, known_at: datetime | None, order: str
) -> list[Row]:
    clause, params = known_at_clause(known_at)
    return tx.all(
        f"SELECT {columns}, recorded_from FROM {table} WHERE attack_id = :id AND {clause} ORDER BY {order}",
        {"id": attack_id, **params},
    )


def _attack_row(tx: Tx, attack_id: str, as_of: date | None, known_at: datetime | None) -> Row | None:
    clause, params = known_at_clause(known_at)
    row = tx.one(
        "SELECT reference, attack_date, attacker, label, started_at, ended_at, recorded_from FROM attacks "
        f"WHERE attack_id = :id AND {clause}", {"id": attack_id, **params},
    )
    if row is None or (as_of is not None and row["attack_date"] > as_of.isoformat()):
        return None
    return row


def _header(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "reference": row["reference"], "date": row["attack_date"], "attacker": row["attacker"],
        "label": row["label"], "start": row["started_at"], "end": row["ended_at"],
    }


def source_notes(
    tx: Tx, attack_ids: list[str], known_at: datetime | None
) -> dict[tuple[str, str], list[SourceNote]]:
    """Every note of the sources of these attacks, by (attack id, source), oldest first."""
    clause, params = known_at_clause(known_at)
    where, ids = one_of("attack_id", attack_ids)
    found: dict[tuple[str, str], list[SourceNote]] = {}
    for row in tx.all(f"SELECT attack_id, source, claim, note, recorded_from FROM attack_notes "
                      f"WHERE {where} AND {clause} ORDER BY recorded_from", {**params, **ids}):
        found.setdefault((row["attack_id"], row["source"]), []).append(SourceNote(
            text=row["note"], claim=row["claim"], recorded_at=datetime.fromisoformat(row["recorded_from"])))
    return found


def show_attack(
    tx: Tx, reference: str, *, as_of: date | None = None, known_at: datetime | None = None,
    with_history: bool = False,
) -> AttackDetail:
    """One attack: per source its figures by weapon, casualties by place, corrections, retractions."""
    ref = AttackRef.parse(reference)
    attack_id = str(ref.id)
    row = _attack_row(tx, attack_id, as_of, known_at)
    if row is None:
        when = (f" as of {as_of}" if as_of else "") + (f" known at {ts_text(known_at)}" if known_at else "")
        raise NotFound(f"attack {ref} not found{when}")
    sources: dict[str, dict[str, Any]] = {}
    notes = source_notes(tx, [attack_id], known_at)
    for s in _rows(tx, "attack_sources", "source, url, published_at, regions", attack_id, known_at,
                   "first_recorded, source"):
        sources[s["source"]] = {
            "source": s["source"], "url": s["url"], "reported_at": s["published_at"],
            "regions": json.loads(s["regions"]), "notes": notes.get((attack_id, s["source"]), []),
            "figures": [], "casualties": [], "corrections": [], "retractions": [],
        }
    figure_rows = _rows(tx, "attack_figures", FIGURE_COLUMNS, attack_id, known_at, "source, weapon")
    for f in sorted(figure_rows, key=weapon_order):
        sources[f["source"]]["figures"].append(weapon_claim(f))
    for c in _rows(tx, "attack_casualties", CASUALTY_COLUMNS, attack_id, known_at, "source, place"):
        sources[c["source"]]["casualties"].append(casualty_claim(c))
    period_corrections: list[ValueCorrection] = []
    for c in _rows(tx, "attack_corrections", "source, subject, measure, before_value, after_value, reason, "
                   "operator", attack_id, known_at, "recorded_from, subject, measure"):
        change = ValueCorrection(
            subject=c["subject"], measure=c["measure"], before=c["before_value"], after=c["after_value"],
            reason=c["reason"], recorded_at=c["recorded_from"], operator=c["operator"],
        )
        (sources[c["source"]]["corrections"] if c["source"] else period_corrections).append(change)
    for r in _rows(tx, "attack_retractions", "source, weapons, places, reason, operator", attack_id,
                   known_at, "recorded_from"):
        sources[r["source"]]["retractions"].append(ClaimRetraction(
            weapons=json.loads(r["weapons"]), places=json.loads(r["places"]), reason=r["reason"],
            recorded_at=r["recorded_from"], operator=r["operator"],
        ))
    return AttackDetail(
        **_header(row), sources=[SourceClaims(**s) for s in sources.values()], corrections=period_corrections,
        history=history(tx, attack_id, "attacks", known_at) if with_history else None,
    )


def _date_filters(alias: str, date_from: date | None, until: date | None) -> list[str]:
    return [
        *([f"{alias}.attack_date >= :date_from"] if date_from else []),
        *([f"{alias}.attack_date <= :until"] if until else []),
    ]


def list_attacks(
    tx: Tx, *, date_from: date | None = None, date_to: date | None = None, attacker: str | None = None,
    as_of: date | None = None, known_at: datetime | None = None,
) -> list[AttackSummary]:
    """Attacks by date (then reference), each with the sources that have spoken about it."""
    if date_from is not None and date_to is not None and date_to < date_from:
        raise InvalidInput(f"to: {date_to} is before --from {date_from}")
    until = min((d for d in (date_to, as_of) if d is not None), default=None)
    clause, params = known_at_clause(known_at, "a")
    params |= {"date_from": date_from and date_from.isoformat(), "until": until and until.isoformat(),
               "attacker": attacker}
    filters = [clause, *_date_filters("a", date_from, until)]
    filters += ["a.attacker = :attacker"] if attacker else []
    rows = tx.all(
        "SELECT a.attack_id, a.reference, a.attack_date, a.attacker, a.label, a.started_at, a.ended_at "
        f"FROM attacks a WHERE {' AND '.join(filters)} ORDER BY a.attack_date, a.reference", params,
    )
    # One query for the sources of every listed attack (same dates, same record time).
    s_filters = [known_at_clause(known_at, "s")[0], *_date_filters("s", date_from, until)]
    names: dict[str, list[str]] = {}
    for s in tx.all(
        f"SELECT s.attack_id, s.source FROM attack_sources s WHERE {' AND '.join(s_filters)} "
        "ORDER BY s.first_recorded, s.source", params,
    ):
        names.setdefault(s["attack_id"], []).append(s["source"])
    return [AttackSummary(**_header(row), sources=names.get(row["attack_id"], [])) for row in rows]
