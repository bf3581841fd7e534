"""Tamper evidence (issue 18): every stored event is chained by hash to the one before it, and
`sitlog verify` finds and locates an event altered, deleted, inserted or reordered behind
sitlog's back, on both backends."""

import json

import pytest

from tests.conftest import demo_week
from tests.tampering import tampering


@pytest.fixture
def logged(request, sitlog):
    """A store holding the demo's week (every event of it), and its verification."""
    demo_week(request, sitlog)
    verified = json.loads(sitlog.ok("verify --format json"))
    events = sitlog.events()
    assert events > 30 and (verified["events"], verified["first"], verified["last"]) == (events, 1, events)
    return sitlog, verified


def _fails(sitlog, *args: str) -> str:
    ran = sitlog(["verify", *args])
    assert ran.exit_code == 1 and ran.stdout == "", ran.stdout
    assert ran.stderr.count("\n") == 1, ran.stderr
    return ran.stderr


def test_an_untouched_log_verifies_and_its_head_is_found(logged):
    sitlog, verified = logged
    again = json.loads(sitlog.ok(f"verify --format json --head {verified['head']}"))
    last = verified["last"]
    assert again == verified | {"head_found_at": last}
    sitlog.ok("attack record --date 2026-02-06 --attacker russia --source 'Ukrainian Air Force' "
              "--launched shahed=10")
    later = json.loads(sitlog.ok(f"verify --format json --head {verified['head']}"))
    assert later["events"] > last and later["head"] != verified["head"] and later["head_found_at"] == last
    after = json.loads(sitlog.ok(f"verify --format json --from {last + 1}"))
    assert after["head"] == later["head"] and after["first"] == last + 1


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
    sitlog, verified = logged
    with tampering(sitlog.url) as t:
        t.delete(verified["last"])
    assert f"at position {verified['last']}: the event there was deleted" in _fails(sitlog)


def test_an_inserted_event_is_located(logged):
    sitlog, verified = logged
    with tampering(sitlog.url) as t:
        t.insert_like(5)
    inserted_at = verified["last"] + 1
    assert f"at position {inserted_at}: the event there has no link: it was inserted" in _fails(sitlog)


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
    assert rewritten["events"] == verified["events"] and rewritten["head"] != verified["head"]
    refused = _fails(sitlog, "--head", verified["head"])
    assert f"head: {verified['head']} is not a link of the chain" in refused


def test_a_bad_head_is_a_usage_error_of_one_line(logged):
    sitlog, _ = logged
    ran = sitlog("verify --head nothex")
    assert ran.exit_code == 1
    assert ran.stderr == "error: head: 'nothex' is not a head hash (64 hexadecimal digits)\n"


def test_concurrent_writers_lose_nothing_and_leave_one_unbroken_chain(sitlog, tmp_path):
    """Four processes recording at once, into the same attacks and into entries of their own:
    every claim lands once, and the chain follows the log's order whatever the interleaving."""
    import subprocess
    import sys

    files = []
    for writer in range(4):
        lines = [f"attack record --date 2026-01-{day:02d} --attacker russia --source 'Source {writer}' "
                 f"--launched shahed={writer * 100 + day}" for day in range(1, 13)]
        lines += [f"entry add --date 2026-01-{day:02d} --category other --source 'Writer {writer}' "
                  f"--text 'note {writer}/{day}'" for day in range(1, 7)]
        files.append(tmp_path / f"writer{writer}.sitlog")
        files[-1].write_text("\n".join(lines) + "\n")
    cli = [sys.executable, "-c", "from sitlog.cli.main import run; run()", "--db", sitlog.url]
    runs = [subprocess.Popen([*cli, "--operator", f"w{n}", "run", str(f)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True) for n, f in enumerate(files)]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read() if run.stderr else ""
    verified = json.loads(sitlog.ok("verify --format json"))
    assert verified["events"] == sitlog.events() >= 4 * 18
    # Every writer's claim on every attack, once (the losers of a race reloaded and decided again).
    attacks = json.loads(sitlog.ok("attack list --format json"))
    assert len(attacks) == 12
    assert [sorted(a["sources"]) for a in attacks] == [[f"Source {n}" for n in range(4)]] * 12
    assert len(json.loads(sitlog.ok("entry list --format json"))) == 4 * 6


def test_a_copy_through_export_and_import_is_chained(logged, other_store_url, tmp_path):
    """``import --kind sitlog-jsonl`` appends in bulk (adapters/log_append.py), chained as it goes."""
    from tests.conftest import Sitlog

    sitlog, verified = logged
    sitlog.ok(f"export --out {tmp_path / 'log.jsonl'}")
    copy = Sitlog(other_store_url)
    copy.ok("init")
    copy.ok(f"import {tmp_path / 'log.jsonl'} --kind sitlog-jsonl")
    copied = json.loads(copy.ok("verify --format json"))
    assert copied["events"] == copy.events() > verified["events"]  # and the import's own record


def test_the_bulk_copy_knows_sitlogs_own_recorders(store, store_url):
    """sitlog's chained recorders are subclasses of the library's: the copy's bulk path (one COPY,
    resp. one executemany, a batch) must take them for the backend they are, not fall back to the
    library's row-by-row insert (as it did from the chain's arrival until 2 December 2026)."""
    from sitlog.adapters.log_append import backend

    expected = "eventsourcing.postgres" if store_url.startswith("postgresql") else "eventsourcing.sqlite"
    assert backend(store.log.recorder) == expected


def test_a_store_from_before_the_chain_is_chained_on_upgrade(logged, store_url):
    """The first `sitlog init` of this version (an embedded store: its first opening) chains the
    events already there; only those."""
    from sitlog.adapters.chain import CHAIN_TABLE, CHAIN_VERSION
    from sitlog.adapters.projections.runner import VERSIONS_TABLE

    sitlog, verified = logged
    with tampering(sitlog.url) as t:  # as the release before the chain left the store
        t.run(f"DROP TABLE {CHAIN_TABLE}")
        t.run(f"DELETE FROM {VERSIONS_TABLE} WHERE projection = '{CHAIN_VERSION[0]}'")
    if store_url.startswith("postgresql"):
        ran = sitlog("attack list")
        assert ran.exit_code == 1 and "(the hash chain); run `sitlog init`" in ran.stderr
        sitlog.ok("init")
    assert json.loads(sitlog.ok("verify --format json")) == verified
