"""Use cases of the attack aggregate (see domain/application.py for execute/find)."""

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import NamedTuple

from sitlog.domain.attack import Attack
from sitlog.domain.attack_claims import WEAPON_MEASURES, PlaceCasualties, WeaponFigures
from sitlog.domain.attack_ref import AttackRef
from sitlog.domain.clock import KYIV, today_in_kyiv
from sitlog.domain.commands import on_recorded
from sitlog.domain.errors import InvalidInput
from sitlog.domain.outcome import Outcome
from sitlog.domain.text import missing, required
from sitlog.domain.values import SOURCE_HINT, Figure, Source
from sitlog.domain.weapons import Weapon, resolve


class Claimed(NamedTuple):
    """One figure as the operator gave it: ``launched``, "shahed", 183."""

    measure: str
    weapon: str
    figure: Figure


def weapon_figures(claims: Sequence[Claimed]) -> tuple[list[WeaponFigures], list[str]]:
    """Group figures by weapon (resolving names); warnings for names not in the taxonomy."""
    by_weapon: dict[str, dict[str, Figure]] = {}
    weapons: dict[str, Weapon] = {}
    warnings: list[str] = []
    for measure, name, figure in claims:
        if measure not in WEAPON_MEASURES:
            raise InvalidInput(f"measure: {measure!r} is not one of {', '.join(WEAPON_MEASURES)}")
        resolved = resolve(name)
        weapon = weapons.setdefault(resolved.key, resolved)
        warning = f'weapon "{resolved.name}" is not in the taxonomy; kept verbatim as unclassified'
        if not resolved.classified and warning not in warnings:
            warnings.append(warning)
        given = by_weapon.setdefault(weapon.key, {})
        if given.get(measure, figure) != figure:
            raise InvalidInput(f"{measure}: {weapon.name} given twice ({given[measure]} and {figure})")
        given[measure] = figure
    figures = [WeaponFigures(weapon=weapons[key], **given) for key, given in by_weapon.items()]
    return figures, warnings


class AttackCommands:
    operator: str
    execute: Callable[..., bool]

    def record_attack(
        self, *, attacker: str | None, source: Source | None, date: date | None = None,
        label: str | None = None, figures: Sequence[Claimed] = (), start: datetime | None = None,
        end: datetime | None = None, regions: Sequence[str] = (), note: str | None = None,
        force: bool = False, now: datetime | None = None,
    ) -> Outcome:
        """Record what ``source`` says about an attack, reporting the attack if it is new."""
        if source is None:
            raise missing("source", SOURCE_HINT)
        attacker = required(attacker, "attacker", "who attacked? e.g. --attacker russia")
        if date is None:
            if end is None:
                raise missing("date", "the day the night of attacks ended in Kyiv, e.g. --date 2026-02-05")
            date = end.astimezone(KYIV).date()
        ref = AttackRef.of(date, attacker, label)
        claimed, warnings = weapon_figures(figures)
        places = [required(r, "region", "a place name") for r in regions]
        today = today_in_kyiv(now)  # the clock is read here, never while applying events

        def decide(attack: Attack | None) -> Attack:
            if attack is None:
                attack = Attack.report(ref, start=start, end=end, today=today, operator=self.operator)
            else:
                attack.set_period(start, end, operator=self.operator)
            attack.record_figures(
                source, claimed, regions=places, note=note, force=force, operator=self.operator
            )
            return attack

        changed = self.execute(ref.id, decide)
        detail = "" if changed else f'what "{source.name}" says about {ref} is already in the log'
        return Outcome(str(ref), changed, tuple(warnings), detail)

    def record_attack_casualties(
        self, reference: str, *, source: Source | None, place: str | None,
        killed: Figure | None = None, injured: Figure | None = None, civilians: bool | None = None,
        note: str | None = None, now: datetime | None = None,
    ) -> Outcome:
        """Record what ``source`` says about the casualties at one place, reporting the attack if it
        is new (a mayor's report often comes before the air force's figures)."""
        ref = AttackRef.parse(reference)
        if source is None:
            raise missing("source", SOURCE_HINT)
        where = required(place, "place", "where? e.g. --place Kyiv")
        if killed is None and injured is None:
            raise InvalidInput(f"casualties: give --killed and/or --injured for {where}")
        casualties = PlaceCasualties(place=where, killed=killed, injured=injured, civilians=civilians)
        today = today_in_kyiv(now)  # the clock is read here, never while applying events

        def decide(attack: Attack | None) -> Attack:
            if attack is None:
                attack = Attack.report(ref, start=None, end=None, today=today, operator=self.operator)
            attack.record_casualties(source, casualties, note=note, operator=self.operator)
            return attack

        changed = self.execute(ref.id, decide)
        detail = f'the casualties "{source.name}" reported in {where} are already in the log'
        return Outcome(str(ref), changed, detail="" if changed else detail)

    def correct_attack(
        self, reference: str, *, reason: str | None, source: str | None = None,
        figures: Sequence[Claimed] = (), place: str | None = None, killed: Figure | None = None,
        injured: Figure | None = None, civilians: bool | None = None,
        start: datetime | None = None, end: datetime | None = None, force: bool = False,
    ) -> Outcome:
        """Correct a source's figures or casualties, or the attack's period; the reason is kept."""
        ref = AttackRef.parse(reference)
        why = required(reason, "reason", "why is it corrected? --reason ...")
        claimed, warnings = weapon_figures(figures)
        casualties = None
        if place is not None or killed is not None or injured is not None or civilians is not None:
            where = required(place, "place", "which place's casualties? --place Kyiv")
            casualties = PlaceCasualties(place=where, killed=killed, injured=injured, civilians=civilians)
            if not casualties.given():
                raise InvalidInput(f"correct: give --killed, --injured or --civilians/--military for {where}")
        if not claimed and casualties is None and start is None and end is None:
            raise InvalidInput(
                "correct: nothing to correct (give figures such as --launched shahed=180, "
                "casualties with --place, or --start/--end)"
            )
        who = required(source, "source", SOURCE_HINT) if claimed or casualties else ""

        def act(attack: Attack) -> None:
            if start is not None or end is not None:
                attack.correct_period(start, end, reason=why, operator=self.operator)
            if claimed or casualties:
                attack.correct(
                    who, figures=claimed, casualties=casualties,
                    reason=why, force=force, operator=self.operator,
                )

        outcome = self._on_attack(ref, act, f"{ref} already says so; nothing to correct")
        return Outcome(outcome.reference, outcome.changed, tuple(warnings), outcome.detail)

    def retract_attack_claim(
        self, reference: str, *, source: str | None, reason: str | None,
        weapons: Sequence[str] = (), places: Sequence[str] = (),
    ) -> Outcome:
        """Withdraw a source's claim on an attack: all of it, or some weapons or places."""
        ref = AttackRef.parse(reference)
        who = required(source, "source", SOURCE_HINT)
        why = required(reason, "reason", "why is it retracted? --reason ...")
        chosen = [resolve(w) for w in weapons]

        def act(attack: Attack) -> None:
            attack.retract(who, weapons=chosen, places=places, reason=why, operator=self.operator)

        return self._on_attack(ref, act, f'"{who}" has nothing current on {ref}: already retracted')

    def _on_attack(self, ref: AttackRef, act: Callable[[Attack], None], detail: str) -> Outcome:
        missing = (f"attack {ref} not found; record it first with "
                   f"`sitlog attack record --date {ref.date} --attacker {ref.attacker} ...`")
        changed = self.execute(ref.id, on_recorded(act, missing))
        return Outcome(str(ref), changed, detail="" if changed else detail)
