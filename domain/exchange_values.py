"""The vocabulary of a prisoner exchange: its reference, statuses and numbers, the steps the
aggregate remembers, and how a desk describes the gap between exchanges."""

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from sitlog.domain.base import Immutable
from sitlog.domain.clock import within_range
from sitlog.domain.errors import InvalidInput, RuleViolation
from sitlog.domain.text import clean, folded
from sitlog.domain.values import MAX_COUNT, Figure, Qualifier, too_large

_REFERENCE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:/([a-z0-9]+(?:-[a-z0-9]+)*))?")


def parse_reference(text: str) -> tuple[str, date]:
    """``2026-02-05`` or ``2026-02-05/second``: the normalised reference and the agreement date."""
    raw = text.strip().lower()
    match = _REFERENCE.fullmatch(raw)
    if not match:
        raise InvalidInput(
            f"exchange: {text!r} is not an exchange reference (expected DATE[/LABEL], "
            "e.g. 2026-02-05 or 2026-02-05/second)"
        )
    try:
        agreed_on = date.fromisoformat(match.group(1))
    except ValueError:
        raise InvalidInput(f"exchange: {text!r} does not start with a real date (YYYY-MM-DD)") from None
    return raw, within_range(agreed_on, "exchange", text)


class ExchangeStatus(StrEnum):
    AGREED = "agreed"
    POSTPONED = "postponed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


COUNTS = ("total", "released_by_ukraine", "released_by_russia")


class Numbers(Immutable):
    """A total and/or the numbers released by each side; ``None`` where not reported. Each number
    keeps the text the source gave when it words it otherwise than it prints ("about 300", "1,200"):
    the number is the figure's value, the wording says how far the source stands behind it."""

    total: int | None = None
    released_by_ukraine: int | None = None
    released_by_russia: int | None = None
    total_wording: str | None = None
    released_by_ukraine_wording: str | None = None
    released_by_russia_wording: str | None = None

    @classmethod
    def checked(
        cls, total: int | str | None = None, released_by_ukraine: int | str | None = None,
        released_by_russia: int | str | None = None,
    ) -> "Numbers":
        """From what was typed: a number, or a figure in the source's words (``values.Figure``)."""
        given = {"total": total, "released_by_ukraine": released_by_ukraine,
                 "released_by_russia": released_by_russia}
        return cls().laid_over({k: v for k, v in given.items() if v is not None})

    def laid_over(self, given: dict[str, int | str]) -> "Numbers":
        """These numbers with those ``given`` (by name, typed or counted) in their place, checked."""
        fields = self.model_dump()
        for name, value in given.items():
            fields[name], fields[f"{name}_wording"] = _worded(value, name.replace("_", "-"))
        return Numbers(**fields).check()

    def figure(self, name: str) -> Figure | None:
        """Number ``name`` as a figure: its qualifier read back from its wording."""
        n = getattr(self, name)
        if n is None:
            return None
        wording = getattr(self, f"{name}_wording")
        return Figure.parse(wording, name) if wording else Figure.exact(n)

    def figures(self) -> dict[str, Figure | None]:
        return {name: self.figure(name) for name in COUNTS}

    def implied(self) -> "Numbers":
        """These numbers with the total both exact sides imply, when the source gave no total: what
        a report of the total alone is compared with."""
        sides = ("released_by_ukraine", "released_by_russia")
        if self.total is not None or not all(self._exact(side) for side in sides):
            return self
        return self.model_copy(update={"total": self.overall})

    def typed(self, name: str) -> str | None:
        """Number ``name`` as the source gave it."""
        n = getattr(self, name)
        return None if n is None else getattr(self, f"{name}_wording") or str(n)

    def _exact(self, name: str) -> bool:
        figure = self.figure(name)
        return figure is not None and figure.qualifier is Qualifier.EXACT

    def __eq__(self, other: object) -> bool:
        """The same numbers however they were worded: "1,200" is 1200, "about 300" is not 300."""
        if not isinstance(other, Numbers):
            return NotImplemented
        return self.figures() == other.figures()

    def __hash__(self) -> int:
        return hash(tuple(self.figures().values()))

    def check(self) -> "Numbers":
        """The rules of counts: some given, none negative, the sides consistent with the total (when
        the source gives them exactly: "about 300" is not checked against a sum)."""
        total = self.total
        given = {name.replace("_", "-"): getattr(self, name) for name in COUNTS
                 if getattr(self, name) is not None}
        if not given:
            raise InvalidInput("numbers: none given (a total, or the numbers released by each side)")
        for name, n in given.items():
            if n < 0:
                raise InvalidInput(f"{name}: {n} is negative")
            if n > MAX_COUNT:
                raise too_large(name, n)
        exact = {name.replace("_", "-"): getattr(self, name) for name in COUNTS if self._exact(name)}
        sides = {name: n for name, n in exact.items() if name != "total"}
        if "total" in exact and len(sides) == 2 and sum(sides.values()) != total:
            raise RuleViolation(
                f"total: {total} is not released-by-ukraine {self.released_by_ukraine} + "
                f"released-by-russia {self.released_by_russia} = {sum(sides.values())}"
            )
        for name, n in sides.items():
            if "total" in exact and total is not None and n > total:
                raise RuleViolation(f"{name}: {n} is more than the total {total}")
        return self

    @property
    def overall(self) -> int | None:
        """The total as given, or the sum of both sides when only they are known."""
        if self.total is not None:
            return self.total
        if self.released_by_ukraine is not None and self.released_by_russia is not None:
            return self.released_by_ukraine + self.released_by_russia
        return None

    def __str__(self) -> str:
        parts = [f"total {self.typed('total')}" if self.total is not None else ""]
        parts += [f"{side} {self.typed(name)}" for side, name in (("by Ukraine", "released_by_ukraine"),
                                                                  ("by Russia", "released_by_russia"))
                  if getattr(self, name) is not None]
        return ", ".join(p for p in parts if p)


