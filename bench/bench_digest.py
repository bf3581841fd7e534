"""`sitlog digest` latency from a warm process, on a small and a large store.

Target (issue 15, item 6): at most 100 ms at 10,000 and at 1,000,000 events, and at most 2x growth
between them. The digest reads the read tables only.

The log is a desk's, at the same density whatever its size: every day three waves of attacks
by each side (`bench/generate.py`: several sources, qualified figures, casualties, a correction and
a retraction), a round of talks every 10 days (participants, a statement, an outcome, an issue),
a prisoner exchange agreed every 45 days and completed two days later, five casualty series
estimated every 7 days, and three log entries a day (one of them corrected, one retracted). A
larger log reaches further back in time, so the day digested (the last, 2025-12-31) and the 60
days of its trends look the same at every size: the digest answers the same question, on more
history. Each day's events are recorded that day (the application's clock
is set to 06:00 in Kyiv on the day), so a day's corrections are recorded on it, as on a desk.

    /tmp/venv/bin/python bench/bench_digest.py                      # 10k and 1M events, SQLite
    /tmp/venv/bin/python bench/bench_digest.py --backend postgres --sizes 10000,1000000
"""

import argparse
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import eventsourcing.domain
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.digest_render.markdown import render_markdown
from sitlog.adapters.store import Store, open_store
from sitlog.domain.base import Aggregate
from sitlog.domain.casualty_estimate import CasualtyEstimate, Estimate
from sitlog.domain.clock import KYIV
from sitlog.domain.negotiation import Negotiation
from sitlog.domain.negotiation_values import OutcomeKind, StatementKind
from sitlog.domain.prisoner_exchange import Numbers, PrisonerExchange
from sitlog.domain.values import Figure

from bench.generate import OP, PEOPLE, REUTERS, _attacks, _entries

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
DAY = date(2025, 12, 31)  # the day digested: the last of the log
WAVES = 3  # waves of attacks per side and day
SERIES = [f"{subject}/killed" for subject in ("a-military", "b-military", "a-civilians", "b-civilians", "c")]
SOURCES = ("UN HRMMU", "CSIS", "Ministry")
EVENTS_PER_DAY = 36.2  # measured: 30 of attacks, 5 of log entries, 1.2 of the rest


class DayClock:
    """The application's clock during the build: the day being logged, from 06:00 in Kyiv."""

    def __init__(self) -> None:
        self._now = datetime.now(UTC)

    def day(self, day: date) -> None:
        self._now = datetime.combine(day, clock_time(6), tzinfo=KYIV).astimezone(UTC)

    def __call__(self) -> datetime:
        self._now += timedelta(microseconds=100)
        return self._now


def _day(k: int, day: date, tracks: list[Negotiation],
         series: dict[str, CasualtyEstimate]) -> list[Aggregate]:
    """Everything logged on one day; ``k`` counts the days back from the last (0: the last)."""
    new: list[Aggregate] = []
    for wave in range(WAVES):
        new += _attacks(k * WAVES + wave, day, f"w{wave}" if wave else None)
    new += _entries(k, day)
    if k % 10 == 0:
        track = tracks[k % len(tracks)]
        track.hold_round(held_on=day, venue="Geneva", day=1, participants=PEOPLE, source=REUTERS, operator=OP)
        track.make_statement(made_on=day, by="Steve Witkoff", text=f"productive ({k})",
                             kind=StatementKind.QUOTE, source=REUTERS, operator=OP)
        track.reach_outcome(reached_on=day, kind=OutcomeKind.NO_BREAKTHROUGH, text=f"No breakthrough ({k})",
                            exchange=None, source=REUTERS, operator=OP)
        track.raise_issue(raised_on=day, topic=f"Issue {k}", by="Volodymyr Zelenskyy", source=REUTERS,
                          operator=OP)
        new.append(track)
    if k % 45 == 0:
        exchange = PrisonerExchange.agree(str(day), numbers=Numbers.checked(200), mediator="UAE",
                                          negotiation=None, source=REUTERS, operator=OP)
        if k >= 2:  # completed two days later, still in the past
            exchange.complete(completed_on=day + timedelta(days=2), source=REUTERS, operator=OP,
                              numbers=Numbers.checked(None, 100, 100))
        new.append(exchange)
    if k % 7 == 0:
        for i, aggregate in enumerate(series.values()):
            estimate = Estimate.of(source=SOURCES[(k + i) % len(SOURCES)], as_of=day, reported=day,
                                   figure=Figure.parse(f"~{100_000 - k + i}"))
            aggregate.record(estimate, operator=OP)
        new += list(series.values())
    return new


