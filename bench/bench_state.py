"""`sitlog state --as-of` latency from a warm process, on a small and a large store.

Target (issue 7): under 50 ms, and no more than 2x growth from 10,000 to 1,000,000 events.

The log is a desk's: attack reports dominate (two attacks a round: several sources,
qualified figures, casualties, a correction, a retraction, about 10 events); three
negotiation tracks meet about once a month, a prisoner exchange is agreed and completed
about every 45 days, three sources give casualty estimates for five series about
once a week, and two log entries a day are added (one in ten corrected to another category, one
in twenty retracted). Rounds walk through the days from
2000-01-01 so that a million events is about 10 attacks a day over 26 years: the dates
are synthetic, the density per day is a real desk's.

    /tmp/venv/bin/python bench/bench_state.py                      # 10k and 1M events, SQLite
    /tmp/venv/bin/python bench/bench_state.py --sizes 10000,100000 --backend postgres
"""

import argparse
import secrets
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitlog.adapters.config import parse_store_url
from sitlog.adapters.queries.state import state_report
from sitlog.adapters.store import Store, open_store
from sitlog.domain.casualty_estimate import CasualtyEstimate, Estimate
from sitlog.domain.log_entry import LogEntry
from sitlog.domain.log_entry_values import Entry, EntryCategory
from sitlog.domain.negotiation import Negotiation
from sitlog.domain.prisoner_exchange import Numbers, PrisonerExchange
from sitlog.domain.values import Figure

from bench.generate import OP, PEOPLE, REUTERS, _attacks

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
START, SPAN = date(2000, 1, 1), 9_490  # days: up to early 2025
SERIES = [f"{subject}/killed" for subject in ("a-military", "b-military", "a-civilians", "b-civilians", "c")]
SOURCES = ("UN HRMMU", "CSIS", "Ministry")


def _build(store: Store, events: int) -> None:
    series = {key: CasualtyEstimate(key=key, operator=OP) for key in SERIES}
    tracks = [Negotiation.open(f"track-{t}", title=f"Track {t}", mediator="United States",
                               parties=("Ukraine", "Russia"), opened_on=START, source=REUTERS, operator=OP)
              for t in range(3)]
    saved, n, pending = 0, 0, {}
    while saved < events:
        day = START + timedelta(days=n % SPAN)
        label = f"w{n // SPAN}" if n >= SPAN else None
        new = _attacks(n, day, label)
        if label is None and n % 30 == 10:
            track = tracks[n % 3]
            track.hold_round(held_on=day, venue="Geneva", day=1, participants=PEOPLE, source=REUTERS,
                             operator=OP)
            new.append(track)
        if label is None and n % 45 == 20:
            exchange = PrisonerExchange.agree(str(day), numbers=Numbers.checked(200), mediator="UAE",
                                              negotiation=None, source=REUTERS, operator=OP)
            exchange.complete(completed_on=day + timedelta(days=2), source=None, operator=OP,
                              numbers=Numbers.checked(None, 100, 100))
            new.append(exchange)
        if label is None and n % 7 == 0:
            for i, aggregate in enumerate(series.values()):
                source = SOURCES[(n + i) % len(SOURCES)]
                estimate = Estimate.of(source=source, as_of=day, reported=day,
                                       figure=Figure.parse(f"~{1000 + n + i}"))
                aggregate.record(estimate, operator=OP)
            new += list(series.values())
        new += _entries(n, day)
        pending |= {id(a): a for a in new}  # a series saved twice in one batch would count twice
        if len(pending) >= 100:
            saved += sum(len(a.pending_events) for a in pending.values())
            store.log.save(*pending.values())
            pending = {}
        n += 1
    if pending:
        store.log.save(*pending.values())


def _entries(n: int, day: date) -> list[LogEntry]:
    categories = list(EntryCategory)
    entries = [LogEntry.add(Entry.of(on=day, category=categories[(n + i) % len(categories)],
                                     text=f"Fact {i} of day {n}", source=REUTERS, places=("Kyiv",)),
                            operator=OP)
               for i in range(2)]
    if n % 10 == 0:
        entries[0].correct(entries[0].entry.changed(category=EntryCategory.OTHER), "recategorised", OP)
    if n % 20 == 5:
        entries[1].retract("duplicate", OP)
    return entries


def _latency(store: Store, as_of: date, repeat: int = 30) -> tuple[float, float]:
    """Median and worst of the state query plus its JSON rendering, in milliseconds."""
    timings = []
    for i in range(repeat + 5):
        started = time.perf_counter()
        with store.read() as tx:
            state_report(tx, as_of).model_dump_json()
        if i >= 5:  # the first calls warm the caches
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), max(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    print("| backend | events | build s | catch-up ev/s | as-of | state median ms | state max ms |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as workdir:
        for size in (int(s) for s in args.sizes.split(",")):
            if args.backend == "sqlite":
                url = f"sqlite:///{workdir}/state-{size}.db"
            else:
                url = f"{PG_URL}?schema=sitlog_bench_{secrets.token_hex(4)}"
            with open_store(parse_store_url(url), OP, initialise=True) as store:
                try:
                    started = time.perf_counter()
                    _build(store, size)
                    built = time.perf_counter() - started
                    started = time.perf_counter()
                    applied = store.catch_up()
                    rate = applied / (time.perf_counter() - started)
                    with store.read() as tx:
                        last = tx.scalar("SELECT MAX(attack_date) AS d FROM attacks")
                    for as_of in (date.fromisoformat(last), date.fromisoformat(last) - timedelta(days=45)):
                        median, worst = _latency(store, as_of)
                        print(f"| {args.backend} | {applied:,} | {built:.0f} | {rate:,.0f} | {as_of} "
                              f"| {median:.1f} | {worst:.1f} |", flush=True)
                finally:
                    if args.backend == "postgres":
                        with store.db.transaction() as tx:
                            tx.execute(f'DROP SCHEMA "{store.config.schema}" CASCADE')


if __name__ == "__main__":
    main()
