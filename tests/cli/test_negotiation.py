"""`sitlog negotiation ...` as an operator types it, on both backends."""

import csv
import io
import json

import pytest

from tests.conftest import seeded

# The day of issue 4, exactly as an operator would type it (continuation lines joined).
DAY = """
sitlog negotiation open us-brokered-talks --title "US-brokered Russia-Ukraine talks" --mediator "United States" --party Ukraine --party Russia --date 2026-01-23
sitlog negotiation round us-brokered-talks --date 2026-02-05 --venue "Abu Dhabi" --day 2 --source "Rustem Umerov" \\
    --participant "Steve Witkoff|US special envoy|United States" --participant "Jared Kushner||United States" \\
    --participant "Rustem Umerov|Secretary of the National Security and Defense Council|Ukraine" \\
    --participant "Alexus Grynkewich|NATO Supreme Allied Commander Europe|NATO"
sitlog negotiation statement us-brokered-talks --date 2026-02-05 --by "Steve Witkoff" --text "detailed and productive" --source "Steve Witkoff"
sitlog exchange agree 2026-02-05 --total 314 --negotiation us-brokered-talks --mediator "United States" --source "Steve Witkoff"
sitlog negotiation outcome us-brokered-talks --date 2026-02-05 --kind agreement --text "Agreed to exchange 314 prisoners" --exchange 2026-02-05
sitlog negotiation outcome us-brokered-talks --date 2026-02-05 --kind no-breakthrough --text "No major breakthrough"
sitlog negotiation issue us-brokered-talks --date 2026-02-05 --topic "Future control of the Donbas" --by "Volodymyr Zelenskyy"
sitlog exchange complete 2026-02-05 --date 2026-02-06 --released-by-ukraine 157 --released-by-russia 157 --source "Coordination Headquarters"
"""  # noqa: E501
EARLIER = [
    "exchange agree 2025-08-29 --total 292 --source 'Coordination Headquarters'",
    "exchange complete 2025-08-29 --date 2025-09-02 --released-by-ukraine 146 --released-by-russia 146",
]
OPEN = ("negotiation open us-brokered-talks --title 'US-brokered Russia-Ukraine talks' "
        "--mediator 'United States' --party Ukraine --party Russia --date 2026-01-23")
CLOSE = "negotiation close us-brokered-talks --date 2026-03-01 --reason 'Settlement signed'"
ROUND = "negotiation round us-brokered-talks --date 2026-02-05 --venue 'Abu Dhabi' --day 2"


def day_commands() -> list[str]:
    lines = DAY.replace("\\\n", " ").strip().splitlines()
    return [line.removeprefix("sitlog ") for line in lines]


def log_the_day(sitlog) -> None:
    for command in [*EARLIER, *day_commands()]:
        sitlog.ok(command)


def logged_day(request, sitlog):
    """``sitlog``'s store holding the day (``log_the_day``), copied from a seed logged once."""
    return seeded(request, sitlog, "a day of talks", log_the_day)


