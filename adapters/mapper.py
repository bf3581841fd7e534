"""Serialisation of the domain's pydantic events to the library's stored events.

The library's default mapper reads ``vars(event)`` and rebuilds events without
validation; ours dumps pydantic models in JSON mode and validates them on the
way back, keeping the library's ``class_version`` upcasting protocol.

A stored event that cannot be read (a type or a version this sitlog does not know, data
that does not validate) raises ``UnreadableEvent``, whose message says why in one line.
A stored topic is looked up among sitlog's own event classes only: the library's
``resolve_topic`` would import whatever module a row names. A command imports only the aggregates
it decides on; a topic of another is found once every aggregate is imported (``domain/aggregates.py``).
"""

import json
from functools import cache
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent, Transcoder
from eventsourcing.utils import construct_topic, get_topic, register_topic
from pydantic import ValidationError
from pydantic_core import from_json
from sitlog.domain.base import DomainEvent

# Releases before 0.2 installed the domain as a top-level package, ``domain``: their stores hold
# topics such as ``domain.attack:Attack.Reported`` (and ``domain.attack:Attack`` as an event's
# ``originator_topic``). Each is read as today's ``sitlog.domain...`` class of the same name.
_PACKAGE, _OLD_PACKAGE = "sitlog.domain.", "domain."
_OWN_PACKAGES = (_OLD_PACKAGE, _PACKAGE)


class UnreadableEvent(MapperDeserialisationError):
    """A stored event this sitlog cannot turn back into a domain event."""


class JSONBytes(Transcoder):
    """Plain JSON: pydantic has already turned every value into a JSON type."""

    def encode(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()

    def decode(self, data: bytes) -> Any:
        return from_json(data)  # pydantic's core parser: faster than json.loads, same result


class PydanticMapper(Mapper[UUID]):
    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        cls: type[DomainEvent] = type(domain_event)
        state = domain_event.model_dump(mode="json", exclude={"originator_id", "originator_version"})
        class_version = _class_version(cls)
        if class_version > 1:
            state["class_version"] = class_version
        data = self.transcoder.encode(state)
        if self.compressor:
            data = self.compressor.compress(data)
        if self.cipher:
            data = self.cipher.encrypt(data)
        return StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=get_topic(cls),
            state=data,
        )

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        return self.event_of(stored_event.topic, stored_event.originator_id, stored_event.originator_version,
                             stored_event.state)

    def event_of(self, topic: str, originator_id: Any, originator_version: int, data: bytes) -> Any:
        """``to_domain_event`` of a stored event's columns, for a reader of plain rows (the catch-up:
        no ``StoredEvent`` built, the topic's class looked up once)."""
        cls = event_class(topic)
        try:
            if self.cipher:
                data = self.cipher.decrypt(data)
            if self.compressor:
                data = self.compressor.decompress(data)
            state: dict[str, Any] = self.transcoder.decode(data)
            if not isinstance(state, dict):
                raise TypeError(f"a JSON object was expected, not {type(state).__name__}")
        except Exception as e:
            raise UnreadableEvent(f"{cls.__qualname__}: not a stored sitlog event ({_short(e)})") from e
        return _validated(cls, originator_id, originator_version, state)


def from_state(topic: str, originator_id: Any, originator_version: int, state: dict[str, Any]) -> Any:
    """The domain event of a stored state already decoded (``state`` is changed: the ids are added,
    ``class_version`` taken out, older versions upcast)."""
    return _validated(event_class(topic), originator_id, originator_version, state)


def _validated(cls: type[DomainEvent], originator_id: Any, originator_version: int,
               state: dict[str, Any]) -> Any:
    name = cls.__qualname__
    if str(state.get("originator_topic", "")).startswith(_OLD_PACKAGE):
        register_old_topics()  # the library resolves it when it replays this first event
    state["originator_id"] = originator_id
    state["originator_version"] = originator_version
    from_version, known = state.pop("class_version", 1), _class_version(cls)
    if not isinstance(from_version, int) or from_version > known:
        raise UnreadableEvent(
            f"{name} version {from_version!r} was written by a newer sitlog "
            f"(this one reads up to version {known}): upgrade sitlog"
        )
    while from_version < known:
        getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
        from_version += 1
    try:
        # The model's own validator: model_validate is the same call behind a layer of Python.
        return cls.__pydantic_validator__.validate_python(state)
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "event"
        raise UnreadableEvent(f"{name}: {field}: {first['msg']}") from None


def event_class(topic: str) -> type[DomainEvent]:
    """The event class a stored topic names, among sitlog's own events only."""
    cls = known_topics().get(topic)
    if cls is None:  # perhaps not imported yet, or defined since the first look (a test's aggregate)
        import sitlog.domain.aggregates  # noqa: F401  (every aggregate's event classes)

        known_topics.cache_clear()
        cls = known_topics().get(topic)
    if cls is not None:
        return cls
    if topic.startswith(_OWN_PACKAGES):
        raise UnreadableEvent(f"event type {_short(topic)!r} was written by a newer sitlog: upgrade sitlog")
    raise UnreadableEvent(f"{_short(topic)!r} is not a sitlog event type")


@cache
def known_topics() -> dict[str, type[DomainEvent]]:
    """Every event topic sitlog can read, with its class: those of the event classes of the
    aggregates imported so far, and the same classes' topics in earlier releases."""
    topics: dict[str, type[DomainEvent]] = {}
    todo: list[type[DomainEvent]] = [DomainEvent]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if not hasattr(cls, "mutate"):
            continue
        # An event class an aggregate declares is subclassed by the library under the same
        # name (the subclass calls the aggregate's @event method): the subclass is the one
        # the aggregate triggers, so the one a stored event of that topic is read as.
        topic = construct_topic(cls)
        if topic not in topics or issubclass(cls, topics[topic]):
            topics[topic] = cls
    return topics | {_old(topic): cls for topic, cls in topics.items() if topic.startswith(_PACKAGE)}


@cache
def register_old_topics() -> None:
    """Tell the library the earlier releases' topics of the aggregate classes, which it resolves
    itself when it replays an aggregate's first event (``originator_topic``): unregistered, it
    would import ``domain.attack``, a second copy of the module or none at all."""
    from sitlog.domain.aggregates import AGGREGATES

    for aggregate in AGGREGATES:
        register_topic(_old(get_topic(aggregate)), aggregate)


def _old(topic: str) -> str:
    return _OLD_PACKAGE + topic.removeprefix(_PACKAGE)


@cache
def _class_version(cls: type[DomainEvent]) -> int:
    # Asked for every event read: a missing attribute of a pydantic model class costs an
    # AttributeError raised in its metaclass's __getattr__, twice per event.
    return getattr(cls, "class_version", 1)


def _short(value: object, limit: int = 80) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
