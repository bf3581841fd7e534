"""The vocabulary of a negotiation track: its slug, statuses and kinds, the people at a round,
and the checks of a round's day and of the parties."""

import re
from enum import StrEnum

from pydantic import Field
from sitlog.domain.base import Immutable
from sitlog.domain.errors import InvalidInput
from sitlog.domain.text import clean, folded

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

PARTICIPANT_SYNTAX = (
    '"NAME|ROLE|AFFILIATION"; role and affiliation may be left empty, '
    'e.g. "Jared Kushner||United States" or just "Jared Kushner"'
)


def parse_slug(text: str) -> str:
    slug = text.strip().lower()
    if not _SLUG.fullmatch(slug):
        raise InvalidInput(
            f"negotiation: {text!r} is not a slug (lowercase words joined by hyphens, "
            "e.g. us-brokered-talks)"
        )
    return slug


class NegotiationStatus(StrEnum):
    OPEN = "open"
    SUSPENDED = "suspended"
    CONCLUDED = "concluded"


class OutcomeKind(StrEnum):
    AGREEMENT = "agreement"
    NO_BREAKTHROUGH = "no-breakthrough"
    OTHER = "other"


class StatementKind(StrEnum):
    QUOTE = "quote"
    SUMMARY = "summary"


class Participant(Immutable):
    name: str = Field(min_length=1)
    role: str | None = None
    affiliation: str | None = None

    @classmethod
    def parse(cls, text: str, field: str = "participant") -> "Participant":
        """Read the ``NAME|ROLE|AFFILIATION`` syntax (see ``PARTICIPANT_SYNTAX``)."""
        parts = [clean(part) for part in text.split("|")]
        if len(parts) > 3:
            raise InvalidInput(f"{field}: {text!r} has {len(parts)} parts (expected NAME|ROLE|AFFILIATION)")
        name, role, affiliation = [*parts, "", ""][:3]
        if not name:
            raise InvalidInput(f"{field}: {text!r} has no name (expected NAME|ROLE|AFFILIATION)")
        return cls(name=name, role=role or None, affiliation=affiliation or None)

    @property
    def key(self) -> str:
        return folded(self.name)

    def contradicts(self, recorded: "Participant") -> bool:
        """A part given here that differs from what is recorded; a part left empty says nothing."""
        pairs = ((self.role, recorded.role), (self.affiliation, recorded.affiliation))
        return any(mine is not None and folded(mine) != folded(theirs or "")
                   for mine, theirs in pairs)

    def __str__(self) -> str:
        details = ", ".join(x for x in (self.role, self.affiliation) if x)
        return f"{self.name} ({details})" if details else self.name


# A round is a few days of talks: a day number beyond a year is a typo, and must not reach the log.
MAX_ROUND_DAY = 366


def check_round(day: int | None, participants: tuple[Participant, ...]) -> None:
    """A day number that is a day of a round, and nobody listed twice."""
    if day is not None and not 1 <= day <= MAX_ROUND_DAY:
        raise InvalidInput(
            f"day: {day} is not a day number (1 for the first day of a round, at most {MAX_ROUND_DAY})"
        )
    keys = [p.key for p in participants]
    for p in participants:
        if keys.count(p.key) > 1:
            raise InvalidInput(f"participant: {p.name!r} is listed twice in this round")


def checked_parties(parties: tuple[str, ...]) -> tuple[str, ...]:
    """The parties cleaned, each once."""
    parties = tuple(clean(p) for p in parties if clean(p))
    seen: set[str] = set()
    for party in parties:
        if folded(party) in seen:
            raise InvalidInput(f"party: {party!r} is given twice")
        seen.add(folded(party))
    return parties
