"""Import throughput and memory: `sitlog import` against a raw `executemany` of as many rows.

For each backend, in one run:

1. **raw executemany**: the same number of rows as the file being imported, into a table shaped
   like the log's (aggregate id, version, topic, state of ~400 bytes; the same keys), 1,000 rows per
   transaction, with psycopg (PostgreSQL) or sqlite3 (SQLite): the floor of what any import costs.
2. **sitlog import** of (a) the Massive Missile Attacks snapshot (``--missile``, by default
   ``../shared/data/missile-attacks/missile_attacks_daily.csv`` when it exists) and (b) a synthetic
   JSON Lines export of ``EVENTS`` events (``bench/generate.py``'s aggregates, written as
   ``sitlog export`` writes them), each in a child process on a fresh store. The child times the
   import (the log written) and the catch-up of the read side after it, as ``sitlog import`` does
   both; its peak memory is ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` in the parent.

The ratio is import rows/s over raw rows/s of the same backend, "vs psycopg" over psycopg's
(target, issue 17: at least half of a raw psycopg ``executemany``; 1,000,000 events under 300 MB).
The snapshot is imported a second time: that must record 0 events.

    .venv/bin/python bench/bench_import.py 100000 --repeat 3
    .venv/bin/python bench/bench_import.py 1000000 --folder /tmp/bench-1m     # both backends, ~45 min
"""

import argparse
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_projections import PG_URL, _drop_schemas
from bench.shared_data import MISSILE_ATTACKS as SHARED

ROOT = Path(__file__).resolve().parent.parent
STATE = json.dumps({
    "timestamp": "2026-02-05T07:41:12.503118Z", "operator": "bench",
    "source": {"name": "Ukrainian Air Force", "url": "https://t.me/kpszsu/1", "published_at": None},
    "figures": [{"weapon": {"name": "Shahed-136/131", "category": "attack-drone"},
                 "launched": {"value": 183, "qualifier": "exact", "low": None, "best": None, "high": None}}],
    "regions": ["Kyiv"], "note": None, "overrides": []}).encode()
TOPIC = "sitlog.domain.attack:Attack.FiguresRecorded"

CHILD = """
import json, sys, time
from pathlib import Path
from sitlog.adapters.store import open_store_at

def high_water():  # this process's own peak (MB): its memory, not what it inherited from its parent
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024

url, path, kind = sys.argv[1:4]
with open_store_at(url, "bench", initialise=True) as store:
    started = time.perf_counter()
    summary = store.importer.run(Path(path), kind)
    imported = time.perf_counter() - started
    import_mb = high_water()
    store.catch_up()
    caught_up = time.perf_counter() - started - imported
print(json.dumps({"rows": summary.rows, "events": summary.events, "rejected": summary.rejected,
                  "import": imported, "catch_up": caught_up, "import_mb": import_mb, "own_mb": high_water()}))
"""


def raw_postgres(pg_url: str, schema: str, rows: int) -> float:
    """Rows/s of psycopg's executemany into an events-shaped table, 1,000 rows a transaction."""
    import psycopg
    from sitlog.adapters.config import parse_store_url

    c = parse_store_url(pg_url)
    with psycopg.connect(host=c.host, port=c.port, user=c.user, password=c.password or None, dbname=c.dbname,
                         autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        conn.execute(f'CREATE TABLE "{schema}".raw (originator_id uuid NOT NULL, originator_version integer '
                     "NOT NULL, topic text NOT NULL, state bytea, notification_id bigserial, "
                     "PRIMARY KEY (originator_id, originator_version))")
        conn.execute(f'CREATE UNIQUE INDEX ON "{schema}".raw (notification_id)')
        sql = (f'INSERT INTO "{schema}".raw (originator_id, originator_version, topic, state) '
               "VALUES (%s, %s, %s, %s)")
        return _timed_batches(rows, lambda batch: _pg_batch(conn, sql, batch))


def _pg_batch(conn, sql: str, batch: list) -> None:
    with conn.transaction(), conn.cursor() as cursor:
        cursor.executemany(sql, batch)


def raw_sqlite(folder: Path, rows: int) -> float:
    db = sqlite3.connect(folder / "raw.db")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE raw (originator_id TEXT, originator_version INTEGER, topic TEXT, state BLOB, "
               "PRIMARY KEY (originator_id, originator_version))")

    def batch(rows_: list) -> None:
        with db:
            db.executemany("INSERT INTO raw VALUES (?, ?, ?, ?)", [(r[0].hex, *r[1:]) for r in rows_])

    try:
        return _timed_batches(rows, batch)
    finally:
        db.close()


def _timed_batches(rows: int, write) -> float:
    """Rows/s of ``write`` given batches of 1,000 rows (each built before the clock runs, and
    dropped after: the bench's own memory stays small, for the peaks of its children)."""
    seconds = 0.0
    for start in range(0, rows, 1000):
        batch = [(uuid.uuid4(), 1, TOPIC, STATE) for _ in range(min(1000, rows - start))]
        started = time.perf_counter()
        write(batch)
        seconds += time.perf_counter() - started
    return rows / seconds


def synthetic(events: int, folder: Path) -> Path:
    """A JSON Lines export of ``events`` events of every kind, as `sitlog export` writes it
    (written by a process of its own: the bench stays small)."""
    path = folder / f"synthetic-{events}.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, __file__, "--write-synthetic", str(events), str(path)], check=True,
                       cwd=ROOT)
    return path


