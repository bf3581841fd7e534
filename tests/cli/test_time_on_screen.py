"""One time zone on screen (issue 16, item 9), on SQLite and PostgreSQL: tables show instants in
Kyiv time with their offset, JSON in ISO 8601 with an offset, and whatever is printed can be typed
back to --known-at and means the same instant."""

import json
import re
from datetime import datetime

RECORD = ("attack record --date 2026-02-05 --attacker russia --source AF --launched shahed=183 "
          "--start 2026-02-04T16:00Z --end 2026-02-05T08:00+02:00")
KYIV_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2}(?:\.\d{6})?)?\+0[23]:00")


def _launched(sitlog, known_at: str) -> str:
    doc = json.loads(sitlog.ok(["attack", "show", "2026-02-05/russia", "--known-at", known_at,
                                "--format", "json"]))
    return doc["sources"][0]["figures"][0]["launched"]["text"]


def test_tables_show_kyiv_time_with_its_offset(sitlog):
    sitlog.ok(RECORD)
    table = sitlog.ok("attack show 2026-02-05/russia")
    # 16:00Z is 18:00 in Kyiv
    assert "2026-02-04 18:00+02:00" in table and "2026-02-05 08:00+02:00" in table
    assert "Z " not in table and "T16:00" not in table
    doc = json.loads(sitlog.ok("attack show 2026-02-05/russia --format json"))
    assert (doc["start"], doc["end"]) == ("2026-02-04T18:00:00+02:00", "2026-02-05T08:00:00+02:00")


def test_every_instant_printed_types_back_to_the_same_instant(sitlog):
    sitlog.ok(RECORD)
    sitlog.ok("attack correct 2026-02-05/russia --source AF --launched shahed=180 --reason revised")
    table = sitlog.ok("attack show 2026-02-05/russia --history")
    history = json.loads(sitlog.ok("attack show 2026-02-05/russia --history --format json"))["history"]
    shown = [m for line in table.splitlines() if "Attack." in line for m in KYIV_INSTANT.findall(line)]
    assert len(shown) == 3 == len(history)
    for on_screen, event in zip(shown, history, strict=True):
        assert datetime.fromisoformat(on_screen) == datetime.fromisoformat(event["recorded_at"])
    _, recorded, corrected = shown
    assert _launched(sitlog, recorded) == "183"  # typed back from the table: the moment it was recorded
    assert _launched(sitlog, corrected) == "180"
    assert _launched(sitlog, history[2]["recorded_at"]) == "180"  # typed back from the JSON
    assert _launched(sitlog, history[1]["recorded_at"]) == "183"
