"""`sitlog attack ...` as an operator types it, on SQLite and PostgreSQL."""

import json
import time
from datetime import UTC, datetime

AF = '--source "Ukrainian Air Force"'
RECORD_AF = (
    f"attack record --date 2026-02-05 --attacker russia {AF} --launched shahed=183 --destroyed shahed=156 "
    "--still-attacking shahed=7 --launched iskander-m=2 --destroyed iskander-m=0 --start 2026-02-04T18:00"
)
MORNING = [
    RECORD_AF,
    'attack record --date 2026-02-05 --attacker ukraine --source "Russian Ministry of Defence" '
    '--destroyed drone=95 --region "Azov Sea" --region Crimea',
    'attack casualties 2026-02-05/russia --place Kyiv --injured 2 --source "Mayor of Kyiv"',
    'attack casualties 2026-02-05/russia --place "Kyiv region" --injured 1 --civilians '
    '--source "Kyiv Regional Military Administration" --note "a man suffered a chest wound from shrapnel"',
]


def log_the_morning(sitlog) -> None:
    assert [sitlog.ok(command).strip() for command in MORNING] == [
        "2026-02-05/russia", "2026-02-05/ukraine", "2026-02-05/russia", "2026-02-05/russia"
    ]


def show(sitlog, reference: str, *options: str) -> dict:
    return json.loads(sitlog.ok(["attack", "show", reference, "--format", "json", *options]))


def test_the_morning_of_5_february_logged_through_the_cli(sitlog):
    log_the_morning(sitlog)
    russia = show(sitlog, "2026-02-05/russia")
    assert russia["start"] == "2026-02-04T18:00:00+02:00"
    [air_force, mayor, region] = russia["sources"]
    assert [
        (f["weapon"], f["category"], f["launched"]["text"], f["destroyed"]["text"], f["interception_rate"])
        for f in air_force["figures"]
    ] == [
        ("Shahed-136/131", "attack-drone", "183", "156", 0.852),
        ("Iskander-M", "ballistic-missile", "2", "0", 0.0),
    ]
    assert (mayor["source"], mayor["casualties"][0]["place"], mayor["casualties"][0]["injured"]["point"]) == (
        "Mayor of Kyiv", "Kyiv", 2)
    assert (region["source"], region["casualties"][0]["place"], region["casualties"][0]["civilians"]) == (
        "Kyiv Regional Military Administration", "Kyiv region", True)
    assert mayor["figures"] == region["figures"] == []  # nothing merged across sources
    [mod] = show(sitlog, "2026-02-05/ukraine")["sources"]
    assert (mod["source"], mod["figures"][0]["weapon"], mod["figures"][0]["destroyed"]["point"]) == (
        "Russian Ministry of Defence", "Drone", 95)
    assert mod["figures"][0]["launched"] is None and mod["figures"][0]["interception_rate"] is None


FIGURE_KEYS = {"text", "wording", "point", "value", "qualifier"}


def test_the_json_shapes_of_show_and_list_are_the_documented_ones(sitlog):
    log_the_morning(sitlog)
    sitlog.ok(f'attack correct 2026-02-05/russia {AF} --launched shahed=180 --reason "revised post"')
    sitlog.ok('attack retract 2026-02-05/russia --source "Mayor of Kyiv" --reason "duplicate"')
    doc = show(sitlog, "2026-02-05/russia", "--history")
    assert set(doc) == {"reference", "date", "attacker", "label", "start", "end", "sources", "corrections",
                        "history"}
    source = doc["sources"][0]
    assert set(source) == {"source", "url", "reported_at", "regions", "notes", "figures", "casualties",
                           "corrections", "retractions"}
    assert set(source["figures"][0]) == {
        "weapon", "category", "launched", "destroyed", "suppressed", "hit", "still_attacking",
        "interception_rate", "overrides", "recorded_at",
    }
    assert set(source["figures"][0]["launched"]) == FIGURE_KEYS
    assert set(source["corrections"][0]) == {
        "subject", "measure", "before", "after", "reason", "recorded_at", "operator"
    }
    casualty, retraction = doc["sources"][2]["casualties"][0], doc["sources"][1]["retractions"][0]
    assert set(casualty) == {"place", "killed", "injured", "civilians", "recorded_at"}
    assert set(retraction) == {"weapons", "places", "reason", "recorded_at", "operator"}
    assert set(doc["history"][0]) == {"version", "event", "recorded_at", "operator", "data"}
    assert json.loads(sitlog.ok("attack show 2026-02-05/russia --format json"))["sources"][0]["figures"]
    assert "history" not in show(sitlog, "2026-02-05/russia")
    listed = json.loads(sitlog.ok("attack list --format json"))
    assert listed == [
        {"reference": "2026-02-05/russia", "date": "2026-02-05", "attacker": "russia", "label": None,
         "start": "2026-02-04T18:00:00+02:00", "end": None,
         "sources": ["Ukrainian Air Force", "Mayor of Kyiv", "Kyiv Regional Military Administration"]},
        {"reference": "2026-02-05/ukraine", "date": "2026-02-05", "attacker": "ukraine", "label": None,
         "start": None, "end": None, "sources": ["Russian Ministry of Defence"]},
    ]
    [only] = json.loads(sitlog.ok("attack list --attacker Ukraine --from 2026-02-05 --to 2026-02-05 -f json"))
    assert only["reference"] == "2026-02-05/ukraine"


