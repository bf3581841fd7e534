"""Projection throughput: bulk import vs catch-up and rebuild, on SQLite and PostgreSQL.

Builds a store of N events (all four aggregate kinds, with corrections and retractions),
saved in batches through the application (``store.log.save(*aggregates)``: the fastest
write path), then brings the read side up from position 0 on a freshly opened store, as
``sitlog projections catch-up`` does (two processes at this size) and in one process, and
rebuilds it. Rates are events per second; the target (issue 6) is catch-up >= import / 2.
Each figure is the best of ``--repeat`` runs (a fresh store each), as ``timeit`` reports:
this machine's speed varies by up to 2x from one second to the next.

    /tmp/venv/bin/python bench/bench_projections.py 100000
    /tmp/venv/bin/python bench/bench_projections.py 20000 --backend sqlite --profile /tmp/catch-up.prof

For comparison it also writes a few thousand events one use case at a time (load, decide,
save: as the CLI does) on a store of its own: the "commands" column.
"""

import argparse
import cProfile
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitlog.adapters.config import StoreConfig, parse_store_url
from sitlog.adapters.projections import batch as batch_module
from sitlog.adapters.projections.batch import TRACKING_TABLE
from sitlog.adapters.store import Store, open_store

from bench.generate import aggregates
from tests.integration.scenario import record_round

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
SAVE_BATCH = 1000  # events per save (one transaction each)


def _import(store: Store, events: int) -> tuple[int, float]:
    """Save aggregates in batches until ``events`` are stored; returns (events, seconds saving)."""
    saved, seconds, pending = 0, 0.0, []
    pending_events = 0
    for aggregate in aggregates():
        pending.append(aggregate)
        pending_events += len(aggregate.pending_events)
        if pending_events >= SAVE_BATCH or saved + pending_events >= events:
            started = time.perf_counter()
            store.log.save(*pending)
            seconds += time.perf_counter() - started
            saved += pending_events
            pending, pending_events = [], 0
            if saved >= events:
                break
    return saved, seconds


def _commands(url: str, events: int) -> float:
    """Events/s written one use case at a time, as the CLI and an importer that applies the
    rules do (load, decide, save: one transaction per command), on a store of their own."""
    with open_store(parse_store_url(url), "bench", initialise=True) as store:
        started, n = time.perf_counter(), 0
        while store.runner.head() < events:
            record_round(store.log, n)
            n += 1
        return store.runner.head() / (time.perf_counter() - started)


