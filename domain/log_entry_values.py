"""The vocabulary of log entries: categories, dates and times as typed, the short reference,
the natural key, and ``Entry``, what an entry says."""

import re
import unicodedata
from datetime import date, datetime, time
from enum import StrEnum
from typing import Self
from uuid import UUID

from sitlog.domain.base import Immutable
from sitlog.domain.clock import within_range
from sitlog.domain.errors import InvalidInput
from sitlog.domain.partial_date import PartialDate, Precision, shown
from sitlog.domain.text import folded, required, spelling
from sitlog.domain.values import Source

REFERENCE_PREFIX = "e-"
REFERENCE_DIGITS = 8  # printed; a longer prefix of the id (up to all 32 digits) is accepted too
_REFERENCE = re.compile(rf"{REFERENCE_PREFIX}([0-9a-f]{{{REFERENCE_DIGITS},32}})")
_TIME = re.compile(r"(\d{2}):(\d{2})")
_PLAIN = re.compile(r"[\w.:/+=@-]+")
TEXT_HINT = 'what happened? e.g. --text "Polish Prime Minister Donald Tusk arrived in Kyiv"'


class EntryCategory(StrEnum):
    DIPLOMACY = "diplomacy"
    MILITARY = "military"
    HUMANITARIAN = "humanitarian"
    POLITICAL = "political"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str) -> "EntryCategory":
        try:
            return cls(text.strip().lower())
        except ValueError:
            choices = ", ".join(c.value for c in cls)
            raise InvalidInput(f"category: {text!r} is not a category (one of {choices})") from None


def parse_entry_date(text: str, field: str = "date") -> PartialDate:
    """The date an entry is about, as typed: ``YYYY-MM-DD``, or ``YYYY-MM`` or ``YYYY`` when the
    source gives no more (domain/partial_date.py). Every entry date is read here."""
    return PartialDate.parse(text, field)


def parse_entry_time(text: str, field: str = "time") -> time:
    """``HH:MM``, Kyiv time."""
    match = _TIME.fullmatch(text.strip())
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidInput(f"{field}: {text!r} is not a time of day (expected HH:MM, Kyiv time, e.g. 09:30)")
    return time(int(match.group(1)), int(match.group(2)))


def entry_reference(entry_id: UUID) -> str:
    """The short reference of an entry: stable (derived from its id) and short enough to type."""
    return REFERENCE_PREFIX + entry_id.hex[:REFERENCE_DIGITS]


def parse_entry_reference(text: str) -> str:
    """``e-3f9a1c02`` (or a longer prefix of the id, hyphens allowed): the hex digits, lower case."""
    raw = text.strip().lower()
    match = _REFERENCE.fullmatch(REFERENCE_PREFIX + raw[len(REFERENCE_PREFIX):].replace("-", ""))
    if not raw.startswith(REFERENCE_PREFIX) or match is None:
        raise InvalidInput(
            f"entry: {text!r} is not an entry reference (expected e- and {REFERENCE_DIGITS} hex digits, "
            "as `sitlog entry add` printed it, e.g. e-3f9a1c02)"
        )
    return match.group(1)


def entry_key(on: date, source: str, text: str, precision: Precision = Precision.DAY) -> str:
    """The natural key: the date as typed, the folded source and the folded text without
    punctuation at its ends ("Tusk arrived." is "tusk arrived"), one per line (folded text holds no
    newline). A full date is its ISO form, as before dates had a precision: ids are unchanged."""
    return "\n".join((shown(on, precision), spelling(source), _text_key(text)))


def _text_key(text: str) -> str:
    key = spelling(text)
    start, end = 0, len(key)
    while start < end and _loose(key[start]):
        start += 1
    while end > start and _loose(key[end - 1]):
        end -= 1
    return key[start:end]


