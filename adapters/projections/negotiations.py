"""Read tables for negotiations."""

from adapters.projections.base import Handler, Projection


class NegotiationProjection(Projection):
    name = "negotiations"

    def handlers(self) -> dict[type, Handler]:
        return {}
