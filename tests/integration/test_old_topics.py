"""A store written by the release before 0.2, whose events name their classes ``domain.*``
(before sitlog was installed as one package), reads back and goes on being written to."""

import json
from itertools import islice

from eventsourcing.persistence import StoredEvent
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.store import open_store

from bench.generate import aggregates
from tests.conftest import Sitlog
from tests.integration.scenario import read_side


def _as_stored_by_the_old_release(event: StoredEvent) -> StoredEvent:
    state = json.loads(event.state)
    if "originator_topic" in state:  # a first event names its aggregate's class too
        state["originator_topic"] = state["originator_topic"].removeprefix("sitlog.")
    return StoredEvent(originator_id=event.originator_id, originator_version=event.originator_version,
                       topic=event.topic.removeprefix("sitlog."), state=json.dumps(state).encode())


def test_a_store_of_the_previous_release_reads_back_and_takes_new_events(store_url, tmp_path):
    built = list(islice(aggregates(), 5))  # two attacks, talks, an exchange, a series of estimates
    events = [event for aggregate in built for event in aggregate.collect_events()]
    with open_store(parse_store_url(store_url), "tester", initialise=True) as old, \
            open_store(parse_store_url(f"sqlite:///{tmp_path / 'today.db'}"), "tester") as today:
        stored = [old.log.mapper.to_stored_event(event) for event in events]
        today.log.recorder.insert_events(stored)
        old.log.recorder.insert_events([_as_stored_by_the_old_release(s) for s in stored])
        with old.read() as tx:
            topics = {row["topic"] for row in tx.all(f"SELECT topic FROM {old.events_table}")}
        assert topics and all(topic.startswith("domain.") for topic in topics)

        for aggregate in built:  # the library replays them, the aggregate's own class included
            loaded = old.log.repository.get(aggregate.id)
            assert (type(loaded), loaded.version) == (type(aggregate), aggregate.version)
        old.catch_up()
        today.catch_up()
        assert read_side(old) == read_side(today)

    sitlog = Sitlog(store_url)
    reference = built[0].reference
    history = json.loads(sitlog.ok(["attack", "show", reference, "--history", "--format", "json"]))["history"]
    assert [entry["event"] for entry in history][:2] == ["Attack.Reported", "Attack.FiguresRecorded"]
    # A new claim on an attack of the old release: loaded, decided, saved under today's topic.
    sitlog.ok(["attack", "record", "--date", reference.split("/")[0], "--attacker", "russia",
               "--source", "A new source", "--launched", "shahed=5"])
    [claim] = [s for s in json.loads(sitlog.ok(["attack", "show", reference, "--format", "json"]))["sources"]
               if s["source"] == "A new source"]
    assert claim["figures"][0]["launched"]["point"] == 5
