from datetime import date

import pytest
from sitlog.domain.casualty_estimate import CasualtyEstimate, Estimate
from sitlog.domain.errors import InvalidInput
from sitlog.domain.partial_date import PartialDate, Precision
from sitlog.domain.values import Figure


@pytest.mark.parametrize(("text", "day", "precision"), [
    ("2026-02-05", date(2026, 2, 5), Precision.DAY), ("2025-02", date(2025, 2, 28), Precision.MONTH),
    ("2024-02", date(2024, 2, 29), Precision.MONTH), ("2025", date(2025, 12, 31), Precision.YEAR),
])
def test_a_date_stands_for_the_last_day_of_the_period_given_and_prints_as_typed(text, day, precision):
    partial = PartialDate.parse(f" {text} ")
    assert (partial.day, partial.precision, str(partial)) == (day, precision, text)


@pytest.mark.parametrize("text", ["2025-13", "early 2025", "25", "2025-2", "2025-02-30"])
def test_what_is_not_a_date_is_refused(text):
    with pytest.raises(InvalidInput, match=rf"^as-of: '{text}' is not a date \(expected YYYY-MM-DD, or "):
        PartialDate.parse(text, "as-of")


def test_an_estimate_event_of_an_earlier_release_reads_as_day_precision():
    # Events before precision carry full days and no precision fields.
    old = {"source": {"name": "CSIS"}, "as_of": "2025-12-31", "reported": "2026-01-27",
           "figure": {"value": 140000, "qualifier": "up-to"}}
    estimate = Estimate.model_validate(old)
    assert (estimate.as_of_precision, estimate.reported_precision, estimate.as_of_text) == (
        Precision.DAY, Precision.DAY, "2025-12-31")


def test_a_month_and_its_last_day_are_one_slot_of_a_series():
    series = CasualtyEstimate(key="x/killed", operator="ann")
    month = Estimate.of(source="A", reported=PartialDate.parse("2025-03"), as_of=PartialDate.parse("2025-02"),
                        figure=Figure.parse("over 46,000"))
    assert series.record(month, operator="ann").changed
    assert not series.record(Estimate.of(source="A", reported=date(2025, 3, 1), as_of=date(2025, 2, 28),
                                         figure=Figure.parse(">46000")), operator="ann").changed
