import re
from datetime import date
from decimal import Decimal

import pytest
from sitlog.adapters.mapper import JSONBytes, PydanticMapper
from sitlog.domain.casualty_estimate import CasualtyEstimate, Estimate, series_key
from sitlog.domain.errors import InvalidInput, NotFound, RuleViolation, WouldOverwrite
from sitlog.domain.ids import natural_id
from sitlog.domain.relative_change import Period, RelativeChange
from sitlog.domain.values import Figure, Qualifier

KEY = "ukraine-military/killed"
D = date.fromisoformat


def estimate(value: str = "~55000", source: str = "Volodymyr Zelenskyy", as_of: str = "2026-02-04",
             reported: str = "2026-02-04", **extra) -> Estimate:
    return Estimate.of(source=source, as_of=D(as_of), reported=D(reported),
                       figure=Figure.parse(value, field="value"), **extra)


def series(*estimates: Estimate) -> CasualtyEstimate:
    s = CasualtyEstimate(key=KEY, operator="ann")
    for e in estimates:
        assert s.record(e, operator="ann").changed
    return s


@pytest.mark.parametrize("key", ["ukraine-military/killed", "ukraine-civilians/injured", "ru2/missing"])
def test_series_keys_are_lower_case_slug_slash_slug(key):
    assert series_key(f" {key} ") == key


@pytest.mark.parametrize("typed", ["Ukraine-military/killed", "ukraine military/killed",
                                   "UKRAINE  MILITARY/Killed", "ukraine_military/killed",
                                   "Ukraine-Military / killed"])
def test_series_keys_fold_to_the_one_spelling_and_its_id(typed):
    # The id derives from the key: a key typed in its one spelling keeps the id it always had.
    assert series_key(typed) == "ukraine-military/killed"
    assert CasualtyEstimate.create_id(series_key(typed)) == natural_id("estimate", "ukraine-military/killed")
    assert str(natural_id("estimate", "ukraine-military/killed")) == "3407c126-9212-5cb7-adda-8af7399e0c58"


@pytest.mark.parametrize("key", ["ukraine", "a/b/c", "a//b", "ru/"])
def test_bad_series_keys_are_refused(key):
    with pytest.raises(InvalidInput, match=rf"^series: {re.escape(repr(key))} is not a series key \("):
        series_key(key)


@pytest.mark.parametrize(
    ("text", "start", "end", "shown"),
    [
        ("2025", "2025-01-01", "2025-12-31", "2025"),
        ("2024-02", "2024-02-01", "2024-02-29", "2024-02"),
        ("2025-12-31", "2025-12-31", "2025-12-31", "2025-12-31"),
        ("2025-01-01..2025-06-30", "2025-01-01", "2025-06-30", "2025-01-01..2025-06-30"),
        ("2023..2024", "2023-01-01", "2024-12-31", "2023..2024"),
        ("2025-03..2025-05", "2025-03-01", "2025-05-31", "2025-03-01..2025-05-31"),
    ],
)
def test_periods(text, start, end, shown):
    period = Period.parse(text)
    assert (period.start, period.end) == (D(start), D(end))
    assert str(period) == shown
    assert Period.parse(str(period)) == period


@pytest.mark.parametrize(("text", "fragment"), [
    ("last year", "is not a period"), ("2025-13", "is not a period"), ("2025..2024", "ends before it begins"),
    ("1..2..3", "is not a period"),
])
def test_bad_periods_name_the_field(text, fragment):
    with pytest.raises(InvalidInput, match=f"^baseline: {text!r} {fragment}"):
        Period.parse(text, "baseline")


def test_a_relative_change_is_a_signed_percentage_between_two_periods():
    change = RelativeChange.parse("+31%", "2025", "2024")
    assert change is not None
    assert change.percent == Decimal(31)
    assert str(change) == "+31% (2025 vs 2024)"
    assert RelativeChange.parse("-4.5%", "2025", "2024").percent == Decimal("-4.5")
    assert RelativeChange.parse("31", "2025", "2024") == change
    assert RelativeChange.parse(None, None, None) is None


