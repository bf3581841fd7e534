"""The weapon taxonomy: canonical names with a category, and the spellings operators type.

The table is data: add a row (or an alias) and every command understands it. Names are
matched on a *key* that ignores case, spaces and punctuation, so `Shahed-136/131`,
`shahed 136` and `SHAHED136` are the same; a series letter before a number is read alike
in Latin and Cyrillic (Kh, X and Cyrillic Kha; S, C and Cyrillic Es), so `Kh-101` and
`X-101` are one missile and `S-300` and `C-300` another. Categories follow the reference
table in shared/data/missile-attacks/missiles_and_uavs.csv, refined to SPEC §5.
"""

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from sitlog.domain.base import Immutable
from sitlog.domain.text import clean


class WeaponCategory(StrEnum):
    ATTACK_DRONE = "attack-drone"
    DECOY_DRONE = "decoy-drone"
    RECON_DRONE = "recon-drone"
    DRONE = "drone"
    BALLISTIC_MISSILE = "ballistic-missile"
    AEROBALLISTIC_MISSILE = "aeroballistic-missile"
    CRUISE_MISSILE = "cruise-missile"
    GUIDED_BOMB = "guided-bomb"
    MISSILE = "missile"
    OTHER = "other"
    UNCLASSIFIED = "unclassified"


C = WeaponCategory

