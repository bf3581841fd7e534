"""What every read model shares: frozen and strict models, flat table rows, and the time types.

An *answer* (what one question to the read side returns) is a model with a ``table()`` method:
its tabular form, as named sections of flat rows. A row is a model of scalar fields only, and a
section knows its row model even when it has no rows, so a table's columns are the row model's
fields, the same whatever the data.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema


class ReadModel(BaseModel):
    """A read model: immutable, and refusing fields it does not declare."""

    # A field with a default is still always printed: its schema says it is always there.
    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_serialization_defaults_required=True)


def _record_time_text(moment: datetime) -> str:
    # Fixed width (microseconds always), UTC, "Z": record times sort as text, as they are stored.
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


RecordTime = Annotated[
    datetime,
    PlainSerializer(_record_time_text, return_type=str, when_used="json"),
    WithJsonSchema({
        "type": "string", "format": "date-time",
        "description": "A record time: when the log learned it, in UTC (e.g. 2026-02-05T07:41:12.503118Z).",
    }),
]
"""When the log learned something (an event's timestamp): UTC, to the microsecond."""

Day = date
"""A valid date, ``YYYY-MM-DD``."""


def shown(day: date, precision: str) -> str:
    """A date as the source gave it, at its precision (day, month, year): 2025-02-28, 2025-02, 2025."""
    return {"year": day.isoformat()[:4], "month": day.isoformat()[:7]}.get(precision, day.isoformat())

LocalTime = Annotated[datetime, Field(description="A moment as reported, with its UTC offset (Kyiv time "
                                                  "unless the source gave another).")]

Count = Annotated[int, Field(ge=0)]


class Row(ReadModel):
    """One line of a table: scalar fields only (text, numbers, dates, or nothing)."""


RowT = TypeVar("RowT", bound=Row)


@dataclass(frozen=True)
class Section(Generic[RowT]):
    """A table: its row model (whose fields are the columns) and its rows."""

    row: type[RowT]
    rows: Sequence[RowT]


Table = dict[str, Section[Any]]
"""An answer's tabular form: sections by name ("" for an answer that is one table)."""


class FieldValue(Row):
    """A line of a two-column table that shows one record field by field."""

    field: str
    value: str | None


def field_rows(values: dict[str, object]) -> Section[FieldValue]:
    """One record as ``field, value`` lines (lists joined with "; ")."""
    def text(value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            return "; ".join(str(v) for v in value)
        return str(value)

    return Section(FieldValue, [FieldValue(field=k, value=text(v)) for k, v in values.items()])


def joined(values: Sequence[str]) -> str:
    """A list in one table cell."""
    return "; ".join(values)
