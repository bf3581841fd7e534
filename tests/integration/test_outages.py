"""The database going away (issue 13): a follower waits for it and goes on by itself; a
catch-up says the database went away (not that a projection is broken) and nothing is
half-applied. Against a PostgreSQL server of the test's own, which the tests stop and start."""

import os
import signal
import subprocess
import sys
import time

import pytest
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.store import open_store

from tests.integration.generated_files import facts, missile_csv
from tests.integration.scenario import assert_like_a_rebuild, bulk_write, record_round

pytestmark = pytest.mark.postgres
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
CLI = [sys.executable, "-c", "from sitlog.cli.main import run; run()"]


def _caught_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    with open_store(parse_store_url(url), "tester") as store:
        while time.monotonic() < deadline:
            if {lag.lag for lag in store.runner.status()} == {0}:
                return
            time.sleep(0.05)
    raise AssertionError("the read side did not catch up")


def test_a_follower_waits_out_a_server_restart_and_goes_on(own_postgres):
    url = f"{own_postgres.url}?schema=follower"
    with open_store(parse_store_url(url), "tester", initialise=True) as store:
        record_round(store.log, 0)
    follower = subprocess.Popen([*CLI, "--db", url, "projections", "run", "--poll", "0.05"], cwd=ROOT,
                                stderr=subprocess.PIPE, text=True)
    try:
        _caught_up(url)
        own_postgres.stop()
        time.sleep(1.5)  # several polls find it gone
        own_postgres.start()
        with open_store(parse_store_url(url), "tester") as store:
            record_round(store.log, 1)
        _caught_up(url)
    finally:
        follower.send_signal(signal.SIGTERM)
        _, err = follower.communicate(timeout=60)
    assert follower.returncode == 0, err
    lines = err.splitlines()
    assert [line for line in lines if "went away" in line or "is back" in line] == [
        next(line for line in lines if line.startswith("the database went away (")),
        "the database is back: following the log again",
    ], err
    assert "Traceback" not in err
    with open_store(parse_store_url(url), "tester") as store:
        assert_like_a_rebuild(store)


def test_a_catch_up_cut_off_by_the_server_says_so_and_resumes_exactly(own_postgres):
    url = f"{own_postgres.url}?schema=cut_off"
    with open_store(parse_store_url(url), "tester", initialise=True) as store:
        head = bulk_write(store, 2400)
        catch_up = subprocess.Popen([*CLI, "--db", url, "projections", "catch-up", "--batch", "5",
                                     "--workers", "1"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while min(lag.position for lag in store.runner.status()) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
    own_postgres.stop("immediate")
    _, err = catch_up.communicate(timeout=60)
    own_postgres.start()
    assert catch_up.returncode == 1
    assert err.startswith("error: the database went away during the catch-up (")
    assert err.endswith("); nothing was half-applied: run it again once the database is back\n")
    assert err.count("\n") == 1
    with open_store(parse_store_url(url), "tester") as store:
        # Batches commit without waiting for the disk: the last ones before a crash may be lost,
        # whole, with their positions (they are applied again below).
        assert min(lag.position for lag in store.runner.status()) < head
        store.catch_up()
        assert_like_a_rebuild(store)


def test_a_write_while_the_server_is_down_fails_in_one_line_then_succeeds(own_postgres):
    """The password of the URL is never shown, whatever fails."""
    url = f"{own_postgres.url}?schema=writes".replace("postgres@", "postgres:s3cret-pw@")
    record = [*CLI, "--db", url, "attack", "record", "--date", "2026-02-05", "--attacker", "russia",
              "--source", "Ukrainian Air Force", "--launched", "shahed=183"]
    subprocess.run([*CLI, "--db", url, "init"], check=True, capture_output=True, timeout=120)
    own_postgres.stop()
    try:
        down = subprocess.run(record, capture_output=True, text=True, timeout=120)
    finally:
        own_postgres.start()
    assert down.returncode == 1 and down.stdout == ""
    assert down.stderr.startswith("error: cannot connect to PostgreSQL at ") and down.stderr.count("\n") == 1
    assert "s3cret" not in down.stderr
    up = subprocess.run(record, capture_output=True, text=True, timeout=120)
    assert up.returncode == 0, up.stderr
    with open_store(parse_store_url(url), "tester") as store:
        assert store.verify().events == store.info().events > 0


def test_an_import_cut_off_by_the_server_fails_in_one_line_and_resumes(own_postgres, tmp_path):
    """Stopped part-way: what was written is whole (each batch's events and their links commit
    together: `verify` passes); the same import again then leaves what one clean import does."""
    url, clean_url = f"{own_postgres.url}?schema=imports", f"{own_postgres.url}?schema=clean_import"
    args = ["import", str(missile_csv(tmp_path / "attacks.csv")), "--kind", "missile-attacks-csv"]
    for store_url in (url, clean_url):
        subprocess.run([*CLI, "--db", store_url, "init"], check=True, capture_output=True, timeout=120)
    subprocess.run([*CLI, "--db", clean_url, *args], check=True, capture_output=True, timeout=600)
    with open_store(parse_store_url(url), "tester") as store:
        importing = subprocess.Popen([*CLI, "--db", url, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        while store.info().events == 0 and importing.poll() is None:
            time.sleep(0.005)
    own_postgres.stop("immediate")
    try:
        _, err = importing.communicate(timeout=120)
    finally:
        own_postgres.start()
    assert importing.returncode == 1, err
    assert [line for line in err.splitlines() if line.startswith("error: ")] == [err.splitlines()[-1]], err
    assert "Traceback" not in err
    with open_store(parse_store_url(clean_url), "tester") as clean:
        total = clean.info().events
    with open_store(parse_store_url(url), "tester") as store:
        assert 0 < store.verify().events < total
    again = subprocess.run([*CLI, "--db", url, *args], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert facts(url) == facts(clean_url)
