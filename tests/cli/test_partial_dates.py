"""Dates at the precision a source gives (issue 16, item 5), on SQLite and PostgreSQL."""

import json

from tests.conftest import moment

ZELENSKYY = ["--source", "Volodymyr Zelenskyy"]
SERIES = "ukraine-military/killed"
RECORD = f"estimate record {SERIES} --value 5 --source X"


def _record(sitlog, *args: str) -> str:
    return sitlog.ok(["estimate", "record", "ukraine-military/killed", *args])


def _show(sitlog, *options: str) -> dict:
    return json.loads(sitlog.ok(["estimate", "show", SERIES, "--format", "json", *options]))


def test_early_2025_is_recorded_as_2025_02_and_shown_as_typed(sitlog):
    # "over 46,000 ... in early 2025", as the article says it
    _record(sitlog, "--value", "over 46,000", "--as-of", "2025-02", "--reported", "2025-02", *ZELENSKYY)
    [entry] = _show(sitlog)["latest"]
    assert (entry["as_of"], entry["as_of_precision"], entry["reported"], entry["reported_precision"]) == (
        "2025-02-28", "month", "2025-02-28", "month")
    assert (entry["text"], entry["wording"]) == (">46000", "over 46,000")
    table = sitlog.ok("estimate show ukraine-military/killed")
    assert "2025-02 " in table and "2025-02-28" not in table
    csv = sitlog.ok("estimate list --format csv").splitlines()
    assert csv[1] == 'ukraine-military/killed,Volodymyr Zelenskyy,2025-02,2025-02,"over 46,000",recorded,'


def test_a_partial_date_is_ordered_and_compared_by_its_last_day(sitlog):
    _record(sitlog, "--value", "40000", "--as-of", "2025-02-27", "--reported", "2025-03-01", *ZELENSKYY)
    _record(sitlog, "--value", "over 46,000", "--as-of", "2025-02", "--reported", "2025", *ZELENSKYY)
    [history] = _show(sitlog)["sources"]
    assert [(e["as_of"], e["as_of_precision"]) for e in history["estimates"]] == [
        ("2025-02-27", "day"), ("2025-02-28", "month")]
    assert [e["as_of"] for e in _show(sitlog, "--as-of", "2025-02-27")["latest"]] == ["2025-02-27"]
    assert [e["as_of"] for e in _show(sitlog, "--as-of", "2025-02-28")["latest"]] == ["2025-02-28"]
    assert _show(sitlog)["sources"][0]["estimates"][1]["reported_precision"] == "year"


def test_an_estimate_given_by_month_is_corrected_by_its_month(sitlog):
    _record(sitlog, "--value", "over 46,000", "--as-of", "2025-02", "--reported", "2025-02", *ZELENSKYY)
    sitlog.ok(["estimate", "correct", "ukraine-military/killed", *ZELENSKYY, "--as-of", "2025-02",
               "--value", "more than 45,000", "--reason", "misread"])
    [entry] = _show(sitlog)["latest"]
    assert (entry["wording"], entry["status"], entry["as_of_precision"]) == (
        "more than 45,000", "corrected", "month")


def test_dates_that_are_not_dates_are_refused(sitlog):
    expected = "(expected YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only a month or a year)"
    sitlog.refuses(f"{RECORD} --as-of 2025-13 --reported 2025", f"as-of: '2025-13' is not a date {expected}")
    sitlog.refuses(f"{RECORD} --as-of 2025 --reported 'early 2025'",
                   f"reported: 'early 2025' is not a date {expected}")
    sitlog.refuses(f"{RECORD} --as-of 2025 --reported 2025-06",
                   "as-of: 2025 is after the report date 2025-06 (an estimate cannot refer to a date after "
                   "it was reported)")


