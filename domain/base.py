"""Base classes: frozen pydantic events on top of the eventsourcing aggregate.

Events are pydantic v2 models that also inherit the library's mutation
protocol (the pattern of the library's aggregate7/aggregate8 examples).
Every event carries the operator who recorded it; its ``timestamp`` is set
by the application's clock when the event is created: that is the record time.
"""

from datetime import datetime
from uuid import UUID

from eventsourcing.domain import BaseAggregate, CanInitAggregate, CanMutateAggregate
from pydantic import BaseModel, ConfigDict


class Immutable(BaseModel):
    """A frozen value object."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class DomainEvent(Immutable):
    originator_id: UUID
    originator_version: int
    timestamp: datetime
    operator: str


class Aggregate(BaseAggregate[UUID]):
    """Base of sitlog's aggregates (ids are always given: uuid5 of a natural key)."""

    class Event(DomainEvent, CanMutateAggregate[UUID]):
        pass

    class Created(Event, CanInitAggregate[UUID]):
        originator_topic: str
