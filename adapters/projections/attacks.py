"""Read tables for attacks: bitemporal rows per attack, per source and weapon,
per source and place.

``attack_figures`` keeps the point value of each figure as an INTEGER column next to the
full figure (JSON), with the attack's date, attacker, source and weapon category, so a
daily summary is a plain ``GROUP BY attack_date, attacker, source, category`` over the
current rows. Corrections and retractions are rows of their own, so they stay visible.
"""

import json
from typing import Any

from adapters.db import Tx, ts_text
from adapters.projections.base import Handler, Projection
from adapters.projections.bitemporal import BITEMPORAL_COLUMNS, close_current, insert_current, replace_current
from adapters.projections.summaries import SUMMARY_DDL, SUMMARY_TABLES
from adapters.projections.summaries import refresh as refresh_summaries
from domain.attack import Attack
from domain.attack_claims import MEASURES, Change, PlaceCasualties, WeaponFigures
from domain.clock import KYIV
from domain.values import Figure

_ID = "attack_id TEXT NOT NULL, attack_date TEXT NOT NULL"


def _table(name: str, columns: str, key: str) -> tuple[str, ...]:
    return (
        f"CREATE TABLE IF NOT EXISTS {name} ({_ID}, {columns}, {BITEMPORAL_COLUMNS})",
        f"CREATE INDEX IF NOT EXISTS {name}_key ON {name} ({key}, recorded_from)",
        f"CREATE INDEX IF NOT EXISTS {name}_date ON {name} (attack_date)",
    )


def _figure(figure: Figure | None) -> dict[str, Any] | None:
    return figure.model_dump(mode="json", exclude_none=True) if figure else None


def _moment(moment: Any) -> str | None:
    return moment.astimezone(KYIV).isoformat() if moment else None


# Events that change no figure or casualty row, so no summary either.
_NO_FIGURES = (Attack.Reported, Attack.PeriodRecorded, Attack.PeriodCorrected)


