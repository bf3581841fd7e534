"""What a night's rows of the missile-attacks CSV say, per source and per natural key (night,
source, model): the source with its post, the key's figures (its rows added up, a combined model
split by its details), the regions, and the note that keeps the rest of each row."""

from datetime import date
from functools import lru_cache

from sitlog.adapters.importers.missile_rows import AttackRow
from sitlog.domain.attack_claims import WeaponFigures
from sitlog.domain.values import Figure, Source
from sitlog.domain.weapons import Weapon, resolve

Key = tuple[date, str, str]  # night, source, weapon (its canonical name)


def key_text(key: Key) -> str:
    return f"{key[0]}/{key[1]}/{key[2]}"


def keys(rows: list[AttackRow]) -> dict[Key, list[AttackRow]]:
    found: dict[Key, list[AttackRow]] = {}
    for row in rows:
        found.setdefault((row.night, row.source, row.weapon.name), []).append(row)
    return found


def regions_of(rows: list[AttackRow]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r for row in rows for r in row.regions))


def note_of(rows: list[AttackRow]) -> str:
    """A line per row, in an order the file's own does not change (so a re-import is a repeat)."""
    return "\n".join(row.details for row in sorted(rows, key=_order))


def by_source(night: list[AttackRow]) -> list[list[AttackRow]]:
    by: dict[str, list[AttackRow]] = {}
    for row in night:
        by.setdefault(row.source, []).append(row)
    return list(by.values())


def _order(row: AttackRow) -> tuple[str, str, str, str]:
    start, end = (m.isoformat() if m else "" for m in (row.start, row.end))
    return row.weapon.name, start, end, row.url or ""


def source(rows: list[AttackRow]) -> Source:
    """The source of a night's rows, with the post of its latest row (by end, then address: not by
    the file's order) as its URL; every post is in the note."""
    latest = max(rows, key=lambda r: (r.end.isoformat() if r.end else str(r.night), r.url or ""))
    return Source(name=rows[0].source, url=latest.url)


def figures_of(rows: list[AttackRow]) -> list[WeaponFigures]:
    """A key's figures: its rows added up, measure by measure; a combined model's measures that
    the rows' details split by model go to each model, the rest stay on the combined entry."""
    combined: dict[str, int] = {}
    parts: dict[str, dict[str, int]] = {}
    for row in rows:
        for measure, count in row.counts.items():
            split = row.splits.get(measure)
            if split is None:
                combined[measure] = combined.get(measure, 0) + count
                continue
            for part, n in split.items():
                parts.setdefault(part, {})[measure] = parts.setdefault(part, {}).get(measure, 0) + n
    weapon = rows[0].weapon
    figures = [_weapon_figures(weapon, combined)] if combined else []
    return figures + [_weapon_figures(resolve(part), counts) for part, counts in parts.items()]


def _weapon_figures(weapon: Weapon, counts: dict[str, int]) -> WeaponFigures:
    return WeaponFigures(weapon=weapon, **{m: _exact(n) for m, n in counts.items()})


_exact = lru_cache(maxsize=4096)(Figure.exact)  # a figure is a value: the same count, the same figure
