"""``GET /healthz``: whether the read side can answer, and how far behind the log it is."""

from typing import Literal

from pydantic import Field
from sitlog.adapters.read_models.base import ReadModel
from sitlog.adapters.read_models.projections import ProjectionPosition


class ReadSideHealth(ReadModel):
    status: Literal["ok", "lagging", "stuck", "unavailable"] = Field(
        description="ok; lagging: a projection is further behind than asked (max_lag); stuck: a projection "
                    "cannot apply an event; unavailable: the store cannot be read.")
    store: Literal["sqlite", "postgresql"] | None
    projections: list[ProjectionPosition]
    replica: bool = Field(description="Whether the database is a PostgreSQL standby (a read replica).")
    replica_lag_seconds: float | None = Field(
        description="On a replica: how old the last transaction it replayed is (null elsewhere).")
    error: str | None = Field(description="Why the store cannot be read.")
