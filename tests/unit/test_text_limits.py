from datetime import date

import pytest
from sitlog.domain.errors import InvalidInput
from sitlog.domain.negotiation import Negotiation, Participant
from sitlog.domain.text_limits import NAME_MAX, TEXT_MAX, check_text_lengths
from sitlog.domain.values import Source


def _round(venue: str = "Abu Dhabi", name: str = "Steve Witkoff", source: str = "Rustem Umerov") -> list:
    n = Negotiation.open("talks", title="Talks", mediator=None, parties=("Ukraine", "Russia"),
                         opened_on=date(2026, 1, 23), source=None, operator="ann")
    n.collect_events()
    n.hold_round(held_on=date(2026, 2, 5), venue=venue, day=None, participants=(Participant(name=name),),
                 source=Source(name=source), operator="ann")
    return n.collect_events()


def test_names_and_free_text_up_to_their_limits_pass():
    check_text_lengths(_round(venue="v" * NAME_MAX, name="я" * NAME_MAX, source="s" * NAME_MAX))
    n = Negotiation.open("talks", title="t" * TEXT_MAX, mediator=None, parties=(),
                         opened_on=date(2026, 1, 23), source=None, operator="ann")
    check_text_lengths(n.collect_events())


@pytest.mark.parametrize(("round_", "label", "length"), [
    ({"venue": "v" * (NAME_MAX + 1)}, "venue", NAME_MAX + 1),
    # A value's "name" is reported under what it names.
    ({"source": "s" * 5000}, "source", 5000),
    ({"name": "p" * 300}, "participants", 300),
])
def test_a_longer_name_is_refused_naming_the_field(round_, label, length):
    with pytest.raises(InvalidInput) as caught:
        check_text_lengths(_round(**round_))
    assert str(caught.value) == (
        f"{label}: {round_[next(iter(round_))][:30]!r}... is {length:,} characters long; "
        f"sitlog records a name of at most {NAME_MAX}"
    )


def test_free_text_has_its_own_larger_limit():
    n = Negotiation.open("talks", title="t" * (TEXT_MAX + 1), mediator=None, parties=(),
                         opened_on=date(2026, 1, 23), source=None, operator="ann")
    with pytest.raises(InvalidInput) as caught:
        check_text_lengths(n.collect_events())
    assert str(caught.value) == (
        f"title: {'t' * 30!r}... is 10,001 characters long; sitlog records a text of at most 10,000"
    )
