"""Negotiations through the application, projections and queries, on both backends."""

from datetime import UTC, date, datetime

import pytest
from sitlog.domain.errors import NotFound, RuleViolation
from sitlog.domain.negotiation import OutcomeKind, Participant, StatementKind
from sitlog.domain.prisoner_exchange import Numbers
from sitlog.domain.values import Source

SLUG = "us-brokered-talks"
PEOPLE = [Participant.parse(p) for p in (
    "Steve Witkoff|US special envoy|United States",
    "Jared Kushner||United States",
    "Rustem Umerov|Secretary of the National Security and Defense Council|Ukraine",
    "Alexus Grynkewich|NATO Supreme Allied Commander Europe|NATO",
)]


def open_talks(log) -> None:
    log.open_negotiation(SLUG, title="US-brokered Russia-Ukraine talks", mediator="United States",
                         parties=["Ukraine", "Russia"], opened_on=date(2026, 1, 23))


def log_the_day(log) -> None:
    open_talks(log)
    log.hold_round(SLUG, held_on=date(2026, 2, 5), venue="Abu Dhabi", day=2, participants=PEOPLE,
                   source=Source(name="Rustem Umerov"))
    log.record_statement(SLUG, made_on=date(2026, 2, 5), by="Steve Witkoff", text="detailed and productive",
                         source=Source(name="Steve Witkoff"))
    log.agree_exchange("2026-02-05", numbers=Numbers.checked(314), negotiation=SLUG, mediator="United States",
                       source=Source(name="Steve Witkoff"))
    log.record_outcome(SLUG, reached_on=date(2026, 2, 5), kind=OutcomeKind.AGREEMENT,
                       text="Agreed to exchange 314 prisoners", exchange="2026-02-05")
    log.record_outcome(SLUG, reached_on=date(2026, 2, 5), kind=OutcomeKind.NO_BREAKTHROUGH,
                       text="No major breakthrough")
    log.raise_issue(SLUG, raised_on=date(2026, 2, 5), topic="Future control of the Donbas",
                    by="Volodymyr Zelenskyy")


def read(store, question: str, *args, **kwargs):
    """A question to the read facade (``store.reader``), answered as its JSON."""
    store.catch_up()
    return getattr(store.reader, question)(*args, **kwargs).model_dump(mode="json")


def test_the_day_is_read_back_with_every_fact(store):
    log_the_day(store.log)
    doc = read(store, "negotiation", SLUG)
    assert (doc["title"], doc["mediator"], doc["parties"]) == (
        "US-brokered Russia-Ukraine talks", "United States", ["Ukraine", "Russia"])
    assert (doc["status"], doc["round_count"], doc["last_round_on"]) == ("open", 1, "2026-02-05")
    [held] = doc["rounds"]
    assert (held["venue"], held["day"], held["source"]["name"]) == ("Abu Dhabi", 2, "Rustem Umerov")
    assert [(p["name"], p["role"], p["affiliation"]) for p in held["participants"]] == [
        (p.name, p.role, p.affiliation) for p in PEOPLE]
    assert doc["statements"][0] | {"source": None} == {
        "number": 3, "date": "2026-02-05", "date_precision": "day", "by": "Steve Witkoff",
        "kind": StatementKind.QUOTE.value,
        "text": "detailed and productive", "source": None}
    agreement, stalemate = doc["outcomes"]
    assert agreement["exchange"]["total"] == 314 and agreement["exchange"]["reference"] == "2026-02-05"
    assert (stalemate["kind"], stalemate["exchange"]) == ("no-breakthrough", None)
    assert doc["issues"][0]["topic"] == "Future control of the Donbas"
    assert doc["exchanges"] == [{"reference": "2026-02-05", "agreed_on": "2026-02-05", "total": 314,
                                 "released_by_ukraine": None, "released_by_russia": None}]


def test_rounds_group_the_days_of_one_round(store):
    open_talks(store.log)
    for held_on, venue, day in ((date(2026, 2, 4), "Abu Dhabi", 1), (date(2026, 2, 5), "Abu Dhabi", 2),
                                (date(2026, 3, 10), "Geneva", None)):
        store.log.hold_round(SLUG, held_on=held_on, venue=venue, day=day, participants=PEOPLE[:1])
    doc = read(store, "negotiation", SLUG)
    assert (doc["round_count"], doc["meeting_days"], doc["last_round_on"]) == (2, 3, "2026-03-10")
    as_of = read(store, "negotiation", SLUG, as_of=date(2026, 2, 4))
    assert (as_of["round_count"], as_of["meeting_days"], as_of["last_round_on"]) == (1, 1, "2026-02-04")


