"""The event store itself, on both backends."""

import pytest
from sitlog.adapters.store import describe_store_error


def _mutate(store, statement: str) -> None:
    with store.db.transaction() as tx:
        tx.execute(statement)


def _record_something(store) -> None:
    from sitlog.domain.values import Source

    from tests.unit.test_mapper import Probe

    store.log.save(Probe(key="k", source=Source(name="CSIS"), operator=store.log.operator))


def test_stored_events_are_append_only_in_the_database_itself(store):
    _record_something(store)
    for statement in (
        f"UPDATE {store.events_table} SET topic = 'x'",
        f"DELETE FROM {store.events_table}",
    ):
        with pytest.raises(Exception) as caught:
            _mutate(store, statement)
        assert "append-only" in str(caught.value)
        assert describe_store_error(caught.value).startswith("database error: ")
    assert store.info().events == 1


def test_every_event_records_its_operator_and_record_time(store):
    _record_something(store)
    [notification] = store.log.recorder.select_notifications(start=None, limit=10)
    event = store.log.mapper.to_domain_event(notification)
    assert event.operator == "tester"
    assert event.timestamp.tzinfo is not None