class AttackProjection(Projection):
    name = "attacks"
    version = 2  # 2: yearly summaries
    tables = (
        "attacks", "attack_sources", "attack_figures", "attack_casualties",
        "attack_corrections", "attack_retractions", *SUMMARY_TABLES,
    )
    ddl = (
        *_table("attacks", "reference TEXT NOT NULL, attacker TEXT NOT NULL, label TEXT, "
                "started_at TEXT, ended_at TEXT", "attack_id"),
        *_table("attack_sources", "source TEXT NOT NULL, url TEXT, published_at TEXT, regions TEXT NOT NULL, "
                "note TEXT, first_recorded TEXT NOT NULL", "attack_id, source"),
        *_table("attack_figures", "attacker TEXT NOT NULL, source TEXT NOT NULL, weapon TEXT NOT NULL, "
                "category TEXT NOT NULL, launched INTEGER, destroyed INTEGER, suppressed INTEGER, "
                "hit INTEGER, still_attacking INTEGER, figures TEXT NOT NULL, overrides TEXT NOT NULL",
                "attack_id, source, weapon"),
        *_table("attack_casualties", "attacker TEXT NOT NULL, source TEXT NOT NULL, place TEXT NOT NULL, "
                "killed INTEGER, injured INTEGER, civilians INTEGER, figures TEXT NOT NULL",
                "attack_id, source, place"),
        *_table("attack_corrections", "source TEXT, subject TEXT NOT NULL, measure TEXT NOT NULL, "
                "before_value TEXT, after_value TEXT, reason TEXT NOT NULL, operator TEXT NOT NULL",
                "attack_id"),
        *_table("attack_retractions", "source TEXT NOT NULL, weapons TEXT NOT NULL, places TEXT NOT NULL, "
                "reason TEXT NOT NULL, operator TEXT NOT NULL", "attack_id"),
        *SUMMARY_DDL,
    )

    def apply(self, tx: Tx, event: Any) -> None:
        super().apply(tx, event)
        if isinstance(event, Attack.Event) and not isinstance(event, _NO_FIGURES):
            # The summaries are maintained in the same transaction as the rows they sum.
            attack = self._attack(tx, event)
            refresh_summaries(tx, attack["attack_date"], attack["attacker"], event.timestamp)

    def __init__(self) -> None:
        super().__init__()
        # An attack's date and attacker never change: look them up once per process.
        self._bases: dict[str, dict[str, Any]] = {}

    def handlers(self) -> dict[type, Handler]:
        return {
            Attack.Reported: self._reported,
            Attack.PeriodRecorded: self._period,
            Attack.PeriodCorrected: self._period_corrected,
            Attack.FiguresRecorded: self._figures_recorded,
            Attack.CasualtiesRecorded: self._casualties_recorded,
            Attack.FiguresCorrected: self._corrected,
            Attack.ClaimRetracted: self._retracted,
        }

    def _reported(self, tx: Tx, e: Any) -> None:
        row = {
            "attack_id": str(e.originator_id), "attack_date": e.date.isoformat(),
            "reference": e.reference, "attacker": e.attacker, "label": e.label,
            "started_at": _moment(e.start), "ended_at": _moment(e.end),
        }
        insert_current(tx, "attacks", row, e.timestamp)

    def _period(self, tx: Tx, e: Any) -> None:
        current = tx.one(
            "SELECT attack_date, reference, attacker, label FROM attacks "
            "WHERE attack_id = :id AND recorded_to IS NULL", {"id": str(e.originator_id)},
        ) or {}
        values = {**current, "started_at": _moment(e.start), "ended_at": _moment(e.end)}
        replace_current(tx, "attacks", {"attack_id": str(e.originator_id)}, values, e.timestamp)

    def _period_corrected(self, tx: Tx, e: Any) -> None:
        self._period(tx, e)
        self._changes(tx, e, None, e.changes)

    def _figures_recorded(self, tx: Tx, e: Any) -> None:
        self._source(tx, e, e.regions, e.note)
        for figures in e.figures:
            self._weapon_row(tx, e, e.source.name, figures, e.overrides)

    def _casualties_recorded(self, tx: Tx, e: Any) -> None:
        self._source(tx, e, (), e.note)
        self._place_row(tx, e, e.source.name, e.casualties)

    def _corrected(self, tx: Tx, e: Any) -> None:
        for figures in e.figures:
            self._weapon_row(tx, e, e.source, figures, e.overrides)
        for casualties in e.casualties:
            self._place_row(tx, e, e.source, casualties)
        self._changes(tx, e, e.source, e.changes)

    def _retracted(self, tx: Tx, e: Any) -> None:
        base = self._attack(tx, e)
        key = {"attack_id": base["attack_id"], "source": e.source}
        for weapon in e.weapons:
            close_current(tx, "attack_figures", {**key, "weapon": weapon.name}, e.timestamp)
        for place in e.places:
            close_current(tx, "attack_casualties", {**key, "place": place}, e.timestamp)
        row = {
            "attack_id": base["attack_id"], "attack_date": base["attack_date"], "source": e.source,
            "weapons": json.dumps([w.name for w in e.weapons], ensure_ascii=False),
            "places": json.dumps(list(e.places), ensure_ascii=False), "reason": e.reason,
            "operator": e.operator,
        }
        insert_current(tx, "attack_retractions", row, e.timestamp)

    # -- rows ----------------------------------------------------------------------------

    def _attack(self, tx: Tx, e: Any) -> dict[str, Any]:
        """The attack's id, date and attacker (they never change), for its child rows."""
        attack_id = str(e.originator_id)
        if attack_id not in self._bases:
            row = tx.one(
                "SELECT attack_date, attacker FROM attacks WHERE attack_id = :id LIMIT 1", {"id": attack_id}
            )
            if row is None:
                return {"attack_id": attack_id, "attack_date": "", "attacker": ""}
            self._bases[attack_id] = {"attack_id": attack_id, **row}
        return self._bases[attack_id]

    def _source(self, tx: Tx, e: Any, regions: tuple[str, ...], note: str | None) -> None:
        base = self._attack(tx, e)
        key = {"attack_id": base["attack_id"], "source": e.source.name}
        old = tx.one(
            "SELECT url, published_at, regions, note, first_recorded FROM attack_sources "
            "WHERE attack_id = :attack_id AND source = :source AND recorded_to IS NULL", key,
        ) or {"regions": "[]", "first_recorded": ts_text(e.timestamp)}
        values = {
            "attack_date": base["attack_date"],
            "url": e.source.url or old.get("url"),
            "published_at": _moment(e.source.published_at) or old.get("published_at"),
            "regions": json.dumps([*json.loads(old["regions"]), *regions], ensure_ascii=False),
            "note": note or old.get("note"),
            "first_recorded": old["first_recorded"],
        }
        replace_current(tx, "attack_sources", key, values, e.timestamp)

    def _weapon_row(self, tx: Tx, e: Any, source: str, f: WeaponFigures, overrides: tuple[str, ...]) -> None:
        base = self._attack(tx, e)
        key = {"attack_id": base["attack_id"], "source": source, "weapon": f.weapon.name}
        values: dict[str, Any] = {
            "attack_date": base["attack_date"], "attacker": base["attacker"],
            "category": f.weapon.category.value,
            **{m: (v.point if (v := getattr(f, m)) else None) for m in MEASURES},
            "figures": json.dumps({m: _figure(getattr(f, m)) for m in MEASURES}),
            # Each override names its weapon first (see domain.attack_claims.check_totals).
            "overrides": json.dumps([o for o in overrides if o.startswith(f"{f.weapon.name}:")]),
        }
        replace_current(tx, "attack_figures", key, values, e.timestamp)

    def _place_row(self, tx: Tx, e: Any, source: str, c: PlaceCasualties) -> None:
        base = self._attack(tx, e)
        key = {"attack_id": base["attack_id"], "source": source, "place": c.place}
        values = {
            "attack_date": base["attack_date"], "attacker": base["attacker"],
            "killed": c.killed.point if c.killed else None, "injured": c.injured.point if c.injured else None,
            "civilians": None if c.civilians is None else int(c.civilians),
            "figures": json.dumps({"killed": _figure(c.killed), "injured": _figure(c.injured)}),
        }
        replace_current(tx, "attack_casualties", key, values, e.timestamp)

    def _changes(self, tx: Tx, e: Any, source: str | None, changes: tuple[Change, ...]) -> None:
        base = self._attack(tx, e)
        for change in changes:
            row = {
                "attack_id": base["attack_id"], "attack_date": base["attack_date"], "source": source,
                "subject": change.subject, "measure": change.measure,
                "before_value": change.before, "after_value": change.after, "reason": e.reason,
                "operator": e.operator,
            }
            insert_current(tx, "attack_corrections", row, e.timestamp)
