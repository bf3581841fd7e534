"""Property: the state the log knew at T equals the state of a fresh store given only the
events recorded up to T. Random operator sessions, errors included (they write nothing)."""

import contextlib
import itertools
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import StoredEvent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.queries.state import state_report
from sitlog.adapters.store import Store, open_store
from sitlog.domain.commands.attacks import Claimed
from sitlog.domain.errors import SitlogError
from sitlog.domain.log_entry import entry_id
from sitlog.domain.prisoner_exchange import Numbers
from sitlog.domain.values import Figure, Source

from tests.conftest import PG_URL

BASE = date(2025, 12, 29)  # the days cross a month and a year
DAYS = st.integers(0, 5)
SOURCES = st.sampled_from(["Air Force", "Ministry"])
COUNT = st.integers(0, 300)
FACTS = st.integers(0, 2)
CATEGORIES = st.sampled_from(["diplomacy", "military", "other"])

ACTIONS = st.one_of(
    st.tuples(st.just("attack"), DAYS, st.sampled_from(["russia", "ukraine"]), SOURCES, COUNT, COUNT),
    st.tuples(st.just("correct"), DAYS, st.sampled_from(["russia", "ukraine"]), SOURCES, COUNT),
    st.tuples(st.just("retract"), DAYS, st.sampled_from(["russia", "ukraine"]), SOURCES),
    st.tuples(st.just("casualties"), DAYS, SOURCES, st.integers(0, 9)),
    st.tuples(st.just("estimate"), st.sampled_from(["a/killed", "b/killed"]), SOURCES, DAYS, COUNT),
    st.tuples(st.just("estimate-correct"), st.sampled_from(["a/killed", "b/killed"]), SOURCES, DAYS, COUNT),
    st.tuples(st.just("estimate-retract"), st.sampled_from(["a/killed", "b/killed"]), SOURCES, DAYS),
    st.tuples(st.just("talks"), DAYS),
    st.tuples(st.just("round"), DAYS),
    st.tuples(st.just("conclude"), DAYS),
    st.tuples(st.just("agree"), DAYS, st.integers(1, 400)),
    st.tuples(st.just("complete"), DAYS, DAYS),
    st.tuples(st.just("cancel"), DAYS, DAYS),
    st.tuples(st.just("entry"), DAYS, SOURCES, FACTS, CATEGORIES),
    st.tuples(st.just("entry-correct"), DAYS, SOURCES, FACTS, DAYS, CATEGORIES),
    st.tuples(st.just("entry-retract"), DAYS, SOURCES, FACTS),
    st.tuples(st.just("mark")),
)


def _do(log, action: tuple) -> None:
    kind, *a = action
    day = lambda i: BASE + timedelta(days=i)  # noqa: E731
    if kind == "attack":
        i, attacker, source, launched, destroyed = a
        figures = [Claimed("launched", "shahed", Figure.exact(max(launched, destroyed))),
                   Claimed("destroyed", "shahed", Figure.exact(min(launched, destroyed)))]
        log.record_attack(attacker=attacker, source=Source(name=source), date=day(i), figures=figures)
    elif kind == "correct":
        i, attacker, source, launched = a
        log.correct_attack(f"{day(i)}/{attacker}", source=source, reason="revised",
                           figures=[Claimed("launched", "shahed", Figure.exact(launched))], force=True)
    elif kind == "retract":
        i, attacker, source = a
        log.retract_attack_claim(f"{day(i)}/{attacker}", source=source, reason="withdrawn")
    elif kind == "casualties":
        i, source, injured = a
        log.record_attack_casualties(f"{day(i)}/russia", source=Source(name=source), place="Kyiv",
                                     injured=Figure.exact(injured))
    elif kind == "estimate":
        series, source, i, value = a
        log.record_estimate(series, source=source, reported=day(5), as_of=day(i), figure=Figure.exact(value))
    elif kind == "estimate-correct":
        series, source, i, value = a
        log.correct_estimate(series, source=source, as_of=day(i), reason="revised",
                             figure=Figure.exact(value))
    elif kind == "estimate-retract":
        series, source, i = a
        log.retract_estimate(series, source=source, as_of=day(i), reason="withdrawn")
    elif kind == "talks":
        log.open_negotiation("talks", title="Talks", opened_on=day(a[0]), parties=["Ukraine", "Russia"])
    elif kind == "round":
        log.hold_round("talks", held_on=day(a[0]), venue="Abu Dhabi")
    elif kind == "conclude":
        log.conclude_negotiation("talks", on=day(a[0]), reason="done")
    elif kind == "agree":
        log.agree_exchange(str(day(a[0])), numbers=Numbers(total=a[1]))
    elif kind == "complete":
        log.complete_exchange(str(day(a[0])), completed_on=day(a[1]), numbers=Numbers(total=10))
    elif kind == "cancel":
        log.cancel_exchange(str(day(a[0])), on=day(a[1]), reason="off")
    elif kind == "entry":
        i, source, fact, category = a
        log.add_entry(on=day(i), category=category, text=f"fact {fact}", source=source)
    elif kind == "entry-correct":
        i, source, fact, j, category = a
        log.correct_entry(entry_id(day(i), source, f"fact {fact}"), on=day(j), category=category,
                          reason="revised")
    elif kind == "entry-retract":
        i, source, fact = a
        log.retract_entry(entry_id(day(i), source, f"fact {fact}"), reason="withdrawn")