def test_a_correction_shows_the_new_figure_and_keeps_the_old_one_in_history(sitlog):
    sitlog.ok(RECORD_AF)
    out = sitlog.ok('attack correct 2026-02-05/russia --source "ukrainian air force" --launched geran-2=180 '
                    '--reason "the air force revised its post"')
    assert out == "2026-02-05/russia\n"
    doc = show(sitlog, "2026-02-05/russia", "--history")
    assert doc["sources"][0]["figures"][0]["launched"]["text"] == "180"
    events = [(e["event"], e["operator"]) for e in doc["history"]]
    assert events == [("Attack.Reported", "tester"), ("Attack.FiguresRecorded", "tester"),
                      ("Attack.FiguresCorrected", "tester")]
    assert doc["history"][1]["data"]["figures"][0]["launched"]["value"] == 183
    assert doc["history"][2]["data"]["reason"] == "the air force revised its post"
    table = sitlog.ok("attack show 2026-02-05/russia --history")
    assert "Attack.FiguresCorrected" in table and "the air force revised its post" in table
    before = sitlog.events()
    ran = sitlog(f'attack correct 2026-02-05/russia {AF} --launched shahed=180 --reason "again"')
    assert (ran.exit_code, sitlog.events()) == (0, before)
    assert ran.stderr.startswith("nothing recorded: 2026-02-05/russia already says so")


def test_the_period_is_completed_then_corrected_and_the_past_can_be_read(sitlog):
    sitlog.ok(RECORD_AF)
    sitlog.ok(f"attack record --date 2026-02-05 --attacker russia {AF} --end 2026-02-05T08:00+02:00")
    first = show(sitlog, "2026-02-05/russia", "--history")
    assert (first["start"], first["end"]) == ("2026-02-04T18:00:00+02:00", "2026-02-05T08:00:00+02:00")
    sitlog.ok("attack correct 2026-02-05/russia --start 2026-02-04T19:30 --reason 'air force update'")
    now = show(sitlog, "2026-02-05/russia")
    assert now["start"] == "2026-02-04T19:30:00+02:00"
    assert [(c["subject"], c["measure"], c["before"], c["after"]) for c in now["corrections"]] == [
        ("period", "start", "2026-02-04T18:00:00+02:00", "2026-02-04T19:30:00+02:00")
    ]
    then = show(sitlog, "2026-02-05/russia", "--known-at", first["history"][-1]["recorded_at"])
    assert (then["start"], then["corrections"]) == ("2026-02-04T18:00:00+02:00", [])
    assert show(sitlog, "2026-02-05/russia", "--as-of", "2026-02-05")["start"] == now["start"]
    ran = sitlog("attack show 2026-02-05/russia --as-of 2026-02-04")
    assert ran.stderr == "error: attack 2026-02-05/russia not found as of 2026-02-04\n"


def test_the_same_report_again_is_a_no_op_that_says_so(sitlog):
    sitlog.ok(RECORD_AF)
    before = sitlog.events()
    ran = sitlog(f"attack record --date 2026-02-05 --attacker Russia {AF} --launched Shahed-136/131=183")
    assert (ran.exit_code, ran.stdout) == (0, "2026-02-05/russia\n")
    assert ran.stderr == ('nothing recorded: what "Ukrainian Air Force" says about 2026-02-05/russia is '
                          "already in the log\n")
    assert sitlog.events() == before


def test_an_unknown_weapon_is_kept_verbatim_with_a_warning(sitlog):
    ran = sitlog(f"attack record --date 2026-02-05 --attacker russia {AF} --launched 'Mystery Jet=4'")
    assert ran.exit_code == 0
    assert ran.stderr == (
        'warning: weapon "Mystery Jet" is not in the taxonomy; kept verbatim as unclassified\n'
    )
    [figure] = show(sitlog, "2026-02-05/russia")["sources"][0]["figures"]
    assert (figure["weapon"], figure["category"]) == ("Mystery Jet", "unclassified")


def test_force_accepts_more_destroyed_than_launched_and_says_so(sitlog):
    sitlog.ok(f"attack record --date 2026-02-05 --attacker russia {AF} --launched shahed=10 "
              "--destroyed shahed=12 --force")
    [figure] = show(sitlog, "2026-02-05/russia")["sources"][0]["figures"]
    assert figure["overrides"] == ["Shahed-136/131: destroyed (12) > launched (10), accepted with --force"]


