"""Casualty estimates through the application, the projection and the queries, on both backends."""

from datetime import date, datetime

import pytest
from sitlog.domain.errors import NotFound
from sitlog.domain.relative_change import RelativeChange
from sitlog.domain.values import Figure

KILLED = "ukraine-military/killed"
D = date.fromisoformat


def record(store, value, source, as_of, reported, series=KILLED, **extra):
    return store.log.record_estimate(series, source=source, as_of=D(as_of), reported=D(reported),
                                     figure=Figure.parse(value), **extra)


def show(store, series=KILLED, **filters):
    store.catch_up()
    return store.reader.series(series, **filters).model_dump(mode="json")


def latest(store, **filters):
    store.catch_up()
    return store.reader.estimates(**filters).model_dump(mode="json")


def moment(recorded_at: str) -> datetime:
    return datetime.fromisoformat(recorded_at.replace("Z", "+00:00"))


@pytest.fixture
def killed(store):
    record(store, ">46000", "Volodymyr Zelenskyy", "2025-02-16", "2025-02-16")
    record(store, "~55000", "Volodymyr Zelenskyy", "2026-02-04", "2026-02-04", url="https://example.org/a")
    record(store, "<=140000", "CSIS", "2025-12-31", "2026-01-15")
    return store


def test_latest_per_source_and_history_with_changes(killed):
    doc = show(killed)
    assert (doc["series"], doc["subject"], doc["measure"]) == (KILLED, "ukraine-military", "killed")
    assert [(e["source"], e["text"]) for e in doc["latest"]] == [("Volodymyr Zelenskyy", "~55000"),
                                                                 ("CSIS", "<=140000")]
    assert doc["latest"][1]["figure"] == {"value": 140000, "qualifier": "up-to", "low": None, "best": None,
                                          "high": None}
    zelenskyy = next(s for s in doc["sources"] if s["source"] == "Volodymyr Zelenskyy")["estimates"]
    assert [e["as_of"] for e in zelenskyy] == ["2025-02-16", "2026-02-04"]
    assert zelenskyy[0]["since_previous"] is None
    assert zelenskyy[1]["since_previous"] == {
        "previous_as_of": "2025-02-16", "previous": ">46000", "difference": 9000, "percent": 19.6,
        "approximate": True, "note": None,
    }
    assert zelenskyy[1]["url"] == "https://example.org/a"
    assert zelenskyy[1]["operator"] == "tester"


def test_a_repeat_writes_nothing(killed):
    before = killed.info().events
    outcome = record(killed, "~55000", "Volodymyr Zelenskyy", "2026-02-04", "2026-02-04")
    assert not outcome.changed
    assert killed.info().events == before


def test_as_of_keeps_estimates_up_to_the_date(killed):
    doc = show(killed, as_of=D("2025-12-31"))
    assert [(e["source"], e["text"]) for e in doc["latest"]] == [("CSIS", "<=140000"),
                                                                 ("Volodymyr Zelenskyy", ">46000")]
    assert doc["as_of"] == "2025-12-31"
    assert show(killed, as_of=D("2025-01-01"))["latest"] == []


def test_a_correction_is_a_new_row_and_known_at_sees_the_old_one(killed):
    before = show(killed)["latest"][1]
    killed.log.correct_estimate(KILLED, source="csis", as_of=D("2025-12-31"),
                                figure=Figure.parse("100000..140000"), reason="the report gives a range")
    after = show(killed)["latest"][1]
    assert (after["text"], after["status"], after["replaces"]) == ("100000..140000", "corrected", "<=140000")
    assert after["reason"] == "the report gives a range"
    assert after["figure"]["qualifier"] is None
    assert show(killed, known_at=moment(before["recorded_at"]))["latest"][1] == before
    with killed.read() as tx:
        assert tx.scalar("SELECT COUNT(*) AS n FROM casualty_estimates WHERE source = 'CSIS'") == 2


