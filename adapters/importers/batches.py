"""Saving an import many aggregates per transaction, through the domain's rules.

A batch loads each aggregate it touches once, lets the importer decide on all of them (the
aggregates apply their rules: no-op detection, corrections with reasons), and saves every
aggregate that changed in one transaction: their events appended with one ``COPY`` (PostgreSQL)
or one ``executemany`` (SQLite), as a copy of a log appends them (``log_append.py``), instead of
the library's ``log.save`` (itself ~25x faster than a save per aggregate). Another writer saving
one of them first makes the save fail as a whole; the batch is then loaded again and decided
again, as ``IncidentLog.execute`` does for one command.
The aggregates of the last batch are kept for the next one (a series of estimates, the dataset's
notes): loading them again would replay their events for every batch. A dry run saves nothing
and keeps every aggregate it decided on, so that later batches see what earlier ones decided.
"""

from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from eventsourcing.persistence import RecordConflictError
from sitlog.adapters.importers.common import ImportRun, Tally, existing
from sitlog.adapters.log_append import append
from sitlog.domain.base import Aggregate
from sitlog.domain.errors import SitlogError
from sitlog.domain.text_limits import check_text_lengths

CONFLICT_RETRIES = 5
Load = Callable[[UUID], Any]  # an aggregate by id (None when the log has none)
Decide = Callable[[Load, Tally], list[Aggregate]]  # the aggregates to save; counts go into the Tally


class BatchWriter:
    def __init__(self, run: ImportRun, *, checked: bool = False) -> None:
        """``checked``: the importer has bounded every text it gives the aggregates, so the lengths
        of the events' texts need no walk through every event (``check_text_lengths``)."""
        self.run, self.checked = run, checked
        self._kept: dict[UUID, Aggregate | None] = {}

    def write(self, decide: Decide, touches: Iterable[UUID]) -> Tally:
        """Decide a batch on freshly loaded aggregates and save what changed; returns its tally.
        ``touches`` are the ids of the aggregates ``decide`` will load."""
        touches = set(touches)
        for _ in range(CONFLICT_RETRIES):
            loaded = _Loaded(self, existing(self.run.store, touches - set(self._kept)))
            tally = Tally()
            aggregates = [a for a in decide(loaded.get, tally) if a.pending_events]
            for aggregate in aggregates if not self.checked else ():
                check_text_lengths(aggregate.pending_events)
            tally.events = sum(len(a.pending_events) for a in aggregates)
            try:
                self._save(aggregates)
            except RecordConflictError:
                self._kept = {}  # another writer moved on: load everything again
                continue
            # Dry, nothing was saved: what was decided stays in memory for the rest of the run.
            kept = self._kept if self.run.dry_run else {}
            self._kept = kept | loaded.aggregates | {a.id: a for a in aggregates}
            self.run.saved(tally)
            return tally
        raise SitlogError("the log changed under the import several times; please try again")

    def _save(self, aggregates: list[Aggregate]) -> None:
        if self.run.dry_run:
            for aggregate in aggregates:
                aggregate.collect_events()  # decided, never saved: the next batch starts from here
        elif aggregates:
            log = self.run.log
            events = [event for aggregate in aggregates for event in aggregate.pending_events]
            stored = [log.mapper.to_stored_event(event) for event in events]
            append(log, [(event.originator_id, event.originator_version, s.topic, s.state)
                         for event, s in zip(events, stored, strict=True)])
            for aggregate in aggregates:
                aggregate.collect_events()  # saved: no longer pending
                self.run.changed[aggregate.id] = aggregate  # snapshotted at the run's end, if due


class _Loaded:
    """The aggregates one attempt at a batch has loaded (each once)."""

    def __init__(self, writer: BatchWriter, in_log: set[UUID]) -> None:
        self.writer, self.in_log = writer, in_log
        self.aggregates: dict[UUID, Aggregate | None] = {}

    def get(self, aggregate_id: UUID) -> Any:
        if aggregate_id not in self.aggregates:
            kept = self.writer._kept
            if aggregate_id in kept:
                self.aggregates[aggregate_id] = kept[aggregate_id]
            elif aggregate_id in self.in_log:
                self.aggregates[aggregate_id] = self.writer.run.log.find(aggregate_id)
            else:  # not in the log when the batch began (another writer's is a conflict at saving)
                self.aggregates[aggregate_id] = None
        return self.aggregates[aggregate_id]