def write_synthetic(events: int, path: Path) -> None:
    from bench.generate import aggregates
    from bench.synthetic import write_export

    write_export(aggregates(), path, stop_at=events)


def child_import(url: str, path: Path, kind: str) -> dict:
    """Import in a fresh process; its result, with its peak memory in MB: ``peak_mb`` is ``ru_maxrss``
    of the child as ``wait4`` reports it (the child and the worker process of its catch-up; Linux
    counts in it the parent's memory at the moment of the fork, so the bench keeps itself small),
    ``own_mb`` the child's own high-water mark (``VmHWM``), ``import_mb`` the same before catching up."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen([sys.executable, "-c", CHILD, url, str(path), kind], stdout=out, stderr=err,
                                 cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode:
            raise SystemExit(f"the import of {path.name} failed:\n{err.read()}")
        result = json.loads(out.read().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def measure(backend: str, n: int, path: Path, kind: str, args: argparse.Namespace, folder: Path,
            prefix: str) -> tuple[dict, float, dict | None]:
    """Raw, import, raw, import, ... raw (``--repeat`` imports, each into a fresh store): the best
    import and the best raw rate, so that a moment the machine was slower counts against neither
    (and the import is compared with the fastest raw insert seen around it); then the import again."""
    def raw(rows: int, i: int) -> float:
        if backend == "sqlite":
            return raw_sqlite(Path(tempfile.mkdtemp(dir=folder)), rows)
        return raw_postgres(args.pg, f"{prefix}_raw{n}_{i}", rows)

    results, raws, url = [], [], ""
    for i in range(args.repeat):
        for stale in folder.glob(f"{backend}-{n}-{i}.db*"):  # a store of an earlier run
            stale.unlink()
        url = (f"sqlite:///{folder / f'{backend}-{n}-{i}.db'}" if backend == "sqlite"
               else f"{args.pg}?schema={prefix}_{n}_{i}")
        if i == 0 and kind == "sitlog-jsonl":
            raws.append(raw(args.events, -1))  # the synthetic file's rows: its events
        results.append(child_import(url, path, kind))
        raws.append(raw(results[-1]["rows"], i))
    best = min(results, key=lambda r: r["import"])
    best["peak_mb"] = max(r["peak_mb"] for r in results)
    again = child_import(url, path, kind) if kind == "missile-attacks-csv" else None
    return best, max(raws), again


def main() -> None:
    if sys.argv[1:2] == ["--write-synthetic"]:
        write_synthetic(int(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", type=int, nargs="?", default=1_000_000, help="events of the synthetic file")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--pg", default=PG_URL, help=f"PostgreSQL server (default {PG_URL})")
    parser.add_argument("--missile", type=Path, default=SHARED if SHARED.exists() else None,
                        help="the missile-attacks snapshot (default: the shared one, when present)")
    parser.add_argument("--folder", type=Path, help="keep the synthetic file here (default: a temp folder)")
    parser.add_argument("--repeat", type=int, default=1, help="imports of each file (best of; default 1)")
    args = parser.parse_args()
    temp = tempfile.TemporaryDirectory(prefix="sitlog-bench-import-")
    folder = args.folder or Path(temp.name)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    jsonl = synthetic(args.events, folder)
    print(f"synthetic file: {args.events:,} events, {jsonl.stat().st_size / 1e6:,.0f} MB "
          f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    files = ([("missile-attacks snapshot", args.missile, "missile-attacks-csv")] if args.missile else []) + [
        (f"synthetic {args.events:,} events", jsonl, "sitlog-jsonl")]
    rows = []
    prefix = f"sitlog_bench_{secrets.token_hex(4)}"
    try:
        for backend in ("sqlite", "postgres"):
            if args.backend not in (backend, "both"):
                continue
            for n, (name, path, kind) in enumerate(files):
                result, raw, again = measure(backend, n, path, kind, args, folder, prefix)
                rows.append((backend, name, result, raw, again))
                print(f"{backend}: {name}: {json.dumps(result)}; raw {raw:,.0f} rows/s"
                      + (f"; again: {again['events']} events" if again else ""), file=sys.stderr, flush=True)
    finally:
        if args.backend in ("postgres", "both"):
            _drop_schemas(args.pg, prefix)
        temp.cleanup()
    print(f"{'backend':<10} {'file':<28} {'rows':>9} {'events':>9} {'import rows/s':>14} {'raw rows/s':>11} "
          f"{'ratio':>6} {'vs psycopg':>10} {'with catch-up':>14} {'import MB':>10} {'peak MB':>8} "
          f"{'again':>6}")
    psycopg_raw = {name: raw for backend, name, _, raw, _ in rows if backend == "postgres"}
    for backend, name, r, raw, again in rows:
        rate = r["rows"] / r["import"]
        whole = r["rows"] / (r["import"] + r["catch_up"])
        versus = f"{rate / psycopg_raw[name]:>10.2f}" if name in psycopg_raw else f"{'-':>10}"
        print(f"{backend:<10} {name:<28} {r['rows']:>9,} {r['events']:>9,} {rate:>14,.0f} {raw:>11,.0f} "
              f"{rate / raw:>6.2f} {versus} {whole:>14,.0f} {r['import_mb']:>10.0f} {r['peak_mb']:>8.0f} "
              f"{again['events'] if again else '-':>6}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
