"""Log entries through the application, the projection and the queries, on both backends."""

import json
import time
from datetime import UTC, date, datetime
from datetime import time as clock

import pytest
from sitlog.domain.errors import InvalidInput, NotFound

from tests.integration.scenario import assert_like_a_rebuild

D = date.fromisoformat
TUSK = "Polish Prime Minister Donald Tusk arrived in Kyiv on Thursday for an official visit"
HRW = ("Human Rights Watch said that Ukrainian civilian casualties increased by 31 percent last year "
       "compared with 2024")
# Two texts whose entries (2026-02-05, "Desk") share their short reference, e-f995bdde: with 8 hex
# digits, a log of some 30,000 entries is likely to hold such a pair (the birthday paradox).
TWINS = ("Air raid alert number 28766", "Air raid alert number 29979")


def moment() -> datetime:
    """A record time strictly between the events recorded before and after it."""
    time.sleep(0.002)
    now = datetime.now(UTC)
    time.sleep(0.002)
    return now


def add_tusk(store, **details):
    return store.log.add_entry(on=D("2026-02-05"), category="diplomacy", text=TUSK, source="Reuters",
                               places=["Kyiv"], **details)


def entry_id(store, reference):
    store.catch_up()
    return store.reader.entry_id(reference)


def show(store, reference, **options):
    store.catch_up()
    return store.reader.entry(reference, **options).model_dump(mode="json")


def standing(store, **filters):
    store.catch_up()
    return store.reader.entries(**filters).root


def listed(store, **filters):
    store.catch_up()
    return [(e["reference"], e["status"]) for e in store.reader.entries(**filters).model_dump(mode="json")]


def rows(store, table):
    with store.read() as tx:
        return tx.all(f"SELECT * FROM {table} ORDER BY recorded_{'at' if 'changes' in table else 'from'}")


def test_an_entry_is_a_row_and_a_repeat_writes_nothing(store):
    added = add_tusk(store, at=None, url="https://www.reuters.com/world/tusk-kyiv")
    again = store.log.add_entry(on=D("2026-02-05"), category="diplomacy", text=f" {TUSK.lower()}. ",
                                source="REUTERS")
    assert (added.reference, added.changed, again.reference, again.changed) == (
        "e-10d51d33", True, "e-10d51d33", False)
    assert again.detail == "entry e-10d51d33 is already recorded (the same date, source and text)"
    other = store.log.add_entry(on=D("2026-02-05"), category="diplomacy", text=TUSK, source="AP")
    assert other.reference != added.reference  # sources are never merged
    assert store.info().events == 2
    store.catch_up()
    [row, _] = rows(store, "log_entries")
    assert {k: row[k] for k in ("reference", "entry_date", "entry_time", "category", "text", "source",
                                "source_key", "source_url", "places", "reported_at", "status", "operator",
                                "recorded_to")} == {
        "reference": "e-10d51d33", "entry_date": "2026-02-05", "entry_time": None, "category": "diplomacy",
        "text": TUSK, "source": "Reuters", "source_key": "reuters",
        "source_url": "https://www.reuters.com/world/tusk-kyiv", "places": '["Kyiv"]', "reported_at": None,
        "status": "recorded", "operator": "tester", "recorded_to": None}
    assert row["entry_id"] == str(entry_id(store, "e-10d51d33"))


def test_a_correction_and_a_retraction_are_new_rows_and_known_at_sees_before_them(store):
    add_tusk(store)
    tusk = entry_id(store, "e-10d51d33")
    store.log.add_entry(on=D("2026-02-05"), at=None, category="humanitarian", text=HRW,
                        source="Human Rights Watch")
    before_correction = moment()
    store.log.correct_entry(tusk, text="Tusk arrived in Lviv", on=D("2026-02-06"), places=["Lviv"],
                            reason="the visit was to Lviv")
    before_retraction = moment()
    store.log.retract_entry(tusk, reason="duplicate")
    now = show(store, "e-10d51d33")
    assert (now["status"], now["text"], now["date"], now["places"]) == (
        "retracted", "Tusk arrived in Lviv", "2026-02-06", ["Lviv"])
    assert [(c["kind"], c["reason"], [f["field"] for f in c["changes"]]) for c in now["corrections"]] == [
        ("corrected", "the visit was to Lviv", ["date", "text", "places"]), ("retracted", "duplicate", [])]
    then = show(store, "e-10d51d33", known_at=before_retraction)
    assert (then["status"], then["text"], len(then["corrections"])) == (
        "corrected", "Tusk arrived in Lviv", 1)
    first = show(store, "e-10d51d33", known_at=before_correction, with_history=True)
    assert (first["status"], first["text"], first["date"], first["corrections"]) == (
        "recorded", TUSK, "2026-02-05", [])
    assert [h["event"] for h in first["history"]] == ["LogEntry.Added"]
    # list leaves a retracted entry out; before the retraction it was there.
    hrw = store.reader.entries().root[0].reference
    assert listed(store) == [(hrw, "recorded")]
    assert listed(store, known_at=before_retraction) == [(hrw, "recorded"), ("e-10d51d33", "corrected")]
    assert listed(store, known_at=before_correction) == [("e-10d51d33", "recorded"), (hrw, "recorded")]
    # Three versions of the row, and one row per change, for the digest to read.
    versions = [(r["status"], r["entry_date"], r["recorded_to"] is None)
                for r in rows(store, "log_entries") if r["reference"] == "e-10d51d33"]
    assert versions == [("recorded", "2026-02-05", False), ("corrected", "2026-02-06", False),
                        ("retracted", "2026-02-06", True)]
    changes = rows(store, "log_entry_changes")
    assert [(c["reference"], c["kind"], c["reason"], c["operator"]) for c in changes] == [
        ("e-10d51d33", "corrected", "the visit was to Lviv", "tester"),
        ("e-10d51d33", "retracted", "duplicate", "tester")]
    assert json.loads(changes[0]["changes"])[0] == {"field": "date", "before": "2026-02-05",
                                                     "after": "2026-02-06"}
    assert json.loads(changes[1]["changes"]) == []
    assert_like_a_rebuild(store)