def log_days(events: int) -> Iterator[list[Aggregate]]:
    """About ``events`` events, the last day being DAY, as batches of aggregates with their events
    pending (at least 100 aggregates a batch), each day's events recorded on that day."""
    days = max(61, round(events / EVENTS_PER_DAY))
    first = DAY - timedelta(days=days - 1)
    clock = DayClock()
    original = eventsourcing.domain.datetime_now_with_tzinfo
    eventsourcing.domain.datetime_now_with_tzinfo = clock
    try:
        clock.day(first)
        series = {key: CasualtyEstimate(key=key, operator=OP) for key in SERIES}
        tracks = [Negotiation.open(f"track-{t}", title=f"Track {t}", mediator="United States",
                                   parties=("Ukraine", "Russia"), opened_on=first, source=REUTERS,
                                   operator=OP) for t in range(3)]
        pending: dict[int, Aggregate] = {id(t): t for t in tracks}
        for back in range(days - 1, -1, -1):
            day = DAY - timedelta(days=back)
            clock.day(day)
            pending |= {id(a): a for a in _day(back, day, tracks, series)}
            if len(pending) >= 100:
                yield list(pending.values())
                pending = {}
        if pending:
            yield list(pending.values())
    finally:
        eventsourcing.domain.datetime_now_with_tzinfo = original


def _build(store: Store, events: int) -> int:
    """About ``events`` events, the last day being DAY; returns the days logged."""
    for batch in log_days(events):
        store.log.save(*batch)
    return max(61, round(events / EVENTS_PER_DAY))


def _latency(store: Store, repeat: int, **asked: object) -> tuple[float, float, float]:
    """Median and worst of the digest (query + JSON), and the median of its Markdown, in ms."""
    timings, markdown = [], []
    for i in range(repeat + 5):
        started = time.perf_counter()
        digest = store.reader.digest(DAY, **asked)  # type: ignore[arg-type]
        digest.model_dump_json()
        done = time.perf_counter()
        render_markdown(digest)
        if i >= 5:  # the first calls warm the caches
            timings.append((done - started) * 1000)
            markdown.append((time.perf_counter() - done) * 1000)
    return statistics.median(timings), max(timings), statistics.median(markdown)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    known_at = datetime.combine(DAY, clock_time(12), tzinfo=KYIV).astimezone(UTC)
    print("| backend | events | days | build s | catch-up s | read | digest median ms | max ms "
          "| Markdown ms |")
    print("|---|---:|---:|---:|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as workdir:
        for size in (int(s) for s in args.sizes.split(",")):
            if args.backend == "sqlite":
                url = f"sqlite:///{workdir}/digest-{size}.db"
            else:
                url = f"{PG_URL}?schema=sitlog_bench_{secrets.token_hex(4)}"
            with open_store(parse_store_url(url), OP, initialise=True) as store:
                try:
                    started = time.perf_counter()
                    days = _build(store, size)
                    built = time.perf_counter() - started
                    started = time.perf_counter()
                    applied = store.catch_up()
                    caught_up = time.perf_counter() - started
                    for label, asked in (("now", {}), ("known at 12:00", {"known_at": known_at})):
                        median, worst, markdown = _latency(store, args.repeat, **asked)
                        print(f"| {args.backend} | {applied:,} | {days:,} | {built:.0f} | {caught_up:.0f} "
                              f"| {label} | {median:.1f} | {worst:.1f} | {markdown:.1f} |", flush=True)
                finally:
                    if args.backend == "postgres":
                        with store.db.transaction() as tx:
                            tx.execute(f'DROP SCHEMA "{store.config.schema}" CASCADE')


if __name__ == "__main__":
    main()
