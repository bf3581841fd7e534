"""Casualty estimates: per series (``SUBJECT/MEASURE``), every source's figures over time.

Within a series an estimate is identified by its source and the date its figure
refers to (``as_of``). Sources are never merged: each keeps its own history, and
a different figure for a date a source already covered needs an explicit correction.
"""

import re
from datetime import date
from typing import Self
from uuid import UUID

from eventsourcing.domain import event
from pydantic import Field
from sitlog.domain.base import Aggregate, Immutable
from sitlog.domain.errors import InvalidInput, NotFound, RuleViolation, WouldOverwrite
from sitlog.domain.ids import natural_id
from sitlog.domain.outcome import Outcome
from sitlog.domain.partial_date import PartialDate, Precision, shown
from sitlog.domain.relative_change import RelativeChange
from sitlog.domain.text import clean, folded, required
from sitlog.domain.values import Figure, Source, web_address

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SERIES = re.compile(rf"{_SLUG}/{_SLUG}")



def series_key(text: str) -> str:
    """``SUBJECT/MEASURE`` in its one spelling: "Ukraine Military/Killed" is ukraine-military/killed.

    A key typed in that spelling maps to itself, so the ids of existing series do not change."""
    key = "/".join("-".join(folded(part).split()) for part in text.split("/"))
    if not _SERIES.fullmatch(key):
        raise InvalidInput(
            f"series: {text!r} is not a series key (expected SUBJECT/MEASURE, words of letters and digits, "
            "e.g. ukraine-military/killed)"
        )
    return key




class Estimate(Immutable):
    """One source's figure (or relative change) for the date ``as_of``, published on ``reported``."""

    source: Source
    as_of: date  # the last day of the period the source gave (see domain/partial_date.py)
    reported: date
    as_of_precision: Precision = Precision.DAY
    reported_precision: Precision = Precision.DAY
    figure: Figure | None = None
    change: RelativeChange | None = None
    statement: str | None = Field(default=None, min_length=1)

    @classmethod
    def of(
        cls, *, source: str, reported: date | PartialDate, as_of: date | PartialDate | None = None,
        figure: Figure | None = None,
        change: RelativeChange | None = None, url: str | None = None, statement: str | None = None,
    ) -> Self:
        """Build from what an operator typed; a relative change refers by default to its period's end."""
        _one_claim(figure, change)
        if as_of is None:
            if change is None:
                raise InvalidInput("as-of: required with --value (the date the figure refers to)")
            as_of = change.period.end
        as_of, reported = _partial(as_of), _partial(reported)
        return cls(
            source=Source(name=source, url=web_address(url)),
            as_of=as_of.day,
            reported=reported.day,
            as_of_precision=as_of.precision,
            reported_precision=reported.precision,
            figure=figure,
            change=change,
            statement=clean(statement) or None,
        )

    @property
    def as_of_text(self) -> str:
        return shown(self.as_of, self.as_of_precision)

    @property
    def reported_text(self) -> str:
        return shown(self.reported, self.reported_precision)

    @property
    def claim(self) -> str:
        return str(self.figure if self.figure is not None else self.change)

    def check(self) -> None:
        """The rules every estimate obeys (a Figure is non-negative and ordered by construction)."""
        _one_claim(self.figure, self.change)
        if self.as_of > self.reported:
            raise RuleViolation(
                f"as-of: {self.as_of_text} is after the report date {self.reported_text} "
                f"(an estimate cannot refer to a date after it was reported)"
            )
        if self.change is not None:
            change = self.change
            if change.percent < -100:
                raise RuleViolation(f"change: {change.percent}% is below -100% (a count cannot fall further)")
            if change.baseline.end >= change.period.start:
                raise RuleViolation(
                    f"baseline: {change.baseline} does not come before the period {change.period}"
                )
            if change.period.end > self.as_of:
                raise RuleViolation(f"as-of: {self.as_of} is before the end of the period {change.period}")


Slot = tuple[str, date]


