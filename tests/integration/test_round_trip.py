"""``sitlog export`` and ``sitlog import --kind sitlog-jsonl``: a copy of a log answers every read as
the original does, on either backend and across them; and what a copy refuses."""

import itertools
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.importers.common import ImportRefused
from sitlog.adapters.store import open_store
from sitlog.cli.main import SitlogRoot
from sitlog.domain.values import Figure

from tests.conftest import PG_URL, Sitlog
from tests.integration.scenario import populate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_copies = itertools.count(1)


@pytest.fixture(params=[
    ("sqlite", "sqlite"),
    pytest.param(("postgres", "postgres"), marks=pytest.mark.postgres),
    pytest.param(("sqlite", "postgres"), marks=pytest.mark.postgres),
], ids=lambda pair: "-to-".join(pair))
def urls(request, tmp_path) -> tuple[str, str]:
    def url(kind: str, name: str) -> str:
        if kind == "sqlite":
            return f"sqlite:///{tmp_path / name}.db"
        return f"{PG_URL}?schema={request.getfixturevalue('pg_prefix')}_copy{next(_copies)}"

    return url(request.param[0], "original"), url(request.param[1], "copy")


def history(url: str) -> datetime:
    """A store with every kind of event (use cases, imports, corrections, retractions); returns a
    moment in the middle of its history."""
    with open_store(parse_store_url(url), "desk", initialise=True) as store:
        populate(store, rounds=2)
        store.importer.run(FIXTURES / "missile_attacks_v1.csv", "missile-attacks-csv")
        store.importer.run(FIXTURES / "russia_losses_personnel_v1.json", "general-staff-personnel")
        middle = datetime.now(UTC)
        store.importer.run(FIXTURES / "missile_attacks_v2.csv", "missile-attacks-csv")
        store.importer.run(FIXTURES / "russia_losses_personnel_v2.json", "general-staff-personnel")
        store.catch_up()
    return middle


def reads(sitlog: Sitlog, known_at: datetime) -> dict[str, tuple[int, str, str]]:
    """What every read command answers, as printed (or refused), for every record the store holds."""
    moment = known_at.isoformat()
    commands = ["state --format json", "state --as-of 2026-02-08 --format json",
                f"state --known-at {moment} --format json"]
    for group, key in (("attack", "reference"), ("negotiation", "slug"), ("exchange", "reference")):
        for item in json.loads(sitlog.ok(f"{group} list --format json")):
            commands += [f"{group} show {item[key]} --history --format json",
                         f"{group} show {item[key]} --known-at {moment} --format json"]
    for series in sorted({e["series"] for e in json.loads(sitlog.ok("estimate list --format json"))}):
        commands += [f"estimate show {series} --format json", f"estimate show {series} --known-at {moment} "
                                                               "--format json"]
    # Read commands of other aggregates and front ends, once they exist.
    if "digest" in SitlogRoot.modules:
        # at a moment both stores knew alike (without --known-at a digest names the moment it ran)
        commands += [f"digest 2026-02-08 --known-at {moment} --format json"]
    if "entry" in SitlogRoot.modules:
        commands += ["entry list --format json"]
    ran = {command: sitlog(command) for command in commands}
    return {command: (r.exit_code, r.stdout, r.stderr) for command, r in ran.items()}


