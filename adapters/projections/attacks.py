"""Read tables for attacks: bitemporal rows per attack, per source and weapon,
per source and place.

``attack_figures`` keeps the point value of each figure as an INTEGER column next to the
full figure (JSON), with the attack's date, attacker, source and weapon category: a daily
summary is, by definition, ``GROUP BY attack_date, attacker, source, category`` over the
current rows (summaries.py maintains it in memory; a test holds it to that definition).
Corrections and retractions are rows of their own, so they stay visible.
"""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sitlog.adapters.db import Tx, ts_text
from sitlog.adapters.projections import VERSIONS
from sitlog.adapters.projections.base import Handler, Projection, aggregate_id, json_text
from sitlog.adapters.projections.bitemporal import BITEMPORAL_COLUMNS
from sitlog.adapters.projections.rows import CurrentRows, NewRows, equal
from sitlog.adapters.projections.summaries import CASUALTIES, SUMMARY_DDL, SUMMARY_TABLES, Summaries
from sitlog.domain.attack import Attack
from sitlog.domain.attack_claims import WEAPON_MEASURES, CorrectedValue, PlaceCasualties, WeaponFigures
from sitlog.domain.clock import KYIV

_ID = "attack_id TEXT NOT NULL, attack_date TEXT NOT NULL"


def _table(name: str, columns: str, key: str) -> tuple[str, ...]:
    return (
        f"CREATE TABLE IF NOT EXISTS {name} ({_ID}, {columns}, {BITEMPORAL_COLUMNS})",
        f"CREATE INDEX IF NOT EXISTS {name}_key ON {name} ({key}, recorded_from)",
        f"CREATE INDEX IF NOT EXISTS {name}_date ON {name} (attack_date)",
    )


def _figures(counts: WeaponFigures | PlaceCasualties, measures: tuple[str, ...]) -> dict[str, Any]:
    """Each of ``measures`` as JSON (None where not given), as ``model_dump(mode="json",
    exclude_none=True)`` gives it: by each figure's serializer itself (``model_dump`` is a layer
    of Python around it, and a dump of the counts with ``include`` was slower still)."""
    return {m: None if (figure := getattr(counts, m)) is None
            else figure.__pydantic_serializer__.to_python(figure, mode="json", exclude_none=True)
            for m in measures}


CASUALTY_FIGURES = ("killed", "injured")


def _moment(moment: datetime | None) -> str | None:
    return moment.astimezone(KYIV).isoformat() if moment else None


# Events that change no figure or casualty row, so no summary either.
_NO_FIGURES = (Attack.Reported, Attack.PeriodRecorded, Attack.PeriodCorrected)


