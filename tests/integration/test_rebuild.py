"""A rebuild runs in short transactions (issue 13): writers wait at most a batch, readers are
told the tables are incomplete, and a rebuild stopped part-way is finished by the next catch-up,
exactly once."""

import json
import os
import signal
import subprocess
import sys
import time

from tests.conftest import Sitlog
from tests.integration.scenario import assert_like_a_rebuild, bulk_write

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
CLI = [sys.executable, "-c", "from sitlog.cli.main import run; run()"]


def _positions(store) -> set[int]:
    return {lag.position for lag in store.runner.status()}


def _start_rebuild(url: str) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "--db", url, "projections", "rebuild", "--batch", "20"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _part_way(store, head: int, deadline: float = 60) -> set[int]:
    """Wait until a rebuild has committed some batches, and not all."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        positions = _positions(store)
        if store.runner.health().rebuilds and min(positions) > 0 and max(positions) < head:
            return positions
        time.sleep(0.005)
    raise AssertionError("the rebuild never stood part-way")


def test_a_rebuild_commits_batch_by_batch_while_writers_and_readers_go_on(store_url, store):
    head = bulk_write(store, 2400)
    store.catch_up()
    rebuild = _start_rebuild(store_url)
    try:
        seen = _part_way(store, head)
        sitlog = Sitlog(store_url)
        # A writer goes through (the log's table is not held for the whole rebuild) ...
        ran = sitlog('attack record --date 2025-12-01 --attacker russia --source "Air Force" '
                     "--launched shahed=3")
        assert (ran.exit_code, ran.stdout) == (0, "2025-12-01/russia\n"), ran.stderr
        # ... and another reader sees the rebuild move on, and is told its answers are incomplete.
        assert _positions(store) != seen or rebuild.poll() is not None
    finally:
        _, err = rebuild.communicate(timeout=120)
    assert rebuild.returncode == 0, err
    assert store.runner.health().rebuilds == []
    assert _positions(store) == {store.runner.head()}
    assert_like_a_rebuild(store)


def test_a_rebuild_stopped_part_way_is_shown_and_finished_by_a_catch_up(store_url, store):
    head = bulk_write(store, 2400)
    rebuild = _start_rebuild(store_url)
    try:
        _part_way(store, head)
    finally:
        rebuild.send_signal(signal.SIGKILL)
        rebuild.wait()
    sitlog = Sitlog(store_url)
    status = json.loads(sitlog.ok("projections status --format json"))["projections"]
    assert {row["rebuilding_to"] for row in status} == {head}
    ran = sitlog("state --format json")
    assert ran.exit_code == 0
    at = {lag.projection: lag.position for lag in store.runner.status()}
    assert ran.stderr.splitlines() == [
        f"warning: the read tables of {name} are being rebuilt, or their rebuild was interrupted "
        f"(at event {at[name]} of {head}): answers are incomplete until `sitlog projections catch-up` "
        "ends it" for name in sorted(at)]
    sitlog.ok("projections catch-up")
    assert sitlog("state").stderr == ""
    assert store.runner.health().rebuilds == []
    assert_like_a_rebuild(store)
