"""`sitlog negotiation correct|retract` as an operator types them, on both backends: every record of a
negotiation can be corrected or withdrawn with a reason, the history keeps it, and a read known
before the correction shows what the log said then."""


import pytest

from tests.cli.test_negotiation import OPEN, log_the_day, logged_day
from tests.conftest import doc, moment, store_of_its_own

SLUG = "us-brokered-talks"
# The numbers `negotiation show` gives the records of the day (the versions of their events).
ROUND, STATEMENT, AGREEMENT, NO_BREAKTHROUGH, ISSUE = 2, 3, 4, 5, 6


def test_show_numbers_every_record(request, sitlog):
    logged_day(request, sitlog)
    shown = doc(sitlog, f"negotiation show {SLUG}")
    assert [r["number"] for r in shown["rounds"]] == [ROUND]
    assert [s["number"] for s in shown["statements"]] == [STATEMENT]
    assert [o["number"] for o in shown["outcomes"]] == [AGREEMENT, NO_BREAKTHROUGH]
    assert [i["number"] for i in shown["issues"]] == [ISSUE]
    assert "number" in sitlog.ok(f"negotiation show {SLUG}")


def test_a_misquoted_statement_is_corrected_and_the_old_text_stays_known(request, sitlog):
    logged_day(request, sitlog)
    before = moment()
    sitlog.ok(f'negotiation correct {SLUG} --statement {STATEMENT} --text "detailed, productive" '
              '--by "Steven Witkoff" --reason "misquoted"')
    [statement] = doc(sitlog, f"negotiation show {SLUG}")["statements"]
    assert (statement["number"], statement["by"], statement["text"]) == (
        STATEMENT, "Steven Witkoff", "detailed, productive")
    [then] = doc(sitlog, f"negotiation show {SLUG} --known-at {before}")["statements"]
    assert (then["by"], then["text"]) == ("Steve Witkoff", "detailed and productive")
    history = doc(sitlog, f"negotiation show {SLUG} --history")["history"]
    assert history[-1]["event"] == "Negotiation.StatementCorrected"
    assert history[-1]["data"]["reason"] == "misquoted"
    assert history[-1]["data"]["changes"] == [
        {"field": "statement 3 by", "before": "Steve Witkoff", "after": "Steven Witkoff"},
        {"field": "statement 3 text", "before": "detailed and productive", "after": "detailed, productive"}]


def test_a_round_is_corrected_venue_day_and_participants(request, sitlog):
    logged_day(request, sitlog)
    before = moment()
    sitlog.ok(f'negotiation correct {SLUG} --round {ROUND} --venue "Abu Dhabi, UAE" --day 1 '
              '--participant "Jared Kushner|senior adviser|United States" '
              '--remove-participant "Alexus Grynkewich" '
              '--add-participant "Kirill Budanov|intelligence chief|Ukraine" '
              '--reason "the readout corrected the list"')
    shown = doc(sitlog, f"negotiation show {SLUG}")
    [round_] = shown["rounds"]
    assert (round_["number"], round_["venue"], round_["day"]) == (ROUND, "Abu Dhabi, UAE", 1)
    assert [(p["name"], p["role"], p["affiliation"]) for p in round_["participants"]] == [
        ("Steve Witkoff", "US special envoy", "United States"),
        ("Jared Kushner", "senior adviser", "United States"),
        ("Rustem Umerov", "Secretary of the National Security and Defense Council", "Ukraine"),
        ("Kirill Budanov", "intelligence chief", "Ukraine")]
    # who named a participant stays with them; one added by the correction takes the round's source
    assert {p["source"]["name"] for p in round_["participants"]} == {"Rustem Umerov"}
    [then] = doc(sitlog, f"negotiation show {SLUG} --known-at {before}")["rounds"]
    assert (then["venue"], then["day"], len(then["participants"])) == ("Abu Dhabi", 2, 4)
    assert "Alexus Grynkewich" in [p["name"] for p in then["participants"]]
    # a later source naming more people at the corrected round adds them to it
    sitlog.ok(f'negotiation round {SLUG} --date 2026-02-05 --venue "Abu Dhabi, UAE" --day 1 '
              '--participant "Daniel Driscoll|US Army Secretary|United States" --source Reuters')
    [round_] = doc(sitlog, f"negotiation show {SLUG}")["rounds"]
    assert round_["participants"][-1]["name"] == "Daniel Driscoll"
    assert [c["name"] for c in round_["corroborated_by"]] == ["Reuters"]


