"""Parsing the attack commands' options into domain values, and their table sections."""

from datetime import datetime
from typing import Any

from sitlog.cli.options import optional_instant
from sitlog.cli.render import Rows, history_section
from sitlog.domain.clock import parse_instant
from sitlog.domain.commands.attacks import Claimed
from sitlog.domain.errors import InvalidInput
from sitlog.domain.values import FIGURE_SYNTAX, Figure, Source

FIGURES_HELP = (
    "Repeat the option per weapon: W=FIGURE, e.g. shahed=183, drone=~95, drone=90..100. "
    f"FIGURE: {FIGURE_SYNTAX}. Weapons: canonical names or aliases (shahed, geran-2, iskander-m, "
    "kalibr, kh-101, kinzhal, s-300, drone, missile, ...); an unknown name is kept as unclassified."
)


def _split(text: str, measure: str) -> tuple[str, str]:
    weapon, sep, value = text.partition("=")
    if weapon.endswith((">", "<")):  # "drone>=95" means drone=>=95
        weapon, value = weapon[:-1], weapon[-1] + "=" + value
    if not sep or not weapon.strip() or not value.strip():
        raise InvalidInput(f"{measure}: {text!r} is not WEAPON=FIGURE (e.g. shahed=183)")
    return weapon.strip(), value.strip()


def _refuse_negative(text: str, field: str, shown: str) -> None:
    if text.strip().startswith("-"):
        raise InvalidInput(f"{field}: {shown} is negative (counts are whole numbers, 0 or more)")


def figure(text: str | None, field: str) -> Figure | None:
    if text is None:
        return None
    _refuse_negative(text, field, text.strip())
    return Figure.parse(text, field=field)


def figures(**by_measure: list[str] | None) -> list[Claimed]:
    """``--launched shahed=183`` and the like, as (measure, weapon, figure)."""
    claimed = []
    for measure, texts in by_measure.items():
        option = measure.replace("_", "-")
        for text in texts or ():
            weapon, value = _split(text, option)
            _refuse_negative(value, option, f"{weapon}={value}")
            claimed.append(Claimed(measure, weapon, Figure.parse(value, field=f"{option} {weapon}")))
    return claimed


def moment(text: str | None, field: str) -> datetime | None:
    """An exact time as typed, keeping its offset; without one it is Kyiv time."""
    return parse_instant(text, field) if text is not None else None


def source(name: str | None, url: str | None, reported_at: str | None) -> Source | None:
    if name is None:
        return None
    return Source(name=name, url=url, published_at=optional_instant(reported_at, "reported-at"))


def _text(figure_doc: dict[str, Any] | None) -> str | None:
    return figure_doc["text"] if figure_doc else None


def show_sections(doc: dict[str, Any]) -> dict[str, Rows]:
    """The flat tables ``attack show`` prints for --format table|csv."""
    attack = {k: doc[k] for k in ("reference", "date", "attacker", "label", "start", "end")}
    sections: dict[str, Rows] = {"attack": [attack]}
    sections["sources"] = [
        {k: s[k] for k in ("source", "url", "reported_at", "regions", "note")} for s in doc["sources"]
    ]
    sections["figures"] = [
        {"source": s["source"], "weapon": f["weapon"], "category": f["category"],
         **{m: _text(f[m]) for m in ("launched", "destroyed", "suppressed", "hit", "still_attacking")},
         "interception": None if f["interception_rate"] is None else f"{f['interception_rate']:.1%}",
         "overrides": f["overrides"]}
        for s in doc["sources"] for f in s["figures"]
    ]
    sections["casualties"] = [
        {"source": s["source"], "place": c["place"], "killed": _text(c["killed"]),
         "injured": _text(c["injured"]), "civilians": {True: "yes", False: "no"}.get(c["civilians"])}
        for s in doc["sources"] for c in s["casualties"]
    ]
    sections["corrections"] = [
        {"source": s["source"], **c} for s in doc["sources"] for c in s["corrections"]
    ] + [{"source": None, **c} for c in doc["corrections"]]
    sections["retractions"] = [{"source": s["source"], **r} for s in doc["sources"] for r in s["retractions"]]
    return sections | history_section(doc)
