"""Projections: read tables kept up to date from the event log, exactly once."""

from importlib import import_module
from typing import NamedTuple

from sitlog.adapters.projections.base import Projection


class Known(NamedTuple):
    """A projection as a store knows it before an event needs applying."""

    name: str
    version: int  # of its code: bump it when its tables or what its handlers write change
    module: str  # sitlog.adapters.projections.<module>
    cls: str


# Every projection, in the order they are applied to each event. Their names and versions are here,
# not only in their modules, so that opening a store (are the read tables built by this code?) and a
# write's catch-up at the log's head import no projection, nor the domain whose events they decode.
KNOWN = (
    # 2: yearly summaries; 3: JSON columns compact, non-ASCII unescaped; 4: every note (attack_notes);
    # 5: decade summaries
    Known("attacks", 5, "attacks", "AttackProjection"),
    # 2: parties as compact JSON, non-ASCII unescaped; 3: statements' date precision, corrections of
    # the changes of status; 4: rounds and meeting days counted per day, month and year
    # (negotiation_round_counts); 5: and per decade
    Known("negotiations", 5, "negotiations", "NegotiationProjection"),
    # 2: numbers' wording; 3: the step a change names (columns added to older tables); 4: the spans
    # of each status and the counts by status per day, month and year (exchange_spells, _status_counts);
    # 5: and per decade
    Known("exchanges", 5, "exchanges", "ExchangeProjection"),
    # 2: casualty_sources; 3: figures' wording, dates' precision (columns added to older tables)
    Known("estimates", 3, "estimates", "EstimateProjection"),
    # 2: dates' precision (a column added to older tables); 3: counts per decade too
    Known("entries", 3, "entries", "EntryProjection"),
)
VERSIONS = {known.name: known.version for known in KNOWN}


def all_projections() -> list[Projection]:
    """Every read model, in the order they are applied to each event."""
    return [getattr(import_module(f"sitlog.adapters.projections.{known.module}"), known.cls)()
            for known in KNOWN]


# Projections sitlog no longer has, with their tables: ``sitlog init`` drops them. ``history``
# copied the log into ``event_history``; an aggregate's history is now read from the log.
RETIRED = {"history": ("event_history",)}
