"""``sitlog digest``: the day's facts, each with its source, the trends of the last 7 and 30
nights, and the corrections and retractions recorded that day.

The digest says which moment of the log it shows (``known_at``): asked again with
``--known-at`` set to that moment it is the same, byte for byte.
"""

from typing import Literal

from pydantic import Field
from sitlog.adapters.read_models.base import Count, Day, LocalTime, ReadModel, RecordTime
from sitlog.adapters.read_models.common import FieldChange
from sitlog.adapters.read_models.digest_parts import Diplomacy, EstimateDay, ExchangeDay, NightAttack
from sitlog.adapters.read_models.entries import EntrySummary

# -- trends ------------------------------------------------------------------------------------


class Night(ReadModel):
    """One night of the primary source's figures: every weapon category added up."""

    date: Day
    launched: Count | None
    destroyed: Count | None


class PeriodTotals(ReadModel):
    """The primary source's nights in a period (both ends included), added up."""

    start: Day
    end: Day
    nights: Count = Field(description="Nights on which the source gave launched or destroyed figures.")
    launched: Count | None
    destroyed: Count | None
    interception_rate: float | None = Field(description="destroyed / launched over the period, to 3 places.")


class PeriodComparison(ReadModel):
    """A period against the one just before it, as long."""

    days: Count = Field(description="The length of each period: 7 or 30.")
    current: PeriodTotals
    previous: PeriodTotals
    launched_change: int | None
    launched_change_percent: float | None = Field(description="To one decimal; null without a previous "
                                                              "figure above 0.")
    destroyed_change: int | None


class AttackerTrend(ReadModel):
    """One attacker's recent nights, from one source (sources are never summed together)."""

    attacker: str
    source: str = Field(description="The primary source for this attacker.")
    chosen_because: Literal["configured", "preferred", "most-nights"] = Field(
        description="configured: --primary-source; preferred: the desk's default for this attacker "
                    "(the Ukrainian Air Force for russia) when it reported in the 60 days; most-nights: "
                    "the source with the most nights in the 60 days, ties by name.")
    last_7_days: PeriodComparison
    last_30_days: PeriodComparison
    largest_night: Night | None = Field(description="Of the last 30 days: the most launched (the most "
                                                    "destroyed for a source that gives no launches).")
    nights: list[Night] = Field(description="The last 30 nights, oldest first (the chart).")


# -- corrections -------------------------------------------------------------------------------


class CorrectionItem(ReadModel):
    """A correction or retraction recorded on the day (record time, Kyiv)."""

    kind: Literal["corrected", "retracted"]
    record: Literal["attack", "estimate", "log-entry", "negotiation", "exchange"]
    reference: str
    source: str | None = Field(description="Whose claim it changed: for a negotiation's or an exchange's "
                                           "record, the source that reported it (null: the attack's "
                                           "period, a change of status, a record given without a source).")
    changes: list[FieldChange] = Field(description="For a correction: each value, before and after.")
    withdrawn: list[str] = Field(description="For a retraction: what it withdrew (empty: all of it).")
    reason: str
    operator: str
    recorded_at: RecordTime
    recorded_at_kyiv: LocalTime


# -- the digest --------------------------------------------------------------------------------


class DailyDigest(ReadModel):
    """``sitlog digest``: a day's facts, each with its source; a section without facts is empty."""

    date: Day = Field(description="The day, in Kyiv: its night's attacks end on it.")
    known_at: RecordTime = Field(description="The moment of the log shown: --known-at, else when the digest "
                                             "was made. --known-at with this value gives the same digest.")
    time_zone: Literal["Europe/Kyiv"]
    attacks: list[NightAttack] = Field(description="Overnight attacks: the attacks dated on the day.")
    diplomacy: Diplomacy
    exchanges: list[ExchangeDay]
    estimates: list[EstimateDay] = Field(description="Casualty estimates reported on the day.")
    entries: list[EntrySummary] = Field(description="The day's other log entries (not diplomacy).")
    trends: list[AttackerTrend]
    corrections: list[CorrectionItem] = Field(description="Recorded on the day, oldest first.")
