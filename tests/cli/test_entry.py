"""`sitlog entry ...` as an operator types it, on both backends."""

import csv
import io

import pytest

from tests.conftest import doc, moment

TUSK = "Polish Prime Minister Donald Tusk arrived in Kyiv on Thursday for an official visit"
HRW = ("Human Rights Watch said that Ukrainian civilian casualties increased by 31 percent last year "
       "compared with 2024")
ADD_TUSK = f'entry add --date 2026-02-05 --category diplomacy --source Reuters --place Kyiv --text "{TUSK}"'
ADD_HRW = (f'entry add --date 2026-02-04 --time 10:15 --category humanitarian --source "Human Rights Watch" '
           f'--text "{HRW}" --url https://www.hrw.org/world-report/2026 --reported-at 2026-02-04T10:00')
TUSK_REF, HRW_REF = "e-10d51d33", "e-3fdd7d21"
RETRACT = f'entry retract {TUSK_REF} --reason "the visit was announced, not made"'


def test_add_prints_the_reference_and_a_repeat_is_a_no_op(sitlog):
    assert sitlog.ok(ADD_TUSK) == f"{TUSK_REF}\n"
    events = sitlog.events()
    ran = sitlog(f'entry add --date 2026-02-05 --category diplomacy --source "  reuters " '
                 f'--text "{TUSK.upper()}."')
    assert (ran.exit_code, ran.stdout) == (0, f"{TUSK_REF}\n")
    assert ran.stderr == (f"nothing recorded: entry {TUSK_REF} is already recorded (the same date, source "
                          "and text)\n")
    assert sitlog.events() == events
    # The same words from another source are another entry.
    assert sitlog.ok(ADD_TUSK.replace("Reuters", "AP")) not in ("", f"{TUSK_REF}\n")


def test_show_in_json_table_and_csv(sitlog):
    sitlog.ok(ADD_HRW)
    shown = doc(sitlog, f"entry show {HRW_REF}")
    assert {k: v for k, v in shown.items() if k != "recorded_at"} == {
        "reference": HRW_REF, "date": "2026-02-04", "date_precision": "day", "time": "10:15",
        "category": "humanitarian", "text": HRW,
        "source": {"name": "Human Rights Watch", "url": "https://www.hrw.org/world-report/2026"},
        "places": [], "reported_at": "2026-02-04T10:00:00+02:00", "status": "recorded", "operator": "tester",
        "corrections": []}
    table = sitlog.ok(f"entry show {HRW_REF}")
    assert "humanitarian" in table and "corrections: (none)" in table
    rows = list(csv.DictReader(io.StringIO(sitlog.ok(f"entry show {HRW_REF} --format csv"))))
    assert {r["field"]: r["value"] for r in rows if r["section"] == "entry"}["time"] == "10:15"


def test_correct_then_retract_and_read_back_as_known_before(sitlog):
    sitlog.ok(ADD_TUSK)
    sitlog.ok(ADD_HRW)
    before_correction = moment()
    assert sitlog.ok(f'entry correct {TUSK_REF} --place Kyiv --place Lviv --time 09:40 '
                     '--reason "he also went to Lviv"') == f"{TUSK_REF}\n"
    before_retraction = moment()
    sitlog.ok(RETRACT)
    shown = doc(sitlog, f"entry show {TUSK_REF} --history")
    assert (shown["status"], shown["places"], shown["time"]) == ("retracted", ["Kyiv", "Lviv"], "09:40")
    assert [(c["kind"], c["changes"], c["reason"]) for c in shown["corrections"]] == [
        ("corrected", [{"field": "time", "before": None, "after": "09:40"},
                       {"field": "places", "before": "Kyiv", "after": "Kyiv; Lviv"}], "he also went to Lviv"),
        ("retracted", [], "the visit was announced, not made")]
    assert [h["event"] for h in shown["history"]] == [
        "LogEntry.Added", "LogEntry.Corrected", "LogEntry.Retracted"]
    then = doc(sitlog, f"entry show {TUSK_REF} --known-at {before_correction}")
    assert (then["status"], then["places"], then["corrections"]) == ("recorded", ["Kyiv"], [])
    # list leaves a retracted entry out, from the moment it was retracted
    assert [e["reference"] for e in doc(sitlog, "entry list")] == [HRW_REF]
    then = doc(sitlog, f"entry list --known-at {before_retraction}")
    assert [(e["reference"], e["status"]) for e in then] == [(HRW_REF, "recorded"), (TUSK_REF, "corrected")]
    rows = list(csv.DictReader(io.StringIO(sitlog.ok(f"entry show {TUSK_REF} --format csv"))))
    assert [(r["kind"], r["field"]) for r in rows if r["section"] == "corrections"] == [
        ("corrected", "time"), ("corrected", "places"), ("retracted", "")]


