"""Use cases, one mixin per aggregate, composed into ``domain.application.IncidentLog``.

The helpers here build the ``decide`` functions that ``IncidentLog.execute`` runs on the
loaded aggregate (or None), for the two shapes every mixin uses.
"""

from collections.abc import Callable
from typing import TypeVar

from sitlog.domain.base import Aggregate
from sitlog.domain.errors import NotFound

A = TypeVar("A", bound=Aggregate)


def new_or_same(new: A, confirm: Callable[[A, A], None]) -> Callable[[A | None], A | None]:
    """Save ``new`` unless it is already recorded; then ``confirm(recorded, new)`` refuses a
    repeat with other details, and an identical one saves nothing."""

    def decide(found: A | None) -> A | None:
        if found is None:
            return new
        confirm(found, new)
        return None

    return decide


def on_recorded(act: Callable[[A], None], missing: str) -> Callable[[A | None], A]:
    """``act`` on the recorded aggregate; if there is none, NotFound with the message ``missing``."""

    def decide(found: A | None) -> A:
        if found is None:
            raise NotFound(missing)
        act(found)
        return found

    return decide

