"""`--published-by` on `estimate list` and `state` (issue 16, item 11), on both backends: the figures
the sources had reported by a date, however late the desk recorded them; unlike `--as-of` (the date a
figure refers to) and `--known-at` (when the log recorded it)."""

import json

RECORD = [
    'estimate record ukraine-military/killed --value ">46000" --as-of 2025-02-16 --reported 2025-02-16 '
    '--source "Volodymyr Zelenskyy"',
    'estimate record ukraine-military/killed --value "~55000" --as-of 2026-02-04 --reported 2026-02-04 '
    '--source "Volodymyr Zelenskyy"',
    "estimate record ukraine-military/killed --value '<=140000' --as-of 2025-12-31 --reported 2026-01-15 "
    "--source CSIS",
]


def latest(sitlog, options: str) -> list[tuple[str, str, str]]:
    rows = json.loads(sitlog.ok(f"estimate list {options} --format json"))
    return [(r["source"], r["as_of"], r["reported"]) for r in rows]


ZELENSKYY_2025 = ("Volodymyr Zelenskyy", "2025-02-16", "2025-02-16")
CSIS = ("CSIS", "2025-12-31", "2026-01-15")


def test_published_by_keeps_the_figures_reported_by_the_date(sitlog):
    for command in RECORD:
        sitlog.ok(command)
    assert latest(sitlog, "") == [("Volodymyr Zelenskyy", "2026-02-04", "2026-02-04"),
                                  ("CSIS", "2025-12-31", "2026-01-15")]
    # CSIS's figure refers to 2025-12-31 but was published on 2026-01-15
    assert latest(sitlog, "--published-by 2026-01-10") == [ZELENSKYY_2025]
    assert latest(sitlog, "--as-of 2026-01-10") == [CSIS, ZELENSKYY_2025]
    assert latest(sitlog, "--published-by 2026-01-15") == [CSIS, ZELENSKYY_2025]
    state = json.loads(sitlog.ok("state --as-of 2026-02-05 --published-by 2026-01-10 --format json"))
    assert state["published_by"] == "2026-01-10"
    assert [(e["source"], e["as_of"]) for e in state["estimates"]] == [("Volodymyr Zelenskyy", "2025-02-16")]
    assert json.loads(sitlog.ok("state --as-of 2026-02-05 --format json"))["published_by"] is None
    assert "CSIS" not in sitlog.ok("state --as-of 2026-02-05 --published-by 2026-01-10")


def test_a_published_by_that_is_not_a_date_is_refused(sitlog):
    sitlog.ok(RECORD[0])
    events = sitlog.events()
    ran = sitlog("estimate list --published-by 2026-13-01")
    assert ran.exit_code != 0 and ran.stderr.count("\n") == 1
    assert ran.stderr.startswith("error: published-by: ")
    ran = sitlog("state --published-by yesterday")
    assert ran.exit_code != 0 and ran.stderr.startswith("error: published-by: ")
    assert sitlog.events() == events
