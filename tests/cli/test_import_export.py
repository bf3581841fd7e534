"""`sitlog import` and `sitlog export` as an operator types them, on SQLite and PostgreSQL."""

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
V1, V2 = FIXTURES / "missile_attacks_v1.csv", FIXTURES / "missile_attacks_v2.csv"
GS1 = FIXTURES / "russia_losses_personnel_v1.json"


def test_an_import_reports_bad_rows_and_a_summary_on_stderr(sitlog):
    ran = sitlog(f"import {V1} --kind missile-attacks-csv")
    assert (ran.exit_code, ran.stdout) == (0, "")
    lines = ran.stderr.splitlines()
    assert lines[0] == ("warning: line 8: launched: 'abc' is not a count (a whole number from 0 to "
                        "1,000,000,000); not imported")
    assert lines[1].startswith("warning: line 9: 3M22 Zircon: destroyed (4) is more than launched (2)")
    assert lines[-1] == ("missile_attacks_v1.csv: 9 rows read: 7 new, 0 corrected, 0 unchanged, 2 rejected; "
                         f"recorded {sitlog.events()} events")
    listed = json.loads(sitlog.ok("attack list --format json"))
    assert [a["reference"] for a in listed] == ["2023-05-16/russia", "2026-02-07/russia", "2026-02-08/russia"]
    newer = sitlog(f"import {V2}")  # the kind, from the name
    assert newer.stderr.splitlines() == [
        "vanished: 2026-02-08/Air Command South/Shahed-136/131 (its reports stay in the log)",
        "missile_attacks_v2.csv: 7 rows read: 1 new, 1 corrected, 5 unchanged, 0 rejected; 1 vanished; "
        "recorded 6 events",
    ]


def test_a_dry_run_says_what_would_be_recorded_and_writes_nothing(sitlog):
    ran = sitlog(f"import {GS1} --dry-run")
    assert ran.exit_code == 0 and sitlog.events() == 0
    assert ran.stderr.splitlines()[1:] == [
        "below the day before: 2022-02-28: 4,290 after 4,300 on 2022-02-27 (a revised cumulative figure)",
        "russia_losses_personnel_v1.json: 6 rows read: 5 new, 0 corrected, 0 unchanged, 1 rejected; "
        "1 day below the day before; would record 12 events",
    ]


def test_what_import_refuses(sitlog, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "other.csv").write_text("date,what\n2026-02-05,x\n")
    missing = str(tmp_path / "missing.csv")
    sitlog.refuses(f"import {missing}", f"file: {missing!r} is not a file")
    sitlog.refuses(f"import {tmp_path / 'notes.txt'}", "kind: cannot tell the kind of notes.txt from its "
                   "name; give --kind (missile-attacks-csv, general-staff-personnel, sitlog-jsonl)")
    sitlog.refuses(f"import {tmp_path / 'other.csv'}", "file: other.csv is not a missile-attacks CSV (no "
                   "column time_end, model, launched, destroyed, source; it has date, what)")
    (tmp_path / "object.json").write_text('{"date": "2022-02-25"}')
    sitlog.refuses(f"import {tmp_path / 'object.json'}",
                   "file: object.json is not a JSON array (it does not start with '[')")
    ran = sitlog(f"import {tmp_path / 'other.csv'} --kind bogus")
    assert ran.exit_code == 2 and "'bogus' is not one of" in ran.stderr


def test_strict_lists_every_bad_row_and_imports_nothing(sitlog):
    ran = sitlog(f"import {V1} --strict")
    assert (ran.exit_code, ran.stdout) == (1, "")
    assert [line.split(":")[0] + ":" + line.split(":")[1] for line in ran.stderr.splitlines()] == [
        "warning: line 8", "warning: line 9", "error: missile_attacks_v1.csv"]
    assert ran.stderr.splitlines()[-1] == ("error: missile_attacks_v1.csv: 2 bad rows (listed above); "
                                           "nothing imported (--strict)")
    assert sitlog.events() == 0


