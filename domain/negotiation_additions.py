"""Adding to a negotiation: rounds (with who took part), statements, outcomes and issues.

The decisions live here, as a mixin of ``Negotiation``: each validates, recognises a repeat
(the same record again; for a round, another source reporting it corroborates it) and applies
the rules, then triggers one of the aggregate's ``@event`` methods, declared with its events.
"""

from collections.abc import Callable
from datetime import date

from sitlog.domain.errors import RuleViolation, WouldOverwrite
from sitlog.domain.negotiation_records import IssueRecord, OutcomeRecord, Record, RoundRecord, StatementRecord
from sitlog.domain.negotiation_values import (
    NegotiationStatus,
    OutcomeKind,
    Participant,
    StatementKind,
    check_round,
)
from sitlog.domain.partial_date import PartialDate
from sitlog.domain.text import clean, folded, required
from sitlog.domain.values import Source


class NegotiationAdditions:
    """``Negotiation``'s additions (see the module's docstring)."""

    slug: str
    opened_on: date
    status: NegotiationStatus
    status_on: date
    status_reason: str | None
    records: dict[int, Record]
    # The aggregate's @event methods (declared with its events).
    _round_held: Callable[..., None]
    _participants_added: Callable[..., None]
    _round_corroborated: Callable[..., None]
    _statement_made: Callable[..., None]
    _outcome_reached: Callable[..., None]
    _issue_raised: Callable[..., None]

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
        check_round(day, participants)
        same = self._same_round(held_on, day, venue)
        if same is None and day is not None:
            self._refuse_day_of_a_round_without_one(held_on, day, venue)
        if same is None:
            self._require_not_concluded("rounds")
            self._require_not_before_opening(held_on, "a round")
            self._round_held(held_on=held_on, venue=venue, day=day, participants=participants,
                             source=source, operator=operator)
            return
        if folded(venue) != folded(same.venue):
            raise WouldOverwrite(
                f"venue: the {same.describe()} is already recorded at {same.venue!r}, not {venue!r}; "
                f'to change it use `sitlog negotiation correct {self.slug} --round {same.item} '
                f'--venue "{venue}" --reason "..."`'
            )
        known = {p.key: p for p in same.participants}
        for p in participants:
            if p.key in known and p.contradicts(known[p.key]):
                raise WouldOverwrite(
                    f"participant: {p.name!r} is already recorded in the {same.describe()} as {known[p.key]}"
                )
        new = tuple(p for p in participants if p.key not in known)
        if new:  # another source names more people at the same round: add them, overwrite nothing
            self._require_not_concluded("participants")
            self._participants_added(held_on=held_on, venue=same.venue, day=same.day, participants=new,
                                     source=source, operator=operator)
        if source is not None and not same.reported_by(source.name):
            self._round_corroborated(item=same.item, source=source, operator=operator)

    def _refuse_day_of_a_round_without_one(self, held_on: date, day: int, venue: str) -> None:
        """A day number for the round recorded that date at that venue without one is not a second
        round (it would be counted twice), nor a detail to slip in unseen: the record takes it by a
        correction, which keeps who changed it and why; the report then corroborates it."""
        for r in self.records.values():
            if isinstance(r, RoundRecord) and r.held_on == held_on and r.day is None \
                    and folded(r.venue) == folded(venue):
                raise WouldOverwrite(
                    f"day: the {r.describe()} is recorded without a day number (round {r.item}); if "
                    "this report is of that round, give it its day first (`sitlog negotiation correct "
                    f'{self.slug} --round {r.item} --day {day} --reason "..."`), then record the report '
                    "again: it will corroborate it"
                )

    def _same_round(self, held_on: date, day: int | None, venue: str) -> RoundRecord | None:
        """The round recorded on that date and day; a source that gives no day number reports, with
        fewer details, the one round recorded on that date at that venue (if there is exactly one)."""
        rounds = [r for r in self.records.values() if isinstance(r, RoundRecord)]
        same = next((r for r in rounds if r.same_round(held_on, day)), None)
        if same is None and day is None:
            there = [r for r in rounds if r.held_on == held_on and folded(r.venue) == folded(venue)]
            same = there[0] if len(there) == 1 else None
        return same

    def make_statement(
        self, *, made_on: date | PartialDate, by: str, text: str, kind: StatementKind, source: Source | None,
        operator: str,
    ) -> None:
        """A statement dated as the source gives it: a day, or a month or a year (its last day)."""
        given = made_on if isinstance(made_on, PartialDate) else PartialDate.of(made_on)
        by = required(by, "by", 'who said it, e.g. --by "Volodymyr Zelenskyy"')
        text = required(text, "text", "what was said, --text ...")
        if any(isinstance(r, StatementRecord) and r.same(given, by, text) for r in self.records.values()):
            return
        self._require_not_concluded("statements")
        self._statement_made(made_on=given.day, by=by, text=text, kind=kind, source=source, operator=operator,
                             made_on_precision=given.precision)

    def reach_outcome(
        self, *, reached_on: date, kind: OutcomeKind, text: str, exchange: str | None,
        source: Source | None, operator: str,
    ) -> None:
        text = required(text, "text", "what came out of it, --text ...")
        if any(isinstance(r, OutcomeRecord) and r.same(reached_on, kind, text, exchange)
               for r in self.records.values()):
            return
        self._require_not_concluded("outcomes")
        self._require_not_before_opening(reached_on, "an outcome")
        self._outcome_reached(reached_on=reached_on, kind=kind, text=text, exchange=exchange,
                              source=source, operator=operator)

    def raise_issue(
        self, *, raised_on: date, topic: str, by: str | None, source: Source | None, operator: str
    ) -> None:
        topic, by = required(topic, "topic", "the issue raised, --topic ..."), clean(by) or None
        if any(isinstance(r, IssueRecord) and r.same(raised_on, topic, by) for r in self.records.values()):
            return
        self._require_not_concluded("issues")
        self._issue_raised(raised_on=raised_on, topic=topic, by=by, source=source, operator=operator)
