"""A synthetic desk's log as a `sitlog export` file (JSON Lines), for ``python -m bench``.

The log is ``bench_digest``'s: every day three waves of attacks by each side (several sources,
qualified figures, casualties, a correction, a retraction), three log entries (one corrected, one
retracted), a round of talks every 10 days, an exchange every 45, five estimate series every 7; each
day's events recorded on that day, the last day being 2025-12-31. Imported with ``sitlog import
--kind sitlog-jsonl`` (which keeps record times) it is the store every figure of the bench is taken
on: the import, the catch-up, ``state``, ``digest``, ``verify``, the HTTP API.

Written by a process of its own (``python -m bench.synthetic EVENTS PATH``), so that the bench's
own memory stays small (Linux counts a parent's memory at a fork in its child's peak).
"""

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def synthetic_file(events: int, folder: Path) -> Path:
    """The file of about ``events`` events in ``folder``, written unless already there."""
    path = folder / f"desk-{events}.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "bench.synthetic", str(events), str(path)], check=True,
                       cwd=ROOT)
    return path


def write(events: int, path: Path) -> int:
    from itertools import chain

    from bench.bench_digest import log_days

    return write_export(chain.from_iterable(log_days(events)), path)


def write_export(aggregates: Iterable[Any], path: Path, stop_at: int | None = None) -> int:
    """Write the events of ``aggregates`` to ``path`` as `sitlog export` writes them (through a
    partial file, renamed once whole), stopping after the aggregate that reaches ``stop_at`` events;
    returns how many were written."""
    from sitlog.adapters.export import event_line
    from sitlog.adapters.mapper import JSONBytes, PydanticMapper

    mapper, decode = PydanticMapper(transcoder=JSONBytes()), JSONBytes().decode
    written = 0
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for aggregate in aggregates:
            for event in aggregate.collect_events():
                stored = mapper.to_stored_event(event)
                written += 1
                out.write(event_line(written, event.originator_id, event.originator_version,
                                     stored.topic, decode(stored.state)))
            if stop_at is not None and written >= stop_at:
                break
    partial.rename(path)
    return written


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(f"{write(int(sys.argv[1]), Path(sys.argv[2])):,} events", file=sys.stderr)
