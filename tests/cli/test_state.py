"""sitlog state: valid time (--as-of) and record time (--known-at), checked by hand."""

import json
import time
from datetime import UTC, datetime

import pytest

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


@pytest.fixture
def history(sitlog):
    """Reports over several days, then a correction and a retraction, then a new estimate."""
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


def test_as_of_the_31st_as_known_before_the_correction(sitlog, history):
    doc = _state(sitlog, "--as-of", "2026-01-31", "--known-at", history["after the reports"])
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


def test_as_of_the_31st_as_known_after_the_correction_and_retraction(sitlog, history):
    doc = _state(sitlog, "--as-of", "2026-01-31", "--known-at", history["after the correction"])
    night = _window({"attack-drone": _w(160, 120), "cruise-missile": _w(10, 8)})
    month = _window({"attack-drone": _w(260, 200), "cruise-missile": _w(10, 8)})
    assert [(a["attacker"], a["source"]) for a in doc["attacks"]] == [
        ("russia", "Mayor of Kyiv"), ("russia", UAF),
    ]  # the Ministry's retracted claim is gone
    uaf = doc["attacks"][1]
    assert (uaf["last_night"], uaf["last_7_days"], uaf["last_30_days"], uaf["all_time"]) == (
        night, night, month, month,
    )


def test_as_of_the_1st_as_known_now(sitlog, history):
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


def test_known_at_before_anything_is_an_empty_state(sitlog, history):
    doc = _state(sitlog, "--as-of", "2026-02-05", "--known-at", history["before anything"])
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


def test_state_table_and_csv_render(sitlog, history):
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
