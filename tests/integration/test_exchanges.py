"""Prisoner exchanges through the application, projections and queries, on both backends."""

from datetime import UTC, date, datetime

import pytest
from sitlog.domain.errors import NotFound, RuleViolation
from sitlog.domain.prisoner_exchange import Numbers
from sitlog.domain.values import Source


def read(store, question: str, *args, **kwargs):
    """A question to the read facade (``store.reader``), answered as its JSON."""
    store.catch_up()
    return getattr(store.reader, question)(*args, **kwargs).model_dump(mode="json")


def earlier_exchange(log) -> None:
    """An exchange agreed in August 2025 and completed on 2 September 2025."""
    log.agree_exchange("2025-08-29", numbers=Numbers.checked(292))
    log.complete_exchange("2025-08-29", completed_on=date(2025, 9, 2),
                          numbers=Numbers.checked(None, 146, 146))


def test_the_first_exchange_in_five_months(store):
    earlier_exchange(store.log)
    store.log.agree_exchange("2026-02-05", numbers=Numbers.checked(314), mediator="United States",
                             source=Source(name="Steve Witkoff"))
    store.log.complete_exchange("2026-02-05", completed_on=date(2026, 2, 6),
                                numbers=Numbers.checked(None, 157, 157),
                                source=Source(name="Coordination Headquarters"))
    doc = read(store, "exchange", "2026-02-05")
    assert doc["previous_exchange"] == {"reference": "2025-08-29", "event": "completed", "date": "2025-09-02"}
    assert (doc["days_since_previous"], doc["months_since_previous"]) == (156, 5)
    assert doc["since_previous"] == "first exchange in 5 months"
    assert doc["agreed"]["total"] == 314 and doc["agreed"]["source"] == {"name": "Steve Witkoff", "url": None}
    assert doc["completed"] | {"source": None} == {"date": "2026-02-06", "total": 314,
                                                   "released_by_ukraine": 157, "released_by_russia": 157,
                                                   "wording": None, "source": None, "corroborated_by": []}
    assert doc["difference"]["summary"] == "released as agreed (314)"
    first = read(store, "exchange", "2025-08-29")
    assert (first["since_previous"], first["days_since_previous"]) == ("first exchange in the log", None)


def test_the_difference_between_agreed_and_released_is_shown(store):
    store.log.agree_exchange("2026-02-05", numbers=Numbers.checked(314, 157, 157))
    store.log.complete_exchange("2026-02-05", completed_on=date(2026, 2, 6),
                                numbers=Numbers.checked(None, 157, 150))
    difference = read(store, "exchange", "2026-02-05")["difference"]
    assert difference == {"total": -7, "released_by_ukraine": 0, "released_by_russia": -7,
                          "summary": "7 fewer released than agreed (307 released, 314 agreed)"}


def test_status_as_of_a_date_and_as_known_at_a_moment(store):
    store.log.agree_exchange("2026-02-05", numbers=Numbers.checked(314))
    store.log.postpone_exchange("2026-02-05", on=date(2026, 2, 6), reason="Lists not finalised")
    store.catch_up()
    before_completion = datetime.now(UTC)
    store.log.complete_exchange("2026-02-05", completed_on=date(2026, 2, 9), numbers=Numbers.checked(314))
    assert read(store, "exchange", "2026-02-05")["status"] == "completed"
    on_the_6th = read(store, "exchange", "2026-02-05", as_of=date(2026, 2, 6))
    assert (on_the_6th["status"], on_the_6th["completed"]) == ("postponed", None)
    assert on_the_6th["postponements"][0]["reason"] == "Lists not finalised"
    then = read(store, "exchange", "2026-02-05", known_at=before_completion, with_history=True)
    assert then["status"] == "postponed"
    assert [h["event"] for h in then["history"]] == ["PrisonerExchange.Agreed", "PrisonerExchange.Postponed"]
    with pytest.raises(NotFound, match="exchange 2026-02-05 not found as of 2026-02-04"):
        read(store, "exchange", "2026-02-05", as_of=date(2026, 2, 4))


def test_the_list_gives_each_exchange_its_gap(store):
    earlier_exchange(store.log)
    store.log.agree_exchange("2026-02-05", numbers=Numbers.checked(314))
    store.log.agree_exchange("2026-02-05/second", numbers=Numbers.checked(10))
    store.log.cancel_exchange("2026-02-05/second", on=date(2026, 2, 8), reason="Talks broke down")
    rows = read(store, "exchanges")
    assert [(r["reference"], r["status"], r["days_since_previous"]) for r in rows] == [
        ("2025-08-29", "completed", None), ("2026-02-05", "agreed", 156),
        ("2026-02-05/second", "cancelled", 156)]
    assert [r["reference"] for r in read(store, "exchanges", status="cancelled")] == ["2026-02-05/second"]
    assert [r["reference"] for r in read(store, "exchanges", as_of=date(2025, 12, 31))] == ["2025-08-29"]
    shown = read(store, "exchange", "2026-02-05/second")
    assert {k: shown[k] for k in ("days_since_previous", "since_previous")} == {
        k: rows[2][k] for k in ("days_since_previous", "since_previous")}


def test_links_to_a_negotiation_must_exist(store):
    with pytest.raises(NotFound, match="negotiation: us-brokered-talks not found; open it first"):
        store.log.agree_exchange("2026-02-05", numbers=Numbers.checked(314), negotiation="us-brokered-talks")
    assert store.info().events == 0


def test_rules_leave_the_log_untouched(store):
    store.log.agree_exchange("2026-02-05", numbers=Numbers.checked(314))
    store.log.cancel_exchange("2026-02-05", on=date(2026, 2, 6), reason="Talks broke down")
    with pytest.raises(RuleViolation, match="a cancelled exchange cannot be completed"):
        store.log.complete_exchange("2026-02-05", completed_on=date(2026, 2, 7), numbers=Numbers.checked(314))
    with pytest.raises(NotFound, match="exchange 2026-03-01 not found; record the agreement first"):
        store.log.complete_exchange("2026-03-01", completed_on=date(2026, 3, 2), numbers=Numbers.checked(1))
    assert store.info().events == 2


def test_a_repeated_agreement_is_a_no_op(store):
    assert store.log.agree_exchange("2026-02-05", numbers=Numbers.checked(314)).changed
    again = store.log.agree_exchange("2026-02-05", numbers=Numbers.checked(314))
    assert (again.changed, again.detail) == (False, "exchange 2026-02-05 is already recorded as agreed")
    assert store.info().events == 1


def test_a_rebuild_equals_incremental_processing(store):
    earlier_exchange(store.log)
    store.log.agree_exchange("2026-02-05", numbers=Numbers.checked(314))
    store.log.postpone_exchange("2026-02-05", on=date(2026, 2, 6), reason="Lists not finalised")
    incremental = read(store, "exchanges")
    store.runner.rebuild(["exchanges"])
    assert read(store, "exchanges") == incremental
