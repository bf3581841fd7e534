"""Casualty estimates as the read side answers for them: ``estimate show`` and ``estimate list``."""

from pydantic import Field, RootModel
from sitlog.adapters.read_models.base import Count, Day, ReadModel, RecordTime, Row, Section, Table, shown
from sitlog.adapters.read_models.vocabulary import (
    DatePrecisionWord,
    EstimateKindWord,
    EstimateStatusWord,
    QualifierWord,
)


class EstimateFigure(ReadModel):
    """A count: ``value`` and ``qualifier``, or a range ``low``..``high`` (then those two are null)."""

    value: Count | None
    qualifier: QualifierWord | None
    low: Count | None
    best: Count | None
    high: Count | None


class PeriodSpan(ReadModel):
    label: str = Field(description="As typed: YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO.")
    start: Day
    end: Day


class RelativeClaim(ReadModel):
    """A percentage change between two periods ("rose 31% in 2025 compared with 2024")."""

    percent: int | float
    period: PeriodSpan
    baseline: PeriodSpan


class EstimateEntry(ReadModel):
    """One source's estimate for one date of a series, as it stands (or stood, with --known-at)."""

    series: str = Field(description="SUBJECT/MEASURE, e.g. ukraine-military/killed.")
    source: str
    as_of: Day = Field(description="The date the figure refers to (the last day of a month or year given).")
    as_of_precision: DatePrecisionWord = Field(description="As the source gave it: day, month (YYYY-MM) "
                                                           "or year (YYYY).")
    reported: Day = Field(description="The date it was published (the last day of a month or year given).")
    reported_precision: DatePrecisionWord
    kind: EstimateKindWord
    figure: EstimateFigure | None = Field(description="For a count; null for a change.")
    change: RelativeClaim | None = Field(description="For a relative claim; null for a count.")
    text: str = Field(description="The claim as an operator types it: ~55000, 100000..140000, "
                                  "+31% (2025 vs 2024).")
    wording: str | None = Field(description="The figure as typed, when worded otherwise than `text` "
                                            "(up to 140,000, 100,000-140,000); null otherwise.")
    url: str | None
    statement: str | None
    status: EstimateStatusWord
    reason: str | None
    replaces: str | None = Field(description="For a correction: the figure it replaced, as text.")
    recorded_at: RecordTime
    operator: str


class ChangeSincePrevious(ReadModel):
    """The change from the source's previous standing figure, between the numbers as stated."""

    previous_as_of: Day
    previous: str
    difference: int | None
    percent: float | None = Field(description="To one decimal; null when not computed.")
    approximate: bool = Field(description="Either figure is qualified (~, >, <=, nearly, ...).")
    note: str | None = Field(description="Why something is not computed, e.g. ranges are not compared.")

    def text(self) -> str:
        """As a table shows it: ``~+9,000 since 2025-02-16, +19.6%``."""
        if self.difference is None:
            return self.note or ""
        percent = f", {self.percent:+}%" if self.percent is not None else ""
        mark = "~" if self.approximate else ""
        return f"{mark}{self.difference:+,} since {self.previous_as_of}{percent}"


class EstimateStep(EstimateEntry):
    since_previous: ChangeSincePrevious | None = Field(description="Null for a source's first estimate "
                                                                   "(and for a retracted one).")


class SourceEstimates(ReadModel):
    source: str
    estimates: list[EstimateStep] = Field(description="In as-of order.")


class EstimateRow(Row):
    source: str
    as_of: str
    reported: str
    estimate: str
    status: str
    reason: str | None


class EstimateStepRow(EstimateRow):
    since_previous: str | None


class SeriesEstimateRow(Row):
    series: str
    source: str
    as_of: str
    reported: str
    estimate: str
    status: str
    reason: str | None


def _row_fields(e: EstimateEntry) -> dict[str, object]:
    return {"source": e.source, "as_of": shown(e.as_of, e.as_of_precision),
            "reported": shown(e.reported, e.reported_precision), "estimate": e.wording or e.text,
            "status": e.status, "reason": e.reason}


def series_estimate_row(e: EstimateEntry) -> SeriesEstimateRow:
    return SeriesEstimateRow(series=e.series, **_row_fields(e))


class SeriesDetail(ReadModel):
    """``sitlog estimate show``: a series, the latest estimate of every source, and each source's
    estimates over time."""

    series: str
    subject: str
    measure: str
    as_of: Day | None
    known_at: RecordTime | None
    latest: list[EstimateEntry] = Field(description="Per source, the estimate with the latest as-of date "
                                                    "(retracted ones left out), most recent first.")
    sources: list[SourceEstimates]

    def table(self) -> Table:
        return {
            "latest": Section(EstimateRow, [EstimateRow(**_row_fields(e)) for e in self.latest]),
            "history": Section(EstimateStepRow, [
                EstimateStepRow(**_row_fields(e), since_previous=e.since_previous.text() if e.since_previous
                                else None)
                for s in self.sources for e in s.estimates
            ]),
        }


class EstimateListing(RootModel[list[EstimateEntry]]):
    """``sitlog estimate list``: the latest estimate of every source in every series, by series, then
    as-of date (most recent first), then source."""

    model_config = {"frozen": True}

    def table(self) -> Table:
        return {"": Section(SeriesEstimateRow, [series_estimate_row(e) for e in self.root])}
