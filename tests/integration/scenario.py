"""A store's worth of history, and a dump of every read table, for projection tests."""

from typing import Any

from domain.values import Figure, Source
from tests.unit.test_mapper import Probe


def populate(store: Any, rounds: int, catch_up: bool = True) -> None:
    """Record ``rounds`` rounds of commands (each several events)."""
    log = store.log
    for n in range(rounds):
        probe = Probe(key=f"probe-{n}", source=Source(name="CSIS"), operator=log.operator)
        for value in range(5):
            probe.count(figure=Figure.exact(value), operator=log.operator)
        log.save(probe)
        if catch_up:
            store.catch_up()


def read_side(store: Any) -> dict[str, list[tuple]]:
    """Every row of every read table, in a stable order."""
    dump = {}
    with store.read() as tx:
        for projection in store.runner.projections:
            for table in projection.tables:
                rows = tx.all(f"SELECT * FROM {table}")
                dump[table] = sorted((tuple(sorted(row.items())) for row in rows), key=repr)
    return dump
