"""Corroboration (issue 16, item 3), on both backends: the same agreement, completion or round
reported by a second source records that source as corroborating, shown in `show` and the digest;
the same report from the same source again is a no-op. And the "previous exchange" of an exchange
does not count one that was agreed and then cancelled."""

import time
from datetime import UTC, datetime

from tests.cli.test_negotiation import EARLIER, OPEN, ROUND
from tests.conftest import doc

AGREE = "exchange agree 2026-02-05 --total 314 --source 'Steve Witkoff'"
COMPLETE = ("exchange complete 2026-02-05 --date 2026-02-06 --released-by-ukraine 157 "
            "--released-by-russia 157 --source 'Coordination Headquarters'")


def names(sources) -> list[str]:
    return [s["name"] for s in sources]


def test_a_second_source_corroborates_the_agreement_and_the_completion(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok(COMPLETE)
    time.sleep(0.01)
    before = datetime.now(UTC).isoformat()
    time.sleep(0.01)
    assert sitlog.ok(AGREE.replace("Steve Witkoff", "Reuters") + " --source-url https://reuters.com/x") == (
        "2026-02-05\n")
    sitlog.ok(COMPLETE.replace("Coordination Headquarters", "Volodymyr Zelenskyy"))
    shown = doc(sitlog, "exchange show 2026-02-05")
    assert shown["agreed"]["corroborated_by"] == [{"name": "Reuters", "url": "https://reuters.com/x"}]
    assert names(shown["completed"]["corroborated_by"]) == ["Volodymyr Zelenskyy"]
    table = sitlog.ok("exchange show 2026-02-05")
    assert "Reuters" in table and "Volodymyr Zelenskyy" in table
    then = doc(sitlog, f"exchange show 2026-02-05 --known-at {before}")
    assert (then["agreed"]["corroborated_by"], then["completed"]["corroborated_by"]) == ([], [])
    digest = sitlog.ok("digest 2026-02-06 --format md")
    assert "source: Coordination Headquarters; corroborated by Volodymyr Zelenskyy" in digest
    assert names(doc(sitlog, "digest 2026-02-06")["exchanges"][0]["agreed"]["corroborated_by"]) == ["Reuters"]


def test_the_same_report_from_the_same_source_is_a_no_op(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok(AGREE.replace("Steve Witkoff", "Reuters"))
    sitlog.ok(COMPLETE)
    events = sitlog.events()
    for again in (AGREE, AGREE.replace("Steve Witkoff", "  reuters "), COMPLETE):
        ran = sitlog(again)
        assert ran.exit_code == 0 and ran.stderr.startswith("nothing recorded: ")
    assert sitlog.events() == events
    assert names(doc(sitlog, "exchange show 2026-02-05")["agreed"]["corroborated_by"]) == ["Reuters"]


def test_a_second_source_corroborates_a_round(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok(ROUND + " --source 'Rustem Umerov' --participant 'Steve Witkoff'")
    sitlog.ok(ROUND + " --source Axios")
    sitlog.ok(ROUND + " --source Axios --participant 'Jared Kushner'")  # adds him; Axios already counted
    [held] = doc(sitlog, "negotiation show us-brokered-talks")["rounds"]
    assert (held["source"]["name"], names(held["corroborated_by"])) == ("Rustem Umerov", ["Axios"])
    assert [p["name"] for p in held["participants"]] == ["Steve Witkoff", "Jared Kushner"]
    events = sitlog.events()
    ran = sitlog(ROUND + " --source 'rustem umerov'")
    assert ran.exit_code == 0 and ran.stderr.startswith("nothing recorded: ")
    assert sitlog.events() == events
    assert "Axios" in sitlog.ok("negotiation show us-brokered-talks")
    assert "source: Rustem Umerov; corroborated by Axios" in sitlog.ok("digest 2026-02-05 --format md")


def test_an_agreed_then_cancelled_exchange_is_not_the_previous_exchange(sitlog):
    for command in EARLIER:
        sitlog.ok(command)
    sitlog.ok("exchange agree 2026-01-10 --total 100")
    sitlog.ok("exchange cancel 2026-01-10 --date 2026-01-12 --reason 'Talks broke down'")
    sitlog.ok(AGREE)
    shown = doc(sitlog, "exchange show 2026-02-05")
    assert shown["previous_exchange"] == {
        "reference": "2025-08-29", "event": "completed", "date": "2025-09-02"}
    assert shown["since_previous"] == "first exchange in 5 months"
    listed = {x["reference"]: x for x in doc(sitlog, "exchange list")}
    assert listed["2026-02-05"]["previous_exchange"]["reference"] == "2025-08-29"
    assert doc(sitlog, "state --as-of 2026-02-05")["exchanges"]["last"]["reference"] == "2026-02-05"
    assert doc(sitlog, "state --as-of 2026-01-20")["exchanges"]["last"]["reference"] == "2025-08-29"


FULL_AGREEMENT = ("exchange agree 2026-02-05 --total 314 --released-by-ukraine 157 --released-by-russia 157 "
                  "--mediator 'United States' --source 'Steve Witkoff'")


def test_a_second_source_with_fewer_details_corroborates_and_overwrites_nothing(sitlog):
    sitlog.ok(FULL_AGREEMENT)
    sitlog.ok(COMPLETE)
    assert sitlog.ok("exchange agree 2026-02-05 --total 314 --source Reuters") == "2026-02-05\n"
    # the completion's sides imply its total: the total alone is the same completion, told with less
    sitlog.ok("exchange complete 2026-02-05 --date 2026-02-06 --total 314 --source 'Volodymyr Zelenskyy'")
    shown = doc(sitlog, "exchange show 2026-02-05")
    agreed, done = shown["agreed"], shown["completed"]
    assert (agreed["total"], agreed["released_by_ukraine"], agreed["mediator"]) == (314, 157, "United States")
    assert (agreed["source"]["name"], names(agreed["corroborated_by"])) == ("Steve Witkoff", ["Reuters"])
    assert (done["source"]["name"], names(done["corroborated_by"])) == (
        "Coordination Headquarters", ["Volodymyr Zelenskyy"])
    digest = sitlog.ok("digest 2026-02-06 --format md")
    assert "source: Coordination Headquarters; corroborated by Volodymyr Zelenskyy" in digest
    assert "corroborated by Reuters" in sitlog.ok("digest 2026-02-05 --format md")
    # the first source again with less: nothing new
    events = sitlog.events()
    ran = sitlog("exchange agree 2026-02-05 --released-by-russia 157 --source 'steve witkoff'")
    assert ran.exit_code == 0 and ran.stderr.startswith("nothing recorded: ")
    assert sitlog.events() == events


def test_a_second_source_with_other_figures_is_refused(sitlog):
    sitlog.ok(FULL_AGREEMENT)
    sitlog.ok(COMPLETE)
    sitlog.refuses(
        "exchange agree 2026-02-05 --total 300 --source Reuters",
        "exchange 2026-02-05 is already recorded as agreed (total 314, by Ukraine 157, by Russia 157; "
        "mediator United States; negotiation none); nothing is overwritten: to change it use `sitlog "
        'exchange correct 2026-02-05 --total 300 --reason "..."`, or record another exchange of the '
        "same day as DATE/LABEL")
    sitlog.refuses(
        "exchange complete 2026-02-05 --date 2026-02-06 --released-by-russia 150 --source Reuters",
        "exchange 2026-02-05 is already recorded as completed on 2026-02-06 (by Ukraine 157, by Russia "
        "157); nothing is overwritten: to change it use `sitlog exchange correct 2026-02-05 --completion "
        '--released-by-russia 150 --reason "..."`')
    assert doc(sitlog, "exchange show 2026-02-05")["agreed"]["corroborated_by"] == []


def test_a_source_that_gives_no_day_number_corroborates_the_round(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok(ROUND + " --source 'Rustem Umerov' "
              "--participant 'Steve Witkoff|US special envoy|United States'")
    sitlog.ok("negotiation round us-brokered-talks --date 2026-02-05 --venue 'abu dhabi' --source Axios "
              "--participant 'Steve Witkoff'")
    [held] = doc(sitlog, "negotiation show us-brokered-talks")["rounds"]
    assert (held["day"], held["source"]["name"], names(held["corroborated_by"])) == (
        2, "Rustem Umerov", ["Axios"])
    assert [(p["name"], p["role"]) for p in held["participants"]] == [("Steve Witkoff", "US special envoy")]
