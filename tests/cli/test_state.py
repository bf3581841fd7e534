"""sitlog state: valid time (--as-of) and record time (--known-at), checked by hand."""

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import NamedTuple

import pytest

from tests.conftest import Sitlog, store_of_its_own

UAF = "Ukrainian Air Force"
MOD = "Russian Ministry of Defence"


def _now(sitlog) -> str:
    time.sleep(0.01)  # record times must fall strictly between the steps
    moment = datetime.now(UTC).isoformat()
    time.sleep(0.01)
    return moment


def _window(weapons=None, casualties=None):
    return {"weapons": weapons or {}, "casualties": casualties}


def _w(launched=None, destroyed=None):
    return {"launched": launched, "destroyed": destroyed, "suppressed": None, "hit": None}


class History(NamedTuple):
    sitlog: Sitlog
    moments: dict[str, str]  # "before anything", "after the reports", "after the correction"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def logged_history(request, tmp_path_factory) -> Iterator[History]:
    """Reports over several days, then a correction and a retraction, then a new estimate: logged
    once per backend for the tests that only read them (``history``)."""
    with store_of_its_own(request, tmp_path_factory, request.param) as sitlog:
        yield History(sitlog, _log_history(sitlog))


@pytest.fixture
def history(logged_history: History) -> Iterator[History]:
    events = logged_history.sitlog.events()
    yield logged_history
    assert logged_history.sitlog.events() == events, "a test of the shared history wrote to its log"


def _log_history(sitlog: Sitlog) -> dict[str, str]:
    moments = {"before anything": _now(sitlog)}
    for command in (
        f'attack record --date 2026-01-20 --attacker russia --source "{UAF}" '
        "--launched shahed=100 --destroyed shahed=80",
        f'attack record --date 2026-01-31 --attacker russia --source "{UAF}" '
        "--launched shahed=150 --destroyed shahed=120 --launched kh-101=10 --destroyed kh-101=8",
        f'attack record --date 2026-02-01 --attacker russia --source "{UAF}" '
        "--launched shahed=90 --destroyed shahed=85",
        f'attack record --date 2026-01-31 --attacker ukraine --source "{MOD}" --destroyed drone=40',
        'attack casualties 2026-01-31/russia --place Kyiv --injured 2 --source "Mayor of Kyiv"',
        'estimate record ukraine-military/killed --value ">46000" --as-of 2025-02-16 '
        '--reported 2025-02-16 --source "Volodymyr Zelenskyy"',
    ):
        sitlog.ok(command)
    moments["after the reports"] = _now(sitlog)
    sitlog.ok(f'attack correct 2026-01-31/russia --source "{UAF}" --launched shahed=160 --reason "revised"')
    sitlog.ok(f'attack retract 2026-01-31/ukraine --source "{MOD}" --reason "claim withdrawn"')
    moments["after the correction"] = _now(sitlog)
    sitlog.ok(
        'estimate record ukraine-military/killed --value "~55000" --as-of 2026-02-04 '
        '--reported 2026-02-04 --source "Volodymyr Zelenskyy"'
    )
    return moments


def _state(sitlog, *options: str) -> dict:
    return json.loads(sitlog.ok(["state", *options, "--format", "json"]))


def _zelenskyy(figure_text):
    return [("ukraine-military/killed", "Volodymyr Zelenskyy", figure_text)]


def _estimates(doc):
    return [(e["series"], e["source"], e["text"]) for e in doc["estimates"]]


def test_as_of_the_31st_as_known_before_the_correction(history):
    sitlog, moments = history
    doc = _state(sitlog, "--as-of", "2026-01-31", "--known-at", moments["after the reports"])
    night = _window({"attack-drone": _w(150, 120), "cruise-missile": _w(10, 8)})
    month = _window({"attack-drone": _w(250, 200), "cruise-missile": _w(10, 8)})
    kyiv = {"killed": None, "injured": 2}
    mod = _window({"drone": _w(None, 40)})
    assert doc["attacks"] == [
        {"attacker": "russia", "source": "Mayor of Kyiv", "last_night": _window(casualties=kyiv),
         "last_7_days": _window(casualties=kyiv), "last_30_days": _window(casualties=kyiv),
         "all_time": _window(casualties=kyiv)},
        {"attacker": "russia", "source": UAF, "last_night": night, "last_7_days": night,
         "last_30_days": month, "all_time": month},
        {"attacker": "ukraine", "source": MOD, "last_night": mod, "last_7_days": mod,
         "last_30_days": mod, "all_time": mod},
    ]
    assert _estimates(doc) == _zelenskyy(">46000")


