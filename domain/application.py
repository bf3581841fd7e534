"""The application service: the one API that both the CLI and the tests use.

``IncidentLog`` loads an aggregate by its uuid5 id, asks it to decide, and saves
what it decided. The use cases of each aggregate live in a mixin next to it
(``domain/commands/``) so that one file does not grow with every aggregate.
Persistence is chosen from outside through the library's environment
(``adapters/store.py``); nothing here knows about SQL. Importing it builds no aggregate but the
attack's (``AttackCommands``): each other mixin imports its aggregate's modules when one of its use
cases runs, and ``domain/aggregates.py`` has them all.
"""

from collections.abc import Callable
from typing import ClassVar, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import RecordConflictError
from sitlog.domain.base import Aggregate
from sitlog.domain.commands.attacks import AttackCommands
from sitlog.domain.commands.entries import EntryCommands
from sitlog.domain.commands.estimates import EstimateCommands
from sitlog.domain.commands.exchanges import ExchangeCommands
from sitlog.domain.commands.negotiations import NegotiationCommands
from sitlog.domain.errors import SitlogError
from sitlog.domain.outcome import Outcome
from sitlog.domain.text_limits import check_text_lengths

A = TypeVar("A", bound=Aggregate)

__all__ = ["IncidentLog", "Outcome"]

# Two operators writing the same aggregate at once: the loser reloads and decides again.
_CONFLICT_RETRIES = 5


class IncidentLog(
    AttackCommands,
    NegotiationCommands,
    ExchangeCommands,
    EstimateCommands,
    EntryCommands,
    Application[UUID],
):
    # Names the PostgreSQL events table (sitlog_events); never change it.
    name = "sitlog"
    # The aggregates whose histories grow long (a series of daily figures over years, a negotiation
    # over years, a dataset noting every import's rows): the store keeps snapshots of them, and
    # loads one of them from its latest snapshot and the events after it (adapters/snapshots.py).
    # By class name: naming the classes would import every aggregate for every command.
    snapshot_kinds: ClassVar[frozenset[str]] = frozenset({"CasualtyEstimate", "Negotiation", "Dataset"})

    def __init__(self, env: dict[str, str] | None = None, operator: str = "unknown") -> None:
        super().__init__(env)
        self.operator = operator

    def find(self, aggregate_id: UUID) -> Aggregate | None:
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    def execute(self, aggregate_id: UUID, decide: Callable[[A | None], A | None]) -> bool:
        """Load (or not find) the aggregate, let ``decide`` act on it, save.

        ``decide`` returns the aggregate to save (new or loaded) or None when
        there is nothing to do. Returns whether new events were stored.
        """
        for _ in range(_CONFLICT_RETRIES):
            # The id is one of an A: ids are uuid5 of a kind and a natural key (domain/ids.py).
            aggregate = decide(cast("A | None", self.find(aggregate_id)))
            if aggregate is None or not aggregate.pending_events:
                return False
            check_text_lengths(aggregate.pending_events)
            try:
                self.save(aggregate)
            except RecordConflictError:
                continue
            return True
        raise SitlogError("the record changed under us several times; please try again")
