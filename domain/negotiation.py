"""A negotiation track, keyed by a slug: opened, rounds held, statements, outcomes, issues, status.

Each public method decides (validates, recognises a repeat, applies the rules) and only then
triggers one private ``@event`` method, whose body just records: it runs again on every replay.
"""

from datetime import date
from uuid import UUID

from eventsourcing.domain import event
from sitlog.domain.base import Aggregate
from sitlog.domain.errors import InvalidInput, RuleViolation, WouldOverwrite
from sitlog.domain.ids import natural_id
from sitlog.domain.negotiation_values import (
    NegotiationStatus,
    OutcomeKind,
    Participant,
    Round,
    StatementKind,
    parse_slug,
)
from sitlog.domain.text import clean, folded, required
from sitlog.domain.values import Source

# A round is a few days of talks: a day number beyond a year is a typo, and must not reach the log.
MAX_ROUND_DAY = 366

# Other modules import these from here, next to the aggregate they describe.
__all__ = ["Negotiation", "NegotiationStatus", "OutcomeKind", "Participant", "StatementKind", "parse_slug"]


class Negotiation(Aggregate):
    # -- events: what the log stores (their names are stored topics: never rename them) ---

    class Event(Aggregate.Event):
        """Every event of a negotiation."""

    class Opened(Aggregate.Created, Event):
        slug: str
        title: str
        mediator: str | None
        parties: tuple[str, ...]
        opened_on: date
        source: Source | None

    class RoundHeld(Event):
        held_on: date
        venue: str
        day: int | None
        participants: tuple[Participant, ...]
        source: Source | None

    class ParticipantsAdded(Event):
        held_on: date
        venue: str
        day: int | None
        participants: tuple[Participant, ...]
        source: Source | None

    class StatementMade(Event):
        made_on: date
        by: str
        text: str
        kind: StatementKind
        source: Source | None

    class OutcomeReached(Event):
        reached_on: date
        kind: OutcomeKind
        text: str
        exchange: str | None
        source: Source | None

    class IssueRaised(Event):
        raised_on: date
        topic: str
        by: str | None
        source: Source | None

    class StatusChanged(Event):
        status: NegotiationStatus
        on: date
        reason: str | None

    @staticmethod
    def create_id(slug: str) -> UUID:
        return natural_id("negotiation", slug)

    @event(Opened)
    def __init__(
        self, slug: str, title: str, mediator: str | None, parties: tuple[str, ...], opened_on: date,
        source: Source | None, operator: str,
    ) -> None:
        self.slug, self.title, self.mediator, self.parties = slug, title, mediator, parties
        self.opened_on = opened_on
        self.status, self.status_on = NegotiationStatus.OPEN, opened_on
        self.status_reason: str | None = None
        self.last_change: tuple[NegotiationStatus, date, str | None] | None = None
        self.rounds: list[Round] = []
        self.records: set[tuple[object, ...]] = set()  # statements, outcomes, issues: to spot repeats

    @classmethod
    def open(
        cls, slug: str, *, title: str, mediator: str | None, parties: tuple[str, ...], opened_on: date,
        source: Source | None, operator: str,
    ) -> "Negotiation":
        parties = tuple(clean(p) for p in parties if clean(p))
        seen: set[str] = set()
        for party in parties:
            if folded(party) in seen:
                raise InvalidInput(f"party: {party!r} is given twice")
            seen.add(folded(party))
        title = required(title, "title", 'what the track is called, e.g. --title "US-brokered talks"')
        return cls(
            slug=parse_slug(slug), title=title, mediator=clean(mediator) or None,
            parties=parties, opened_on=opened_on, source=source, operator=operator,
        )

    def confirm_opening(self, other: "Negotiation") -> None:
        """A repeat of ``open`` is fine if identical; anything else would silently rewrite the track."""
        mine = (self.title, self.mediator, self.parties, self.opened_on)
        theirs = (other.title, other.mediator, other.parties, other.opened_on)
        if mine != theirs:
            raise WouldOverwrite(
                f"negotiation {self.slug} is already open (opened {self.opened_on}: {self.title!r}, "
                f"mediator {self.mediator or 'none'}, parties {', '.join(self.parties) or 'none'}); "
                "it cannot be opened again with other details"
            )

    def _require_not_concluded(self, what: str) -> None:
        if self.status is NegotiationStatus.CONCLUDED:
            raise RuleViolation(
                f"negotiation {self.slug} was concluded on {self.status_on} ({self.status_reason}); "
                f"a concluded negotiation takes no new {what}"
            )

    def _require_not_before_opening(self, day: date, what: str) -> None:
        if day < self.opened_on:
            raise RuleViolation(f"date: {what} on {day} is before the negotiation opened on {self.opened_on}")

    def hold_round(
        self, *, held_on: date, venue: str, day: int | None, participants: tuple[Participant, ...],
        source: Source | None, operator: str,
    ) -> None:
        venue = required(venue, "venue", "where the round was held, e.g. --venue Geneva")
        if day is not None and not 1 <= day <= MAX_ROUND_DAY:
            raise InvalidInput(
                f"day: {day} is not a day number (1 for the first day of a round, at most {MAX_ROUND_DAY})"
            )
        keys = [p.key for p in participants]
        for p in participants:
            if keys.count(p.key) > 1:
                raise InvalidInput(f"participant: {p.name!r} is listed twice in this round")
        same = next((r for r in self.rounds if (r.held_on, r.venue.casefold(), r.day)
                     == (held_on, venue.casefold(), day)), None)
        if same is None:
            self._require_not_concluded("rounds")
            self._require_not_before_opening(held_on, "a round")
            self._round_held(held_on=held_on, venue=venue, day=day, participants=participants,
                             source=source, operator=operator)
            return
        known = {p.key: p for p in same.participants}
        for p in participants:
            if p.key in known and p.contradicts(known[p.key]):
                raise WouldOverwrite(
                    f"participant: {p.name!r} is already recorded in the {same.label()} as {known[p.key]}"
                )
        new = tuple(p for p in participants if p.key not in known)
        if new:  # another source names more people at the same round: add them, overwrite nothing
            self._require_not_concluded("participants")
            self._participants_added(held_on=held_on, venue=same.venue, day=day, participants=new,
                                     source=source, operator=operator)

    @event(RoundHeld)
    def _round_held(
        self, held_on: date, venue: str, day: int | None, participants: tuple[Participant, ...],
        source: Source | None, operator: str,
    ) -> None:
        self.rounds.append(Round(held_on=held_on, venue=venue, day=day, participants=participants))

    @event(ParticipantsAdded)
    def _participants_added(
        self, held_on: date, venue: str, day: int | None, participants: tuple[Participant, ...],
        source: Source | None, operator: str,
    ) -> None:
        i, old = next((i, r) for i, r in enumerate(self.rounds) if (r.held_on, r.venue, r.day)
                      == (held_on, venue, day))
        self.rounds[i] = old.model_copy(update={"participants": old.participants + participants})

    def make_statement(
        self, *, made_on: date, by: str, text: str, kind: StatementKind, source: Source | None, operator: str
    ) -> None:
        by = required(by, "by", 'who said it, e.g. --by "Volodymyr Zelenskyy"')
        text = required(text, "text", "what was said, --text ...")
        if ("statement", made_on, folded(by), text) in self.records:
            return
        self._require_not_concluded("statements")
        self._statement_made(made_on=made_on, by=by, text=text, kind=kind, source=source, operator=operator)

    @event(StatementMade)
    def _statement_made(
        self, made_on: date, by: str, text: str, kind: StatementKind, source: Source | None, operator: str
    ) -> None:
        self.records.add(("statement", made_on, folded(by), text))

    def reach_outcome(
        self, *, reached_on: date, kind: OutcomeKind, text: str, exchange: str | None,
        source: Source | None, operator: str,
    ) -> None:
        text = required(text, "text", "what came out of it, --text ...")
        if ("outcome", reached_on, kind, text.casefold(), exchange) in self.records:
            return
        self._require_not_concluded("outcomes")
        self._require_not_before_opening(reached_on, "an outcome")
        self._outcome_reached(reached_on=reached_on, kind=kind, text=text, exchange=exchange,
                              source=source, operator=operator)

    @event(OutcomeReached)
    def _outcome_reached(
        self, reached_on: date, kind: OutcomeKind, text: str, exchange: str | None,
        source: Source | None, operator: str,
    ) -> None:
        self.records.add(("outcome", reached_on, kind, text.casefold(), exchange))

    def raise_issue(
        self, *, raised_on: date, topic: str, by: str | None, source: Source | None, operator: str
    ) -> None:
        topic, by = required(topic, "topic", "the issue raised, --topic ..."), clean(by) or None
        if ("issue", raised_on, topic.casefold(), (by or "").casefold()) in self.records:
            return
        self._require_not_concluded("issues")
        self._issue_raised(raised_on=raised_on, topic=topic, by=by, source=source, operator=operator)

    @event(IssueRaised)
    def _issue_raised(
        self, raised_on: date, topic: str, by: str | None, source: Source | None, operator: str
    ) -> None:
        self.records.add(("issue", raised_on, topic.casefold(), (by or "").casefold()))

    def change_status(self, to: NegotiationStatus, *, on: date, reason: str | None, operator: str) -> None:
        """Suspend, resume or conclude; repeating the last change exactly is a no-op."""
        reason = clean(reason) or None
        if self.last_change == (to, on, reason):
            return
        self._require_not_concluded("changes of status")
        if to is NegotiationStatus.OPEN and self.status is not NegotiationStatus.SUSPENDED:
            raise RuleViolation(f"negotiation {self.slug} is not suspended; only a suspended one can resume")
        if to is NegotiationStatus.SUSPENDED and self.status is NegotiationStatus.SUSPENDED:
            raise RuleViolation(f"negotiation {self.slug} is already suspended since {self.status_on}")
        if to is not NegotiationStatus.OPEN:
            required(reason, "reason", f"why is it {to.value}? --reason ...")
        if on < self.status_on:
            raise RuleViolation(
                f"date: {on} is before the last change of status ({self.status} on {self.status_on})"
            )
        self._status_changed(status=to, on=on, reason=reason, operator=operator)

    @event(StatusChanged)
    def _status_changed(self, status: NegotiationStatus, on: date, reason: str | None, operator: str) -> None:
        self.status, self.status_on, self.status_reason = status, on, reason
        self.last_change = (status, on, reason)