_counter = itertools.count()


@contextlib.contextmanager
def _fresh_store(backend: str, workdir: Path, templates: Any) -> Iterator[Store]:
    """An initialised, empty store: a copy of the SQLite template, or a PostgreSQL schema of
    ``pg_schemas`` (tests/fresh_stores.py), as the ``store`` fixture has them."""
    if backend == "sqlite":
        path = workdir / f"store{next(_counter)}.db"
        templates.copy_to(path)
        with open_store(parse_store_url(f"sqlite:///{path}"), "tester") as store:
            yield store
        return
    schema = templates.take()
    try:
        with open_store(parse_store_url(f"{PG_URL}?schema={schema}"), "tester") as store:
            yield store
    finally:
        templates.give_back(schema)


def _without_known_at(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "known_at"}


def _check(backend: str, templates: Any, actions: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as workdir, _fresh_store(backend, Path(workdir), templates) as store:
        marks = []
        for action in actions:
            if action[0] == "mark":
                time.sleep(0.002)
                marks.append(datetime.now(UTC))
                time.sleep(0.002)
                continue
            with contextlib.suppress(SitlogError):  # refused: nothing written, as for an operator
                _do(store.log, action)
            store.catch_up()
        marks.append(datetime.now(UTC))
        notifications = store.log.recorder.select_notifications(start=None, limit=10**6)
        for moment in marks:
            kept = [
                StoredEvent(n.originator_id, n.originator_version, n.topic, n.state)
                for n in notifications
                if store.log.mapper.to_domain_event(n).timestamp <= moment
            ]
            with _fresh_store(backend, Path(workdir), templates) as replay:
                if kept:
                    replay.log.recorder.insert_events(kept)
                replay.catch_up()
                for as_of in (BASE + timedelta(days=2), BASE + timedelta(days=5)):
                    with store.read() as tx:
                        known = state_report(tx, as_of, known_at=moment).model_dump(mode="json")
                    with replay.read() as tx:
                        replayed = state_report(tx, as_of).model_dump(mode="json")
                    assert _without_known_at(known) == _without_known_at(replayed)


SESSIONS = st.lists(ACTIONS, min_size=1, max_size=25)
_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                         HealthCheck.too_slow])


@settings(max_examples=40, **_SETTINGS)
@given(actions=SESSIONS)
def test_known_at_equals_a_replay_of_what_was_recorded_by_then_sqlite(sqlite_template, actions):
    _check("sqlite", sqlite_template, actions)


@pytest.mark.postgres
@settings(max_examples=8, **_SETTINGS)
@given(actions=SESSIONS)
def test_known_at_equals_a_replay_of_what_was_recorded_by_then_postgres(pg_schemas, actions):
    _check("postgres", pg_schemas, actions)
