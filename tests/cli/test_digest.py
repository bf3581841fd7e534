"""``sitlog digest``: the morning of 5 February 2026 logged as a desk logs it, then its digest in
Markdown and JSON, with every fact and its source; a correction recorded that morning; the digest
as the log knew it before the correction; and the same digest again, byte for byte, with
``--known-at`` (on both backends)."""

import json

from sitlog.adapters.config import parse_store_url
from sitlog.adapters.store import open_store

from tests.conftest import Sitlog
from tests.digest_morning import (
    CORRECTION,
    DAY,
    EARLIER,
    HRW,
    MORNING,
    TUSK,
    add_entries,
    correct_entry,
    log_the_morning,
)


def _digest(sitlog: Sitlog, *args: str) -> dict:
    return json.loads(sitlog.ok(["digest", DAY, "--format", "json", *args]))


def _source(report: dict, name: str) -> dict:
    return next(s for s in report["sources"] if s["source"]["name"] == name)


def test_the_json_digest_holds_every_fact_of_the_morning_with_its_source(shared_morning):
    digest = _digest(shared_morning)
    russia, ukraine = digest["attacks"]
    assert (russia["reference"], ukraine["reference"]) == (f"{DAY}/russia", f"{DAY}/ukraine")
    air_force = _source(russia, "Ukrainian Air Force")
    shahed, iskander = air_force["weapons"]
    assert (shahed["weapon"], shahed["launched"]["value"], shahed["destroyed"]["value"],
            shahed["still_attacking"]["value"]) == ("Shahed-136/131", 180, 156, 7)
    assert (iskander["weapon"], iskander["category"], iskander["launched"]["value"],
            iskander["destroyed"]["value"]) == ("Iskander-M", "ballistic-missile", 2, 0)
    assert [(c["category"], c["launched"], c["destroyed"]) for c in air_force["categories"]] == [
        ("attack-drone", 180, 156), ("ballistic-missile", 2, 0)]
    assert _source(russia, "Mayor of Kyiv")["casualties"][0]["place"] == "Kyiv"
    assert _source(russia, "Mayor of Kyiv")["casualties"][0]["injured"]["value"] == 2
    moscow = _source(ukraine, "Russian Ministry of Defence")
    assert moscow["regions"] == ["Azov Sea", "Crimea"]
    assert (moscow["weapons"][0]["destroyed"]["value"], moscow["weapons"][0]["launched"]) == (95, None)

    [talks] = digest["diplomacy"]["negotiations"]
    [round_] = talks["rounds"]
    assert (round_["venue"], round_["day"], round_["source"]["name"]) == ("Abu Dhabi", 2, "Reuters")
    assert ("Steve Witkoff", "US special envoy") in [(p["name"], p["role"]) for p in round_["participants"]]
    [said] = talks["statements"]
    assert (said["text"], said["by"], said["source"]["name"]) == ("detailed and productive", "Steve Witkoff",
                                                                   "Steve Witkoff")
    assert [(o["kind"], o["text"], o["source"]["name"]) for o in talks["outcomes"]] == [
        ("agreement", "Agreed to exchange 314 prisoners", "Reuters"),
        ("no-breakthrough", "No major breakthrough", "Reuters")]
    assert talks["outcomes"][0]["exchange"]["total"] == 314
    [issue] = talks["issues"]
    assert (issue["topic"], issue["by"], issue["source"]["name"]) == (
        "Future control of the Donbas", "Volodymyr Zelenskyy", "Reuters")

    [tusk] = digest["diplomacy"]["entries"]
    assert (tusk["text"], tusk["time"], tusk["category"], tusk["places"], tusk["source"]["name"],
            tusk["status"]) == (TUSK, "10:30", "diplomacy", ["Kyiv"], "Reuters", "corrected")
    [hrw] = digest["entries"]
    assert (hrw["text"], hrw["category"], hrw["source"]) == (
        HRW, "humanitarian", {"name": "Human Rights Watch", "url": "https://www.hrw.org/"})

    [swap] = digest["exchanges"]
    assert (swap["reference"], swap["event"], swap["agreed"]["total"], swap["agreed"]["source"]["name"]) == (
        DAY, "agreed", 314, "Steve Witkoff")
    # The cancelled exchange of December was never carried out: the previous one is September's.
    assert swap["previous_completion"] == {"reference": "2025-08-29", "completed_on": "2025-09-02"}
    assert (swap["months_since_previous"], swap["days_since_previous"]) == (5, 156)
    assert swap["since_previous"] == "first exchange in 5 months (156 days)"

    killed, relative = sorted(digest["estimates"], key=lambda e: e["estimate"]["series"], reverse=True)
    assert (killed["estimate"]["source"], killed["estimate"]["figure"]["value"],
            killed["estimate"]["figure"]["qualifier"]) == ("Volodymyr Zelenskyy", 55000, "about")
    assert (killed["previous"]["text"], killed["since_previous"]["difference"],
            killed["since_previous"]["percent"]) == (">46000", 9000, 19.6)
    assert [(o["source"], o["text"]) for o in killed["others"]] == [("CSIS", "<=140000")]
    assert (relative["estimate"]["source"], relative["estimate"]["change"]["percent"]) == (
        "Human Rights Watch", 31)

    [russian_trend, ukrainian_trend] = digest["trends"]
    assert (russian_trend["source"], russian_trend["chosen_because"]) == ("Ukrainian Air Force", "preferred")
    week = russian_trend["last_7_days"]
    current = week["current"]
    assert (current["nights"], current["launched"], current["destroyed"]) == (3, 377, 320)
    assert (week["previous"]["nights"], week["previous"]["launched"], week["launched_change"],
            week["launched_change_percent"]) == (1, 150, 227, 151.3)
    month = russian_trend["last_30_days"]
    assert (month["current"]["nights"], month["current"]["launched"], month["previous"]["launched"]) == (
        5, 587, 200)
    assert russian_trend["largest_night"] == {"date": DAY, "launched": 182, "destroyed": 156}
    assert len(russian_trend["nights"]) == 30 and russian_trend["nights"][-1]["date"] == DAY
    assert (ukrainian_trend["source"], ukrainian_trend["chosen_because"]) == (
        "Russian Ministry of Defence", "most-nights")

    correction, entry_correction = digest["corrections"]
    assert (correction["kind"], correction["record"], correction["reference"], correction["source"]) == (
        "corrected", "attack", f"{DAY}/russia", "Ukrainian Air Force")
    assert correction["changes"] == [{"field": "Shahed-136/131 launched", "before": "183", "after": "180"}]
    assert (correction["reason"], correction["operator"]) == ("the air force revised its post", "tester")
    assert correction["recorded_at_kyiv"].startswith("2026-02-05T09:40:00.")
    assert (entry_correction["record"], entry_correction["reference"], entry_correction["source"],
            entry_correction["changes"], entry_correction["reason"]) == (
        "log-entry", tusk["reference"], "Reuters", [{"field": "time", "before": "10:15", "after": "10:30"}],
        "the visit began at 10:30")
    assert entry_correction["recorded_at_kyiv"].startswith("2026-02-05T09:45:00.")


