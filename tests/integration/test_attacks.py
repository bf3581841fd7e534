"""Attacks through the application, the projection and the queries, on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime

import pytest
from sitlog.domain.commands.attacks import Claimed
from sitlog.domain.errors import NotFound, RuleViolation
from sitlog.domain.values import Figure, Source

AF = Source(name="Ukrainian Air Force", url="https://t.me/kpszsu/1")
MOD = Source(name="Russian Ministry of Defence")


def claims(**by_measure: str) -> list[Claimed]:
    """``launched="shahed=183 iskander-m=2"`` -> figures."""
    return [
        Claimed(measure, *pair.split("=", 1)[:1], Figure.parse(pair.split("=", 1)[1]))
        for measure, text in by_measure.items() for pair in text.split()
    ]


def log_the_morning(store) -> None:
    log = store.log
    log.record_attack(date=date(2026, 2, 5), attacker="russia", source=AF,
                      figures=claims(launched="shahed=183 iskander-m=2", destroyed="shahed=156 iskander-m=0",
                                     still_attacking="shahed=7"))
    log.record_attack(date=date(2026, 2, 5), attacker="ukraine", source=MOD,
                      figures=claims(destroyed="drone=95"), regions=["Azov Sea", "Crimea"])
    log.record_attack_casualties("2026-02-05/russia", source=Source(name="Mayor of Kyiv"), place="Kyiv",
                                 injured=Figure.exact(2))
    region = Source(name="Kyiv Regional Military Administration")
    log.record_attack_casualties("2026-02-05/russia", source=region, place="Kyiv region",
                                 injured=Figure.exact(1), civilians=True)
    store.catch_up()


def show(store, reference: str, **options):
    """``attack show`` through the read facade, as its JSON."""
    return store.reader.attack(reference, **options).model_dump(mode="json")


def figures_of(doc, source: str) -> dict[str, tuple]:
    [entry] = [s for s in doc["sources"] if s["source"] == source]
    return {f["weapon"]: (f["category"], f["launched"] and f["launched"]["point"],
                          f["destroyed"] and f["destroyed"]["point"]) for f in entry["figures"]}


def test_the_morning_of_5_february_is_kept_per_source(store):
    log_the_morning(store)
    russia = show(store, "2026-02-05/russia")
    assert [s["source"] for s in russia["sources"]] == [
        "Ukrainian Air Force", "Mayor of Kyiv", "Kyiv Regional Military Administration"
    ]
    assert figures_of(russia, "Ukrainian Air Force") == {
        "Shahed-136/131": ("attack-drone", 183, 156), "Iskander-M": ("ballistic-missile", 2, 0),
    }
    casualties = {
        (s["source"], c["place"]): c["injured"]["point"] for s in russia["sources"] for c in s["casualties"]
    }
    assert casualties == {
        ("Mayor of Kyiv", "Kyiv"): 2, ("Kyiv Regional Military Administration", "Kyiv region"): 1
    }
    ukraine = show(store, "2026-02-05/ukraine")
    assert figures_of(ukraine, "Russian Ministry of Defence") == {"Drone": ("drone", None, 95)}
    assert ukraine["sources"][0]["regions"] == ["Azov Sea", "Crimea"]
    assert [a["reference"] for a in _list(store)] == ["2026-02-05/russia", "2026-02-05/ukraine"]


def _list(store, **filters):
    return store.reader.attacks(**filters).model_dump(mode="json")


def test_a_repeat_is_a_no_op_and_stores_nothing(store):
    log_the_morning(store)
    before = store.info().events
    outcome = store.log.record_attack(date=date(2026, 2, 5), attacker="Russia", source=AF,
                                      figures=claims(launched="geran-2=183"))
    assert (outcome.reference, outcome.changed) == ("2026-02-05/russia", False)
    assert "already in the log" in outcome.detail
    assert store.info().events == before


def test_a_correction_shows_now_and_the_past_stays_knowable(store):
    log_the_morning(store)
    before_correction = datetime.now(UTC)
    outcome = store.log.correct_attack("2026-02-05/russia", source="Ukrainian Air Force",
                                       figures=claims(launched="shahed=180"), reason="revised post")
    assert outcome.changed
    store.catch_up()
    now = show(store, "2026-02-05/russia", with_history=True)
    assert figures_of(now, "Ukrainian Air Force")["Shahed-136/131"] == ("attack-drone", 180, 156)
    [correction] = now["sources"][0]["corrections"]
    assert (correction["before"], correction["after"], correction["reason"]) == ("183", "180", "revised post")
    assert now["history"][1]["data"]["figures"][0]["launched"]["value"] == 183
    then = show(store, "2026-02-05/russia", known_at=before_correction, with_history=True)
    assert figures_of(then, "Ukrainian Air Force")["Shahed-136/131"] == ("attack-drone", 183, 156)
    assert then["sources"][0]["corrections"] == []
    assert len(then["history"]) == len(now["history"]) - 1


def test_a_retraction_removes_the_claim_from_now_but_not_from_then(store):
    log_the_morning(store)
    before = datetime.now(UTC)
    store.log.retract_attack_claim("2026-02-05/ukraine", source="russian ministry of defence",
                                   reason="withdrawn")
    store.catch_up()
    [mod] = show(store, "2026-02-05/ukraine")["sources"]
    assert mod["figures"] == []
    assert mod["retractions"][0]["weapons"] == ["Drone"]
    assert show(store, "2026-02-05/ukraine", known_at=before)["sources"][0]["figures"][0]["weapon"] == "Drone"


def test_list_filters_by_dates_attacker_and_record_time(store):
    before_anything = datetime.now(UTC)
    log_the_morning(store)
    store.log.record_attack(date=date(2026, 2, 7), attacker="russia", source=AF,
                            figures=claims(launched="shahed=408"))
    store.catch_up()
    assert [a["date"] for a in _list(store, attacker="russia")] == ["2026-02-05", "2026-02-07"]
    assert [a["reference"] for a in _list(store, date_from=date(2026, 2, 6))] == ["2026-02-07/russia"]
    assert [a["reference"] for a in _list(store, as_of=date(2026, 2, 5), attacker="ukraine")] == [
        "2026-02-05/ukraine"
    ]
    assert _list(store, known_at=before_anything) == []
    with pytest.raises(NotFound, match="attack 2026-02-07/russia not found as of 2026-02-06"):
        show(store, "2026-02-07/russia", as_of=date(2026, 2, 6))


def test_the_date_rule_reads_the_clock_in_kyiv(store):
    late_evening = datetime(2026, 2, 4, 22, 30, tzinfo=UTC)  # already 5 February in Kyiv
    store.log.record_attack(date=date(2026, 2, 6), attacker="russia", source=AF, now=late_evening)
    with pytest.raises(RuleViolation, match="later than tomorrow in Kyiv"):
        store.log.record_attack(date=date(2026, 2, 7), attacker="russia", source=AF, now=late_evening)


def test_figure_rows_make_the_daily_summary_a_group_by(store):
    log_the_morning(store)
    store.log.record_attack(date=date(2026, 2, 5), attacker="russia", source=AF,
                            figures=claims(launched="gerbera=20 kalibr=3", destroyed="gerbera=15"))
    store.catch_up()
    with store.read() as tx:
        rows = tx.all(
            "SELECT attack_date, attacker, source, category, SUM(launched) AS launched, "
            "SUM(destroyed) AS destroyed FROM attack_figures WHERE recorded_to IS NULL "
            "GROUP BY attack_date, attacker, source, category ORDER BY attacker, category"
        )
    assert [(r["attacker"], r["source"], r["category"], r["launched"], r["destroyed"]) for r in rows] == [
        ("russia", "Ukrainian Air Force", "attack-drone", 183, 156),
        ("russia", "Ukrainian Air Force", "ballistic-missile", 2, 0),
        ("russia", "Ukrainian Air Force", "cruise-missile", 3, None),
        ("russia", "Ukrainian Air Force", "decoy-drone", 20, 15),
        ("ukraine", "Russian Ministry of Defence", "drone", None, 95),
    ]


def test_a_rebuild_equals_what_incremental_processing_produced(store):
    log_the_morning(store)
    store.log.correct_attack("2026-02-05/russia", source="Mayor of Kyiv", place="Kyiv",
                             injured=Figure.exact(3), reason="update")
    store.log.retract_attack_claim("2026-02-05/ukraine", source="Russian Ministry of Defence", reason="r")
    store.catch_up()
    before = [show(store, r, with_history=True) for r in ("2026-02-05/russia", "2026-02-05/ukraine")]
    store.runner.rebuild(["attacks"])
    assert [show(store, r, with_history=True) for r in ("2026-02-05/russia", "2026-02-05/ukraine")] == before


def test_history_is_read_from_the_log_as_far_as_the_read_tables_show_it(store):
    log_the_morning(store)
    before = show(store, "2026-02-05/russia", with_history=True)
    assert [e["event"] for e in before["history"]] == [
        "Attack.Reported", "Attack.FiguresRecorded", "Attack.CasualtiesRecorded", "Attack.CasualtiesRecorded"]
    store.log.correct_attack("2026-02-05/russia", source="Ukrainian Air Force",
                             figures=claims(launched="shahed=180"), reason="revised post")
    # In the log, not yet in the read tables: the history waits for them, so both show one moment.
    assert show(store, "2026-02-05/russia", with_history=True) == before
    store.catch_up()
    after = show(store, "2026-02-05/russia", with_history=True)
    assert [e["event"] for e in after["history"]] == [e["event"] for e in before["history"]] + [
        "Attack.FiguresCorrected"]
    assert after["history"][-1]["data"]["reason"] == "revised post"