def _loose(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


class Entry(Immutable):
    """What an entry says: the fact, its date (and time, Kyiv time), category, source and places."""

    on: date  # the last day of the month or year a source gave (see domain/partial_date.py)
    at: time | None
    category: EntryCategory
    text: str
    source: Source
    places: tuple[str, ...]
    on_precision: Precision = Precision.DAY

    @classmethod
    def of(
        cls, *, on: date | PartialDate, category: EntryCategory, text: str, source: Source,
        at: time | None = None, places: tuple[str, ...] | list[str] = (),
    ) -> Self:
        """From what an operator typed: text cleaned and required, places cleaned, repeats dropped."""
        given = on if isinstance(on, PartialDate) else PartialDate.of(on)
        if at is not None and given.precision is not Precision.DAY:
            raise InvalidInput(f"time: {at.strftime('%H:%M')} needs a full date, not {given} (give --date "
                               "YYYY-MM-DD, or no --time)")
        return cls(on=within_range(given.day, "date", str(given)), at=at, category=category,
                   text=required(text, "text", TEXT_HINT), source=source, places=_places(places),
                   on_precision=given.precision)

    @property
    def date_text(self) -> str:
        """The entry's date as typed: 2026-02-05, 2025-02 or 2025."""
        return shown(self.on, self.on_precision)

    def changed(
        self, *, on: date | PartialDate | None = None, at: time | None = None,
        category: EntryCategory | None = None,
        text: str | None = None, places: tuple[str, ...] | list[str] | None = None, url: str | None = None,
        published_at: datetime | None = None,
    ) -> "Entry":
        """This entry with the values given (None: unchanged); refused when none is given."""
        if (on, at, category, text, places, url, published_at) == (None,) * 7:
            raise InvalidInput(
                "correction: nothing to correct (give --text, --date, --time, --category, --place, --url "
                "or --reported-at)"
            )
        source = self.source.model_copy(update={
            "url": self.source.url if url is None else url,
            "published_at": self.source.published_at if published_at is None else published_at,
        })
        return Entry.of(
            on=PartialDate.of(self.on, self.on_precision) if on is None else on,
            at=self.at if at is None else at,
            category=self.category if category is None else category,
            text=self.text if text is None else text, source=source,
            places=self.places if places is None else places,
        )

    def described(self) -> dict[str, str | None]:
        """Each field a correction may change, as text (the before and after of a change)."""
        published = self.source.published_at
        return {
            "date": self.date_text,
            "time": self.at.strftime("%H:%M") if self.at else None,
            "category": self.category.value,
            "text": self.text,
            "places": "; ".join(self.places) or None,
            "url": self.source.url,
            "reported_at": published.isoformat() if published else None,
        }

    def agrees(self, known: "Entry") -> bool:
        """Whether each detail this entry states (other than its identity) is the one ``known`` has."""
        return (
            self.category == known.category
            and self.at in (None, known.at)
            and (not self.places or _folded(self.places) == _folded(known.places))
            and self.source.url in (None, known.source.url)
            and self.source.published_at in (None, known.source.published_at)
        )

    def option(self, field: str) -> str:
        """The option of ``sitlog entry correct`` that gives ``field`` its value here."""
        if field == "places":
            return " ".join(f"--place {_quoted(place)}" for place in self.places)
        return f'--{field.replace("_", "-")} {_quoted(self.described()[field] or "")}'


# What a repeated ``add`` may say differently from the entry (date, source and text are its identity).
DETAILS = ("category", "time", "places", "url", "reported_at")


def _quoted(value: str) -> str:
    """A value as an operator would type it on the command line."""
    return value if _PLAIN.fullmatch(value) else '"' + value.replace('"', '\\"') + '"'


def _places(places: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Cleaned, each once (the first spelling kept), in the order given."""
    named: dict[str, str] = {}
    for place in places:
        name = required(place, "place", "a place name, e.g. --place Kyiv")
        named.setdefault(folded(name), name)
    return tuple(named.values())


def _folded(places: tuple[str, ...]) -> set[str]:
    return {folded(place) for place in places}


class Change(Immutable):
    """One field of an entry changed by a correction, before and after, as text."""

    field: str
    before: str | None
    after: str | None