def test_a_log_entry_dated_by_month_or_year(sitlog):
    ref = sitlog.ok(["entry", "add", "--date", "2022-09", "--category", "military", "--source", "Reuters",
                     "--text", "Ukraine's counteroffensive retook Kharkiv region in September 2022"]).strip()
    same = sitlog(["entry", "add", "--date", "2022-09", "--category", "military", "--source", "reuters",
                   "--text", "Ukraine's counteroffensive retook Kharkiv region in September 2022"])
    assert same.exit_code == 0 and same.stdout.strip() == ref and "nothing recorded" in same.stderr
    entry = json.loads(sitlog.ok(["entry", "show", ref, "--format", "json"]))
    assert (entry["date"], entry["date_precision"]) == ("2022-09-30", "month")
    assert "2022-09 " in sitlog.ok(["entry", "list"]) or "2022-09│" in sitlog.ok(["entry", "list"])
    sitlog.ok(["entry", "correct", ref, "--date", "2022", "--reason", "the source gives only the year"])
    entry = json.loads(sitlog.ok(["entry", "show", ref, "--format", "json"]))
    assert (entry["date"], entry["date_precision"], entry["reference"]) == ("2022-12-31", "year", ref)
    assert entry["corrections"][0]["changes"][0]["before"] == "2022-09"
    sitlog.refuses(["entry", "add", "--date", "2022-09", "--time", "10:00", "--category", "military",
                    "--source", "Reuters", "--text", "x"],
                   "time: 10:00 needs a full date, not 2022-09 (give --date YYYY-MM-DD, or no --time)")


TALKS = "us-brokered-talks"


def _statements(sitlog, *options: str) -> list[dict]:
    return json.loads(sitlog.ok(["negotiation", "show", TALKS, "--format", "json", *options]))["statements"]


def _open_talks(sitlog) -> None:
    sitlog.ok(["negotiation", "open", TALKS, "--title", "US-brokered talks", "--date", "2025-01-10"])


def test_a_statement_dated_by_month_is_shown_as_typed_and_ordered_by_the_months_last_day(sitlog):
    _open_talks(sitlog)
    said = ["negotiation", "statement", TALKS, "--by", "Volodymyr Zelenskyy", "--summary", *ZELENSKYY]
    sitlog.ok([*said, "--date", "2025-02", "--text", "talks to start in early 2025"])
    sitlog.ok([*said, "--date", "2025-02-27", "--text", "no talks without Ukraine"])
    assert [(s["date"], s["date_precision"]) for s in _statements(sitlog)] == [
        ("2025-02-27", "day"), ("2025-02-28", "month")]
    assert [s["date"] for s in _statements(sitlog, "--as-of", "2025-02-27")] == ["2025-02-27"]
    table = sitlog.ok(["negotiation", "show", TALKS])
    assert "2025-02 " in table and "2025-02-28" not in table
    # the same statement, at the same precision, again: a no-op
    again = sitlog([*said, "--date", "2025-02", "--text", "talks to start in early 2025"])
    assert again.exit_code == 0 and "already recorded" in again.stderr
    assert len(_statements(sitlog)) == 2
    digest = sitlog.ok(["digest", "2025-02-28"])
    assert "dated 2025-02" in digest


def test_a_statements_date_is_corrected_to_a_year_and_the_month_stays_known(sitlog):
    _open_talks(sitlog)
    sitlog.ok(["negotiation", "statement", TALKS, "--date", "2025-02", "--by", "Volodymyr Zelenskyy",
               "--text", "we are ready", *ZELENSKYY])
    [number] = [s["number"] for s in _statements(sitlog)]
    before = moment()
    sitlog.ok(["negotiation", "correct", TALKS, "--statement", str(number), "--date", "2025",
               "--reason", "the source gives only the year"])
    [now] = _statements(sitlog)
    assert (now["date"], now["date_precision"]) == ("2025-12-31", "year")
    [then] = _statements(sitlog, "--known-at", before)
    assert (then["date"], then["date_precision"]) == ("2025-02-28", "month")
    shown = json.loads(sitlog.ok(["negotiation", "show", TALKS, "--history", "--format", "json"]))
    history = shown["history"]
    assert history[-1]["data"]["changes"] == [
        {"field": f"statement {number} made_on", "before": "2025-02", "after": "2025"}]


def test_partial_dates_that_a_negotiation_cannot_take_are_refused(sitlog):
    _open_talks(sitlog)
    sitlog.ok(["negotiation", "round", TALKS, "--date", "2025-02-05", "--venue", "Riyadh"])
    expected = "(expected YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only a month or a year)"
    sitlog.refuses(["negotiation", "statement", TALKS, "--date", "2025-13", "--by", "X", "--text", "y"],
                   f"date: '2025-13' is not a date {expected}")
    sitlog.refuses(["negotiation", "round", TALKS, "--date", "2025-02", "--venue", "Riyadh"],
                   "date: '2025-02' is not a date (expected YYYY-MM-DD)")
    sitlog.refuses(["negotiation", "correct", TALKS, "--round", "2", "--date", "2025-02", "--reason", "x"],
                   "date: '2025-02' is not a full date (a round is dated YYYY-MM-DD; only a statement may be "
                   "dated by a month or a year)")