def test_the_markdown_digest_shows_every_fact_with_its_source(shared_morning):
    text = shared_morning.ok(["digest", DAY])
    tusk = _digest(shared_morning)["diplomacy"]["entries"][0]["reference"]
    expected = [
        "# Daily digest, 2026-02-05",
        "## Overnight attacks",
        "### Russia: 2026-02-05/russia",
        "| Ukrainian Air Force | Shahed-136/131 | attack-drone | 180 | 156 | – | – | 7 | 86.7% |",
        "| Ukrainian Air Force | Iskander-M | ballistic-missile | 2 | 0 | – | – | – | 0.0% |",
        "| Kyiv | Mayor of Kyiv | – | 2 | – |",
        "### Ukraine: 2026-02-05/ukraine",
        "| Russian Ministry of Defence | Drone | drone | – | 95 | – | – | – | – |",
        "- **Russian Ministry of Defence**: regions Azov Sea, Crimea",
        "## Diplomacy",
        "### US-brokered Russia-Ukraine talks (us-brokered-talks)",
        "- **Round**: Abu Dhabi, day 2; participants: Steve Witkoff (US special envoy, United States); "
        "Rustem Umerov (Secretary of the National Security and Defense Council, Ukraine) (source: Reuters)",
        "- **Statement**: “detailed and productive”, Steve Witkoff (source: Steve Witkoff)",
        "- **Outcome, agreement**: Agreed to exchange 314 prisoners (exchange 2026-02-05: 314 agreed) "
        "(source: Reuters)",
        "- **Outcome, no-breakthrough**: No major breakthrough (source: Reuters)",
        "- **Issue**: Future control of the Donbas, raised by Volodymyr Zelenskyy (source: Reuters)",
        "### Log entries",
        f"- **10:30**: {TUSK} (places: Kyiv; source: Reuters) (corrected)",
        "## Prisoner exchanges",
        "- **2026-02-05, agreed**: agreed on 2026-02-05: 314 prisoners; mediator United States; "
        "negotiation us-brokered-talks (source: Steve Witkoff)",
        "- First exchange in 5 months (156 days); the previous exchange carried out: 2025-08-29, "
        "completed on 2025-09-02.",
        "## Casualty estimates",
        "- **ukraine-military/killed**: about 55,000 as of 2026-02-04 (reported 2026-02-05; source: "
        "Volodymyr Zelenskyy): “about 55,000 Ukrainian soldiers killed”. Previous: more than 46,000 as of "
        "2025-02-16, change about +9,000 (+19.6%). Other sources: CSIS: up to 140,000 as of 2025-12-31.",
        "- **ukraine-civilians/casualties**: +31% in 2025 against 2024 as of 2025-12-31 (reported "
        "2026-02-05; source: Human Rights Watch). No previous figure from this source.",
        "## Other log entries",
        f"- **humanitarian**: {HRW} (source: Human Rights Watch, https://www.hrw.org/)",
        "## Trends",
        "| russia | Ukrainian Air Force | last 7 days | 2026-01-30 to 2026-02-05 | 3 | 377 | 320 | 84.9% "
        "| +227 (+151.3%) |",
        "| russia | Ukrainian Air Force | previous 7 days | 2026-01-23 to 2026-01-29 | 1 | 150 | 120 "
        "| 80.0% |  |",
        "| russia | Ukrainian Air Force | last 30 days | 2026-01-07 to 2026-02-05 | 5 | 587 | 490 | 83.5% "
        "| +387 (+193.5%) |",
        "- **russia (Ukrainian Air Force)**: 2026-02-05: 182 launched, 156 destroyed",
        "## Corrections and retractions",
        "- **09:40, corrected attack 2026-02-05/russia**: Ukrainian Air Force: Shahed-136/131 launched "
        "183 → 180; by tester; why: the air force revised its post",
        f"- **09:45, corrected log-entry {tusk}**: Reuters: time 10:15 → 10:30; by tester; why: the visit "
        "began at 10:30",
    ]
    lines = text.splitlines()
    assert [line for line in expected if line not in lines] == []
    # The sections come in the issue's order.
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == ["## Overnight attacks", "## Diplomacy", "## Prisoner exchanges",
                        "## Casualty estimates", "## Other log entries", "## Trends",
                        "## Corrections and retractions"]


