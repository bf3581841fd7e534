"""Read tables for estimates."""

from adapters.projections.base import Handler, Projection


class EstimateProjection(Projection):
    name = "estimates"

    def handlers(self) -> dict[type, Handler]:
        return {}
