"""Parts several answers share: who reported a fact, and an aggregate's history of events."""

import json
from collections.abc import Sequence
from typing import Annotated, Any, TypeVar

from pydantic import Field, JsonValue
from pydantic.json_schema import SkipJsonSchema
from sitlog.adapters.read_models.base import ReadModel, RecordTime, Row, Section
from sitlog.adapters.read_models.vocabulary import EntryChangeWord


class SourceRef(ReadModel):
    """Who reported a fact: a name, and where it was published when known."""

    name: str
    url: str | None


def source_name(source: SourceRef | None) -> str | None:
    """A source in a table cell: its name (the URL stays in the JSON)."""
    return source.name if source else None


class FieldChange(ReadModel):
    """One field a correction changed, before and after, as text (null: not given)."""

    field: str = Field(description="What it is: an entry's date, time, category, text, places, url or "
                                   "reported_at; a negotiation's e.g. \"round 2 venue\"; an exchange's e.g. "
                                   "\"agreement total\".")
    before: str | None
    after: str | None


class RecordChange(ReadModel):
    """A correction (the fields it changed) or a retraction of a negotiation's or an exchange's
    record, and why: what `show` lists beside the record as it stands (the digest lists them by the
    day they were recorded)."""

    kind: EntryChangeWord
    record: str = Field(description='What it changed: for a negotiation "round 2", "statement 5", '
                                    '"status-change 12" or "negotiation" (its title, mediator or parties); '
                                    'for an exchange "agreement", "completion", "postponement", '
                                    '"cancellation" or "exchange" (the whole of it).')
    changes: list[FieldChange] = Field(description="Empty for a retraction.")
    reason: str
    recorded_at: RecordTime
    operator: str


class RecordChangeRow(Row):
    """One field changed by a correction (a retraction: one row without a field)."""

    kind: str
    record: str
    field: str | None
    before: str | None
    after: str | None
    reason: str
    recorded_at: RecordTime
    operator: str


ChangeRowT = TypeVar("ChangeRowT", bound=Row)


def change_rows(row: type[ChangeRowT], changes: Sequence[Any]) -> Section[ChangeRowT]:
    """Corrections and retractions (``RecordChange``, ``EntryChange``) as a table: a row per field a
    correction changed, one without a field for a retraction."""
    rows = []
    for change in changes:
        said = change.model_dump(exclude={"changes"})
        rows += [row.model_validate({**said, "field": f.field, "before": f.before, "after": f.after})
                 for f in change.changes] or [row.model_validate({**said, "field": None, "before": None,
                                                                   "after": None})]
    return Section(row, rows)


class HistoryEntry(ReadModel):
    """One event of an aggregate, as the log holds it."""

    version: int = Field(description="The aggregate's version after the event (1 for its first).")
    event: str = Field(description="The event's type, e.g. Attack.FiguresCorrected.")
    recorded_at: RecordTime
    operator: str
    data: dict[str, JsonValue] = Field(description="The event's own fields, as JSON.")


class HistoryRow(Row):
    version: int
    event: str
    recorded_at: RecordTime
    operator: str
    data: str


def _drop_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)  # absent rather than null: the key is left out


OptionalHistory = Annotated[
    list[HistoryEntry] | SkipJsonSchema[None],
    Field(default=None, exclude_if=lambda history: history is None, json_schema_extra=_drop_default,
          description="Only with --history: every event of the aggregate, oldest first."),
]
"""The ``history`` field of a ``show`` answer, there only when asked for (``show --history``);
declared last in each answer, so that it prints last."""


class ShowsHistory(ReadModel):
    """An answer with an ``OptionalHistory`` field."""

    def history_table(self) -> dict[str, Section[HistoryRow]]:
        history: list[HistoryEntry] | None = getattr(self, "history", None)
        if history is None:
            return {}
        return {"history": Section(HistoryRow, [
            HistoryRow(version=h.version, event=h.event, recorded_at=h.recorded_at, operator=h.operator,
                       data=json.dumps(h.data, ensure_ascii=False))
            for h in history
        ])}
