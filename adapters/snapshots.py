"""Snapshots: an aggregate whose history grows long is loaded from a snapshot of its state and the
events after it, instead of from all its events (the library's mechanism: its snapshot store, one
more table, ``stored_snapshots`` on SQLite and ``sitlog_snapshots`` on PostgreSQL, and its
repository's ``_reconstruct_aggregate``).

A snapshot is a cache of the events, never the truth:

- it is taken from the state replayed from the log (the library's ``take_snapshot``), and kept only
  if it reads back equal to that state;
- it is read only by the code that wrote it: each records a digest of the domain's source and of
  this module (``shape()``), and one of any other shape (a release since, with aggregates of another shape) is
  ignored, never upcast; so is one that cannot be read at all (another key, garbage, a missing
  table), and one that does not match the event at its version (the event the state was last
  changed by): the aggregate is then replayed from all its events, and the command goes on;
- the events table's append-only triggers and the hash chain (``chain.py``) cover events only: a
  writer (the ``_writer`` role) can rewrite a snapshot, and commands would then decide on a wrong
  state until it is dropped. ``sitlog init`` drops them all (``Store``), as does the upgrade of an
  embedded store; ``sitlog export`` never reads them; projections never read them.

The state is encoded as tagged JSON (``encode``/``decode``): the containers, dates, enums and frozen
pydantic models of sitlog's aggregates, each model and enum by its topic, looked up among sitlog's
own domain classes only (a row cannot name a class to import). Anything else makes the aggregate
unsnapshottable: it is then replayed, as before. Encrypted like the events (the mapper's cipher).
"""

import hashlib
import importlib
import logging
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, ProjectorFunction, Repository
from eventsourcing.domain import BaseAggregate, datetime_now_with_tzinfo
from eventsourcing.persistence import EventStore, StoredEvent
from eventsourcing.utils import get_topic, strtobool
from pydantic import BaseModel
from sitlog.adapters.mapper import PydanticMapper, UnreadableEvent
from sitlog.domain.application import IncidentLog
from sitlog.domain.base import Immutable

log = logging.getLogger(__name__)

# Every how many events of an aggregate of a kind that grows long (``IncidentLog.snapshot_kinds``)
# a snapshot is taken: at most this many events are replayed after the snapshot, some 10-20 ms
# (replaying one event costs 60-170 us), while a snapshot of the longest series (the General Staff's
# 1,600 daily figures: ~250 KB) is written once per this many events. The application's
# environment may set another (``SITLOG_SNAPSHOT_INTERVAL``; 0: no snapshots).
INTERVAL = 100
INTERVAL_ENV = "SITLOG_SNAPSHOT_INTERVAL"
_DOMAIN = "sitlog.domain."
_KEPT_OUT = ("_id", "_version", "_pending_events")  # given by the snapshot's own fields


class UnreadableSnapshot(UnreadableEvent):
    """A stored snapshot this sitlog does not read: it replays the aggregate instead."""


class Unsnapshottable(TypeError):
    """A value of a type the snapshots' encoding does not know."""


class Snapshot(Immutable):
    """The state of an aggregate at a version (the library's snapshot protocol: ``take``, ``mutate``)."""

    originator_id: UUID
    originator_version: int
    timestamp: datetime
    topic: str  # the aggregate's class
    shape: str  # the domain's source it was taken by (``shape()``)
    state: dict[str, Any]  # tagged JSON (``encode``)

    @classmethod
    def take(cls, aggregate: Any) -> "Snapshot":
        state = {name: encode(value) for name, value in vars(aggregate).items() if name not in _KEPT_OUT}
        snapshot = cls(originator_id=aggregate.id, originator_version=aggregate.version,
                       timestamp=datetime_now_with_tzinfo(), topic=get_topic(type(aggregate)),
                       shape=shape(), state=state)
        if _state(snapshot.mutate(None)) != _state(aggregate):
            raise Unsnapshottable(f"{type(aggregate).__name__} does not read back as it was")
        return snapshot

    def mutate(self, _: None) -> BaseAggregate[UUID]:
        if self.shape != shape():
            raise UnreadableSnapshot(f"{self.topic}: a snapshot of another release's aggregates")
        cls = domain_class(self.topic)
        if not (isinstance(cls, type) and issubclass(cls, BaseAggregate)):
            raise UnreadableSnapshot(f"{self.topic!r} is not a sitlog aggregate")
        state = {name: decode(value) for name, value in self.state.items()}
        state |= {"_id": self.originator_id, "_version": self.originator_version, "_pending_events": []}
        aggregate = object.__new__(cls)
        object.__setattr__(aggregate, "__dict__", state)
        return aggregate


_SNAPSHOT_TOPIC = get_topic(Snapshot)