def test_the_negotiation_itself_an_outcome_and_an_issue_are_corrected(request, sitlog):
    logged_day(request, sitlog)
    sitlog.ok("exchange agree 2026-02-05/second --total 10")
    before = moment()
    sitlog.ok(f'negotiation correct {SLUG} --title "US-brokered talks" --mediator "" --party Ukraine '
              '--party Russia --party "United States" --reason "the US is a party, not a mediator"')
    sitlog.ok(f'negotiation correct {SLUG} --outcome {AGREEMENT} --kind other --text "Agreed to exchange" '
              '--exchange 2026-02-05/second --reason "wrong exchange"')
    sitlog.ok(f'negotiation correct {SLUG} --issue {ISSUE} --topic "Control of the Donbas" --by "" '
              '--reason "not said by him"')
    shown = doc(sitlog, f"negotiation show {SLUG}")
    assert (shown["title"], shown["mediator"], shown["parties"]) == (
        "US-brokered talks", None, ["Ukraine", "Russia", "United States"])
    outcome = shown["outcomes"][0]
    linked = outcome["exchange"]
    assert (outcome["kind"], outcome["text"], linked["reference"], linked["total"]) == (
        "other", "Agreed to exchange", "2026-02-05/second", 10)
    assert (shown["issues"][0]["topic"], shown["issues"][0]["by"]) == ("Control of the Donbas", None)
    then = doc(sitlog, f"negotiation show {SLUG} --known-at {before}")
    assert (then["title"], then["mediator"], then["outcomes"][0]["exchange"]["reference"]) == (
        "US-brokered Russia-Ukraine talks", "United States", "2026-02-05")
    assert [n["title"] for n in doc(sitlog, "negotiation list")] == ["US-brokered talks"]


def test_a_retracted_record_is_gone_but_stays_known_before(request, sitlog):
    logged_day(request, sitlog)
    before = moment()
    sitlog.ok(f'negotiation retract {SLUG} --outcome {NO_BREAKTHROUGH} --reason "said of another round"')
    sitlog.ok(f'negotiation retract {SLUG} --round {ROUND} --reason "held elsewhere"')
    shown = doc(sitlog, f"negotiation show {SLUG}")
    assert ([o["number"] for o in shown["outcomes"]], shown["rounds"], shown["round_count"]) == (
        [AGREEMENT], [], 0)
    then = doc(sitlog, f"negotiation show {SLUG} --known-at {before}")
    assert ([o["number"] for o in then["outcomes"]], len(then["rounds"][0]["participants"])) == (
        [AGREEMENT, NO_BREAKTHROUGH], 4)
    assert "participants: (none)" in sitlog.ok(f"negotiation show {SLUG}")


def test_show_lists_its_corrections_and_retractions_as_known(request, sitlog):
    """History is the product: `show` lists beside the records what was revised, when, by whom and
    why (as `attack show` and `entry show` do), and a read known before a revision does not."""
    logged_day(request, sitlog)
    assert doc(sitlog, f"negotiation show {SLUG}")["corrections"] == []
    sitlog.ok(f'negotiation correct {SLUG} --statement {STATEMENT} --text "detailed, productive" '
              '--reason "misquoted"')
    between = moment()
    sitlog.ok(f'negotiation retract {SLUG} --round {ROUND} --reason "held elsewhere"')
    changes = doc(sitlog, f"negotiation show {SLUG}")["corrections"]
    assert [(c["kind"], c["record"], c["reason"], c["operator"]) for c in changes] == [
        ("corrected", f"statement {STATEMENT}", "misquoted", "tester"),
        ("retracted", f"round {ROUND}", "held elsewhere", "tester")]
    assert changes[0]["changes"] == [{"field": f"statement {STATEMENT} text",
                                      "before": "detailed and productive", "after": "detailed, productive"}]
    assert changes[1]["changes"] == [] and changes[0]["recorded_at"] < changes[1]["recorded_at"]
    then = doc(sitlog, f"negotiation show {SLUG} --known-at {between}")["corrections"]
    assert [c["record"] for c in then] == [f"statement {STATEMENT}"]
    table = sitlog.ok(f"negotiation show {SLUG}")
    assert "corrections" in table and "held elsewhere" in table and "detailed, productive" in table


def test_the_digest_lists_the_corrections_of_the_day(request, sitlog):
    logged_day(request, sitlog)
    sitlog.ok(f'negotiation correct {SLUG} --statement {STATEMENT} --text "detailed, productive" '
              '--reason "misquoted"')
    sitlog.ok(f'negotiation retract {SLUG} --issue {ISSUE} --reason "raised elsewhere"')
    found = doc(sitlog, "digest")["corrections"]  # today's, in Kyiv
    assert [(c["kind"], c["record"], c["reference"], c["reason"]) for c in found] == [
        ("corrected", "negotiation", SLUG, "misquoted"),
        ("retracted", "negotiation", SLUG, "raised elsewhere")]
    assert found[0]["changes"] == [
        {"field": "statement 3 text", "before": "detailed and productive", "after": "detailed, productive"}]
    assert found[1]["withdrawn"] == ["issue 6"]
    # whose record it changed: the statement's source; the issue was recorded without one
    assert [c["source"] for c in found] == ["Steve Witkoff", None]
    digest = sitlog.ok("digest --format md")
    assert ("Steve Witkoff: statement 3 text detailed and productive → detailed, productive; by tester; "
            "why: misquoted") in digest


