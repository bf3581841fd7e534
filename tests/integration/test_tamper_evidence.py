"""Tamper evidence (issue 18): every stored event is chained by hash to the one before it, and
`sitlog verify` finds and locates an event altered, deleted, inserted or reordered behind
sitlog's back, on both backends."""

import json
from pathlib import Path

import pytest
import sitlog.cli.samples

from tests.tampering import tampering

SAMPLE = Path(sitlog.cli.samples.__file__).parent / "2026-02-05.sitlog"


@pytest.fixture
def logged(sitlog):
    """A store holding a real morning (30 events), and its verification."""
    sitlog.ok(f"run {SAMPLE}")
    verified = json.loads(sitlog.ok("verify --format json"))
    assert (verified["events"], verified["first"], verified["last"]) == (30, 1, 30)
    return sitlog, verified


def _fails(sitlog, *args: str) -> str:
    ran = sitlog(["verify", *args])
    assert ran.exit_code == 1 and ran.stdout == "", ran.stdout
    assert ran.stderr.count("\n") == 1, ran.stderr
    return ran.stderr


def test_an_untouched_log_verifies_and_its_head_is_found(logged):
    sitlog, verified = logged
    again = json.loads(sitlog.ok(f"verify --format json --head {verified['head']}"))
    assert again == verified | {"head_found_at": 30}
    sitlog.ok("attack record --date 2026-02-06 --attacker russia --source 'Ukrainian Air Force' "
              "--launched shahed=10")
    later = json.loads(sitlog.ok(f"verify --format json --head {verified['head']}"))
    assert later["events"] > 30 and later["head"] != verified["head"] and later["head_found_at"] == 30
    from_31 = json.loads(sitlog.ok("verify --format json --from 31"))
    assert from_31["head"] == later["head"] and from_31["first"] == 31


def test_an_altered_event_is_located(logged):
    sitlog, _ = logged
    with tampering(sitlog.url) as t:
        t.alter(12)
    assert "at position 12: the event there was altered" in _fails(sitlog)
    assert "11 events verified before it" in _fails(sitlog)
    sitlog.ok("verify --from 13")  # what comes after still holds together


def test_a_deleted_event_is_located(logged):
    sitlog, _ = logged
    with tampering(sitlog.url) as t:
        t.delete(7)
    assert "at position 7: the event there was deleted" in _fails(sitlog)


def test_the_last_event_deleted_is_located(logged):
    sitlog, _ = logged
    with tampering(sitlog.url) as t:
        t.delete(30)
    assert "at position 30: the event there was deleted" in _fails(sitlog)


def test_an_inserted_event_is_located(logged):
    sitlog, _ = logged
    with tampering(sitlog.url) as t:
        t.insert_like(5)
    assert "at position 31: the event there has no link: it was inserted" in _fails(sitlog)


def test_two_swapped_events_are_located(logged):
    sitlog, _ = logged
    with tampering(sitlog.url) as t:
        t.swap(9, 20)
    assert "at position 9: the event there was chained at position 20: the log was reordered" \
        in _fails(sitlog)


def test_a_rewritten_chain_betrays_itself_through_a_head_noted_earlier(logged, store_url):
    """Whoever can change the events can change the chain too: a head kept outside the database
    (each digest's footer) is what finds them out."""
    sitlog, verified = logged
    from sitlog.adapters.chain import CHAIN_TABLE

    with tampering(sitlog.url) as t:
        t.alter(3)
        t.run(f"DELETE FROM {CHAIN_TABLE}")  # and have sitlog chain the altered log afresh
    sitlog.ok("init")
    rewritten = json.loads(sitlog.ok("verify --format json"))
    assert rewritten["events"] == 30 and rewritten["head"] != verified["head"]
    refused = _fails(sitlog, "--head", verified["head"])
    assert f"head: {verified['head']} is not a link of the chain" in refused


def test_a_bad_head_is_a_usage_error_of_one_line(logged):
    sitlog, _ = logged
    ran = sitlog("verify --head nothex")
    assert ran.exit_code == 1
    assert ran.stderr == "error: head: 'nothex' is not a head hash (64 hexadecimal digits)\n"
