"""Prisoner exchanges as the read side answers for them: ``exchange show`` and ``exchange list``."""

from pydantic import Field, RootModel
from sitlog.adapters.read_models.base import (
    Count,
    Day,
    ReadModel,
    RecordTime,
    Row,
    Section,
    Table,
    field_rows,
)
from sitlog.adapters.read_models.common import (
    OptionalHistory,
    RecordChange,
    RecordChangeRow,
    ShowsHistory,
    SourceRef,
    change_rows,
    source_name,
)
from sitlog.adapters.read_models.vocabulary import ExchangeMilestoneWord, ExchangeStatusWord


class NumbersWording(ReadModel):
    """Numbers as the source worded them, where otherwise than they print ("about 300", "1,200")."""

    total: str | None = None
    released_by_ukraine: str | None = None
    released_by_russia: str | None = None


_WORDING = "The numbers as the source worded them, when otherwise than they print (null when not)."


class Agreement(ReadModel):
    """What was agreed: ``total`` is the total as reported, or the sum of both sides."""

    date: Day
    total: Count | None
    released_by_ukraine: Count | None
    released_by_russia: Count | None
    wording: NumbersWording | None = Field(default=None, description=_WORDING)
    mediator: str | None
    negotiation: str | None = Field(description="The slug of the negotiation that agreed it.")
    source: SourceRef | None
    corroborated_by: list[SourceRef] = Field(
        default_factory=list, description="Other sources that reported the same agreement.")


class Release(ReadModel):
    """The exchange carried out, with the numbers actually released."""

    date: Day
    total: Count | None
    released_by_ukraine: Count | None
    released_by_russia: Count | None
    wording: NumbersWording | None = Field(default=None, description=_WORDING)
    source: SourceRef | None
    corroborated_by: list[SourceRef] = Field(
        default_factory=list, description="Other sources that reported the same completion.")


class ReleaseDifference(ReadModel):
    """Released minus agreed (null where either is unknown), and a sentence saying so."""

    total: int | None
    released_by_ukraine: int | None
    released_by_russia: int | None
    summary: str = Field(description="e.g. \"7 fewer released than agreed (307 released, 314 agreed)\".")


class Postponement(ReadModel):
    date: Day
    reason: str | None
    source: SourceRef | None


class Cancellation(ReadModel):
    date: Day
    reason: str | None
    source: SourceRef | None


class PreviousExchange(ReadModel):
    """The latest agreement or completion of any other exchange before this one's agreement."""

    reference: str
    event: ExchangeMilestoneWord
    date: Day


class ExchangeDetail(ReadModel):
    """One prisoner exchange: its agreement, completion, difference, and the gap since the previous."""

    reference: str = Field(description="DATE[/LABEL] of the agreement, e.g. 2026-02-05.")
    status: ExchangeStatusWord
    status_since: Day
    agreed: Agreement
    completed: Release | None
    difference: ReleaseDifference | None
    postponements: list[Postponement]
    cancelled: Cancellation | None
    previous_exchange: PreviousExchange | None
    days_since_previous: int | None
    months_since_previous: int | None = Field(description="Whole calendar months.")
    since_previous: str = Field(description="e.g. \"first exchange in 5 months\", \"12 days after the "
                                            "previous exchange\", \"first exchange in the log\".")

    def summary(self) -> dict[str, object]:
        """The exchange field by field, as its table shows it."""
        gap = self.since_previous
        if self.days_since_previous is not None:
            gap += f" ({self.days_since_previous} days)"
        previous = self.previous_exchange
        return {
            "reference": self.reference, "status": self.status, "status_since": self.status_since,
            "mediator": self.agreed.mediator, "negotiation": self.agreed.negotiation, "since_previous": gap,
            "previous_exchange": f"{previous.reference} ({previous.event} {previous.date})"
            if previous else None,
            "difference": self.difference.summary if self.difference else None,
        }

    def numbers(self) -> list["NumbersRow"]:
        agreed, done, diff = self.agreed, self.completed, self.difference
        rows = [NumbersRow(kind="agreed", **_numbers(agreed), as_worded=_worded(agreed.wording),
                           source=source_name(agreed.source), corroborated_by=_names(agreed.corroborated_by))]
        if done is not None and diff is not None:
            rows += [NumbersRow(kind="released", **_numbers(done), as_worded=_worded(done.wording),
                                source=source_name(done.source),
                                corroborated_by=_names(done.corroborated_by)),
                     NumbersRow(kind="difference", date=None, **_numbers(diff, dated=False),
                                as_worded=None, source=None, corroborated_by=None)]
        return rows

    def steps(self) -> list["StepRow"]:
        rows = [StepRow(step="postponed", date=p.date, reason=p.reason, source=source_name(p.source))
                for p in self.postponements]
        if self.cancelled:
            c = self.cancelled
            rows.append(StepRow(step="cancelled", date=c.date, reason=c.reason, source=source_name(c.source)))
        return rows


