"""The vocabulary of a negotiation track: its slug, statuses and kinds, the people at a round
and what the aggregate remembers of a round."""

import re
from datetime import date
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


class Round(Immutable):
    """What the aggregate remembers of a round, to recognise a repeat."""

    held_on: date
    venue: str
    day: int | None
    participants: tuple[Participant, ...]

    def label(self) -> str:
        return f"round of {self.held_on} at {self.venue}" + (f" (day {self.day})" if self.day else "")
