"""Figures, sources and moments in words, the same in every rendering of the digest. Numbers keep
the value the JSON holds (with thousands separators); a rate is the JSON's fraction as a
percentage; dates are ISO, as in the JSON."""

from sitlog.adapters.read_models.attacks import StatedFigure, StatedRange
from sitlog.adapters.read_models.common import SourceRef
from sitlog.adapters.read_models.estimates import EstimateEntry, EstimateFigure

NONE = "–"

_QUALIFIERS = {
    "exact": "", "about": "about ", "nearly": "nearly ", "at-least": "at least ", "more-than": "more than ",
    "up-to": "up to ", "fewer-than": "fewer than ",
}


def count(value: int | None) -> str:
    return NONE if value is None else f"{value:,}"


def rate(value: float | None) -> str:
    """A rate of the JSON (a fraction to 3 places) as a percentage to one decimal."""
    return NONE if value is None else f"{value * 100:.1f}%"


def signed(value: int | None) -> str:
    return NONE if value is None else f"{value:+,}"


def figure(value: StatedFigure | EstimateFigure | None) -> str:
    """``about 55,000``, ``up to 140,000``, ``100,000–140,000 (best 120,000)``."""
    if value is None:
        return NONE
    if isinstance(value, StatedRange) or value.value is None:
        assert value.low is not None and value.high is not None
        best = f" (best {value.best:,})" if value.best is not None else ""
        return f"{value.low:,}–{value.high:,}{best}"
    return f"{_QUALIFIERS[value.qualifier or 'exact']}{value.value:,}"


def claim(estimate: EstimateEntry) -> str:
    """An estimate's figure, or its relative change: ``+31% in 2025 against 2024``."""
    if estimate.change is not None:
        change = estimate.change
        return f"{change.percent:+}% in {change.period.label} against {change.baseline.label}"
    return figure(estimate.figure)


def source(ref: SourceRef | None) -> str:
    if ref is None:
        return "source: not given"
    return f"source: {ref.name}" + (f", {ref.url}" if ref.url else "")


def sources(ref: SourceRef | None, corroborated_by: list[SourceRef]) -> str:
    """The source, and the other sources that reported the same fact."""
    also = f"; corroborated by {', '.join(c.name for c in corroborated_by)}" if corroborated_by else ""
    return source(ref) + also


def joined(parts: list[str], empty: str = NONE) -> str:
    return "; ".join(parts) if parts else empty


def title(slug: str) -> str:
    """An attacker's name as a heading shows it: ``russia`` -> ``Russia``."""
    return slug.replace("-", " ").capitalize()
