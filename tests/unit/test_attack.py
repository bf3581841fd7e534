"""The Attack aggregate's rules, without a store."""

import re
from datetime import date, datetime

import pytest
from sitlog.adapters.mapper import JSONBytes, PydanticMapper
from sitlog.domain.attack import Attack
from sitlog.domain.attack_claims import PlaceCasualties, WeaponFigures
from sitlog.domain.attack_ref import AttackRef
from sitlog.domain.commands.attacks import Claimed, weapon_figures
from sitlog.domain.errors import InvalidInput, RuleViolation, WouldOverwrite
from sitlog.domain.ids import natural_id
from sitlog.domain.values import Figure, Source
from sitlog.domain.weapons import resolve

AF = Source(name="Ukrainian Air Force")
MORNING = date(2026, 2, 5)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def wf(weapon: str, **figures: str) -> WeaponFigures:
    return WeaponFigures(weapon=resolve(weapon), **{m: Figure.parse(v) for m, v in figures.items()})


def attack(**period: datetime) -> Attack:
    ref = AttackRef.of(MORNING, "russia")
    return Attack.report(ref, start=period.get("start"), end=period.get("end"), today=MORNING, operator="ann")


def refuses(error: type[Exception], start: str):
    """Expect ``error`` with a message beginning with ``start``, verbatim."""
    return pytest.raises(error, match="^" + re.escape(start))


def recorded(a: Attack) -> list:
    """The events decided so far (and forget them, as a save would)."""
    return a.collect_events()


# -- reference and identity --------------------------------------------------------------


def test_the_reference_is_normalised_and_names_the_id():
    ref = AttackRef.parse(" 2026-02-05/Russia/Second Wave ")
    assert str(ref) == "2026-02-05/russia/second-wave"
    assert ref.id == natural_id("attack", "2026-02-05/russia/second-wave")
    assert attack().id == natural_id("attack", "2026-02-05/russia")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-05", "reference: '2026-02-05' is not an attack reference (expected DATE/ATTACKER[/LABEL]"),
        ("05.02.2026/russia", "reference: '05.02.2026' is not a date (expected YYYY-MM-DD)"),
        ("2026-02-05/ru$sia", "attacker: 'ru$sia' is not a name"),
    ],
)
def test_a_bad_reference_says_what_is_expected(text, message):
    with refuses(InvalidInput, message):
        AttackRef.parse(text)


# -- dates and periods ---------------------------------------------------------------------


def test_the_date_may_be_tomorrow_in_kyiv_but_no_later():
    def report(day: date) -> Attack:
        return Attack.report(AttackRef.of(day, "russia"), start=None, end=None, today=MORNING, operator="a")

    report(date(2026, 2, 6))
    with pytest.raises(RuleViolation) as caught:
        report(date(2026, 2, 7))
    assert str(caught.value) == (
        "date: 2026-02-07 is later than tomorrow in Kyiv (2026-02-06); "
        "an attack is dated by the day its night ends"
    )


def test_the_period_must_end_on_the_attack_date_in_kyiv_and_start_before_it_ends():
    night = attack(start=at("2026-02-04T18:00+02:00"), end=at("2026-02-05T08:00+02:00"))
    assert night.end == at("2026-02-05T06:00+00:00")
    with refuses(RuleViolation, "start: 2026-02-05T09:00:00+02:00 is after the end"):
        attack(start=at("2026-02-05T09:00+02:00"), end=at("2026-02-05T08:00+02:00"))
    with refuses(RuleViolation, "end: 2026-02-04T23:30:00+02:00 falls on 2026-02-04 in Kyiv, but the attack "
                 "is dated 2026-02-05"):
        attack(end=at("2026-02-04T23:30+02:00"))
    with refuses(InvalidInput, "end: 2026-02-05T08:00:00 has no time zone"):
        attack(end=at("2026-02-05T08:00"))


def test_a_known_period_is_not_overwritten_but_can_be_completed():
    a = attack(start=at("2026-02-04T18:00+02:00"))
    recorded(a)
    a.set_period(at("2026-02-04T18:00+02:00"), at("2026-02-05T08:00+02:00"), operator="bob")
    assert [type(e).__name__ for e in recorded(a)] == ["PeriodRecorded"]
    with pytest.raises(WouldOverwrite, match="use `sitlog attack correct 2026-02-05/russia --start"):
        a.set_period(at("2026-02-04T19:00+02:00"), None, operator="bob")


# -- figures -------------------------------------------------------------------------------


