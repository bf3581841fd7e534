"""Loading a long aggregate from its snapshot against replaying all its events, on each backend.

The General Staff's personnel file is imported into a fresh store (1,627 events in one series,
``russia-military/personnel-losses``, and its snapshot, taken at the import's end); the series is
then loaded as a command loads it (the snapshot and the events after it) and replayed from all its
events, in turn, 21 times each: CPU medians. Both loads must give the same state (checked).

    .venv/bin/python bench/bench_snapshots.py [--backend sqlite|postgres]
"""

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitlog.adapters.config import parse_store_url
from sitlog.adapters.store import open_store
from sitlog.domain.casualty_estimate import CasualtyEstimate

from bench.shared_data import shared_data

PG = os.environ.get("SITLOG_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
GENERAL_STAFF = shared_data("general-staff-losses", "russia_losses_personnel.json")
SERIES = CasualtyEstimate.create_id("russia-military/personnel-losses")


def bench(url: str) -> None:
    with open_store(parse_store_url(url), "bench", initialise=True) as store:
        store.importer.run(GENERAL_STAFF, "general-staff-personnel")
        repository: Any = store.log.repository

        def replayed() -> Any:
            kept, repository.snapshot_store = repository.snapshot_store, None
            try:
                return repository.get(SERIES)
            finally:
                repository.snapshot_store = kept

        def loaded() -> Any:
            return repository.get(SERIES)

        a, b = loaded(), replayed()
        state = [{k: v for k, v in vars(x).items() if k != "_pending_events"} for x in (a, b)]
        assert state[0] == state[1], "the snapshot's state differs from the replay's"
        times: dict[str, list[float]] = {"replayed": [], "from its snapshot": []}
        loads: dict[str, Callable[[], Any]] = {"replayed": replayed, "from its snapshot": loaded}
        for _ in range(21):
            for name, load in loads.items():
                started = time.process_time()
                load()
                times[name].append(time.process_time() - started)
        medians = {name: statistics.median(t) * 1000 for name, t in times.items()}
        print(f"{store.config.kind}: the series of {a.version:,} events, its snapshot at version "
              f"{repository.snapshot_at[SERIES]:,}: " + ", ".join(f"{name} {ms:.1f} ms" for name, ms in
                                                                     medians.items())
              + f" (CPU medians of 21): {medians['replayed'] / medians['from its snapshot']:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            bench(f"sqlite:///{Path(folder) / 'bench.db'}")
    if args.backend in ("postgres", "both"):
        schema = f"bench_snapshots_{secrets.token_hex(3)}"
        try:
            bench(f"{PG}?schema={schema}")
        finally:
            import psycopg

            config = parse_store_url(PG)
            with psycopg.connect(host=config.host, port=config.port, user=config.user, dbname=config.dbname,
                                 password=config.password or None, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


if __name__ == "__main__":
    main()
