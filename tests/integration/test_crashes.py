"""Crashes (issue 18): an import, or a file of commands, killed (SIGKILL) part-way and then run
again leaves the store as one clean run would: no event lost, none twice, the chain intact."""

import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.log_table import EVENTS_TABLE
from sitlog.adapters.store import open_store

from tests.conftest import Sitlog

CLI = [sys.executable, "-c", "from sitlog.cli.main import run; run()"]
_HEADER = ("time_start,time_end,model,launch_place,target,target_main,launched,destroyed,not_reach_goal,"
           "still_attacking,border_crossing,is_shahed,num_hit_location,num_fall_fragment_location,carrier,"
           "turbojet,turbojet_destroyed,affected region,destroyed_details,launched_details,"
           "launch_place_details,source")
NIGHTS = 1200  # three batches of the importer (500 rows each)


def _missile_csv(path: Path) -> Path:
    """A Massive Missile Attacks file of one attack a night, each its own figures."""
    rows = [_HEADER]
    for n in range(NIGHTS):
        night = date(2019, 1, 1) + timedelta(days=n)
        rows.append(f"{night - timedelta(days=1)} 18:00,{night} 08:30,Shahed-136/131,Kursk oblast,Ukraine,,"
                    f"{100 + n % 50}.0,{90 + n % 10}.0,,,{{}},,,,,,,,,,,kpszsu/posts/night{n}")
    path.write_text("\n".join(rows) + "\n")
    return path


def _commands(path: Path) -> Path:
    lines = [f"attack record --date {date(2021, 1, 1) + timedelta(days=n)} --attacker russia "
             f"--source 'Ukrainian Air Force' --launched shahed={50 + n % 40} --destroyed shahed={n % 30}"
             for n in range(120)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _facts(url: str) -> tuple[list[tuple[str, int, str]], str]:
    """The log's events but the importer's own notes (which batch a row came in), as (aggregate,
    version, topic); and the attacks as listed."""
    with open_store(parse_store_url(url), "tester") as store:
        store.verify()
        with store.read() as tx:
            table = EVENTS_TABLE[tx.dialect]
            rows = tx.tuples(f"SELECT originator_id, originator_version, topic FROM {table}")
    events = sorted((str(i), v, t) for i, v, t in rows if not t.startswith("sitlog.domain.dataset:"))
    return events, Sitlog(url).ok("attack list --format json")


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


@pytest.fixture
def clean_url(store_url: str, tmp_path: Path) -> str:
    """A second empty store, on the same backend, for the clean run."""
    if store_url.startswith("postgresql"):
        return f"{store_url}_clean"
    return f"sqlite:///{tmp_path / 'clean.db'}"


@pytest.mark.parametrize("what", ["import", "run"])
def test_killed_then_run_again_equals_one_clean_run(sitlog, clean_url, tmp_path, what):
    if what == "import":
        args = ["import", str(_missile_csv(tmp_path / "attacks.csv")), "--kind", "missile-attacks-csv"]
    else:
        args = ["run", str(_commands(tmp_path / "morning.sitlog"))]
    clean = Sitlog(clean_url)
    clean.ok("init")
    clean.ok(args)
    total = _events(clean_url)

    at_kill = _kill_part_way(sitlog.url, args)
    assert 0 < at_kill < total, f"killed at {at_kill} of {total} events: not part-way"
    sitlog.ok(args)
    assert _facts(sitlog.url) == _facts(clean_url)  # and the read tables answer alike
