"""``sitlog import``: files of other formats (and other sitlog logs) into the log.

One module per kind of file (``KINDS``), each small: it reads the file as a stream, decides
through the aggregates (``batches.py``: many aggregates per transaction) and counts what it
did. ``Importer`` (``store.importer``) is what the front ends call.
"""

import importlib
from collections.abc import Callable
from pathlib import Path

from sitlog.adapters.importers.common import ImportRefused, ImportRun, Rejected
from sitlog.adapters.read_models.imports import ImportSummary
from sitlog.adapters.store import Store
from sitlog.domain.clock import today_in_kyiv

# kind -> the module that reads it
KINDS = {
    "missile-attacks-csv": "sitlog.adapters.importers.missile_attacks",
    "general-staff-personnel": "sitlog.adapters.importers.general_staff",
    "sitlog-jsonl": "sitlog.adapters.importers.sitlog_jsonl",
}


class Importer:
    def __init__(self, store: Store) -> None:
        self._store = store

    def run(self, path: Path, kind: str, *, strict: bool = False, dry_run: bool = False,
            on_rejected: Callable[[Rejected], None] = lambda rejected: None,
            on_warning: Callable[[str], None] = lambda message: None,
            on_progress: Callable[[str, int, int], None] = lambda stage, done, total: None,
            ) -> ImportSummary:
        """Import ``path`` as ``kind``. With ``strict``, a first pass reads the whole file without
        writing (as ``dry_run`` does), and nothing is written if any row is bad."""
        if kind not in KINDS:
            raise ImportRefused(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
        if not path.is_file():
            raise ImportRefused(f"file: {str(path)!r} is not a file")
        if len(path.name) > 200:
            raise ImportRefused(f"file: the name {path.name[:30]!r}... is longer than 200 characters")
        if strict and not dry_run:
            checked = self._run(path, kind, True, on_rejected, on_warning, on_progress, "checking")
            if checked.tally.rejected:
                bad = len(checked.tally.rejected)
                raise ImportRefused(f"{path.name}: {bad} bad row{'s' if bad > 1 else ''} "
                                    "(listed above); nothing imported (--strict)")
            on_warning, on_rejected = (lambda message: None), (lambda rejected: None)  # said already
        run = self._run(path, kind, dry_run, on_rejected, on_warning, on_progress,
                        "reading" if dry_run else "importing")
        t = run.tally
        return ImportSummary(
            file=path.name, kind=kind, dry_run=dry_run, rows=t.rows, new=t.new, corrected=t.corrected,
            unchanged=t.unchanged, rejected=sum(len(r.lines) for r in t.rejected), events=t.events,
            periods_corrected=t.periods_corrected, decreases=t.decreases, vanished=list(t.vanished))

    def _run(self, path: Path, kind: str, dry_run: bool, on_rejected: Callable[[Rejected], None],
             on_warning: Callable[[str], None], on_progress: Callable[[str, int, int], None],
             stage: str) -> ImportRun:
        run = ImportRun(store=self._store, path=path, dry_run=dry_run, today=today_in_kyiv(),
                        on_rejected=on_rejected, on_warning=on_warning,
                        on_progress=lambda done, total: on_progress(stage, done, total))
        importlib.import_module(KINDS[kind]).run(run)
        if not dry_run:  # as ``log.save`` does after each command (adapters/snapshots.py)
            self._store.log.keep_snapshots(run.changed.values())
        return run
