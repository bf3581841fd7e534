"""What a source claims about an attack: figures per weapon, casualties per place, who said
so; and the rule that destroyed + suppressed <= launched."""

from collections.abc import Mapping
from typing import ClassVar, Self

from sitlog.domain.base import Immutable
from sitlog.domain.errors import RuleViolation
from sitlog.domain.text import folded
from sitlog.domain.values import Figure, Qualifier, Source
from sitlog.domain.weapons import Weapon

WEAPON_MEASURES = ("launched", "destroyed", "suppressed", "hit", "still_attacking")
CASUALTY_MEASURES = ("killed", "injured")
Value = Figure | bool


def value_text(value: Value | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def place_key(place: str) -> str:
    return folded(place)


class CorrectedValue(Immutable):
    """One corrected value: ``subject`` is a weapon, a place or "period"."""

    subject: str
    measure: str
    before: str | None
    after: str | None


class Counts(Immutable):
    """A source's counts about one subject: a weapon's figures, or the casualties at a place."""

    measures: ClassVar[tuple[str, ...]]

    @property
    def key(self) -> str:
        """What the counts are about, as matched (a weapon's key, a place's key)."""
        raise NotImplementedError

    @property
    def subject(self) -> str:
        """What the counts are about, as spelled (a weapon's name, a place)."""
        raise NotImplementedError

    def given(self) -> dict[str, Value]:
        return {m: v for m in self.measures if (v := getattr(self, m)) is not None}

    def with_figures(self, values: Mapping[str, Value]) -> Self:
        return self.model_copy(update=dict(values))

    def changes_to(self, other: Self, subject: str) -> list[CorrectedValue]:
        return [
            CorrectedValue(
                subject=subject, measure=m, before=value_text(getattr(self, m)),
                after=value_text(getattr(other, m)),
            )
            for m in self.measures
            if getattr(self, m) != getattr(other, m)
        ]


class WeaponFigures(Counts):
    """One source's figures for one weapon."""

    measures: ClassVar[tuple[str, ...]] = WEAPON_MEASURES
    weapon: Weapon
    launched: Figure | None = None
    destroyed: Figure | None = None
    suppressed: Figure | None = None
    hit: Figure | None = None
    still_attacking: Figure | None = None

    @property
    def key(self) -> str:
        return self.weapon.key

    @property
    def subject(self) -> str:
        return self.weapon.name


class PlaceCasualties(Counts):
    """One source's casualties at one place; ``civilians`` when the source says."""

    measures: ClassVar[tuple[str, ...]] = (*CASUALTY_MEASURES, "civilians")
    place: str
    killed: Figure | None = None
    injured: Figure | None = None
    civilians: bool | None = None

    @property
    def key(self) -> str:
        return place_key(self.place)

    @property
    def subject(self) -> str:
        return self.place


def _lowest(figure: Figure | None) -> int:
    if figure is None or figure.qualifier in (Qualifier.UP_TO, Qualifier.FEWER_THAN):
        return 0
    if figure.value is None:
        return figure.low or 0
    return figure.value + 1 if figure.qualifier is Qualifier.MORE_THAN else figure.value


def _highest(figure: Figure) -> float:
    if figure.value is None:
        return figure.high or 0
    if figure.qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        return float("inf")
    return figure.value - 1 if figure.qualifier is Qualifier.FEWER_THAN else figure.value


def check_totals(source: str, figures: list[WeaponFigures], force: bool) -> tuple[str, ...]:
    """destroyed + suppressed <= launched, comparing the least the first two can mean with
    the most the last can mean (ranges by their ends; "about" and "nearly" as their value).
    With ``force``, returns the overrides to record instead of refusing."""
    overrides = []
    for f in figures:
        if f.launched is None or _lowest(f.destroyed) + _lowest(f.suppressed) <= _highest(f.launched):
            continue
        said = " + ".join(f"{m} ({v})" for m in ("destroyed", "suppressed") if (v := getattr(f, m)))
        if not force:
            raise RuleViolation(
                f'{f.weapon.name}: {said} is more than launched ({f.launched}) in the figures from '
                f'"{source}"; check them, or pass --force if the source really says so'
            )
        overrides.append(f"{f.weapon.name}: {said} > launched ({f.launched}), accepted with --force")
    return tuple(overrides)


def with_details(old: Source | None, new: Source) -> Source:
    """``new``, keeping the URL and publication time ``old`` gave where ``new`` gives none."""
    if old is None:
        return new
    return new.model_copy(
        update={"url": new.url or old.url, "published_at": new.published_at or old.published_at}
    )


def adds_details(old: Source | None, new: Source) -> bool:
    """Whether ``new`` tells more about its source than ``old`` (a first report, a new URL or time)."""
    if old is None:
        return True
    return any(
        getattr(new, f) is not None and getattr(new, f) != getattr(old, f) for f in ("url", "published_at")
    )
