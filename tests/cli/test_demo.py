import json

from tests.conftest import Sitlog


def test_demo_logs_the_sample_and_prints_the_state_that_day(tmp_path):
    ran = Sitlog(f"sqlite:///{tmp_path / 'untouched.db'}")("demo --format json")
    assert ran.exit_code == 0, ran.stderr
    doc = json.loads(ran.stdout)
    assert doc["as_of"] == "2026-02-05"
    air_force = next(a for a in doc["attacks"] if a["source"] == "Ukrainian Air Force")
    assert air_force["last_night"]["weapons"]["attack-drone"]["launched"] == 183
    assert air_force["last_7_days"]["weapons"]["attack-drone"]["launched"] == 183 + 105
    assert {(e["series"], e["source"]) for e in doc["estimates"]} >= {
        ("ukraine-military/killed", "CSIS"), ("russia-military/killed", "Russian Ministry of Defence"),
    }
    assert doc["exchanges"]["pending"][0]["agreed"]["total"] == 314
    assert doc["entries"] == {"diplomacy": 1, "military": 0, "humanitarian": 1, "political": 0,
                              "other": 0, "total": 2}
    assert "logged 23 commands" in ran.stderr
    assert not (tmp_path / "untouched.db").exists()  # the demo never touches the configured store


def test_demo_can_keep_its_store_and_refuses_to_reuse_one(tmp_path):
    kept = tmp_path / "demo.db"
    Sitlog(f"sqlite:///{tmp_path / 'x.db'}").ok(f"demo --keep {kept}")
    listed = json.loads(Sitlog(f"sqlite:///{kept}").ok("attack list --format json"))
    assert {a["reference"] for a in listed} >= {"2026-02-05/russia", "2026-02-05/ukraine"}
    ran = Sitlog(f"sqlite:///{tmp_path / 'x.db'}")(f"demo --keep {kept}")
    assert ran.exit_code == 1
    assert ran.stderr == f"error: keep: {str(kept)!r} already exists (the demo needs a fresh store)\n"
