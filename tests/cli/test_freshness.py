"""Every write command leaves the read side up to date: zero lag, and a read right after sees it."""

import json
from collections.abc import Callable

from sitlog.adapters.projections import all_projections

from tests.cli.command_tree import command_tree
from tests.conftest import Sitlog

AF = '--source "Ukrainian Air Force"'
ATTACK, TALKS, EXCHANGE, CANCELLED, SERIES, ENTRY = (
    "2025-11-05/russia", "geneva-talks", "2025-10-05", "2025-10-20", "ukraine-civilians/killed", "e-c1d5ad03"
)


def show(sitlog: Sitlog, group: str, key: str, *options: str) -> dict:
    return json.loads(sitlog.ok([group, "show", key, "--format", "json", *options]))


def _attack(sitlog: Sitlog) -> dict:
    return {s["source"]: s for s in show(sitlog, "attack", ATTACK)["sources"]}


def _drones_launched_in_the_state(sitlog: Sitlog) -> int:
    doc = json.loads(sitlog.ok("state --as-of 2025-11-05 --format json"))
    [row] = [a for a in doc["attacks"] if a["source"] == "Ukrainian Air Force"]
    return row["last_night"]["weapons"]["attack-drone"]["launched"]


def _negotiation(sitlog: Sitlog) -> dict:
    return show(sitlog, "negotiation", TALKS)


def _entries_in_the_state(sitlog: Sitlog) -> dict:
    return json.loads(sitlog.ok("state --as-of 2025-11-05 --format json"))["entries"]


def _estimates(sitlog: Sitlog) -> list[dict]:
    [source] = show(sitlog, "estimate", SERIES)["sources"]
    return source["estimates"]