def _numbers(part: Agreement | Release | ReleaseDifference, dated: bool = True) -> dict[str, object]:
    keys = ("date", "total", "released_by_ukraine", "released_by_russia") if dated else (
        "total", "released_by_ukraine", "released_by_russia")
    return {k: getattr(part, k) for k in keys}


def _worded(wording: NumbersWording | None) -> str | None:
    """"total about 300; released_by_ukraine 1,200": the numbers worded otherwise than they print."""
    if wording is None:
        return None
    return "; ".join(f"{k} {v}" for k, v in wording.model_dump().items() if v) or None


def _names(sources: list[SourceRef]) -> str | None:
    return "; ".join(s.name for s in sources) or None


class NumbersRow(Row):
    kind: str = Field(description="agreed, released or difference.")
    date: Day | None
    total: int | None
    released_by_ukraine: int | None
    released_by_russia: int | None
    as_worded: str | None = Field(description="The numbers as the source worded them, where otherwise.")
    source: str | None
    corroborated_by: str | None


class StepRow(Row):
    step: str
    date: Day
    reason: str | None
    source: str | None


class ExchangeRetraction(ReadModel):
    """The whole exchange withdrawn: why, when the log learned it, and by whom."""

    reason: str
    recorded_at: RecordTime
    operator: str


class RetractionRow(ExchangeRetraction, Row):
    pass


class ExchangeShown(ExchangeDetail, ShowsHistory):
    """``sitlog exchange show``: one exchange, and its events with ``--history``. A retracted exchange
    is shown as it stood before its retraction, with the retraction."""

    retracted: ExchangeRetraction | None = Field(
        default=None, description="Set when the whole exchange was withdrawn (the rest is as it stood "
                                  "before); null otherwise.")
    corrections: list[RecordChange] = Field(description="Every correction and retraction of its steps (and "
                                                        "of the whole exchange), oldest first (those known "
                                                        "at --known-at).")
    history: OptionalHistory

    def table(self) -> Table:
        retracted = {"retracted": Section(RetractionRow, [RetractionRow(**self.retracted.model_dump())])} \
            if self.retracted is not None else {}
        return {
            **retracted,
            "exchange": field_rows(self.summary()),
            "numbers": Section(NumbersRow, self.numbers()),
            "postponed or cancelled": Section(StepRow, self.steps()),
            "corrections": change_rows(RecordChangeRow, self.corrections),
            **self.history_table(),
        }


class LastExchange(ReadModel):
    date: Day
    reference: str
    event: ExchangeMilestoneWord


class ExchangeCounts(ReadModel):
    """Exchanges by their status on the date."""

    agreed: Count
    postponed: Count
    completed: Count
    cancelled: Count


class ExchangesOverview(ReadModel):
    last: LastExchange | None = Field(description="The latest agreement or completion up to the date.")
    days_since_last: int | None
    counts: ExchangeCounts
    pending: list[ExchangeDetail] = Field(description="Agreed or postponed, not yet completed or cancelled.")
    last_30_days: list[ExchangeDetail] = Field(description="Whose status changed in the 30 days up to the "
                                                           "date.")


class ExchangeRow(Row):
    reference: str
    status: str
    agreed_on: Day
    agreed_total: int | None
    completed_on: Day | None
    released_total: int | None
    difference: int | None
    negotiation: str | None
    days_since_previous: int | None
    since_previous: str


def exchange_row(x: ExchangeDetail) -> ExchangeRow:
    return ExchangeRow(
        reference=x.reference, status=x.status, agreed_on=x.agreed.date, agreed_total=x.agreed.total,
        completed_on=x.completed.date if x.completed else None,
        released_total=x.completed.total if x.completed else None,
        difference=x.difference.total if x.difference else None, negotiation=x.agreed.negotiation,
        days_since_previous=x.days_since_previous, since_previous=x.since_previous,
    )


class ExchangeListing(RootModel[list[ExchangeDetail]]):
    """``sitlog exchange list``: every exchange agreed by the date, in the order agreed."""

    model_config = {"frozen": True}

    def table(self) -> Table:
        return {"": Section(ExchangeRow, [exchange_row(x) for x in self.root])}