def test_known_at_before_the_correction_shows_the_earlier_figure(shared_morning):
    before = _digest(shared_morning, "--known-at", "2026-02-05T09:30")
    shahed = _source(before["attacks"][0], "Ukrainian Air Force")["weapons"][0]
    assert (shahed["launched"]["value"], shahed["interception_rate"]) == (183, 0.852)
    assert before["corrections"] == []
    assert before["diplomacy"]["entries"][0]["time"] == "10:15"
    assert before["known_at"] == "2026-02-05T07:30:00.000000Z"
    text = shared_morning.ok(["digest", DAY, "--known-at", "2026-02-05T09:30"])
    assert "| Ukrainian Air Force | Shahed-136/131 | attack-drone | 183 | 156 | – | – | 7 | 85.2% |" in text
    assert "## Corrections and retractions" not in text
    # Before anything of the morning was recorded, its digest holds only what came before.
    early = _digest(shared_morning, "--known-at", "2026-02-05T06:59")
    assert (early["attacks"], early["diplomacy"], early["exchanges"], early["entries"]) == (
        [], {"negotiations": [], "entries": []}, [], [])


def test_the_digest_made_at_a_moment_is_the_digest_known_at_that_moment(sitlog):
    """Issue 15, item 4: made now (its known_at says when), then a correction, then --known-at."""
    for command in [*EARLIER, *MORNING]:
        sitlog.ok(command)
    entries = add_entries(sitlog.url)
    made = sitlog.ok(["digest", DAY, "--format", "json"])
    made_today = sitlog.ok(["digest", "--format", "json"])
    moment = json.loads(made)["known_at"]
    sitlog.ok(CORRECTION)
    sitlog.ok("estimate correct ukraine-military/killed --source CSIS --as-of 2025-12-31 "
              '--value 100000..140000 --reason "the report gives a range"')
    correct_entry(sitlog.url, entries["tusk"], text="Donald Tusk visited Kyiv", reason="shorter")
    assert sitlog.ok(["digest", DAY, "--format", "json", "--known-at", moment]) == made
    today_moment = json.loads(made_today)["known_at"]
    assert sitlog.ok(["digest", "--format", "json", "--known-at", today_moment]) == made_today
    assert sitlog.ok(["digest", DAY, "--format", "json"]) != made  # the correction shows now


