"""Crashes (issue 18): an import, or a file of commands, killed (SIGKILL) part-way and then run
again leaves the store as one clean run would: no event lost, none twice, the chain intact."""

import signal
import subprocess
import sys
import time

import pytest
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.store import open_store

from tests.conftest import Sitlog
from tests.integration.generated_files import commands, facts, missile_csv

CLI = [sys.executable, "-c", "from sitlog.cli.main import run; run()"]


def _events(url: str) -> int:
    with open_store(parse_store_url(url), "tester") as store:
        return store.info().events


def _kill_part_way(url: str, args: list[str]) -> int:
    """Start ``sitlog ARGS``, SIGKILL it once it has committed some events; returns how many."""
    with open_store(parse_store_url(url), "tester") as store:
        process = subprocess.Popen([*CLI, "--db", url, *args], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            while store.info().events == 0 and process.poll() is None:
                time.sleep(0.005)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
    return _events(url)


@pytest.mark.parametrize("what", ["import", "run"])
def test_killed_then_run_again_equals_one_clean_run(sitlog, other_store_url, tmp_path, what):
    clean_url = other_store_url
    if what == "import":
        args = ["import", str(missile_csv(tmp_path / "attacks.csv")), "--kind", "missile-attacks-csv"]
    else:
        args = ["run", str(commands(tmp_path / "morning.sitlog"))]
    clean = Sitlog(clean_url)
    clean.ok("init")
    clean.ok(args)
    total = _events(clean_url)

    at_kill = _kill_part_way(sitlog.url, args)
    assert 0 < at_kill < total, f"killed at {at_kill} of {total} events: not part-way"
    sitlog.ok(args)
    assert facts(sitlog.url) == facts(clean_url)  # and the read tables answer alike
