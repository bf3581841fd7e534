"""Relative claims: "casualties rose 31% in 2025 compared with 2024" as a percentage and two periods."""

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Self

from sitlog.domain.base import Immutable
from sitlog.domain.clock import within_range
from sitlog.domain.errors import InvalidInput

_PERCENT = re.compile(r"([+-]?)(\d+(?:\.\d+)?)\s*%?")

CHANGE_SYNTAX = (
    "--change +31% --period 2025 --baseline 2024 (a signed percentage, e.g. +31% or -4.5%; "
    "periods as YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO)"
)


class Period(Immutable):
    """A span of days, typed as a year, a month, a day or FROM..TO."""

    start: date
    end: date

    @classmethod
    def parse(cls, text: str, field: str = "period") -> Self:
        parts = text.strip().split("..")
        try:
            if len(parts) > 2:
                raise ValueError
            spans = [_span(part.strip()) for part in parts]
        except ValueError:
            raise InvalidInput(
                f"{field}: {text!r} is not a period (expected YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO)"
            ) from None
        start, end = within_range(spans[0][0], field, text), within_range(spans[-1][1], field, text)
        if start > end:
            raise InvalidInput(f"{field}: {text!r} ends before it begins")
        return cls(start=start, end=end)

    def __str__(self) -> str:
        start, end = self.start, self.end
        if start == end:
            return start.isoformat()
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return str(start.year) if start.year == end.year else f"{start.year}..{end.year}"
        if start.day == 1 and end == _month_end(start):
            return start.isoformat()[:7]
        return f"{start}..{end}"


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _span(text: str) -> tuple[date, date]:
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1), date(int(text), 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        first = date.fromisoformat(f"{text}-01")
        return first, _month_end(first)
    day = date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    if day is None:
        raise ValueError(text)
    return day, day


class RelativeChange(Immutable):
    """A relative claim: the count over ``period`` changed by ``percent`` against ``baseline``."""

    percent: Decimal
    period: Period
    baseline: Period

    @classmethod
    def parse(cls, text: str | None, period: str | None, baseline: str | None) -> Self | None:
        """The ``--change/--period/--baseline`` options as one value (None if none was given)."""
        if text is None:
            if period is not None or baseline is not None:
                raise InvalidInput("change: --period and --baseline go with --change (e.g. --change +31%)")
            return None
        match = _PERCENT.fullmatch(text.strip().replace("\u2212", "-"))
        if not match:
            raise InvalidInput(f"change: {text!r} is not a percentage change (expected e.g. +31% or -4.5%)")
        for name, given in (("period", period), ("baseline", baseline)):
            if given is None:
                raise InvalidInput(f"{name}: required with --change (e.g. --period 2025 --baseline 2024)")
        return cls(
            percent=Decimal(match[1] + match[2]),
            period=Period.parse(period or "", "period"),
            baseline=Period.parse(baseline or "", "baseline"),
        )

    def __str__(self) -> str:
        return f"{self.percent:+}% ({self.period} vs {self.baseline})"