def test_a_correction_that_changes_nothing_records_nothing(request, sitlog):
    logged_day(request, sitlog)
    events = sitlog.events()
    ran = sitlog(f'negotiation correct {SLUG} --statement {STATEMENT} --text "detailed and productive" '
                 '--reason "check"')
    assert (ran.exit_code, ran.stdout) == (0, f"{SLUG}\n")
    assert ran.stderr == f"nothing recorded: statement {STATEMENT} already says so; nothing to correct\n"
    assert sitlog.events() == events


REFUSED = [
    (f'negotiation correct {SLUG} --statement 9 --text x --reason y',
     f"statement: negotiation {SLUG} holds no statement 9 (its records: round 2, statement 3, outcome 4, "
     f"outcome 5, issue 6; see `sitlog negotiation show {SLUG}`)"),
    (f'negotiation correct {SLUG} --statement {ROUND} --text x --reason y',
     f"statement: negotiation {SLUG} holds no statement 2 (its records: round 2, statement 3, outcome 4, "
     f"outcome 5, issue 6; see `sitlog negotiation show {SLUG}`)"),
    (f'negotiation correct {SLUG} --statement {STATEMENT} --venue Geneva --reason y',
     "--venue: a statement has no such field to correct (a statement takes --date, --by, --text, --kind)"),
    (f'negotiation correct {SLUG} --outcome {AGREEMENT} --kind maybe --reason y',
     "kind: 'maybe' is not a valid kind (Input should be 'agreement', 'no-breakthrough' or 'other')"),
    (f'negotiation correct {SLUG} --statement {STATEMENT} --reason y',
     "correct: nothing to correct (give the corrected values, e.g. --text ...)"),
    (f'negotiation correct {SLUG} --statement {STATEMENT} --issue {ISSUE} --text x --reason y',
     "record: --statement 3 and --issue 6 name two records; correct or retract one at a time"),
    (f'negotiation correct {SLUG} --statement {STATEMENT} --text x --reason " "',
     "reason: required (why is it corrected? --reason ...)"),
    (f'negotiation correct {SLUG} --round {ROUND} --remove-participant "Nobody" --reason y',
     "participant: 'Nobody' is not recorded in round of 2026-02-05 at Abu Dhabi (day 2)"),
    (f'negotiation correct {SLUG} --round {ROUND} --add-participant "Steve Witkoff" --reason y',
     "participant: 'Steve Witkoff' is already recorded in round of 2026-02-05 at Abu Dhabi (day 2)"),
    (f'negotiation correct {SLUG} --add-participant "Steve Witkoff" --reason y',
     "participant: participants belong to a round; name it with --round N"),
    (f'negotiation correct {SLUG} --outcome {AGREEMENT} --exchange 2026-03-01 --reason y',
     "exchange: 2026-03-01 not found; record it first with `sitlog exchange agree 2026-03-01`"),
    (f'negotiation correct {SLUG} --party Ukraine --party ukraine --reason y',
     "party: 'ukraine' is given twice"),
    (f'negotiation retract {SLUG} --reason y',
     "record: which? name it with --round N, --statement N, --outcome N, --issue N or --status-change N "
     "(its number in `sitlog negotiation show`)"),
    ("negotiation retract other-talks --issue 6 --reason y",
     "negotiation other-talks not found; open it first with `sitlog negotiation open other-talks`"),
]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def refusing_day(request, tmp_path_factory):
    """The day logged once per backend for the refusals, which write nothing (``refuses`` checks)."""
    with store_of_its_own(request, tmp_path_factory, request.param) as sitlog:
        log_the_day(sitlog)
        yield sitlog


@pytest.mark.parametrize(("command", "error"), REFUSED, ids=[r[1][:50] for r in REFUSED])
def test_every_refusal_is_one_line_and_writes_nothing(refusing_day, command, error):
    refusing_day.refuses(command, error)


def test_a_retracted_record_cannot_be_retracted_again(request, sitlog):
    logged_day(request, sitlog)
    sitlog.ok(f'negotiation retract {SLUG} --issue {ISSUE} --reason "raised elsewhere"')
    sitlog.refuses(f'negotiation retract {SLUG} --issue {ISSUE} --reason "again"',
                   f"issue: negotiation {SLUG} holds no issue 6 (its records: round 2, statement 3, "
                   f"outcome 4, outcome 5; see `sitlog negotiation show {SLUG}`)")


def test_help_has_an_example(sitlog):
    for command in ("correct", "retract"):
        assert "Example: sitlog negotiation" in sitlog.ok(f"negotiation {command} --help")


