"""A negotiation track, keyed by a slug: opened, rounds held, statements, outcomes, issues, status.

Each public method decides (validates, recognises a repeat, applies the rules) and only then
triggers one private ``@event`` method, whose body just records: it runs again on every replay.
Additions are decided in ``negotiation_additions.py``, corrections and retractions in
``negotiation_revisions.py``; every event, and the ``@event`` method that applies it, is here.
"""

from datetime import date
from uuid import UUID

from eventsourcing.domain import event
from sitlog.domain.base import Aggregate
from sitlog.domain.errors import RuleViolation, WouldOverwrite
from sitlog.domain.ids import natural_id
from sitlog.domain.negotiation_additions import NegotiationAdditions
from sitlog.domain.negotiation_records import (
    Change,
    IssueRecord,
    OutcomeRecord,
    Record,
    RoundRecord,
    StatementRecord,
)
from sitlog.domain.negotiation_revisions import NegotiationRevisions
from sitlog.domain.negotiation_status import NegotiationStatusRevisions, StatusChange
from sitlog.domain.negotiation_values import (
    NegotiationStatus,
    OutcomeKind,
    Participant,
    StatementKind,
    checked_parties,
    parse_slug,
)
from sitlog.domain.partial_date import Precision
from sitlog.domain.text import clean, required
from sitlog.domain.values import Source

# Other modules import these from here, next to the aggregate they describe.
__all__ = ["Negotiation", "NegotiationStatus", "OutcomeKind", "Participant", "StatementKind", "parse_slug"]


