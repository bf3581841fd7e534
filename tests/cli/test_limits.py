"""Every count and every date has limits that the read side can hold.

A value the log accepted but a projection could not store or compute with (an INTEGER column
overflowing, a date whose day before does not exist) would stop the read side for good: every
later command would fail on that event. So the limits are domain rules, refused before anything
is written, and the limits themselves must travel through every projection and query on both
backends.
"""

import json
import random
from datetime import date

import pytest

from tests.conftest import Sitlog

HUGE = 10**23
TOO_LARGE = f"{HUGE} is more than 1,000,000,000, the largest count sitlog records"
ATTACK = "2026-02-05/russia"
SERIES = "ukraine-military/killed"


def _with_an_attack_and_talks(sitlog: Sitlog) -> Sitlog:
    sitlog.ok('attack record --date 2026-02-05 --attacker russia --source "Ukrainian Air Force" '
              "--launched shahed=5")
    sitlog.ok('negotiation open talks --title "Talks" --date 2026-01-23')
    return sitlog


@pytest.mark.parametrize(("command", "error"), [
    (f'attack record --date 2026-02-06 --attacker russia --source X --launched shahed={HUGE}',
     f"launched shahed: {TOO_LARGE}"),
    (f'attack record --date 2026-02-06 --attacker russia --source X --destroyed drone=1..{HUGE}',
     f"destroyed drone: {TOO_LARGE}"),
    (f'attack casualties {ATTACK} --place Kyiv --injured {HUGE} --source "Mayor of Kyiv"',
     f"injured: {TOO_LARGE}"),
    (f'attack correct {ATTACK} --source "Ukrainian Air Force" --launched shahed={HUGE} --reason typo',
     f"launched shahed: {TOO_LARGE}"),
    (f"exchange agree 2026-02-05 --total {HUGE}", f"total: {TOO_LARGE}"),
    (f"exchange agree 2026-02-05 --released-by-russia {HUGE}", f"released-by-russia: {TOO_LARGE}"),
    (f'estimate record {SERIES} --value "~{HUGE}" --as-of 2026-02-04 --reported 2026-02-04 --source Z',
     f"value: {TOO_LARGE}"),
    (f'negotiation round talks --date 2026-02-05 --venue "Abu Dhabi" --day {HUGE} --participant "A||US"',
     f"day: {HUGE} is not a day number (1 for the first day of a round, at most 366)"),
])
def test_a_count_above_the_ceiling_is_refused_and_nothing_is_written(sitlog, command, error):
    _with_an_attack_and_talks(sitlog).refuses(command, error)
    # The read side is not stuck: the next command goes through and is seen.
    sitlog.ok("attack record --date 2026-02-07 --attacker russia --source X --launched shahed=1")
    assert _lags(sitlog) == {0}


def test_the_ceiling_goes_through_every_projection(sitlog):
    top = "1000000000"
    _with_an_attack_and_talks(sitlog)
    sitlog.ok(f'attack record --date 2026-02-06 --attacker russia --source X --launched shahed={top} '
              f'--destroyed shahed=0..{top}..{top}')
    sitlog.ok(f"attack casualties 2026-02-06/russia --place Kyiv --injured {top} --killed {top} "
              "--source X")
    sitlog.ok(f'attack record --date 2026-02-07 --attacker russia --source X --launched shahed={top}')
    sitlog.ok(f"exchange agree 2026-02-05 --released-by-ukraine {top} --released-by-russia {top}")
    sitlog.ok(f"estimate record {SERIES} --value 0..{top} --as-of 2026-02-04 --reported 2026-02-04 "
              "--source Z")
    sitlog.ok('negotiation round talks --date 2026-02-05 --venue "Abu Dhabi" --day 366 '
              '--participant "A||US"')

    def show(*args: str) -> dict:
        return json.loads(sitlog.ok([*args, "--format", "json"]))

    [source] = show("attack", "show", "2026-02-06/russia")["sources"]
    [figures] = source["figures"]
    assert (figures["launched"]["point"], figures["destroyed"]["point"]) == (10**9, 10**9)
    [casualties] = source["casualties"]
    assert (casualties["killed"]["point"], casualties["injured"]["point"]) == (10**9, 10**9)
    # Two nights of one source: their sums pass 2**31 and stay exact (the summaries are BIGINT).
    state = show("state", "--as-of", "2026-02-07")
    [x] = [a for a in state["attacks"] if a["source"] == "X"]
    periods = ("last_night", "last_7_days", "last_30_days", "all_time")
    launched = [x[period]["weapons"]["attack-drone"]["launched"] for period in periods]
    assert launched == [10**9, 2 * 10**9, 2 * 10**9, 2 * 10**9]
    assert show("exchange", "show", "2026-02-05")["agreed"]["total"] == 2 * 10**9
    assert show("estimate", "show", SERIES)["latest"][0]["figure"]["high"] == 10**9
    assert show("negotiation", "show", "talks")["rounds"][0]["day"] == 366