class AttackProjection(Projection):
    name = "attacks"
    events = Attack.Event
    version = VERSIONS[name]
    tables = (
        "attacks", "attack_sources", "attack_notes", "attack_figures", "attack_casualties",
        "attack_corrections", "attack_retractions", *SUMMARY_TABLES,
    )
    ddl = (
        *_table("attacks", "reference TEXT NOT NULL, attacker TEXT NOT NULL, label TEXT, "
                "started_at TEXT, ended_at TEXT", "attack_id"),
        *_table("attack_sources", "source TEXT NOT NULL, url TEXT, published_at TEXT, regions TEXT NOT NULL, "
                "note TEXT, first_recorded TEXT NOT NULL", "attack_id, source"),
        # Every note a source gave, with the claim it came with ("figures", "casualties in Kyiv").
        *_table("attack_notes", "source TEXT NOT NULL, claim TEXT NOT NULL, note TEXT NOT NULL", "attack_id"),
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
        # The corrections and retractions recorded on a day (the digest): by record time.
        "CREATE INDEX IF NOT EXISTS attack_corrections_recorded ON attack_corrections (recorded_from)",
        "CREATE INDEX IF NOT EXISTS attack_retractions_recorded ON attack_retractions (recorded_from)",
        *SUMMARY_DDL,
    )

    def __init__(self) -> None:
        by_attack, by_day = (lambda row: row["attack_id"]), (lambda row: row["attack_date"])
        self._attacks = CurrentRows("attacks", ("attack_id",), by_attack, equal("attack_id"))
        self._sources = CurrentRows("attack_sources", ("attack_id", "source"), by_attack, equal("attack_id"))
        # Figures and casualties by day: a day's rows are what its summary is summed from.
        self._figures = CurrentRows(
            "attack_figures", ("attack_id", "source", "weapon"), by_day, equal("attack_date"))
        self._casualties = CurrentRows(
            "attack_casualties", ("attack_id", "source", "place"), by_day, equal("attack_date"))
        self._notes = NewRows("attack_notes")
        self._corrections = NewRows("attack_corrections")
        self._retractions = NewRows("attack_retractions")
        self._summaries = Summaries(self._figures, self._casualties)
        super().__init__([
            self._attacks, self._sources, self._notes, self._figures, self._casualties, self._corrections,
            self._retractions, *self._summaries.buffers,
        ])
        # The id, date and attacker of every attack in the batch, for their child rows.
        self._bases: dict[str, dict[str, Any]] = {}
        # The event being applied: its attack, and the (source, category) summary groups whose
        # rows it changed.
        self._base: dict[str, Any] = {}
        self._touched: set[tuple[str, str]] = set()

    def prepare(self, tx: Tx, events: Sequence[Any]) -> None:
        super().prepare(tx, events)
        self._bases.clear()
        mine = [(aggregate_id(e), e) for e in events if isinstance(e, Attack.Event)]
        created = set()
        for attack_id, e in mine:
            if isinstance(e, Attack.Reported):
                created.add(attack_id)
                self._attacks.empty(attack_id)
                self._sources.empty(attack_id)
                self._bases[attack_id] = {
                    "attack_id": attack_id, "attack_date": e.date.isoformat(), "attacker": e.attacker}
        older = {attack_id for attack_id, _ in mine} - created
        self._attacks.load(tx, older)
        self._sources.load(tx, older)
        for attack_id in older:
            row = self._attacks.get(attack_id, {"attack_id": attack_id})
            if row is not None:
                self._bases[attack_id] = {k: row[k] for k in ("attack_id", "attack_date", "attacker")}
        days = {self._bases[attack_id]["attack_date"]
                for attack_id, e in mine if not isinstance(e, _NO_FIGURES)}
        self._figures.load(tx, days)
        self._casualties.load(tx, days)
        self._summaries.load(tx, days)

    def apply(self, event: Any) -> None:
        if not isinstance(event, Attack.Event):
            return
        attack_id = aggregate_id(event)
        if isinstance(event, Attack.Reported):
            self._reported(attack_id, event)
            return
        self._base = self._bases[attack_id]  # the attack the handlers write rows for
        self._touched.clear()
        super().apply(event)
        if self._touched:
            # The summaries are maintained in the same transaction as the rows they sum.
            base = self._base
            self._summaries.refresh(base["attack_date"], base["attacker"], self._touched, event.timestamp)

    def handlers(self) -> dict[type, Handler]:
        return {
            Attack.PeriodRecorded: self._period,
            Attack.PeriodCorrected: self._period_corrected,
            Attack.FiguresRecorded: self._figures_recorded,
            Attack.CasualtiesRecorded: self._casualties_recorded,
            Attack.FiguresCorrected: self._corrected,
            Attack.ClaimRetracted: self._retracted,
        }

    def _reported(self, attack_id: str, e: Attack.Reported) -> None:
        values = {
            "attack_date": e.date.isoformat(), "reference": e.reference, "attacker": e.attacker,
            "label": e.label, "started_at": _moment(e.start), "ended_at": _moment(e.end),
        }
        self._attacks.put(attack_id, {"attack_id": attack_id}, values, e.timestamp)

    def _period(self, e: Attack.PeriodRecorded | Attack.PeriodCorrected) -> None:
        key = {"attack_id": self._base["attack_id"]}
        current = self._attacks.get(key["attack_id"], key) or {}
        values = {k: current.get(k) for k in ("attack_date", "reference", "attacker", "label")}
        values |= {"started_at": _moment(e.start), "ended_at": _moment(e.end)}
        self._attacks.put(key["attack_id"], key, values, e.timestamp)

    def _period_corrected(self, e: Attack.PeriodCorrected) -> None:
        self._period(e)
        self._changes(e, None, e.changes)

    def _figures_recorded(self, e: Attack.FiguresRecorded) -> None:
        self._source(e, e.regions, e.note)
        self._note(e, "figures", e.note)
        for figures in e.figures:
            self._weapon_row(e, e.source.name, figures, e.overrides)

    def _casualties_recorded(self, e: Attack.CasualtiesRecorded) -> None:
        self._source(e, (), e.note)
        self._note(e, f"casualties in {e.casualties.place}", e.note)
        self._place_row(e, e.source.name, e.casualties)

    def _corrected(self, e: Attack.FiguresCorrected) -> None:
        for figures in e.figures:
            self._weapon_row(e, e.source, figures, e.overrides)
        for casualties in e.casualties:
            self._place_row(e, e.source, casualties)
        self._changes(e, e.source, e.changes)

    def _retracted(self, e: Attack.ClaimRetracted) -> None:
        base = self._base
        day, key = base["attack_date"], {"attack_id": base["attack_id"], "source": e.source}
        for weapon in e.weapons:
            row = self._figures.get(day, {**key, "weapon": weapon.name})
            if row is not None:
                self._touched.add((e.source, row["category"]))
                self._figures.close(day, row, e.timestamp)
        for place in e.places:
            self._casualties.close(day, {**key, "place": place}, e.timestamp)
            self._touched.add((e.source, CASUALTIES))
        self._retractions.add({
            "attack_id": base["attack_id"], "attack_date": day, "source": e.source,
            "weapons": json_text([w.name for w in e.weapons]),
            "places": json_text(e.places), "reason": e.reason,
            "operator": e.operator,
        }, e.timestamp)

    # -- rows ----------------------------------------------------------------------------

    def _source(
        self, e: Attack.FiguresRecorded | Attack.CasualtiesRecorded, regions: tuple[str, ...],
        note: str | None,
    ) -> None:
        base = self._base
        key = {"attack_id": base["attack_id"], "source": e.source.name}
        old = self._sources.get(key["attack_id"], key) or {
            "regions": "[]", "first_recorded": ts_text(e.timestamp)}
        values = {
            "attack_date": base["attack_date"],
            "url": e.source.url or old.get("url"),
            "published_at": _moment(e.source.published_at) or old.get("published_at"),
            # Casualties add no regions: their text stays as it is, unparsed.
            "regions": json_text([*json.loads(old["regions"]), *regions]) if regions else old["regions"],
            "note": note or old.get("note"),
            "first_recorded": old["first_recorded"],
        }
        self._sources.put(key["attack_id"], key, values, e.timestamp)

    def _note(
        self, e: Attack.FiguresRecorded | Attack.CasualtiesRecorded, claim: str, note: str | None
    ) -> None:
        if note:
            self._notes.add({"attack_id": self._base["attack_id"], "attack_date": self._base["attack_date"],
                             "source": e.source.name, "claim": claim, "note": note}, e.timestamp)

    def _weapon_row(
        self, e: Attack.Event, source: str, f: WeaponFigures, overrides: tuple[str, ...]
    ) -> None:
        base = self._base
        key = {"attack_id": base["attack_id"], "source": source, "weapon": f.weapon.name}
        values: dict[str, Any] = {
            "attack_date": base["attack_date"], "attacker": base["attacker"],
            "category": f.weapon.category.value,
            **{m: (v.point if (v := getattr(f, m)) else None) for m in WEAPON_MEASURES},
            "figures": json_text(_figures(f, WEAPON_MEASURES)),
            # Each override names its weapon first (see domain.attack_claims.check_totals).
            "overrides": json_text([o for o in overrides if o.startswith(f"{f.weapon.name}:")]),
        }
        self._figures.put(base["attack_date"], key, values, e.timestamp)
        self._touched.add((source, values["category"]))

    def _place_row(self, e: Attack.Event, source: str, c: PlaceCasualties) -> None:
        base = self._base
        key = {"attack_id": base["attack_id"], "source": source, "place": c.place}
        values = {
            "attack_date": base["attack_date"], "attacker": base["attacker"],
            "killed": c.killed.point if c.killed else None, "injured": c.injured.point if c.injured else None,
            "civilians": None if c.civilians is None else int(c.civilians),
            "figures": json_text(_figures(c, CASUALTY_FIGURES)),
        }
        self._casualties.put(base["attack_date"], key, values, e.timestamp)
        self._touched.add((source, CASUALTIES))

    def _changes(
        self, e: Attack.PeriodCorrected | Attack.FiguresCorrected, source: str | None,
        changes: tuple[CorrectedValue, ...],
    ) -> None:
        base = self._base
        for change in changes:
            self._corrections.add({
                "attack_id": base["attack_id"], "attack_date": base["attack_date"], "source": source,
                "subject": change.subject, "measure": change.measure,
                "before_value": change.before, "after_value": change.after, "reason": e.reason,
                "operator": e.operator,
            }, e.timestamp)