def test_export_streams_every_event_as_json_lines(sitlog, tmp_path):
    sitlog.ok(f"import {GS1}")
    lines = sitlog.ok("export").splitlines()
    assert len(lines) == sitlog.events()
    events = [json.loads(line) for line in lines]
    assert [e["position"] for e in events] == sorted(e["position"] for e in events)
    assert {e["type"] for e in events} >= {
        "sitlog.domain.casualty_estimate:CasualtyEstimate.EstimateRecorded",
        "sitlog.domain.dataset:Dataset.RowsImported"}
    since = events[2]["position"]
    assert sitlog.ok(f"export --since {since}").splitlines() == lines[3:]
    ran = sitlog(f"export --out {tmp_path / 'log.jsonl'}")
    assert (ran.exit_code, ran.stdout) == (0, "")
    assert ran.stderr == f"exported {len(lines)} events to {tmp_path / 'log.jsonl'}\n"
    assert (tmp_path / "log.jsonl").read_text().splitlines() == lines


def test_a_copy_refuses_to_put_older_history_after_newer(sitlog, tmp_path):
    sitlog.ok(f"import {GS1}")
    sitlog.ok(f"export --out {tmp_path / 'older.jsonl'}")
    other = type(sitlog)(f"sqlite:///{tmp_path / 'other.db'}")
    other.ok(f"import {V2}")
    first = _first_record_time(tmp_path / "older.jsonl")
    other.refuses(f"import {tmp_path / 'older.jsonl'}", (
        f"file: the store holds events that older.jsonl does not, recorded up to "
        f"{_last_record_time(other)}, and line 1 was recorded at {first}: a sitlog-jsonl import copies a "
        "log into an empty store, or resumes or extends such a copy; older events would sit after newer "
        "ones (nothing was imported)"))


def _last_record_time(sitlog) -> str:
    return json.loads(sitlog.ok("export").splitlines()[-1])["recorded_at"]


def _first_record_time(path: Path) -> str:
    return json.loads(path.read_text().splitlines()[0])["recorded_at"]


def test_imported_names_obey_the_name_rules(sitlog, tmp_path):
    """A name in a file is a name as an operator's: NFC, no invisible characters, no word mixing
    scripts; a row breaking the rules is reported by its line, and nothing of it is recorded."""
    zero_width, mixed, decomposed = "Kyiv\u200b oblast", "https://t.me/Kyiv_P\u043est/1", "Kyi\u0308v oblast"
    rows = [
        "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source",
        "2026-02-08 02:30,2026-02-08 07:30,Shahed-136/131,,Odesa oblast,,50,40,kpszsu/posts/x1",
        f"2026-02-08 02:30,2026-02-08 07:30,Kalibr,,{zero_width},,6,5,kpszsu/posts/x2",
        f"2026-02-08 02:30,2026-02-08 07:30,Iskander-M,,Odesa oblast,,2,1,{mixed}",
        f"2026-02-09 02:30,2026-02-09 07:30,Shahed-136/131,,{decomposed},,30,20,kpszsu/posts/x3",
    ]
    path = tmp_path / "missile_attacks_names.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ran = sitlog(f"import {path} --kind missile-attacks-csv")
    assert ran.exit_code == 0
    assert ran.stderr.splitlines()[:2] == [
        'warning: line 3: region: "Kyiv\\u200b oblast" contains a zero width space (U+200B); a name may not '
        "hold invisible or control characters; not imported",
        'warning: line 4: source: "Kyiv_P\u043est" mixes Latin and Cyrillic (\u043e U+043E); not imported']
    assert ran.stderr.splitlines()[-1].startswith("missile_attacks_names.csv: 4 rows read: 2 new, ")
    listed = json.loads(sitlog.ok("attack list --format json"))
    assert [a["reference"] for a in listed] == ["2026-02-08/russia", "2026-02-09/russia"]
    night = sitlog.ok("attack show 2026-02-08/russia --format json")
    assert "Kalibr" not in night and "Iskander" not in night
    later = sitlog.ok("attack show 2026-02-09/russia --format json")
    assert "Ky\u00efv oblast" in later and decomposed not in later
