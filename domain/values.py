"""Value objects shared by the aggregates: sources and sourced figures."""

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, ValidationError, model_validator
from sitlog.domain.base import Immutable
from sitlog.domain.errors import InvalidInput
from sitlog.domain.figure_words import read
from sitlog.domain.text import clean, required


class Qualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    NEARLY = "nearly"
    AT_LEAST = "at-least"
    MORE_THAN = "more-than"
    UP_TO = "up-to"
    FEWER_THAN = "fewer-than"


# How figures print: symbols for the qualifiers that have one, the word for the others.
_SYMBOLS = {Qualifier.AT_LEAST: ">=", Qualifier.UP_TO: "<=", Qualifier.ABOUT: "~", Qualifier.MORE_THAN: ">",
            Qualifier.FEWER_THAN: "<"}

FIGURE_SYNTAX = (
    "N exact; ~N about; >=N at least; >N more than; <=N up to; <N fewer than; or in the source's words: "
    "'about N', 'around N', 'nearly N', 'almost N', 'up to N', 'as many as N', 'at most N', "
    "'more than N', 'over N', 'at least N', 'fewer than N', 'less than N'; thousands with commas "
    "(46,000); a range LOW..HIGH, LOW-HIGH or 'LOW to HIGH'; LOW..BEST..HIGH with a best estimate"
)

# The largest count sitlog records. No desk reports a billion of anything (people, drones,
# prisoners), and the bound keeps every figure within the read tables' integer columns on
# both backends: an event the log accepts must never be one its projections cannot store.
MAX_COUNT = 1_000_000_000
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]


def too_large(field: str, n: int) -> InvalidInput:
    return InvalidInput(f"{field}: {n} is more than {MAX_COUNT:,}, the largest count sitlog records")


class Figure(Immutable):
    """A count as a source gave it: a value with a qualifier, or a low..high range."""

    value: Count | None = None
    qualifier: Qualifier = Qualifier.EXACT
    low: Count | None = None
    best: Count | None = None
    high: Count | None = None
    # The figure as typed, when worded otherwise than it prints ("up to 140,000" for <=140000).
    wording: str | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Self:
        if self.value is None:
            if self.low is None or self.high is None:
                raise ValueError("a figure needs a value or both low and high")
            if self.qualifier is not Qualifier.EXACT:
                raise ValueError("a range takes no qualifier")
            if self.low > self.high:
                raise ValueError(f"need low <= high, got {self.low}..{self.high}")
            if self.best is not None and not self.low <= self.best <= self.high:
                raise ValueError(f"need low <= best <= high, got {self}")
        elif self.low is not None or self.high is not None or self.best is not None:
            raise ValueError("a figure is either a value or a range, not both")
        return self

    @classmethod
    def exact(cls, value: int) -> Self:
        return cls(value=value)

    @classmethod
    def parse(cls, text: str, field: str = "figure",
              example: str = "e.g. 183, ~95, up to 140,000 or 100,000-140,000") -> Self:
        """Parse the inline syntax or the source's words (see ``FIGURE_SYNTAX``); errors name
        ``field`` (and give ``example``, what the field takes). Text worded otherwise than the
        figure prints is kept as its ``wording``."""
        qualifier, numbers = read(text, field, example)
        if (largest := max(numbers)) > MAX_COUNT:
            raise too_large(field, largest)
        typed = clean(text)
        try:
            if len(numbers) == 1:
                figure = cls(value=numbers[0], qualifier=Qualifier(qualifier))
            elif qualifier != Qualifier.EXACT:
                raise ValueError("a range takes no qualifier")
            else:
                low, *best, high = numbers
                figure = cls(low=low, best=best[0] if best else None, high=high)
            return figure if typed == str(figure) else figure.model_copy(update={"wording": typed})
        except ValidationError as e:
            reason = e.errors()[0]["msg"].removeprefix("Value error, ")
        except ValueError as e:
            reason = str(e)
        raise InvalidInput(f"{field}: {text!r} is not a valid figure: {reason}") from None

    def _parts(self) -> tuple[object, ...]:
        return self.value, self.qualifier, self.low, self.best, self.high

    def __eq__(self, other: object) -> bool:
        """The same figure however it was worded: "up to 140,000" is <=140000."""
        if not isinstance(other, Figure):
            return NotImplemented
        return self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash(self._parts())

    @property
    def point(self) -> int:
        """The single number a summary counts: the value, else the best, else the low end.

        Taking the low end of a range keeps summaries to what the source stands behind.
        """
        if self.value is not None:
            return self.value
        if self.best is not None:
            return self.best
        assert self.low is not None  # a figure without a value is a range (see _one_shape)
        return self.low

    def __str__(self) -> str:
        if self.value is None:
            middle = f"..{self.best}" if self.best is not None else ""
            return f"{self.low}{middle}..{self.high}"
        if self.qualifier is Qualifier.EXACT:
            return str(self.value)
        symbol = _SYMBOLS.get(self.qualifier)
        return f"{symbol}{self.value}" if symbol else f"{self.qualifier.value} {self.value}"

    @property
    def as_typed(self) -> str:
        """The figure as the source worded it, else as it prints."""
        return self.wording or str(self)


SOURCE_HINT = 'who said it? e.g. --source "Ukrainian Air Force"'
_WEB_ADDRESS = re.compile(r"https?://\S+")


def web_address(url: str | None) -> str | None:
    """A source's URL as typed (trimmed), refused unless it is an http(s) address."""
    if url is None:
        return None
    if not _WEB_ADDRESS.fullmatch(url.strip()):
        raise InvalidInput(f"url: {url!r} is not a web address (expected http:// or https://...)")
    return url.strip()


class Source(Immutable):
    """Who made a claim, and where and when it was published."""

    name: str = Field(min_length=1)
    url: str | None = None
    published_at: datetime | None = None

    @model_validator(mode="before")
    @classmethod
    def _strip_name(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            data = {**data, "name": required(data["name"], "source", SOURCE_HINT)}
        return data