def test_filters_as_of_and_order(store):
    add_tusk(store, at=None)
    store.log.add_entry(on=D("2026-02-05"), at=clock(11, 20),
                        category="humanitarian", text=HRW, source="Human Rights Watch")
    store.log.add_entry(on=D("2026-02-04"), category="military", text="Shelling of Kharkiv",
                        source="Governor of Kharkiv", places=["Kharkiv"])
    every = [e.text for e in standing(store)]
    assert every == ["Shelling of Kharkiv", TUSK, HRW]  # by date, then time (none first)
    assert [e.category for e in store.reader.entries(category="Humanitarian").root] == ["humanitarian"]
    assert [e.source.name for e in store.reader.entries(source=" reuters ").root] == ["Reuters"]
    assert [e.date.isoformat() for e in store.reader.entries(date_from=D("2026-02-05")).root] == [
        "2026-02-05", "2026-02-05"]
    assert len(store.reader.entries(date_to=D("2026-02-04")).root) == 1
    assert len(store.reader.entries(as_of=D("2026-02-04")).root) == 1
    with pytest.raises(NotFound, match=r"^entry e-10d51d33 not found as of 2026-02-04$"):
        store.reader.entry("e-10d51d33", as_of=D("2026-02-04"))


def test_state_counts_entries_by_category_as_of_and_known_at(store):
    def counts(**options):
        store.catch_up()
        doc = store.reader.state(**options).model_dump(mode="json")["entries"]
        return {k: v for k, v in doc.items() if v}

    add_tusk(store)
    store.log.add_entry(on=D("2025-12-31"), category="humanitarian", text=HRW, source="Human Rights Watch")
    store.log.add_entry(on=D("2024-06-01"), category="political", text="Elections postponed", source="Rada")
    before = moment()
    tusk = entry_id(store, "e-10d51d33")
    store.log.correct_entry(tusk, category="political", on=D("2026-03-01"), reason="re-dated")
    assert counts(as_of=D("2026-02-05")) == {"humanitarian": 1, "political": 1, "total": 2}
    assert counts(as_of=D("2026-03-01")) == {"humanitarian": 1, "political": 2, "total": 3}
    assert counts(as_of=D("2026-02-05"), known_at=before) == {
        "diplomacy": 1, "humanitarian": 1, "political": 1, "total": 3}
    assert counts(as_of=D("2025-12-30")) == {"political": 1, "total": 1}
    store.log.retract_entry(tusk, reason="not news")
    assert counts(as_of=D("2026-03-01")) == {"humanitarian": 1, "political": 1, "total": 2}
    assert counts(as_of=D("2024-05-31")) == {}
    with store.read() as tx:  # a count that falls to zero leaves no current row
        assert tx.scalar("SELECT COUNT(*) AS n FROM log_entry_counts WHERE period LIKE '2026%' "
                         "AND recorded_to IS NULL") == 0
    assert_like_a_rebuild(store)


def test_two_entries_with_the_same_short_reference(store):
    refs = [store.log.add_entry(on=D("2026-02-05"), category="military", text=text, source="Desk").reference
            for text in TWINS]
    assert refs == ["e-f995bdde", "e-f995bdde"]
    store.catch_up()
    with pytest.raises(InvalidInput) as caught:
        store.reader.entry_id("e-f995bdde")
    assert str(caught.value) == (
        'entry: e-f995bdde names 2 entries: e-f995bdde7 (2026-02-05, "Desk"), e-f995bddee (2026-02-05, '
        '"Desk"); give one of these longer references')
    assert [store.reader.entry(ref).text for ref in ("e-f995bdde7", "E-F995BDDEE")] == list(reversed(TWINS))
    with pytest.raises(NotFound, match=r"^entry e-0123456789 not found \(see `sitlog entry list`\)$"):
        store.reader.entry_id("e-0123456789")


def test_a_rebuild_equals_incremental_processing(store):
    add_tusk(store)
    tusk = entry_id(store, "e-10d51d33")
    store.log.correct_entry(tusk, places=["Kyiv", "Lviv"], reason="he also went to Lviv")
    store.log.add_entry(on=D("2026-02-05"), category="humanitarian", text=HRW, source="Human Rights Watch")
    store.log.retract_entry(tusk, reason="duplicate")
    incremental = [e.model_dump() for e in standing(store)]
    shown = show(store, "e-10d51d33")
    store.runner.rebuild(["entries"])
    assert [e.model_dump() for e in standing(store)] == incremental
    assert show(store, "e-10d51d33") == shown
    assert_like_a_rebuild(store)
