"""Figures in the sources' words (issue 16, item 4), on SQLite and PostgreSQL: the article's own
phrasings recorded exactly as written, the parsed figure and the wording side by side."""

import json

import pytest

ARTICLE = [  # (series, source, as written in the article, as-of, reported, the figure it means)
    ("ukraine-military/killed", "CSIS", "up to 140,000", "2025-12-31", "2026-01-27",
     {"value": 140000, "qualifier": "up-to"}),
    ("ukraine-civilians/injured", "UN HRMMU", "more than 40,000", "2025-12-31", "2026-01-12",
     {"value": 40000, "qualifier": "more-than"}),
    ("russia-military/killed", "CSIS", "as many as 325,000", "2025-12-31", "2026-01-27",
     {"value": 325000, "qualifier": "up-to"}),
    ("russia-military/killed", "Russian Ministry of Defence", "fewer than 6,000", "2022-09-21", "2022-09-21",
     {"value": 6000, "qualifier": "fewer-than"}),
    ("ukraine-civilians/killed", "UN HRMMU", "nearly 15,000", "2025-12-31", "2026-01-12",
     {"value": 15000, "qualifier": "nearly"}),
    ("ukraine-military/killed", "Volodymyr Zelenskyy", "over 46,000", "2025-02-16", "2025-02-16",
     {"value": 46000, "qualifier": "more-than"}),
]


def _record(sitlog, series, source, words, as_of, reported):
    return sitlog.ok(["estimate", "record", series, "--source", source, "--value", words,
                      "--as-of", as_of, "--reported", reported])


def test_the_articles_phrasings_are_recorded_as_written(sitlog):
    for series, source, words, as_of, reported, _ in ARTICLE:
        assert _record(sitlog, series, source, words, as_of, reported).strip() == series
    for series, source, words, as_of, _, meant in ARTICLE:
        doc = json.loads(sitlog.ok(["estimate", "show", series, "--source", source, "--format", "json"]))
        [entry] = [e for s in doc["sources"] for e in s["estimates"] if e["as_of"] == as_of]
        assert entry["wording"] == words
        assert {k: v for k, v in entry["figure"].items() if v is not None} == meant
        table = sitlog.ok(["estimate", "show", series, "--source", source])
        assert words in table


def test_the_same_figure_in_other_words_is_a_repeat_and_the_first_wording_stays(sitlog):
    _record(sitlog, "ukraine-military/killed", "CSIS", "up to 140,000", "2025-12-31", "2026-01-27")
    before = sitlog.events()
    ran = sitlog(["estimate", "record", "ukraine-military/killed", "--source", "CSIS", "--value", "<=140000",
                  "--as-of", "2025-12-31", "--reported", "2026-01-27"])
    assert ran.exit_code == 0 and "nothing recorded" in ran.stderr
    assert sitlog.events() == before
    [entry] = json.loads(sitlog.ok("estimate list --format json"))
    assert (entry["text"], entry["wording"]) == ("<=140000", "up to 140,000")


@pytest.mark.parametrize("words", ["100,000-140,000", "100000–140000", "100000 to 140000"])
def test_ranges_as_sources_write_them(sitlog, words):
    _record(sitlog, "ukraine-military/killed", "CSIS", words, "2025-12-31", "2026-01-27")
    [entry] = json.loads(sitlog.ok("estimate list --format json"))
    assert (entry["figure"]["low"], entry["figure"]["high"], entry["text"], entry["wording"]) == (
        100000, 140000, "100000..140000", words)


def test_attack_figures_in_words(sitlog):
    sitlog.ok(['attack', 'record', '--date', '2026-02-05', '--attacker', 'russia', '--source', 'Air Force',
               '--launched', 'shahed=about 1,200', '--destroyed', 'shahed=more than 1,000'])
    [source] = json.loads(sitlog.ok("attack show 2026-02-05/russia --format json"))["sources"]
    launched, destroyed = source["figures"][0]["launched"], source["figures"][0]["destroyed"]
    assert (launched["text"], launched["wording"], launched["point"]) == ("~1200", "about 1,200", 1200)
    assert (destroyed["text"], destroyed["wording"]) == (">1000", "more than 1,000")
    assert "about 1,200" in sitlog.ok("attack show 2026-02-05/russia")


def test_a_comma_that_groups_no_thousands_is_refused(sitlog):
    sitlog.refuses("attack record --date 2026-02-05 --attacker russia --source AF --launched shahed=1,5",
                   "launched shahed: '1,5' is not a figure (a comma only groups thousands, as in 46,000; "
                   "sitlog records whole numbers)")
