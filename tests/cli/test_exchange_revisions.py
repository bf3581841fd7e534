"""`sitlog exchange correct|retract` as an operator types them, on both backends: the agreement, the
completion and the cancellation can be corrected or withdrawn with a reason, and a read known before
shows what the log said then."""


import pytest

from tests.cli.test_negotiation import OPEN
from tests.conftest import doc, moment

AGREE = "exchange agree 2026-02-05 --total 341 --mediator 'United States' --source 'Steve Witkoff'"
COMPLETE = ("exchange complete 2026-02-05 --date 2026-02-06 --released-by-ukraine 157 "
            "--released-by-russia 157 --source 'Coordination Headquarters'")
CANCEL = "exchange cancel 2026-02-05 --date 2026-02-07 --reason 'Talks broke down'"


def test_a_mistyped_total_is_corrected_and_the_old_one_stays_known(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok(AGREE)
    before = moment()
    assert sitlog.ok('exchange correct 2026-02-05 --total 314 --negotiation us-brokered-talks '
                     '--reason "341 was a typo"') == "2026-02-05\n"
    agreed = doc(sitlog, "exchange show 2026-02-05")["agreed"]
    assert (agreed["total"], agreed["negotiation"], agreed["mediator"]) == (314, "us-brokered-talks",
                                                                            "United States")
    assert doc(sitlog, f"exchange show 2026-02-05 --known-at {before}")["agreed"]["total"] == 341
    assert [x["reference"] for x in doc(sitlog, "negotiation show us-brokered-talks")["exchanges"]] == [
        "2026-02-05"]
    history = doc(sitlog, "exchange show 2026-02-05 --history")["history"]
    assert (history[-1]["event"], history[-1]["data"]["reason"]) == (
        "PrisonerExchange.AgreementCorrected", "341 was a typo")
    assert history[-1]["data"]["changes"] == [
        {"field": "agreement total", "before": "341", "after": "314"},
        {"field": "agreement negotiation", "before": None, "after": "us-brokered-talks"}]
    assert [x["agreed"]["total"] for x in doc(sitlog, "exchange list")] == [314]


def test_the_completion_is_corrected_then_retracted(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok(COMPLETE)
    before = moment()
    sitlog.ok("exchange correct 2026-02-05 --completion --date 2026-02-07 --released-by-russia 150 "
              "--released-by-ukraine 164 --reason 'the headquarters revised its numbers'")
    shown = doc(sitlog, "exchange show 2026-02-05")
    assert (shown["status_since"], shown["completed"]["released_by_russia"], shown["completed"]["total"]) == (
        "2026-02-07", 150, 314)
    assert doc(sitlog, f"exchange show 2026-02-05 --known-at {before}")["completed"]["date"] == "2026-02-06"
    before_retraction = moment()
    sitlog.ok("exchange retract 2026-02-05 --completion --reason 'it did not take place'")
    shown = doc(sitlog, "exchange show 2026-02-05")
    assert (shown["status"], shown["completed"]) == ("agreed", None)
    then = doc(sitlog, f"exchange show 2026-02-05 --known-at {before_retraction}")
    assert (then["status"], then["completed"]["date"]) == ("completed", "2026-02-07")
    # with its completion withdrawn, it can be completed again
    sitlog.ok(COMPLETE)
    assert doc(sitlog, "exchange show 2026-02-05")["status"] == "completed"


def test_show_lists_its_corrections_and_retractions_as_known(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok(COMPLETE)
    assert doc(sitlog, "exchange show 2026-02-05")["corrections"] == []
    sitlog.ok("exchange correct 2026-02-05 --total 314 --reason '341 was a typo'")
    between = moment()
    sitlog.ok("exchange retract 2026-02-05 --completion --reason 'it did not take place'")
    changes = doc(sitlog, "exchange show 2026-02-05")["corrections"]
    assert [(c["kind"], c["record"], c["reason"]) for c in changes] == [
        ("corrected", "agreement", "341 was a typo"), ("retracted", "completion", "it did not take place")]
    assert changes[0]["changes"] == [{"field": "agreement total", "before": "341", "after": "314"}]
    then = doc(sitlog, f"exchange show 2026-02-05 --known-at {between}")["corrections"]
    assert [c["record"] for c in then] == ["agreement"]
    sitlog.ok("exchange retract 2026-02-05 --reason 'a duplicate of another report'")
    shown = doc(sitlog, "exchange show 2026-02-05")  # a retracted exchange: its revisions, the last included
    assert [c["record"] for c in shown["corrections"]] == ["agreement", "completion", "exchange"]
    assert "a duplicate of another report" in sitlog.ok("exchange show 2026-02-05")


def test_the_cancellation_is_corrected_then_retracted(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok(CANCEL)
    sitlog.ok("exchange correct 2026-02-05 --cancellation --date 2026-02-08 "
              "--cancellation-reason 'Lists disputed' --reason 'misdated'")
    cancelled = doc(sitlog, "exchange show 2026-02-05")["cancelled"]
    assert (cancelled["date"], cancelled["reason"]) == ("2026-02-08", "Lists disputed")
    sitlog.ok("exchange retract 2026-02-05 --cancellation --reason 'the exchange went ahead'")
    shown = doc(sitlog, "exchange show 2026-02-05")
    assert (shown["status"], shown["cancelled"]) == ("agreed", None)


def test_a_whole_exchange_is_retracted(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok(COMPLETE)
    before = moment()
    sitlog.ok("exchange retract 2026-02-05 --reason 'recorded in error'")
    assert doc(sitlog, "exchange list") == []
    assert doc(sitlog, f"exchange list --known-at {before}")[0]["status"] == "completed"
    sitlog.refuses("exchange complete 2026-02-05 --date 2026-02-09 --total 1",
                   "exchange 2026-02-05 was retracted (recorded in error); a retracted exchange cannot be "
                   "completed")


def test_a_retracted_exchange_is_shown_as_retracted_with_its_history(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok(COMPLETE)
    before = moment()
    sitlog.ok("exchange retract 2026-02-05 --reason 'recorded in error'")
    shown = doc(sitlog, "exchange show 2026-02-05 --history")
    assert (shown["retracted"]["reason"], shown["retracted"]["operator"]) == ("recorded in error", "tester")
    # as it stood before the retraction
    assert (shown["status"], shown["agreed"]["total"], shown["completed"]["released_by_ukraine"]) == (
        "completed", 341, 157)
    assert [h["event"] for h in shown["history"]] == [
        "PrisonerExchange.Agreed", "PrisonerExchange.Completed", "PrisonerExchange.StepRetracted"]
    table = sitlog.ok("exchange show 2026-02-05")
    assert "retracted" in table and "recorded in error" in table
    assert doc(sitlog, f"exchange show 2026-02-05 --known-at {before}")["retracted"] is None
    sitlog.refuses("exchange show 2026-02-06", "exchange 2026-02-06 not found")


def test_the_digest_lists_the_exchange_corrections_of_the_day(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok("exchange correct 2026-02-05 --total 314 --reason '341 was a typo'")
    sitlog.ok(CANCEL)
    sitlog.ok("exchange retract 2026-02-05 --cancellation --reason 'it went ahead'")
    found = doc(sitlog, "digest")["corrections"]  # today's, in Kyiv
    assert [(c["kind"], c["record"], c["reference"], c["changes"], c["withdrawn"]) for c in found] == [
        ("corrected", "exchange", "2026-02-05",
         [{"field": "agreement total", "before": "341", "after": "314"}], []),
        ("retracted", "exchange", "2026-02-05", [], ["cancellation"])]
    # whose record it changed: the agreement's source; the cancellation was recorded without one
    assert [c["source"] for c in found] == ["Steve Witkoff", None]


def test_the_digest_names_the_source_of_the_step_corrected(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok(COMPLETE)
    sitlog.ok("exchange correct 2026-02-05 --completion --date 2026-02-07 --reason 'after midnight'")
    sitlog.ok("exchange retract 2026-02-05 --reason 'recorded in error'")
    found = doc(sitlog, "digest")["corrections"]
    assert [(c["kind"], c["source"], c["reason"]) for c in found] == [
        ("corrected", "Coordination Headquarters", "after midnight"),
        ("retracted", "Steve Witkoff", "recorded in error")]
    digest = sitlog.ok("digest --format md")
    assert ("Coordination Headquarters: completion date 2026-02-06 → 2026-02-07; by tester; "
            "why: after midnight") in digest
    assert "Steve Witkoff: withdrew exchange; by tester; why: recorded in error" in digest


def test_a_correction_that_changes_nothing_records_nothing(sitlog):
    sitlog.ok(AGREE)
    events = sitlog.events()
    ran = sitlog("exchange correct 2026-02-05 --total 341 --reason 'check'")
    assert (ran.exit_code, ran.stdout) == (0, "2026-02-05\n")
    assert ran.stderr == "nothing recorded: exchange 2026-02-05: already says so; nothing to correct\n"
    assert sitlog.events() == events


REFUSED = [
    ([AGREE], "exchange correct 2026-02-05 --completion --total 300 --reason y",
     "completion: exchange 2026-02-05 has no completion recorded"),
    ([AGREE], "exchange retract 2026-02-05 --cancellation --reason y",
     "cancellation: exchange 2026-02-05 has no cancellation recorded"),
    ([AGREE], "exchange correct 2026-02-05 --released-by-ukraine 400 --reason y",
     "released-by-ukraine: 400 is more than the total 341"),
    ([AGREE], "exchange correct 2026-02-05 --date 2026-02-09 --reason y",
     "--date: the agreement has no such field to correct"),
    ([AGREE, COMPLETE], "exchange correct 2026-02-05 --completion --mediator x --reason y",
     "--mediator: the completion has no such field to correct"),
    ([AGREE, COMPLETE], "exchange correct 2026-02-05 --completion --date 2026-02-01 --reason y",
     "date: 2026-02-01 is before the agreement on 2026-02-05"),
    ([AGREE], "exchange correct 2026-02-05 --reason y",
     "correct: nothing to correct (give the corrected values, e.g. --total 314)"),
    ([AGREE], "exchange correct 2026-02-05 --total 314 --reason ' '",
     "reason: required (why is it corrected? --reason ...)"),
    ([AGREE], "exchange correct 2026-02-05 --negotiation nowhere --reason y",
     "negotiation: nowhere not found; open it first with `sitlog negotiation open nowhere`"),
    ([AGREE, CANCEL], "exchange retract 2026-02-05 --completion --cancellation --reason y",
     "step: --completion and --cancellation name two steps; one at a time"),
    ([AGREE, CANCEL],
     "exchange correct 2026-02-05 --postponement 2026-02-07 --cancellation-reason x --reason y",
     "--cancellation-reason: a cancellation's stated reason; name the cancellation with --cancellation"),
    ([AGREE, CANCEL], "exchange correct 2026-02-05 --postponement-reason x --reason y",
     "--postponement-reason: a postponement's stated reason; name the postponement with --postponement DATE"),
    ([], "exchange correct 2026-03-01 --total 3 --reason y",
     "exchange 2026-03-01 not found; record the agreement first with `sitlog exchange agree 2026-03-01`"),
]


@pytest.mark.parametrize(("setup", "command", "error"), REFUSED, ids=[r[2][:50] for r in REFUSED])
def test_every_refusal_is_one_line_and_writes_nothing(sitlog, setup, command, error):
    for step in setup:
        sitlog.ok(step)
    sitlog.refuses(command, error)


def test_help_has_an_example(sitlog):
    for command in ("correct", "retract"):
        assert "Example: sitlog exchange" in sitlog.ok(f"exchange {command} --help")




def test_a_postponement_is_corrected_and_retracted_by_its_date(sitlog):
    sitlog.ok(AGREE)
    sitlog.ok("exchange postpone 2026-02-05 --date 2026-02-06 --reason 'Lists not finalized' "
              "--source Reuters")
    sitlog.ok("exchange postpone 2026-02-05 --date 2026-02-08 --reason 'Logistics'")
    before = moment()
    sitlog.ok("exchange correct 2026-02-05 --postponement 2026-02-06 --date 2026-02-07 "
              "--postponement-reason 'Lists not finalised' --reason 'the announcement came a day later'")
    shown = doc(sitlog, "exchange show 2026-02-05")
    assert [(p["date"], p["reason"]) for p in shown["postponements"]] == [
        ("2026-02-07", "Lists not finalised"), ("2026-02-08", "Logistics")]
    then = doc(sitlog, f"exchange show 2026-02-05 --known-at {before}")
    assert [p["date"] for p in then["postponements"]] == ["2026-02-06", "2026-02-08"]
    history = doc(sitlog, "exchange show 2026-02-05 --history")["history"]
    assert (history[-1]["event"], history[-1]["data"]["changes"]) == ("PrisonerExchange.StepCorrected", [
        {"field": "postponement date", "before": "2026-02-06", "after": "2026-02-07"},
        {"field": "postponement reason", "before": "Lists not finalized", "after": "Lists not finalised"}])
    sitlog.ok("exchange retract 2026-02-05 --postponement 2026-02-08 --reason 'reported of another exchange'")
    shown = doc(sitlog, "exchange show 2026-02-05")
    assert ([p["date"] for p in shown["postponements"]], shown["status"]) == (["2026-02-07"], "postponed")
    sitlog.refuses("exchange retract 2026-02-05 --postponement 2026-02-08 --reason x",
                   "postponement: exchange 2026-02-05 has no postponement on 2026-02-08 (its postponements: "
                   "2026-02-07)")
    sitlog.refuses("exchange correct 2026-02-05 --postponement 2026-02-07 --total 300 --reason x",
                   "--total: the postponement has no such field to correct")
    sitlog.refuses("exchange correct 2026-02-05 --postponement 2026-02-07 --cancellation --date 2026-02-09 "
                   "--reason x", "step: --cancellation and --postponement name two steps; one at a time")
