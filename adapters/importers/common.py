"""What every kind of import shares: the run's settings and callbacks, its tally, its refusals,
and reading a file as a stream (with the bytes read, for a progress bar)."""

import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from uuid import UUID

from sitlog.adapters.log_table import EVENTS_TABLE, among
from sitlog.adapters.snapshots import SnapshottingLog
from sitlog.domain.errors import SitlogError

if TYPE_CHECKING:
    from sitlog.adapters.store import Store

BATCH_ROWS = 500  # rows (or events) decided and saved per transaction


class ImportRefused(SitlogError):
    """The file cannot be imported at all (not of its kind, unreadable, ...): nothing is written."""


@dataclass(frozen=True)
class Rejected:
    """A bad row: its line(s) in the file and why it was not imported."""

    lines: tuple[int, ...]
    reason: str

    def __str__(self) -> str:
        where = "line" if len(self.lines) == 1 else "lines"
        return f"{where} {', '.join(map(str, self.lines))}: {' '.join(self.reason.split())}"


@dataclass
class Tally:
    """What an import did (or, dry, would do), counted in rows of the file."""

    rows: int = 0
    new: int = 0
    corrected: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    events: int = 0
    periods_corrected: int = 0
    decreases: list[str] = field(default_factory=list)
    vanished: tuple[str, ...] = ()

    def merge(self, other: "Tally") -> None:
        """Add a batch's tally, once the batch is saved."""
        self.new += other.new
        self.corrected += other.corrected
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.events += other.events
        self.periods_corrected += other.periods_corrected
        self.decreases += other.decreases


@dataclass
class ImportRun:
    """One run of an importer over one file."""

    store: "Store"
    path: Path
    dry_run: bool
    today: date
    on_rejected: Callable[[Rejected], None] = lambda rejected: None
    on_warning: Callable[[str], None] = lambda message: None
    on_progress: Callable[[int, int], None] = lambda done, total: None
    tally: Tally = field(default_factory=Tally)
    # The aggregates saved, by id, as they stand: those whose histories grow long are snapshotted
    # once the run is over (a batch keeps them in memory for the next: a snapshot after each would
    # encode a growing series again and again).
    changed: dict[UUID, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The file's name, as reasons and the dataset's notes name it."""
        return self.path.name

    @property
    def log(self) -> SnapshottingLog:
        return self.store.log

    @property
    def operator(self) -> str:
        return self.log.operator

    @property
    def revised(self) -> str:
        """The reason of every correction an import makes."""
        return f"revised in the import of {self.name}"

    def reject(self, lines: tuple[int, ...], reason: str, tally: Tally | None = None) -> None:
        """Note a bad row (in a batch's tally until the batch is saved, if given)."""
        (tally or self.tally).rejected.append(Rejected(lines, reason))

    def saved(self, batch: Tally) -> None:
        """A batch was saved (or, dry, decided): count it and report its bad rows."""
        self.tally.merge(batch)
        for rejected in batch.rejected:
            self.on_rejected(rejected)


def existing(store: "Store", ids: Iterable[UUID]) -> set[UUID]:
    """Which of ``ids`` the log has events of (one query per 500: most ids of a first import are
    new, and loading each would cost a query that finds nothing)."""
    found: set[UUID] = set()
    with store.read() as tx:
        table = EVENTS_TABLE[tx.dialect]
        for condition, params in among(tx.dialect, sorted(set(ids))):
            rows = tx.tuples(f"SELECT DISTINCT originator_id FROM {table} WHERE {condition}", params)
            found.update(i if isinstance(i, UUID) else UUID(str(i)) for (i,) in rows)
    return found


@contextmanager
def text_stream(path: Path, run: ImportRun) -> Iterator[IO[str]]:
    """The file as text (UTF-8, a byte-order mark skipped), read as a stream; progress is reported
    in bytes read as the caller reads."""
    try:
        raw = path.open("rb")
    except OSError as e:
        raise ImportRefused(f"file: cannot read {str(path)!r} ({e.strerror or e})") from None
    total = path.stat().st_size if path.is_file() else 0
    progress = io.BufferedReader(_Progress(raw, total, run.on_progress), buffer_size=1 << 16)
    with raw, io.TextIOWrapper(progress, encoding="utf-8-sig", newline="") as text:
        try:
            yield text
        except UnicodeDecodeError as e:
            reason = f"{e.reason} at byte {e.start}"
            raise ImportRefused(f"file: {path.name} is not UTF-8 text ({reason})") from None
    run.on_progress(total, total)


class _Progress(io.RawIOBase):
    """A binary file that reports how far it has been read."""

    def __init__(self, raw: IO[bytes], total: int, report: Callable[[int, int], None]) -> None:
        self._raw, self._total, self._report, self._done = raw, total, report, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self._done += n or 0
        self._report(self._done, self._total)
        return int(n or 0)
