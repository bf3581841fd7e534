"""Exactly once: incremental, rebuilt, killed-and-resumed and concurrent catch-ups agree."""

import os
import signal
import subprocess
import sys
import time

import pytest
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.errors import ProjectionStopped
from sitlog.adapters.log_table import EVENTS_TABLE, POSITION
from sitlog.adapters.store import open_store

from tests.integration.scenario import assert_like_a_rebuild, populate, read_side, record_round
from tests.processes import children, running

CLI = [sys.executable, "-c", "from sitlog.cli.main import run; run()"]


def _sitlog(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*CLI, "--db", url, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
    )


def _first_after(store, position: int, aggregate: str) -> int:
    """The position of the first event of an aggregate type after ``position``."""
    table, column = EVENTS_TABLE[store.db.dialect], POSITION[store.db.dialect]
    with store.read() as tx:
        return tx.scalar(f"SELECT MIN({column}) AS p FROM {table} WHERE {column} > :p AND topic LIKE :t",
                         {"p": position, "t": f"%{aggregate}%"})


def _position(store) -> int:
    return min(lag.position for lag in store.runner.status())


def test_incremental_processing_equals_a_rebuild(store):
    populate(store, rounds=3)  # catches up after every command, like the CLI
    incremental = read_side(store)
    assert all(incremental.values()), [table for table, rows in incremental.items() if not rows]
    store.runner.rebuild()
    assert read_side(store) == incremental


def test_a_failing_projection_stops_whole_says_where_and_resumes_once_fixed(store, monkeypatch):
    populate(store, rounds=1)
    before, position = read_side(store), _position(store)
    record_round(store.log, 1)  # the log moves on; the read side is left behind
    head = store.runner.head()
    # A fault in a projection's code: every exchange event breaks the exchanges projection.
    exchanges = next(p for p in store.runner.projections if p.name == "exchanges")

    def broken(event: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(exchanges, "_dispatch", dict.fromkeys(exchanges._dispatch, broken))
    with pytest.raises(ProjectionStopped) as caught:
        store.runner.catch_up()
    first = _first_after(store, position, "PrisonerExchange")  # the event its handler failed on
    assert str(caught.value) == (
        f"projection exchanges cannot apply event {first} of the log (ValueError: boom); "
        f"its tables stay at event {position}: fix the cause, then `sitlog projections catch-up`, "
        f"or set the event aside: `sitlog projections skip {first} --reason ...`"
    )
    # The batch is rolled back whole, for every projection: nothing is half-applied.
    assert read_side(store) == before
    assert [lag.position for lag in store.runner.status()] == [position] * len(store.runner.projections)

    monkeypatch.undo()
    assert store.runner.catch_up() == head - position
    assert_like_a_rebuild(store)


def test_rebuild_of_one_projection_leaves_the_others_alone(store):
    populate(store, rounds=1)
    before = read_side(store)
    assert store.runner.rebuild(["exchanges"]) == store.runner.head()
    assert read_side(store) == before


def test_a_catch_up_killed_part_way_then_resumed_equals_a_rebuild(store_url, store):
    populate(store, rounds=20, catch_up=False)  # about 600 events: some 60 batches of 10
    head = store.runner.head()
    worker = _sitlog(store_url, "projections", "catch-up", "--batch", "10")
    try:
        deadline = time.monotonic() + 60
        while _position(store) == 0 and time.monotonic() < deadline:
            time.sleep(0.005)
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.wait()
    position = _position(store)
    assert 0 < position < head, "the kill should land part-way through"
    assert worker.returncode == -signal.SIGKILL
    store.catch_up()
    assert_like_a_rebuild(store)


def test_run_follows_the_log_and_stops_cleanly_on_sigterm(store_url, store):
    worker = _sitlog(store_url, "projections", "run", "--poll", "0.05")
    try:
        populate(store, rounds=2, catch_up=False)
        deadline = time.monotonic() + 30
        while _position(store) < store.runner.head() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _position(store) == store.runner.head()
    finally:
        worker.send_signal(signal.SIGTERM)
        _, err = worker.communicate(timeout=30)
    assert worker.returncode == 0, err
    assert "stopped after applying" in err
    assert "Traceback" not in err


def test_two_workers_and_a_writer_of_1000_reports_end_like_a_rebuild(store_url, store):
    # PostgreSQL: the second worker waits on the advisory locks; SQLite: both compute, the
    # first to write wins and the other drops its batch.
    workers = [_sitlog(store_url, "projections", "run", "--poll", "0.05", "--batch", "7")
               for _ in range(2)]
    try:
        for worker in workers:  # each says so once it follows (and handles SIGTERM)
            assert worker.stderr.readline().startswith("following "), worker.stderr.read()
        reports = _write_reports(store, 1000)
        deadline = time.monotonic() + 60
        while _position(store) < store.runner.head() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        errors = [worker.communicate(timeout=30)[1] for worker in workers]
    assert [w.returncode for w in workers] == [0, 0], errors
    assert reports >= 1000
    assert_like_a_rebuild(store)


def _write_reports(store, at_least: int) -> int:
    """Record rounds of reports (commands of the application, as the CLI runs them) until
    ``at_least`` are written, without catching up; returns how many."""
    written = 0

    def count() -> None:
        nonlocal written
        written += 1

    n = 0
    while written < at_least:
        record_round(store.log, n, count)
        n += 1
    return written


def test_a_two_process_catch_up_killed_part_way_stops_its_worker_and_resumes_exactly(store_url, store):
    populate(store, rounds=20, catch_up=False)
    head = store.runner.head()
    parent = _sitlog(store_url, "projections", "catch-up", "--batch", "10", "--workers", "2")
    try:
        deadline = time.monotonic() + 60
        # Kill it once its worker (the negotiations, exchanges, estimates, entries) is part-way.
        while store.runner.status()[1].position == 0 and time.monotonic() < deadline:
            time.sleep(0.005)
        [worker] = children(parent.pid)
        parent.send_signal(signal.SIGKILL)
    finally:
        parent.wait()
    deadline = time.monotonic() + 30
    while running(worker) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not running(worker), "the worker should stop when its parent is gone"
    assert min(lag.position for lag in store.runner.status()) < head
    store.catch_up()
    assert_like_a_rebuild(store)


def test_sqlite_batches_are_computed_holding_no_snapshot(tmp_path, monkeypatch):
    # A snapshot held through a batch's computation would keep other processes' checkpoints
    # from restarting the WAL: during a two-process catch-up it grew by gigabytes.
    with open_store(parse_store_url(f"sqlite:///{tmp_path / 's.db'}"), "tester", initialise=True) as store:
        populate(store, rounds=2, catch_up=False)
        attacks = store.runner.projections[0]
        seen = []

        def apply(event: object, apply=attacks.apply) -> None:
            seen.append(store.db._conn.in_transaction)
            apply(event)

        monkeypatch.setattr(attacks, "apply", apply)
        store.catch_up()
        assert seen and not any(seen)
