"""Exactly once whatever stops the read side half-way (issue 13): the projections of a stopped
two-process catch-up stand at different positions, and every way of resuming must apply each
event once. A position never moves back; the tables always end as a rebuild makes them."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.projections.parallel import GROUPS
from sitlog.adapters.store import open_store

from tests.conftest import PG_URL, Sitlog
from tests.integration.scenario import bulk_write, read_side
from tests.processes import children

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
CLI = [sys.executable, "-c", "from sitlog.cli.main import run; run()"]
ATTACKS, OTHERS = GROUPS


def _positions(store) -> dict[str, int]:
    return {lag.projection: lag.position for lag in store.runner.status()}


def _stop_after(batches: int) -> Callable[[], bool]:
    calls = count()
    return lambda: next(calls) >= batches


def _rebuilt(store) -> dict:
    """The read tables a rebuild makes (and the store left rebuilt)."""
    store.runner.rebuild()
    return read_side(store)


_REBUILDS: dict[tuple[str, int], dict] = {}


def _rebuilt_once(url: str, store) -> dict:
    """``_rebuilt`` for the shared log, rebuilt once for each head it has had: the log only grows, so
    a head names one log, and a rebuild of it makes the same tables every time."""
    key = (url, store.runner.head())
    if key not in _REBUILDS:
        _REBUILDS[key] = _rebuilt(store)
    return _REBUILDS[key]


def _empty(store) -> None:
    """The read side as a store that never caught up has it."""
    with store.db.transaction() as tx:
        for projection in store.runner.projections:
            for table in projection.tables:
                tx.execute(f"DELETE FROM {table}")
        tx.execute("DELETE FROM sitlog_projection_tracking")


def _stand_apart(store, ahead: tuple[str, ...], behind: tuple[str, ...]) -> dict[str, int]:
    """Leave the two groups as a stopped two-process catch-up can: ``ahead`` 2,000 events in,
    ``behind`` 800, each exactly once so far. The gap is more than a default batch (1,000)."""
    _empty(store)
    store.runner.only(ahead).catch_up(batch=100, stop=_stop_after(20), workers=1)
    store.runner.only(behind).catch_up(batch=100, stop=_stop_after(8), workers=1)
    positions = _positions(store)
    assert {positions[name] for name in ahead} == {2000}
    assert {positions[name] for name in behind} == {800}
    return positions


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def long_log(request, tmp_path_factory):
    """A store of some 2,400 events, shared by this module's tests (each starts from an empty read side)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('long') / 'sitlog.db'}"
    else:
        url = f"{PG_URL}?schema={request.getfixturevalue('pg_prefix')}_long"
    with open_store(parse_store_url(url), "tester", initialise=True) as store:
        bulk_write(store, 2400)
        yield store, url


def _by_write_command(store, url: str) -> None:
    Sitlog(url).ok('attack record --date 2025-12-01 --attacker russia --source "Air Force" '
                   "--launched shahed=3")


def _by_cli(*args: str) -> Callable[[object, str], None]:
    def resume(store, url: str) -> None:
        done = subprocess.run([*CLI, "--db", url, "projections", *args], cwd=ROOT, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr

    return resume


def _by_follower(store, url: str) -> None:
    follower = subprocess.Popen([*CLI, "--db", url, "projections", "run", "--poll", "0.05"], cwd=ROOT,
                                stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while min(_positions(store).values()) < store.runner.head() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        follower.send_signal(signal.SIGTERM)
        _, err = follower.communicate(timeout=30)
    assert follower.returncode == 0, err


RESUMES = {
    "write-command": _by_write_command,
    "catch-up --workers 1": _by_cli("catch-up", "--workers", "1"),
    "catch-up": _by_cli("catch-up"),
    "run": _by_follower,
}


@pytest.mark.parametrize("ahead", ["attacks", "the worker's group"])
@pytest.mark.parametrize("resume", RESUMES)
def test_groups_at_different_positions_resume_exactly_once(long_log, resume, ahead):
    store, url = long_log
    before = _stand_apart(store, *((ATTACKS, OTHERS) if ahead == "attacks" else (OTHERS, ATTACKS)))
    RESUMES[resume](store, url)
    after = _positions(store)
    assert all(after[name] >= before[name] for name in before), (before, after)
    assert set(after.values()) == {store.runner.head()}
    assert read_side(store) == _rebuilt_once(url, store)


def test_a_two_process_catch_up_killed_at_several_points_resumes_exactly_once(long_log):
    store, url = long_log
    _empty(store)
    for stage in (300, 1200, 2000):  # killed once, twice, three times before the last resume
        catch_up = subprocess.Popen(
            [*CLI, "--db", url, "projections", "catch-up", "--batch", "50", "--workers", "2"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while max(_positions(store).values()) < stage and time.monotonic() < deadline:
                time.sleep(0.005)
        finally:
            catch_up.send_signal(signal.SIGKILL)
            catch_up.wait()
        time.sleep(0.3)  # its worker notices that its parent is gone and stops after its batch
    assert min(_positions(store).values()) < store.runner.head()
    store.runner.catch_up(batch=50, workers=1)  # below the two-process threshold: one process
    assert read_side(store) == _rebuilt_once(url, store)


GROUP = st.sampled_from([ATTACKS, OTHERS, ATTACKS + OTHERS])
STEPS = st.lists(st.tuples(st.sampled_from(["catch-up", "rebuild"]), GROUP, st.integers(1, 40),
                           st.integers(1, 6)), min_size=1, max_size=8)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_interleaving_of_stops_and_resumes_applies_each_event_once(small_log, steps):
    store, expected = small_log
    _empty(store)
    last = _positions(store)
    for action, group, batch, batches in steps:
        if action == "rebuild":  # a rebuild of some projections, interrupted or not, then on again
            store.runner.rebuild(group)
        else:
            store.runner.only(group).catch_up(batch=batch, stop=_stop_after(batches), workers=1)
        now = _positions(store)
        moved_back = [n for n in now if now[n] < last[n] and not (action == "rebuild" and n in group)]
        assert not moved_back, (steps, last, now)
        last = now
    store.runner.catch_up(batch=7, workers=1)
    assert read_side(store) == expected


@pytest.fixture
def small_log(store):
    bulk_write(store, 300)
    return store, _rebuilt(store)


def test_the_reproduction_of_issue_13_with_default_settings(store, store_url):
    # 14,000 events behind: `projections catch-up` runs in two processes by default. Killed once
    # every projection is less than 10,000 behind (the next catch-up runs in one process) and the
    # two groups stand apart; then one ordinary write, whose catch-up finishes the job.
    head = bulk_write(store, 14_000)
    catch_up = subprocess.Popen([*CLI, "--db", store_url, "projections", "catch-up"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            positions = set(_positions(store).values())
            if min(positions) > head - 10_000 and len(positions) > 1:
                break
            time.sleep(0.002)
    finally:
        # The worker too, at the same moment: left alone it would finish its batch, which may bring
        # its group level with the other (a machine going down takes both).
        for pid in [*children(catch_up.pid), catch_up.pid]:
            os.kill(pid, signal.SIGKILL)
        catch_up.wait()
    assert len(set(_positions(store).values())) > 1, "the kill should leave the groups apart"
    _by_write_command(store, store_url)
    assert set(_positions(store).values()) == {store.runner.head()}
    assert read_side(store) == _rebuilt(store)