def test_a_repeated_round_is_a_no_op_and_another_source_adds_people(store):
    open_talks(store.log)
    first = store.log.hold_round(SLUG, held_on=date(2026, 2, 5), venue="Abu Dhabi", day=2,
                                 participants=PEOPLE[:3])
    events = store.info().events
    again = store.log.hold_round(SLUG, held_on=date(2026, 2, 5), venue="Abu Dhabi", day=2,
                                 participants=PEOPLE[:3])
    assert first.changed and not again.changed and "already recorded" in again.detail
    assert store.info().events == events
    store.log.hold_round(SLUG, held_on=date(2026, 2, 5), venue="Abu Dhabi", day=2, participants=PEOPLE[3:],
                         source=Source(name="NATO spokesperson"))
    [held] = read(store, "negotiation", SLUG)["rounds"]
    assert [p["name"] for p in held["participants"]] == [p.name for p in PEOPLE]
    assert held["participants"][3]["source"]["name"] == "NATO spokesperson"


def test_status_as_of_a_date_and_the_list_of_open_negotiations(store):
    log_the_day(store.log)
    store.log.open_negotiation("istanbul-talks", title="Istanbul talks", parties=["Ukraine", "Russia"],
                               opened_on=date(2025, 5, 16))
    store.log.conclude_negotiation("istanbul-talks", on=date(2025, 7, 23), reason="No further rounds")
    now = read(store, "negotiations")
    assert [(n["slug"], n["status"]) for n in now] == [("istanbul-talks", "concluded"), (SLUG, "open")]
    assert [n["slug"] for n in read(store, "negotiations", status="open")] == [SLUG]
    assert read(store, "negotiations", status="open")[0]["last_round_on"] == "2026-02-05"
    back_then = read(store, "negotiations", as_of=date(2025, 6, 1))
    assert [(n["slug"], n["status"]) for n in back_then] == [("istanbul-talks", "open")]


def test_known_at_shows_what_the_log_said_then(store):
    open_talks(store.log)
    store.catch_up()
    before_the_round = datetime.now(UTC)
    store.log.hold_round(SLUG, held_on=date(2026, 2, 5), venue="Abu Dhabi", day=2, participants=PEOPLE)
    store.log.suspend_negotiation(SLUG, on=date(2026, 2, 10), reason="Delegation recalled")
    assert read(store, "negotiation", SLUG)["status"] == "suspended"
    then = read(store, "negotiation", SLUG, known_at=before_the_round, with_history=True)
    assert (then["status"], then["round_count"], then["rounds"]) == ("open", 0, [])
    assert [h["event"] for h in then["history"]] == ["Negotiation.Opened"]
    with pytest.raises(NotFound, match="negotiation us-brokered-talks not found as known at 2000-01-01"):
        read(store, "negotiation", SLUG, known_at=datetime(2000, 1, 1, tzinfo=UTC))
    with pytest.raises(NotFound, match="not found as of 2026-01-01"):
        read(store, "negotiation", SLUG, as_of=date(2026, 1, 1))


def test_rules_leave_the_log_untouched(store):
    open_talks(store.log)
    store.log.conclude_negotiation(SLUG, on=date(2026, 3, 1), reason="Settlement signed")
    events = store.info().events
    with pytest.raises(RuleViolation, match="a concluded negotiation takes no new rounds"):
        store.log.hold_round(SLUG, held_on=date(2026, 3, 2), venue="Geneva")
    with pytest.raises(NotFound, match="exchange: 2026-02-05 not found; record it first"):
        store.log.record_outcome(SLUG, reached_on=date(2026, 2, 5), kind=OutcomeKind.AGREEMENT, text="x",
                                 exchange="2026-02-05")
    with pytest.raises(NotFound, match="negotiation nowhere not found; open it first"):
        store.log.record_statement("nowhere", made_on=date(2026, 2, 5), by="x", text="y")
    assert store.info().events == events


def test_a_rebuild_equals_incremental_processing(store):
    log_the_day(store.log)
    store.log.suspend_negotiation(SLUG, on=date(2026, 2, 10), reason="Delegation recalled")
    incremental = read(store, "negotiation", SLUG), read(store, "negotiations")
    store.runner.rebuild(["negotiations", "exchanges"])
    assert (read(store, "negotiation", SLUG), read(store, "negotiations")) == incremental
