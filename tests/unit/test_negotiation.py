from datetime import date

import pytest
from sitlog.adapters.mapper import JSONBytes, PydanticMapper
from sitlog.domain.errors import InvalidInput, RuleViolation, WouldOverwrite
from sitlog.domain.negotiation import (
    Negotiation,
    NegotiationStatus,
    OutcomeKind,
    Participant,
    StatementKind,
    parse_slug,
)
from sitlog.domain.values import Source

OPENED = date(2026, 1, 23)
FEB5 = date(2026, 2, 5)
WITKOFF = Participant.parse("Steve Witkoff|US special envoy|United States")
KUSHNER = Participant.parse("Jared Kushner||United States")


def talks(**changes) -> Negotiation:
    fields = dict(title="US-brokered Russia-Ukraine talks", mediator="United States",
                  parties=("Ukraine", "Russia"), opened_on=OPENED, source=None, operator="ann")
    n = Negotiation.open("us-brokered-talks", **{**fields, **changes})
    n.collect_events()
    return n


def hold(n: Negotiation, *people: Participant, held_on: date = FEB5, venue: str = "Abu Dhabi",
         day: int | None = 2, source: str = "Rustem Umerov") -> None:
    n.hold_round(held_on=held_on, venue=venue, day=day, participants=people, source=Source(name=source),
                 operator="ann")


def concluded() -> Negotiation:
    n = talks()
    n.change_status(NegotiationStatus.CONCLUDED, on=date(2026, 3, 1),
                    reason="Settlement signed", operator="ann")
    n.collect_events()
    return n


def test_participant_syntax_allows_empty_parts():
    assert Participant(name="Steve Witkoff", role="US special envoy", affiliation="United States") == WITKOFF
    assert Participant(name="Jared Kushner", role=None, affiliation="United States") == KUSHNER
    assert Participant.parse("  Rustem   Umerov ") == Participant(name="Rustem Umerov")
    assert str(KUSHNER) == "Jared Kushner (United States)"


@pytest.mark.parametrize(("text", "message"), [
    ("a|b|c|d", "participant: 'a|b|c|d' has 4 parts (expected NAME|ROLE|AFFILIATION)"),
    ("|envoy|US", "participant: '|envoy|US' has no name (expected NAME|ROLE|AFFILIATION)"),
])
def test_participant_syntax_errors_name_the_field(text, message):
    with pytest.raises(InvalidInput) as caught:
        Participant.parse(text)
    assert str(caught.value) == message


def test_slugs_are_lowercased_and_checked():
    assert parse_slug(" US-Brokered-Talks ") == "us-brokered-talks"
    with pytest.raises(InvalidInput, match="'us talks' is not a slug"):
        parse_slug("us talks")


def test_opening_checks_title_and_parties():
    with pytest.raises(InvalidInput, match=r"^title: required \(what the track is called, e\.g\. --title "):
        talks(title="  ")
    with pytest.raises(InvalidInput, match="party: 'ukraine' is given twice"):
        talks(parties=("Ukraine", "ukraine"))


def test_opening_again_is_fine_only_if_identical():
    talks().confirm_opening(talks())
    with pytest.raises(WouldOverwrite, match=r"already open .* cannot be opened again with other details"):
        talks().confirm_opening(talks(mediator="Qatar"))


def test_a_round_records_participants_with_roles():
    n = talks()
    hold(n, WITKOFF, KUSHNER)
    [held] = n.collect_events()
    assert isinstance(held, Negotiation.RoundHeld)
    assert held.participants == (WITKOFF, KUSHNER)
    assert n.rounds[0].describe() == "round of 2026-02-05 at Abu Dhabi (day 2)"


def test_the_same_round_twice_is_a_no_op():
    n = talks()
    hold(n, WITKOFF, KUSHNER)
    n.collect_events()
    hold(n, WITKOFF, KUSHNER, venue="abu  dhabi")
    hold(n, KUSHNER)
    hold(n, Participant.parse("steve witkoff"), Participant.parse("Jared Kushner||united states"))
    assert n.pending_events == []


