"""A store whose read tables an older sitlog built is upgraded: rebuilt from the log."""

from datetime import date

import pytest
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.errors import StoreNotInitialised
from sitlog.adapters.projections.batch import TRACKING_TABLE
from sitlog.adapters.projections.runner import VERSIONS_TABLE
from sitlog.adapters.store import open_store
from sitlog.domain.commands.attacks import Claimed
from sitlog.domain.values import Figure, Source


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


def _tables(store) -> set[str]:
    with store.read() as tx:
        if tx.dialect == "sqlite":
            return {r["name"] for r in tx.all("SELECT name FROM sqlite_master WHERE type = 'table'")}
        sql = "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = :schema"
        return {r["name"] for r in tx.all(sql, {"schema": store.config.schema})}


def test_the_retired_history_projection_goes_away_on_upgrade(store, store_url):
    with store.db.transaction() as tx:  # as a sitlog with the history projection left the store
        tx.execute("CREATE TABLE event_history (aggregate_id TEXT NOT NULL, data TEXT NOT NULL)")
        tx.execute(f"INSERT INTO {TRACKING_TABLE} (projection, position) VALUES ('history', 0)")
        tx.execute(f"INSERT INTO {VERSIONS_TABLE} (projection, version) VALUES ('history', 2)")
        tx.execute(f"UPDATE {VERSIONS_TABLE} SET version = 2 WHERE projection = 'attacks'")
    config = parse_store_url(store_url)
    with open_store(config, "tester", initialise=config.is_postgres) as reopened:
        assert "event_history" not in _tables(reopened)
        assert [lag.projection for lag in reopened.runner.status()] == [
            "attacks", "negotiations", "exchanges", "estimates", "entries"]
        with reopened.read() as tx:
            assert tx.all(f"SELECT * FROM {TRACKING_TABLE} WHERE projection = 'history'") == []


def test_a_store_of_the_release_before_log_entries_gains_their_tables(store, store_url):
    store.log.add_entry(on=date(2026, 2, 5), category="diplomacy", source="Reuters",
                        text="Polish Prime Minister Donald Tusk arrived in Kyiv on Thursday")
    store.catch_up()
    with store.db.transaction() as tx:  # as the release before log entries left the store
        for table in ("log_entries", "log_entry_changes", "log_entry_counts"):
            tx.execute(f"DROP TABLE {table}")
        for table in (TRACKING_TABLE, VERSIONS_TABLE):
            tx.execute(f"DELETE FROM {table} WHERE projection = 'entries'")
    config = parse_store_url(store_url)
    if config.is_postgres:
        stale = r"built by an older sitlog \(entries\); run `sitlog init`"
        with pytest.raises(StoreNotInitialised, match=stale):
            open_store(config, "tester")
    with open_store(config, "tester", initialise=config.is_postgres) as reopened:
        [entry] = reopened.reader.entries().root
        assert entry.text == "Polish Prime Minister Donald Tusk arrived in Kyiv on Thursday"
        assert reopened.reader.state(date(2026, 2, 5)).entries.diplomacy == 1


def test_a_store_of_the_release_before_worded_figures_gains_the_wording_column(store, store_url):
    store.log.record_estimate("ukraine-military/killed", source="CSIS", reported=date(2026, 1, 27),
                              as_of=date(2025, 12, 31), figure=Figure.parse("up to 140,000"))
    store.catch_up()
    with store.db.transaction() as tx:  # as the release before worded figures left the store
        tx.execute("ALTER TABLE casualty_estimates DROP COLUMN wording")
        tx.execute(f"UPDATE {VERSIONS_TABLE} SET version = 2 WHERE projection = 'estimates'")
    config = parse_store_url(store_url)
    with open_store(config, "tester", initialise=config.is_postgres) as reopened:
        assert reopened.runner.stale() == []
        [entry] = reopened.reader.estimates().root
        assert (entry.text, entry.wording) == ("<=140000", "up to 140,000")


def test_a_store_of_the_release_before_snapshots_gains_their_table(store, store_url, monkeypatch):
    from sitlog.adapters.log_table import SNAPSHOTS_TABLE, SNAPSHOTS_VERSION
    from sitlog.adapters.snapshots import INTERVAL_ENV

    with store.db.transaction() as tx:  # as the release before snapshots left the store
        tx.execute(f"DROP TABLE {SNAPSHOTS_TABLE[tx.dialect]}")
        tx.execute(f"DELETE FROM {VERSIONS_TABLE} WHERE projection = :name", {"name": SNAPSHOTS_VERSION[0]})
    config = parse_store_url(store_url)
    if config.is_postgres:
        stale = r"older sitlog \(the snapshots table\); run `sitlog init`"
        with pytest.raises(StoreNotInitialised, match=stale):
            open_store(config, "tester")
    monkeypatch.setenv(INTERVAL_ENV, "2")
    with open_store(config, "tester", initialise=config.is_postgres) as reopened:
        for day in (1, 2, 3):
            on = date(2026, 1, day)
            reopened.log.record_estimate("ukraine-military/killed", source="CSIS", reported=on, as_of=on,
                                         figure=Figure.exact(100 * day))
        with reopened.read() as tx:
            assert tx.scalar(f"SELECT MAX(originator_version) AS v FROM {SNAPSHOTS_TABLE[tx.dialect]}") == 4