class Phases:
    """Seconds spent in each step of a one-process catch-up: every projection's prepare, apply
    and flush, decoding, and reading the log; the rest is the runner's own (positions, commit)."""

    def __init__(self, store: Store) -> None:
        self.seconds: dict[str, float] = {}
        self.wrapped: list[tuple[object, str, object]] = []
        for projection in store.runner.projections:
            for step in ("prepare", "apply", "flush"):
                self._wrap(projection, step, f"{projection.name}.{step}")
        self._wrap(store.log.mapper, "event_of", "decoding events")
        # A function of the batch module, looked up there at each call (the runner has no copy).
        self._wrap(batch_module, "_log_rows", "reading the log")

    def _wrap(self, owner: object, method: str, label: str) -> None:
        inner = getattr(owner, method)
        self.wrapped.append((owner, method, inner))

        def timed(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - started

        setattr(owner, method, timed)  # on the instance (or module): the class is untouched

    def report(self, name: str, events: int, total: float) -> None:
        for owner, method, inner in reversed(self.wrapped):  # the module's function is shared: put back
            setattr(owner, method, inner)
        print(f"{name}: catch-up of {events} events in {total:.2f} s, per event:", file=sys.stderr)
        for label, seconds in sorted(self.seconds.items(), key=lambda item: -item[1]):
            print(f"  {label:<24} {seconds / events * 1e6:6.1f} µs", file=sys.stderr)
        rest = total - sum(self.seconds.values())
        print(f"  {'runner (lock, commit)':<24} {rest / events * 1e6:6.1f} µs", file=sys.stderr)


def _timed(action: Callable[[], int], profile: str | None = None) -> tuple[int, float]:
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    done = action()
    seconds = time.perf_counter() - started
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    return done, seconds


def _row_counts(store: Store) -> dict[str, int]:
    with store.read() as tx:
        return {
            table: int(tx.scalar(f"SELECT COUNT(*) AS n FROM {table}"))
            for projection in store.runner.projections for table in projection.tables
        }


def _empty_read_side(store: Store) -> None:
    """Back to position 0 with empty tables, as a store whose read side was never built."""
    with store.db.transaction() as tx:
        for projection in store.runner.projections:
            for table in projection.tables:
                tx.execute(f"DELETE FROM {table}")
        tx.execute(f"DELETE FROM {TRACKING_TABLE}")


def _run(config: StoreConfig, events: int, batch: int, first: bool, profile: str | None,
         phases: str | None) -> dict[str, float]:
    """One run on a fresh store: seconds of the import, the catch-ups and (first run) the rebuild."""
    seconds: dict[str, float] = {}
    with open_store(config, "bench", initialise=True) as store:
        imported, seconds["import"] = _import(store, events)
    seconds["events"] = imported
    with open_store(config, "bench") as store:  # a fresh store: its read side is at position 0
        assert all(lag.position == 0 for lag in store.runner.status())
        timing = Phases(store) if phases and first else None
        done, seconds["1 process"] = _timed(lambda: store.runner.catch_up(batch, workers=1),
                                            profile if first else None)
        if timing:
            timing.report(str(phases), done, seconds["1 process"])
        assert done == imported, (done, imported)
        after_catch_up = _row_counts(store)
        _empty_read_side(store)
    with open_store(config, "bench") as store:
        done, seconds["catch-up"] = _timed(lambda: store.runner.catch_up(batch))
        assert done == imported and _row_counts(store) == after_catch_up, "two processes, other tables"
        if first:
            done, seconds["rebuild"] = _timed(lambda: store.runner.rebuild(batch=batch))
            assert done == imported and _row_counts(store) == after_catch_up, "a rebuild, other tables"
    return seconds


def bench(url: Callable[[str], str], events: int, batch: int, sample: int, profile: str | None,
          phases: str | None = None, repeat: int = 3) -> dict:
    runs = [_run(parse_store_url(url(f"bulk{i}")), events, batch, i == 0, profile, phases)
            for i in range(repeat)]
    imported = int(runs[0].pop("events"))
    for run in runs:
        run.pop("events", None)
        print("  run: " + ", ".join(f"{k} {imported / v:,.0f} ev/s" for k, v in run.items()), file=sys.stderr)
    best = {key: imported / min(run[key] for run in runs if key in run) for key in runs[0]}
    return {"events": imported, **best, "commands": _commands(url("commands"), sample) if sample else None}


Backend = tuple[str, Callable[[str], str], Callable[[], None]]


def _backends(which: str, pg_url: str) -> Iterator[Backend]:
    """(name, a store's URL by its name, cleanup) per backend: temp SQLite files, PostgreSQL schemas."""
    if which in ("sqlite", "both"):
        tmp = tempfile.TemporaryDirectory(prefix="sitlog-bench-")
        yield "sqlite", lambda name: f"sqlite:///{tmp.name}/{name}.db", tmp.cleanup
    if which in ("postgres", "both"):
        prefix = f"sitlog_bench_{secrets.token_hex(4)}"
        yield (
            "postgresql",
            lambda name: f"{pg_url}?schema={prefix}_{name}",
            lambda: _drop_schemas(pg_url, prefix),
        )


def _drop_schemas(pg_url: str, prefix: str) -> None:
    import psycopg

    config = parse_store_url(pg_url)
    with psycopg.connect(host=config.host, port=config.port, user=config.user,
                         password=config.password or None, dbname=config.dbname, autocommit=True) as conn:
        schemas = conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (prefix + "%",))
        for (schema,) in schemas.fetchall():
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", type=int, nargs="?", default=100_000, help="events to generate")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--pg", default=PG_URL, help=f"PostgreSQL server (default {PG_URL})")
    parser.add_argument("--batch", type=int, default=1000, help="events per projection transaction")
    parser.add_argument("--commands", type=int, default=3000, metavar="EVENTS",
                        help="events to write one use case at a time, for comparison (0: skip)")
    parser.add_argument("--profile", metavar="FILE", help="cProfile the catch-up into FILE.<backend>")
    parser.add_argument("--phases", action="store_true",
                        help="time each step of the one-process catch-up (per projection), on stderr")
    parser.add_argument("--repeat", type=int, default=3, help="runs per backend; the best of each is shown")
    args = parser.parse_args()
    rows = []
    for name, url, cleanup in _backends(args.backend, args.pg):
        try:
            profile = f"{args.profile}.{name}" if args.profile else None
            phases = name if args.phases else None
            result = bench(url, args.events, args.batch, args.commands, profile, phases, args.repeat)
            rows.append({"backend": name, **result})
        finally:
            cleanup()
        print(f"{name}: done", file=sys.stderr, flush=True)
    print(f"{'backend':<11} {'events':>8} {'import ev/s':>12} {'catch-up ev/s':>14} {'ratio':>6} "
          f"{'1 process ev/s':>15} {'ratio':>6} {'rebuild ev/s':>13} {'commands ev/s':>14}")
    for r in rows:
        ratio, alone = r["catch-up"] / r["import"], r["1 process"] / r["import"]
        commands = f"{r['commands']:>14,.0f}" if r["commands"] else f"{'-':>14}"
        below = "" if ratio >= 0.5 else "  (catch-up below half of the import)"
        print(f"{r['backend']:<11} {r['events']:>8} {r['import']:>12,.0f} {r['catch-up']:>14,.0f} "
              f"{ratio:>6.2f} {r['1 process']:>15,.0f} {alone:>6.2f} {r['rebuild']:>13,.0f} "
              f"{commands}{below}")


if __name__ == "__main__":
    main()
