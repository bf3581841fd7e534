"""Parsing the attack commands' options into domain values (imported when a command runs)."""

from datetime import datetime
from typing import TYPE_CHECKING

from sitlog.cli.help_texts import FIGURE_SYNTAX
from sitlog.cli.options import parse_optional_timestamp

if TYPE_CHECKING:
    from sitlog.domain.commands.attacks import Claimed
    from sitlog.domain.values import Figure, Source

FIGURES_HELP = (
    "Repeat the option per weapon: WEAPON=FIGURE, e.g. shahed=183, drone=~95, drone=90..100. "
    f"FIGURE: {FIGURE_SYNTAX}. Weapons: canonical names or aliases (shahed, geran-2, iskander-m, "
    "kalibr, kh-101, kinzhal, s-300, drone, missile, ...); an unknown name is kept as unclassified."
)


def _split_weapon_figure(text: str, measure: str) -> tuple[str, str]:
    from sitlog.domain.errors import InvalidInput

    weapon, sep, value = text.partition("=")
    if weapon.endswith((">", "<")):  # "drone>=95" means drone=>=95
        weapon, value = weapon[:-1], weapon[-1] + "=" + value
    if not sep or not weapon.strip() or not value.strip():
        raise InvalidInput(f"{measure}: {text!r} is not WEAPON=FIGURE (e.g. shahed=183)")
    return weapon.strip(), value.strip()


def _refuse_negative(text: str, field: str, shown: str) -> None:
    from sitlog.domain.errors import InvalidInput

    if text.strip().startswith("-"):
        raise InvalidInput(f"{field}: {shown} is negative (counts are whole numbers, 0 or more)")


def parse_count_figure(text: str | None, field: str) -> "Figure | None":
    """``--killed 3``, ``--injured ~10`` and the like."""
    from sitlog.domain.values import Figure

    if text is None:
        return None
    _refuse_negative(text, field, text.strip())
    return Figure.parse(text, field=field)


def parse_weapon_figures(**by_measure: list[str] | None) -> "list[Claimed]":
    """``--launched shahed=183`` and the like, as (measure, weapon, figure)."""
    from sitlog.domain.commands.attacks import Claimed
    from sitlog.domain.values import Figure

    claimed = []
    for measure, texts in by_measure.items():
        option = measure.replace("_", "-")
        for text in texts or ():
            weapon, value = _split_weapon_figure(text, option)
            _refuse_negative(value, option, f"{weapon}={value}")
            claimed.append(Claimed(measure, weapon, Figure.parse(value, field=f"{option} {weapon}")))
    return claimed


def parse_local_time(text: str | None, field: str) -> datetime | None:
    """An exact time as typed, keeping its offset; without one it is Kyiv time."""
    from sitlog.domain.clock import parse_instant

    return parse_instant(text, field) if text is not None else None


def attack_source(name: str | None, url: str | None, reported_at: str | None) -> "Source | None":
    """``--source``, ``--url`` and ``--reported-at`` of an attack report."""
    from sitlog.domain.values import Source

    if name is None:
        return None
    return Source(name=name, url=url, published_at=parse_optional_timestamp(reported_at, "reported-at"))
