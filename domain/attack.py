"""The Attack aggregate: one wave of attacks, and per source what that source claims.

Each source's figures are kept apart (nothing is merged across sources). A source's
figure, once recorded, changes only through a correction that says why; a retraction
withdraws a claim. Decisions (rules, no-op detection) happen in the public methods;
the private ``@event`` methods only apply what was decided.
"""

import datetime as dt
from collections.abc import Sequence
from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import event
from sitlog.domain.attack_claims import (
    CorrectedValue,
    PlaceCasualties,
    WeaponFigures,
    adds_details,
    check_totals,
    place_key,
    with_details,
)
from sitlog.domain.attack_period import check_date, check_period, period_changes, refuse_overwrite
from sitlog.domain.attack_ref import AttackRef
from sitlog.domain.attack_revisions import chosen, conflicts, corrected, merged, overwrite_message
from sitlog.domain.base import Aggregate
from sitlog.domain.errors import RuleViolation, WouldOverwrite
from sitlog.domain.text import folded
from sitlog.domain.values import Source
from sitlog.domain.weapons import Weapon

ClaimKey = tuple[str, str]  # (source, weapon or place key)


class Attack(Aggregate):
    # -- events: what the log stores (their names are stored topics: never rename them) ---

    class Event(Aggregate.Event):
        """Every event of an attack."""

    class Reported(Aggregate.Created, Event):
        reference: str
        date: dt.date
        attacker: str
        label: str | None
        start: datetime | None
        end: datetime | None

    class PeriodRecorded(Event):
        start: datetime | None
        end: datetime | None

    class PeriodCorrected(Event):
        start: datetime | None
        end: datetime | None
        changes: tuple[CorrectedValue, ...]
        reason: str

    class FiguresRecorded(Event):
        source: Source
        figures: tuple[WeaponFigures, ...]
        regions: tuple[str, ...]
        note: str | None
        overrides: tuple[str, ...]

    class CasualtiesRecorded(Event):
        source: Source
        casualties: PlaceCasualties
        note: str | None

    class FiguresCorrected(Event):
        source: str
        figures: tuple[WeaponFigures, ...]
        casualties: tuple[PlaceCasualties, ...]
        changes: tuple[CorrectedValue, ...]
        reason: str
        overrides: tuple[str, ...]

    class ClaimRetracted(Event):
        source: str
        weapons: tuple[Weapon, ...]
        places: tuple[str, ...]
        reason: str

    @staticmethod
    def create_id(reference: str) -> UUID:
        return AttackRef.parse(reference).id

    @classmethod
    def report(
        cls, ref: AttackRef, *, start: datetime | None, end: datetime | None, today: date, operator: str
    ) -> "Attack":
        """A new attack; ``today`` is the Kyiv date at the moment of recording."""
        check_date(ref.date, today)
        check_period(ref.date, start, end)
        return cls(
            reference=str(ref), date=ref.date, attacker=ref.attacker, label=ref.label,
            start=start, end=end, operator=operator,
        )

    @event(Reported)
    def __init__(
        self, reference: str, date: date, attacker: str, label: str | None,
        start: datetime | None, end: datetime | None, operator: str,
    ) -> None:
        self.reference, self.date, self.attacker, self.label = reference, date, attacker, label
        self.start, self.end = start, end
        self.sources: dict[str, Source] = {}  # by folded name (text.folded): who has spoken, ever
        self.regions: dict[str, tuple[str, ...]] = {}
        self.notes: dict[str, set[str]] = {}  # every note each source gave: a repeat adds none
        self.figures: dict[ClaimKey, WeaponFigures] = {}  # (source, weapon key): current figures
        self.casualties: dict[ClaimKey, PlaceCasualties] = {}  # (source, place key)

    # -- decisions ---------------------------------------------------------------------

    def source_name(self, name: str) -> str:
        """The spelling already in the log for ``name`` (sources match as ``text.folded`` keys)."""
        known = self.sources.get(folded(name))
        return known.name if known else name

    def set_period(self, start: datetime | None, end: datetime | None, *, operator: str) -> None:
        """Add a start/end not yet known; a different one needs a correction."""
        if start is None and end is None:
            return
        refuse_overwrite(self.reference, (self.start, self.end), (start, end))
        start, end = start or self.start, end or self.end
        if (start, end) != (self.start, self.end):
            check_period(self.date, start, end)
            self._record_period(start=start, end=end, operator=operator)

    def correct_period(
        self, start: datetime | None, end: datetime | None, *, reason: str, operator: str
    ) -> None:
        start, end = start or self.start, end or self.end
        check_period(self.date, start, end)
        changes = period_changes((self.start, self.end), (start, end))
        if changes:
            self._correct_period(start=start, end=end, changes=changes, reason=reason, operator=operator)

    def record_figures(
        self, source: Source, figures: Sequence[WeaponFigures], *, regions: Sequence[str] = (),
        note: str | None = None, force: bool = False, operator: str,
    ) -> None:
        source = source.model_copy(update={"name": self.source_name(source.name)})
        name = source.name
        changed, clashes = merged(self._current(name)[0], figures)
        if clashes:
            raise WouldOverwrite(overwrite_message(self.reference, name, clashes))
        overrides = check_totals(name, changed, force)
        known_regions = {folded(r) for r in self.regions.get(name, ())}
        new_regions = tuple(dict.fromkeys(r for r in regions if folded(r) not in known_regions))
        new_note = note if note and note not in self.notes.get(name, set()) else None
        if changed or new_regions or new_note or adds_details(self.sources.get(folded(name)), source):
            self._record_figures(
                source=source, figures=tuple(changed), regions=new_regions, note=new_note,
                overrides=overrides, operator=operator,
            )

    def record_casualties(
        self, source: Source, casualties: PlaceCasualties, *, note: str | None = None, operator: str
    ) -> None:
        source = source.model_copy(update={"name": self.source_name(source.name)})
        old = self.casualties.get((source.name, casualties.key))
        if old is not None:
            casualties = casualties.model_copy(update={"place": old.place})
        clashes = conflicts(old, casualties, casualties.place)
        if clashes:
            raise WouldOverwrite(overwrite_message(self.reference, source.name, clashes))
        result = old.with_figures(casualties.given()) if old else casualties
        new_note = note if note and note not in self.notes.get(source.name, set()) else None
        if result != old or new_note or adds_details(self.sources.get(folded(source.name)), source):
            self._record_casualties(source=source, casualties=result, note=new_note, operator=operator)

    def correct(
        self, source: str, *, figures: Sequence[WeaponFigures] = (),
        casualties: PlaceCasualties | None = None, reason: str, force: bool = False, operator: str,
    ) -> None:
        name = self._known_source(source, "correct")
        figures_now, casualties_now = self._current(name)
        new_figures, changes = corrected(figures_now, figures, lambda f: (
            f'weapon: "{name}" has no current figures for {f.weapon.name} on {self.reference} '
            "to correct; record them with `sitlog attack record`"))
        given = [casualties] if casualties is not None else []
        new_casualties, casualty_changes = corrected(casualties_now, given, lambda c: (
            f'place: "{name}" has reported no casualties in {c.place} on {self.reference} '
            "to correct; record them with `sitlog attack casualties`"))
        changes += casualty_changes
        overrides = check_totals(name, new_figures, force)
        if changes:
            self._correct_figures(
                source=name, figures=tuple(new_figures), casualties=tuple(new_casualties),
                changes=tuple(changes), reason=reason, overrides=overrides, operator=operator,
            )

    def retract(
        self, source: str, *, weapons: Sequence[Weapon] = (), places: Sequence[str] = (),
        reason: str, operator: str,
    ) -> None:
        """Withdraw the source's figures for ``weapons`` and casualties at ``places``, or all of them."""
        name = self._known_source(source, "retract")
        figures, casualties = self._current(name)
        gone_f = chosen(figures, [(w.key, w.name) for w in weapons], lambda weapon: (
            f'weapon: "{name}" has no current figures for {weapon} on {self.reference}'))
        gone_c = chosen(casualties, [(place_key(p), p) for p in places], lambda place: (
            f'place: "{name}" has no current casualties in {place} on {self.reference}'))
        if not (weapons or places):
            gone_f, gone_c = tuple(figures.values()), tuple(casualties.values())
        if gone_f or gone_c:
            self._retract(source=name, weapons=tuple(f.weapon for f in gone_f),
                          places=tuple(c.place for c in gone_c), reason=reason, operator=operator)

    def _current(self, source: str) -> tuple[dict[str, WeaponFigures], dict[str, PlaceCasualties]]:
        """The source's current figures by weapon key and casualties by place key."""
        return ({w: f for (s, w), f in self.figures.items() if s == source},
                {p: c for (s, p), c in self.casualties.items() if s == source})

    def _known_source(self, source: str, verb: str) -> str:
        name = self.source_name(source)
        if folded(name) not in self.sources:
            known = ", ".join(f'"{s.name}"' for s in self.sources.values()) or "none yet"
            raise RuleViolation(
                f'source: "{source}" has made no claims on {self.reference} to {verb} (sources: {known})'
            )
        return name

    # -- events: apply only ------------------------------------------------------------

    def _remember(self, source: Source, note: str | None) -> None:
        self.sources[folded(source.name)] = with_details(self.sources.get(folded(source.name)), source)
        if note:
            self.notes.setdefault(source.name, set()).add(note)

    @event(PeriodRecorded)
    def _record_period(self, start: datetime | None, end: datetime | None, operator: str) -> None:
        self.start, self.end = start, end

    @event(PeriodCorrected)
    def _correct_period(
        self, start: datetime | None, end: datetime | None, changes: tuple[CorrectedValue, ...], reason: str,
        operator: str,
    ) -> None:
        self.start, self.end = start, end

    @event(FiguresRecorded)
    def _record_figures(
        self, source: Source, figures: tuple[WeaponFigures, ...], regions: tuple[str, ...],
        note: str | None, overrides: tuple[str, ...], operator: str,
    ) -> None:
        self._remember(source, note)
        self.regions[source.name] = (*self.regions.get(source.name, ()), *regions)
        for f in figures:
            self.figures[(source.name, f.weapon.key)] = f

    @event(CasualtiesRecorded)
    def _record_casualties(
        self, source: Source, casualties: PlaceCasualties, note: str | None, operator: str
    ) -> None:
        self._remember(source, note)
        self.casualties[(source.name, casualties.key)] = casualties

    @event(FiguresCorrected)
    def _correct_figures(
        self, source: str, figures: tuple[WeaponFigures, ...], casualties: tuple[PlaceCasualties, ...],
        changes: tuple[CorrectedValue, ...], reason: str, overrides: tuple[str, ...], operator: str,
    ) -> None:
        for f in figures:
            self.figures[(source, f.weapon.key)] = f
        for c in casualties:
            self.casualties[(source, c.key)] = c

    @event(ClaimRetracted)
    def _retract(
        self, source: str, weapons: tuple[Weapon, ...], places: tuple[str, ...], reason: str, operator: str
    ) -> None:
        for weapon in weapons:
            self.figures.pop((source, weapon.key), None)
        for place in places:
            self.casualties.pop((source, place_key(place)), None)