def test_a_retraction_falls_back_to_the_previous_figure(killed):
    killed.log.retract_estimate(KILLED, source="Volodymyr Zelenskyy", as_of=D("2026-02-04"),
                                reason="misattributed")
    record(killed, "50000", "Volodymyr Zelenskyy", "2026-03-01", "2026-03-01")
    doc = show(killed, source="volodymyr zelenskyy")
    assert [e["text"] for e in doc["latest"]] == ["50000"]
    [history] = doc["sources"]
    assert [(e["text"], e["status"]) for e in history["estimates"]] == [
        (">46000", "recorded"), ("~55000", "retracted"), ("50000", "recorded")]
    retracted, last = history["estimates"][1:]
    assert (retracted["reason"], retracted["since_previous"]) == ("misattributed", None)
    assert (last["since_previous"]["previous"], last["since_previous"]["difference"]) == (">46000", 4000)
    assert [e["text"] for e in show(killed, as_of=D("2026-02-28"))["latest"]] == ["<=140000", ">46000"]


def test_ranges_and_relative_changes_are_not_compared(store):
    record(store, "90..100", "UCDP", "2024-12-31", "2025-01-10")
    record(store, "80..95..110", "UCDP", "2025-12-31", "2026-01-10")
    record(store, "0", "Desk", "2025-01-01", "2025-01-01")
    record(store, "12", "Desk", "2025-02-01", "2025-02-01")
    since = {s["source"]: s["estimates"][-1]["since_previous"] for s in show(store)["sources"]}
    assert since["UCDP"]["note"] == "not computed: ranges are not compared"
    assert (since["UCDP"]["difference"], since["UCDP"]["percent"]) == (None, None)
    assert since["Desk"] == {
        "previous_as_of": "2025-01-01", "previous": "0", "difference": 12, "percent": None,
        "approximate": False, "note": "no percentage: the previous figure is 0",
    }


def test_a_relative_change_is_stored_as_such(store):
    store.log.record_estimate("ukraine-civilians/casualties", source="Human Rights Watch",
                              reported=D("2026-01-20"), change=RelativeChange.parse("+31%", "2025", "2024"))
    [e] = show(store, "ukraine-civilians/casualties")["latest"]
    assert (e["kind"], e["figure"], e["as_of"]) == ("change", None, "2025-12-31")
    assert e["text"] == "+31% (2025 vs 2024)"
    assert e["change"] == {
        "percent": 31,
        "period": {"label": "2025", "start": "2025-01-01", "end": "2025-12-31"},
        "baseline": {"label": "2024", "start": "2024-01-01", "end": "2024-12-31"},
    }


def test_latest_across_series_as_of_and_known_at(killed):
    record(killed, "325000", "CSIS", "2025-12-31", "2026-01-15", series="russia-military/killed")
    first = latest(killed, subject="russia-military")[0]["recorded_at"]
    record(killed, "<6000", "Russian Ministry of Defence", "2022-09-21", "2022-09-21",
           series="russia-military/killed")
    rows = latest(killed)
    assert [(e["series"], e["source"], e["text"]) for e in rows] == [
        ("russia-military/killed", "CSIS", "325000"),
        ("russia-military/killed", "Russian Ministry of Defence", "<6000"),
        ("ukraine-military/killed", "Volodymyr Zelenskyy", "~55000"),
        ("ukraine-military/killed", "CSIS", "<=140000"),
    ]
    assert [e["series"] for e in latest(killed, source="csis")] == [
        "russia-military/killed", "ukraine-military/killed"]
    assert [e["text"] for e in latest(killed, as_of=D("2025-06-30"))] == ["<6000", ">46000"]
    known = latest(killed, subject="russia-military", known_at=moment(first))
    assert [e["source"] for e in known] == ["CSIS"]


def test_rebuild_equals_incremental(killed):
    killed.log.correct_estimate(KILLED, source="CSIS", as_of=D("2025-12-31"), figure=Figure.parse("<=150000"),
                                reason="typo")
    killed.log.retract_estimate(KILLED, source="CSIS", as_of=D("2025-12-31"), reason="withdrawn")
    before = show(killed)
    killed.runner.rebuild(["estimates"])
    assert show(killed) == before


def test_unknown_series_and_estimates(store):
    with pytest.raises(NotFound, match=r"^no estimates for a/b \(see `sitlog estimate"):
        store.reader.series("a/b")
    with pytest.raises(NotFound, match=r"^no estimates for a/b yet"):
        store.log.retract_estimate("a/b", source="X", as_of=D("2025-01-01"), reason="r")
    assert store.info().events == 0
