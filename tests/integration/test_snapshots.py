"""Snapshots of the aggregates whose histories grow long (adapters/snapshots.py), on both backends:
a cache of the events, never the truth. An aggregate past the interval loads from its snapshot
equal to its full replay and decides as before; a snapshot that cannot be read, or was taken by
other code, is passed over; `sitlog init` drops them; export and positions never see them.
The interval is made small through the environment the application reads (SITLOG_SNAPSHOT_INTERVAL)."""

import base64
import json
import os
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.log_table import SNAPSHOTS_TABLE
from sitlog.adapters.snapshots import INTERVAL_ENV, Snapshot
from sitlog.adapters.store import Store, open_store
from sitlog.domain.base import Immutable
from sitlog.domain.casualty_estimate import CasualtyEstimate
from sitlog.domain.dataset import Dataset
from sitlog.domain.errors import WouldOverwrite
from sitlog.domain.negotiation import Negotiation, StatementKind
from sitlog.domain.values import Figure, Source

SERIES = "russia-military/personnel-losses"
SERIES_ID = CasualtyEstimate.create_id(SERIES)
DAY = date(2026, 1, 1)
FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def small(store_url: str, sitlog: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """An initialised store whose application snapshots every 4 events."""
    monkeypatch.setenv(INTERVAL_ENV, "4")
    with open_store(parse_store_url(store_url), "tester") as opened:
        yield opened


def record(store: Store, day: int, value: int, source: str = "General Staff") -> Any:
    on = DAY + timedelta(days=day)
    return store.log.record_estimate(SERIES, source=source, as_of=on, reported=on, figure=Figure.exact(value))


def daily(store: Store, days: int) -> None:
    for day in range(days):
        record(store, day, 1000 + 100 * day)


def state(aggregate: Any) -> dict[str, Any]:
    return {name: value for name, value in vars(aggregate).items() if name != "_pending_events"}


def both_ways(store: Store, aggregate_id: UUID) -> tuple[Any, Any, int]:
    """The aggregate loaded as commands load it, replayed from all its events, and the version of
    the snapshot the first came from (0: none)."""
    repository: Any = store.log.repository
    loaded = repository.get(aggregate_id)
    at = repository.snapshot_at[aggregate_id]
    kept, repository.snapshot_store = repository.snapshot_store, None
    try:
        replayed = repository.get(aggregate_id)
    finally:
        repository.snapshot_store = kept
    return loaded, replayed, at


def snapshot_rows(store: Store) -> list[tuple[Any, int]]:
    with store.read() as tx:
        return [(row[0], row[1]) for row in tx.tuples(
            f"SELECT originator_id, originator_version FROM {SNAPSHOTS_TABLE[tx.dialect]}")]


def test_a_long_series_loads_from_its_snapshot_as_from_its_events_and_decides_the_same(small):
    daily(small, 11)
    record(small, 3, 5000, source="Mediazona")
    small.log.correct_estimate(SERIES, source="General Staff", as_of=DAY + timedelta(days=2),
                               figure=Figure.exact(1250), reason="revised")
    small.log.retract_estimate(SERIES, source="General Staff", as_of=DAY + timedelta(days=5), reason="typo")
    assert [version for _, version in snapshot_rows(small)] == [12]  # the latest only, of 14 events
    loaded, replayed, at = both_ways(small, SERIES_ID)
    assert at == 12 and loaded.version == replayed.version == 15
    assert state(loaded) == state(replayed)
    events = small.info().events
    assert record(small, 7, 1700).changed is False  # a re-entry is a no-op
    with pytest.raises(WouldOverwrite, match="already has 1700"):
        record(small, 7, 1701)
    assert record(small, 5, 1500).changed is True  # recorded again after its retraction
    assert small.info().events == events + 1


def test_a_negotiation_and_a_dataset_load_from_their_snapshots_as_from_their_events(small):
    source = Source(name="Reuters")
    small.log.open_negotiation("istanbul", title="Istanbul talks", opened_on=DAY,
                               parties=("Russia", "Ukraine"))
    for day in range(1, 5):
        small.log.hold_round("istanbul", held_on=DAY + timedelta(days=day), venue="Istanbul", source=source)
        small.log.record_statement("istanbul", made_on=DAY + timedelta(days=day), by="Umerov",
                                   text=f"Day {day} went well", kind=StatementKind.QUOTE, source=source)
    small.log.suspend_negotiation("istanbul", on=DAY + timedelta(days=6), reason="no progress")
    loaded, replayed, at = both_ways(small, Negotiation.create_id("istanbul"))
    assert at == 8 and loaded.version == 10 and state(loaded) == state(replayed)

    for version in (1, 2, 1, 2):  # rows noted, vanished, back again, ...
        small.importer.run(FIXTURES / f"russia_losses_personnel_v{version}.json",
                           kind="general-staff-personnel")
    loaded, replayed, at = both_ways(small, Dataset.create_id("general-staff-personnel"))
    assert at >= 4 and state(loaded) == state(replayed)
    loaded, replayed, at = both_ways(small, SERIES_ID)  # taken by the import's batches
    assert at >= 4 and state(loaded) == state(replayed)


def _garbage(stored: StoredEvent) -> StoredEvent:
    return StoredEvent(stored.originator_id, stored.originator_version, stored.topic, b"\x00not json")


def _rewritten(change: Callable[[dict[str, Any]], None]) -> Callable[[StoredEvent], StoredEvent]:
    def rewrite(stored: StoredEvent) -> StoredEvent:
        doc = json.loads(stored.state)
        change(doc)
        return StoredEvent(stored.originator_id, stored.originator_version, stored.topic,
                           json.dumps(doc).encode())
    return rewrite


SPOILED: dict[str, Callable[[StoredEvent], StoredEvent]] = {
    "garbage": _garbage,
    "another release's shape": _rewritten(lambda doc: doc.update(shape="0" * 32)),
    "a class version it does not know": _rewritten(lambda doc: doc.update(class_version=2)),
    "a state it cannot decode": _rewritten(lambda doc: doc["state"].update(estimates=["x", 1])),
    "a class outside the domain": _rewritten(lambda doc: doc.update(topic="os:system")),
    "a model outside the domain": _rewritten(
        lambda doc: doc["state"].update(key=["m", "subprocess:Popen", {"args": "true"}])),
    "another row's topic": lambda s: StoredEvent(s.originator_id, s.originator_version, "os:system", s.state),
    "a version the log has not reached": lambda s: StoredEvent(s.originator_id, 1000, s.topic, s.state),
    "a state not the one of its version": _rewritten(
        lambda doc: doc["state"].update(_modified_on=["dt", "2000-01-01T00:00:00+00:00"])),
}


@pytest.mark.parametrize("spoil", SPOILED.values(), ids=SPOILED.keys())
def test_a_snapshot_that_cannot_be_read_is_passed_over(small, spoil):
    daily(small, 6)
    [(stored_id, version)] = snapshot_rows(small)
    assert version == 4
    snapshots: Any = small.log.snapshots
    [stored] = snapshots.recorder.select_events(stored_id)
    with small.db.transaction() as tx:
        tx.execute(f"DELETE FROM {SNAPSHOTS_TABLE[tx.dialect]}")
    snapshots.recorder.insert_events([spoil(stored)])
    loaded, replayed, at = both_ways(small, SERIES_ID)
    assert at == 0 and state(loaded) == state(replayed) and loaded.version == 7
    with pytest.raises(WouldOverwrite):
        record(small, 2, 999)
    assert record(small, 6, 1600).changed  # and the next change takes a good one in its place
    assert [v for _, v in snapshot_rows(small)] == [8]
    assert both_ways(small, SERIES_ID)[2] == 8


def test_init_drops_the_snapshots_and_export_never_sees_them(small, store_url, tmp_path):
    daily(small, 9)
    assert snapshot_rows(small)
    events = small.info().events
    out = tmp_path / "log.jsonl"
    with out.open("w") as file:
        small.export(file)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["position"] for line in lines] == list(range(1, events + 1))
    assert not [line for line in lines if "Snapshot" in json.dumps(line)]
    with open_store(parse_store_url(store_url), "tester", initialise=True) as again:
        assert snapshot_rows(again) == [] and again.info().events == events
        assert record(again, 3, 1300).changed is False


