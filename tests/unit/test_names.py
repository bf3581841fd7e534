"""Names that cannot fragment or deceive: one key for every name, and the rules a name obeys."""

import unicodedata
from datetime import date

import pytest
from sitlog.domain.attack_ref import AttackRef
from sitlog.domain.errors import InvalidInput
from sitlog.domain.log_entry import entry_id
from sitlog.domain.names import check_name
from sitlog.domain.text import clean, folded, quoted


@pytest.mark.parametrize(("a", "b"), [
    ("Abu-Dhabi", "Abu Dhabi"), ("abu  dhabi", "ABU DHABI"), ("Kyiv's mayor", "Kyiv’s mayor"),
    (unicodedata.normalize("NFD", "Київ"), unicodedata.normalize("NFC", "Київ")),
    ("Ｃｓｉｓ", "CSIS"), ("U.N. HRMMU", "UN HRMMU"),
])
def test_spellings_of_one_name_fold_alike(a, b):
    assert a != b
    assert folded(a) == folded(b)


def test_different_names_stay_different():
    assert folded("Kyiv") != folded("Kyiv Oblast")
    assert folded("Київ") != folded("Kyiv")  # a transliteration is a different spelling, kept apart


def test_names_are_stored_composed():
    assert clean(unicodedata.normalize("NFD", " Київ ")) == unicodedata.normalize("NFC", "Київ")


def test_ids_derive_from_their_own_frozen_keys():
    # Computed by the release before names folded punctuation: stores keep finding their aggregates.
    assert str(entry_id(date(2026, 2, 5), "Abu-Dhabi Times", "Talks in Abu-Dhabi, day two.")) == (
        "66c1ec26-9e74-5e06-bda3-424eafa46954")
    assert str(AttackRef.of(date(2026, 2, 5), "Russia", "Second-Wave").id) == (
        "ff29ca17-245d-5b63-8a03-b821cd8967d4")


@pytest.mark.parametrize("alias", ["росія", "Россия", "РФ", "russia"])
def test_attackers_ukrainian_and_russian_names_are_one_attacker(alias):
    assert AttackRef.of(date(2026, 2, 5), alias) == AttackRef.of(date(2026, 2, 5), "russia")


@pytest.mark.parametrize("alias", ["україна", "Украина"])
def test_ukraine_has_its_aliases(alias):
    assert AttackRef.of(date(2026, 2, 5), alias).attacker == "ukraine"


@pytest.mark.parametrize(("name", "error"), [
    ("Ukrainian Air Fоrce", 'source: "Ukrainian Air Fоrce" mixes Latin and Cyrillic (о U+043E)'),
    ("Міністерство оборони Pосії",
     'source: "Міністерство оборони Pосії" mixes Cyrillic and Latin (P U+0050)'),
    ("CSIS Αnalysis", 'source: "CSIS Αnalysis" mixes Latin and Greek (Α U+0391)'),
    ("Ukrainian\u200bAir Force", 'source: "Ukrainian\\u200bAir Force" contains a zero width space (U+200B); '
                                 "a name may not hold invisible or control characters"),
    ("Mayor \u202eof Kyiv", 'source: "Mayor \\u202eof Kyiv" contains a right-to-left override (U+202E); '
                            "a name may not hold invisible or control characters"),
    ("Kyiv\x1b[2J", 'source: "Kyiv\\u001b[2J" contains a control character (U+001B); '
                    "a name may not hold invisible or control characters"),
])
def test_names_that_deceive_are_refused_naming_the_character(name, error):
    with pytest.raises(InvalidInput) as refused:
        check_name(name, "source")
    assert str(refused.value) == error


def test_a_refusal_names_the_field_it_was_given_each_time():
    """The verdict on a name is remembered (an import meets the same names row after row); the
    field named is the one of each call."""
    for field in ("source", "region", "source"):
        with pytest.raises(InvalidInput) as refused:
            check_name("Kyiv\tCity", field)
        assert str(refused.value).startswith(f'{field}: "Kyiv\\u0009City" contains a control character')


@pytest.mark.parametrize("name", ["Ukrainian Air Force", "Повітряні сили ЗСУ", "Х-101", "Kh-101",
                                  "Shahed-136 / Герань-2", "Ιωάννης", "O'Brien", "S-300"])
def test_honest_names_pass(name):
    check_name(name, "source")


def test_error_messages_quote_a_readable_length():
    shown = quoted("x" * 100_000)
    assert len(shown) == 80 + len('"…"')
    assert shown.endswith('…"')
