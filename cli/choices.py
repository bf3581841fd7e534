"""The closed choices some options take, as the help lists them.

They are the values of the domain's enums (tests/unit/test_cli_help_texts.py checks it); the
commands turn them into the domain's own when they run, so that ``--help`` need not import it.
"""

from enum import StrEnum


class NegotiationStatusChoice(StrEnum):
    open = "open"
    suspended = "suspended"
    concluded = "concluded"


class OutcomeKindChoice(StrEnum):
    agreement = "agreement"
    no_breakthrough = "no-breakthrough"
    other = "other"


class ExchangeStatusChoice(StrEnum):
    agreed = "agreed"
    postponed = "postponed"
    completed = "completed"
    cancelled = "cancelled"


class EntryCategoryChoice(StrEnum):
    diplomacy = "diplomacy"
    military = "military"
    humanitarian = "humanitarian"
    political = "political"
    other = "other"
