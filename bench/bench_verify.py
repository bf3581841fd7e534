"""`sitlog verify` throughput: events verified per second, on a log of N events, on each backend.

The events are appended in bulk (adapters/log_append.py, chained as they go) with states of ~400
bytes, as a desk's are; verify reads them back, recomputes every seal and link and compares.

    .venv/bin/python bench/bench_verify.py 100000
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitlog.adapters.config import parse_store_url
from sitlog.adapters.log_append import append
from sitlog.adapters.store import open_store

PG = os.environ.get("SITLOG_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def bench(url: str, events: int) -> None:
    with open_store(parse_store_url(url), "bench", initialise=True) as store:
        started = time.perf_counter()
        for start in range(0, events, 5000):
            rows = [(uuid.uuid4(), 1, "sitlog.domain.log_entry:LogEntry.Added", secrets.token_bytes(400))
                    for _ in range(min(5000, events - start))]
            append(store.log, rows)
        written = time.perf_counter() - started
        started = time.perf_counter()
        verified = store.verify()
        took = time.perf_counter() - started
        assert verified.events == events
        print(f"{store.config.kind}: {events:,} events appended (chained) in {written:.1f} s; verified in "
              f"{took:.2f} s = {events / took:,.0f} events/s; head {verified.head[:16]}...")
        if store.config.is_postgres:
            with store.db.transaction() as tx:
                tx.execute(f'DROP SCHEMA "{store.config.schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("events", type=int, nargs="?", default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench(f"sqlite:///{folder}/bench.db", args.events)
    bench(f"{PG}?schema=bench_verify_{secrets.token_hex(4)}", args.events)


if __name__ == "__main__":
    main()
