"""An event the projections cannot read or apply does not stop the desk (issue 13): writes still
succeed and warn, reads warn, `projections status` says where and why, and an operator can set
the event aside, after which the read side goes on, and a rebuild leaves it out too."""

import json
import uuid

import pytest
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.log_table import EVENTS_TABLE
from sitlog.adapters.store import open_store

from tests.conftest import Sitlog
from tests.integration.scenario import assert_like_a_rebuild

RECORD = 'attack record --date 2025-12-0{day} --attacker russia --source "Air Force" --launched shahed={n}'


def _insert_by_hand(url: str, topic: str, state: bytes) -> int:
    """A row written straight into the log, as a writer with INSERT privilege (or a newer sitlog)
    could; returns its position."""
    with open_store(parse_store_url(url), "tester") as store:
        with store.db.transaction() as tx:
            table = EVENTS_TABLE[tx.dialect]
            originator = uuid.uuid4().hex if tx.dialect == "sqlite" else uuid.uuid4()
            tx.execute(f"INSERT INTO {table} (originator_id, originator_version, topic, state) "
                       "VALUES (:id, 1, :topic, :state)", {"id": originator, "topic": topic, "state": state})
        return store.runner.head()


def _status(sitlog: Sitlog) -> dict:
    return json.loads(sitlog.ok("projections status --format json"))


UNREADABLE = {
    "invalid data": ("sitlog.domain.attack:Attack.Reported", b'{"reference":"2025-12-01/russia"}',
                     "Attack.Reported: timestamp: Field required"),
    "a newer event type": ("sitlog.domain.attack:Attack.Renamed", b"{}",
                           "event type 'sitlog.domain.attack:Attack.Renamed' was written by a newer sitlog: "
                           "upgrade sitlog"),
    "a newer version": ("sitlog.domain.attack:Attack.FiguresRecorded", b'{"class_version":9}',
                        "Attack.FiguresRecorded version 9 was written by a newer sitlog (this one reads up "
                        "to version 1): upgrade sitlog"),
    "not JSON": ("sitlog.domain.attack:Attack.Reported", b"\x00\xff",
                 None),
}


@pytest.mark.parametrize("kind", UNREADABLE)
def test_an_unreadable_event_warns_and_can_be_set_aside(sitlog, kind):
    topic, state, cause = UNREADABLE[kind]
    sitlog.ok(RECORD.format(day=1, n=3))
    bad = _insert_by_hand(sitlog.url, topic, state)

    # A write after it is recorded (exit 0) and says the read side is stuck, where and why.
    ran = sitlog(RECORD.format(day=2, n=4))
    assert (ran.exit_code, ran.stdout) == (0, "2025-12-02/russia\n")
    assert ran.stderr.startswith("warning: recorded in the log, but the read tables cannot show it yet: "
                                 "projections attacks, negotiations, exchanges, estimates, entries cannot "
                                 f"read event {bad} of the log (")
    assert ran.stderr.endswith(f"or set the event aside: `sitlog projections skip {bad} --reason ...`\n")
    assert ran.stderr.count("\n") == 1 and "Traceback" not in ran.stderr
    status = _status(sitlog)
    assert {(r["position"], r["lag"], r["stuck_at"]) for r in status["projections"]} == {(bad - 1, 3, bad)}
    causes = {r["cause"] for r in status["projections"]}
    assert causes == {cause} if cause else len(causes) == 1 and "not a stored sitlog event" in causes.pop()

    # A read says its answer is behind, and why.
    ran = sitlog("attack list --format json")
    assert ran.exit_code == 0
    assert [a["reference"] for a in json.loads(ran.stdout)] == ["2025-12-01/russia"]
    assert ran.stderr.startswith("warning: the read tables of attacks, entries, estimates, exchanges, "
                                 f"negotiations are stuck before event {bad} of the log (")

    # A rebuild cannot pass it either, and says so in one line.
    ran = sitlog("projections rebuild")
    assert ran.exit_code == 1 and ran.stderr.count("\n") == 1
    assert f"cannot read event {bad} of the log" in ran.stderr

    # Set aside, the event stays in the log; the read side goes on, and forgets the failure.
    ran = sitlog(["projections", "skip", str(bad), "--reason", "inserted by hand in a test"])
    assert ran.exit_code == 0, ran.stderr
    assert sitlog.events() == bad + 2
    status = _status(sitlog)
    assert {(r["lag"], r["stuck_at"], r["cause"]) for r in status["projections"]} == {(0, None, None)}
    assert [(s["position"], s["reason"], s["operator"]) for s in status["skipped"]] == [
        (bad, "inserted by hand in a test", "tester")]
    ran = sitlog("attack list --format json")
    assert (ran.stderr, [a["reference"] for a in json.loads(ran.stdout)]) == (
        "", ["2025-12-01/russia", "2025-12-02/russia"])
    with open_store(parse_store_url(sitlog.url), "tester") as store:
        assert_like_a_rebuild(store)  # the rebuild leaves it out too


def test_setting_aside_refuses_what_it_cannot_do_in_one_line_and_writes_nothing(sitlog):
    sitlog.ok(RECORD.format(day=1, n=3))
    bad = _insert_by_hand(sitlog.url, "sitlog.domain.attack:Attack.Renamed", b"{}")
    sitlog(RECORD.format(day=2, n=4))
    for command, error in [
        (["projections", "skip", "999", "--reason", "x"], "position: there is no event 999 in the log"),
        (["projections", "skip", "1", "--reason", "x"],
         "position: event 1 is already in the read tables of attacks, negotiations, exchanges, estimates, "
         "entries; only an event not yet applied can be set aside"),
        (["projections", "skip", str(bad), "--reason", "  "],
         "reason: required (why the event is set aside)"),
    ]:
        ran = sitlog(command)
        assert (ran.exit_code, ran.stdout, ran.stderr) == (1, "", f"error: {error}\n")
        assert _status(sitlog)["skipped"] == []
    sitlog.ok(["projections", "skip", str(bad), "--reason", "x"])
    ran = sitlog(["projections", "skip", str(bad), "--reason", "again"])
    assert (ran.exit_code, ran.stderr) == (1, f"error: position: event {bad} is already set aside\n")
    assert [s["reason"] for s in _status(sitlog)["skipped"]] == ["x"]


def test_a_stored_topic_never_imports_a_module(sitlog):
    import sys

    assert "json.tool" not in sys.modules
    sitlog.ok(RECORD.format(day=1, n=3))
    bad = _insert_by_hand(sitlog.url, "json.tool:main", b"{}")
    ran = sitlog("projections catch-up")
    assert ran.exit_code == 1
    assert f"cannot read event {bad} of the log ('json.tool:main' is not a sitlog event type)" in ran.stderr
    assert "json.tool" not in sys.modules
