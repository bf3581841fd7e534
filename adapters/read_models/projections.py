"""``sitlog projections status``: how far each projection has applied the log, and what stops it."""

from pydantic import Field
from sitlog.adapters.read_models.base import Count, ReadModel, RecordTime, Row, Section, Table


class ProjectionPosition(Row):
    projection: str
    position: Count = Field(description="The last event of the log it has applied.")
    head: Count = Field(description="The last event of the log.")
    lag: Count
    stuck_at: int | None = Field(description="The event it cannot apply, if any.")
    cause: str | None = Field(description="Why it cannot apply that event.")
    rebuilding_to: int | None = Field(description="While a rebuild is under way (or was stopped): the "
                                                  "head of the log when it started.")


class SetAsideEvent(Row):
    """An event the projections leave out (``sitlog projections skip``); the log keeps it."""

    position: Count
    reason: str
    operator: str
    skipped_at: RecordTime = Field(description="When it was set aside.")


class ProjectionsStatus(ReadModel):
    projections: list[ProjectionPosition]
    skipped: list[SetAsideEvent]

    def table(self) -> Table:
        return {"projections": Section(ProjectionPosition, self.projections),
                "skipped events": Section(SetAsideEvent, self.skipped)}
