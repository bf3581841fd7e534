"""``python -m bench``: every figure of issue 19 in one table, each against a baseline measured in the
same run (see bench/README.md and docs/performance.md).

Per backend: the start-up of one ``sitlog attack record`` against its import floor; ``sitlog run``
of a 20-line morning against 20 processes; ``sitlog import`` of the missile-attacks snapshot and of
a synthetic desk's log (``bench/synthetic.py``) against a raw ``executemany`` of as many rows
(interleaved, medians), with the import's peak memory and the read side's catch-up after it; then,
on the imported store, ``state --as-of`` and ``digest`` from a warm process, ``sitlog verify`` and
the HTTP API when this sitlog has them. ``--quick``: 10,000 events; the full run adds 1,000,000.
"""

import argparse
import secrets
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bench import startup
from bench.shared_data import MISSILE_ATTACKS as MISSILE
from bench.table import (
    Row,
    ratio_at_least,
    ratio_at_most,
    reference,
    render,
    value_at_least,
    value_at_most,
)

if TYPE_CHECKING:
    from sitlog.adapters.reader import Reader

DAY = date(2025, 12, 31)  # the last day of the synthetic log (bench_digest.DAY): state and digest of it
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
ROOT = Path(__file__).resolve().parent.parent
QUICK, FULL = 10_000, 1_000_000
RAW_ROWS_MAX = 200_000  # a raw insert's rate is steady well before this: the 1M baseline takes as many
NAMES = {"sqlite": "sqlite3", "postgres": "psycopg"}


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Run:
    """One run of the bench: its options, folders, PostgreSQL schemas, and the rows of its table."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rows: list[Row] = []
        self.prefix = f"sitlog_bench_{secrets.token_hex(4)}"
        # A TemporaryDirectory is removed when the process exits, cleaned up or not: --keep makes a plain one.
        self._temp = None if args.keep else tempfile.TemporaryDirectory(prefix="sitlog-bench-")
        self.folder = Path(self._temp.name if self._temp else tempfile.mkdtemp(prefix="sitlog-bench-"))
        self.cache = args.folder
        self.cache.mkdir(parents=True, exist_ok=True)
        self.pairs = 5 if args.quick else 7
        # A help takes a fifth of a second: 5 pairs of it moved the ratio by ±0.15 from one run to the
        # next, across its target (1.2); 15 pairs take a few seconds more.
        self.help_pairs = 15 if args.quick else 21

    def url(self, backend: str, name: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{self.folder / name}.db"
        return f"{self.args.pg}?schema={self.prefix}_{name}"

    @contextmanager
    def figure(self, *rows: Row) -> Iterator[tuple[Row, ...]]:
        """Measure into ``rows``; a failure is printed and marks them, and the bench goes on."""
        self.rows.extend(rows)
        started = time.perf_counter()
        try:
            yield rows
        except Exception as e:  # one figure failing must not lose the others
            traceback.print_exc()
            for row in rows:
                if not row.status and row.value is None:
                    row.status = f"failed: {type(e).__name__}"
        say(f"{rows[0].figure} ({rows[0].backend}): {time.perf_counter() - started:.0f} s")

    def close(self) -> None:
        if self.args.keep:
            say(f"kept: {self.folder} and the schemas {self.prefix}_*")
        else:
            if self.args.backend in ("postgres", "both"):
                from bench.bench_projections import _drop_schemas

                _drop_schemas(self.args.pg, self.prefix)
            if self._temp is not None:
                self._temp.cleanup()


def help_figures(run: Run) -> None:
    for argv, name in ((["--help"], "`sitlog --help`"), (["attack", "record", "--help"],
                                                         "`sitlog attack record --help`")):
        row = Row(f"{name}, wall", "-", ratio_at_most(1.2), unit="s", baseline_label="s `import typer`")
        with run.figure(row):
            command = [startup.SITLOG, *argv]
            row.value, row.baseline, row.ratio = startup.pairs(command, "typer", run.help_pairs)


def record_figure(run: Run, backend: str) -> None:
    floor = f"typer, pydantic, eventsourcing.{'sqlite' if backend == 'sqlite' else 'postgres'}"
    row = Row("one `sitlog attack record` (a no-op again), whole process, wall", backend, ratio_at_most(1.3),
              unit="s", baseline_label=f"s `import {floor}`")
    with run.figure(row):
        url = run.url(backend, "record")
        command = [startup.SITLOG, "--db", url, "attack", "record", "--date", "2026-01-05", "--attacker",
                   "russia", "--source", "Ukrainian Air Force", "--launched", "shahed=100"]
        startup.wall([startup.SITLOG, "--db", url, "init"])
        startup.wall(command)
        row.value, row.baseline, row.ratio = startup.pairs(command, floor, run.pairs)


def typer_floor_figure(run: Run) -> None:
    """What any Typer command with one pydantic model pays over the floor of `attack record`'s target
    (``bench/typer_floor.py``: the same 16 options parsed, one model built, nothing recorded): the
    part of that ratio no sitlog code can take away."""
    floor = "typer, pydantic, eventsourcing.sqlite"
    row = Row("a Typer command with `attack record`'s options and one pydantic model, whole process, wall",
              "-", reference(), unit="s", baseline_label=f"s `import {floor}`")
    with run.figure(row):
        command = [startup.PYTHON, str(Path(__file__).with_name("typer_floor.py")), "record", "--date",
                   "2026-01-05", "--attacker", "russia", "--launched", "shahed=100"]
        row.value, row.baseline, row.ratio = startup.pairs(command, floor, run.pairs)


def run_figure(run: Run, backend: str) -> None:
    from bench.bench_run import morning, one_process_per_line, one_run

    row = Row("`sitlog run` of a 20-line morning", backend, ratio_at_least(10), unit="s",
              baseline_label="s as 20 processes")
    with run.figure(row):
        lines = morning()
        row.baseline = one_process_per_line(run.url(backend, "morning_processes"), lines)
        row.value = one_run(run.url(backend, "morning_run"), lines, run.folder)
        row.ratio = row.baseline / row.value


def raw_rate(run: Run, backend: str, rows: int) -> float:
    from bench.bench_import import raw_postgres, raw_sqlite

    rows = min(rows, RAW_ROWS_MAX)
    if backend == "sqlite":
        return raw_sqlite(Path(tempfile.mkdtemp(dir=run.folder)), rows)
    return raw_postgres(run.args.pg, f"{run.prefix}_raw_{secrets.token_hex(3)}", rows)


def imports(run: Run, backend: str, name: str, path: Path, kind: str,
            repeat: int) -> tuple[list[dict], float]:
    """Raw, import, raw, import, ... raw (as many raw rows as the file has lines): every import in a
    fresh store (the last one is kept, its URL in the result's ``url``); returns the imports and the
    median raw rows/s around them."""
    from bench.bench_import import child_import

    with path.open("rb") as f:
        lines = sum(1 for _ in f)
    results, raws = [], []
    for i in range(repeat):
        url = run.url(backend, f"{name}_{i}")
        raws.append(raw_rate(run, backend, lines))
        results.append(child_import(url, path, kind) | {"url": url})
    raws.append(raw_rate(run, backend, lines))
    return results, statistics.median(raws)


def missile_figure(run: Run, backend: str) -> None:
    path = run.args.missile
    row = Row("`sitlog import` of the missile-attacks snapshot, rows/s", backend, ratio_at_least(0.5),
              unit="rows/s", baseline_label=f"rows/s raw {NAMES[backend]} executemany")
    if path is None or not path.exists():
        row.status = "not available (no snapshot: --missile FILE)"
        run.rows.append(row)
        return
    with run.figure(row):
        results, raw = imports(run, backend, "missile", path, "missile-attacks-csv", 3)
        row.value = statistics.median(r["rows"] / r["import"] for r in results)
        row.baseline, row.ratio = raw, row.value / raw


def size_figures(run: Run, backend: str, events: int) -> dict[str, float]:
    """The import of a desk's log of ``events`` events and every figure read on the store it makes;
    returns the import's peak memory and the latencies, for the growth from the smallest size."""
    from bench.synthetic import synthetic_file

    label = f"{events:,} events"
    path = synthetic_file(events, run.cache)
    imported = Row(f"`sitlog import` of a synthetic log, {label}, events/s", backend, ratio_at_least(0.5),
                   unit="ev/s", baseline_label=f"rows/s raw {NAMES[backend]} executemany")
    memory = Row(f"peak memory of that import, {label}", backend, value_at_most(300, "MB"), unit="MB")
    catch_up = Row(f"projection catch-up after that import, {label}, events/s", backend, ratio_at_least(0.5),
                   unit="ev/s", baseline_label="ev/s the import")
    results: list[dict] = []
    measured: dict[str, float] = {}
    with run.figure(imported, memory, catch_up):
        repeat = 3 if events <= QUICK else 1
        results, raw = imports(run, backend, f"desk{events}", path, "sitlog-jsonl", repeat)
        imported.value = statistics.median(r["events"] / r["import"] for r in results)
        imported.baseline, imported.ratio = raw, imported.value / raw
        memory.value = max(r["import_mb"] for r in results)
        measured["memory"] = memory.value
        memory.notes.append(f"with the catch-up after it: {max(r['peak_mb'] for r in results):.0f} MB")
        catch_up.value = statistics.median(r["events"] / r["catch_up"] for r in results)
        catch_up.baseline, catch_up.ratio = imported.value, catch_up.value / imported.value
    if not results:
        return measured
    url, events_in = results[-1]["url"], results[-1]["events"]
    latency_figures(run, backend, url, label, measured)
    verify_figure(run, backend, url, label, events_in)
    api_figure(run, backend, url, label)
    return measured


def latency_figures(run: Run, backend: str, url: str, label: str, latencies: dict[str, float]) -> None:
    from sitlog.adapters.store import open_store_at


    timed = 30
    for name, limit in (("state", 50.0), ("digest", 100.0)):
        row = Row(f"`{name}{' --as-of' if name == 'state' else ''}` warm, {label}, median", backend,
                  value_at_most(limit, "ms"), unit="ms", baseline_label="ms a read transaction's SELECT 1")
        with run.figure(row), open_store_at(url, "bench") as store:
            row.value = _median_ms(partial(_ask, store.reader, name), timed)
            row.baseline = _median_ms(lambda: _select_one(store), timed)
            row.ratio = row.value / row.baseline
            latencies[name] = row.value


def _ask(reader: "Reader", name: str) -> None:
    answer = reader.state(DAY) if name == "state" else reader.digest(DAY)
    answer.model_dump_json()


def _select_one(store: object) -> None:
    with store.read() as tx:  # type: ignore[attr-defined]
        tx.scalar("SELECT 1 AS n")


def _median_ms(action: Callable[[], object], timed: int, warm: int = 5) -> float:
    timings = []
    for i in range(warm + timed):
        started = time.perf_counter()
        action()
        if i >= warm:
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def verify_figure(run: Run, backend: str, url: str, label: str, events: int) -> None:
    from bench import service

    row = Row(f"`sitlog verify` over {label}, events/s", backend, value_at_least(50_000, "ev/s"), unit="ev/s",
              baseline_label=f"rows/s raw {NAMES[backend]} read of the log")
    if not startup.available("verify", "--help"):
        row.status = "not available (no `sitlog verify`)"
        run.rows.append(row)
        return
    with run.figure(row):
        row.value, said = service.verify(url, events)
        row.baseline = service.raw_read_rate(url)
        row.ratio = row.value / row.baseline
        if said:
            row.notes.append(said)


def api_figure(run: Run, backend: str, url: str, label: str) -> None:
    from bench import service

    row = Row(f"`GET /api/state` p99, {service.CLIENTS} clients, {label}", backend, value_at_most(50, "ms"),
              unit="ms", baseline_label="ms stdlib server, same bytes")
    if not (startup.importable("sitlog.web") and startup.available("serve", "--help")):
        row.status = "not available (no `sitlog serve`)"
        run.rows.append(row)
        return
    with run.figure(row):
        row.value, row.baseline = service.api_p99(url, str(run.folder))
        row.ratio = row.value / row.baseline


def growth_figures(run: Run, backend: str, small: dict[str, float], large: dict[str, float]) -> None:
    for name, unit, limit in (("state", "ms", 2.0), ("digest", "ms", 2.0), ("memory", "MB", 1.5)):
        what = "the import's peak memory" if name == "memory" else f"`{name}`"
        row = Row(f"{what}: growth {QUICK:,} → {FULL:,} events", backend, ratio_at_most(limit), unit=unit,
                  baseline_label=f"{unit} at {QUICK:,}")
        if name in small and name in large:
            row.value, row.baseline = large[name], small[name]
            row.ratio = row.value / row.baseline
        else:
            row.status = "failed: a size was not measured"
        run.rows.append(row)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Every figure of issue 19 with its baseline from the same "
        "run, its target and whether it is met.")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK:,} events only (the full run adds "
                        f"{FULL:,})")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--pg", default=PG_URL, metavar="URL", help=f"PostgreSQL server (default {PG_URL})")
    parser.add_argument("--missile", type=Path, default=MISSILE if MISSILE.exists() else None,
                        metavar="FILE", help="the missile-attacks snapshot (default: the shared one)")
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "sitlog-bench",
                        metavar="DIR", help="where the synthetic files are kept between runs "
                        "(default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the stores (SQLite files, PostgreSQL "
                        "schemas) for a look afterwards")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--only", metavar="FIGURES", default="startup,run,missile,sizes",
                        help="a comma-separated subset of startup,run,missile,sizes (default: all)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> list[Row]:
    args = parse(argv)
    only = set(args.only.split(","))
    run = Run(args)
    started = time.perf_counter()
    sizes = [QUICK] if args.quick else [QUICK, FULL]
    try:
        if "startup" in only:
            help_figures(run)
            typer_floor_figure(run)
        for backend in ("sqlite", "postgres"):
            if args.backend not in (backend, "both"):
                continue
            if "startup" in only:
                record_figure(run, backend)
            if "run" in only:
                run_figure(run, backend)
            if "missile" in only:
                missile_figure(run, backend)
            if "sizes" in only:
                by_size = {events: size_figures(run, backend, events) for events in sizes}
                if len(sizes) > 1:
                    growth_figures(run, backend, by_size[QUICK], by_size[FULL])
    finally:
        run.close()
    print(render(run.rows, markdown=args.markdown))
    for row in run.rows:
        for note in row.notes:
            print(f"  {row.figure} ({row.backend}): {note}")
    print(f"{time.perf_counter() - started:.0f} s; load average {_load()}")
    return run.rows


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"