@pytest.mark.parametrize(("args", "message"), [
    (("lots", "2025", "2024"), "change: 'lots' is not a percentage change (expected e.g. +31% or -4.5%)"),
    (("+31%", None, "2024"), "period: required with --change (e.g. --period 2025 --baseline 2024)"),
    (("+31%", "2025", None), "baseline: required with --change (e.g. --period 2025 --baseline 2024)"),
    ((None, "2025", None), "change: --period and --baseline go with --change (e.g. --change +31%)"),
])
def test_incomplete_changes_are_refused(args, message):
    with pytest.raises(InvalidInput) as caught:
        RelativeChange.parse(*args)
    assert str(caught.value) == message


def test_a_change_refers_by_default_to_the_end_of_its_period():
    change = RelativeChange.parse("+31%", "2025", "2024")
    e = Estimate.of(source="HRW", reported=D("2026-01-20"), change=change)
    assert e.as_of == D("2025-12-31")
    assert e.claim == "+31% (2025 vs 2024)"


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"as_of": D("2026-02-05")}, RuleViolation,
     "as-of: 2026-02-05 is after the report date 2026-02-04 (an estimate cannot refer to a date after it "
     "was reported)"),
    ({"figure": None}, InvalidInput,
     "value: an estimate needs a figure (--value) or a relative change (--change)"),
    ({"change": RelativeChange.parse("+1%", "2025", "2024")}, InvalidInput,
     "value: give a figure (--value) or a relative change (--change), not both"),
    ({"as_of": None}, InvalidInput, "as-of: required with --value (the date the figure refers to)"),
    ({"url": "example.org"}, InvalidInput,
     "url: 'example.org' is not a web address (expected http:// or https://...)"),
])
def test_estimate_rules(kwargs, error, message):
    args = {"source": "Z", "as_of": D("2026-02-04"), "reported": D("2026-02-04"), "figure": Figure.exact(5)}
    with pytest.raises(error) as caught:
        Estimate.of(**(args | kwargs)).check()
    assert str(caught.value) == message


@pytest.mark.parametrize(("change", "as_of", "message"), [
    (("-101%", "2025", "2024"), None, "change: -101% is below -100% (a count cannot fall further)"),
    (("+5%", "2025", "2025"), None, "baseline: 2025 does not come before the period 2025"),
    (("+5%", "2024", "2025"), None, "baseline: 2025 does not come before the period 2024"),
    (("+5%", "2025", "2024"), "2025-06-30", "as-of: 2025-06-30 is before the end of the period 2025"),
])
def test_change_rules(change, as_of, message):
    e = Estimate.of(source="HRW", reported=D("2026-01-20"), change=RelativeChange.parse(*change),
                    as_of=D(as_of) if as_of else None)
    with pytest.raises(RuleViolation) as caught:
        series().record(e, operator="ann")
    assert str(caught.value) == message


def test_values_are_non_negative_and_ranges_ordered():
    with pytest.raises(InvalidInput, match=r"^value: '-5' is not a figure"):
        Figure.parse("-5", field="value")
    with pytest.raises(InvalidInput, match=r"^value: '1\.\.9\.\.5' is not a valid figure: need low <= best"):
        Figure.parse("1..9..5", field="value")
    with pytest.raises(ValueError):
        Figure(low=10, best=20, high=15)


def test_the_same_estimate_twice_is_a_no_op_and_other_details_are_kept_as_first_recorded():
    s = series(estimate())
    again = s.record(estimate(statement="about 55,000"), operator="bob")
    assert not again.changed
    assert again.detail == ('ukraine-military/killed already has ~55000 from "Volodymyr Zelenskyy" '
                            "as of 2026-02-04")
    assert again.warnings == (
        "this repeat has a different statement; the estimate as first recorded is kept",
    )
    assert s.record(estimate(), operator="bob").warnings == ()
    assert len(s.collect_events()) == 2


def test_a_different_figure_for_the_same_source_and_date_points_at_correct():
    s = series(estimate())
    with pytest.raises(WouldOverwrite) as caught:
        s.record(estimate("~56000"), operator="bob")
    assert str(caught.value) == (
        'ukraine-military/killed already has ~55000 from "Volodymyr Zelenskyy" as of 2026-02-04; use '
        '`sitlog estimate correct ukraine-military/killed --source "Volodymyr Zelenskyy" --as-of 2026-02-04 '
        "... --reason ...` to change it"
    )
    assert len(s.collect_events()) == 2


