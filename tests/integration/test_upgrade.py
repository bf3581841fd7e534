"""A store whose read tables an older sitlog built is upgraded: rebuilt from the log."""

from datetime import date

import pytest

from adapters.config import parse_store_url
from adapters.errors import StoreNotInitialised
from adapters.projections.runner import VERSIONS_TABLE
from adapters.store import open_store
from domain.commands.attacks import Claimed
from domain.values import Figure, Source


def _yearly_rows(store) -> int:
    with store.read() as tx:
        return tx.scalar("SELECT COUNT(*) AS n FROM yearly_summary")


def test_stale_read_tables_are_rebuilt(store, store_url):
    store.log.record_attack(attacker="russia", source=Source(name="Air Force"), date=date(2026, 2, 5),
                            figures=[Claimed("launched", "shahed", Figure.exact(183))])
    store.catch_up()
    assert _yearly_rows(store) == 1
    with store.db.transaction() as tx:  # as an older sitlog left it: no yearly rows, version 1
        tx.execute("DELETE FROM yearly_summary")
        tx.execute(f"UPDATE {VERSIONS_TABLE} SET version = 1 WHERE projection = 'attacks'")
    assert store.runner.stale() == ["attacks"]
    config = parse_store_url(store_url)
    if config.is_postgres:
        stale = r"built by an older sitlog \(attacks\); run `sitlog init`"
        with pytest.raises(StoreNotInitialised, match=stale):
            open_store(config, "tester")
        reopened = open_store(config, "tester", initialise=True)
    else:
        reopened = open_store(config, "tester")  # the embedded store upgrades itself
    with reopened:
        assert reopened.runner.stale() == []
        assert _yearly_rows(reopened) == 1