def test_snapshots_are_encrypted_like_events(store_url, sitlog, monkeypatch):
    pytest.importorskip("cryptography")
    monkeypatch.setenv("SITLOG_CIPHER_KEY", base64.b64encode(os.urandom(32)).decode())
    monkeypatch.setenv(INTERVAL_ENV, "2")
    with open_store(parse_store_url(store_url), "tester") as store:
        daily(store, 3)
        with store.read() as tx:
            [(state_bytes,)] = tx.tuples(f"SELECT state FROM {SNAPSHOTS_TABLE[tx.dialect]}")
        assert b"General Staff" not in bytes(state_bytes) and b"shape" not in bytes(state_bytes)
        loaded, replayed, at = both_ways(store, SERIES_ID)
        assert at == 4 and state(loaded) == state(replayed)


def test_without_a_snapshots_table_commands_replay(small):
    """A store whose snapshots table is gone (dropped by hand): commands still decide, from events."""
    daily(small, 5)
    with small.db.transaction() as tx:
        tx.execute(f"DROP TABLE {SNAPSHOTS_TABLE[tx.dialect]}")
    assert record(small, 5, 1500).changed and record(small, 5, 1500).changed is False
    loaded, replayed, at = both_ways(small, SERIES_ID)
    assert at == 0 and state(loaded) == state(replayed)


class Outsider(Immutable):
    name: str


def test_a_value_the_snapshots_do_not_know_leaves_the_aggregate_unsnapshotted(small):
    daily(small, 3)
    series = small.log.repository.get(SERIES_ID)
    series.odd = object()  # a value the encoding does not know
    with pytest.raises(TypeError, match="cannot hold"):
        Snapshot.take(series)
    series.odd = Outsider(name="x")  # a model, but not one of the domain's
    with pytest.raises(TypeError, match="not one of sitlog's domain classes"):
        Snapshot.take(series)


def test_an_aggregate_shorter_than_the_interval_is_loaded_without_looking_for_a_snapshot(small):
    """Most aggregates (an attack, an entry) never have an interval's events: loading one asks for
    its events only, as before snapshots."""
    daily(small, 2)  # 3 events
    repository: Any = small.log.repository
    asked: list[UUID] = []
    real = repository.snapshot_store

    class Spy:
        def get(self, originator_id: UUID, **kwargs: Any) -> Any:
            asked.append(originator_id)
            return real.get(originator_id, **kwargs)

    repository.snapshot_store = Spy()
    repository.get(SERIES_ID)
    assert asked == []
    record(small, 2, 1200)  # the 4th: a snapshot is taken
    assert repository.get(SERIES_ID).version == 4 and repository.snapshot_at[SERIES_ID] == 4
    assert asked and set(asked) == {SERIES_ID}
