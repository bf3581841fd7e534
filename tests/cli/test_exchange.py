"""`sitlog exchange ...` as an operator types it, on both backends."""

import csv
import io
import json

import pytest

from tests.cli.test_negotiation import EARLIER

AGREE = "exchange agree 2026-02-05 --total 314 --mediator 'United States' --source 'Steve Witkoff'"
CANCEL = "exchange cancel 2026-02-05 --date 2026-02-06 --reason 'Talks broke down'"


def test_show_says_first_exchange_in_five_months(sitlog):
    for command in [*EARLIER, AGREE]:
        sitlog.ok(command)
    table = sitlog.ok("exchange show 2026-02-05")
    assert "first exchange in 5 months (156 days)" in table
    assert "2025-08-29 (completed 2025-09-02)" in table


def test_a_completion_that_differs_shows_the_difference(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok("exchange complete 2026-02-05 --date 2026-02-06 --released-by-ukraine 157 "
              "--released-by-russia 150")
    doc = json.loads(sitlog.ok("exchange show 2026-02-05 --format json"))
    assert doc["difference"]["total"] == -7
    assert doc["difference"]["summary"] == "7 fewer released than agreed (307 released, 314 agreed)"
    assert "7 fewer released than agreed" in sitlog.ok("exchange show 2026-02-05")
    rows = list(csv.DictReader(io.StringIO(sitlog.ok("exchange show 2026-02-05 --format csv"))))
    [difference] = [r for r in rows if r["section"] == "numbers" and r["kind"] == "difference"]
    assert difference["total"] == "-7"


def test_postpone_then_complete_and_read_back_as_of(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok("exchange postpone 2026-02-05 --date 2026-02-06 --reason 'Lists not finalised'")
    sitlog.ok("exchange complete 2026-02-05 --date 2026-02-09 --total 314")
    then = json.loads(sitlog.ok("exchange show 2026-02-05 --as-of 2026-02-07 --format json"))
    assert (then["status"], then["postponements"][0]["reason"]) == ("postponed", "Lists not finalised")
    assert json.loads(sitlog.ok("exchange show 2026-02-05 --format json"))["status"] == "completed"
    history = json.loads(sitlog.ok("exchange show 2026-02-05 --history --format json"))["history"]
    assert [(h["event"], h["operator"]) for h in history] == [
        ("PrisonerExchange.Agreed", "tester"), ("PrisonerExchange.Postponed", "tester"),
        ("PrisonerExchange.Completed", "tester")]


def test_list_filters_and_formats(sitlog):
    for command in [*EARLIER, AGREE, "exchange agree 2026-02-05/second --total 10", CANCEL.replace(
            "2026-02-05", "2026-02-05/second", 1)]:
        sitlog.ok(command)
    rows = json.loads(sitlog.ok("exchange list --format json"))
    assert [(r["reference"], r["status"], r["days_since_previous"]) for r in rows] == [
        ("2025-08-29", "completed", None), ("2026-02-05", "agreed", 156),
        ("2026-02-05/second", "cancelled", 156)]
    out = sitlog.ok("exchange list --status agreed --format csv").splitlines()
    assert out[0].startswith("reference,status,agreed_on,agreed_total,completed_on,released_total")
    assert out[1].startswith("2026-02-05,agreed,2026-02-05,314,")
    assert len(out) == 2
    assert json.loads(sitlog.ok("exchange list --as-of 2025-08-31 --format json"))[0]["status"] == "agreed"


def test_a_repeated_agreement_is_a_no_op(sitlog):
    sitlog.ok(AGREE)
    events = sitlog.events()
    ran = sitlog(AGREE)
    assert (ran.exit_code, ran.stdout) == (0, "2026-02-05\n")
    assert ran.stderr == "nothing recorded: exchange 2026-02-05 is already recorded as agreed\n"
    assert sitlog.events() == events


def test_help_has_an_example(sitlog):
    for command in ("agree", "complete", "postpone", "cancel", "show", "list"):
        assert "Example: sitlog exchange" in sitlog.ok(f"exchange {command} --help")


RULES = [
    # (setup, command, error line)
    ([AGREE, CANCEL], "exchange complete 2026-02-05 --date 2026-02-07 --total 314",
     "exchange 2026-02-05 was cancelled on 2026-02-06 (Talks broke down); "
     "a cancelled exchange cannot be completed"),
    ([AGREE], "exchange complete 2026-02-05 --date 2026-02-04 --total 314",
     "date: 2026-02-04 is before the agreement on 2026-02-05"),
    ([], "exchange agree 2026-02-05 --total -5", "total: -5 is negative"),
    ([AGREE], "exchange complete 2026-02-05 --date 2026-02-06 --released-by-ukraine -1",
     "released-by-ukraine: -1 is negative"),
    ([], "exchange agree 2026-02-05 --total 314 --released-by-ukraine 150 --released-by-russia 157",
     "total: 314 is not released-by-ukraine 150 + released-by-russia 157 = 307"),
    ([AGREE], "exchange complete 2026-02-05 --date 2026-02-06 --total 300 --released-by-russia 301",
     "released-by-russia: 301 is more than the total 300"),
    ([], "exchange agree 2026-02-05 --mediator X",
     "numbers: none given (a total, or the numbers released by each side)"),
    ([AGREE], AGREE.replace("314", "300"),
     "exchange 2026-02-05 is already recorded as agreed (total 314; mediator United States; "
     "negotiation none); nothing is overwritten: to change it use `sitlog exchange correct 2026-02-05 "
     '--total 300 --reason "..."`, or record another exchange of the same day as DATE/LABEL'),
    ([AGREE, "exchange complete 2026-02-05 --date 2026-02-06 --total 314"],
     "exchange complete 2026-02-05 --date 2026-02-06 --total 310",
     "exchange 2026-02-05 is already recorded as completed on 2026-02-06 (total 314); nothing is "
     "overwritten: to change it use `sitlog exchange correct 2026-02-05 --completion --total 310 "
     '--reason "..."`'),
    ([AGREE, "exchange complete 2026-02-05 --date 2026-02-06 --total 314"], CANCEL,
     "exchange 2026-02-05 was completed on 2026-02-06; it cannot be cancelled"),
    ([AGREE, "exchange complete 2026-02-05 --date 2026-02-06 --total 314"],
     "exchange postpone 2026-02-05 --date 2026-02-07 --reason x",
     "exchange 2026-02-05 was completed on 2026-02-06; it cannot be postponed"),
    ([], "exchange complete 2026-02-05 --date 2026-02-06 --total 314",
     "exchange 2026-02-05 not found; record the agreement first with `sitlog exchange agree 2026-02-05`"),
    ([], "exchange agree 2026-02-05 --total 314 --negotiation us-brokered-talks",
     "negotiation: us-brokered-talks not found; "
     "open it first with `sitlog negotiation open us-brokered-talks`"),
    ([], "exchange agree 5-feb --total 314",
     "exchange: '5-feb' is not an exchange reference (expected DATE[/LABEL], e.g. 2026-02-05 or "
     "2026-02-05/second)"),
    ([AGREE], "exchange show 2026-02-05 --as-of 2026-02-04",
     "exchange 2026-02-05 not found as of 2026-02-04"),
    ([AGREE], "exchange show 2026-02-05 --known-at yesterday",
     "known-at: 'yesterday' is not an ISO 8601 timestamp (e.g. 2026-02-05T08:00+02:00)"),
]


@pytest.mark.parametrize(("setup", "command", "error"), RULES, ids=[r[2][:50] for r in RULES])
def test_every_rule_is_one_line_exit_1_and_writes_nothing(sitlog, setup, command, error):
    for step in setup:
        sitlog.ok(step)
    sitlog.refuses(command, error)
