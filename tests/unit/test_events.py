"""The event classes the aggregates declare, and the private methods that apply them.

The library calls an ``@event(EventClass)`` method with the event's fields that the method
names, and triggers the event with the arguments that are fields: a field the method does not
take, or an argument the event does not hold, would be dropped without a word.
"""

import inspect

import pytest
from eventsourcing.domain import CommandMethodDecorator
from sitlog.domain.aggregates import AGGREGATES

# Set by the library on every event (the operator is sitlog's own, and taken by every method).
_LIBRARY_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic"}

# The bases every aggregate has (the library defines its own Created): never stored.
_BASES = {"Event", "Created"}

_APPLIERS = [
    pytest.param(decorator, id=f"{aggregate.__name__}.{decorator.given_event_cls.__name__}")
    for aggregate in AGGREGATES
    for decorator in vars(aggregate).values()
    if isinstance(decorator, CommandMethodDecorator)
]


def test_every_event_is_declared_and_applied_by_one_method():
    for aggregate in AGGREGATES:
        declared = {name for name, value in vars(aggregate).items()
                    if isinstance(value, type) and issubclass(value, aggregate.Event)
                    and name not in _BASES}
        applied = {d.given_event_cls.__name__ for d in vars(aggregate).values()
                   if isinstance(d, CommandMethodDecorator)}
        assert declared == applied, aggregate.__name__


@pytest.mark.parametrize("decorator", _APPLIERS)
def test_an_event_method_takes_exactly_the_fields_of_its_event(decorator):
    parameters = dict(list(inspect.signature(decorator.decorated_func).parameters.items())[1:])
    fields = {name: field for name, field in decorator.given_event_cls.model_fields.items()
              if name not in _LIBRARY_FIELDS}
    assert set(parameters) == set(fields)
    for name, parameter in parameters.items():
        assert parameter.annotation == fields[name].annotation, name
