from datetime import UTC, datetime

import pytest
from sitlog.domain.clock import EARLIEST_DATE, LATEST_DATE, end_of_day_in_kyiv, parse_date, parse_instant
from sitlog.domain.errors import InvalidInput
from sitlog.domain.values import MAX_COUNT, Figure, Qualifier, Source


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("183", 183, Qualifier.EXACT),
        ("~95", 95, Qualifier.ABOUT),
        (">=5", 5, Qualifier.AT_LEAST),
        (">46000", 46000, Qualifier.MORE_THAN),
        ("<=140000", 140000, Qualifier.UP_TO),
        ("<6000", 6000, Qualifier.FEWER_THAN),
        ("nearly 15000", 15000, Qualifier.NEARLY),
        ("about 55,000", 55000, Qualifier.ABOUT),
        ("up-to 140000", 140000, Qualifier.UP_TO),
    ],
)
def test_inline_figure_syntax(text, value, qualifier):
    figure = Figure.parse(text)
    assert (figure.value, figure.qualifier) == (value, qualifier)
    assert Figure.parse(str(figure)) == figure  # what we print, we can read back


def test_ranges_with_and_without_best():
    assert Figure.parse("90..100") == Figure(low=90, high=100)
    assert Figure.parse("100000..120000..140000") == Figure(low=100000, best=120000, high=140000)
    assert Figure.parse("90..100").point == 90
    assert Figure.parse("1..5..9").point == 5


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("-5", "is not a figure"),
        ("lots", "is not a figure"),
        ("1.5", "is not a figure"),
        ("100..90", "low <= high"),
        ("1..9..5", "low <= best <= high"),
        ("~1..5", "a range takes no qualifier"),
    ],
)
def test_bad_figures_name_the_field_and_value(text, fragment):
    with pytest.raises(InvalidInput, match=fragment) as caught:
        Figure.parse(text, field="launched")
    assert str(caught.value).startswith(f"launched: {text!r}")


def test_negative_values_are_refused_by_the_model_too():
    with pytest.raises(ValueError):
        Figure(value=-1)


@pytest.mark.parametrize(
    "text", ["1000000001", "99999999999999999999999", "1..1_000_000_001", "~2,000,000,000"]
)
def test_counts_above_the_ceiling_are_refused_with_the_number(text):
    with pytest.raises(InvalidInput) as caught:
        Figure.parse(text, field="launched")
    largest = int(text.lstrip("~").split("..")[-1].replace(",", "").replace("_", ""))
    assert str(caught.value) == (
        f"launched: {largest} is more than 1,000,000,000, the largest count sitlog records"
    )


def test_the_ceiling_itself_is_a_count_and_the_model_refuses_more():
    assert Figure.parse("1,000,000,000").value == MAX_COUNT
    assert Figure.parse(f"0..{MAX_COUNT}").high == MAX_COUNT
    for fields in ({"value": MAX_COUNT + 1}, {"low": 0, "high": MAX_COUNT + 1}):
        with pytest.raises(ValueError):
            Figure(**fields)


def test_a_source_needs_a_name():
    with pytest.raises(InvalidInput, match=r"^source: required \(who said it\?"):
        Source(name="   ")
    assert Source(name="  Ukrainian   Air Force ").name == "Ukrainian Air Force"


def test_a_bare_date_means_the_end_of_that_day_in_kyiv():
    moment = parse_instant("2026-02-02")
    assert moment == end_of_day_in_kyiv(moment.date())
    assert moment.isoformat() == "2026-02-02T23:59:59.999999+02:00"  # UTC+2 in winter


def test_naive_timestamps_are_read_as_kyiv_time_and_an_offset_is_kept_as_typed():
    assert parse_instant("2026-02-02T08:00").isoformat() == "2026-02-02T08:00:00+02:00"
    assert parse_instant("2026-02-02T06:00Z").isoformat() == "2026-02-02T06:00:00+00:00"
    assert parse_instant("2026-07-02 08:00+03:00") == datetime(2026, 7, 2, 5, 0, tzinfo=UTC)
    with pytest.raises(InvalidInput, match="known-at: 'yesterday'"):
        parse_instant("yesterday")


