"""Start-up: a whole `sitlog` process against its import floor, in interleaved pairs.

Each pair runs the floor (``python -c "import typer"``, or the libraries a command cannot do
without) and the command one after the other, in alternating order; the figure is the median of
the command's wall times, the floor's, and of the pairs' ratios (a moment the machine is slower
weighs on both sides of a pair).
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
SITLOG = str(Path(sys.executable).with_name("sitlog"))
# An installed sitlog reads the bytecode its installation compiled, as the floor's libraries do;
# a checkout run under PYTHONDONTWRITEBYTECODE (set on the development machine) would compile each
# module it imports again in every run, ~5% of a command. Without it the warm-up writes the bytecode.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def wall(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"{' '.join(argv[:4])}... exited {done.returncode}: "
                           f"{done.stderr.decode(errors='replace').strip().splitlines()[-1:]}")
    return seconds


def pairs(command: list[str], floor_imports: str, n: int) -> tuple[float, float, float]:
    """(median command s, median floor s, median ratio) over ``n`` interleaved pairs (after one
    warm-up of each: the first run reads the files from disk)."""
    floor = [PYTHON, "-c", f"import {floor_imports}"]
    wall(floor), wall(command)
    commands, floors, ratios = [], [], []
    for i in range(n):
        if i % 2:
            c, f = wall(command), wall(floor)
        else:
            f, c = wall(floor), wall(command)
        commands.append(c), floors.append(f), ratios.append(c / f)
    return statistics.median(commands), statistics.median(floors), statistics.median(ratios)


def available(*argv: str) -> bool:
    """Whether ``sitlog ARGV`` (e.g. ``verify --help``) exits 0: a feature of this sitlog."""
    done = subprocess.run([SITLOG, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return done.returncode == 0


def importable(module: str) -> bool:
    return subprocess.run([PYTHON, "-c", f"import {module}"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0
