"""What a command did, for the operator."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Outcome:
    """``reference`` names the aggregate; ``changed`` is False for a recognised repeat (a no-op)."""

    reference: str
    changed: bool
    warnings: tuple[str, ...] = field(default=())
    detail: str = ""
