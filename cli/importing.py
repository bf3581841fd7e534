"""``sitlog import FILE --kind KIND``: a file of reports (or another sitlog's export) into the log."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from sitlog.cli.context import note, opened, warn, write

if TYPE_CHECKING:
    from sitlog.adapters.read_models.imports import ImportSummary
    from sitlog.adapters.store import Store

Progress = Callable[[str, int, int], None]

app = typer.Typer(rich_markup_mode=None, add_completion=False)


class Kind(StrEnum):
    missile_attacks_csv = "missile-attacks-csv"
    general_staff_personnel = "general-staff-personnel"
    sitlog_jsonl = "sitlog-jsonl"


# A file's name says its kind when --kind is not given.
_BY_SUFFIX = {".csv": Kind.missile_attacks_csv, ".json": Kind.general_staff_personnel,
              ".jsonl": Kind.sitlog_jsonl}


@app.command("import")
def import_file(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help="The file to import."),
    kind: Kind = typer.Option(None, "--kind", show_default=False,
                              help="What the file is (default: by its name: .csv, .json, .jsonl)."),
    strict: bool = typer.Option(False, "--strict", help="Import nothing if any row is bad."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would be recorded; write nothing."),
) -> None:
    """Import a file: the Massive Missile Attacks CSV (missile-attacks-csv), the General Staff's
    personnel losses (general-staff-personnel), or another sitlog's export (sitlog-jsonl).

    Rows already in the log are left alone (importing a file again records nothing); a changed
    figure is a correction ("revised in the import of FILE"); rows gone from a newer snapshot are
    listed, never deleted. Bad rows are reported with their line and left out (with --strict,
    nothing is imported). The summary goes to stderr.

    Example: sitlog import missile_attacks_daily.csv --kind missile-attacks-csv --dry-run
    """
    from sitlog.cli.errors import fail

    chosen = kind or _BY_SUFFIX.get(path.suffix.lower())
    if chosen is None:
        fail(f"kind: cannot tell the kind of {path.name} from its name; give --kind "
             f"({', '.join(k.value for k in Kind)})")
        return
    with _progress() as progress:
        def run(store: "Store") -> "ImportSummary":
            return store.importer.run(
                path, chosen.value, strict=strict, dry_run=dry_run, on_warning=warn,
                on_rejected=lambda rejected: warn(f"{rejected}; not imported"), on_progress=progress)

        if dry_run:
            with opened(ctx) as store:
                summary = run(store)
        else:
            summary = write(ctx, run)  # and the read side brought up to date
    for key in summary.vanished:
        note(f"vanished: {key} (its reports stay in the log)")
    for day in summary.decreases:
        note(f"below the day before: {day} (a revised cumulative figure)")
    note(summary.line())


def _progress() -> AbstractContextManager[Progress]:
    """A progress bar on stderr when it is a terminal (rich); nothing otherwise."""
    import contextlib
    import sys

    if not sys.stderr.isatty():
        return contextlib.nullcontext(lambda stage, done, total: None)
    return _Bar()


class _Bar(AbstractContextManager[Progress]):
    def __enter__(self) -> Progress:
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                                  TimeRemainingColumn(), transient=True)
        self._progress.start()
        self._tasks: dict[str, Any] = {}
        return self.update

    def update(self, stage: str, done: int, total: int) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=total or None)
        self._progress.update(self._tasks[stage], completed=done)

    def __exit__(self, *_: object) -> None:
        self._progress.stop()
