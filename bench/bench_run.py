"""`sitlog run` against as many `sitlog` processes: a morning's 20 commands (issue 19: 10x faster).

Each way runs the same 20 lines (reports, casualties, estimates) into a fresh store, as a desk
types them: one `sitlog` process per line, or `sitlog run FILE` once. Wall-clock seconds, best of
``--repeat`` runs.

    .venv/bin/python bench/bench_run.py
    .venv/bin/python bench/bench_run.py --backend postgres
"""

import argparse
import secrets
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_projections import PG_URL, _drop_schemas

SITLOG = str(Path(sys.executable).with_name("sitlog"))


def morning(lines: int = 20) -> list[str]:
    commands = []
    for i in range(lines):
        day = f"2026-01-{i + 1:02d}"
        commands.append([
            f'attack record --date {day} --attacker russia --source "Ukrainian Air Force" '
            f"--launched shahed={100 + i} --destroyed shahed={80 + i}",
            f'attack casualties 2026-01-{i:02d}/russia --place Kyiv --injured {i} --source "Mayor of Kyiv"',
            f'estimate record ukraine-military/killed --value "~{50000 + i}" --as-of {day} --reported {day} '
            '--source "Volodymyr Zelenskyy"',
            f'attack record --date {day} --attacker ukraine --source "Russian Ministry of Defence" '
            f"--destroyed drone={90 + i}",
        ][i % 4])
    return commands


def _sitlog(url: str, *args: str) -> None:
    subprocess.run([SITLOG, "--db", url, *args], check=True, capture_output=True)


def one_process_per_line(url: str, lines: list[str]) -> float:
    _sitlog(url, "init")
    started = time.perf_counter()
    for line in lines:
        _sitlog(url, *shlex.split(line))
    return time.perf_counter() - started


def one_run(url: str, lines: list[str], folder: Path) -> float:
    _sitlog(url, "init")
    path = folder / "morning.sitlog"
    path.write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    _sitlog(url, "run", str(path))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--pg", default=PG_URL, help=f"PostgreSQL server (default {PG_URL})")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lines = morning()
    prefix = f"sitlog_bench_run_{secrets.token_hex(4)}"
    runs: dict[str, list[float]] = {"processes": [], "run": []}
    try:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            for n in range(args.repeat):
                def url(name: str, n: int = n) -> str:
                    if args.backend == "sqlite":
                        return f"sqlite:///{folder / f'{name}{n}.db'}"
                    return f"{args.pg}?schema={prefix}_{name}{n}"

                runs["processes"].append(one_process_per_line(url("processes"), lines))
                runs["run"].append(one_run(url("run"), lines, folder))
    finally:
        if args.backend == "postgres":
            _drop_schemas(args.pg, prefix)
    processes, run = min(runs["processes"]), min(runs["run"])
    print(f"{args.backend}: {len(lines)} lines: {processes:.2f} s as {len(lines)} processes, "
          f"{run:.2f} s with sitlog run: {processes / run:.1f}x")


if __name__ == "__main__":
    main()
