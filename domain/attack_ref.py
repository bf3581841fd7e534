"""The reference of an attack, ``DATE/ATTACKER[/LABEL]``, and the id it names."""

import datetime as dt
import re
import unicodedata
from typing import Self
from uuid import UUID

from sitlog.domain.base import Immutable
from sitlog.domain.clock import parse_date
from sitlog.domain.errors import InvalidInput
from sitlog.domain.ids import natural_id
from sitlog.domain.names import ATTACKER_ALIASES

_NAME = re.compile(r"[^\W_][\w-]*")


def slug(text: str, field: str, example: str) -> str:
    """A name that can sit in a reference: NFKC, lower case, hyphens for spaces, no slashes; an
    attacker's Ukrainian or Russian name is its English one (росія is russia)."""
    value = "-".join(unicodedata.normalize("NFKC", text).casefold().split())
    value = ATTACKER_ALIASES.get(value, value) if field == "attacker" else value
    if not _NAME.fullmatch(value):
        raise InvalidInput(
            f"{field}: {text!r} is not a name (letters, digits and hyphens, e.g. {example})"
        )
    return value


class AttackRef(Immutable):
    date: dt.date
    attacker: str
    label: str | None = None

    @classmethod
    def of(cls, day: dt.date, attacker: str, label: str | None = None) -> Self:
        return cls(
            date=day,
            attacker=slug(attacker, "attacker", "russia"),
            label=slug(label, "label", "morning") if label and label.strip() else None,
        )

    @classmethod
    def parse(cls, text: str) -> Self:
        parts = text.strip().split("/")
        if len(parts) not in (2, 3) or not all(p.strip() for p in parts):
            raise InvalidInput(
                f"reference: {text!r} is not an attack reference "
                "(expected DATE/ATTACKER[/LABEL], e.g. 2026-02-05/russia)"
            )
        return cls.of(parse_date(parts[0], "reference"), parts[1], parts[2] if len(parts) == 3 else None)

    def __str__(self) -> str:
        tail = f"/{self.label}" if self.label else ""
        return f"{self.date.isoformat()}/{self.attacker}{tail}"

    @property
    def id(self) -> UUID:
        return natural_id("attack", str(self))