def test_sources_match_case_insensitively_and_keep_their_first_spelling():
    s = series(estimate("<=140000", "CSIS", "2025-12-31", "2026-01-15"))
    assert not s.record(estimate("<=140000", "csis", "2025-12-31", "2026-01-15"), operator="b").changed
    s.record(estimate("<=150000", "Csis", "2026-01-31", "2026-02-15"), operator="b")
    assert {name for name, _ in s.estimates} == {"CSIS"}


def test_correct_replaces_the_figure_and_keeps_the_rest():
    s = series(estimate(url="https://example.org/a"))
    assert s.correct("volodymyr zelenskyy", D("2026-02-04"), Figure.parse("55000..60000"), None,
                     " misread ", operator="bob").changed
    corrected = s.estimates[("Volodymyr Zelenskyy", D("2026-02-04"))]
    assert corrected.figure == Figure(low=55000, high=60000)
    assert corrected.source.url == "https://example.org/a"
    event = s.collect_events()[-1]
    assert (type(event).__name__, event.reason, event.operator) == ("EstimateCorrected", "misread", "bob")
    again = s.correct("Volodymyr Zelenskyy", D("2026-02-04"), Figure.parse("55000..60000"), None, "x",
                      operator="bob")
    assert not again.changed and "is already 55000..60000" in again.detail


def test_correct_and_retract_refusals():
    s = series(estimate(), estimate(">46000", as_of="2025-02-16", reported="2025-02-16"))
    with pytest.raises(NotFound) as caught:
        s.correct("Volodymyr Zelenskyy", D("2026-01-01"), Figure.exact(1), None, "r", operator="b")
    assert str(caught.value) == ('ukraine-military/killed has no estimate from "Volodymyr Zelenskyy" as of '
                                 "2026-01-01 (it has 2025-02-16, 2026-02-04)")
    with pytest.raises(NotFound, match=r'from "CSIS" as of 2026-02-04 \(its sources: Volodymyr Zelenskyy\)'):
        s.retract("CSIS", D("2026-02-04"), "r", operator="b")
    with pytest.raises(InvalidInput, match=r"^reason: required \(why is it corrected\? --reason \.\.\.\)$"):
        s.correct("Volodymyr Zelenskyy", D("2026-02-04"), Figure.exact(1), None, "  ", operator="b")
    with pytest.raises(InvalidInput, match=r"^reason: required \(why is it retracted\? --reason \.\.\.\)$"):
        s.retract("Volodymyr Zelenskyy", D("2026-02-04"), "", operator="b")


def test_retraction_then_record_again():
    s = series(estimate())
    assert s.retract("Volodymyr Zelenskyy", D("2026-02-04"), "misattributed", operator="b").changed
    again = s.retract("Volodymyr Zelenskyy", D("2026-02-04"), "misattributed", operator="b")
    assert not again.changed and again.detail.endswith("is already retracted")
    with pytest.raises(RuleViolation, match="was retracted; record it again with `sitlog estimate record`"):
        s.correct("Volodymyr Zelenskyy", D("2026-02-04"), Figure.exact(1), None, "r", operator="b")
    assert s.record(estimate("~54000"), operator="b").changed
    assert not s.retracted


def test_events_round_trip_and_replay_to_the_same_state():
    s = series(estimate(statement="about 55,000"), estimate("<=140000", "CSIS", "2025-12-31", "2026-01-15"))
    s.record(Estimate.of(source="HRW", reported=D("2026-01-20"),
                         change=RelativeChange.parse("+31%", "2025", "2024")), operator="ann")
    s.correct("CSIS", D("2025-12-31"), Figure.parse("100000..140000"), None, "range", operator="bob")
    s.retract("HRW", D("2025-12-31"), "wrong series", operator="bob")
    mapper = PydanticMapper(transcoder=JSONBytes())
    replayed = None
    for original in s.collect_events():
        restored = mapper.to_domain_event(mapper.to_stored_event(original))
        assert restored == original
        replayed = restored.mutate(replayed)
    assert replayed.estimates == s.estimates and replayed.retracted == s.retracted
    assert replayed.estimates[("HRW", D("2025-12-31"))].change.percent == Decimal(31)
    assert replayed.estimates[("Volodymyr Zelenskyy", D("2026-02-04"))].figure.qualifier is Qualifier.ABOUT
    assert type(s).create_id(KEY) == replayed.id