# (the command's name, the command as typed, what a read right after it must see)
STEPS: list[tuple[str, str, Callable[[Sitlog], bool]]] = [
    ("attack record", f"attack record --date 2025-11-05 --attacker russia {AF} --launched shahed=183 "
     "--destroyed shahed=156 --launched kh-101=8..10",
     lambda s: _attack(s)["Ukrainian Air Force"]["figures"][0]["launched"]["text"] == "183"
     and _drones_launched_in_the_state(s) == 183),
    ("attack casualties", f'attack casualties {ATTACK} --place Kyiv --injured 2 --source "Mayor of Kyiv"',
     lambda s: _attack(s)["Mayor of Kyiv"]["casualties"][0]["injured"]["point"] == 2),
    ("attack correct", f'attack correct {ATTACK} {AF} --launched shahed=180 --reason "revised post"',
     lambda s: _attack(s)["Ukrainian Air Force"]["figures"][0]["launched"]["text"] == "180"
     and _drones_launched_in_the_state(s) == 180),
    ("attack retract", f'attack retract {ATTACK} --source "Mayor of Kyiv" --reason duplicate',
     lambda s: _attack(s)["Mayor of Kyiv"]["casualties"] == []
     and _attack(s)["Mayor of Kyiv"]["retractions"][0]["reason"] == "duplicate"),
    ("negotiation open", f'negotiation open {TALKS} --title "Geneva talks" --party Ukraine --party Russia '
     "--date 2025-10-01",
     lambda s: _negotiation(s)["title"] == "Geneva talks"),
    ("negotiation round", f'negotiation round {TALKS} --date 2025-10-05 --venue Geneva '
     '--participant "Rustem Umerov||Ukraine"',
     lambda s: _negotiation(s)["round_count"] == 1
     and _negotiation(s)["rounds"][0]["participants"][0]["name"] == "Rustem Umerov"),
    ("negotiation statement", f'negotiation statement {TALKS} --date 2025-10-05 --by "Rustem Umerov" '
     '--text "constructive"',
     lambda s: [x["text"] for x in _negotiation(s)["statements"]] == ["constructive"]),
    ("exchange agree", f"exchange agree {EXCHANGE} --total 300 --negotiation {TALKS}",
     lambda s: show(s, "exchange", EXCHANGE)["status"] == "agreed"
     and [x["reference"] for x in _negotiation(s)["exchanges"]] == [EXCHANGE]),
    ("negotiation outcome", f'negotiation outcome {TALKS} --date 2025-10-05 --kind agreement '
     f'--text "300 prisoners to be exchanged" --exchange {EXCHANGE}',
     lambda s: _negotiation(s)["outcomes"][0]["exchange"]["total"] == 300),
    ("negotiation issue", f'negotiation issue {TALKS} --date 2025-10-05 --topic "Zaporizhzhia plant"',
     lambda s: [i["topic"] for i in _negotiation(s)["issues"]] == ["Zaporizhzhia plant"]),
    ("negotiation suspend", f'negotiation suspend {TALKS} --date 2025-10-07 --reason "delegation recalled"',
     lambda s: _negotiation(s)["status"] == "suspended"),
    ("negotiation resume", f"negotiation resume {TALKS} --date 2025-10-12",
     lambda s: _negotiation(s)["status"] == "open"),
    ("exchange postpone", f'exchange postpone {EXCHANGE} --date 2025-10-06 --reason "lists not final"',
     lambda s: show(s, "exchange", EXCHANGE)["status"] == "postponed"),
    ("exchange complete", f"exchange complete {EXCHANGE} --date 2025-10-09 --released-by-ukraine 150 "
     "--released-by-russia 148",
     lambda s: show(s, "exchange", EXCHANGE)["completed"]["date"] == "2025-10-09"),
    ("negotiation close", f'negotiation close {TALKS} --date 2025-10-30 --reason "settlement signed"',
     lambda s: _negotiation(s)["status"] == "concluded"),
    ("negotiation correct", f'negotiation correct {TALKS} --statement 3 --text "very constructive" '
     '--reason "misquoted"',
     lambda s: [x["text"] for x in _negotiation(s)["statements"]] == ["very constructive"]),
    ("negotiation retract", f'negotiation retract {TALKS} --issue 5 --reason "raised elsewhere"',
     lambda s: _negotiation(s)["issues"] == []),
    ("exchange correct", f"exchange correct {EXCHANGE} --completion --released-by-russia 149 "
     '--reason "revised"',
     lambda s: show(s, "exchange", EXCHANGE)["completed"]["released_by_russia"] == 149),
    ("exchange agree", f"exchange agree {CANCELLED} --released-by-ukraine 50 --released-by-russia 50",
     lambda s: show(s, "exchange", CANCELLED)["agreed"]["released_by_russia"] == 50),
    ("exchange cancel", f'exchange cancel {CANCELLED} --date 2025-10-21 --reason "talks broke down"',
     lambda s: show(s, "exchange", CANCELLED)["status"] == "cancelled"),
    ("exchange retract", f'exchange retract {CANCELLED} --cancellation --reason "it went ahead"',
     lambda s: show(s, "exchange", CANCELLED)["status"] == "agreed"),
    ("estimate record", f'estimate record {SERIES} --value "nearly 15000" --as-of 2025-10-31 '
     '--reported 2025-11-03 --source "UN HRMMU"',
     lambda s: [e["text"] for e in _estimates(s)] == ["nearly 15000"]),
    ("estimate correct", f'estimate correct {SERIES} --source "UN HRMMU" --as-of 2025-10-31 '
     '--value "~15100" --reason "revised"',
     lambda s: [(e["text"], e["status"]) for e in _estimates(s)] == [("~15100", "corrected")]),
    ("estimate retract", f'estimate retract {SERIES} --source "UN HRMMU" --as-of 2025-10-31 '
     '--reason "wrong series"',
     lambda s: [e["status"] for e in _estimates(s)] == ["retracted"]),
    ("entry add", 'entry add --date 2025-11-05 --category diplomacy --source Reuters --place Kyiv '
     '--text "A US delegation arrived in Kyiv"',
     lambda s: show(s, "entry", ENTRY)["text"] == "A US delegation arrived in Kyiv"
     and _entries_in_the_state(s)["diplomacy"] == 1),
    ("entry correct", f'entry correct {ENTRY} --category political --place Kyiv --place Lviv '
     '--reason "a party visit"',
     lambda s: [show(s, "entry", ENTRY)[k] for k in ("places", "status")] == [["Kyiv", "Lviv"], "corrected"]
     and _entries_in_the_state(s)["political"] == 1),
    ("entry retract", f'entry retract {ENTRY} --reason "duplicate"',
     lambda s: show(s, "entry", ENTRY)["status"] == "retracted"
     and json.loads(s.ok("entry list --format json")) == [] and _entries_in_the_state(s)["total"] == 0),
]


def _status(sitlog: Sitlog) -> list[dict]:
    return json.loads(sitlog.ok("projections status --format json"))["projections"]


def test_every_write_command_of_the_cli_is_covered():
    writes = {
        " ".join(path) for path, _ in command_tree()
        if len(path) == 2 and path[0] in ("attack", "negotiation", "exchange", "estimate", "entry")
        and path[1] not in ("show", "list")
    }
    assert writes == {name for name, _, _ in STEPS}


def test_after_every_write_the_projections_have_zero_lag_and_a_read_sees_it(sitlog):
    head = 0
    for name, command, sees_it in STEPS:
        sitlog.ok(command)
        status = _status(sitlog)
        assert len(status) == len(all_projections()), "every projection has a status"
        assert status[0]["head"] > head, f"{name}: nothing was written"
        head = status[0]["head"]
        assert [(row["projection"], row["lag"], row["position"]) for row in status] == [
            (row["projection"], 0, head) for row in status
        ], f"{name} left the projections behind"
        assert sees_it(sitlog), f"a read right after `{name}` does not see it"