def test_an_export_imported_into_an_empty_store_answers_every_read_alike(urls, tmp_path):
    original_url, copy_url = urls
    middle = history(original_url)
    original, copy = Sitlog(original_url, "copier"), Sitlog(copy_url, "copier")
    original.ok(f"export --out {tmp_path / 'log.jsonl'}")
    copy.ok("init")
    copy.ok(f"import {tmp_path / 'log.jsonl'} --kind sitlog-jsonl")
    assert reads(copy, middle) == reads(original, middle)
    lines = (tmp_path / "log.jsonl").read_text().splitlines()
    # and the copy's own moment: the dataset "sitlog-jsonl" registered, and Dataset.LogCopied
    assert copy.events() == original.events() + 2
    first = json.loads(lines[0])
    assert list(first) == ["position", "aggregate_id", "aggregate_version", "type", "recorded_at", "operator",
                           "data"]
    assert first["operator"] == "desk"  # the original operator, not the copier
    # Again: nothing; and the copy exported is the original's export plus the copy's note of itself.
    ran = copy(f"import {tmp_path / 'log.jsonl'} --kind sitlog-jsonl")
    assert ran.exit_code == 0 and "recorded 0 events" in ran.stderr
    copy.ok(f"export --out {tmp_path / 'copy.jsonl'}")
    copied = (tmp_path / "copy.jsonl").read_text().splitlines()
    assert [_without_position(line) for line in copied[:-2]] == [_without_position(line) for line in lines]
    copied_note = json.loads(copied[-1])
    assert copied_note["type"] == "sitlog.domain.dataset:Dataset.LogCopied"
    assert copied_note["operator"] == "copier"
    assert copied_note["recorded_at"] > json.loads(lines[-1])["recorded_at"]
    assert copied_note["data"] == {"file": "log.jsonl", "events": len(lines), "first_position": 1,
                                   "last_position": json.loads(lines[-1])["position"]}


def _without_position(line: str) -> dict:
    record = json.loads(line)
    record.pop("position")  # positions are each log's own (SQLite and PostgreSQL number alike here)
    return record


def test_an_interrupted_copy_resumes_and_a_later_export_extends_it(store_url, tmp_path):
    source = f"sqlite:///{tmp_path / 'original.db'}"
    history(source)
    original = Sitlog(source)
    original.ok(f"export --out {tmp_path / 'log.jsonl'}")
    lines = (tmp_path / "log.jsonl").read_text().splitlines(keepends=True)
    half = len(lines) // 2
    (tmp_path / "first-half.jsonl").write_text("".join(lines[:half]))
    with open_store(parse_store_url(store_url), "copier", initialise=True) as copy:
        assert copy.importer.run(tmp_path / "first-half.jsonl", "sitlog-jsonl").new == half
        summary = copy.importer.run(tmp_path / "log.jsonl", "sitlog-jsonl")  # resumed
        assert (summary.unchanged, summary.new) == (half, len(lines) - half)
        position = json.loads(lines[-1])["position"]
        with open_store(parse_store_url(source), "desk") as more:
            more.log.record_estimate("ukraine-military/killed", source="CSIS", reported=date(2026, 1, 15),
                                     as_of=date(2025, 12, 31), figure=Figure.parse("<=140000"))
        original.ok(f"export --since {position} --out {tmp_path / 'more.jsonl'}")
        assert copy.importer.run(tmp_path / "more.jsonl", "sitlog-jsonl").new == 2  # opened, recorded


