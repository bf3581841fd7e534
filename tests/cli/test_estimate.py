"""`sitlog estimate ...` against real stores on both backends."""

import json

import pytest

ARTICLE = [  # every figure of the article of 5 February 2026
    'ukraine-military/killed --value "~55000" --as-of 2026-02-04 --reported 2026-02-04 '
    '--source "Volodymyr Zelenskyy" --statement "about 55,000 Ukrainian soldiers killed" '
    "--url https://example.org/a",
    'ukraine-military/killed --value ">46000" --as-of 2025-02-16 --reported 2025-02-16 '
    '--source "Volodymyr Zelenskyy" --statement "over 46,000"',
    'ukraine-military/killed --value "<=140000" --as-of 2025-12-31 --reported 2026-01-15 --source CSIS',
    'russia-military/killed --value "<=325000" --as-of 2025-12-31 --reported 2026-01-15 --source CSIS',
    'russia-military/killed --value "<6000" --as-of 2022-09-21 --reported 2022-09-21 '
    '--source "Russian Ministry of Defence"',
    'ukraine-civilians/killed --value "nearly 15000" --as-of 2025-12-31 --reported 2026-01-12 '
    '--source "UN HRMMU"',
    'ukraine-civilians/injured --value ">40000" --as-of 2025-12-31 --reported 2026-01-12 --source "UN HRMMU"',
    'ukraine-civilians/casualties --change +31% --period 2025 --baseline 2024 --reported 2026-02-04 '
    '--source "Human Rights Watch" --statement "civilian casualties rose 31 percent last year"',
]


def figure(value=None, qualifier=None, low=None, best=None, high=None):
    return {"value": value, "qualifier": qualifier, "low": low, "best": best, "high": high}


@pytest.fixture
def article(sitlog):
    for line in ARTICLE:
        assert sitlog.ok(f"estimate record {line}").strip() == line.split()[0]
    return sitlog


def test_every_figure_of_the_article_side_by_side(article):
    doc = json.loads(article.ok("estimate show ukraine-military/killed --format json"))
    assert [(e["source"], e["as_of"], e["figure"]) for e in doc["latest"]] == [
        ("Volodymyr Zelenskyy", "2026-02-04", figure(55000, "about")),
        ("CSIS", "2025-12-31", figure(140000, "up-to")),
    ]
    sources = {s["source"]: s["estimates"] for s in doc["sources"]}
    assert list(sources) == ["CSIS", "Volodymyr Zelenskyy"]
    old, new = sources["Volodymyr Zelenskyy"]
    assert (old["text"], old["statement"]) == (">46000", "over 46,000")
    assert old["figure"] == figure(46000, "more-than")
    assert (new["text"], new["reported"], new["url"]) == ("~55000", "2026-02-04", "https://example.org/a")
    assert new["since_previous"] == {"previous_as_of": "2025-02-16", "previous": ">46000", "difference": 9000,
                                     "percent": 19.6, "approximate": True, "note": None}
    assert sources["CSIS"][0]["reported"] == "2026-01-15"

    russia = json.loads(article.ok("estimate show russia-military/killed --format json"))
    assert [(e["source"], e["as_of"], e["text"], e["figure"]) for e in russia["latest"]] == [
        ("CSIS", "2025-12-31", "<=325000", figure(325000, "up-to")),
        ("Russian Ministry of Defence", "2022-09-21", "<6000", figure(6000, "fewer-than")),
    ]
    assert [len(s["estimates"]) for s in russia["sources"]] == [1, 1]

    everything = json.loads(article.ok("estimate list --format json"))
    assert {(e["series"], e["source"], e["text"]) for e in everything} == {
        ("ukraine-military/killed", "Volodymyr Zelenskyy", "~55000"),
        ("ukraine-military/killed", "CSIS", "<=140000"),
        ("russia-military/killed", "CSIS", "<=325000"),
        ("russia-military/killed", "Russian Ministry of Defence", "<6000"),
        ("ukraine-civilians/killed", "UN HRMMU", "nearly 15000"),
        ("ukraine-civilians/injured", "UN HRMMU", ">40000"),
        ("ukraine-civilians/casualties", "Human Rights Watch", "+31% (2025 vs 2024)"),
    }
    hrw = next(e for e in everything if e["source"] == "Human Rights Watch")
    assert (hrw["kind"], hrw["as_of"], hrw["change"]["percent"]) == ("change", "2025-12-31", 31)


def test_table_and_csv_output(article):
    table = article.ok("estimate show ukraine-military/killed")
    assert "~+9,000 since 2025-02-16, +19.6%" in table
    rows = article.ok("estimate list --subject ukraine-civilians --format csv").splitlines()
    assert rows[0] == "series,source,as_of,reported,estimate,status,reason"
    assert rows[1:] == [
        # a cell starting with + would run as a formula in a spreadsheet: it gets a leading '
        "ukraine-civilians/casualties,Human Rights Watch,2025-12-31,2026-02-04,'+31% (2025 vs 2024),"
        "recorded,",
        "ukraine-civilians/injured,UN HRMMU,2025-12-31,2026-01-12,>40000,recorded,",
        "ukraine-civilians/killed,UN HRMMU,2025-12-31,2026-01-12,nearly 15000,recorded,",
    ]


