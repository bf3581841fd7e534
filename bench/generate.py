"""Domain objects for a bulk import: every kind of aggregate, built directly (no use cases,
so no loading), each with all its events pending, ready for ``log.save(*aggregates)``.

A round is about 45 events: two attacks (five sources, qualified figures, ranges,
casualties, a correction, a retraction), a negotiation (rounds, participants, a statement,
outcomes, an issue, a suspension, a conclusion), a prisoner exchange (completed, or
postponed then cancelled), a series of casualty estimates (a correction, a retraction) and
three log entries (one corrected to another day and category, one retracted).
Rounds are a day apart from 2022-02-24; once that reaches the recent past, rounds label
their keys, so natural keys never collide and every date stays in the past.
"""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sitlog.domain.attack import Attack
from sitlog.domain.attack_claims import PlaceCasualties
from sitlog.domain.attack_ref import AttackRef
from sitlog.domain.base import Aggregate
from sitlog.domain.casualty_estimate import CasualtyEstimate, Estimate
from sitlog.domain.clock import KYIV
from sitlog.domain.commands.attacks import Claimed, weapon_figures
from sitlog.domain.log_entry import LogEntry
from sitlog.domain.log_entry_values import Entry, EntryCategory
from sitlog.domain.negotiation import Negotiation
from sitlog.domain.negotiation_values import NegotiationStatus, OutcomeKind, Participant, StatementKind
from sitlog.domain.prisoner_exchange import Numbers, PrisonerExchange
from sitlog.domain.relative_change import Period, RelativeChange
from sitlog.domain.values import Figure, Source
from sitlog.domain.weapons import resolve

OP = "bench"
FIRST, SPAN = date(2022, 2, 24), 1300  # days: up to late 2025
TODAY = date(2026, 1, 1)  # only for the "not later than tomorrow" rule: every date is earlier
F = Figure.parse
AIR_FORCE = Source(name="Ukrainian Air Force", url="https://t.me/kpszsu/1")
CITY, MAYOR = Source(name="Kyiv City Military Administration"), Source(name="Mayor of Kyiv")
ODESA = Source(name="Odesa Regional Military Administration")
MOD, GOVERNOR = Source(name="Russian Ministry of Defence"), Source(name="Governor of Belgorod")
REUTERS = Source(name="Reuters", url="https://www.reuters.com/")
PEOPLE = (Participant.parse("Steve Witkoff|US special envoy|United States"),
          Participant.parse("Rustem Umerov||Ukraine"))


def _figures(**by_measure: str):
    claims = [Claimed(measure, *pair.split("=", 1)[:1], F(pair.split("=", 1)[1]))
              for measure, text in by_measure.items() for pair in text.split()]
    return weapon_figures(claims)[0]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=KYIV)


def _attacks(n: int, day: date, label: str | None) -> list[Attack]:
    russia = Attack.report(AttackRef.of(day, "russia", label), start=_at(day - timedelta(days=1), 18),
                           end=_at(day, 6), today=TODAY, operator=OP)
    russia.record_figures(AIR_FORCE, _figures(
        launched=f"shahed={150 + n % 50} kh-101=8..10 iskander-m=>=2",
        destroyed=f"shahed={120 + n % 50} kh-101=7 iskander-m=0", suppressed="shahed=~10",
    ), regions=("Kyiv", "Odesa"), operator=OP)
    russia.record_figures(CITY, _figures(destroyed="shahed=~30", hit="drone=<=3"), operator=OP)
    kyiv = PlaceCasualties(place="Kyiv", injured=F(str(n % 5 + 1)), civilians=True)
    russia.record_casualties(MAYOR, kyiv, operator=OP)
    russia.record_casualties(ODESA, PlaceCasualties(place="Odesa", killed=F("~2"), injured=F("5..7")),
                             note="a residential block was hit", operator=OP)
    russia.correct(AIR_FORCE.name, figures=_figures(launched=f"shahed={152 + n % 50}"),
                   reason="the air force revised its post", operator=OP)
    ukraine = Attack.report(AttackRef.of(day, "ukraine", label), start=None, end=None, today=TODAY,
                            operator=OP)
    ukraine.record_figures(MOD, _figures(destroyed=f"drone={95 + n % 30} uj-22=2"), regions=("Belgorod",),
                           operator=OP)
    ukraine.record_casualties(GOVERNOR, PlaceCasualties(place="Belgorod", injured=F("nearly 4")), operator=OP)
    ukraine.retract(MOD.name, weapons=[resolve("uj-22")], reason="claim withdrawn", operator=OP)
    return [russia, ukraine]


