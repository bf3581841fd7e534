"""The digest's overnight attacks: every attack dated on the day, per source, read in one query
per table (each indexed on the attack's date), whatever the number of attacks."""

import json
from datetime import date, datetime
from typing import Any

from sitlog.adapters.db import Row, Tx
from sitlog.adapters.projections.bitemporal import known_at_clause
from sitlog.adapters.queries.attacks import (
    CASUALTY_COLUMNS,
    FIGURE_COLUMNS,
    casualty_claim,
    interception_rate,
    source_notes,
    weapon_claim,
    weapon_order,
)
from sitlog.adapters.read_models.attacks import WeaponClaim
from sitlog.adapters.read_models.common import SourceRef
from sitlog.adapters.read_models.digest_parts import (
    CategoryTotals,
    NightAttack,
    SideBySide,
    SourceFigure,
    SourceReport,
)
from sitlog.domain.attack_claims import WEAPON_MEASURES


def night_attacks(tx: Tx, day: date, known_at: datetime | None) -> list[NightAttack]:
    """The attacks of the night that ended on ``day``, by attacker, then reference."""
    clause, params = known_at_clause(known_at)
    params["day"] = day.isoformat()

    def rows(table: str, columns: str, order: str) -> list[Row]:
        return tx.all(f"SELECT attack_id, {columns}, recorded_from FROM {table} "
                      f"WHERE attack_date = :day AND {clause} ORDER BY {order}", params)

    attacks = rows("attacks", "reference, attacker, label, started_at, ended_at", "attacker, reference")
    if not attacks:
        return []
    sources: dict[tuple[str, str], dict[str, Any]] = {}
    notes = source_notes(tx, [a["attack_id"] for a in attacks], known_at)
    for s in rows("attack_sources", "source, url, published_at, regions", "first_recorded, source"):
        key = (s["attack_id"], s["source"])
        sources[key] = {
            "source": SourceRef(name=s["source"], url=s["url"]), "reported_at": s["published_at"],
            "regions": json.loads(s["regions"]), "notes": notes.get(key, []), "weapons": [], "casualties": []}
    for f in sorted(rows("attack_figures", FIGURE_COLUMNS, "source, weapon"), key=weapon_order):
        sources[(f["attack_id"], f["source"])]["weapons"].append(weapon_claim(f))
    for c in rows("attack_casualties", CASUALTY_COLUMNS, "source, place"):
        sources[(c["attack_id"], c["source"])]["casualties"].append(casualty_claim(c))
    night = []
    for a in attacks:
        reports = [SourceReport(**s, categories=_categories(s["weapons"]))
                   for (attack_id, _), s in sources.items() if attack_id == a["attack_id"]]
        night.append(NightAttack(
            reference=a["reference"], attacker=a["attacker"], label=a["label"], start=a["started_at"],
            end=a["ended_at"], sources=reports, side_by_side=_side_by_side(reports)))
    return night


def _categories(weapons: list[WeaponClaim]) -> list[CategoryTotals]:
    """A source's weapons added up by category (weapons come sorted by category)."""
    totals: dict[str, dict[str, int | None]] = {}
    for weapon in weapons:
        sums = totals.setdefault(weapon.category, dict.fromkeys(WEAPON_MEASURES))
        for measure in WEAPON_MEASURES:
            figure = getattr(weapon, measure)
            if figure is not None:
                sums[measure] = (sums[measure] or 0) + figure.point
    return [CategoryTotals(category=category, **sums,
                           interception_rate=interception_rate(sums["launched"], sums["destroyed"]))
            for category, sums in totals.items()]


def _side_by_side(reports: list[SourceReport]) -> list[SideBySide]:
    """Every category and measure that two sources or more gave, each source's number beside the
    others' (in the order of the sources)."""
    given: dict[tuple[str, str], list[SourceFigure]] = {}
    for report in reports:
        for totals in report.categories:
            for measure in WEAPON_MEASURES:
                value = getattr(totals, measure)
                if value is not None:
                    given.setdefault((totals.category, measure), []).append(
                        SourceFigure(source=report.source.name, value=value))
    return [SideBySide(category=category, measure=measure, figures=figures,
                       agree=len({f.value for f in figures}) == 1)
            for (category, measure), figures in given.items() if len(figures) > 1]
