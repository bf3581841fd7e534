"""The bench's one table: each figure with its baseline from the same run, the ratio, the target
and whether it is met (or "not available": a feature this sitlog does not have yet)."""

from collections.abc import Callable
from dataclasses import dataclass, field

Check = Callable[[float | None, float | None], bool]  # (value, ratio) -> met


@dataclass
class Target:
    text: str
    check: Check
    reference: bool = False  # no target of its own: a yardstick that tells what a target's floor leaves out


def ratio_at_least(limit: float) -> Target:
    return Target(f"ratio ≥ {limit:g}", lambda value, ratio: ratio is not None and ratio >= limit)


def ratio_at_most(limit: float) -> Target:
    return Target(f"ratio ≤ {limit:g}", lambda value, ratio: ratio is not None and ratio <= limit)


def reference() -> Target:
    return Target("– (a yardstick)", lambda value, ratio: True, reference=True)


def value_at_most(limit: float, unit: str) -> Target:
    return Target(f"≤ {limit:g} {unit}", lambda value, ratio: value is not None and value <= limit)


def value_at_least(limit: float, unit: str) -> Target:
    return Target(f"≥ {limit:,g} {unit}", lambda value, ratio: value is not None and value >= limit)


@dataclass
class Row:
    figure: str
    backend: str  # sqlite, postgres, or "-" (the same on both)
    target: Target
    value: float | None = None
    unit: str = ""
    baseline: float | None = None
    baseline_label: str = ""
    ratio: float | None = None
    status: str = ""  # set when the figure was not measured: "not available", "failed: ..."
    notes: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.status:
            return self.status
        if self.target.reference:
            return "reference"
        return "met" if self.target.check(self.value, self.ratio) else "not met"


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}" if abs(value) < 10 else f"{value:,.1f}"
    return f"{text} {unit}".strip()


def render(rows: list[Row], markdown: bool = False) -> str:
    """The table as text (columns aligned), or as Markdown for docs/performance.md."""
    header = ("figure", "backend", "value", "baseline (same run)", "ratio", "target", "verdict")
    body = [(r.figure, r.backend, _number(r.value, r.unit),
             f"{_number(r.baseline)} {r.baseline_label}".strip() if r.baseline is not None else "–",
             _number(r.ratio) if r.ratio is not None else "–", r.target.text, r.verdict) for r in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(lines + ["| " + " | ".join(cells) + " |" for cells in body])
    widths = [max(len(cells[i]) for cells in [header, *body]) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
                     for cells in [header, *body])