def test_list_filters_and_formats(sitlog):
    for command in (ADD_TUSK, ADD_HRW, 'entry add --date 2026-01-30 --category military --source "Governor" '
                    '--text "Shelling of Kharkiv" --place Kharkiv --place "Kharkiv region"'):
        sitlog.ok(command)
    assert [e["date"] for e in doc(sitlog, "entry list")] == ["2026-01-30", "2026-02-04", "2026-02-05"]
    out = sitlog.ok("entry list --category military --format csv").splitlines()
    assert out == ["reference,date,time,category,source,places,text,status",
                   f"{out[1].split(',')[0]},2026-01-30,,military,Governor,Kharkiv; Kharkiv region,"
                   "Shelling of Kharkiv,recorded"]
    assert [e["reference"] for e in doc(sitlog, "entry list --from 2026-02-01 --to 2026-02-04")] == [HRW_REF]
    assert [e["reference"] for e in doc(sitlog, "entry list --source reuters")] == [TUSK_REF]
    assert [e["reference"] for e in doc(sitlog, "entry list --as-of 2026-02-04 --category HUMANITARIAN")] == [
        HRW_REF]
    assert "Kharkiv; Kharkiv region" in sitlog.ok("entry list")


def test_state_counts_entries_by_category(sitlog):
    sitlog.ok(ADD_TUSK)
    sitlog.ok(ADD_HRW)
    before = moment()
    sitlog.ok(RETRACT)
    counts = doc(sitlog, "state --as-of 2026-02-05")["entries"]
    assert counts == {"diplomacy": 0, "military": 0, "humanitarian": 1, "political": 0, "other": 0,
                      "total": 1}
    assert doc(sitlog, f"state --as-of 2026-02-05 --known-at {before}")["entries"]["total"] == 2
    assert doc(sitlog, "state --as-of 2026-02-03")["entries"]["total"] == 0
    rows = list(csv.DictReader(io.StringIO(sitlog.ok("state --as-of 2026-02-05 --format csv"))))
    assert [(r["category"], r["entries"]) for r in rows if r["section"] == "entries"] == [
        ("diplomacy", "0"), ("military", "0"), ("humanitarian", "1"), ("political", "0"), ("other", "0"),
        ("total", "1")]


