"""A store's worth of history, and a dump of every read table, for projection tests.

Each round records, through the application service as the CLI does, all five kinds of
aggregate with natural keys of their own: attacks from several sources (qualified figures,
a range, casualties, a correction, a retraction), a negotiation, a prisoner exchange, a
series of casualty estimates (a correction, a retraction) and log entries (a repeat, a
correction that moves one to another day and category, a retraction). Rounds are a few days apart, so
daily and monthly summaries span many months; every date is in the past.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sitlog.domain.clock import KYIV
from sitlog.domain.commands.attacks import Claimed
from sitlog.domain.log_entry import entry_id
from sitlog.domain.negotiation_values import OutcomeKind, Participant, StatementKind
from sitlog.domain.prisoner_exchange import Numbers
from sitlog.domain.relative_change import Period, RelativeChange
from sitlog.domain.values import Figure, Source

_FIRST = date(2022, 3, 1)
_STEP = 4  # days between rounds: about 7 rounds a month
_SPAN = 1200  # days after _FIRST; later rounds wrap around and tell their keys apart by a label

AIR_FORCE = Source(name="Ukrainian Air Force", url="https://t.me/kpszsu/1")
CITY = Source(name="Kyiv City Military Administration")
MAYOR = Source(name="Mayor of Kyiv")
ODESA = Source(name="Odesa Regional Military Administration")
MOD = Source(name="Russian Ministry of Defence")
GOVERNOR = Source(name="Governor of Belgorod")
REUTERS = Source(name="Reuters", url="https://www.reuters.com/")
AP = Source(name="Associated Press")
F = Figure.parse


def _claims(**by_measure: str) -> list[Claimed]:
    """``launched="shahed=183 kh-101=8..10"`` -> figures."""
    return [Claimed(measure, *pair.split("=", 1)[:1], F(pair.split("=", 1)[1]))
            for measure, text in by_measure.items() for pair in text.split()]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=KYIV)


def _round_day(n: int) -> tuple[date, str | None]:
    offset = n * _STEP
    return _FIRST + timedelta(days=offset % _SPAN), (f"r{n}" if offset >= _SPAN else None)


def record_round(log: Any, n: int, after: Callable[[], Any] = lambda: None) -> None:
    """Round ``n``: about 30 commands, ``after`` called after each (the CLI catches up there)."""
    day, label = _round_day(n)
    ref = f"{day}/russia" + (f"/{label}" if label else "")
    back = f"{day}/ukraine" + (f"/{label}" if label else "")
    tail = f"{label}-morning" if label else "morning"
    commands: list[Callable[[], Any]] = [
        lambda: log.record_attack(
            date=day, attacker="russia", label=label, source=AIR_FORCE,
            figures=_claims(launched=f"shahed={150 + n} kh-101=8..10 iskander-m=>=2",
                            destroyed=f"shahed={120 + n} kh-101=7 iskander-m=0", suppressed="shahed=~10"),
            start=_at(day - timedelta(days=1), 18), end=_at(day, 6, 30), regions=["Kyiv", "Odesa"]),
        lambda: log.record_attack(date=day, attacker="russia", label=label, source=CITY,
                                  figures=_claims(destroyed="shahed=~30", hit="drone=<=3")),
        lambda: log.record_attack_casualties(ref, source=MAYOR, place="Kyiv", injured=F(str(n % 5 + 1)),
                                             killed=F("1") if n % 3 == 0 else None, civilians=True),
        lambda: log.record_attack_casualties(ref, source=ODESA, place="Odesa", killed=F("~2"),
                                             injured=F("5..7"), note="a residential block was hit"),
        lambda: log.correct_attack(ref, source=AIR_FORCE.name, reason="the air force revised its post",
                                   figures=_claims(launched=f"shahed={152 + n}")),
        lambda: log.correct_attack(ref, source=MAYOR.name, place="Kyiv", injured=F(str(n % 5 + 3)),
                                   reason="more people sought help"),
        lambda: log.record_attack(date=day, attacker="ukraine", label=label, source=MOD,
                                  figures=_claims(destroyed=f"drone={95 + n} uj-22=2"), regions=["Belgorod"]),
        lambda: log.record_attack_casualties(back, source=GOVERNOR, place="Belgorod", injured=F("nearly 4")),
        lambda: log.retract_attack_claim(back, source=MOD.name, weapons=["uj-22"], reason="claim withdrawn"),
    ]
    if n % 2:  # a second attack the same day: summaries add both up
        commands += [
            lambda: log.record_attack(date=day, attacker="russia", label=tail, source=AIR_FORCE,
                                      figures=_claims(launched="iskander-m=2", destroyed="iskander-m=1")),
            lambda: log.correct_attack(f"{day}/russia/{tail}", start=_at(day, 7), end=_at(day, 8),
                                       reason="the alert timings were published"),
            lambda: log.retract_attack_claim(back, source=GOVERNOR.name, reason="duplicate report"),
        ]
    commands += _negotiation_and_exchange(log, n, day, label)
    commands += _estimates(log, n, day)
    commands += _entries(log, n, day)
    for command in commands:
        command()
        after()


def _negotiation_and_exchange(log: Any, n: int, day: date, label: str | None) -> list[Callable[[], Any]]:
    slug, exchange = f"talks-{n}", str(day) + (f"/{label}" if label else "")
    people = [Participant.parse("Steve Witkoff|US special envoy|United States"),
              Participant.parse("Rustem Umerov||Ukraine")]
    commands: list[Callable[[], Any]] = [
        lambda: log.open_negotiation(slug, title=f"Talks, round {n}", mediator="United States",
                                     parties=["Ukraine", "Russia"], opened_on=day - timedelta(days=30),
                                     source=REUTERS),
        lambda: log.hold_round(slug, held_on=day - timedelta(days=2), venue="Abu Dhabi", day=1,
                               participants=people, source=REUTERS),
        lambda: log.hold_round(slug, held_on=day - timedelta(days=2), venue="Abu Dhabi", day=1,
                               participants=[Participant.parse("Kirill Dmitriev||Russia")]),
        lambda: log.record_statement(slug, made_on=day - timedelta(days=2), by="Steve Witkoff",
                                     text="detailed and productive", kind=StatementKind.QUOTE),
        # another source reports the round; the statement (the negotiation's 4th event) is corrected
        lambda: log.hold_round(slug, held_on=day - timedelta(days=2), venue="Abu Dhabi", day=1, source=AP),
        lambda: log.correct_negotiation(slug, records=[("statement", 4)],
                                        values={"text": "detailed, productive"}, reason="misquoted"),
        lambda: log.agree_exchange(exchange, numbers=Numbers.checked(2 * (100 + n), 100 + n, 100 + n),
                                   negotiation=slug, mediator="United Arab Emirates", source=REUTERS),
        lambda: log.agree_exchange(exchange, numbers=Numbers.checked(2 * (100 + n), 100 + n, 100 + n),
                                   negotiation=slug, mediator="United Arab Emirates", source=AP),
        lambda: log.correct_exchange(exchange, values={"mediator": "UAE"}, reason="the desk's spelling"),
        lambda: log.record_outcome(slug, reached_on=day, kind=OutcomeKind.AGREEMENT,
                                   text=f"Agreed to exchange {2 * (100 + n)} prisoners", exchange=exchange),
        lambda: log.record_outcome(slug, reached_on=day, kind=OutcomeKind.NO_BREAKTHROUGH,
                                   text="No breakthrough on territory"),
        lambda: log.raise_issue(slug, raised_on=day, topic="Future control of the Donbas",
                                by="Volodymyr Zelenskyy"),
    ]
    if n % 4 == 3:
        commands += [
            lambda: log.postpone_exchange(exchange, on=day + timedelta(days=1), reason="lists not final"),
            lambda: log.cancel_exchange(exchange, on=day + timedelta(days=3), reason="talks broke down"),
        ]
    else:
        commands.append(lambda: log.complete_exchange(
            exchange, completed_on=day + timedelta(days=1), numbers=Numbers.checked(None, 100 + n, 98 + n)))
    if n % 3 == 0:
        commands += [
            lambda: log.suspend_negotiation(slug, on=day + timedelta(days=2), reason="delegation recalled"),
            lambda: log.resume_negotiation(slug, on=day + timedelta(days=9)),
        ]
    if n % 2 == 0:
        commands.append(lambda: log.conclude_negotiation(slug, on=day + timedelta(days=10),
                                                         reason="settlement signed"))
    return commands


def _estimates(log: Any, n: int, day: date) -> list[Callable[[], Any]]:
    series = f"oblast-{n}-civilians/killed"
    month_ago = day - timedelta(days=30)
    change = RelativeChange(percent=Decimal("31"), period=Period.parse("2021"), baseline=Period.parse("2020"))
    return [
        lambda: log.record_estimate(series, source="UN HRMMU", as_of=month_ago, reported=day,
                                    figure=F(f"nearly {1000 + n}"), url="https://ukraine.un.org/"),
        lambda: log.record_estimate(series, source="UN HRMMU", as_of=day, reported=day + timedelta(days=3),
                                    figure=F(f">={1100 + n}"), statement="at least this many"),
        lambda: log.record_estimate(series, source="Regional Prosecutor", as_of=day, reported=day,
                                    figure=F(f"{1000 + n}..{1150 + n}..{1300 + n}")),
        lambda: log.record_estimate(series, source="Regional Prosecutor", as_of=month_ago, reported=day,
                                    figure=F(str(900 + n))),
        lambda: log.record_estimate(series, source="Human Rights Watch", reported=day, change=change),
        lambda: log.correct_estimate(series, source="UN HRMMU", as_of=day, figure=F(f">={1120 + n}"),
                                     reason="the mission revised its count"),
        lambda: log.retract_estimate(series, source="Regional Prosecutor", as_of=month_ago,
                                     reason="entered under the wrong series"),
    ]


def _entries(log: Any, n: int, day: date) -> list[Callable[[], Any]]:
    visit, shelling = f"Delegation {n} arrived in Kyiv for talks", f"Shelling of Kharkiv, report {n}"
    the_day_before = day - timedelta(days=1)
    the_visit, the_shelling = entry_id(day, "Reuters", visit), entry_id(the_day_before, "Governor", shelling)
    return [
        lambda: log.add_entry(on=day, at=time(9, 30), category="diplomacy", text=visit, source="Reuters",
                              places=["Kyiv"], url="https://www.reuters.com/"),
        lambda: log.add_entry(on=day, category="humanitarian", source="Human Rights Watch",
                              text=f"Report {n}: civilian casualties rose by 31 percent"),
        lambda: log.add_entry(on=the_day_before, category="military", text=shelling,
                              source="Governor", places=["Kharkiv", "Kharkiv region"]),
        lambda: log.add_entry(on=day, category="diplomacy", text=visit.upper(), source="reuters"),  # a no-op
        lambda: log.correct_entry(the_visit, on=day - timedelta(days=40), category="political",
                                  text=f"Delegation {n} arrived in Kyiv for a party congress",
                                  places=["Kyiv", "Lviv"], reason="it was a party visit, and earlier"),
        lambda: log.retract_entry(the_shelling, reason="duplicate report"),
    ]


def populate(store: Any, rounds: int, catch_up: bool = True) -> None:
    """Record ``rounds`` rounds (about 35 commands and 45 events each) through the application.

    With ``catch_up`` the read side is brought up to date after every command, as the CLI
    does after every write; without, it is left behind for the test to catch up.
    """
    after = store.catch_up if catch_up else lambda: None
    for n in range(rounds):
        record_round(store.log, n, after)


def read_side(store: Any) -> dict[str, list[tuple]]:
    """Every row of every read table, in a stable order."""
    dump = {}
    with store.read() as tx:
        for projection in store.runner.projections:
            for table in projection.tables:
                rows = tx.all(f"SELECT * FROM {table}")
                dump[table] = sorted((tuple(sorted(row.items())) for row in rows), key=repr)
    return dump


def assert_like_a_rebuild(store: Any) -> None:
    """The read tables as they stand are exactly those a rebuild from the log gives."""
    before = read_side(store)
    store.runner.rebuild()
    assert read_side(store) == before


def bulk_write(store: Any, events: int) -> int:
    """Save prebuilt aggregates (``bench/generate.py``: the same mix as ``record_round``) until at
    least ``events`` are in the log, without catching up; returns the head of the log. Much
    faster than the use cases, for tests that need thousands of events."""
    from bench.generate import aggregates

    pending: list[Any] = []
    count = 0
    for aggregate in aggregates():
        pending.append(aggregate)
        count += len(aggregate.pending_events)
        if count >= events:
            break
    for start in range(0, len(pending), 200):
        store.log.save(*pending[start:start + 200])
    return store.runner.head()