class Negotiation(NegotiationAdditions, NegotiationRevisions, NegotiationStatusRevisions, Aggregate):
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
        made_on: date  # the last day of a month or year a source gave (domain/partial_date.py)
        by: str
        text: str
        kind: StatementKind
        source: Source | None
        made_on_precision: Precision = Precision.DAY  # events of older releases: full days

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

    class Corrected(Event):
        """The negotiation's own details as corrected, the fields changed, and why."""

        title: str
        mediator: str | None
        parties: tuple[str, ...]
        changes: tuple[Change, ...]
        reason: str

    class RoundCorrected(Event):
        """Round ``item`` as corrected (its participants in full), what changed, and why."""

        item: int
        held_on: date
        venue: str
        day: int | None
        participants: tuple[Participant, ...]
        changes: tuple[Change, ...]
        reason: str

    class StatementCorrected(Event):
        item: int
        made_on: date
        by: str
        text: str
        kind: StatementKind
        changes: tuple[Change, ...]
        reason: str
        made_on_precision: Precision = Precision.DAY

    class OutcomeCorrected(Event):
        item: int
        reached_on: date
        kind: OutcomeKind
        text: str
        exchange: str | None
        changes: tuple[Change, ...]
        reason: str

    class IssueCorrected(Event):
        item: int
        raised_on: date
        topic: str
        by: str | None
        changes: tuple[Change, ...]
        reason: str

    class RecordRetracted(Event):
        """A round, statement, outcome or issue (``record``) withdrawn, and why."""

        record: str
        item: int
        reason: str

    class StatusCorrected(Event):
        """Status change ``item`` as corrected: its date and its stated reason (``stated``)."""

        item: int
        on: date
        stated: str | None
        changes: tuple[Change, ...]
        reason: str

    class StatusRetracted(Event):
        """Status change ``item`` withdrawn, and why."""

        item: int
        reason: str

    class RoundCorroborated(Event):
        """Another source reports round ``item`` as recorded."""

        item: int
        source: Source

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
        # The changes of status as they stand, by number (negotiation_status.py).
        self.status_changes: dict[int, StatusChange] = {}
        # Rounds, statements, outcomes and issues as they stand, by number (``negotiation_records``).
        self.records: dict[int, Record] = {}

    @classmethod
    def open(
        cls, slug: str, *, title: str, mediator: str | None, parties: tuple[str, ...], opened_on: date,
        source: Source | None, operator: str,
    ) -> "Negotiation":
        parties = checked_parties(parties)
        title = required(title, "title", 'what the track is called, e.g. --title "US-brokered talks"')
        return cls(
            slug=parse_slug(slug), title=title, mediator=clean(mediator) or None,
            parties=parties, opened_on=opened_on, source=source, operator=operator,
        )

    @property
    def rounds(self) -> list[RoundRecord]:
        return [r for r in self.records.values() if isinstance(r, RoundRecord)]

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

    @event(RoundHeld)
    def _round_held(
        self, held_on: date, venue: str, day: int | None, participants: tuple[Participant, ...],
        source: Source | None, operator: str,
    ) -> None:
        item = self.version + 1  # this event's own version: the round's number
        self.records[item] = RoundRecord(item=item, held_on=held_on, venue=venue, day=day,
                                         participants=participants, source=source and source.name)

    @event(ParticipantsAdded)
    def _participants_added(
        self, held_on: date, venue: str, day: int | None, participants: tuple[Participant, ...],
        source: Source | None, operator: str,
    ) -> None:
        old = next(r for r in self.records.values() if isinstance(r, RoundRecord)
                   and (r.held_on, r.venue, r.day) == (held_on, venue, day))
        self.records[old.item] = old.model_copy(update={"participants": old.participants + participants})

    @event(RoundCorroborated)
    def _round_corroborated(self, item: int, source: Source, operator: str) -> None:
        old = self.records[item]
        self.records[item] = old.model_copy(update={"corroborated_by": (*old.corroborated_by, source.name)})

    @event(StatementMade)
    def _statement_made(
        self, made_on: date, by: str, text: str, kind: StatementKind, source: Source | None, operator: str,
        made_on_precision: Precision = Precision.DAY,
    ) -> None:
        item = self.version + 1
        self.records[item] = StatementRecord(item=item, made_on=made_on, by=by, text=text, kind=kind,
                                             source=source and source.name,
                                             made_on_precision=made_on_precision)

    @event(OutcomeReached)
    def _outcome_reached(
        self, reached_on: date, kind: OutcomeKind, text: str, exchange: str | None,
        source: Source | None, operator: str,
    ) -> None:
        item = self.version + 1
        self.records[item] = OutcomeRecord(item=item, reached_on=reached_on, kind=kind, text=text,
                                           exchange=exchange, source=source and source.name)

    @event(IssueRaised)
    def _issue_raised(
        self, raised_on: date, topic: str, by: str | None, source: Source | None, operator: str
    ) -> None:
        item = self.version + 1
        self.records[item] = IssueRecord(item=item, raised_on=raised_on, topic=topic, by=by,
                                         source=source and source.name)

    # -- corrections and retractions (decided in negotiation_revisions.py) -------------------

    @event(Corrected)
    def _corrected(self, title: str, mediator: str | None, parties: tuple[str, ...],
                   changes: tuple[Change, ...], reason: str, operator: str) -> None:
        self.title, self.mediator, self.parties = title, mediator, parties

    @event(RoundCorrected)
    def _round_corrected(self, item: int, held_on: date, venue: str, day: int | None,
                         participants: tuple[Participant, ...], changes: tuple[Change, ...], reason: str,
                         operator: str) -> None:
        self._apply_correction(item, held_on=held_on, venue=venue, day=day, participants=participants)

    @event(StatementCorrected)
    def _statement_corrected(self, item: int, made_on: date, by: str, text: str, kind: StatementKind,
                             changes: tuple[Change, ...], reason: str, operator: str,
                             made_on_precision: Precision = Precision.DAY) -> None:
        self._apply_correction(item, made_on=made_on, by=by, text=text, kind=kind,
                               made_on_precision=made_on_precision)

    @event(OutcomeCorrected)
    def _outcome_corrected(self, item: int, reached_on: date, kind: OutcomeKind, text: str,
                           exchange: str | None, changes: tuple[Change, ...], reason: str,
                           operator: str) -> None:
        self._apply_correction(item, reached_on=reached_on, kind=kind, text=text, exchange=exchange)

    @event(IssueCorrected)
    def _issue_corrected(self, item: int, raised_on: date, topic: str, by: str | None,
                         changes: tuple[Change, ...], reason: str, operator: str) -> None:
        self._apply_correction(item, raised_on=raised_on, topic=topic, by=by)

    @event(RecordRetracted)
    def _record_retracted(self, record: str, item: int, reason: str, operator: str) -> None:
        self.records.pop(item)

    # -- status ------------------------------------------------------------------------------

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
        item = self.version + 1
        self.status_changes[item] = StatusChange(item=item, status=status, on=on, reason=reason)
        self._settle_status()

    @event(StatusCorrected)
    def _status_corrected(self, item: int, on: date, stated: str | None, changes: tuple[Change, ...],
                          reason: str, operator: str) -> None:
        self.status_changes[item] = self.status_changes[item].model_copy(update={"on": on, "reason": stated})
        self._settle_status()

    @event(StatusRetracted)
    def _status_retracted(self, item: int, reason: str, operator: str) -> None:
        self.status_changes.pop(item)
        self._settle_status()

    def _settle_status(self) -> None:
        """The status as the latest change (by date) leaves it; open since the opening without one."""
        latest = max(self.status_changes.values(), key=lambda c: (c.on, c.item), default=None)
        if latest is None:
            self.status, self.status_on, self.status_reason = NegotiationStatus.OPEN, self.opened_on, None
            self.last_change = None
        else:
            self.status, self.status_on, self.status_reason = latest.status, latest.on, latest.reason
            self.last_change = (latest.status, latest.on, latest.reason)