def test_the_day_is_logged_with_the_commands_as_typed(sitlog):
    log_the_day(sitlog)
    talks = json.loads(sitlog.ok("negotiation show us-brokered-talks --format json"))
    assert (talks["title"], talks["mediator"], talks["parties"], talks["opened_on"]) == (
        "US-brokered Russia-Ukraine talks", "United States", ["Ukraine", "Russia"], "2026-01-23")
    assert (talks["status"], talks["round_count"], talks["last_round_on"]) == ("open", 1, "2026-02-05")
    [held] = talks["rounds"]
    assert (held["date"], held["venue"], held["day"], held["source"]["name"]) == (
        "2026-02-05", "Abu Dhabi", 2, "Rustem Umerov")
    assert [(p["name"], p["role"], p["affiliation"]) for p in held["participants"]] == [
        ("Steve Witkoff", "US special envoy", "United States"),
        ("Jared Kushner", None, "United States"),
        ("Rustem Umerov", "Secretary of the National Security and Defense Council", "Ukraine"),
        ("Alexus Grynkewich", "NATO Supreme Allied Commander Europe", "NATO"),
    ]
    [said] = talks["statements"]
    assert (said["by"], said["text"], said["kind"], said["source"]["name"]) == (
        "Steve Witkoff", "detailed and productive", "quote", "Steve Witkoff")
    assert [(o["kind"], o["text"], (o["exchange"] or {}).get("total")) for o in talks["outcomes"]] == [
        ("agreement", "Agreed to exchange 314 prisoners", 314),
        ("no-breakthrough", "No major breakthrough", None)]
    assert [(i["topic"], i["by"]) for i in talks["issues"]] == [
        ("Future control of the Donbas", "Volodymyr Zelenskyy")]

    swap = json.loads(sitlog.ok("exchange show 2026-02-05 --format json"))
    assert (swap["status"], swap["agreed"]["total"], swap["agreed"]["negotiation"]) == (
        "completed", 314, "us-brokered-talks")
    assert (swap["agreed"]["mediator"], swap["agreed"]["source"]["name"]) == (
        "United States", "Steve Witkoff")
    assert (swap["completed"]["date"], swap["completed"]["released_by_ukraine"],
            swap["completed"]["released_by_russia"], swap["completed"]["total"]) == (
        "2026-02-06", 157, 157, 314)
    assert swap["completed"]["source"]["name"] == "Coordination Headquarters"
    assert (swap["since_previous"], swap["days_since_previous"]) == ("first exchange in 5 months", 156)
    assert "first exchange in 5 months (156 days)" in sitlog.ok("exchange show 2026-02-05")


def test_the_show_tables_and_csv_carry_the_facts(request, sitlog):
    logged_day(request, sitlog)
    table = sitlog.ok("negotiation show us-brokered-talks")
    for fact in ("Jared Kushner", "US special envoy", "detailed and productive", "No major breakthrough",
                 "Future control of the Donbas", "last_round_on"):
        assert fact in table
    rows = list(csv.DictReader(io.StringIO(sitlog.ok("negotiation show us-brokered-talks --format csv"))))
    people = [(r["name"], r["role"]) for r in rows if r["section"] == "participants"]
    assert people[1:] == [("Jared Kushner", ""), ("Rustem Umerov",
                          "Secretary of the National Security and Defense Council"),
                          ("Alexus Grynkewich", "NATO Supreme Allied Commander Europe")]


def test_list_shows_status_and_last_round_as_of_a_date(request, sitlog):
    logged_day(request, sitlog)
    sitlog.ok(CLOSE)
    assert json.loads(sitlog.ok("negotiation list --status open --format json")) == []
    [then] = json.loads(sitlog.ok("negotiation list --status open --as-of 2026-02-05 --format json"))
    assert (then["slug"], then["round_count"], then["last_round_on"]) == (
        "us-brokered-talks", 1, "2026-02-05")
    lines = sitlog.ok("negotiation list --format csv").splitlines()
    assert lines[0].startswith("slug,title,mediator,parties,opened_on,status")
    assert "concluded" in lines[1]


def test_help_documents_the_participant_syntax_with_an_example(sitlog):
    out = sitlog.ok("negotiation round --help")
    assert "NAME|ROLE|AFFILIATION" in out and "Jared Kushner||United States" in out
    assert "Example:" in out


