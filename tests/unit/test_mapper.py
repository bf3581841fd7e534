from uuid import UUID

from eventsourcing.domain import event
from sitlog.adapters.mapper import JSONBytes, PydanticMapper
from sitlog.domain.base import Aggregate
from sitlog.domain.ids import natural_id
from sitlog.domain.values import Figure, Source


class Probe(Aggregate):
    @staticmethod
    def create_id(key: str) -> UUID:
        return natural_id("probe", key)

    @event("Opened")
    def __init__(self, key: str, source: Source, operator: str) -> None:
        self.source = source

    @event("Counted")
    def count(self, figure: Figure, operator: str) -> None:
        self.figure = figure


def test_pydantic_events_round_trip_with_types_intact():
    probe = Probe(key="p1", source=Source(name="CSIS", url="https://example.org"), operator="ann")
    probe.count(figure=Figure.parse("<=140000"), operator="bob")
    mapper = PydanticMapper(transcoder=JSONBytes())
    for original in probe.collect_events():
        stored = mapper.to_stored_event(original)
        assert b"originator_id" not in stored.state  # kept in its own column only
        restored = mapper.to_domain_event(stored)
        assert restored == original
        assert type(restored) is type(original)
    assert restored.figure.qualifier == "up-to"
    assert restored.operator == "bob"