class SnapshotMapper(PydanticMapper):
    """Snapshots to and from stored rows: as events are (the same transcoder and cipher), and only
    ever as a ``Snapshot``."""

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        if stored_event.topic != _SNAPSHOT_TOPIC:
            raise UnreadableSnapshot(f"{stored_event.topic!r} is not a sitlog snapshot")
        data = stored_event.state
        if self.cipher:
            data = self.cipher.decrypt(data)
        if self.compressor:
            data = self.compressor.decompress(data)
        state = self.transcoder.decode(data)
        state |= {"originator_id": stored_event.originator_id,
                  "originator_version": stored_event.originator_version}
        return Snapshot.model_validate(state)


class SnapshotRepository(Repository[UUID]):
    """The library's repository, but it looks for a snapshot only when an aggregate has at least
    ``interval`` events (one can have no snapshot before: most aggregates, an attack say, cost no
    more than one query, as before), a snapshot that cannot be read is passed over (the aggregate
    is replayed from its first event), and the version each aggregate was loaded from is noted
    (when to take the next one)."""

    def __init__(self, *args: Any, interval: int = INTERVAL, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.interval = interval
        self.snapshot_at: dict[UUID, int] = {}  # by aggregate: the version of the snapshot it came from

    def _reconstruct_aggregate(self, aggregate_id: UUID, version: int | None,
                               projector_func: ProjectorFunction[Any, Any]) -> Any:
        store, after = self.event_store, 0
        # The first events, as rows (decoded only if they are all there is, or no snapshot is used).
        look = self.interval if self.snapshot_store is not None and self.interval > 0 else None
        first = store.recorder.select_events(aggregate_id, lte=version, limit=look)
        long = look is not None and len(first) >= look
        aggregate = None
        if long:
            aggregate, after = self._from_snapshot(aggregate_id, version, projector_func)
        if aggregate is None:
            events: Iterable[Any] = map(store.mapper.to_domain_event, first)
            if long:  # and the rest, after them
                rest = store.get(originator_id=aggregate_id, gt=first[-1].originator_version, lte=version)
                events = chain(events, rest)
            aggregate = projector_func(None, events)
        if aggregate is None:
            raise AggregateNotFoundError(f"Aggregate {aggregate_id!r} version {version!r} not found.")
        if version is None:
            self.snapshot_at[aggregate_id] = after
        return aggregate

    def _from_snapshot(self, aggregate_id: UUID, version: int | None,
                       projector_func: ProjectorFunction[Any, Any]) -> tuple[Any, int]:
        """The aggregate from its latest snapshot and the events after it, and the snapshot's version;
        (None, 0) if it has no snapshot this code can use."""
        assert self.snapshot_store is not None
        try:
            found = self.snapshot_store.get(originator_id=aggregate_id, desc=True, limit=1, lte=version)
            snapshot = next(iter(found), None)
            if snapshot is None:
                return None, 0
            assert isinstance(snapshot, Snapshot)  # SnapshotMapper reads nothing else
            initial, after = snapshot.mutate(None), snapshot.originator_version
            # From the event the snapshot was taken at: it must be there, and be the one the state
            # was last changed by (a snapshot claiming a version the log has not reached would have
            # the command append events after a gap).
            events = iter(self.event_store.get(originator_id=aggregate_id, gt=after - 1, lte=version))
            at: Any = next(events, None)
            if at is None or at.originator_version != after or at.timestamp != initial.modified_on:
                raise UnreadableSnapshot("it does not match the event at its version")
            return projector_func(initial, events), after
        except Exception as e:  # a cache: whatever is wrong with it, the events are there
            log.info("snapshot of %s not used (%s): replaying its events", aggregate_id, e)
        return None, 0


class SnapshottingLog(IncidentLog):
    """The application as the store opens it: with snapshots of the aggregates whose histories grow
    long (``IncidentLog.snapshot_kinds``), every ``interval`` events."""

    name = IncidentLog.name  # the library names a subclass after itself, and its tables after that

    def construct_snapshot_store(self) -> EventStore[UUID]:
        recorder = self.factory.aggregate_recorder(purpose="snapshots")
        mapper = SnapshotMapper(transcoder=self.mapper.transcoder, cipher=self.mapper.cipher,
                                compressor=self.mapper.compressor)
        return self.factory.event_store(mapper=mapper, recorder=recorder)

    def construct_repository(self) -> Repository[UUID]:
        cache_size = self.env.get(self.AGGREGATE_CACHE_MAXSIZE)
        return SnapshotRepository(
            event_store=self.events, snapshot_store=self.snapshots, interval=self.interval,
            cache_maxsize=int(cache_size) if cache_size else None,
            fastforward=strtobool(self.env.get(self.AGGREGATE_CACHE_FASTFORWARD, "y")),
            fastforward_skipping=strtobool(self.env.get(self.AGGREGATE_CACHE_FASTFORWARD_SKIPPING, "n")),
            deepcopy_from_cache=strtobool(self.env.get(self.DEEPCOPY_FROM_AGGREGATE_CACHE, "y")),
        )

    @property
    def interval(self) -> int:
        value = self.env.get(INTERVAL_ENV, "")
        return int(value) if value.strip().isdigit() else INTERVAL

    def _take_snapshots(self, processing_event: Any) -> None:
        # The library's rule takes one at every multiple of the interval; this one whenever an
        # aggregate is ``interval`` events past the snapshot it was loaded from (or its first event):
        # a snapshot another release took, passed over, is replaced at the next change.
        self.keep_snapshots(processing_event.aggregates.values())

    def keep_snapshots(self, aggregates: Iterable[Any]) -> int:
        """Snapshot each saved aggregate that is due one (the import's batches, which append their
        events themselves, call this too); returns how many were taken. Never fails: a snapshot
        not taken only means a longer replay next time."""
        interval, taken = self.interval, 0
        if self.snapshots is None or interval <= 0:
            return 0
        repository = self.repository
        assert isinstance(repository, SnapshotRepository)
        for aggregate in aggregates:
            if type(aggregate).__name__ not in self.snapshot_kinds or aggregate.pending_events:
                continue
            if aggregate.version - repository.snapshot_at.get(aggregate.id, 0) < interval:
                continue
            try:
                replayed: Any = repository.get(aggregate.id, version=aggregate.version)
                self.snapshots.put([Snapshot.take(replayed)])
                taken += 1
            except Exception as e:
                log.info("no snapshot of %s (%s)", aggregate.id, e)
            repository.snapshot_at[aggregate.id] = aggregate.version  # not again before ``interval``
        return taken


def _state(aggregate: Any) -> dict[str, Any]:
    return {name: value for name, value in vars(aggregate).items() if name != "_pending_events"}


@cache
def shape() -> str:
    """A digest of the domain's source and of this module (the encoding): snapshots are read only by
    the code that took them."""
    import sitlog.domain

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for folder in sitlog.domain.__path__:
        for path in sorted(Path(folder).rglob("*.py")):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


# -- the tagged JSON of an aggregate's state ------------------------------------------------
# A JSON scalar stands for itself; every other value is a JSON array whose first item says what it
# is: ["t", ...] a tuple, ["l", ...] a list, ["s", ...] a set, ["f", ...] a frozenset,
# ["d", k, v, k, v, ...] a dict, ["m", topic, fields] a pydantic model, ["e", topic, value] an enum,
# ["date", iso], ["dt", iso], ["u", hex].

_SCALARS = (type(None), bool, int, float, str)
_SEQUENCES: dict[type, str] = {tuple: "t", list: "l", set: "s", frozenset: "f"}
_DECODED: dict[str, type] = {tag: kind for kind, tag in _SEQUENCES.items()}


def encode(value: Any) -> Any:
    kind: Any = type(value)
    if kind in _SCALARS:
        return value
    if tag := _SEQUENCES.get(kind):
        return [tag, *map(encode, value)]
    if kind is dict:
        return ["d", *chain.from_iterable((encode(k), encode(v)) for k, v in value.items())]
    if isinstance(value, BaseModel):
        return ["m", _topic(kind), value.model_dump(mode="json", round_trip=True, exclude_defaults=True)]
    if isinstance(value, Enum):
        return ["e", _topic(kind), value.value]
    if kind is date:
        return ["date", value.isoformat()]
    if kind is datetime:
        return ["dt", value.isoformat()]
    if kind is UUID:
        return ["u", value.hex]
    raise Unsnapshottable(f"a snapshot cannot hold a {kind.__qualname__}")


def decode(value: Any) -> Any:
    if type(value) is not list:
        return value
    tag = value[0]
    if kind := _DECODED.get(tag):
        return kind(map(decode, value[1:]))
    if tag == "d":
        items = iter(value[1:])
        return {decode(k): decode(v) for k, v in zip(items, items, strict=True)}
    if tag == "m":
        return domain_class(value[1]).__pydantic_validator__.validate_python(value[2])
    if tag == "e":
        return domain_class(value[1])(value[2])
    if tag == "date":
        return date.fromisoformat(value[1])
    if tag == "dt":
        return datetime.fromisoformat(value[1])
    if tag == "u":
        return UUID(value[1])
    raise UnreadableSnapshot(f"unknown tag {str(tag)[:20]!r} in a snapshot")


@cache
def _topic(cls: Any) -> str:
    topic = get_topic(cls)
    if not topic.startswith(_DOMAIN):
        raise Unsnapshottable(f"{topic} is not one of sitlog's domain classes")
    return topic


@cache
def domain_class(topic: str) -> Any:
    """The class a snapshot names, among sitlog's domain modules only."""
    module, _, qualname = topic.partition(":")
    if not module.startswith(_DOMAIN) or not qualname:
        raise UnreadableSnapshot(f"{topic[:80]!r} is not one of sitlog's domain classes")
    try:
        found: Any = importlib.import_module(module)
        for name in qualname.split("."):
            found = getattr(found, name)
    except (ImportError, AttributeError):
        raise UnreadableSnapshot(f"{topic[:80]!r} is not one of sitlog's domain classes") from None
    if not isinstance(found, type) or not issubclass(found, (BaseModel, Enum, BaseAggregate)):
        raise UnreadableSnapshot(f"{topic[:80]!r} is not a value or an aggregate")
    return found