def test_as_of_the_31st_as_known_after_the_correction_and_retraction(history):
    sitlog, moments = history
    doc = _state(sitlog, "--as-of", "2026-01-31", "--known-at", moments["after the correction"])
    night = _window({"attack-drone": _w(160, 120), "cruise-missile": _w(10, 8)})
    month = _window({"attack-drone": _w(260, 200), "cruise-missile": _w(10, 8)})
    assert [(a["attacker"], a["source"]) for a in doc["attacks"]] == [
        ("russia", "Mayor of Kyiv"), ("russia", UAF),
    ]  # the Ministry's retracted claim is gone
    uaf = doc["attacks"][1]
    assert (uaf["last_night"], uaf["last_7_days"], uaf["last_30_days"], uaf["all_time"]) == (
        night, night, month, month,
    )


def test_as_of_the_1st_as_known_now(history):
    sitlog = history.sitlog
    doc = _state(sitlog, "--as-of", "2026-02-01")
    uaf = next(a for a in doc["attacks"] if a["source"] == UAF)
    assert uaf["last_night"] == _window({"attack-drone": _w(90, 85)})
    week = _window({"attack-drone": _w(250, 205), "cruise-missile": _w(10, 8)})
    assert uaf["last_7_days"] == week
    total = _window({"attack-drone": _w(350, 285), "cruise-missile": _w(10, 8)})
    assert (uaf["last_30_days"], uaf["all_time"]) == (total, total)
    # Zelenskyy's ~55,000 refers to 4 February: not yet true on the 1st.
    assert _estimates(doc) == _zelenskyy(">46000")
    assert _estimates(_state(sitlog, "--as-of", "2026-02-04")) == _zelenskyy("~55000")


def test_known_at_before_anything_is_an_empty_state(history):
    sitlog, moments = history
    doc = _state(sitlog, "--as-of", "2026-02-05", "--known-at", moments["before anything"])
    assert doc == {
        "as_of": "2026-02-05",
        "known_at": doc["known_at"],
        "published_by": None,
        "attacks": [],
        "estimates": [],
        "negotiations": [],
        "exchanges": {
            "last": None, "days_since_last": None, "pending": [], "last_30_days": [],
            "counts": {"agreed": 0, "postponed": 0, "completed": 0, "cancelled": 0},
        },
        "entries": {"diplomacy": 0, "military": 0, "humanitarian": 0, "political": 0, "other": 0, "total": 0},
    }
    assert doc["known_at"].endswith("Z")


def test_diplomacy_in_the_state(sitlog):
    sitlog.ok('negotiation open talks --title "Talks" --mediator "United States" --party Ukraine '
              "--party Russia --date 2026-01-23")
    sitlog.ok('negotiation round talks --date 2026-02-05 --venue "Abu Dhabi" --day 2 '
              '--source "Rustem Umerov"')
    sitlog.ok('exchange agree 2025-08-29 --total 200 --source "Coordination Headquarters"')
    sitlog.ok('exchange complete 2025-08-29 --date 2025-09-02 --released-by-ukraine 100 '
              '--released-by-russia 100 --source "Coordination Headquarters"')
    sitlog.ok('exchange agree 2026-02-05 --total 314 --negotiation talks --source "Steve Witkoff"')
    doc = _state(sitlog, "--as-of", "2026-02-05")
    [talks] = doc["negotiations"]
    assert (talks["slug"], talks["status"], talks["round_count"], talks["last_round_on"]) == (
        "talks", "open", 1, "2026-02-05",
    )
    exchanges = doc["exchanges"]
    assert exchanges["last"] == {"date": "2026-02-05", "reference": "2026-02-05", "event": "agreed"}
    assert exchanges["days_since_last"] == 0
    assert [x["reference"] for x in exchanges["pending"]] == ["2026-02-05"]
    assert [x["reference"] for x in exchanges["last_30_days"]] == ["2026-02-05"]
    assert exchanges["counts"] == {"agreed": 1, "postponed": 0, "completed": 1, "cancelled": 0}
    before = _state(sitlog, "--as-of", "2026-02-01")["exchanges"]
    assert before["last"] == {"date": "2025-09-02", "reference": "2025-08-29", "event": "completed"}
    assert before["days_since_last"] == 152
    assert (before["pending"], before["last_30_days"]) == ([], [])
    assert before["counts"] == {"agreed": 0, "postponed": 0, "completed": 1, "cancelled": 0}
    on_completion = _state(sitlog, "--as-of", "2025-09-02")["exchanges"]
    assert [x["reference"] for x in on_completion["last_30_days"]] == ["2025-08-29"]
    assert _state(sitlog, "--as-of", "2026-01-22")["negotiations"] == []
    sitlog.ok('negotiation close talks --date 2026-02-10 --reason "agreement signed"')
    assert [n["slug"] for n in _state(sitlog, "--as-of", "2026-02-09")["negotiations"]] == ["talks"]
    assert _state(sitlog, "--as-of", "2026-02-10")["negotiations"] == []


