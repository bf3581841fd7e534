"""The dashboard's trends: the nights of the last 90 days per attacker and weapon category, and each
casualty-estimate series over time, one line per source (a range is a band, never a midpoint)."""

from pydantic import Field
from sitlog.adapters.read_models.base import Count, Day, ReadModel, RecordTime
from sitlog.adapters.read_models.vocabulary import QualifierWord, WeaponCategoryWord


class CategoryNight(ReadModel):
    """One night of one weapon category, as the attacker's primary source gave it."""

    date: Day
    launched: Count | None
    destroyed: Count | None


class CategoryTrend(ReadModel):
    category: WeaponCategoryWord
    nights: list[CategoryNight] = Field(description="Nights with launched or destroyed figures, oldest "
                                                    "first.")


class AttackerNights(ReadModel):
    """One attacker's nights, from one source (sources are never summed together)."""

    attacker: str
    source: str = Field(description="The primary source, chosen as the digest's trends choose it.")
    chosen_because: str = Field(description="configured, preferred or most-nights (see the digest).")
    categories: list[CategoryTrend]


class EstimatePoint(ReadModel):
    """One standing estimate: ``value`` with its qualifier, or a range ``low``..``high`` (``best``
    optional)."""

    as_of: Day
    value: Count | None
    qualifier: QualifierWord | None
    low: Count | None
    best: Count | None
    high: Count | None
    text: str = Field(description="As an operator types it: ~55000, <=140000, 100000..140000.")


class SourceLine(ReadModel):
    source: str
    points: list[EstimatePoint] = Field(description="In as-of order.")


class SeriesTrend(ReadModel):
    series: str = Field(description="SUBJECT/MEASURE, e.g. ukraine-military/killed.")
    sources: list[SourceLine]


class TrendsReport(ReadModel):
    """``GET /api/trends``: what the dashboard's trends page draws."""

    start: Day = Field(description="The first night shown (89 days before the end).")
    end: Day
    known_at: RecordTime | None
    attackers: list[AttackerNights]
    series: list[SeriesTrend] = Field(description="Counts only (relative claims have no level to draw), "
                                                  "retracted estimates left out, as-of dates up to the end.")