class CasualtyEstimate(Aggregate):
    """The estimates of one series, by source and date."""

    # -- events: what the log stores (their names are stored topics: never rename them) ---

    class Event(Aggregate.Event):
        """Every event of a series of estimates."""

    class SeriesOpened(Aggregate.Created, Event):
        key: str

    class EstimateRecorded(Event):
        estimate: Estimate

    class EstimateCorrected(Event):
        estimate: Estimate
        reason: str

    class EstimateRetracted(Event):
        source: str
        as_of: date
        reason: str

    @staticmethod
    def create_id(key: str) -> UUID:
        return natural_id("estimate", key)

    @event(SeriesOpened)
    def __init__(self, key: str, operator: str) -> None:
        self.key = key
        self.estimates: dict[Slot, Estimate] = {}
        self.retracted: set[Slot] = set()

    def record(self, estimate: Estimate, operator: str) -> Outcome:
        estimate.check()
        name = self._name(estimate.source.name)
        estimate = estimate.model_copy(update={"source": estimate.source.model_copy(update={"name": name})})
        slot = (name, estimate.as_of)
        current = self.estimates.get(slot)
        if current is not None and slot not in self.retracted:
            said = f'{self.key} already has {current.claim} from "{name}" as of {current.as_of_text}'
            if current.figure == estimate.figure and current.change == estimate.change:
                return Outcome(self.key, False, _differences(current, estimate), said)
            raise WouldOverwrite(
                f"{said}; use `sitlog estimate correct {self.key} --source \"{name}\" "
                f"--as-of {estimate.as_of} ... --reason ...` to change it"
            )
        self._record(estimate=estimate, operator=operator)
        return Outcome(self.key, True)

    def correct(
        self, source: str, as_of: date, figure: Figure | None, change: RelativeChange | None, reason: str,
        operator: str,
    ) -> Outcome:
        reason = required(reason, "reason", "why is it corrected? --reason ...")
        slot = self._slot(source, as_of)
        if slot in self.retracted:
            raise RuleViolation(
                f"{self._said(slot)} was retracted; record it again with `sitlog estimate record`"
            )
        current = self.estimates[slot]
        corrected = current.model_copy(update={"figure": figure, "change": change})
        corrected.check()
        if corrected == current:
            return Outcome(self.key, False, detail=f'{self._said(slot)} is already {current.claim}')
        self._correct(estimate=corrected, reason=reason, operator=operator)
        return Outcome(self.key, True)

    def retract(self, source: str, as_of: date, reason: str, operator: str) -> Outcome:
        reason = required(reason, "reason", "why is it retracted? --reason ...")
        slot = self._slot(source, as_of)
        if slot in self.retracted:
            return Outcome(self.key, False, detail=f"{self._said(slot)} is already retracted")
        self._retract(source=slot[0], as_of=as_of, reason=reason, operator=operator)
        return Outcome(self.key, True)

    def _said(self, slot: Slot) -> str:
        return f'{self.key}: the estimate from "{slot[0]}" as of {slot[1]}'

    def _name(self, name: str) -> str:
        """The spelling this series already uses for ``name`` (sources match as ``text.folded`` keys)."""
        return next((known for known, _ in self.estimates if folded(known) == folded(name)), name)

    def _slot(self, source: str, as_of: date) -> Slot:
        name = self._name(Source(name=source).name)
        if (name, as_of) not in self.estimates:
            dates = sorted(str(d) for n, d in self.estimates if n == name)
            sources = sorted({n for n, _ in self.estimates})
            known = f"it has {', '.join(dates)}" if dates else f"its sources: {', '.join(sources)}"
            raise NotFound(f'{self.key} has no estimate from "{name}" as of {as_of} ({known})')
        return name, as_of

    @event(EstimateRecorded)
    def _record(self, estimate: Estimate, operator: str) -> None:
        slot = (estimate.source.name, estimate.as_of)
        self.estimates[slot] = estimate
        self.retracted.discard(slot)

    @event(EstimateCorrected)
    def _correct(self, estimate: Estimate, reason: str, operator: str) -> None:
        self.estimates[(estimate.source.name, estimate.as_of)] = estimate

    @event(EstimateRetracted)
    def _retract(self, source: str, as_of: date, reason: str, operator: str) -> None:
        self.retracted.add((source, as_of))


def _partial(day: date | PartialDate) -> PartialDate:
    return day if isinstance(day, PartialDate) else PartialDate.of(day)


def _one_claim(figure: Figure | None, change: RelativeChange | None) -> None:
    if figure is None and change is None:
        raise InvalidInput("value: an estimate needs a figure (--value) or a relative change (--change)")
    if figure is not None and change is not None:
        raise InvalidInput("value: give a figure (--value) or a relative change (--change), not both")


def _differences(recorded: Estimate, repeat: Estimate) -> tuple[str, ...]:
    differ = [
        name for name, a, b in (
            ("report date", recorded.reported, repeat.reported),
            ("URL", recorded.source.url, repeat.source.url),
            ("statement", recorded.statement, repeat.statement),
        ) if b is not None and a != b
    ]
    if not differ:
        return ()
    return (f"this repeat has a different {' and '.join(differ)}; the estimate as first recorded is kept",)