def test_figures_are_kept_per_source_and_weapon_never_merged_across_sources():
    a = attack()
    a.record_figures(AF, [wf("shahed", launched="183", destroyed="156")], operator="ann")
    a.record_figures(Source(name="Monitor"), [wf("geran-2", launched="180")], operator="ann")
    assert a.figures[("Ukrainian Air Force", resolve("shahed").key)].launched == Figure.exact(183)
    assert a.figures[("Monitor", resolve("shahed").key)].launched == Figure.exact(180)


def test_the_same_figures_again_are_a_no_op_and_new_measures_are_added():
    a = attack()
    a.record_figures(AF, [wf("shahed", launched="183", destroyed="156")], operator="ann")
    recorded(a)
    a.record_figures(Source(name="ukrainian air force"), [wf("Geran-2", launched="183")], operator="bob")
    assert recorded(a) == []
    a.record_figures(AF, [wf("shahed", launched="183", still_attacking="7")], operator="bob")
    [event] = recorded(a)
    assert event.figures[0].given() == {
        "launched": Figure.exact(183), "destroyed": Figure.exact(156), "still_attacking": Figure.exact(7)
    }


def test_different_figures_are_refused_and_point_at_correct():
    a = attack()
    a.record_figures(AF, [wf("shahed", launched="183")], operator="ann")
    recorded(a)
    with pytest.raises(WouldOverwrite) as caught:
        a.record_figures(AF, [wf("shahed", launched="180"), wf("kalibr", launched="3")], operator="bob")
    assert str(caught.value) == (
        '"Ukrainian Air Force" already reported other figures on 2026-02-05/russia (launched '
        "Shahed-136/131: 183, not 180); nothing is overwritten: to change them use `sitlog attack correct "
        '2026-02-05/russia --source "Ukrainian Air Force" --launched "Shahed-136/131=180" --reason "..."`'
    )
    assert recorded(a) == []
    assert resolve("kalibr").key not in {w for _, w in a.figures}


@pytest.mark.parametrize(
    ("launched", "destroyed", "suppressed", "refused"),
    [
        ("183", "156", "20", False),
        ("183", "156", "28", True),
        ("~95", "96", None, True),
        ("90..100", "95", "5", False),
        ("90..100", "95", "6", True),
        (">=150", "156", "20", False),
        ("<=10", "11", None, True),
        ("100", "<=200", None, False),  # at most 200 could be 0
        ("100", ">99", "1", True),
    ],
)
def test_destroyed_plus_suppressed_may_not_exceed_launched(launched, destroyed, suppressed, refused):
    figures = {"launched": launched, "destroyed": destroyed}
    figures |= {"suppressed": suppressed} if suppressed else {}
    a = attack()
    if not refused:
        a.record_figures(AF, [wf("shahed", **figures)], operator="ann")
        return
    with refuses(RuleViolation, "Shahed-136/131: destroyed ("):
        a.record_figures(AF, [wf("shahed", **figures)], operator="ann")


def test_force_records_the_override_in_the_event():
    a = attack()
    recorded(a)
    a.record_figures(AF, [wf("shahed", launched="10", destroyed="12")], force=True, operator="ann")
    [event] = recorded(a)
    assert event.overrides == ("Shahed-136/131: destroyed (12) > launched (10), accepted with --force",)


def test_a_source_may_report_only_destroyed():
    a = attack()
    a.record_figures(Source(name="Russian Ministry of Defence"), [wf("drone", destroyed="95")], operator="a")
    assert a.figures[("Russian Ministry of Defence", resolve("drone").key)].launched is None


def test_operator_input_is_grouped_by_weapon_with_warnings_for_unknown_names():
    figures, warnings = weapon_figures([
        Claimed("launched", "shahed", Figure.exact(183)),
        Claimed("destroyed", "Geran-2", Figure.exact(156)),
        Claimed("launched", "Lyutyi Mk2", Figure.exact(4)),
    ])
    assert [(f.weapon.name, f.weapon.category.value) for f in figures] == [
        ("Shahed-136/131", "attack-drone"), ("Lyutyi Mk2", "unclassified")
    ]
    assert warnings == ['weapon "Lyutyi Mk2" is not in the taxonomy; kept verbatim as unclassified']
    with refuses(InvalidInput, "launched: Shahed-136/131 given twice (183 and 180)"):
        weapon_figures([Claimed("launched", "shahed", Figure.exact(183)),
                        Claimed("launched", "geran-2", Figure.exact(180))])


# -- casualties, corrections, retractions ------------------------------------------------------