def test_state_table_and_csv_render(history):
    sitlog = history.sitlog
    table = sitlog.ok("state --as-of 2026-01-31")
    assert UAF in table and "attack-drone" in table
    rows = sitlog.ok("state --as-of 2026-01-31 --format csv").splitlines()
    assert rows[0].startswith("section,")
    assert any(r.startswith(f"attacks,russia,{UAF},last_night,attack-drone") for r in rows)


def test_bad_time_travel_input_is_one_line(sitlog):
    ran = sitlog("state --known-at yesterday")
    assert (ran.exit_code, ran.stderr) == (
        1, "error: known-at: 'yesterday' is not an ISO 8601 timestamp (e.g. 2026-02-05T08:00+02:00)\n"
    )
    ran = sitlog("state --as-of 2026-13-01")
    assert (ran.exit_code, ran.stderr) == (
        1, "error: as-of: '2026-13-01' is not a date (expected YYYY-MM-DD)\n"
    )


def test_all_time_adds_up_years_months_and_days(sitlog):
    for day, launched in (("2024-06-01", 40), ("2025-12-15", 30), ("2026-01-02", 20), ("2026-01-31", 10)):
        sitlog.ok(f'attack record --date {day} --attacker russia --source "{UAF}" '
                  f"--launched shahed={launched}")
    [uaf] = _state(sitlog, "--as-of", "2026-01-31")["attacks"]
    assert [uaf[w]["weapons"]["attack-drone"]["launched"] for w in
            ("last_night", "last_7_days", "last_30_days", "all_time")] == [10, 10, 30, 100]
    [uaf] = _state(sitlog, "--as-of", "2025-12-31")["attacks"]
    assert uaf["last_night"] is None
    assert uaf["last_30_days"]["weapons"]["attack-drone"]["launched"] == 30
    assert uaf["all_time"]["weapons"]["attack-drone"]["launched"] == 70



def _diplomacy(doc: dict) -> tuple:
    """The state's figures of negotiations and exchanges, compactly: the exchanges by status (agreed,
    postponed, completed, cancelled), the last one, those pending and those of the last 30 days (each
    reference, status and date), and each open negotiation's rounds, meeting days and last round."""
    x = doc["exchanges"]
    last = x["last"] and f"{x['last']['reference']} {x['last']['event']} {x['last']['date']}"
    return (
        tuple(x["counts"][s] for s in ("agreed", "postponed", "completed", "cancelled")),
        last, x["days_since_last"],
        [f"{p['reference']} {p['status']} {p['status_since']}" for p in x["pending"]],
        [f"{p['reference']} {p['status']} {p['status_since']}" for p in x["last_30_days"]],
        [(n["slug"], n["status"], n["round_count"], n["meeting_days"], n["last_round_on"])
         for n in doc["negotiations"]],
    )