def test_a_second_source_adds_participants_to_the_same_round():
    n = talks()
    hold(n, WITKOFF)
    n.collect_events()
    grynkewich = Participant.parse("Alexus Grynkewich|NATO Supreme Allied Commander Europe|NATO")
    hold(n, WITKOFF, grynkewich, source="NATO spokesperson")
    [added, corroborated] = n.collect_events()
    assert isinstance(added, Negotiation.ParticipantsAdded)
    assert added.participants == (grynkewich,)
    assert isinstance(corroborated, Negotiation.RoundCorroborated)
    assert corroborated.source.name == "NATO spokesperson"
    assert n.rounds[0].participants == (WITKOFF, grynkewich)


def test_a_participant_recorded_differently_would_overwrite():
    n = talks()
    hold(n, WITKOFF)
    n.collect_events()
    with pytest.raises(WouldOverwrite, match="'Steve Witkoff' is already recorded in the round of 2026-02"):
        hold(n, Participant.parse("Steve Witkoff|envoy|United States"))
    assert n.pending_events == []


def test_the_same_participant_is_not_listed_twice_in_one_round():
    n = talks()
    with pytest.raises(InvalidInput, match="participant: 'Steve Witkoff' is listed twice in this round"):
        hold(n, WITKOFF, Participant.parse("steve witkoff"))
    assert n.pending_events == [] and n.rounds == []


def test_a_round_is_not_before_the_opening():
    n = talks()
    with pytest.raises(RuleViolation) as caught:
        hold(n, WITKOFF, held_on=date(2026, 1, 22))
    assert str(caught.value) == "date: a round on 2026-01-22 is before the negotiation opened on 2026-01-23"
    assert n.pending_events == []


@pytest.mark.parametrize("day", [0, -1, 367, 10**23])
def test_day_numbers_run_from_one_to_a_year(day):
    n = talks()
    with pytest.raises(InvalidInput) as caught:
        hold(n, WITKOFF, day=day)
    assert str(caught.value) == (
        f"day: {day} is not a day number (1 for the first day of a round, at most 366)"
    )
    assert n.pending_events == []
    hold(n, WITKOFF, day=366)
    assert n.rounds[0].day == 366


@pytest.mark.parametrize(("what", "record"), [
    ("rounds", lambda n: hold(n, WITKOFF)),
    ("statements", lambda n: n.make_statement(made_on=FEB5, by="Steve Witkoff", text="productive",
                                              kind=StatementKind.QUOTE, source=None, operator="ann")),
    ("outcomes", lambda n: n.reach_outcome(reached_on=FEB5, kind=OutcomeKind.OTHER, text="x", exchange=None,
                                           source=None, operator="ann")),
    ("issues", lambda n: n.raise_issue(raised_on=FEB5, topic="Donbas", by=None, source=None, operator="ann")),
])
def test_a_concluded_negotiation_takes_nothing_new(what, record):
    n = concluded()
    with pytest.raises(RuleViolation) as caught:
        record(n)
    assert str(caught.value) == (
        "negotiation us-brokered-talks was concluded on 2026-03-01 (Settlement signed); "
        f"a concluded negotiation takes no new {what}"
    )
    assert n.pending_events == []


def test_statements_outcomes_and_issues_repeat_as_no_ops():
    n = talks()
    for _ in range(2):
        n.make_statement(made_on=FEB5, by="Steve Witkoff", text="detailed and productive",
                         kind=StatementKind.QUOTE, source=Source(name="Steve Witkoff"), operator="ann")
        n.reach_outcome(reached_on=FEB5, kind=OutcomeKind.AGREEMENT, text="Agreed to exchange 314 prisoners",
                        exchange="2026-02-05", source=None, operator="ann")
        n.raise_issue(raised_on=FEB5, topic="Future control of the Donbas", by="Volodymyr Zelenskyy",
                      source=None, operator="ann")
    kinds = [type(e).__name__ for e in n.collect_events()]
    assert kinds == ["StatementMade", "OutcomeReached", "IssueRaised"]