OUTSIDE = "is outside the dates sitlog records (1900-01-01 to 2999-12-31)"


@pytest.mark.parametrize(("command", "error"), [
    ("attack record --date 1899-12-31 --attacker russia --source X --launched shahed=5",
     f"date: '1899-12-31' {OUTSIDE}"),
    ("attack record --end 0001-01-01T00:30 --attacker russia --source X --launched shahed=5",
     f"end: '0001-01-01T00:30' {OUTSIDE}"),
    ("attack record --date 2026-02-06 --attacker russia --source X --launched shahed=5 "
     "--reported-at 0001-01-01T00:00+14:00", f"reported-at: '0001-01-01T00:00+14:00' {OUTSIDE}"),
    (f"estimate record {SERIES} --value 5 --as-of 0001-01-01 --reported 2026-02-04 --source Z",
     f"as-of: '0001-01-01' {OUTSIDE}"),
    (f"estimate record {SERIES} --change +5% --period 2025 --baseline 1899..2024 --reported 2026-02-04 "
     "--source Z", f"baseline: '1899..2024' {OUTSIDE}"),
    ("exchange agree 0001-01-01 --total 5", f"exchange: '0001-01-01' {OUTSIDE}"),
    ('negotiation round talks --date 3000-01-01 --venue Geneva --participant "A||US"',
     f"date: '3000-01-01' {OUTSIDE}"),
])
def test_a_date_outside_the_range_is_refused_and_nothing_is_written(sitlog, command, error):
    _with_an_attack_and_talks(sitlog).refuses(command, error)
    sitlog.ok("attack record --date 2026-02-07 --attacker russia --source X --launched shahed=1")
    assert _lags(sitlog) == {0}


@pytest.mark.parametrize("command", ["state --as-of 0001-01-01", "state --known-at 9999-12-31",
                                     "attack list --as-of 1899-12-31"])
def test_a_query_outside_the_range_is_refused(sitlog, command):
    ran = sitlog(command)
    assert (ran.exit_code, ran.stdout) == (1, "")
    assert ran.stderr.startswith("error: ") and ran.stderr.endswith(f"{OUTSIDE}\n")


def test_the_first_and_last_dates_go_through_every_projection_and_query(sitlog):
    sitlog.ok("attack record --date 1900-01-01 --attacker russia --source X --launched shahed=5 "
              "--start 1900-01-01T00:30 --end 1900-01-01T04:00")
    sitlog.ok("negotiation open talks --title Talks --date 1900-01-01")
    sitlog.ok("negotiation round talks --date 2999-12-31 --venue Geneva --participant 'A||US'")
    sitlog.ok("exchange agree 1900-01-01 --total 5")
    sitlog.ok("exchange agree 2999-12-31 --total 7")
    sitlog.ok(f"estimate record {SERIES} --value 5 --as-of 1900-01-01 --reported 1900-01-01 --source Z")
    sitlog.ok(f"estimate record {SERIES} --change +5% --period 2999 --baseline 1900 --reported 2999-12-31 "
              "--source Z")
    sitlog.ok("entry add --date 1900-01-01 --time 00:00 --category other --source Z --text first")
    sitlog.ok("entry add --date 2999-12-31 --time 23:59 --category other --source Z --text last")

    def read(command: str) -> dict:
        return json.loads(sitlog.ok(f"{command} --format json"))

    first, last = read("state --as-of 1900-01-01"), read("state --as-of 2999-12-31")
    [x] = first["attacks"]
    assert x["last_night"]["weapons"]["attack-drone"]["launched"] == 5
    assert last["attacks"][0]["all_time"]["weapons"]["attack-drone"]["launched"] == 5
    assert [e["reference"] for e in read("exchange list --as-of 2999-12-31")] == ["1900-01-01", "2999-12-31"]
    days = (date(2999, 12, 31) - date(1900, 1, 1)).days
    assert read("exchange show 2999-12-31")["days_since_previous"] == days
    assert read("negotiation show talks --as-of 2999-12-31")["last_round_on"] == "2999-12-31"
    assert read(f"estimate show {SERIES} --as-of 2999-12-31")["latest"][0]["text"] == "+5% (2999 vs 1900)"
    assert read("state --known-at 2999-12-31T23:59-12:00")["as_of"] is not None
    assert (first["entries"]["other"], last["entries"]["other"]) == (1, 2)
    assert [e["text"] for e in read("entry list --from 1900-01-01 --to 2999-12-31")] == ["first", "last"]