def test_diplomacy_counts_follow_revisions_as_of_and_known_at_and_a_rebuild(sitlog):
    """The rounds and the exchanges by status as of a date and as known at a moment, through
    postponements, corrections, retractions and changes of status; a rebuild gives the same."""
    src = '--source "Coordination Headquarters"'
    for command in (
        'negotiation open talks --title "Talks" --party Ukraine --party Russia --date 2026-01-23',
        'negotiation open track --title "Track" --party Ukraine --party Russia --date 2025-11-01',
        # talks' rounds 2 to 6 (a record's number is its event's version; the opening is 1)
        'negotiation round talks --date 2026-02-04 --venue "Abu Dhabi" --day 1',
        'negotiation round talks --date 2026-02-05 --venue "Abu Dhabi" --day 2',
        'negotiation round talks --date 2026-01-28 --venue Geneva',
        'negotiation round talks --date 2026-01-30 --venue Istanbul --day 1',
        'negotiation round talks --date 2026-01-31 --venue Istanbul --day 2',
        'negotiation round track --date 2025-11-20 --venue Riyadh',
        'negotiation round track --date 2025-12-20 --venue Riyadh',
        f"exchange agree 2025-08-29 --total 200 {src}",
        f"exchange complete 2025-08-29 --date 2025-09-02 --released-by-ukraine 100 "
        f"--released-by-russia 100 {src}",
        f"exchange agree 2025-12-01 --total 50 {src}",
        f"exchange agree 2026-01-10 --total 80 {src}",
        'exchange postpone 2026-01-10 --date 2026-01-15 --reason "lists"',
        'exchange postpone 2026-01-10 --date 2026-01-25 --reason "lists again"',
        f"exchange complete 2026-01-10 --date 2026-02-03 --total 80 {src}",
        f"exchange agree 2026-01-20 --total 30 {src}",
        'exchange cancel 2026-01-20 --date 2026-01-28 --reason "talks broke down"',
        f"exchange agree 2026-02-01 --total 20 {src}",
        'exchange cancel 2026-02-01 --date 2026-02-02 --reason "no lists"',
        f"exchange agree 2026-02-05 --total 314 --negotiation talks {src}",
        'negotiation suspend track --date 2026-01-05 --reason "recalled"',
    ):
        sitlog.ok(command)
    before = _now(sitlog)
    for command in (
        # The second day of the Abu Dhabi round moved: a round of its own, from 9 February.
        'negotiation correct talks --round 3 --date 2026-02-10 --reason "misdated"',
        'negotiation retract talks --round 4 --reason "never held"',
        # The Istanbul round now begins on its second day.
        'negotiation retract talks --round 5 --reason "not that day"',
        'negotiation close track --date 2026-01-31 --reason "merged"',
        'exchange correct 2025-08-29 --completion --date 2025-09-03 --reason "misdated"',
        'exchange retract 2026-01-10 --completion --reason "not yet"',
        'exchange correct 2026-01-10 --postponement 2026-01-25 --date 2026-01-26 --reason "misdated"',
        'exchange retract 2026-01-20 --cancellation --reason "went ahead"',
        'exchange correct 2026-02-01 --cancellation --date 2026-02-06 --reason "misdated"',
        'exchange retract 2026-02-05 --reason "never agreed"',
    ):
        sitlog.ok(command)
    asked = [(day, moment) for day in ("2026-02-10", "2026-02-06", "2026-02-05", "2026-01-31", "2026-01-30",
                                       "2026-01-26", "2025-09-02", "2025-09-03")
             for moment in (None, before)]

    def figures() -> list[tuple]:
        return [_diplomacy(_state(sitlog, "--as-of", day, *(("--known-at", moment) if moment else ())))
                for day, moment in asked]

    now, then = "now", "before the revisions"
    pending_now = ["2025-12-01 agreed 2025-12-01", "2026-01-10 postponed 2026-01-26",
                   "2026-01-20 agreed 2026-01-20"]
    recent_now = ["2026-01-10 postponed 2026-01-26", "2026-01-20 agreed 2026-01-20"]
    pending_then = ["2025-12-01 agreed 2025-12-01", "2026-02-05 agreed 2026-02-05"]
    recent_then = ["2026-01-10 completed 2026-02-03", "2026-01-20 cancelled 2026-01-28",
                   "2026-02-01 cancelled 2026-02-02", "2026-02-05 agreed 2026-02-05"]
    track = ("track", "suspended", 2, 2, "2025-12-20")
    cancelled_now = "2026-02-01 cancelled 2026-02-06"
    talks_now = ("talks", "open", 2, 2, "2026-02-04")
    talks_then = ("talks", "open", 3, 5, "2026-02-05")
    expected = {
        ("2026-02-10", now): ((2, 1, 1, 1), "2026-01-20 agreed 2026-01-20", 21, pending_now,
                              [*recent_now, cancelled_now], [("talks", "open", 3, 3, "2026-02-10")]),
        ("2026-02-10", then): ((2, 0, 2, 2), "2026-02-05 agreed 2026-02-05", 5, pending_then, recent_then,
                               [track, talks_then]),
        ("2026-02-06", now): ((2, 1, 1, 1), "2026-01-20 agreed 2026-01-20", 17, pending_now,
                              [*recent_now, cancelled_now], [talks_now]),
        ("2026-02-06", then): ((2, 0, 2, 2), "2026-02-05 agreed 2026-02-05", 1, pending_then, recent_then,
                               [track, talks_then]),
        ("2026-02-05", now): ((3, 1, 1, 0), "2026-01-20 agreed 2026-01-20", 16,
                              [*pending_now, "2026-02-01 agreed 2026-02-01"],
                              [*recent_now, "2026-02-01 agreed 2026-02-01"], [talks_now]),
        ("2026-02-05", then): ((2, 0, 2, 2), "2026-02-05 agreed 2026-02-05", 0, pending_then, recent_then,
                               [track, talks_then]),
        ("2026-01-31", now): ((2, 1, 1, 0), "2026-01-20 agreed 2026-01-20", 11, pending_now, recent_now,
                              [("talks", "open", 1, 1, "2026-01-31")]),
        ("2026-01-31", then): ((1, 1, 1, 1), "2026-01-10 agreed 2026-01-10", 21,
                               ["2025-12-01 agreed 2025-12-01", "2026-01-10 postponed 2026-01-25"],
                               ["2026-01-10 postponed 2026-01-25", "2026-01-20 cancelled 2026-01-28"],
                               [track, ("talks", "open", 2, 3, "2026-01-31")]),
        ("2026-01-30", now): ((2, 1, 1, 0), "2026-01-20 agreed 2026-01-20", 10, pending_now, recent_now,
                              [track, ("talks", "open", 0, 0, None)]),
        ("2026-01-30", then): ((1, 1, 1, 1), "2026-01-10 agreed 2026-01-10", 20,
                               ["2025-12-01 agreed 2025-12-01", "2026-01-10 postponed 2026-01-25"],
                               ["2026-01-10 postponed 2026-01-25", "2026-01-20 cancelled 2026-01-28"],
                               [track, ("talks", "open", 2, 2, "2026-01-30")]),
        ("2026-01-26", now): ((2, 1, 1, 0), "2026-01-20 agreed 2026-01-20", 6, pending_now, recent_now,
                              [track, ("talks", "open", 0, 0, None)]),
        ("2026-01-26", then): ((2, 1, 1, 0), "2026-01-10 agreed 2026-01-10", 16,
                               ["2025-12-01 agreed 2025-12-01", "2026-01-10 postponed 2026-01-25",
                                "2026-01-20 agreed 2026-01-20"],
                               ["2026-01-10 postponed 2026-01-25", "2026-01-20 agreed 2026-01-20"],
                               [track, ("talks", "open", 0, 0, None)]),
        ("2025-09-02", now): ((1, 0, 0, 0), "2025-08-29 agreed 2025-08-29", 4,
                              ["2025-08-29 agreed 2025-08-29"], ["2025-08-29 agreed 2025-08-29"], []),
        ("2025-09-02", then): ((0, 0, 1, 0), "2025-08-29 completed 2025-09-02", 0, [],
                               ["2025-08-29 completed 2025-09-02"], []),
        ("2025-09-03", now): ((0, 0, 1, 0), "2025-08-29 completed 2025-09-03", 0, [],
                              ["2025-08-29 completed 2025-09-03"], []),
        ("2025-09-03", then): ((0, 0, 1, 0), "2025-08-29 completed 2025-09-02", 1, [],
                               ["2025-08-29 completed 2025-09-02"], []),
    }
    assert figures() == [expected[day, then if moment else now] for day, moment in asked]
    sitlog.ok("projections rebuild")
    assert figures() == [expected[day, then if moment else now] for day, moment in asked]