REF = "2026-02-05/russia"
REFUSED = [
    (f"attack record --date 2026-02-05 --attacker russia {AF} --launched shahed=-5",
     "launched: shahed=-5 is negative (counts are whole numbers, 0 or more)"),
    (f"attack record --date 2026-02-05 --attacker russia {AF} --launched shahed=lots",
     "launched shahed: 'lots' is not a figure (expected a non-negative whole number, e.g. 183, ~95, "
     "up to 140,000 or 100,000-140,000)"),
    (f"attack record --date 2026-02-05 --attacker russia {AF} --launched shahed",
     "launched: 'shahed' is not WEAPON=FIGURE (e.g. shahed=183)"),
    (f"attack record --date 2026-02-06 --attacker russia {AF} --launched kalibr=3 --destroyed kalibr=2 "
     "--suppressed kalibr=2",
     'Kalibr: destroyed (2) + suppressed (2) is more than launched (3) in the figures from "Ukrainian Air '
     'Force"; check them, or pass --force if the source really says so'),
    (f"attack record --date 2999-01-01 --attacker russia {AF}",
     "date: 2999-01-01 is later than tomorrow in Kyiv"),
    (f"attack record --date 2026-02-06 --attacker russia {AF} --start 2026-02-06T05:00 "
     "--end 2026-02-06T04:00",
     "start: 2026-02-06T05:00:00+02:00 is after the end, 2026-02-06T04:00:00+02:00"),
    (f"attack record --date 2026-02-06 --attacker russia {AF} --end 2026-02-05T23:00",
     "end: 2026-02-05T23:00:00+02:00 falls on 2026-02-05 in Kyiv, but the attack is dated 2026-02-06"),
    ("attack record --date 2026-02-06 --attacker russia --launched shahed=5",
     'source: required (who said it? e.g. --source "Ukrainian Air Force")'),
    (f"attack record --date 2026-02-06 {AF} --launched shahed=5",
     "attacker: required (who attacked? e.g. --attacker russia)"),
    (f"attack record --date 2026-02-05 --attacker russia {AF} --launched shahed=180",
     '"Ukrainian Air Force" already reported other figures on 2026-02-05/russia (launched Shahed-136/131: '
     "183, not 180); nothing is overwritten: to change them use `sitlog attack correct 2026-02-05/russia "
     '--source "Ukrainian Air Force" --launched "Shahed-136/131=180" --reason "..."`'),
    (f"attack record --date 2026-02-05 --attacker russia {AF} --start 2026-02-04T19:00",
     "start: 2026-02-05/russia already has start 2026-02-04T18:00:00+02:00; use `sitlog attack correct"),
    ('attack casualties 2999-01-01/russia --place Kyiv --injured 2 --source "Mayor of Kyiv"',
     "date: 2999-01-01 is later than tomorrow in Kyiv"),
    (f'attack casualties {REF} --place Kyiv --source "Mayor of Kyiv"',
     "casualties: give --killed and/or --injured for Kyiv"),
    (f'attack casualties {REF} --place Kyiv --injured -2 --source "Mayor of Kyiv"',
     "injured: -2 is negative (counts are whole numbers, 0 or more)"),
    (f'attack casualties {REF} --injured 2 --source "Mayor of Kyiv"',
     "place: required (where? e.g. --place Kyiv)"),
    (f"attack correct {REF} {AF} --launched shahed=180",
     "reason: required (why is it corrected? --reason ...)"),
    (f"attack correct {REF} {AF} --launched kalibr=1 --reason r",
     'weapon: "Ukrainian Air Force" has no current figures for Kalibr on 2026-02-05/russia to correct'),
    (f"attack correct {REF} {AF} --launched shahed=100 --reason r",
     "Shahed-136/131: destroyed (156) is more than launched (100)"),
    (f"attack correct {REF} --reason r", "correct: nothing to correct"),
    (f"attack correct {REF} {AF} --place Kyiv --reason r",
     "correct: give --killed, --injured or --civilians/--military for Kyiv"),
    (f'attack retract {REF} --source "CSIS" --reason r',
     'source: "CSIS" has made no claims on 2026-02-05/russia to retract (sources: "Ukrainian Air Force")'),
    (f"attack retract {REF} {AF}", "reason: required (why is it retracted? --reason ...)"),
    (f"attack retract {REF} {AF} --weapon kinzhal --reason r",
     'weapon: "Ukrainian Air Force" has no current figures for Kh-47M2 Kinzhal on 2026-02-05/russia'),
    ("attack show russia", "reference: 'russia' is not an attack reference"),
    ("attack show 2026-02-06/russia", "attack 2026-02-06/russia not found"),
]