_ONE_NUMBER = "e.g. 314, 1,200 or about 300"  # what an exchange's number takes: never a range


def _worded(value: int | str, field: str) -> tuple[int, str | None]:
    """A count and, when the source words it otherwise than it prints, its wording."""
    if isinstance(value, int):
        return value, None
    if re.fullmatch(r"-\s*\d+", value.strip()):
        raise InvalidInput(f"{field}: {value.strip()} is negative")
    figure = Figure.parse(value, field, _ONE_NUMBER)
    if figure.value is None:
        raise InvalidInput(f"{field}: {value!r} is a range; an exchange's number is one number "
                           f"({_ONE_NUMBER})")
    typed = clean(value)
    return figure.value, (typed if typed != str(figure.value) else None)


def whole_months(start: date, end: date) -> int:
    """Calendar months from ``start`` to ``end``, counting only complete ones."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def gap_phrase(previous: date | None, current: date) -> str:
    """How a desk would describe the gap since the previous exchange."""
    if previous is None:
        return "first exchange in the log"
    months = whole_months(previous, current)
    if months >= 1:
        return f"first exchange in {months} month{'s' if months > 1 else ''}"
    days = (current - previous).days
    return f"{days} day{'s' if days != 1 else ''} after the previous exchange"



class Step(Immutable):
    """A step of an exchange as it stands (the agreement is step 1), numbered by the version of the
    event that recorded it: a correction or a retraction of a completion or a cancellation names it."""

    item: int
    status: ExchangeStatus
    on: date
    numbers: Numbers | None = None
    reason: str | None = None
    source: str | None = None
    corroborated_by: tuple[str, ...] = ()

    def reported_by(self, source: str) -> bool:
        return folded(source) in {folded(s) for s in (self.source or "", *self.corroborated_by)}


def says_less(given: Mapping[str, object], recorded: Mapping[str, object]) -> bool:
    """Whether ``given`` repeats ``recorded`` with fewer details: each of its values is either left
    out (None) or the one recorded. Another source reporting less corroborates; one reporting other
    values would overwrite."""
    return all(value is None or value == recorded[name] for name, value in given.items())


def options(recorded: Mapping[str, object], given: Mapping[str, object]) -> str:
    """The options of ``sitlog exchange correct`` that would turn ``recorded`` into ``given``."""
    return " ".join(f"--{name.replace('_', '-')} {_quoted(value)}"
                    for name, value in given.items() if value is not None and value != recorded[name])


def _quoted(value: object) -> str:
    text = value.as_typed if isinstance(value, Figure) else str(value)
    return text if text and " " not in text and '"' not in text else f'"{text}"'
