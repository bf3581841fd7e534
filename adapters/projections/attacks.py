"""Read tables for attacks."""

from adapters.projections.base import Handler, Projection


class AttackProjection(Projection):
    name = "attacks"

    def handlers(self) -> dict[type, Handler]:
        return {}
