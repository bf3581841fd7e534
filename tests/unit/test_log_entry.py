"""Log entries, the aggregate alone: identity, rules, corrections and retractions."""

import unicodedata
from datetime import UTC, date, datetime, time

import pytest
from sitlog.domain.errors import InvalidInput, RuleViolation, WouldOverwrite
from sitlog.domain.log_entry import LogEntry
from sitlog.domain.log_entry_values import (
    Entry,
    EntryCategory,
    entry_reference,
    parse_entry_date,
    parse_entry_reference,
    parse_entry_time,
)
from sitlog.domain.text_limits import check_text_lengths
from sitlog.domain.values import Source

FEB5 = date(2026, 2, 5)
TUSK = "Polish Prime Minister Donald Tusk arrived in Kyiv on Thursday for an official visit"
DIPLOMACY = EntryCategory.DIPLOMACY
NOT_A_TIME = "is not a time of day (expected HH:MM, Kyiv time, e.g. 09:30)"


def entry(text: str = TUSK, source: str = "Reuters", on: date = FEB5, **details) -> Entry:
    fields = {"category": DIPLOMACY, "places": ("Kyiv",), **details}
    url, published = fields.pop("url", None), fields.pop("published_at", None)
    return Entry.of(on=on, text=text, source=Source(name=source, url=url, published_at=published), **fields)


def added(**details) -> LogEntry:
    x = LogEntry.add(entry(**details), operator="ann")
    x.collect_events()
    return x


def test_the_id_is_the_date_the_source_and_the_text_however_typed():
    same = LogEntry.create_id(entry())
    decomposed = unicodedata.normalize("NFD", "Zelenskyy’s café")
    assert LogEntry.create_id(entry(text=f"  {TUSK.upper()}.  ", source=" reuters ")) == same
    assert LogEntry.create_id(entry(text="«" + TUSK.replace(" ", "   ") + "»!")) == same
    assert LogEntry.create_id(entry(text=decomposed)) == LogEntry.create_id(entry(text="ZELENSKYY’S CAFÉ"))
    # Details are not the identity: an entry with other details is the same entry.
    assert LogEntry.create_id(entry(category=EntryCategory.OTHER, places=())) == same
    # The date, the source and the words are.
    assert LogEntry.create_id(entry(source="AP")) != same
    assert LogEntry.create_id(entry(on=date(2026, 2, 6))) != same
    assert LogEntry.create_id(entry(text=TUSK.replace("official", "unofficial"))) != same
    assert LogEntry.create_id(entry(text=TUSK.replace(" in Kyiv", ", in Kyiv"))) != same


def test_the_reference_is_short_stable_and_typeable():
    x = added()
    assert x.reference == entry_reference(x.id) == "e-" + x.id.hex[:8] == "e-10d51d33"
    assert parse_entry_reference(" E-10D51D33 ") == "10d51d33"
    assert parse_entry_reference("e-" + str(x.id)) == x.id.hex  # the whole id, hyphens and all
    for wrong in ("e-10d51d3", "10d51d33", "e-10d51d3g", "e-" + "0" * 33):
        with pytest.raises(InvalidInput) as caught:
            parse_entry_reference(wrong)
        assert str(caught.value) == (
            f"entry: {wrong!r} is not an entry reference (expected e- and 8 hex digits, as `sitlog entry "
            "add` printed it, e.g. e-3f9a1c02)")


def test_what_an_entry_says_is_cleaned():
    e = entry(text="  Tusk \n arrived ", places=(" Kyiv ", "kyiv", "Lviv  region"), at=time(9, 30))
    assert (e.text, e.places, e.at) == ("Tusk arrived", ("Kyiv", "Lviv region"), time(9, 30))
    assert e.described() == {"date": "2026-02-05", "time": "09:30", "category": "diplomacy",
                             "text": "Tusk arrived", "places": "Kyiv; Lviv region", "url": None,
                             "reported_at": None}


@pytest.mark.parametrize(("make", "message"), [
    (lambda: EntryCategory.parse("sports"),
     "category: 'sports' is not a category (one of diplomacy, military, humanitarian, political, other)"),
    (lambda: entry(text="  "),
     'text: required (what happened? e.g. --text "Polish Prime Minister Donald Tusk arrived in Kyiv")'),
    (lambda: entry(source=" "), 'source: required (who said it? e.g. --source "Ukrainian Air Force")'),
    (lambda: entry(places=("Kyiv", " ")), "place: required (a place name, e.g. --place Kyiv)"),
    (lambda: entry(on=date(1899, 12, 31)),
     "date: '1899-12-31' is outside the dates sitlog records (1900-01-01 to 2999-12-31)"),
    (lambda: parse_entry_date("5 Feb"), "date: '5 Feb' is not a date "
     "(expected YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only a month or a year)"),
    (lambda: parse_entry_time("24:00"), f"time: '24:00' {NOT_A_TIME}"),
    (lambda: parse_entry_time("9:30"), f"time: '9:30' {NOT_A_TIME}"),
])
def test_the_rules_of_what_an_entry_says(make, message):
    with pytest.raises(InvalidInput) as caught:
        make()
    assert str(caught.value) == message


def test_category_words_in_any_case():
    assert EntryCategory.parse(" Humanitarian ") is EntryCategory.HUMANITARIAN


