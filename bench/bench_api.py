"""Latency of the HTTP API under load: ``/api/state`` and ``/api/digest/{date}`` of a running
``sitlog serve``, 16 concurrent clients on loopback, a bounded number of requests, both backends.

The store is bench_digest.py's (a desk's days of attacks, entries, talks, exchanges and
estimates, about 36 events a day, the last day 2025-12-31), bulk-saved then caught up. The server
runs as an operator starts it (``sitlog --db URL serve --port P``, one process unless --workers);
each client is a thread with its own keep-alive connection (httpx), and the clients share the
requests: after a warm-up, each endpoint gets --requests requests, and the bench reports the median
and the 99th percentile of their latency (from sending the request to reading the whole answer),
and the requests per second.

    .venv/bin/python bench/bench_api.py                              # 10,000 events, both backends
    .venv/bin/python bench/bench_api.py --backend sqlite --events 100000 --requests 2000
"""

import argparse
import itertools
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sitlog.adapters.config import parse_store_url
from sitlog.adapters.store import open_store

from bench.bench_digest import DAY, _build
from bench.generate import OP

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
ENDPOINTS = {"/api/state": f"/api/state?as_of={DAY}", "/api/digest/{date}": f"/api/digest/{DAY}"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _server(url: str, workers: int, threads: int) -> Iterator[str]:
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if k != "SITLOG_API_TOKEN"}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("sitlog")), "--db", url, "serve", "--port", str(port),
         "--workers", str(workers), "--threads", str(threads)],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if server.poll() is not None:
                raise SystemExit(f"sitlog serve stopped: {server.stderr.read() if server.stderr else ''}")
            try:
                if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=60)


def _load(base: str, path: str, clients: int, requests: int) -> tuple[float, float, float]:
    """Median and 99th percentile in ms, and requests per second, of ``requests`` GETs of ``path``
    shared by ``clients`` threads."""
    tickets = itertools.count()
    timings: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            mine = []
            while next(tickets) < requests:
                started = time.perf_counter()
                response = http.get(path)
                response.read()
                mine.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {response.text[:200]}")
            with lock:
                timings.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{path}: {len(failures)} failed, e.g. {failures[0]}")
    cuts = statistics.quantiles(timings, n=100)
    return statistics.median(timings), cuts[98], len(timings) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=1_000, help="per endpoint, after the warm-up")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--threads", type=int, default=4, help="reads at once per server process")
    args = parser.parse_args()
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    print("| backend | events | workers × threads | clients | endpoint | requests | p50 ms | p99 ms "
          "| req/s |")
    print("|---|---:|---|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as workdir:
        for backend in backends:
            url = (f"sqlite:///{workdir}/api.db" if backend == "sqlite"
                   else f"{PG_URL}?schema=sitlog_bench_{secrets.token_hex(4)}")
            with open_store(parse_store_url(url), OP, initialise=True) as store:
                try:
                    _build(store, args.events)
                    events = store.catch_up()
                    with _server(url, args.workers, args.threads) as base:
                        for name, path in ENDPOINTS.items():
                            _load(base, path, args.clients, 2 * args.clients)  # warm-up
                            p50, p99, rate = _load(base, path, args.clients, args.requests)
                            print(f"| {backend} | {events:,} | {args.workers} × {args.threads} "
                                  f"| {args.clients} | `{name}` | {args.requests:,} | {p50:.1f} | {p99:.1f} "
                                  f"| {rate:.0f} |", flush=True)
                finally:
                    if backend == "postgres":
                        with store.db.transaction() as tx:
                            tx.execute(f'DROP SCHEMA "{store.config.schema}" CASCADE')


if __name__ == "__main__":
    main()