def test_correct_and_retract_keep_the_past_readable(article):
    before = json.loads(article.ok("estimate show russia-military/killed --format json"))
    known_at = max(e["recorded_at"] for e in before["latest"])
    assert article.ok('estimate correct russia-military/killed --source csis --as-of 2025-12-31 '
                      '--value 250000..325000 --reason "the report gives a range"').strip() == \
        "russia-military/killed"
    article.ok('estimate retract russia-military/killed --source "Russian Ministry of Defence" '
               '--as-of 2022-09-21 --reason "superseded by events"')
    now = json.loads(article.ok("estimate show russia-military/killed --format json"))
    assert [(e["text"], e["status"], e["replaces"]) for e in now["latest"]] == [
        ("250000..325000", "corrected", "<=325000")]
    assert now["sources"][1]["estimates"][0]["status"] == "retracted"
    then = json.loads(article.ok(f"estimate show russia-military/killed --known-at {known_at} --format json"))
    assert then["latest"] == before["latest"]


def test_help_documents_the_syntax_with_an_example(sitlog):
    out = sitlog.ok("estimate record --help")
    for fragment in ("Example:", "--change", "+31%", "--baseline", "LOW..HIGH", "--as-of"):
        assert fragment in out


RULES = [
    ("ukraine-military/killed --value=-5 --as-of 2026-02-04 --reported 2026-02-04 --source X",
     "value: '-5' is not a figure (expected a non-negative whole number, e.g. 183, ~95, up to 140,000 "
     "or 100,000-140,000)"),
    ("ukraine-military/killed --value 140000..100000 --as-of 2026-02-04 --reported 2026-02-04 --source X",
     "value: '140000..100000' is not a valid figure: need low <= high, got 140000..100000"),
    ("ukraine-military/killed --value 1..9..5 --as-of 2026-02-04 --reported 2026-02-04 --source X",
     "value: '1..9..5' is not a valid figure: need low <= best <= high, got 1..9..5"),
    ("ukraine-military/killed --value 5 --as-of 2026-02-05 --reported 2026-02-04 --source X",
     "as-of: 2026-02-05 is after the report date 2026-02-04 (an estimate cannot refer to a date after it "
     "was reported)"),
    ('ukraine-military/killed --value "~56000" --as-of 2026-02-04 --reported 2026-02-04 '
     '--source "Volodymyr Zelenskyy"',
     'ukraine-military/killed already has ~55000 from "Volodymyr Zelenskyy" as of 2026-02-04; use `sitlog '
     'estimate correct ukraine-military/killed --source "Volodymyr Zelenskyy" --as-of 2026-02-04 ... '
     "--reason ...` to change it"),
    ("Ukraine --value 5 --as-of 2026-02-04 --reported 2026-02-04 --source X",
     "series: 'Ukraine' is not a series key (expected SUBJECT/MEASURE, words of letters and digits, "
     "e.g. ukraine-military/killed)"),
    ("x/killed --change -120% --period 2025 --baseline 2024 --reported 2026-02-04 --source HRW",
     "change: -120% is below -100% (a count cannot fall further)"),
    ("x/killed --change +5% --period 2024 --baseline 2025 --reported 2026-02-04 --source HRW",
     "baseline: 2025 does not come before the period 2024"),
    ("x/killed --change +5% --period 2025 --reported 2026-02-04 --source HRW",
     "baseline: required with --change (e.g. --period 2025 --baseline 2024)"),
]


@pytest.mark.parametrize(("args", "message"), RULES)
def test_every_rule_is_one_line_and_writes_nothing(sitlog, args, message):
    sitlog.ok('estimate record ukraine-military/killed --value "~55000" --as-of 2026-02-04 '
              '--reported 2026-02-04 --source "Volodymyr Zelenskyy"')
    sitlog.refuses(f"estimate record {args}", message)


@pytest.mark.parametrize(("command", "message"), [
    ("correct ukraine-military/killed --source CSIS --as-of 2026-02-04 --value 5 --reason r",
     'ukraine-military/killed has no estimate from "CSIS" as of 2026-02-04 '
     "(its sources: Volodymyr Zelenskyy)"),
    ('correct ukraine-military/killed --source "Volodymyr Zelenskyy" --as-of 2026-02-04 --value 5 '
     '--reason " "',
     "reason: required (why is it corrected? --reason ...)"),
    ("retract ukraine-military/missing --source X --as-of 2026-02-04 --reason r",
     "no estimates for ukraine-military/missing yet (record one with `sitlog estimate record`)"),
    ("show ukraine-military/missing",
     "no estimates for ukraine-military/missing (see `sitlog estimate list`)"),
])
def test_correct_retract_and_show_refusals(sitlog, command, message):
    sitlog.ok('estimate record ukraine-military/killed --value "~55000" --as-of 2026-02-04 '
              '--reported 2026-02-04 --source "Volodymyr Zelenskyy"')
    sitlog.refuses(f"estimate {command}", message)


def test_the_same_estimate_twice_is_a_no_op(sitlog):
    line = ('estimate record ukraine-military/killed --value "~55000" --as-of 2026-02-04 '
            '--reported 2026-02-04 --source "Volodymyr Zelenskyy"')
    sitlog.ok(line)
    before = sitlog.events()
    ran = sitlog(line.replace("Volodymyr", "volodymyr") + " --url https://example.org/b")
    assert ran.exit_code == 0
    assert ran.stdout == "ukraine-military/killed\n"
    assert ran.stderr == (
        "warning: this repeat has a different URL; the estimate as first recorded is kept\n"
        'nothing recorded: ukraine-military/killed already has ~55000 from "Volodymyr Zelenskyy" as of '
        "2026-02-04\n"
    )
    assert sitlog.events() == before
