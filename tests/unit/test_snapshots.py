"""The tagged JSON of an aggregate's state in a snapshot (adapters/snapshots.py): every kind of value
sitlog's aggregates hold reads back equal and of the same type, through JSON; a class named in a
snapshot is looked up among sitlog's domain classes only, never imported from elsewhere."""

import json
import sys
from datetime import UTC, date, datetime
from uuid import UUID

import pytest
from sitlog.adapters.snapshots import UnreadableSnapshot, Unsnapshottable, decode, domain_class, encode
from sitlog.domain.negotiation_values import NegotiationStatus
from sitlog.domain.partial_date import Precision
from sitlog.domain.values import Figure, Source

VALUES = [
    None, True, 0, -3, 2.5, "", "text", ["a", 1], ("a", date(2026, 2, 5)), {"x", "y"}, frozenset({1}),
    {("General Staff", date(2026, 2, 5)): Figure.parse("~1300000")}, {1: [None], "1": ()},
    datetime(2026, 2, 5, 6, 30, tzinfo=UTC), UUID(int=7), NegotiationStatus.OPEN, Precision.MONTH,
    Source(name="Reuters", url="https://example.org/a"), [["d"], ("t",), {"m": "m"}],
]


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_every_kind_of_value_reads_back_equal_and_of_its_type(value):
    back = decode(json.loads(json.dumps(encode(value))))
    assert back == value and type(back) is type(value)


def test_values_of_other_types_are_refused():
    for value in (object(), b"bytes", print, type("Tuple", (tuple,), {})()):
        with pytest.raises(Unsnapshottable):
            encode(value)


def test_a_class_outside_the_domain_is_refused_without_being_imported():
    assert "antigravity" not in sys.modules
    for topic in ("antigravity:fly", "os:system", "sitlog.adapters.store:Store", "sitlog.domain.nowhere:X",
                  "sitlog.domain.application:IncidentLog", "sitlog.domain.values"):
        with pytest.raises(UnreadableSnapshot):
            domain_class(topic)
    assert "antigravity" not in sys.modules
    with pytest.raises(UnreadableSnapshot, match="unknown tag"):
        decode(["exec", "print(1)"])
