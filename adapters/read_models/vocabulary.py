"""The closed sets of words the read models use, spelled out so that their JSON Schemas list them.

They are the values of the domain's enums (tests/unit/test_read_models.py checks that they stay
so); the read models name them here rather than import the domain's classes, because these
words are a published contract, documented by the schemas.
"""

from typing import Literal

QualifierWord = Literal["exact", "about", "nearly", "at-least", "more-than", "up-to", "fewer-than"]

WeaponCategoryWord = Literal[
    "attack-drone", "decoy-drone", "recon-drone", "drone", "ballistic-missile", "aeroballistic-missile",
    "cruise-missile", "guided-bomb", "missile", "other", "unclassified",
]

NegotiationStatusWord = Literal["open", "suspended", "concluded"]
StatementKindWord = Literal["quote", "summary"]
OutcomeKindWord = Literal["agreement", "no-breakthrough", "other"]

ExchangeStatusWord = Literal["agreed", "postponed", "completed", "cancelled"]
ExchangeMilestoneWord = Literal["agreed", "completed"]
"""What counts as an exchange when measuring the gap between two: an agreement or a completion."""

DatePrecisionWord = Literal["day", "month", "year"]
"""How precisely a source gave a date; a month or a year stands for its last day."""

EstimateKindWord = Literal["count", "change"]
EstimateStatusWord = Literal["recorded", "corrected", "retracted"]

EntryCategoryWord = Literal["diplomacy", "military", "humanitarian", "political", "other"]
EntryStatusWord = Literal["recorded", "corrected", "retracted"]
EntryChangeWord = Literal["corrected", "retracted"]
