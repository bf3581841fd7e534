"""Dates at the precision a source gives: a day (2026-02-05), a month (2025-02) or a year (2025).

Conflict-event datasets keep a date precision code beside each date; sitlog does the same. A
date given as a month or a year stands for the **last day** of that period: it is ordered and
compared by that day (an estimate "as of 2025-02" comes after one as of 2025-02-27 and sorts
with 2025-02-28), while the precision keeps how it was given, and it is shown as typed.
Events of releases before precision carry full days, which read as day precision.
"""

import re
from datetime import date
from enum import StrEnum
from typing import Self

from sitlog.domain.base import Immutable
from sitlog.domain.clock import parse_date, within_range
from sitlog.domain.errors import InvalidInput
from sitlog.domain.relative_change import Period


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


PARTIAL_DATE_SYNTAX = "YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only a month or a year"


class PartialDate(Immutable):
    """A date as a source gave it: the last day of the period, and the precision."""

    day: date
    precision: Precision = Precision.DAY

    @classmethod
    def parse(cls, text: str, field: str = "date") -> Self:
        raw = text.strip()
        if re.fullmatch(r"\d{4}(-\d{2})?", raw):
            try:
                period = Period.parse(raw, field)
            except InvalidInput as e:
                if "outside" in str(e):
                    raise
                raise _not_a_date(text, field) from None
            precision = Precision.YEAR if len(raw) == 4 else Precision.MONTH
            return cls(day=within_range(period.end, field, text), precision=precision)
        try:
            return cls(day=parse_date(raw, field))
        except InvalidInput as e:
            if "outside" in str(e):
                raise
            raise _not_a_date(text, field) from None

    @classmethod
    def of(cls, day: date, precision: Precision = Precision.DAY) -> Self:
        return cls(day=day, precision=precision)

    def __str__(self) -> str:
        return shown(self.day, self.precision)


def shown(day: date, precision: Precision | str | None) -> str:
    """``day`` as it was typed at ``precision``: 2025, 2025-02 or 2025-02-28."""
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.MONTH:
        return day.isoformat()[:7]
    return day.isoformat()


def _not_a_date(text: str, field: str) -> InvalidInput:
    return InvalidInput(f"{field}: {text!r} is not a date (expected {PARTIAL_DATE_SYNTAX})")