# canonical name, category, aliases (the canonical name is an alias of itself).
TAXONOMY: tuple[tuple[str, WeaponCategory, tuple[str, ...]], ...] = (
    # Drones
    ("Shahed-136/131", C.ATTACK_DRONE, (
        "shahed", "shaheds", "shahed-type", "shahed-136", "shahed-131", "geran", "geran-2", "geran-1",
        "шахед", "шахеди", "шахід", "герань", "герань-2", "герань-1", "shahed-type attack drone")),
    ("Geran-3", C.ATTACK_DRONE, ("shahed-238", "герань-3", "jet shahed")),
    ("Lancet", C.ATTACK_DRONE, ("ланцет", "izdeliye 51")),
    ("Kub", C.ATTACK_DRONE, ("kub-bla", "куб")),
    ("Molniya", C.ATTACK_DRONE, ("молнія", "молния", "molnia")),
    ("Italmas", C.ATTACK_DRONE, ("итальмас",)),
    ("Privet-82", C.ATTACK_DRONE, ("привет-82",)),
    ("Attack drone", C.ATTACK_DRONE, ("strike drone", "ударний бпла", "ударний дрон", "kamikaze drone")),
    ("Liutyi", C.ATTACK_DRONE, ("lyutyi", "lutyi", "лютий")),
    ("UJ-22 Airborne", C.ATTACK_DRONE, ("uj-22",)),
    ("FP-1", C.ATTACK_DRONE, ("фп-1",)),
    ("Bober", C.ATTACK_DRONE, ("beaver", "бобер")),
    ("Gerbera", C.DECOY_DRONE, ("гербера",)),
    ("Parodiya", C.DECOY_DRONE, ("пародия", "пародія")),
    ("Decoy drone", C.DECOY_DRONE, (
        "decoy", "decoys", "imitator", "imitator drone", "імітатор", "дрон-імітатор", "дрони-імітатори")),
    ("Orlan-10", C.RECON_DRONE, ("орлан-10",)),
    ("Orlan-30", C.RECON_DRONE, ("орлан-30",)),
    ("Supercam", C.RECON_DRONE, ("суперкам",)),
    ("ZALA", C.RECON_DRONE, ("зала", "zala 421")),
    ("Eleron", C.RECON_DRONE, ("eleron-3", "элерон", "елерон")),
    ("Forpost", C.RECON_DRONE, ("форпост",)),
    ("Granat-4", C.RECON_DRONE, ("гранат-4",)),
    ("Merlin-VR", C.RECON_DRONE, ("мерлин-вр",)),
    ("Orion", C.RECON_DRONE, ("inokhodets", "орион")),
    ("Mohajer-6", C.RECON_DRONE, ("мохаджер-6",)),
    ("Kartograf", C.RECON_DRONE, ("картограф",)),
    ("Fenix", C.RECON_DRONE, ("feniks", "фенікс", "феникс")),
    ("Reconnaissance drone", C.RECON_DRONE, (
        "reconnaissance uav", "recon drone", "recon uav", "розвідувальний бпла")),
    ("Drone", C.DRONE, (
        "drones", "uav", "uavs", "unknown uav", "бпла", "дрон", "дрони",
        "unmanned aerial vehicle")),
    # Ballistic and aeroballistic missiles
    ("Iskander-M", C.BALLISTIC_MISSILE, ("iskander", "9m723", "іскандер-м", "искандер-м", "іскандер")),
    ("KN-23", C.BALLISTIC_MISSILE, ("hwasong-11", "hwasong-11ga", "кн-23")),
    ("Iskander-M/KN-23", C.BALLISTIC_MISSILE, ("іскандер-м/кн-23",)),
    # S-300/S-400 fired at ground targets fly a ballistic path; the Air Force counts them so.
    ("S-300", C.BALLISTIC_MISSILE, ("с-300",)),
    ("S-400", C.BALLISTIC_MISSILE, ("с-400", "s-400 triumf")),
    ("S-300/S-400", C.BALLISTIC_MISSILE, ("с-300/с-400",)),
    ("Oreshnik", C.BALLISTIC_MISSILE, ("орешник", "орєшнік")),
    ("Intercontinental ballistic missile", C.BALLISTIC_MISSILE, ("icbm", "rs-26", "rs-26 rubezh")),
    ("Ballistic missile", C.BALLISTIC_MISSILE, (
        "ballistic", "ballistic missiles", "балістична ракета", "балістичні ракети")),
    ("ATACMS", C.BALLISTIC_MISSILE, ("атакмс", "mgm-140")),
    ("Hrim-2", C.BALLISTIC_MISSILE, ("grim-2", "sapsan", "грім-2", "сапсан")),
    ("Kh-47M2 Kinzhal", C.AEROBALLISTIC_MISSILE, (
        "kinzhal", "kh-47m2", "kh-47", "x-47 kinzhal", "кинжал", "кінжал", "х-47м2", "aeroballistic")),
    # Cruise missiles
    ("Kh-101/Kh-555", C.CRUISE_MISSILE, ("х-101/х-555",)),
    ("Kh-101", C.CRUISE_MISSILE, ()),
    ("Kh-555", C.CRUISE_MISSILE, ()),
    ("Kalibr", C.CRUISE_MISSILE, ("3m-14", "3m14", "калібр", "калибр", "kalibr-nk")),
    ("Iskander-K", C.CRUISE_MISSILE, ("9m728", "9m729", "іскандер-к", "искандер-к", "r-500")),
    ("Kh-22", C.CRUISE_MISSILE, ()),
    ("Kh-32", C.CRUISE_MISSILE, ()),
    ("Kh-59", C.CRUISE_MISSILE, ("kh-59 ovod", "ovod")),
    ("Kh-59/Kh-69", C.CRUISE_MISSILE, ()),
    ("Kh-59MK2", C.CRUISE_MISSILE, ("х-59мк2",)),
    ("Kh-69", C.CRUISE_MISSILE, ()),
    ("Kh-35", C.CRUISE_MISSILE, ("uran",)),
    ("Kh-31", C.CRUISE_MISSILE, ()),
    ("Kh-31P", C.CRUISE_MISSILE, ("х-31п",)),
    ("Kh-31PD", C.CRUISE_MISSILE, ("х-31пд",)),
    ("3M22 Zircon", C.CRUISE_MISSILE, ("zircon", "tsirkon", "циркон", "3m22")),
    ("P-800 Oniks", C.CRUISE_MISSILE, ("oniks", "onyx", "p-800", "онікс", "оникс", "bastion")),
    ("Banderol", C.CRUISE_MISSILE, ("бандероль",)),
    ("Storm Shadow", C.CRUISE_MISSILE, ("scalp", "scalp-eg", "storm shadow/scalp")),
    ("Neptune", C.CRUISE_MISSILE, ("r-360", "нептун", "long neptune")),
    ("Flamingo", C.CRUISE_MISSILE, ("fp-5", "fp-5 flamingo", "фламінго")),
    ("Cruise missile", C.CRUISE_MISSILE, ("cruise", "cruise missiles", "крилата ракета", "крилаті ракети")),
    # Bombs, unspecified missiles, the rest
    ("KAB", C.GUIDED_BOMB, (
        "каб", "guided bomb", "guided aerial bomb", "aerial bomb", "gbu", "umpk", "умпк", "fab-umpk")),
    ("JDAM", C.GUIDED_BOMB, ("jdam-er", "gbu-62")),
    ("Missile", C.MISSILE, ("missiles", "unknown missile", "ракета", "ракети", "guided missile")),
    ("GMLRS", C.OTHER, ("himars", "himars rocket", "himars rockets")),
)

