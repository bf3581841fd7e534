"""A long catch-up on two cores: the projections in two groups, each in a process of its own.

A catch-up is mostly Python (decoding events, computing rows), so one process keeps one core
busy and the other idle. The projections are independent (each has its own tables and its
own position), so a catch-up that is far behind runs the attacks (the larger share of the
work) in this process and the other projections in a worker process (``worker.py``), each with its own
connections. Each group commits its own batches, under the locks every worker takes
(runner.py), so the tables end exactly as one process would leave them; while it runs, the two
groups may stand at different positions (``projections status`` shows each).
"""

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import IO, TYPE_CHECKING

from sitlog.adapters.errors import ProjectionStopped, StoreNotInitialised, StoreUnavailable

if TYPE_CHECKING:  # runner.py imports this module
    from sitlog.adapters.config import StoreConfig
    from sitlog.adapters.projections.runner import Runner

# The attacks are the largest share of the work (about 60% on the bench's mix) and one
# projection: they go alone, the others together. Every projection is in one of the groups.
GROUPS = (("attacks",), ("negotiations", "exchanges", "estimates", "entries"))
# Events behind from which a catch-up starts the worker: a new process takes ~0.4 s to start
# and import sitlog, which the second core wins back from about 10,000 events on.
PARALLEL_FROM = 10_000
ERRORS = {cls.__name__: cls for cls in (ProjectionStopped, StoreNotInitialised, StoreUnavailable)}


def catch_up(runner: "Runner", batch: int, progress: Callable[[int], None] | None,
             stop: Callable[[], bool]) -> int:
    """``runner.catch_up`` with the first group here and the second in a worker process."""
    here, there = groups(runner)
    # Files, not pipes, for what the worker prints: a worker that says much (a warning, a
    # crash) must never block on a full pipe.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            _Worker(runner.db.config, there, batch, out, err) as worker:
        done = runner.only(here).catch_up(batch, progress, stop, workers=1)
        theirs = worker.result(stop)
    if progress and theirs > done:  # the worker's group had further to go
        progress(theirs - done)
    return max(done, theirs)


def groups(runner: "Runner") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of the runner's projections for this process and for the worker (either may be
    empty: then there is nothing to share)."""
    names = {p.name for p in runner.projections}
    here, there = (tuple(n for n in group if n in names) for group in GROUPS)
    # A projection missing from GROUPS (a new one) goes with the worker rather than nowhere.
    return here, there + tuple(sorted(names - set(here) - set(there)))


class _Worker:
    """``python -c 'worker.main()'`` catching up ``names``; its stdin open until it should stop."""

    def __init__(self, config: "StoreConfig", names: Sequence[str], batch: int, out: IO[bytes],
                 err: IO[bytes]) -> None:
        self.names = names
        self._out, self._err = out, err
        self._process = subprocess.Popen(
            [sys.executable, "-c", "from sitlog.adapters.projections.worker import main; main()"],
            stdin=subprocess.PIPE, stdout=self._out, stderr=self._err,
        )
        # The store's settings, password included, go through the pipe, never the command line.
        request = {"config": {**vars(config), "path": str(config.path.resolve()) if config.path else None},
                   "projections": list(names), "batch": batch}
        stdin = self._process.stdin
        assert stdin is not None
        with suppress(OSError):  # a worker that died at once says why in its stderr
            stdin.write(json.dumps(request).encode() + b"\n")
            stdin.flush()

    def result(self, stop: Callable[[], bool]) -> int:
        """Wait for the worker's answer (its count of events, or its error, raised here),
        passing on a stop as soon as one is asked for."""
        while self._process.poll() is None:
            if stop():
                self.stop()
            with suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=0.05)
        out, err = _text(self._out), _text(self._err)
        if not out:
            reason = (err.strip().splitlines() or [f"exit status {self._process.returncode}"])[-1]
            raise ProjectionStopped(
                f"the catch-up worker of {', '.join(self.names)} stopped ({reason}); their tables "
                "stay at their last batch: run `sitlog projections catch-up` again")
        answer = json.loads(out.splitlines()[-1])
        if "done" in answer:
            return int(answer["done"])
        if answer["error"] == "ProjectionStopped" and "projections" in answer:
            raise ProjectionStopped(answer["message"], projections=tuple(answer["projections"]),
                                    event=answer["event"], cause=answer["cause"])
        raise ERRORS.get(answer["error"], ProjectionStopped)(answer["message"])

    def stop(self) -> None:
        """Ask the worker to stop after its batch: close its stdin."""
        stdin = self._process.stdin
        if stdin is not None and not stdin.closed:
            with suppress(OSError):  # the worker is gone already
                stdin.close()

    def __enter__(self) -> "_Worker":
        return self

    def __exit__(self, *_: object) -> None:
        # Also when this process failed or was interrupted: the worker ends its batch and stops.
        self.stop()
        with suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=120)
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def _text(file: IO[bytes]) -> str:
    file.seek(0)
    return file.read().decode(errors="replace")