@pytest.mark.parametrize(("parse", "text"), [
    (parse_date, "1899-12-31"), (parse_date, "3000-01-01"), (parse_date, "0001-01-01"),
    (parse_instant, "0001-01-01T00:00+14:00"), (parse_instant, "9999-12-31"),
    (parse_instant, "3000-01-01T00:00"),
])
def test_dates_outside_the_range_are_refused(parse, text):
    with pytest.raises(InvalidInput) as caught:
        parse(text, "as-of")
    outside = "is outside the dates sitlog records (1900-01-01 to 2999-12-31)"
    assert str(caught.value) == f"as-of: {text!r} {outside}"


def test_the_first_and_last_dates_and_their_arithmetic_are_fine():
    assert parse_date("1900-01-01") == EARLIEST_DATE and parse_date("2999-12-31") == LATEST_DATE
    assert parse_instant("2999-12-31").astimezone(UTC).date() == LATEST_DATE  # the end of the day in Kyiv
    assert parse_instant("2999-12-31T23:59-12:00").astimezone(UTC).year == 3000  # still a datetime in UTC
    assert parse_instant("1900-01-01T00:00+14:00").astimezone(UTC).year == 1899


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("about 95", 95, Qualifier.ABOUT), ("around 95", 95, Qualifier.ABOUT),
        ("nearly 15,000", 15000, Qualifier.NEARLY), ("almost 15,000", 15000, Qualifier.NEARLY),
        ("up to 140,000", 140000, Qualifier.UP_TO), ("as many as 325,000", 325000, Qualifier.UP_TO),
        ("at most 7", 7, Qualifier.UP_TO), ("more than 40,000", 40000, Qualifier.MORE_THAN),
        ("over 46,000", 46000, Qualifier.MORE_THAN), ("at least 5", 5, Qualifier.AT_LEAST),
        ("fewer than 6,000", 6000, Qualifier.FEWER_THAN), ("less than 6,000", 6000, Qualifier.FEWER_THAN),
        ("Up To 140,000", 140000, Qualifier.UP_TO), ("46,000", 46000, Qualifier.EXACT),
        ("1,000,000", 1_000_000, Qualifier.EXACT), ("≥ 7", 7, Qualifier.AT_LEAST),
    ],
)
def test_figures_in_the_sources_words_keep_their_wording(text, value, qualifier):
    figure = Figure.parse(text)
    assert (figure.value, figure.qualifier, figure.wording) == (value, qualifier, text)
    assert figure == Figure(value=value, qualifier=qualifier)  # the same figure however worded
    assert Figure.parse(str(figure)).wording is None  # the inline syntax needs no wording


@pytest.mark.parametrize("text", ["100,000-140,000", "100000–140000", "100000 to 140000", "100000..140000",
                                  "between 100,000 and 140,000", "100,000 — 140,000"])
def test_ranges_in_the_sources_words(text):
    figure = Figure.parse(text)
    assert figure == Figure(low=100000, high=140000)
    assert figure.wording == (None if text == "100000..140000" else text)


@pytest.mark.parametrize("text", ["1,5", "15,00", "1,5000", "46,00,000"])
def test_a_comma_that_does_not_group_thousands_is_refused(text):
    with pytest.raises(InvalidInput) as caught:
        Figure.parse(text, field="launched shahed")
    assert str(caught.value) == (f"launched shahed: {text!r} is not a figure (a comma only groups thousands, "
                                 "as in 46,000; sitlog records whole numbers)")


def test_a_qualified_range_in_words_is_refused():
    with pytest.raises(InvalidInput, match="a range takes no qualifier"):
        Figure.parse("about 100,000-140,000")