def _random_text(length: int, seed: int) -> str:
    """Random lower-case Cyrillic and CJK letters: 2 or 3 bytes each, nothing PostgreSQL can compress."""
    rng = random.Random(seed)
    alphabet = [chr(c) for c in (*range(0x0430, 0x0450), *range(0x4E00, 0x4F00))]
    return "".join(rng.choice(alphabet) for _ in range(length))


NAME, LONG_NAME = _random_text(200, 1), _random_text(201, 2)
TEXT, LONG_TEXT = _random_text(10_000, 3), _random_text(10_001, 4)


def _longer(field: str, value: str, kind: str, limit: str) -> str:
    return (f"{field}: {value[:30]!r}... is {len(value):,} characters long; "
            f"sitlog records a {kind} of at most {limit}")


@pytest.mark.parametrize(("command", "error"), [
    (["attack", "record", "--date", "2026-02-06", "--attacker", "russia", "--source", LONG_NAME,
      "--launched", "shahed=5"], _longer("source", LONG_NAME, "name", "200")),
    (["attack", "record", "--date", "2026-02-06", "--attacker", "russia", "--source", "X",
      "--launched", f"{LONG_NAME}=5"], _longer("weapon", LONG_NAME, "name", "200")),
    (["attack", "casualties", ATTACK, "--place", LONG_NAME, "--injured", "2", "--source", "X"],
     _longer("place", LONG_NAME, "name", "200")),
    (["attack", "record", "--date", "2026-02-06", "--attacker", "russia", "--source", "X",
      "--launched", "shahed=5", "--note", LONG_TEXT], _longer("note", LONG_TEXT, "text", "10,000")),
    (["negotiation", "round", "talks", "--date", "2026-02-05", "--venue", LONG_NAME,
      "--participant", "A||US"], _longer("venue", LONG_NAME, "name", "200")),
])
def test_a_text_longer_than_its_field_allows_is_refused_and_nothing_is_written(sitlog, command, error):
    _with_an_attack_and_talks(sitlog).refuses(command, error)


def test_the_longest_names_and_texts_go_through_every_projection(sitlog):
    """On PostgreSQL a name becomes an index key, which may not pass about 2,700 bytes."""
    attacker, source, weapon, place = (_random_text(200, seed) for seed in (10, 11, 12, 13))
    sitlog.ok(["attack", "record", "--date", "2026-02-06", "--attacker", attacker, "--source", source,
               "--launched", f"{weapon}=5", "--note", TEXT])
    ref = f"2026-02-06/{attacker}"
    sitlog.ok(["attack", "casualties", ref, "--place", place, "--injured", "2", "--source", source])
    rng = random.Random(14)
    series = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(199))
    series = f"{series[:99]}/{series[99:]}"  # a series key is a lower-case slug: 200 characters in all
    sitlog.ok(["estimate", "record", series, "--value", "5", "--as-of", "2026-02-04", "--reported",
               "2026-02-04", "--source", source, "--statement", TEXT])
    sitlog.ok(["negotiation", "open", "talks", "--title", TEXT, "--date", "2026-01-23", "--party", NAME])
    sitlog.ok(["negotiation", "round", "talks", "--date", "2026-02-05", "--venue", NAME,
               "--participant", f"{NAME}|{NAME}|{NAME}"])
    reference = sitlog.ok(["entry", "add", "--date", "2026-02-05", "--category", "other", "--source", source,
                           "--place", place, "--text", TEXT]).strip()

    attack = json.loads(sitlog.ok(["attack", "show", ref, "--format", "json"]))
    [claim] = attack["sources"]
    assert (claim["source"], claim["notes"][0]["text"], claim["casualties"][0]["place"]) == (
        source, TEXT, place)
    state = json.loads(sitlog.ok("state --as-of 2026-02-06 --format json"))
    assert [(a["attacker"], a["source"]) for a in state["attacks"]] == [(attacker, source)]
    estimate = json.loads(sitlog.ok(["estimate", "show", series, "--format", "json"]))
    assert estimate["latest"][0]["statement"] == TEXT
    assert json.loads(sitlog.ok("negotiation show talks --format json"))["rounds"][0]["venue"] == NAME
    entry = json.loads(sitlog.ok(["entry", "show", reference, "--format", "json"]))
    assert (entry["source"]["name"], entry["places"], entry["text"]) == (source, [place], TEXT)


def _lags(sitlog: Sitlog) -> set[int]:
    return {row["lag"] for row in json.loads(sitlog.ok("projections status --format json"))["projections"]}
