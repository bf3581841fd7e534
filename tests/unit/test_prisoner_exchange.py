from datetime import date

import pytest
from sitlog.domain.errors import InvalidInput, RuleViolation, WouldOverwrite
from sitlog.domain.prisoner_exchange import (
    ExchangeStatus,
    Numbers,
    PrisonerExchange,
    gap_phrase,
    parse_reference,
    whole_months,
)
from sitlog.domain.values import Source

FEB5, FEB6 = date(2026, 2, 5), date(2026, 2, 6)


def agreed(total: int | None = 314, **changes) -> PrisonerExchange:
    fields = dict(numbers=Numbers.checked(total), mediator="United States", negotiation="us-brokered-talks",
                  source=Source(name="Steve Witkoff"), operator="ann")
    x = PrisonerExchange.agree("2026-02-05", **{**fields, **changes})
    x.collect_events()
    return x


def complete(x: PrisonerExchange, on: date = FEB6, ukraine: int = 157, russia: int = 157) -> None:
    x.complete(completed_on=on, numbers=Numbers.checked(None, ukraine, russia),
               source=Source(name="Coordination Headquarters"), operator="ann")


def test_references_are_a_date_and_an_optional_label():
    assert parse_reference("2026-02-05") == ("2026-02-05", FEB5)
    assert parse_reference(" 2026-02-05/Second ") == ("2026-02-05/second", FEB5)
    with pytest.raises(InvalidInput, match=r"exchange: 'feb 5' is not an exchange reference \(expected DATE"):
        parse_reference("feb 5")
    with pytest.raises(InvalidInput, match="exchange: '2026-02-30' does not start with a real date"):
        parse_reference("2026-02-30")


def test_the_id_is_the_natural_key_of_the_agreement():
    assert agreed().id == PrisonerExchange.create_id("2026-02-05")
    assert agreed().agreed_on == FEB5


@pytest.mark.parametrize(("numbers", "error", "message"), [
    ((None, None, None), InvalidInput, "numbers: none given (a total, or the numbers released by each side)"),
    ((-5, None, None), InvalidInput, "total: -5 is negative"),
    ((None, 10, -1), InvalidInput, "released-by-russia: -1 is negative"),
    ((10**23, None, None), InvalidInput,
     f"total: {10**23} is more than 1,000,000,000, the largest count sitlog records"),
    ((None, 1_000_000_001, 5), InvalidInput,
     "released-by-ukraine: 1000000001 is more than 1,000,000,000, the largest count sitlog records"),
    ((314, 150, 157), RuleViolation,
     "total: 314 is not released-by-ukraine 150 + released-by-russia 157 = 307"),
    ((100, 157, None), RuleViolation, "released-by-ukraine: 157 is more than the total 100"),
])
def test_counts_are_non_negative_bounded_and_consistent_with_the_total(numbers, error, message):
    with pytest.raises(error) as caught:
        Numbers.checked(*numbers)
    assert str(caught.value) == message


def test_the_overall_number_is_the_total_or_both_sides():
    assert Numbers.checked(314).overall == 314
    assert Numbers.checked(None, 157, 157).overall == 314
    assert Numbers.checked(None, 157).overall is None
    assert str(Numbers.checked(314, 157, 157)) == "total 314, by Ukraine 157, by Russia 157"


def test_unchecked_numbers_are_checked_by_the_aggregate_too():
    with pytest.raises(InvalidInput, match="total: -1 is negative"):
        agreed(numbers=Numbers(total=-1))
    x = agreed()
    with pytest.raises(RuleViolation, match="total: 10 is not"):
        x.complete(completed_on=FEB6, numbers=Numbers(total=10, released_by_ukraine=1, released_by_russia=1),
                   source=None, operator="ann")
    assert x.pending_events == []


def test_completion_numbers_may_differ_from_the_agreement():
    x = agreed()
    complete(x, ukraine=157, russia=150)
    [done] = x.collect_events()
    assert done.numbers.overall == 307
    assert x.status is ExchangeStatus.COMPLETED


def test_completion_is_not_before_the_agreement():
    x = agreed()
    with pytest.raises(RuleViolation) as caught:
        complete(x, on=date(2026, 2, 4))
    assert str(caught.value) == "date: 2026-02-04 is before the agreement on 2026-02-05"
    assert x.pending_events == []


def test_no_completion_after_cancellation():
    x = agreed()
    x.cancel(on=FEB6, reason="Talks broke down", source=None, operator="ann")
    x.collect_events()
    with pytest.raises(RuleViolation) as caught:
        complete(x, on=date(2026, 2, 7))
    assert str(caught.value) == (
        "exchange 2026-02-05 was cancelled on 2026-02-06 (Talks broke down); "
        "a cancelled exchange cannot be completed"
    )
    assert x.pending_events == []


def test_completing_again_is_a_no_op_or_would_overwrite():
    x = agreed()
    complete(x)
    x.collect_events()
    complete(x)
    assert x.pending_events == []
    with pytest.raises(WouldOverwrite, match="already recorded as completed on 2026-02-06"):
        complete(x, russia=150)


def test_a_postponed_exchange_can_still_be_completed():
    x = agreed()
    x.postpone(on=FEB6, reason="Lists not finalised", source=None, operator="ann")
    x.postpone(on=FEB6, reason="Lists not finalised", source=None, operator="ann")
    complete(x, on=date(2026, 2, 9))
    assert [type(e).__name__ for e in x.collect_events()] == ["Postponed", "Completed"]


@pytest.mark.parametrize("act", ["postpone", "cancel"])
def test_a_completed_exchange_cannot_be_postponed_or_cancelled(act):
    x = agreed()
    complete(x)
    x.collect_events()
    with pytest.raises(RuleViolation, match=f"was completed on 2026-02-06; it cannot be {act}"):
        getattr(x, act)(on=date(2026, 2, 7), reason="x", source=None, operator="ann")


def test_cancelling_again_is_a_no_op_and_a_reason_is_required():
    x = agreed()
    x.cancel(on=FEB6, reason="Talks broke down", source=None, operator="ann")
    x.cancel(on=FEB6, reason="Talks  broke down", source=None, operator="ann")
    assert len(x.collect_events()) == 1
    with pytest.raises(InvalidInput, match=r"^reason: required \(why is it cancelled\? --reason \.\.\.\)$"):
        agreed().cancel(on=FEB6, reason=" ", source=None, operator="ann")


def test_agreeing_again_is_fine_only_if_identical():
    agreed().confirm_agreement(agreed(), operator="ann")
    with pytest.raises(WouldOverwrite, match=r"already recorded as agreed .*total 314"):
        agreed().confirm_agreement(agreed(total=300), operator="ann")


@pytest.mark.parametrize(("previous", "current", "months", "phrase"), [
    (date(2025, 9, 2), date(2026, 2, 5), 5, "first exchange in 5 months"),
    (date(2026, 1, 6), date(2026, 2, 5), 0, "30 days after the previous exchange"),
    (date(2026, 1, 5), date(2026, 2, 5), 1, "first exchange in 1 month"),
    (date(2026, 2, 4), date(2026, 2, 5), 0, "1 day after the previous exchange"),
    (date(2025, 1, 31), date(2025, 2, 28), 0, "28 days after the previous exchange"),
])
def test_the_gap_is_counted_in_whole_calendar_months(previous, current, months, phrase):
    assert whole_months(previous, current) == months
    assert gap_phrase(previous, current) == phrase


def test_the_first_exchange_has_no_gap():
    assert gap_phrase(None, FEB5) == "first exchange in the log"
    assert (date(2026, 2, 5) - date(2025, 9, 2)).days == 156