def _talks(n: int, day: date, label: str | None) -> list[Aggregate]:
    slug, reference = f"talks-{n}", str(day) + (f"/{label}" if label else "")
    talks = Negotiation.open(slug, title=f"Talks, round {n}", mediator="United States",
                             parties=("Ukraine", "Russia"), opened_on=day - timedelta(days=30),
                             source=REUTERS, operator=OP)
    held = day - timedelta(days=2)
    talks.hold_round(held_on=held, venue="Abu Dhabi", day=1, participants=PEOPLE, source=REUTERS, operator=OP)
    talks.hold_round(held_on=held, venue="Abu Dhabi", day=1, source=None, operator=OP,
                     participants=(Participant.parse("Kirill Dmitriev||Russia"),))
    talks.make_statement(made_on=held, by="Steve Witkoff", text="detailed and productive",
                         kind=StatementKind.QUOTE, source=None, operator=OP)
    exchange = PrisonerExchange.agree(reference, numbers=Numbers.checked(2 * (100 + n % 100)),
                                      mediator="United Arab Emirates", negotiation=slug, source=REUTERS,
                                      operator=OP)
    talks.reach_outcome(reached_on=day, kind=OutcomeKind.AGREEMENT, text="Agreed to exchange prisoners",
                        exchange=exchange.reference, source=None, operator=OP)
    talks.raise_issue(raised_on=day, topic="Future control of the Donbas", by="Volodymyr Zelenskyy",
                      source=None, operator=OP)
    talks.change_status(NegotiationStatus.SUSPENDED, on=day + timedelta(days=2), reason="recalled",
                        operator=OP)
    talks.change_status(NegotiationStatus.OPEN, on=day + timedelta(days=9), reason=None, operator=OP)
    talks.change_status(NegotiationStatus.CONCLUDED, on=day + timedelta(days=10), reason="signed",
                        operator=OP)
    if n % 4 == 3:
        exchange.postpone(on=day + timedelta(days=1), reason="lists not final", source=None, operator=OP)
        exchange.cancel(on=day + timedelta(days=3), reason="talks broke down", source=None, operator=OP)
    else:
        exchange.complete(completed_on=day + timedelta(days=1), source=None, operator=OP,
                          numbers=Numbers.checked(None, 100 + n % 100, 98 + n % 100))
    return [talks, exchange]


def _estimates(n: int, day: date) -> CasualtyEstimate:
    series = CasualtyEstimate(key=f"oblast-{n}-civilians/killed", operator=OP)
    month_ago = day - timedelta(days=30)
    change = RelativeChange(percent=Decimal("31"), period=Period.parse("2021"), baseline=Period.parse("2020"))
    for estimate in (
        Estimate.of(source="UN HRMMU", as_of=month_ago, reported=day, figure=F(f"nearly {1000 + n}")),
        Estimate.of(source="UN HRMMU", as_of=day, reported=day, figure=F(f">={1100 + n}")),
        Estimate.of(source="Regional Prosecutor", as_of=day, reported=day, figure=F(f"{n}..{n + 150}")),
        Estimate.of(source="Regional Prosecutor", as_of=month_ago, reported=day, figure=F(str(900 + n))),
        Estimate.of(source="Human Rights Watch", reported=day, change=change),
    ):
        series.record(estimate, operator=OP)
    series.correct("UN HRMMU", day, F(f">={1120 + n}"), None, "the mission revised its count", operator=OP)
    series.retract("Regional Prosecutor", month_ago, "entered under the wrong series", operator=OP)
    return series


def _entries(n: int, day: date) -> list[LogEntry]:
    visit = LogEntry.add(Entry.of(on=day, at=time(9, 30), category=EntryCategory.DIPLOMACY,
                                  text=f"Delegation {n} arrived in Kyiv for talks", source=REUTERS,
                                  places=("Kyiv",)), operator=OP)
    report = LogEntry.add(Entry.of(on=day, category=EntryCategory.HUMANITARIAN,
                                   text=f"Report {n}: civilian casualties rose by 31 percent",
                                   source=Source(name="Human Rights Watch")), operator=OP)
    shelling = LogEntry.add(Entry.of(on=day - timedelta(days=1), category=EntryCategory.MILITARY,
                                     text=f"Shelling of Kharkiv, report {n}", source=Source(name="Governor"),
                                     places=("Kharkiv",)), operator=OP)
    visit.correct(visit.entry.changed(on=day - timedelta(days=40), category=EntryCategory.POLITICAL,
                                      places=["Kyiv", "Lviv"]), "it was a party visit, and earlier", OP)
    shelling.retract("duplicate report", OP)
    return [visit, report, shelling]


def aggregates() -> Iterator[Aggregate]:
    """An endless stream of new aggregates, a round at a time."""
    n = 0
    while True:
        day = FIRST + timedelta(days=n % SPAN)
        label = f"r{n}" if n >= SPAN else None
        yield from _attacks(n, day, label)
        yield from _talks(n, day, label)
        yield _estimates(n, day)
        yield from _entries(n, day)
        n += 1