def test_every_kind_of_correction_and_retraction_recorded_that_day(sitlog, monkeypatch):
    clock = log_the_morning(sitlog, monkeypatch)
    entries = {e["category"]: e["reference"] for e in _digest(sitlog)["entries"]}
    clock.at("2026-02-05T10:00")
    sitlog.ok(f'attack retract {DAY}/ukraine --source "Russian Ministry of Defence" '
              '--reason "claim withdrawn"')
    sitlog.ok("estimate correct ukraine-military/killed --source CSIS --as-of 2025-12-31 "
              '--value 100000..140000 --reason "the report gives a range"')
    sitlog.ok('estimate retract ukraine-civilians/casualties --source "Human Rights Watch" '
              '--as-of 2025-12-31 --reason "entered twice"')
    with open_store(parse_store_url(sitlog.url), "tester") as store:
        store.log.retract_entry(store.reader.entry_id(entries["humanitarian"]), reason="a duplicate")
        store.catch_up()
    clock.at("2026-02-06T08:00")  # the next day: not a correction of the 5th
    sitlog.ok(f'attack correct {DAY}/russia --source "Ukrainian Air Force" --destroyed shahed=157 '
              '--reason "revised again"')
    found = [(c["recorded_at_kyiv"][11:16], c["kind"], c["record"], c["reference"], c["source"],
              c["changes"], c["withdrawn"], c["reason"]) for c in _digest(sitlog)["corrections"]]
    assert found == [
        ("09:40", "corrected", "attack", f"{DAY}/russia", "Ukrainian Air Force",
         [{"field": "Shahed-136/131 launched", "before": "183", "after": "180"}], [],
         "the air force revised its post"),
        ("09:45", "corrected", "log-entry", found[1][3], "Reuters",
         [{"field": "time", "before": "10:15", "after": "10:30"}], [], "the visit began at 10:30"),
        ("10:00", "retracted", "attack", f"{DAY}/ukraine", "Russian Ministry of Defence", [], ["Drone"],
         "claim withdrawn"),
        ("10:00", "corrected", "estimate", "ukraine-military/killed", "CSIS",
         [{"field": "estimate as of 2025-12-31", "before": "<=140000", "after": "100000..140000"}], [],
         "the report gives a range"),
        ("10:00", "retracted", "estimate", "ukraine-civilians/casualties", "Human Rights Watch", [],
         ["estimate as of 2025-12-31 (+31% (2025 vs 2024))"], "entered twice"),
        ("10:00", "retracted", "log-entry", entries["humanitarian"], "Human Rights Watch", [], [],
         "a duplicate"),
    ]
    text = sitlog.ok(["digest", DAY])
    assert ("- **10:00, retracted attack 2026-02-05/ukraine**: Russian Ministry of Defence: withdrew Drone; "
            "by tester; why: claim withdrawn") in text.splitlines()
    assert (f"- **10:00, retracted log-entry {entries['humanitarian']}**: Human Rights Watch: withdrew all "
            "of it; by tester; why: a duplicate") in text.splitlines()
    digest = _digest(sitlog)
    # What was withdrawn leaves the day's facts: the MoD's claim, HRW's estimate and entry.
    assert [s["source"]["name"] for s in digest["attacks"][1]["sources"]] == ["Russian Ministry of Defence"]
    assert digest["attacks"][1]["sources"][0]["weapons"] == []
    assert [e["estimate"]["source"] for e in digest["estimates"]] == ["Volodymyr Zelenskyy"]
    assert digest["entries"] == []
    # The next day's digest has the correction of the 6th.
    [next_day] = json.loads(sitlog.ok(["digest", "2026-02-06", "--format", "json"]))["corrections"]
    assert (next_day["reference"], next_day["reason"]) == (f"{DAY}/russia", "revised again")