# A series letter starts a word and is followed by a number (Kh-101, X-101, C-300).
_SERIES_LETTER = re.compile(r"(?<![^\W_])(kh|х|x|с|c|s)(?=[\W_]*\d)")
_SEPARATORS = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)  # asked for every time a figure is keyed: a few dozen names, thousands of times
def name_key(name: str) -> str:
    """The form two spellings of one weapon share."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _SERIES_LETTER.sub(lambda m: "x" if m.group(1) in ("kh", "х", "x") else "s", text)
    return _SEPARATORS.sub("", text)


class Weapon(Immutable):
    """A weapon as the log keeps it: its canonical (or verbatim) name and its category."""

    name: str
    category: WeaponCategory

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def classified(self) -> bool:
        return self.category is not WeaponCategory.UNCLASSIFIED


def _index() -> dict[str, Weapon]:
    index: dict[str, Weapon] = {}
    for name, category, aliases in TAXONOMY:
        weapon = Weapon(name=name, category=category)
        for alias in (name, *aliases):
            key = name_key(alias)
            if index.setdefault(key, weapon) != weapon:
                raise ValueError(f"weapon alias {alias!r} names both {index[key].name} and {name}")
    return index


_INDEX = _index()
_DRONES = {C.ATTACK_DRONE, C.DECOY_DRONE, C.RECON_DRONE, C.DRONE}
_MISSILES = {C.BALLISTIC_MISSILE, C.AEROBALLISTIC_MISSILE, C.CRUISE_MISSILE, C.MISSILE}
_AND = re.compile(r"\s+(?:and|&|\+|і|и)\s+", re.IGNORECASE)


def _common(categories: set[WeaponCategory]) -> WeaponCategory:
    """The category of a salvo of several weapons: shared, else the family's 'unspecified'."""
    if len(categories) == 1:
        return next(iter(categories))
    if categories <= _DRONES:
        return C.DRONE
    return C.MISSILE if categories <= _MISSILES else C.OTHER


def resolve(name: str) -> Weapon:
    """The weapon an operator means; an unknown name is kept verbatim as ``unclassified``.

    A combination the reference data uses ("X-101/X-555 and Kalibr") resolves when each
    part does, to the parts' canonical names joined by " and ".
    """
    verbatim = clean(name)
    known = _INDEX.get(name_key(verbatim))
    if known is not None:
        return known
    parts = [_INDEX.get(name_key(part)) for part in _AND.split(verbatim)]
    if len(parts) > 1 and all(parts):
        found = [p for p in parts if p is not None]
        return Weapon(
            name=" and ".join(p.name for p in found), category=_common({p.category for p in found})
        )
    return Weapon(name=verbatim, category=C.UNCLASSIFIED)
