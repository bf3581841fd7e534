"""Negotiations as the read side answers for them: ``negotiation show`` and ``negotiation list``."""

from pydantic import Field, RootModel
from sitlog.adapters.read_models.base import Count, Day, ReadModel, Row, Section, Table, field_rows, shown
from sitlog.adapters.read_models.common import (
    OptionalHistory,
    RecordChange,
    RecordChangeRow,
    ShowsHistory,
    SourceRef,
    change_rows,
    source_name,
)
from sitlog.adapters.read_models.vocabulary import (
    DatePrecisionWord,
    NegotiationStatusWord,
    OutcomeKindWord,
    StatementKindWord,
)


class NegotiationSummary(ReadModel):
    """A negotiation track, with its status and rounds as of the date asked (derived, never typed in)."""

    slug: str
    title: str
    mediator: str | None
    parties: list[str]
    opened_on: Day
    status: NegotiationStatusWord
    status_since: Day
    status_reason: str | None
    round_count: Count = Field(description="Rounds: the days of one round share a venue and a first day.")
    meeting_days: Count
    last_round_on: Day | None


class ParticipantEntry(ReadModel):
    name: str
    role: str | None
    affiliation: str | None
    source: SourceRef | None


class RoundEntry(ReadModel):
    """One day of talks."""

    number: int = Field(description="The record's number: `negotiation correct|retract` name it by it.")
    date: Day
    venue: str
    day: int | None = Field(description="The day's number within its round (1, 2, ...), when given.")
    source: SourceRef | None
    corroborated_by: list[SourceRef] = Field(
        default_factory=list, description="Other sources that reported the same round.")
    participants: list[ParticipantEntry]


class StatementEntry(ReadModel):
    number: int = Field(description="The record's number: `negotiation correct|retract` name it by it.")
    date: Day = Field(description="The day it was said (the last day of a month or year given).")
    date_precision: DatePrecisionWord = Field(
        default="day", description="As the source gave it: day, month (YYYY-MM) or year (YYYY).")
    by: str
    kind: StatementKindWord
    text: str
    source: SourceRef | None


class AgreedExchange(ReadModel):
    """A prisoner exchange as agreed, linked to a negotiation."""

    reference: str
    agreed_on: Day
    total: Count | None
    released_by_ukraine: Count | None
    released_by_russia: Count | None


class LinkedExchange(ReadModel):
    """The exchange an outcome agreed, as the log knows it (nulls if it is not known then)."""

    reference: str
    agreed_on: Day | None = None
    total: Count | None = None
    released_by_ukraine: Count | None = None
    released_by_russia: Count | None = None


class OutcomeEntry(ReadModel):
    number: int = Field(description="The record's number: `negotiation correct|retract` name it by it.")
    date: Day
    kind: OutcomeKindWord
    text: str
    exchange: LinkedExchange | None
    source: SourceRef | None


class IssueEntry(ReadModel):
    number: int = Field(description="The record's number: `negotiation correct|retract` name it by it.")
    date: Day
    topic: str
    by: str | None
    source: SourceRef | None


class StatusEntry(ReadModel):
    number: int = Field(description="The change's number: `negotiation correct|retract --status-change` "
                                    "name it by it (1 is the opening).")
    date: Day
    status: NegotiationStatusWord
    reason: str | None


class RoundRow(Row):
    number: int
    date: Day
    venue: str
    day: int | None
    participants: int
    source: str | None
    corroborated_by: str | None


class ParticipantRow(Row):
    date: Day
    venue: str
    day: int | None
    name: str
    role: str | None
    affiliation: str | None
    source: str | None


class StatementRow(Row):
    number: int
    date: str = Field(description="As the source gave it: 2026-02-05, 2025-02 or 2025.")
    by: str
    kind: str
    text: str
    source: str | None


class OutcomeRow(Row):
    number: int
    date: Day
    kind: str
    text: str
    exchange: str | None
    source: str | None


class IssueRow(Row):
    number: int
    date: Day
    topic: str
    by: str | None
    source: str | None


class ExchangeLinkRow(AgreedExchange, Row):
    pass


class StatusRow(StatusEntry, Row):
    pass


class NegotiationDetail(NegotiationSummary, ShowsHistory):
    """``sitlog negotiation show``: everything recorded about one negotiation."""

    source: SourceRef | None
    rounds: list[RoundEntry]
    statements: list[StatementEntry]
    outcomes: list[OutcomeEntry]
    issues: list[IssueEntry]
    exchanges: list[AgreedExchange] = Field(description="Exchanges agreed with this negotiation named.")
    status_history: list[StatusEntry]
    corrections: list[RecordChange] = Field(description="Every correction and retraction of its records, "
                                                        "oldest first (those known at --known-at).")
    history: OptionalHistory

    def table(self) -> Table:
        return {
            "negotiation": field_rows(self.model_dump(include=set(NegotiationSummary.model_fields))),
            "rounds": Section(RoundRow, [RoundRow(
                number=r.number, date=r.date, venue=r.venue, day=r.day, participants=len(r.participants),
                source=source_name(r.source), corroborated_by="; ".join(c.name for c in r.corroborated_by)
                or None) for r in self.rounds]),
            "participants": Section(ParticipantRow, [ParticipantRow(
                date=r.date, venue=r.venue, day=r.day, name=p.name, role=p.role, affiliation=p.affiliation,
                source=source_name(p.source)) for r in self.rounds for p in r.participants]),
            "statements": Section(StatementRow, [StatementRow(
                **s.model_dump(exclude={"source", "date", "date_precision"}),
                date=shown(s.date, s.date_precision),
                source=source_name(s.source)) for s in self.statements]),
            "outcomes": Section(OutcomeRow, [OutcomeRow(
                number=o.number, date=o.date, kind=o.kind, text=o.text,
                exchange=o.exchange.reference if o.exchange else None,
                source=source_name(o.source)) for o in self.outcomes]),
            "issues": Section(IssueRow, [IssueRow(
                **i.model_dump(exclude={"source"}), source=source_name(i.source)) for i in self.issues]),
            "exchanges": Section(ExchangeLinkRow, [
                ExchangeLinkRow(**x.model_dump()) for x in self.exchanges]),
            "status": Section(StatusRow, [StatusRow(**s.model_dump()) for s in self.status_history]),
            "corrections": change_rows(RecordChangeRow, self.corrections),
            **self.history_table(),
        }


class NegotiationRow(Row):
    slug: str
    title: str
    mediator: str | None
    parties: str
    opened_on: Day
    status: str
    status_since: Day
    status_reason: str | None
    round_count: int
    meeting_days: int
    last_round_on: Day | None


def negotiation_row(n: NegotiationSummary) -> NegotiationRow:
    return NegotiationRow(**n.model_dump(exclude={"parties"}), parties=", ".join(n.parties))


class NegotiationListing(RootModel[list[NegotiationSummary]]):
    """``sitlog negotiation list``: every negotiation opened by the date, in the order opened."""

    model_config = {"frozen": True}

    def table(self) -> Table:
        return {"": Section(NegotiationRow, [negotiation_row(n) for n in self.root])}