def test_every_note_is_kept_with_its_claim_and_its_record_time(sitlog):
    """A later note never hides an earlier one (issue 16, item 10)."""
    mayor = '--source "Mayor of Kyiv"'
    sitlog.ok(RECORD_AF)
    sitlog.ok(f'attack casualties {REF} --place Kyiv --injured 2 {mayor} --note "in the Darnytskyi district"')
    time.sleep(0.01)
    before = datetime.now(UTC).isoformat()
    time.sleep(0.01)
    sitlog.ok(f'attack casualties {REF} --place Kyiv --killed 1 {mayor} --note "one died in hospital"')
    events = sitlog.events()
    ran = sitlog(f'attack casualties {REF} --place Kyiv --killed 1 {mayor} '
                 '--note "in the Darnytskyi district"')
    assert ran.exit_code == 0 and ran.stderr.startswith("nothing recorded: ")  # a note given before adds none
    assert sitlog.events() == events
    [_, said] = show(sitlog, REF)["sources"]
    assert [(n["text"], n["claim"]) for n in said["notes"]] == [
        ("in the Darnytskyi district", "casualties in Kyiv"), ("one died in hospital", "casualties in Kyiv")]
    assert said["notes"][0]["recorded_at"] < before.replace("+00:00", "Z") < said["notes"][1]["recorded_at"]
    [_, then] = show(sitlog, REF, "--known-at", before)["sources"]
    assert [n["text"] for n in then["notes"]] == ["in the Darnytskyi district"]
    table = sitlog.ok(f"attack show {REF}")
    assert "in the Darnytskyi district" in table and "one died in hospital" in table
    digest = sitlog.ok("digest 2026-02-05 --format md")
    assert "note: in the Darnytskyi district; note: one died in hospital" in digest


def test_casualties_reported_first_report_the_attack(sitlog):
    """The mayor's report often comes before the air force's: it records the attack (issue 16, item 6)."""
    events = sitlog.events()
    assert sitlog.ok('attack casualties 2026-02-06/russia --place Kyiv --injured 2 --killed 1 '
                     '--source "Mayor of Kyiv"') == "2026-02-06/russia\n"
    assert sitlog.events() == events + 2  # the attack reported, and the casualties
    shown = json.loads(sitlog.ok("attack show 2026-02-06/russia --format json"))
    assert (shown["date"], shown["attacker"]) == ("2026-02-06", "russia")
    [said] = shown["sources"]
    kyiv = said["casualties"][0]
    assert (said["source"], kyiv["place"], kyiv["killed"]["value"], kyiv["injured"]["value"]) == (
        "Mayor of Kyiv", "Kyiv", 1, 2)
    # the air force's figures then land on the same attack
    sitlog.ok(f"attack record --date 2026-02-06 --attacker russia {AF} --launched shahed=50")
    shown = json.loads(sitlog.ok("attack show 2026-02-06/russia --format json"))
    assert [s["source"] for s in shown["sources"]] == ["Mayor of Kyiv", "Ukrainian Air Force"]


def test_every_rule_refuses_with_one_line_and_writes_nothing(sitlog):
    sitlog.ok(RECORD_AF)
    before = sitlog.events()
    for command, message in REFUSED:
        ran = sitlog(command)
        assert (ran.exit_code, ran.stdout) == (1, ""), command
        assert ran.stderr.startswith(f"error: {message}"), (command, ran.stderr)
        assert ran.stderr.count("\n") == 1, command
    assert sitlog.events() == before  # none of them wrote anything


def test_help_shows_the_figure_syntax_and_an_example(sitlog):
    out = sitlog.ok("attack record --help")
    assert "WEAPON=FIGURE" in out and "Example" in out and "LOW..HIGH" in out
    for command in ("casualties", "correct", "retract", "show", "list"):
        assert "Example" in sitlog.ok(f"attack {command} --help")


def test_table_and_csv_render_every_section(sitlog):
    log_the_morning(sitlog)
    table = sitlog.ok("attack show 2026-02-05/russia")
    for heading in ("figures", "casualties", "sources", "Shahed-136/131", "85.2%", "Kyiv region"):
        assert heading in table
    rows = sitlog.ok("attack show 2026-02-05/russia --format csv").splitlines()
    assert rows[0].startswith("section,")
    assert any(row.startswith("figures,") and "Iskander-M" in row for row in rows)
    listed = sitlog.ok("attack list --format csv").splitlines()
    assert listed[1].startswith("2026-02-05/russia,2026-02-05,russia")


def test_a_date_range_that_ends_before_it_begins_is_refused(sitlog):
    sitlog.refuses("attack list --from 2026-02-05 --to 2026-02-01",
                   "to: 2026-02-01 is before --from 2026-02-05")
