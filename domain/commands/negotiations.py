"""Use cases of the negotiation aggregate (see domain/application.py for execute/find).

The negotiation's modules (and the exchange's, which a negotiation's outcome names) are imported
when one of these runs: a command about another aggregate never builds their classes.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sitlog.domain.commands import new_or_same, on_recorded
from sitlog.domain.errors import InvalidInput, NotFound
from sitlog.domain.outcome import Outcome
from sitlog.domain.partial_date import PartialDate, Precision

if TYPE_CHECKING:
    from sitlog.domain.negotiation import (
        Negotiation,
        NegotiationStatus,
        OutcomeKind,
        Participant,
        StatementKind,
    )
    from sitlog.domain.values import Source


class NegotiationCommands:
    operator: str
    execute: Callable[..., bool]
    find: Callable[[UUID], Any]

    def open_negotiation(
        self, slug: str, *, title: str, opened_on: date, mediator: str | None = None,
        parties: Sequence[str] = (), source: "Source | None" = None,
    ) -> Outcome:
        from sitlog.domain.negotiation import Negotiation

        opened = Negotiation.open(
            slug, title=title, mediator=mediator, parties=tuple(parties), opened_on=opened_on,
            source=source, operator=self.operator,
        )
        changed = self.execute(opened.id, new_or_same(opened, Negotiation.confirm_opening))
        detail = "" if changed else f"negotiation {opened.slug} is already open"
        return Outcome(opened.slug, changed, detail=detail)

    def hold_round(
        self, slug: str, *, held_on: date, venue: str, day: int | None = None,
        participants: "Sequence[Participant]" = (), source: "Source | None" = None,
    ) -> Outcome:
        def act(n: "Negotiation") -> None:
            n.hold_round(held_on=held_on, venue=venue, day=day, participants=tuple(participants),
                         source=source, operator=self.operator)

        day_text = f" (day {day})" if day else ""
        repeat = f"the round of {held_on} at {venue}{day_text} is already recorded (no new participants)"
        return self._on_negotiation(slug, act, repeat)

    def record_statement(
        self, slug: str, *, made_on: date | PartialDate, by: str, text: str,
        kind: "StatementKind | None" = None, source: "Source | None" = None,
    ) -> Outcome:
        from sitlog.domain.negotiation import StatementKind

        said = StatementKind.QUOTE if kind is None else kind

        def act(n: "Negotiation") -> None:
            n.make_statement(made_on=made_on, by=by, text=text, kind=said, source=source,
                             operator=self.operator)

        return self._on_negotiation(slug, act, f"this statement by {by} on {made_on} is already recorded")

    def record_outcome(
        self, slug: str, *, reached_on: date, kind: "OutcomeKind", text: str, exchange: str | None = None,
        source: "Source | None" = None,
    ) -> Outcome:
        if exchange is not None:
            exchange = self._recorded_exchange(exchange)

        def act(n: "Negotiation") -> None:
            n.reach_outcome(reached_on=reached_on, kind=kind, text=text, exchange=exchange, source=source,
                            operator=self.operator)

        return self._on_negotiation(slug, act, f"this {kind} outcome of {reached_on} is already recorded")

    def raise_issue(
        self, slug: str, *, raised_on: date, topic: str, by: str | None = None, source: "Source | None" = None
    ) -> Outcome:
        def act(n: "Negotiation") -> None:
            n.raise_issue(raised_on=raised_on, topic=topic, by=by, source=source, operator=self.operator)

        return self._on_negotiation(slug, act, f"the issue {topic!r} of {raised_on} is already recorded")

    def correct_negotiation(
        self, slug: str, *, reason: str | None, records: Sequence[tuple[str, int]] = (),
        values: dict[str, Any] | None = None, add: "Sequence[Participant]" = (), remove: Sequence[str] = (),
        change: "Sequence[Participant]" = (),
    ) -> Outcome:
        """Correct the negotiation's own details (no ``records``: title, mediator, parties), or the
        record named in ``records`` as (kind, number): a round, statement, outcome or issue."""
        named = _one_record(records, required=False)
        values = dict(values or {})
        if not values and not (add or remove or change):
            raise InvalidInput("correct: nothing to correct (give the corrected values, e.g. --text ...)")
        if "stated" in values and (named is None or named[0] != STATUS_CHANGE):
            raise InvalidInput("--status-reason: only a change of status states a reason; name it with "
                               "--status-change N")
        if values.get("exchange") is not None:
            values["exchange"] = self._recorded_exchange(values["exchange"])
        why = reason or ""

        def act(n: "Negotiation") -> None:
            if named is not None and named[0] == STATUS_CHANGE:
                n.correct_status(named[1], _day_only(values), reason=why, operator=self.operator)
                return
            if named is None:
                if add or remove or change:
                    raise InvalidInput("participant: participants belong to a round; name it with --round N")
                n.correct_details(values, reason=why, operator=self.operator)
                return
            n.record(named[1], kind=named[0])
            n.correct_record(named[1], values, add=tuple(add), remove=tuple(remove), change=tuple(change),
                             reason=why, operator=self.operator)

        what = f"{named[0]} {named[1]}" if named else "it"
        return self._on_negotiation(slug, act, f"{what} already says so; nothing to correct",
                                    warn_if_suspended=False)

    def retract_negotiation_record(
        self, slug: str, *, records: Sequence[tuple[str, int]], reason: str | None
    ) -> Outcome:
        """Withdraw a round, statement, outcome or issue (``records``: its kind and number), saying why."""
        named = _one_record(records, required=True)
        assert named is not None

        def act(n: "Negotiation") -> None:
            if named[0] == STATUS_CHANGE:
                n.retract_status(named[1], reason=reason or "", operator=self.operator)
                return
            n.record(named[1], kind=named[0])
            n.retract_record(named[1], reason=reason or "", operator=self.operator)

        return self._on_negotiation(slug, act, "", warn_if_suspended=False)

    def _recorded_exchange(self, exchange: str) -> str:
        """The reference of a recorded exchange: checked against the log itself (not the read
        tables), since a typo must not link to nothing."""
        from sitlog.domain.prisoner_exchange import PrisonerExchange, parse_reference

        exchange, _ = parse_reference(exchange)
        if self.find(PrisonerExchange.create_id(exchange)) is None:
            raise NotFound(
                f"exchange: {exchange} not found; record it first with `sitlog exchange agree {exchange}`"
            )
        return exchange

    def suspend_negotiation(self, slug: str, *, on: date, reason: str) -> Outcome:
        from sitlog.domain.negotiation import NegotiationStatus

        return self._change_status(slug, NegotiationStatus.SUSPENDED, on, reason)

    def resume_negotiation(self, slug: str, *, on: date, reason: str | None = None) -> Outcome:
        from sitlog.domain.negotiation import NegotiationStatus

        return self._change_status(slug, NegotiationStatus.OPEN, on, reason)

    def conclude_negotiation(self, slug: str, *, on: date, reason: str) -> Outcome:
        from sitlog.domain.negotiation import NegotiationStatus

        return self._change_status(slug, NegotiationStatus.CONCLUDED, on, reason)

    def _change_status(self, slug: str, to: "NegotiationStatus", on: date, reason: str | None) -> Outcome:
        from sitlog.domain.negotiation import NegotiationStatus, parse_slug

        def act(n: "Negotiation") -> None:
            n.change_status(to, on=on, reason=reason, operator=self.operator)

        word = "resumed" if to is NegotiationStatus.OPEN else to.value
        repeat = f"negotiation {parse_slug(slug)} is already {word} on {on}"
        return self._on_negotiation(slug, act, repeat, warn_if_suspended=False)

    def _on_negotiation(
        self, slug: str, act: "Callable[[Negotiation], None]", repeat: str, warn_if_suspended: bool = True
    ) -> Outcome:
        from sitlog.domain.negotiation import Negotiation, NegotiationStatus, parse_slug

        slug = parse_slug(slug)
        warnings: list[str] = []

        def warn_then_act(found: "Negotiation") -> None:
            warnings.clear()  # a retry after a conflict decides again
            if warn_if_suspended and found.status is NegotiationStatus.SUSPENDED:
                warnings.append(
                    f"negotiation {slug} is suspended since {found.status_on} ({found.status_reason})"
                )
            act(found)

        missing = f"negotiation {slug} not found; open it first with `sitlog negotiation open {slug}`"
        changed = self.execute(Negotiation.create_id(slug), on_recorded(warn_then_act, missing))
        return Outcome(slug, changed, tuple(warnings) if changed else (), "" if changed else repeat)


STATUS_CHANGE = "status-change"  # a change of status, named as a record by --status-change N


def _day_only(values: dict[str, Any]) -> dict[str, Any]:
    """A status change is dated by day: a date given at another precision is refused."""
    given = values.get("date")
    if isinstance(given, PartialDate):
        if given.precision is not Precision.DAY:
            raise InvalidInput(
                f"date: {str(given)!r} is not a full date (a status change is dated YYYY-MM-DD)")
        values = {**values, "date": given.day}
    return values


def _one_record(records: Sequence[tuple[str, int]], required: bool) -> tuple[str, int] | None:
    """The one record named (--round N, --statement N, --outcome N, --issue N or --status-change N)."""
    if len(records) > 1:
        given = " and ".join(f"--{kind} {n}" for kind, n in records)
        raise InvalidInput(f"record: {given} name two records; correct or retract one at a time")
    if not records and required:
        raise InvalidInput("record: which? name it with --round N, --statement N, --outcome N, --issue N or "
                           "--status-change N (its number in `sitlog negotiation show`)")
    return records[0] if records else None
