"""A round is the negotiation's round on a date and day (issue 16, item 2), on both backends: typed
again with another spelling of its venue it is refused with the correction that would change it, not
stored as a second round."""

import json

from tests.cli.test_negotiation import OPEN, ROUND

SLUG = "us-brokered-talks"


def test_the_same_round_with_another_venue_spelling_is_refused_with_a_pointer_to_correct(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok(ROUND)
    sitlog.refuses(
        f"negotiation round {SLUG} --date 2026-02-05 --venue 'Abu Dabi' --day 2 "
        "--participant 'Steve Witkoff'",
        "venue: the round of 2026-02-05 at Abu Dhabi (day 2) is already recorded at 'Abu Dhabi', not "
        f"'Abu Dabi'; to change it use `sitlog negotiation correct {SLUG} --round 2 --venue \"Abu Dabi\" "
        '--reason "..."`')
    shown = json.loads(sitlog.ok(f"negotiation show {SLUG} --format json"))
    assert (shown["round_count"], [r["venue"] for r in shown["rounds"]]) == (1, ["Abu Dhabi"])


def test_the_same_venue_in_another_case_or_spacing_is_the_same_round(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok(ROUND)
    events = sitlog.events()
    ran = sitlog(f"negotiation round {SLUG} --date 2026-02-05 --venue '  abu   DHABI ' --day 2")
    assert ran.exit_code == 0 and ran.stderr.startswith("nothing recorded: ")
    assert sitlog.events() == events


def test_another_day_or_date_is_another_round(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok(ROUND)
    sitlog.ok(f"negotiation round {SLUG} --date 2026-02-05 --venue Geneva --day 1")
    sitlog.ok(f"negotiation round {SLUG} --date 2026-02-06 --venue 'Abu Dhabi' --day 2")
    rounds = json.loads(sitlog.ok(f"negotiation show {SLUG} --format json"))["rounds"]
    assert [(r["date"], r["venue"], r["day"]) for r in rounds] == [
        ("2026-02-05", "Abu Dhabi", 2), ("2026-02-05", "Geneva", 1), ("2026-02-06", "Abu Dhabi", 2)]


def test_a_round_corrected_onto_another_rounds_date_and_day_is_refused(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok(ROUND)  # round 2: 2026-02-05, day 2
    sitlog.ok(f"negotiation round {SLUG} --date 2026-02-04 --venue 'Abu Dhabi' --day 1")  # round 3
    sitlog.refuses(
        f"negotiation correct {SLUG} --round 3 --date 2026-02-05 --day 2 --reason 'wrong day'",
        "round: round 3 cannot take --date 2026-02-05 --day 2: that is round 2, the round of 2026-02-05 "
        "at Abu Dhabi (day 2); if they are one round, retract one (`sitlog negotiation retract "
        f'{SLUG} --round 3 --reason "..."`)')
    sitlog.refuses(
        f"negotiation correct {SLUG} --round 2 --date 2026-02-04 --day 1 --venue Geneva --reason 'x'",
        "round: round 2 cannot take --date 2026-02-04 --day 1: that is round 3, the round of 2026-02-04 "
        "at Abu Dhabi (day 1); if they are one round, retract one (`sitlog negotiation retract "
        f'{SLUG} --round 2 --reason "..."`)')
    shown = json.loads(sitlog.ok(f"negotiation show {SLUG} --format json"))
    assert [(r["number"], r["date"], r["day"]) for r in shown["rounds"]] == [
        (3, "2026-02-04", 1), (2, "2026-02-05", 2)]
    # its own date and day, or a free one, is fine
    sitlog.ok(f"negotiation correct {SLUG} --round 3 --date 2026-02-04 --day 1 --venue Riyadh "
              "--reason 'venue'")
    sitlog.ok(f"negotiation correct {SLUG} --round 3 --date 2026-02-03 --reason 'a day earlier'")


def test_a_day_number_for_a_round_recorded_without_one_is_refused_with_the_correction(sitlog):
    """A second source giving the day number of the one round recorded that date at that venue
    without one: not a second round (counted twice), nor a day slipped in unseen; the round takes
    its day by a correction, and the report, typed again, corroborates it."""
    sitlog.ok(OPEN)
    sitlog.ok(f"negotiation round {SLUG} --date 2026-02-04 --venue 'Abu Dhabi' --source Reuters")
    report = f"negotiation round {SLUG} --date 2026-02-04 --venue 'abu dhabi' --day 2 --source Ukrinform"
    sitlog.refuses(report, "day: the round of 2026-02-04 at Abu Dhabi is recorded without a day number "
                   "(round 2); if this report is of that round, give it its day first (`sitlog negotiation "
                   f'correct {SLUG} --round 2 --day 2 --reason "..."`), then record the report again: it '
                   "will corroborate it")
    sitlog.ok(f"negotiation correct {SLUG} --round 2 --day 2 --reason 'Ukrinform gives the day'")
    sitlog.ok(report)
    shown = json.loads(sitlog.ok(f"negotiation show {SLUG} --format json"))
    assert shown["round_count"] == 1
    assert [(r["number"], r["day"], [c["name"] for c in r["corroborated_by"]]) for r in shown["rounds"]] == [
        (2, 2, ["Ukrinform"])]
    # another venue that date is another round, with or without a day
    sitlog.ok(f"negotiation round {SLUG} --date 2026-02-04 --venue Geneva --day 1")
    assert json.loads(sitlog.ok(f"negotiation show {SLUG} --format json"))["round_count"] == 2
