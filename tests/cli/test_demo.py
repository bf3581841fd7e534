import json
import shlex
from importlib import resources

from tests.conftest import Sitlog


def sample_lines() -> list[str]:
    return resources.files("sitlog.cli.samples").joinpath("2026-02-05.sitlog").read_text().splitlines()


def test_demo_logs_a_real_week_and_prints_the_digest_of_5_february_2026(tmp_path):
    ran = Sitlog(f"sqlite:///{tmp_path / 'untouched.db'}")("demo --format json")
    assert ran.exit_code == 0, ran.stderr
    doc = json.loads(ran.stdout)
    assert doc["date"] == "2026-02-05"
    night = next(a for a in doc["attacks"] if a["reference"] == "2026-02-05/russia")
    air_force = next(s for s in night["sources"] if s["source"]["name"] == "Ukrainian Air Force")
    shahed = next(w for w in air_force["weapons"] if w["weapon"] == "Shahed-136/131")
    assert (shahed["launched"]["value"], shahed["destroyed"]["value"]) == (183, 156)
    week = next(t for t in doc["trends"] if t["attacker"] == "russia")
    # the nights that ended on 29 January .. 5 February: 8 nights, all of the air force's weapons
    assert week["last_30_days"]["current"]["nights"] == 8
    assert week["last_30_days"]["current"]["launched"] == 105 + 112 + 85 + 90 + 172 + 521 + 105 + 185
    (exchange,) = doc["exchanges"]
    assert exchange["agreed"]["total"] == 314
    assert exchange["days_since_previous"] is None  # no earlier exchange was carried out in the sample
    assert any(r["venue"] == "Abu Dhabi" for n in doc["diplomacy"]["negotiations"] for r in n["rounds"])
    commands = [line for line in sample_lines() if line.strip() and not line.lstrip().startswith("#")]
    assert f"logged {len(commands)} commands" in ran.stderr
    assert "the digest of Thursday 5 February 2026 (2026-02-05)" in ran.stderr
    assert not (tmp_path / "untouched.db").exists()  # the demo never touches the configured store


def test_demo_prints_markdown_naming_the_day_first_and_writes_the_html_digest(tmp_path):
    html = tmp_path / "digest.html"
    ran = Sitlog(f"sqlite:///{tmp_path / 'x.db'}")(f"demo --html {html}")
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout.splitlines()[0] == "# Daily digest, 2026-02-05"
    assert "| Ukrainian Air Force | Shahed-136/131 | attack-drone | 183 | 156 |" in ran.stdout
    # Said as the digest command says it: the demo's own lines are not the operator's to look up.
    assert ran.stderr.splitlines()[-1] == f"digest of 2026-02-05 written to {html}"
    page = html.read_text()
    assert "<svg" in page and "Abu Dhabi" in page and "314" in page


def test_every_command_of_the_sample_says_where_its_facts_come_from():
    above = None
    for line in sample_lines():
        if not line.strip():
            above = None
        elif line.startswith("#"):
            above = line
        else:
            assert above is not None, f"no comment with the source above: {line[:60]}"
            args = shlex.split(line)
            if args[:2] == ["attack", "record"] and "Ukrainian Air Force" in args:
                url = args[args.index("--url") + 1]
                assert url.startswith("https://www.facebook.com/kpszsu/posts/"), line[:60]


def test_demo_can_keep_its_store_and_refuses_to_reuse_one(tmp_path):
    kept = tmp_path / "demo.db"
    Sitlog(f"sqlite:///{tmp_path / 'x.db'}").ok(f"demo --keep {kept}")
    listed = json.loads(Sitlog(f"sqlite:///{kept}").ok("attack list --format json"))
    references = {a["reference"] for a in listed}
    assert references >= {"2026-02-05/russia", "2026-02-05/ukraine", "2026-01-29/russia"}
    ran = Sitlog(f"sqlite:///{tmp_path / 'x.db'}")(f"demo --keep {kept}")
    assert ran.exit_code == 1
    assert ran.stderr == f"error: keep: {str(kept)!r} already exists (the demo needs a fresh store)\n"
