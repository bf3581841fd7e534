"""``sitlog import``: what an import did (or, with ``--dry-run``, would do)."""

from pydantic import Field
from sitlog.adapters.read_models.base import Count, ReadModel


class ImportSummary(ReadModel):
    """Counted in rows of the file (lines of a JSON Lines file, items of a JSON array)."""

    file: str
    kind: str
    dry_run: bool
    rows: Count = Field(description="Rows read.")
    new: Count = Field(description="Rows whose figures the log did not have: recorded as new reports.")
    corrected: Count = Field(description="Rows whose figures changed: recorded as corrections.")
    unchanged: Count = Field(description="Rows already in the log as they are: nothing recorded.")
    rejected: Count = Field(description="Bad rows: not imported (each reported with its line).")
    events: Count = Field(description="Events recorded (or, dry, that would be).")
    periods_corrected: Count = Field(description="Attack periods corrected to the span of their rows.")
    decreases: list[str] = Field(description="Days whose cumulative figure is below the day before's.")
    vanished: list[str] = Field(description="Keys of rows earlier imports brought that the file no longer "
                                            "has (nothing is deleted).")

    def line(self) -> str:
        """The one-line summary."""
        verb = "would record" if self.dry_run else "recorded"
        parts = [f"{self.new} new", f"{self.corrected} corrected", f"{self.unchanged} unchanged",
                 f"{self.rejected} rejected"]
        extra = [f"{self.periods_corrected} attack periods corrected"] if self.periods_corrected else []
        days = len(self.decreases)
        extra += [f"{days} day{'s' if days > 1 else ''} below the day before"] if days else []
        extra += [f"{len(self.vanished)} vanished"] if self.vanished else []
        return (f"{self.file}: {self.rows} rows read: {', '.join(parts)}"
                f"{'; ' + ', '.join(extra) if extra else ''}; {verb} {self.events} events")
