"""Use cases of the exchange aggregate (see domain/application.py for execute/find).

The exchange's modules (and the negotiation's, which an exchange may name) are imported when one of
these runs: a command about another aggregate never builds their classes.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sitlog.domain.commands import on_recorded
from sitlog.domain.errors import InvalidInput, NotFound
from sitlog.domain.outcome import Outcome

if TYPE_CHECKING:
    from sitlog.domain.prisoner_exchange import Numbers, PrisonerExchange
    from sitlog.domain.values import Source


class ExchangeCommands:
    operator: str
    execute: Callable[..., bool]
    find: Callable[[UUID], Any]

    def agree_exchange(
        self, reference: str, *, numbers: "Numbers", mediator: str | None = None,
        negotiation: str | None = None, source: "Source | None" = None,
    ) -> Outcome:
        from sitlog.domain.prisoner_exchange import PrisonerExchange

        if negotiation is not None:
            negotiation = self._recorded_negotiation(negotiation)
        agreed = PrisonerExchange.agree(
            reference, numbers=numbers, mediator=mediator, negotiation=negotiation, source=source,
            operator=self.operator,
        )

        def decide(found: "PrisonerExchange | None") -> "PrisonerExchange":
            if found is None:
                return agreed
            found.confirm_agreement(agreed, operator=self.operator)
            return found

        changed = self.execute(agreed.id, decide)
        detail = "" if changed else f"exchange {agreed.reference} is already recorded as agreed"
        return Outcome(agreed.reference, changed, detail=detail)

    def complete_exchange(
        self, reference: str, *, completed_on: date, numbers: "Numbers", source: "Source | None" = None
    ) -> Outcome:
        def act(x: "PrisonerExchange") -> None:
            x.complete(completed_on=completed_on, numbers=numbers, source=source, operator=self.operator)

        return self._on_exchange(reference, act, f"already recorded as completed on {completed_on}")

    def postpone_exchange(
        self, reference: str, *, on: date, reason: str, source: "Source | None" = None
    ) -> Outcome:
        def act(x: "PrisonerExchange") -> None:
            x.postpone(on=on, reason=reason, source=source, operator=self.operator)

        return self._on_exchange(reference, act, f"this postponement of {on} is already recorded")

    def cancel_exchange(
        self, reference: str, *, on: date, reason: str, source: "Source | None" = None
    ) -> Outcome:
        def act(x: "PrisonerExchange") -> None:
            x.cancel(on=on, reason=reason, source=source, operator=self.operator)

        return self._on_exchange(reference, act, f"already recorded as cancelled on {on}")

    def correct_exchange(
        self, reference: str, *, reason: str | None, steps: Sequence[str] = (),
        values: dict[str, Any] | None = None, postponed_on: date | None = None,
    ) -> Outcome:
        """Correct the agreement (no ``steps``) or its ``completion``, ``cancellation`` or the
        postponement of ``postponed_on``, saying why."""
        step = _one_step([*steps, *(["postponement"] if postponed_on else [])])
        values = dict(values or {})
        if not values:
            raise InvalidInput("correct: nothing to correct (give the corrected values, e.g. --total 314)")
        if values.get("negotiation") is not None:
            values["negotiation"] = self._recorded_negotiation(values["negotiation"])

        def act(x: "PrisonerExchange") -> None:
            if step is None:
                x.correct_agreement(values, reason=reason or "", operator=self.operator)
            else:
                x.correct_step(step, values, reason=reason or "", operator=self.operator, on=postponed_on)

        return self._on_exchange(reference, act, "already says so; nothing to correct")

    def retract_exchange(self, reference: str, *, reason: str | None, steps: Sequence[str] = (),
                         postponed_on: date | None = None) -> Outcome:
        """Withdraw the exchange's ``completion``, ``cancellation`` or the postponement of
        ``postponed_on``, or (no step named) all of it."""
        step = _one_step([*steps, *(["postponement"] if postponed_on else [])])

        def act(x: "PrisonerExchange") -> None:
            x.retract_step(step, reason=reason or "", operator=self.operator, on=postponed_on)

        return self._on_exchange(reference, act, "")

    def _recorded_negotiation(self, negotiation: str) -> str:
        """The slug of a recorded negotiation: checked against the log itself (not the read tables),
        since a typo must not link to nothing."""
        from sitlog.domain.negotiation import Negotiation, parse_slug

        negotiation = parse_slug(negotiation)
        if self.find(Negotiation.create_id(negotiation)) is None:
            raise NotFound(
                f"negotiation: {negotiation} not found; open it first with "
                f"`sitlog negotiation open {negotiation}`"
            )
        return negotiation

    def _on_exchange(self, reference: str, act: "Callable[[PrisonerExchange], None]", repeat: str) -> Outcome:
        from sitlog.domain.prisoner_exchange import PrisonerExchange, parse_reference

        reference, _ = parse_reference(reference)
        missing = (f"exchange {reference} not found; record the agreement first with "
                   f"`sitlog exchange agree {reference}`")
        changed = self.execute(PrisonerExchange.create_id(reference), on_recorded(act, missing))
        return Outcome(reference, changed, detail="" if changed else f"exchange {reference}: {repeat}")


def _one_step(steps: Sequence[str]) -> str | None:
    if len(steps) > 1:
        raise InvalidInput(f"step: --{' and --'.join(steps)} name two steps; one at a time")
    return steps[0] if steps else None
