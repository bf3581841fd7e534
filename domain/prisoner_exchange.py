"""A prisoner exchange, keyed by ``DATE[/LABEL]`` of its agreement: agreed, then completed,
postponed or cancelled. Numbers are counts of people released by each side.

Each step is kept as it stands (``Step``), numbered by the version of the event that recorded it;
its status is that of its latest step. The same agreement or completion reported by another
source records that source as corroborating. Corrections and retractions are decided in
``exchange_revisions.py``; their events are here, with the others.
"""

from datetime import date
from uuid import UUID

from eventsourcing.domain import event
from sitlog.domain.base import Aggregate
from sitlog.domain.errors import RuleViolation, WouldOverwrite
from sitlog.domain.exchange_revisions import AGREEMENT, ExchangeRevisions
from sitlog.domain.exchange_values import (
    ExchangeStatus,
    Numbers,
    Step,
    gap_phrase,
    options,
    parse_reference,
    says_less,
    whole_months,
)
from sitlog.domain.ids import natural_id
from sitlog.domain.log_entry_values import Change
from sitlog.domain.text import clean, required
from sitlog.domain.values import Source

# Other modules import these from here, next to the aggregate they describe.
__all__ = ["ExchangeStatus", "Numbers", "PrisonerExchange", "gap_phrase", "parse_reference", "whole_months"]

