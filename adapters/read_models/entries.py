"""Log entries as the read side answers for them: ``entry show`` and ``entry list``."""

from typing import Annotated

from pydantic import Field, RootModel
from sitlog.adapters.read_models.base import (
    Count,
    Day,
    LocalTime,
    ReadModel,
    RecordTime,
    Row,
    Section,
    Table,
    field_rows,
    joined,
    shown,
)
from sitlog.adapters.read_models.common import (
    FieldChange,
    OptionalHistory,
    ShowsHistory,
    SourceRef,
    change_rows,
)
from sitlog.adapters.read_models.vocabulary import (
    DatePrecisionWord,
    EntryCategoryWord,
    EntryChangeWord,
    EntryStatusWord,
)

TimeOfDay = Annotated[str, Field(pattern=r"^\d{2}:\d{2}$", description="HH:MM, Kyiv time.")]


class EntryChange(ReadModel):
    """A correction (the fields it changed) or the retraction of an entry, and why."""

    kind: EntryChangeWord
    changes: list[FieldChange] = Field(description="Empty for a retraction.")
    reason: str
    recorded_at: RecordTime
    operator: str


class EntrySummary(ReadModel):
    """One log entry as it stands (or stood, with --known-at)."""

    reference: str = Field(description="e- and the first 8 hex digits of the entry's id, e.g. e-3f9a1c02; "
                                       "it stays the same through corrections.")
    date: Day = Field(description="The day it is about (the last day of a month or year given).")
    date_precision: DatePrecisionWord = Field(description="As the source gave it: day, month (YYYY-MM) "
                                                          "or year (YYYY).")
    time: TimeOfDay | None
    category: EntryCategoryWord
    text: str
    source: SourceRef
    places: list[str]
    reported_at: LocalTime | None = Field(description="When the source published it.")
    status: EntryStatusWord
    recorded_at: RecordTime = Field(description="When this version was recorded: the entry's addition, "
                                                "or its latest correction or retraction.")
    operator: str = Field(description="Who recorded this version.")


class EntryRow(Row):
    reference: str
    date: str
    time: str | None
    category: str
    source: str
    places: str
    text: str
    status: str


def entry_row(e: EntrySummary) -> EntryRow:
    return EntryRow(reference=e.reference, date=shown(e.date, e.date_precision), time=e.time,
                    category=e.category, source=e.source.name, places=joined(e.places), text=e.text,
                    status=e.status)


class ChangeRow(Row):
    """One field changed by a correction (a retraction: one row without a field)."""

    kind: str
    field: str | None
    before: str | None
    after: str | None
    reason: str
    recorded_at: RecordTime
    operator: str


class EntryShown(EntrySummary, ShowsHistory):
    """``sitlog entry show``: one entry, its corrections and retraction, and its events with --history."""

    corrections: list[EntryChange] = Field(description="Every correction and the retraction, oldest first.")
    history: OptionalHistory

    def table(self) -> Table:
        fields = self.model_dump(mode="json", exclude={"corrections", "history", "source"})
        fields = {**fields, "source": self.source.name, "source_url": self.source.url,
                  "date": shown(self.date, self.date_precision)}
        return {
            "entry": field_rows({k: fields[k] for k in (
                "reference", "date", "time", "category", "text", "source", "source_url", "places",
                "reported_at", "status", "recorded_at", "operator")}),
            "corrections": change_rows(ChangeRow, self.corrections),
            **self.history_table(),
        }


class EntryListing(RootModel[list[EntrySummary]]):
    """``sitlog entry list``: the standing entries (retracted ones left out), by date and time."""

    model_config = {"frozen": True}

    def table(self) -> Table:
        return {"": Section(EntryRow, [entry_row(e) for e in self.root])}


class EntryCounts(ReadModel):
    """Log entries dated up to the date, by category (retracted ones left out)."""

    diplomacy: Count
    military: Count
    humanitarian: Count
    political: Count
    other: Count
    total: Count
