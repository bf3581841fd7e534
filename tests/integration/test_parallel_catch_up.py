"""A catch-up in two processes ends exactly as one in one process, and fails as clearly."""

import pytest
from sitlog.adapters.errors import ProjectionStopped
from sitlog.adapters.projections.parallel import GROUPS
from sitlog.adapters.store import open_store

from tests.integration.scenario import assert_like_a_rebuild, populate

WORKER_GROUP = GROUPS[1]


def _positions(store) -> dict[str, int]:
    return {lag.projection: lag.position for lag in store.runner.status()}


@pytest.fixture
def behind(store):
    """A store of some 240 events whose read side has seen none of them."""
    populate(store, rounds=6, catch_up=False)
    return store


def test_two_processes_give_the_tables_of_one(behind):
    store = behind
    head = store.runner.head()
    assert store.runner.catch_up(batch=25, workers=2) == head
    assert set(_positions(store).values()) == {head}
    assert_like_a_rebuild(store)


def test_a_stop_between_batches_leaves_both_groups_whole(behind):
    store = behind
    head = store.runner.head()
    stopping = iter([False, False, True])  # this process stops after two batches, and tells the worker
    store.runner.catch_up(batch=10, stop=lambda: next(stopping, True), workers=2)
    positions = _positions(store)
    assert positions["attacks"] == 20 < head
    # The worker stops at its next batch too (it may not have started one yet).
    assert all(positions[name] < head for name in WORKER_GROUP)
    store.runner.catch_up(batch=25, workers=2)
    assert_like_a_rebuild(store)


def test_a_failure_in_the_worker_is_one_line_here_and_its_group_resumes_once_fixed(behind):
    store = behind
    head = store.runner.head()
    with store.db.transaction() as tx:  # a table broken from outside: the exchanges cannot write
        tx.execute("DROP TABLE exchange_steps")
    with pytest.raises(ProjectionStopped) as caught:
        store.runner.catch_up(batch=1000, workers=2)
    message, event = str(caught.value), caught.value.event
    # Its batch failed on writing; narrowed down, the worker applied the events before the first
    # exchange event one at a time, and stopped at that one.
    assert message.startswith(f"projection exchanges cannot apply event {event} of the log (")
    assert "exchange_steps" in message and "\n" not in message
    assert f"its tables stay at event {event - 1}: fix the cause" in message
    assert message.endswith(f"or set the event aside: `sitlog projections skip {event} --reason ...`")
    # This process's group went on to the end; the worker's stopped right before the event.
    assert _positions(store) == {"attacks": head, "negotiations": event - 1, "exchanges": event - 1,
                                 "estimates": event - 1, "entries": event - 1}
    [failure] = store.runner.health().failures
    assert (failure.projection, failure.event) == ("exchanges", event)
    with open_store(store.config, "tester", initialise=True):  # `sitlog init` creates it again
        pass
    assert store.runner.catch_up(workers=2) == head - event + 1
    assert store.runner.health().failures == []  # passed once fixed: forgotten
    assert_like_a_rebuild(store)
