"""What a source claims about an attack: figures per weapon, casualties per place; and the
rules over them (no overwriting, destroyed + suppressed <= launched, a coherent period)."""

from collections.abc import Mapping
from datetime import date, datetime
from typing import ClassVar, Self

from domain.base import Immutable
from domain.clock import KYIV
from domain.errors import InvalidInput, RuleViolation
from domain.values import Figure, Qualifier, Source
from domain.weapons import Weapon

MEASURES = ("launched", "destroyed", "suppressed", "hit", "still_attacking")
CASUALTY_MEASURES = ("killed", "injured")
Value = Figure | bool
Clash = tuple[str, str, str, str]  # measure, subject, as recorded, as now given


def _text(value: Value | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def place_key(place: str) -> str:
    return " ".join(place.casefold().split())


class Change(Immutable):
    """One corrected value: ``subject`` is a weapon, a place or "period"."""

    subject: str
    measure: str
    before: str | None
    after: str | None


class _Counts(Immutable):
    measures: ClassVar[tuple[str, ...]]

    def given(self) -> dict[str, Value]:
        return {m: v for m in self.measures if (v := getattr(self, m)) is not None}

    def with_figures(self, values: Mapping[str, Value]) -> Self:
        return self.model_copy(update=dict(values))

    def changes_to(self, other: Self, subject: str) -> list[Change]:
        return [
            Change(subject=subject, measure=m, before=_text(getattr(self, m)), after=_text(getattr(other, m)))
            for m in self.measures
            if getattr(self, m) != getattr(other, m)
        ]


class WeaponFigures(_Counts):
    """One source's figures for one weapon."""

    measures: ClassVar[tuple[str, ...]] = MEASURES
    weapon: Weapon
    launched: Figure | None = None
    destroyed: Figure | None = None
    suppressed: Figure | None = None
    hit: Figure | None = None
    still_attacking: Figure | None = None


class PlaceCasualties(_Counts):
    """One source's casualties at one place; ``civilians`` when the source says."""

    measures: ClassVar[tuple[str, ...]] = (*CASUALTY_MEASURES, "civilians")
    place: str
    killed: Figure | None = None
    injured: Figure | None = None
    civilians: bool | None = None

    @property
    def key(self) -> str:
        return place_key(self.place)


def conflicts(old: _Counts | None, new: _Counts, subject: str) -> list[Clash]:
    """The values ``new`` would overwrite in ``old`` (values not yet given are additions)."""
    if old is None:
        return []
    return [
        (m, subject, _text(getattr(old, m)) or "", _text(v) or "")
        for m, v in new.given().items()
        if getattr(old, m) is not None and getattr(old, m) != v
    ]


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


def check_period(day: date, start: datetime | None, end: datetime | None) -> None:
    for field, moment in (("start", start), ("end", end)):
        if moment is not None and moment.tzinfo is None:
            raise InvalidInput(f"{field}: {moment.isoformat()} has no time zone")
    if start is not None and end is not None and start > end:
        raise RuleViolation(f"start: {start.isoformat()} is after the end, {end.isoformat()}")
    if end is not None and (ends := end.astimezone(KYIV).date()) != day:
        raise RuleViolation(
            f"end: {end.isoformat()} falls on {ends} in Kyiv, but the attack is dated {day}; "
            "an attack is dated by the day its night ends in Kyiv"
        )
    if start is not None and (starts := start.astimezone(KYIV).date()) > day:
        raise RuleViolation(
            f"start: {start.isoformat()} falls on {starts} in Kyiv, after the attack's date {day}"
        )


def describe_period(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def correct_command(reference: str, source: str, clashes: list[Clash]) -> str:
    """The ``sitlog attack correct`` command that would make the refused change."""
    parts = [f"sitlog attack correct {reference}", f'--source "{source}"']
    for measure, subject, _, new in clashes:
        if measure in MEASURES:
            parts.append(f'--{measure.replace("_", "-")} "{subject}={new}"')
            continue
        if f'--place "{subject}"' not in parts:
            parts.append(f'--place "{subject}"')
        if measure == "civilians":
            parts.append("--civilians" if new == "yes" else "--military")
        else:
            parts.append(f'--{measure} "{new}"')
    return "`" + " ".join([*parts, '--reason "..."']) + "`"


def overwrite_message(reference: str, source: str, clashes: list[Clash]) -> str:
    said = "; ".join(f"{measure} {subject}: {old}, not {new}" for measure, subject, old, new in clashes)
    return (
        f'"{source}" already reported other figures on {reference} ({said}); nothing is '
        f"overwritten: to change them use {correct_command(reference, source, clashes)}"
    )


def adds_details(old: Source | None, new: Source) -> bool:
    """Whether ``new`` tells more about its source than ``old`` (a first report, a new URL or time)."""
    if old is None:
        return True
    return any(
        getattr(new, f) is not None and getattr(new, f) != getattr(old, f) for f in ("url", "published_at")
    )


def require(value: str | None, field: str, hint: str) -> str:
    """A required free-text field, whitespace-normalised."""
    text = " ".join((value or "").split())
    if not text:
        raise InvalidInput(f"{field}: required ({hint})")
    return text
