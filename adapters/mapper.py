"""Serialisation of the domain's pydantic events to the library's stored events.

The library's default mapper reads ``vars(event)`` and rebuilds events without
validation; ours dumps pydantic models in JSON mode and validates them on the
way back, keeping the library's ``class_version`` upcasting protocol.
"""

import json
from functools import cache
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent, Transcoder
from eventsourcing.utils import get_topic, resolve_topic
from pydantic_core import from_json


class JSONBytes(Transcoder):
    """Plain JSON: pydantic has already turned every value into a JSON type."""

    def encode(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()

    def decode(self, data: bytes) -> Any:
        return from_json(data)  # pydantic's core parser: faster than json.loads, same result


class PydanticMapper(Mapper[UUID]):
    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        cls = type(domain_event)
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
        cls = resolve_topic(stored_event.topic)
        data = stored_event.state
        try:
            if self.cipher:
                data = self.cipher.decrypt(data)
            if self.compressor:
                data = self.compressor.decompress(data)
            state: dict[str, Any] = self.transcoder.decode(data)
        except Exception as e:
            raise MapperDeserialisationError(
                f"cannot decode stored event {stored_event.topic} "
                f"{stored_event.originator_id} v{stored_event.originator_version}: {e}"
            ) from e
        state["originator_id"] = stored_event.originator_id
        state["originator_version"] = stored_event.originator_version
        from_version = state.pop("class_version", 1)
        while from_version < _class_version(cls):
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
            from_version += 1
        return cls.model_validate(state)


@cache
def _class_version(cls: type) -> int:
    # Asked for every event read: a missing attribute of a pydantic model class costs an
    # AttributeError raised in its metaclass's __getattr__, twice per event.
    return getattr(cls, "class_version", 1)