def _status(sitlog, *options: str) -> list[tuple]:
    shown = doc(sitlog, " ".join([f"negotiation show {SLUG}", *options]))
    return [(s["number"], s["date"], s["status"], s["reason"]) for s in shown["status_history"]]


def test_a_change_of_status_is_corrected_and_retracted_and_the_old_one_stays_known(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok(f"negotiation suspend {SLUG} --date 2026-03-01 --reason 'Delegation recaled'")
    sitlog.ok(f"negotiation resume {SLUG} --date 2026-03-15")
    assert _status(sitlog) == [(1, "2026-01-23", "open", None),
                               (2, "2026-03-01", "suspended", "Delegation recaled"),
                               (3, "2026-03-15", "open", None)]
    before = moment()
    sitlog.ok(f"negotiation correct {SLUG} --status-change 2 --date 2026-03-02 "
              "--status-reason 'Delegation recalled' --reason 'the recall was announced the next day'")
    assert _status(sitlog)[1] == (2, "2026-03-02", "suspended", "Delegation recalled")
    assert _status(sitlog, f"--known-at {before}")[1] == (2, "2026-03-01", "suspended", "Delegation recaled")
    assert doc(sitlog, f"negotiation show {SLUG} --as-of 2026-03-01")["status"] == "open"
    history = doc(sitlog, f"negotiation show {SLUG} --history")["history"]
    assert (history[-1]["event"], history[-1]["data"]["reason"]) == (
        "Negotiation.StatusCorrected", "the recall was announced the next day")
    assert history[-1]["data"]["changes"] == [
        {"field": "status change 2 date", "before": "2026-03-01", "after": "2026-03-02"},
        {"field": "status change 2 reason", "before": "Delegation recaled", "after": "Delegation recalled"}]
    # the suspension and the resumption were one mistaken report: withdrawn, the talks were open all along
    between = moment()
    sitlog.ok(f"negotiation retract {SLUG} --status-change 3 --reason 'the source confused two tracks'")
    sitlog.ok(f"negotiation retract {SLUG} --status-change 2 --reason 'the source confused two tracks'")
    assert _status(sitlog) == [(1, "2026-01-23", "open", None)]
    assert doc(sitlog, f"negotiation show {SLUG}")["status"] == "open"
    assert len(_status(sitlog, f"--known-at {between}")) == 3
    digest = sitlog.ok(f"digest --known-at {moment()}")
    assert "the source confused two tracks" in digest


def test_corrections_of_status_that_break_the_sequence_are_refused(sitlog):
    sitlog.ok(OPEN)
    sitlog.ok(f"negotiation suspend {SLUG} --date 2026-03-01 --reason 'Delegation recalled'")
    sitlog.ok(f"negotiation resume {SLUG} --date 2026-03-15")
    sitlog.ok(f"negotiation close {SLUG} --date 2026-06-30 --reason 'Settlement signed'")
    sitlog.refuses(f"negotiation retract {SLUG} --status-change 2 --reason x",
                   "status: the status change 3 (resumption of 2026-03-15) would not follow a suspension; "
                   "only a suspended negotiation resumes")
    sitlog.refuses(f"negotiation correct {SLUG} --status-change 3 --date 2026-07-01 --reason x",
                   "status: the status change 3 (resumption of 2026-07-01) would follow the conclusion; "
                   "nothing follows it")
    sitlog.refuses(f"negotiation correct {SLUG} --status-change 2 --date 2026-01-01 --reason x",
                   "date: the status change 2 (suspension of 2026-01-01) would be before the negotiation "
                   "opened on 2026-01-23")
    sitlog.refuses(f"negotiation correct {SLUG} --status-change 4 --status-reason '' --reason x",
                   "status-reason: required (why was it concluded?)")
    sitlog.refuses(f"negotiation correct {SLUG} --status-change 1 --date 2026-01-24 --reason x",
                   f"status-change: negotiation {SLUG} holds no status change 1 (its status changes: 2, 3, "
                   f"4; see the status section of `sitlog negotiation show {SLUG}`)")
    sitlog.refuses(f"negotiation correct {SLUG} --status-change 2 --date 2026-03 --reason x",
                   "date: '2026-03' is not a full date (a status change is dated YYYY-MM-DD)")
    sitlog.refuses(f"negotiation correct {SLUG} --status-reason 'y' --reason x",
                   "--status-reason: only a change of status states a reason; name it with --status-change N")
    # retracting the conclusion reopens the track
    sitlog.ok(f"negotiation retract {SLUG} --status-change 4 --reason 'the signing was postponed'")
    assert doc(sitlog, f"negotiation show {SLUG}")["status"] == "open"
    sitlog.ok(f"negotiation round {SLUG} --date 2026-07-02 --venue Geneva")