def test_bad_lines_are_reported_and_the_others_copied(store, tmp_path):
    good = {"position": 1, "aggregate_id": "ea26652d-8ee8-5d5f-8947-4490669f6d0e", "aggregate_version": 1,
            "type": "sitlog.domain.attack:Attack.Reported", "recorded_at": "2026-02-05T07:00:00.000000Z",
            "operator": "desk", "data": {"originator_topic": "sitlog.domain.attack:Attack",
                                         "reference": "2026-02-05/russia", "date": "2026-02-05",
                                         "attacker": "russia", "label": None, "start": None, "end": None}}
    lines = [
        good,
        good | {"aggregate_version": 3, "position": 2},  # version 2 is missing
        good | {"type": "os:system", "aggregate_id": "00000000-0000-0000-0000-000000000001"},
        good | {"aggregate_id": "00000000-0000-0000-0000-000000000002", "data": {"reference": 5}},
        "not json",
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("".join((json.dumps(line) if isinstance(line, dict) else line) + "\n" for line in lines))
    rejected: list[str] = []
    summary = store.importer.run(path, "sitlog-jsonl", on_rejected=lambda r: rejected.append(str(r)))
    assert (summary.rows, summary.new, summary.rejected) == (5, 1, 4)
    assert sorted(rejected) == rejected[-1:] + rejected[:-1]  # read errors at once, the rest per batch
    assert [r.split(":")[0] for r in sorted(rejected)] == ["line 2", "line 3", "line 4", "line 5"]
    assert "the log has up to version 1 (the file skips some)" in rejected[-1]
    assert "'os:system' is not a sitlog event type" in rejected[0]
    with pytest.raises(ImportRefused, match=r"bad.jsonl: 4 bad rows .listed above.; nothing imported"):
        store.importer.run(path, "sitlog-jsonl", strict=True)
    clash = tmp_path / "clash.jsonl"
    clash.write_text(json.dumps(good | {"operator": "someone else"}) + "\n")
    rejected.clear()
    summary = store.importer.run(clash, "sitlog-jsonl", on_rejected=lambda r: rejected.append(str(r)))
    assert summary.rejected == 1
    assert rejected == ["line 1: aggregate ea26652d-8ee8-5d5f-8947-4490669f6d0e version 1: the log holds "
                        "another event there"]


def test_older_events_are_not_copied_after_newer_ones_of_another_log(store, tmp_path):
    older = tmp_path / "older.db"
    with open_store(parse_store_url(f"sqlite:///{older}"), "desk", initialise=True) as other:
        other.importer.run(FIXTURES / "missile_attacks_old_schema.csv", "missile-attacks-csv")
    Sitlog(f"sqlite:///{older}").ok(f"export --out {tmp_path / 'older.jsonl'}")
    store.importer.run(FIXTURES / "russia_losses_personnel_v1.json", "general-staff-personnel")
    events = store.info().events
    with pytest.raises(ImportRefused, match=r"the store holds events that older.jsonl does not, recorded"):
        store.importer.run(tmp_path / "older.jsonl", "sitlog-jsonl")
    assert store.info().events == events


def test_a_copy_overtaken_by_another_writer_looks_again_and_copies_no_aggregate_halfway(store, tmp_path):
    from sitlog.adapters.importers.common import ImportRun
    from sitlog.adapters.importers.sitlog_jsonl import Copy
    from sitlog.domain.commands.attacks import Claimed
    from sitlog.domain.values import Source

    source = f"sqlite:///{tmp_path / 'original.db'}"
    with open_store(parse_store_url(source), "desk", initialise=True) as original:
        original.importer.run(FIXTURES / "missile_attacks_old_schema.csv", "missile-attacks-csv")
    Sitlog(source).ok(f"export --out {tmp_path / 'log.jsonl'}")

    class Overtaken(Copy):
        """Another operator reports the night of 2022-12-29 in this store while the copy appends."""

        def _append(self, events):
            if not hasattr(self, "overtaken"):
                self.overtaken = True
                store.log.record_attack(
                    date=date(2022, 12, 29), attacker="russia", source=Source(name="Desk"),
                    figures=[Claimed("launched", "shahed", Figure.exact(3))])
            super()._append(events)

    rejected: list[str] = []
    run = ImportRun(store=store, path=tmp_path / "log.jsonl", dry_run=False, today=date(2026, 12, 1),
                    on_rejected=lambda r: rejected.append(str(r)))
    Overtaken(store, run).lines()
    assert len(rejected) == 2  # the night's report, and the event after it, were not copied
    assert "the log holds another event there" in rejected[0] and "not copied" in rejected[1]
    assert run.tally.new == run.tally.rows - 2
    store.catch_up()
    shown = store.reader.attack("2022-12-29/russia").model_dump()
    assert [s["source"] for s in shown["sources"]] == ["Desk"]  # the other writer's, whole
    [south] = store.reader.attack("2022-12-16/russia").model_dump()["sources"]
    assert south["source"] == "Air Command South"
