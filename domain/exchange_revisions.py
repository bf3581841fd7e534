"""Correcting and retracting a prisoner exchange: its agreement (numbers, mediator, linked
negotiation), its completion (date, numbers released), its postponements and cancellation (date,
stated reason); retracting a step, or the whole exchange.

The decisions live here, as a mixin of ``PrisonerExchange``; the events, and the ``@event``
methods that apply them, live with the aggregate. A correction that changes nothing records
nothing.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from sitlog.domain.errors import InvalidInput, RuleViolation
from sitlog.domain.exchange_values import ExchangeStatus, Numbers, Step
from sitlog.domain.log_entry_values import Change
from sitlog.domain.text import clean, required
from sitlog.domain.values import Figure

AGREEMENT = 1  # the agreement is the exchange's first event, and so its step 1
_NUMBERS = ("total", "released_by_ukraine", "released_by_russia")
# The steps an operator names: ``--completion``, ``--cancellation``, and ``--postponement DATE`` (an
# exchange may be postponed more than once: a postponement is named by its date).
STEP_WORDS = {"completion": ExchangeStatus.COMPLETED, "cancellation": ExchangeStatus.CANCELLED,
              "postponement": ExchangeStatus.POSTPONED}


def _text(value: Any) -> str | None:
    if isinstance(value, Figure):
        return value.as_typed
    return None if value is None else str(value)


def _diff(before: dict[str, Any], after: dict[str, Any], prefix: str) -> tuple[Change, ...]:
    return tuple(Change(field=prefix + name.replace("_", "-"), before=_text(before[name]),
                        after=_text(after[name]))
                 for name in before if before[name] != after[name])


def _laid_over(numbers: Numbers | None, values: dict[str, Any]) -> Numbers:
    given = {k: v for k, v in values.items() if k in _NUMBERS}
    return (numbers or Numbers()).laid_over(given) if given else (numbers or Numbers())


class ExchangeRevisions:
    """``PrisonerExchange``'s corrections and retractions (see the module's docstring)."""

    reference: str
    agreed_on: date
    numbers: Numbers
    mediator: str | None
    negotiation: str | None
    steps: dict[int, Step]
    retraction: str | None
    _agreement_corrected: Callable[..., None]
    _step_corrected: Callable[..., None]
    _step_retracted: Callable[..., None]

    def correct_agreement(self, values: dict[str, Any], *, reason: str, operator: str) -> None:
        """``values``: any of total, released_by_ukraine, released_by_russia, mediator, negotiation."""
        reason = required(reason, "reason", "why is it corrected? --reason ...")
        self._refuse_if_retracted("corrected")
        for name in values:
            if name not in (*_NUMBERS, "mediator", "negotiation"):
                raise InvalidInput(f"--{name.replace('_', '-')}: the agreement has no such field to correct")
        numbers = _laid_over(self.numbers, values)
        mediator = (clean(values["mediator"]) or None) if "mediator" in values else self.mediator
        negotiation = values.get("negotiation", self.negotiation)
        before = {**self.numbers.figures(), "mediator": self.mediator, "negotiation": self.negotiation}
        after = {**numbers.figures(), "mediator": mediator, "negotiation": negotiation}
        changes = _diff(before, after, "agreement ")
        if changes:
            self._agreement_corrected(numbers=numbers, mediator=mediator, negotiation=negotiation,
                                      changes=changes, reason=reason, operator=operator)

    def correct_step(self, step: str, values: dict[str, Any], *, reason: str, operator: str,
                     on: date | None = None) -> None:
        """Correct the completion, the cancellation or the postponement of date ``on`` (``step``):
        ``values`` any of date, the numbers (a completion's) and stated (the reason a cancellation or
        a postponement gave)."""
        reason = required(reason, "reason", "why is it corrected? --reason ...")
        self._refuse_if_retracted("corrected")
        old = self._named_step(step, on)
        allowed = ("date", *_NUMBERS) if old.status is ExchangeStatus.COMPLETED else ("date", "stated")
        for name in values:
            if name not in allowed:
                raise InvalidInput(f"--{name.replace('_', '-')}: the {step} has no such field to correct")
        on = values.get("date", old.on)
        if on < self.agreed_on:
            raise RuleViolation(f"date: {on} is before the agreement on {self.agreed_on}")
        numbers = _laid_over(old.numbers, values) if old.numbers is not None else None
        stated = required(values["stated"], "stated", f"why was it {old.status.value}?") \
            if "stated" in values else old.reason
        empty = {k: None for k in _NUMBERS}
        before = {"date": old.on, **(old.numbers.figures() if old.numbers else empty),
                  "reason": old.reason}
        after = {"date": on, **(numbers.figures() if numbers else empty), "reason": stated}
        changes = _diff(before, after, f"{step} ")
        if changes:
            self._step_corrected(item=old.item, on=on, numbers=numbers, stated=stated, changes=changes,
                                 reason=reason, operator=operator)

    def retract_step(self, step: str | None, *, reason: str, operator: str, on: date | None = None) -> None:
        """Withdraw the completion, the cancellation or the postponement of date ``on`` (``step``), or,
        with None, the whole exchange."""
        reason = required(reason, "reason", "why is it retracted? --reason ...")
        self._refuse_if_retracted("retracted again")
        item = AGREEMENT if step is None else self._named_step(step, on).item
        self._step_retracted(item=item, reason=reason, operator=operator)

    def _named_step(self, step: str, on: date | None = None) -> Step:
        status = STEP_WORDS[step]
        found = next((s for s in self.steps.values() if s.status is status
                      and (status is not ExchangeStatus.POSTPONED or s.on == on)), None)
        if found is None and status is ExchangeStatus.POSTPONED:
            dates = ", ".join(str(s.on) for s in self.steps.values() if s.status is status) or "none"
            raise RuleViolation(f"postponement: exchange {self.reference} has no postponement on {on} "
                                f"(its postponements: {dates})")
        if found is None:
            raise RuleViolation(f"{step}: exchange {self.reference} has no {step} recorded")
        return found

    def _refuse_if_retracted(self, what: str) -> None:
        if self.retraction is not None:
            raise RuleViolation(
                f"exchange {self.reference} was retracted ({self.retraction}); a retracted exchange "
                f"cannot be {what}"
            )
