"""A batch's view of a bitemporal table (adapters/projections/rows.py), on a real database."""

from datetime import UTC, datetime, timedelta

import pytest
from sitlog.adapters.projections.rows import CHUNK, CurrentRows, equal

T0 = datetime(2026, 2, 5, 6, 0, tzinfo=UTC)
TABLE = "rows_under_test"


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def db(store):
    with store.db.transaction() as tx:
        tx.execute(f"CREATE TABLE {TABLE} (day TEXT NOT NULL, name TEXT NOT NULL, value INTEGER, "
                   "recorded_from TEXT NOT NULL, recorded_to TEXT)")
    return store.db


def _rows(db) -> list[tuple]:
    rows = db.read(f"SELECT day, name, value, recorded_from, recorded_to FROM {TABLE}")
    return sorted(tuple(row.values()) for row in rows)


def _table() -> CurrentRows:
    return CurrentRows(TABLE, ("day", "name"), lambda row: row["day"], equal("day"))


def _batch(db, work) -> None:
    table = _table()
    with db.transaction() as tx:
        work(tx, table)
        table.flush(tx)


def test_versions_within_one_batch_and_across_batches_keep_their_intervals(db):
    def first(tx, table):
        table.empty("2026-02-05")
        table.put("2026-02-05", {"day": "2026-02-05", "name": "a"}, {"value": 1}, _at(0))
        table.put("2026-02-05", {"day": "2026-02-05", "name": "a"}, {"value": 2}, _at(1))

    def second(tx, table):
        table.load(tx, ["2026-02-05"])
        assert table.get("2026-02-05", {"day": "2026-02-05", "name": "a"})["value"] == 2
        table.put("2026-02-05", {"day": "2026-02-05", "name": "a"}, {"value": 3}, _at(2))
        table.close("2026-02-05", {"day": "2026-02-05", "name": "a"}, _at(3))

    _batch(db, first)
    _batch(db, second)
    t = [_at(i).strftime("%Y-%m-%dT%H:%M:%S.000000Z") for i in range(4)]
    assert _rows(db) == [
        ("2026-02-05", "a", 1, t[0], t[1]),
        ("2026-02-05", "a", 2, t[1], t[2]),  # stored by the first batch, closed by the second
        ("2026-02-05", "a", 3, t[2], t[3]),  # created and closed within the second
    ]


def test_a_row_never_ends_before_it_began_when_clocks_disagree(db):
    def work(tx, table):
        table.empty("2026-02-05")
        table.put("2026-02-05", {"day": "2026-02-05", "name": "a"}, {"value": 1}, _at(5))
        table.put("2026-02-05", {"day": "2026-02-05", "name": "a"}, {"value": 2}, _at(4))  # a slow clock

    _batch(db, work)
    (_, _, _, began, ended), _ = _rows(db)
    assert ended == began


def test_reading_a_partition_that_was_not_loaded_fails_loudly(db):
    table = _table()
    with db.transaction() as tx:
        table.load(tx, ["2026-02-05"])
        assert table.get("2026-02-05", {"day": "2026-02-05", "name": "a"}) is None  # loaded: empty
        with pytest.raises(AssertionError, match="not loaded"):
            table.get("2026-02-06", {"day": "2026-02-06", "name": "a"})


def test_loads_of_more_partitions_than_one_query_takes(db):
    days = [(T0 + timedelta(days=i)).date().isoformat() for i in range(CHUNK * 2 + 7)]

    def write(tx, table):
        for day in days:
            table.empty(day)
            table.put(day, {"day": day, "name": "a"}, {"value": 1}, _at(0))

    def read(tx, table):
        table.load(tx, days)
        assert all(table.get(day, {"day": day, "name": "a"})["value"] == 1 for day in days)

    _batch(db, write)
    _batch(db, read)