LONG = "п" * 201
RULES = [
    # (setup, command, error line)
    ([], ADD_TUSK.replace(TUSK, "  "),
     'text: required (what happened? e.g. --text "Polish Prime Minister Donald Tusk arrived in Kyiv")'),
    ([], ADD_TUSK.replace("Reuters", '" "'),
     'source: required (who said it? e.g. --source "Ukrainian Air Force")'),
    ([], ADD_TUSK.replace("2026-02-05", "5-feb"), "date: '5-feb' is not a date "
     "(expected YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only a month or a year)"),
    ([], ADD_TUSK.replace("2026-02-05", "3000-01-01"),
     "date: '3000-01-01' is outside the dates sitlog records (1900-01-01 to 2999-12-31)"),
    ([], f"{ADD_TUSK} --time 9h30",
     "time: '9h30' is not a time of day (expected HH:MM, Kyiv time, e.g. 09:30)"),
    ([], f"{ADD_TUSK} --url www.reuters.com",
     "url: 'www.reuters.com' is not a web address (expected http:// or https://...)"),
    ([], f"{ADD_TUSK} --reported-at yesterday",
     "reported-at: 'yesterday' is not an ISO 8601 timestamp (e.g. 2026-02-05T08:00+02:00)"),
    ([], f'{ADD_TUSK} --place " "', "place: required (a place name, e.g. --place Kyiv)"),
    ([], f"{ADD_TUSK} --place {LONG}",
     f"place: {LONG[:30]!r}... is 201 characters long; sitlog records a name of at most 200"),
    ([], ADD_TUSK.replace(TUSK, "t" * 10_001),
     f"text: {'t' * 30!r}... is 10,001 characters long; sitlog records a text of at most 10,000"),
    ([ADD_TUSK], ADD_TUSK.replace("diplomacy", "political").replace("--place Kyiv", "--place Warsaw"),
     f"entry {TUSK_REF} is already recorded with other details (category diplomacy, not political; places "
     f"Kyiv, not Warsaw); nothing is overwritten: to change them use `sitlog entry correct {TUSK_REF} "
     '--category political --place Warsaw --reason "..."`'),
    ([ADD_TUSK], f"entry correct {TUSK_REF} --reason typo",
     "correction: nothing to correct (give --text, --date, --time, --category, --place, --url or "
     "--reported-at)"),
    ([ADD_TUSK], f'entry correct {TUSK_REF} --text "Tusk arrived" --reason " "',
     "reason: required (why is it corrected? --reason ...)"),
    ([ADD_TUSK], f"entry correct {TUSK_REF} --date 2026-02-30 --reason typo",
     "date: '2026-02-30' is not a date (expected YYYY-MM-DD, or YYYY-MM or YYYY"
     " when the source gives only a month or a year)"),
    ([ADD_TUSK], "entry correct e-0badcafe --text x --reason typo",
     "entry e-0badcafe not found (see `sitlog entry list`)"),
    ([ADD_TUSK], "entry retract 10d51d33 --reason typo",
     "entry: '10d51d33' is not an entry reference (expected e- and 8 hex digits, as `sitlog entry add` "
     "printed it, e.g. e-3f9a1c02)"),
    ([ADD_TUSK, RETRACT], f"entry correct {TUSK_REF} --text x --reason typo",
     f"entry {TUSK_REF} was retracted (the visit was announced, not made); a retracted entry cannot be "
     "corrected"),
    ([ADD_TUSK, RETRACT], f"entry retract {TUSK_REF} --reason other",
     f"entry {TUSK_REF} was retracted (the visit was announced, not made); a retracted entry cannot be "
     "retracted again"),
    ([ADD_TUSK, RETRACT], ADD_TUSK,
     f"entry {TUSK_REF} (the same date, source and text) was retracted (the visit was announced, not made); "
     "a retracted entry is not added again"),
    ([ADD_TUSK], f"entry show {TUSK_REF} --as-of 2026-02-04", f"entry {TUSK_REF} not found as of 2026-02-04"),
    ([ADD_TUSK], f"entry list --from {LONG}", f"from: '{LONG[:80]}…' is not a date (expected YYYY-MM-DD)"),
]


@pytest.mark.parametrize(("setup", "command", "error"), RULES, ids=[r[2][:50] for r in RULES])
def test_every_rule_is_one_line_exit_1_and_writes_nothing(sitlog, setup, command, error):
    for step in setup:
        sitlog.ok(step)
    sitlog.refuses(command, error)


def test_the_same_retraction_again_is_a_no_op(sitlog):
    sitlog.ok(ADD_TUSK)
    sitlog.ok(RETRACT)
    ran = sitlog(RETRACT)
    assert (ran.exit_code, ran.stdout) == (0, f"{TUSK_REF}\n")
    assert ran.stderr == f"nothing recorded: entry {TUSK_REF} is already retracted for this reason\n"


def test_a_category_not_in_the_list_is_a_usage_error(sitlog):
    ran = sitlog(ADD_TUSK.replace("diplomacy", "sports"))
    assert ran.exit_code == 2 and ran.stdout == ""
    assert ran.stderr == (
        "error: Invalid value for '--category': Value error, 'sports' is not one of 'diplomacy', 'military', "
        "'humanitarian', 'political', 'other'. (see 'sitlog entry add --help')\n")
    assert sitlog.ok(ADD_TUSK.replace("diplomacy", "Diplomacy")) == f"{TUSK_REF}\n"  # any case will do