class PrisonerExchange(ExchangeRevisions, Aggregate):
    # -- events: what the log stores (their names are stored topics: never rename them) ---

    class Event(Aggregate.Event):
        """Every event of a prisoner exchange."""

    class Agreed(Aggregate.Created, Event):
        reference: str
        agreed_on: date
        numbers: Numbers
        mediator: str | None
        negotiation: str | None
        source: Source | None

    class Completed(Event):
        completed_on: date
        numbers: Numbers
        source: Source | None

    class Postponed(Event):
        on: date
        reason: str
        source: Source | None

    class Cancelled(Event):
        on: date
        reason: str
        source: Source | None

    class AgreementCorrected(Event):
        """The agreement as corrected, the fields changed, and why."""

        numbers: Numbers
        mediator: str | None
        negotiation: str | None
        changes: tuple[Change, ...]
        reason: str

    class StepCorrected(Event):
        """Step ``item`` (a completion, a postponement or a cancellation) as corrected: its date,
        its numbers (a completion's) and its stated reason (a postponement's or a cancellation's)."""

        item: int
        on: date
        numbers: Numbers | None
        stated: str | None
        changes: tuple[Change, ...]
        reason: str

    class StepRetracted(Event):
        """Step ``item`` withdrawn; step 1, the agreement, withdraws the whole exchange."""

        item: int
        reason: str

    class Corroborated(Event):
        """Another source reports step ``item`` (the agreement or the completion) as recorded."""

        item: int
        source: Source

    @staticmethod
    def create_id(reference: str) -> UUID:
        return natural_id("exchange", reference)

    @event(Agreed)
    def __init__(
        self, reference: str, agreed_on: date, numbers: Numbers, mediator: str | None,
        negotiation: str | None, source: Source | None, operator: str,
    ) -> None:
        self.reference, self.agreed_on, self.numbers = reference, agreed_on, numbers
        self.mediator, self.negotiation = mediator, negotiation
        self.steps: dict[int, Step] = {AGREEMENT: Step(
            item=AGREEMENT, status=ExchangeStatus.AGREED, on=agreed_on, numbers=numbers,
            source=source and source.name)}
        self.agreement_source = source
        self.retraction: str | None = None  # the reason, once the whole exchange is withdrawn

    @classmethod
    def agree(
        cls, reference: str, *, numbers: Numbers, mediator: str | None, negotiation: str | None,
        source: Source | None, operator: str,
    ) -> "PrisonerExchange":
        reference, agreed_on = parse_reference(reference)
        return cls(
            reference=reference, agreed_on=agreed_on, numbers=numbers.check(),
            mediator=clean(mediator) or None, negotiation=negotiation, source=source, operator=operator,
        )

    # -- what the steps say ----------------------------------------------------------------

    @property
    def latest(self) -> Step:
        return self.steps[max(self.steps)]

    @property
    def status(self) -> ExchangeStatus:
        return self.latest.status

    def step(self, status: ExchangeStatus) -> Step | None:
        return next((s for s in self.steps.values() if s.status is status), None)

    # -- decisions ---------------------------------------------------------------------

    def confirm_agreement(self, other: "PrisonerExchange", operator: str) -> None:
        """A repeat of the agreement is fine if identical or if it gives fewer details (from another
        source, it corroborates); anything else would rewrite it."""
        self._refuse_if_retracted("agreed again")
        mine = {**self.numbers.figures(), "mediator": self.mediator, "negotiation": self.negotiation}
        theirs = {**other.numbers.figures(), "mediator": other.mediator, "negotiation": other.negotiation}
        if not says_less(theirs, {**mine, **self.numbers.implied().figures()}):
            raise WouldOverwrite(
                f"exchange {self.reference} is already recorded as agreed ({self.numbers}; mediator "
                f"{self.mediator or 'none'}; negotiation {self.negotiation or 'none'}); nothing is "
                f"overwritten: to change it use `sitlog exchange correct {self.reference} "
                f'{options(mine, theirs)} --reason "..."`, or record another exchange of the same day '
                "as DATE/LABEL"
            )
        given = other.agreement_source
        if given is not None and not self.steps[AGREEMENT].reported_by(given.name):
            self._corroborated(item=AGREEMENT, source=given, operator=operator)

    def _require(self, on: date, what: str) -> None:
        self._refuse_if_retracted(what)
        if self.status is ExchangeStatus.CANCELLED:
            raise RuleViolation(
                f"exchange {self.reference} was cancelled on {self.latest.on} ({self.latest.reason}); "
                f"a cancelled exchange cannot be {what}"
            )
        completed = self.step(ExchangeStatus.COMPLETED)
        if completed is not None:
            raise RuleViolation(
                f"exchange {self.reference} was completed on {completed.on}; it cannot be {what}"
            )
        if on < self.agreed_on:
            raise RuleViolation(f"date: {on} is before the agreement on {self.agreed_on}")

    def complete(self, *, completed_on: date, numbers: Numbers, source: Source | None, operator: str) -> None:
        numbers.check()
        self._refuse_if_retracted("completed")
        done = self.step(ExchangeStatus.COMPLETED)
        recorded = (done.numbers or Numbers()).implied().figures() if done is not None else {}
        if done is not None and done.on == completed_on and says_less(numbers.figures(), recorded):
            if source is not None and not done.reported_by(source.name):
                self._corroborated(item=done.item, source=source, operator=operator)
            return
        if done is not None:
            mine = {"date": done.on, **(done.numbers or Numbers()).figures()}
            theirs = {"date": completed_on, **numbers.figures()}
            raise WouldOverwrite(
                f"exchange {self.reference} is already recorded as completed on {done.on} ({done.numbers}); "
                f"nothing is overwritten: to change it use `sitlog exchange correct {self.reference} "
                f'--completion {options(mine, theirs)} --reason "..."`'
            )
        self._require(completed_on, "completed")
        self._completed(completed_on=completed_on, numbers=numbers, source=source, operator=operator)

    def postpone(self, *, on: date, reason: str, source: Source | None, operator: str) -> None:
        reason = required(reason, "reason", "why is it postponed? --reason ...")
        if any((s.status, s.on, s.reason) == (ExchangeStatus.POSTPONED, on, reason)
               for s in self.steps.values()):
            return
        self._require(on, "postponed")
        self._postponed(on=on, reason=reason, source=source, operator=operator)

    def cancel(self, *, on: date, reason: str, source: Source | None, operator: str) -> None:
        reason = required(reason, "reason", "why is it cancelled? --reason ...")
        if (self.status, self.latest.on, self.latest.reason) == (ExchangeStatus.CANCELLED, on, reason):
            return
        self._require(on, "cancelled")
        self._cancelled(on=on, reason=reason, source=source, operator=operator)

    # -- events: apply only ------------------------------------------------------------

    def _add_step(self, status: ExchangeStatus, on: date, source: Source | None,
                  numbers: Numbers | None = None, reason: str | None = None) -> None:
        item = self.version + 1  # this event's own version: the step's number
        self.steps[item] = Step(item=item, status=status, on=on, numbers=numbers, reason=reason,
                                source=source and source.name)

    @event(Completed)
    def _completed(self, completed_on: date, numbers: Numbers, source: Source | None, operator: str) -> None:
        self._add_step(ExchangeStatus.COMPLETED, completed_on, source, numbers=numbers)

    @event(Postponed)
    def _postponed(self, on: date, reason: str, source: Source | None, operator: str) -> None:
        self._add_step(ExchangeStatus.POSTPONED, on, source, reason=reason)

    @event(Cancelled)
    def _cancelled(self, on: date, reason: str, source: Source | None, operator: str) -> None:
        self._add_step(ExchangeStatus.CANCELLED, on, source, reason=reason)

    @event(AgreementCorrected)
    def _agreement_corrected(self, numbers: Numbers, mediator: str | None, negotiation: str | None,
                             changes: tuple[Change, ...], reason: str, operator: str) -> None:
        self.numbers, self.mediator, self.negotiation = numbers, mediator, negotiation
        self.steps[AGREEMENT] = self.steps[AGREEMENT].model_copy(update={"numbers": numbers})

    @event(StepCorrected)
    def _step_corrected(self, item: int, on: date, numbers: Numbers | None, stated: str | None,
                        changes: tuple[Change, ...], reason: str, operator: str) -> None:
        self.steps[item] = self.steps[item].model_copy(
            update={"on": on, "numbers": numbers, "reason": stated})

    @event(StepRetracted)
    def _step_retracted(self, item: int, reason: str, operator: str) -> None:
        if item == AGREEMENT:
            self.retraction = reason
        else:
            self.steps.pop(item)

    @event(Corroborated)
    def _corroborated(self, item: int, source: Source, operator: str) -> None:
        step = self.steps[item]
        self.steps[item] = step.model_copy(update={"corroborated_by": (*step.corroborated_by, source.name)})
