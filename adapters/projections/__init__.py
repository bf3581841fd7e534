"""Projections: read tables kept up to date from the event log, exactly once."""

from sitlog.adapters.projections.base import Projection


def all_projections() -> list[Projection]:
    """Every read model, in the order they are applied to each event."""
    from sitlog.adapters.projections.attacks import AttackProjection
    from sitlog.adapters.projections.entries import EntryProjection
    from sitlog.adapters.projections.estimates import EstimateProjection
    from sitlog.adapters.projections.exchanges import ExchangeProjection
    from sitlog.adapters.projections.negotiations import NegotiationProjection

    return [
        AttackProjection(),
        NegotiationProjection(),
        ExchangeProjection(),
        EstimateProjection(),
        EntryProjection(),
    ]


# Projections sitlog no longer has, with their tables: ``sitlog init`` drops them. ``history``
# copied the log into ``event_history``; an aggregate's history is now read from the log.
RETIRED = {"history": ("event_history",)}