def test_casualties_per_source_and_place_refuse_a_silent_overwrite():
    a = attack()
    kyiv = PlaceCasualties(place="Kyiv", injured=Figure.exact(2))
    a.record_casualties(Source(name="Mayor of Kyiv"), kyiv, operator="ann")
    recorded(a)
    a.record_casualties(Source(name="Mayor of Kyiv"), kyiv.model_copy(update={"place": "kyiv"}), operator="a")
    assert recorded(a) == []
    with pytest.raises(WouldOverwrite, match='--place "Kyiv" --injured "3" --reason'):
        a.record_casualties(Source(name="Mayor of Kyiv"), kyiv.with_figures({"injured": Figure.exact(3)}),
                            operator="ann")


def test_a_correction_names_what_changed_and_why():
    a = attack()
    a.record_figures(AF, [wf("shahed", launched="183", destroyed="156")], operator="ann")
    recorded(a)
    a.correct("ukrainian air force", figures=[wf("geran-2", launched="180")], reason="revised", operator="b")
    [event] = recorded(a)
    assert (event.source, event.reason) == ("Ukrainian Air Force", "revised")
    assert [(c.subject, c.measure, c.before, c.after) for c in event.changes] == [
        ("Shahed-136/131", "launched", "183", "180")
    ]
    assert a.figures[("Ukrainian Air Force", resolve("shahed").key)].launched == Figure.exact(180)
    a.correct("Ukrainian Air Force", figures=[wf("shahed", launched="180")], reason="again", operator="bob")
    assert recorded(a) == []  # already says so
    with refuses(RuleViolation, "Shahed-136/131: destroyed (156) is more than launched (100)"):
        a.correct("Ukrainian Air Force", figures=[wf("shahed", launched="100")], reason="x", operator="b")
    with refuses(RuleViolation, 'weapon: "Ukrainian Air Force" has no current figures for Kalibr on '
                 "2026-02-05/russia to correct"):
        a.correct("Ukrainian Air Force", figures=[wf("kalibr", launched="1")], reason="x", operator="b")
    with refuses(RuleViolation, 'source: "CSIS" has made no claims on 2026-02-05/russia to correct'):
        a.correct("CSIS", figures=[wf("shahed", launched="1")], reason="x", operator="b")


def test_a_retraction_withdraws_a_claim_and_a_new_claim_can_follow():
    a = attack()
    a.record_figures(AF, [wf("shahed", launched="183"), wf("kalibr", launched="3")], operator="ann")
    a.record_casualties(AF, PlaceCasualties(place="Kyiv", killed=Figure.exact(1)), operator="ann")
    recorded(a)
    a.retract("Ukrainian Air Force", weapons=[resolve("Калібр")], reason="wrong night", operator="bob")
    [event] = recorded(a)
    assert [w.name for w in event.weapons] == ["Kalibr"]
    a.retract("Ukrainian Air Force", reason="all wrong", operator="bob")
    [event] = recorded(a)
    assert ([w.name for w in event.weapons], event.places) == (["Shahed-136/131"], ("Kyiv",))
    assert a.figures == {} and a.casualties == {}
    a.retract("Ukrainian Air Force", reason="again", operator="bob")
    assert recorded(a) == []
    a.record_figures(AF, [wf("shahed", launched="150")], operator="ann")  # not an overwrite any more
    with pytest.raises(RuleViolation, match='has no current figures for Kalibr'):
        a.retract("Ukrainian Air Force", weapons=[resolve("kalibr")], reason="x", operator="b")


def test_events_round_trip_and_replay_to_the_same_state():
    a = attack(start=at("2026-02-04T18:00+02:00"))
    a.record_figures(AF, [wf("shahed", launched="~183", destroyed="150..160")], regions=["Kyiv"],
                     operator="a")
    a.record_casualties(Source(name="Mayor of Kyiv"), PlaceCasualties(place="Kyiv", injured=Figure.exact(2)),
                        operator="a")
    a.correct("Mayor of Kyiv", casualties=PlaceCasualties(place="Kyiv", injured=Figure.exact(3)), reason="r",
              operator="b")
    mapper = PydanticMapper(transcoder=JSONBytes())
    replayed = None
    for original in a.collect_events():
        restored = mapper.to_domain_event(mapper.to_stored_event(original))
        assert restored == original
        replayed = restored.mutate(replayed)
    assert replayed.figures == a.figures
    assert replayed.casualties == a.casualties
    assert replayed.start == a.start and replayed.regions == {"Ukrainian Air Force": ("Kyiv",)}