def test_an_outcome_is_not_before_the_opening():
    with pytest.raises(RuleViolation, match="date: an outcome on 2026-01-01 is before the negotiation"):
        talks().reach_outcome(reached_on=date(2026, 1, 1), kind=OutcomeKind.OTHER, text="x", exchange=None,
                              source=None, operator="ann")


def test_status_moves_open_suspended_open_concluded():
    n = talks()
    n.change_status(NegotiationStatus.SUSPENDED, on=date(2026, 2, 10),
                    reason="Delegation recalled", operator="ann")
    n.change_status(NegotiationStatus.SUSPENDED, on=date(2026, 2, 10),
                    reason="Delegation recalled", operator="ann")
    n.change_status(NegotiationStatus.OPEN, on=date(2026, 2, 20),
                    reason=None, operator="ann")
    n.change_status(NegotiationStatus.CONCLUDED, on=date(2026, 3, 1),
                    reason="Settlement signed", operator="ann")
    n.change_status(NegotiationStatus.CONCLUDED, on=date(2026, 3, 1),
                    reason="Settlement signed", operator="ann")
    assert len(n.collect_events()) == 3
    assert (n.status, n.status_on) == (NegotiationStatus.CONCLUDED, date(2026, 3, 1))


@pytest.mark.parametrize(("setup", "to", "on", "reason", "error", "message"), [
    ([], NegotiationStatus.OPEN, FEB5, None, RuleViolation,
     "us-brokered-talks is not suspended; only a suspended one"),
    ([(NegotiationStatus.SUSPENDED, FEB5, "x")], NegotiationStatus.SUSPENDED, date(2026, 2, 6), "y",
     RuleViolation,
     "already suspended since 2026-02-05"),
    ([(NegotiationStatus.SUSPENDED, FEB5, "x")], NegotiationStatus.OPEN, date(2026, 2, 1), None,
     RuleViolation,
     r"date: 2026-02-01 is before the last change of status \(suspended on 2026-02-05\)"),
    ([], NegotiationStatus.CONCLUDED, FEB5, " ", InvalidInput,
     r"^reason: required \(why is it concluded\? --reason \.\.\.\)$"),
    ([(NegotiationStatus.CONCLUDED, FEB5, "done")], NegotiationStatus.CONCLUDED, date(2026, 2, 6), "again",
     RuleViolation,
     "takes no new changes of status"),
])
def test_status_rules(setup, to, on, reason, error, message):
    n = talks()
    for status, day, why in setup:
        n.change_status(status, on=day, reason=why, operator="ann")
    n.collect_events()
    with pytest.raises(error, match=message):
        n.change_status(to, on=on, reason=reason, operator="ann")
    assert n.pending_events == []


def talks_opening_event():
    n = Negotiation.open("us-brokered-talks", title="US-brokered Russia-Ukraine talks",
                         mediator="United States", parties=("Ukraine", "Russia"), opened_on=OPENED,
                         source=None, operator="ann")
    [opened] = n.collect_events()
    return opened


def test_replaying_the_events_rebuilds_the_same_state():
    n = talks()
    hold(n, WITKOFF)
    hold(n, KUSHNER)
    n.change_status(NegotiationStatus.SUSPENDED, on=date(2026, 2, 10),
                    reason="Recalled", operator="ann")
    events = [talks_opening_event(), *n.collect_events()]
    mapper = PydanticMapper(transcoder=JSONBytes())
    replayed = None
    for e in events:
        replayed = mapper.to_domain_event(mapper.to_stored_event(e)).mutate(replayed)
    assert replayed.rounds == n.rounds
    assert (replayed.status, replayed.status_reason) == (NegotiationStatus.SUSPENDED, "Recalled")

