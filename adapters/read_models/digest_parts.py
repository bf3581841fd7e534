"""The parts of the daily digest that say what happened on the day: the night's attacks, the day's
diplomacy, prisoner exchanges, casualty estimates and log entries (``digest.py`` puts them
together, with the trends and the day's corrections). Every fact carries its source."""

from typing import Literal

from pydantic import Field
from sitlog.adapters.read_models.attacks import CasualtyClaim, SourceNote, WeaponClaim
from sitlog.adapters.read_models.base import Count, Day, LocalTime, ReadModel
from sitlog.adapters.read_models.common import SourceRef
from sitlog.adapters.read_models.entries import EntrySummary
from sitlog.adapters.read_models.estimates import ChangeSincePrevious, EstimateEntry
from sitlog.adapters.read_models.exchanges import (
    Agreement,
    Cancellation,
    Postponement,
    Release,
    ReleaseDifference,
)
from sitlog.adapters.read_models.negotiations import (
    IssueEntry,
    OutcomeEntry,
    RoundEntry,
    StatementEntry,
    StatusEntry,
)
from sitlog.adapters.read_models.vocabulary import (
    ExchangeStatusWord,
    NegotiationStatusWord,
    WeaponCategoryWord,
)

WeaponMeasureWord = Literal["launched", "destroyed", "suppressed", "hit", "still_attacking"]

# -- the night's attacks ---------------------------------------------------------------------


class CategoryTotals(ReadModel):
    """One source's figures for one weapon category: the points of its weapons added up (a source's
    own weapons, never another source's); null where none of them gave the measure."""

    category: WeaponCategoryWord
    launched: Count | None
    destroyed: Count | None
    suppressed: Count | None
    hit: Count | None
    still_attacking: Count | None
    interception_rate: float | None = Field(description="destroyed / launched, to 3 places.")


class SourceReport(ReadModel):
    """Everything one source said about one attack of the night."""

    source: SourceRef
    reported_at: LocalTime | None
    regions: list[str]
    notes: list[SourceNote] = Field(description="Every note the source gave, oldest first.")
    weapons: list[WeaponClaim] = Field(description="By weapon category, then weapon.")
    categories: list[CategoryTotals] = Field(description="The weapons above by category.")
    casualties: list[CasualtyClaim] = Field(description="By place.")


class SourceFigure(ReadModel):
    source: str
    value: Count = Field(description="The source's total for the category (points).")


class SideBySide(ReadModel):
    """Two or more sources' figures for one category and measure, shown side by side, never summed."""

    category: WeaponCategoryWord
    measure: WeaponMeasureWord
    figures: list[SourceFigure]
    agree: bool = Field(description="Whether every source gives the same number.")


class NightAttack(ReadModel):
    """One attack dated on the day (its night ended that day in Kyiv), per source."""

    reference: str
    attacker: str
    label: str | None
    start: LocalTime | None
    end: LocalTime | None
    sources: list[SourceReport] = Field(description="In the order the log first heard from them.")
    side_by_side: list[SideBySide] = Field(description="Categories and measures given by more than one "
                                                       "source.")


# -- diplomacy ---------------------------------------------------------------------------------


class NegotiationDay(ReadModel):
    """What happened on the day in one negotiation track (its status as of the day)."""

    slug: str
    title: str
    mediator: str | None
    parties: list[str]
    status: NegotiationStatusWord
    rounds: list[RoundEntry] = Field(description="Days of talks held on the day, with participants.")
    statements: list[StatementEntry]
    outcomes: list[OutcomeEntry]
    issues: list[IssueEntry]
    status_changes: list[StatusEntry] = Field(description="Opened, suspended, resumed or concluded that day.")


class Diplomacy(ReadModel):
    negotiations: list[NegotiationDay]
    entries: list[EntrySummary] = Field(description="Log entries of category diplomacy.")


# -- prisoner exchanges ------------------------------------------------------------------------


class PreviousCompletion(ReadModel):
    """The latest exchange carried out (completed) before the day, other than this one."""

    reference: str
    completed_on: Day


class ExchangeDay(ReadModel):
    """An exchange that was agreed, completed, postponed or cancelled on the day."""

    reference: str
    event: ExchangeStatusWord = Field(description="What happened to it on the day.")
    status: ExchangeStatusWord = Field(description="Its status at the end of the day.")
    agreed: Agreement
    completed: Release | None
    difference: ReleaseDifference | None
    postponements: list[Postponement]
    cancelled: Cancellation | None
    previous_completion: PreviousCompletion | None
    days_since_previous: int | None = Field(description="From the previous completion to the day.")
    months_since_previous: int | None = Field(description="Whole calendar months.")
    since_previous: str = Field(description="e.g. \"first exchange in 5 months (156 days)\"; only "
                                            "exchanges carried out count.")


# -- casualty estimates ------------------------------------------------------------------------


class EstimateDay(ReadModel):
    """An estimate reported on the day, its source's previous figure, and the other sources' latest."""

    estimate: EstimateEntry
    previous: EstimateEntry | None = Field(description="The same source's previous standing figure in the "
                                                       "series (the latest earlier as-of date).")
    since_previous: ChangeSincePrevious | None = Field(description="The change from that figure.")
    others: list[EstimateEntry] = Field(description="The latest figure of every other source in the series "
                                                    "as of the day.")