def test_names_and_the_text_have_the_house_limits():
    check_text_lengths(LogEntry.add(entry(text="t" * 10_000, places=("p" * 200,)), "ann").collect_events())
    for details, message in (
        ({"places": ("p" * 201,)}, "place: 'pppppppppppppppppppppppppppppp'... is 201 characters long; "
                                   "sitlog records a name of at most 200"),
        ({"text": "t" * 10_001}, "text: 'tttttttttttttttttttttttttttttt'... is 10,001 characters long; "
                                 "sitlog records a text of at most 10,000"),
        ({"source": "s" * 201}, "source: 'ssssssssssssssssssssssssssssss'... is 201 characters long; "
                                "sitlog records a name of at most 200"),
    ):
        with pytest.raises(InvalidInput) as caught:
            check_text_lengths(LogEntry.add(entry(**details), "ann").collect_events())
        assert str(caught.value) == message


def test_a_repeat_that_agrees_is_a_no_op_and_one_that_differs_is_refused():
    x = added(at=time(9, 30), url="https://www.reuters.com/a")
    x.confirm_repeat(LogEntry.add(entry(text=TUSK.lower()), "bob"))  # details left out say nothing
    x.confirm_repeat(LogEntry.add(entry(at=time(9, 30), places=("KYIV",)), "bob"))
    with pytest.raises(WouldOverwrite) as caught:
        x.confirm_repeat(LogEntry.add(entry(category=EntryCategory.POLITICAL, at=time(10, 0),
                                            places=("Kyiv", "Lviv")), "bob"))
    assert str(caught.value) == (
        "entry e-10d51d33 is already recorded with other details (category diplomacy, not political; time "
        "09:30, not 10:00; places Kyiv, not Kyiv; Lviv); nothing is overwritten: to change them use "
        '`sitlog entry correct e-10d51d33 --category political --time 10:00 --place Kyiv --place Lviv '
        '--reason "..."`')


def test_a_repeat_of_the_first_add_stays_a_no_op_after_a_correction():
    x = added()
    x.correct(x.entry.changed(category=EntryCategory.POLITICAL), "it was a party visit", "bob")
    x.confirm_repeat(LogEntry.add(entry(), "ann"))
    x.confirm_repeat(LogEntry.add(entry(category=EntryCategory.POLITICAL), "ann"))


def test_a_correction_names_each_change_and_keeps_the_identity():
    x = added()
    published = datetime(2026, 2, 5, 7, 30, tzinfo=UTC)
    corrected = x.entry.changed(text="Tusk arrived in Lviv", on=date(2026, 2, 6), places=["Lviv"],
                                published_at=published)
    x.correct(corrected, "  the visit was to Lviv ", "bob")
    [event] = x.collect_events()
    assert isinstance(event, LogEntry.Corrected)
    assert (event.reason, event.operator, event.entry) == ("the visit was to Lviv", "bob", corrected)
    assert [(c.field, c.before, c.after) for c in event.changes] == [
        ("date", "2026-02-05", "2026-02-06"), ("text", TUSK, "Tusk arrived in Lviv"),
        ("places", "Kyiv", "Lviv"), ("reported_at", None, "2026-02-05T07:30:00+00:00")]
    assert x.reference == "e-10d51d33" and x.entry == corrected
    # The same correction again changes nothing, and records nothing.
    x.correct(x.entry.changed(text="Tusk arrived in Lviv"), "again", "bob")
    assert x.collect_events() == []


@pytest.mark.parametrize(("correct", "error", "message"), [
    (lambda x: x.entry.changed(), InvalidInput,
     "correction: nothing to correct (give --text, --date, --time, --category, --place, --url or "
     "--reported-at)"),
    (lambda x: x.correct(x.entry.changed(text="x"), " ", "bob"), InvalidInput,
     "reason: required (why is it corrected? --reason ...)"),
    (lambda x: x.entry.changed(text=" "), InvalidInput,
     'text: required (what happened? e.g. --text "Polish Prime Minister Donald Tusk arrived in Kyiv")'),
])
def test_a_correction_must_change_something_and_say_why(correct, error, message):
    with pytest.raises(error) as caught:
        correct(added())
    assert str(caught.value) == message


def test_a_retraction_is_final():
    x = added()
    x.retract(" duplicate of a Reuters flash ", "bob")
    [event] = x.collect_events()
    assert (type(event), event.reason) == (LogEntry.Retracted, "duplicate of a Reuters flash")
    x.retract("duplicate of a Reuters flash", "bob")  # the same retraction again: nothing
    assert x.collect_events() == []
    for act, message in (
        (lambda: x.retract("another reason", "bob"),
         "entry e-10d51d33 was retracted (duplicate of a Reuters flash); a retracted entry cannot be "
         "retracted again"),
        (lambda: x.correct(x.entry.changed(text="x"), "why", "bob"),
         "entry e-10d51d33 was retracted (duplicate of a Reuters flash); a retracted entry cannot be "
         "corrected"),
        (lambda: x.confirm_repeat(LogEntry.add(entry(), "ann")),
         "entry e-10d51d33 (the same date, source and text) was retracted (duplicate of a Reuters flash); "
         "a retracted entry is not added again"),
    ):
        with pytest.raises(RuleViolation) as caught:
            act()
        assert str(caught.value) == message
    with pytest.raises(InvalidInput, match=r"^reason: required \(why is it retracted"):
        added().retract("", "bob")