def test_a_repeated_round_is_a_no_op(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok(f"{ROUND} --participant 'Steve Witkoff|US special envoy|United States'")
    events = sitlog.events()
    ran = sitlog(f"{ROUND} --participant 'Steve Witkoff|US special envoy|United States'")
    assert ran.exit_code == 0
    assert ran.stderr == ("nothing recorded: the round of 2026-02-05 at Abu Dhabi (day 2) is already "
                          "recorded (no new participants)\n")
    assert sitlog.events() == events


def test_a_suspended_negotiation_warns_but_records(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok("negotiation suspend us-brokered-talks --date 2026-02-01 --reason 'Delegation recalled'")
    ran = sitlog(f"{ROUND}")
    assert ran.exit_code == 0
    assert ran.stderr == ("warning: negotiation us-brokered-talks is suspended since 2026-02-01 "
                          "(Delegation recalled)\n")
    sitlog.ok("negotiation resume us-brokered-talks --date 2026-02-20")
    assert json.loads(sitlog.ok("negotiation show us-brokered-talks --format json"))["status"] == "open"


RULES = [
    # (setup, command, error line)
    ([OPEN, CLOSE], ROUND,
     "negotiation us-brokered-talks was concluded on 2026-03-01 (Settlement signed); "
     "a concluded negotiation takes no new rounds"),
    ([OPEN, CLOSE], "negotiation statement us-brokered-talks --date 2026-03-02 --by X --text Y",
     "negotiation us-brokered-talks was concluded on 2026-03-01 (Settlement signed); "
     "a concluded negotiation takes no new statements"),
    ([OPEN, CLOSE], "negotiation outcome us-brokered-talks --date 2026-03-02 --kind other --text Y",
     "negotiation us-brokered-talks was concluded on 2026-03-01 (Settlement signed); "
     "a concluded negotiation takes no new outcomes"),
    ([OPEN, CLOSE], "negotiation issue us-brokered-talks --date 2026-03-02 --topic Donbas",
     "negotiation us-brokered-talks was concluded on 2026-03-01 (Settlement signed); "
     "a concluded negotiation takes no new issues"),
    ([OPEN], "negotiation round us-brokered-talks --date 2026-01-22 --venue 'Abu Dhabi'",
     "date: a round on 2026-01-22 is before the negotiation opened on 2026-01-23"),
    ([OPEN], f"{ROUND} --participant 'Steve Witkoff|envoy|US' --participant 'Steve  Witkoff'",
     "participant: 'Steve Witkoff' is listed twice in this round"),
    ([OPEN], f"{ROUND} --participant 'a|b|c|d'",
     "participant: 'a|b|c|d' has 4 parts (expected NAME|ROLE|AFFILIATION)"),
    ([OPEN], ROUND.replace("--day 2", "--day 0"),
     "day: 0 is not a day number (1 for the first day of a round, at most 366)"),
    ([OPEN, f"{ROUND} --participant 'Steve Witkoff|US special envoy|United States'"],
     f"{ROUND} --participant 'Steve Witkoff|envoy|United States'",
     "participant: 'Steve Witkoff' is already recorded in the round of 2026-02-05 at Abu Dhabi (day 2) "
     "as Steve Witkoff (US special envoy, United States)"),
    ([OPEN], OPEN.replace("United States", "Qatar"),
     "negotiation us-brokered-talks is already open (opened 2026-01-23: 'US-brokered Russia-Ukraine talks', "
     "mediator United States, parties Ukraine, Russia); it cannot be opened again with other details"),
    ([OPEN], "negotiation outcome us-brokered-talks --date 2026-02-05 --kind agreement --text x "
     "--exchange 2026-02-05",
     "exchange: 2026-02-05 not found; record it first with `sitlog exchange agree 2026-02-05`"),
    ([], "negotiation statement us-brokered-talks --date 2026-02-05 --by X --text Y",
     "negotiation us-brokered-talks not found; "
     "open it first with `sitlog negotiation open us-brokered-talks`"),
    ([OPEN], "negotiation resume us-brokered-talks --date 2026-02-05",
     "negotiation us-brokered-talks is not suspended; only a suspended one can resume"),
    ([OPEN], "negotiation open 'us talks' --title T --date 2026-01-23",
     "negotiation: 'us talks' is not a slug (lowercase words joined by hyphens, e.g. us-brokered-talks)"),
    ([OPEN], "negotiation round us-brokered-talks --date 2026-02-31 --venue X",
     "date: '2026-02-31' is not a date (expected YYYY-MM-DD)"),
    ([OPEN], "negotiation show us-brokered-talks --as-of 2026-01-01",
     "negotiation us-brokered-talks not found as of 2026-01-01"),
]


@pytest.mark.parametrize(("setup", "command", "error"), RULES, ids=[r[2][:50] for r in RULES])
def test_every_rule_is_one_line_exit_1_and_writes_nothing(sitlog, setup, command, error):
    for step in setup:
        sitlog.ok(step)
    sitlog.refuses(command, error)


def test_an_unknown_outcome_kind_is_a_usage_error(sitlog):
    sitlog.ok(OPEN)
    ran = sitlog("negotiation outcome us-brokered-talks --date 2026-02-05 --kind truce --text x")
    assert ran.exit_code == 2 and ran.stderr.startswith("error: Invalid value for '--kind'")
