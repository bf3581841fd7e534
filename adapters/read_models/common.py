"""Parts several answers share: who reported a fact, and an aggregate's history of events."""

import json
from typing import Annotated, Any

from pydantic import Field, JsonValue, SerializerFunctionWrapHandler, model_serializer
from pydantic.json_schema import SkipJsonSchema
from sitlog.adapters.read_models.base import ReadModel, RecordTime, Row, Section


class SourceRef(ReadModel):
    """Who reported a fact: a name, and where it was published when known."""

    name: str
    url: str | None


def source_name(source: SourceRef | None) -> str | None:
    """A source in a table cell: its name (the URL stays in the JSON)."""
    return source.name if source else None


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
    schema.pop("default", None)  # absent, rather than null: see ShowsHistory


OptionalHistory = Annotated[
    list[HistoryEntry] | SkipJsonSchema[None],
    Field(default=None, json_schema_extra=_drop_default,
          description="Only with --history: every event of the aggregate, oldest first."),
]
"""The ``history`` field of a ``show`` answer; declared last in each, so that it prints last."""


class ShowsHistory(ReadModel):
    """An answer that carries its aggregate's events when asked (``show --history``): its
    ``history`` key (an ``OptionalHistory`` field) is there only then."""

    @model_serializer(mode="wrap")
    def _without_absent_history(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        if data.get("history", ()) is None:
            del data["history"]
        return data

    def history_table(self) -> dict[str, Section[HistoryRow]]:
        history: list[HistoryEntry] | None = getattr(self, "history", None)
        if history is None:
            return {}
        return {"history": Section(HistoryRow, [
            HistoryRow(version=h.version, event=h.event, recorded_at=h.recorded_at, operator=h.operator,
                       data=json.dumps(h.data, ensure_ascii=False))
            for h in history
        ])}
