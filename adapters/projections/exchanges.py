"""Read tables for exchanges."""

from adapters.projections.base import Handler, Projection


class ExchangeProjection(Projection):
    name = "exchanges"

    def handlers(self) -> dict[type, Handler]:
        return {}
