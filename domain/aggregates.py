"""Every kind of aggregate the log holds, imported together: for whatever needs them all (the
mapper reading any stored event, the old topics of each). A command imports only its own aggregate's
module (``domain/commands/``): building every aggregate's event classes was a quarter of a
command's start-up."""

from sitlog.domain.attack import Attack
from sitlog.domain.base import Aggregate
from sitlog.domain.casualty_estimate import CasualtyEstimate
from sitlog.domain.dataset import Dataset
from sitlog.domain.log_entry import LogEntry
from sitlog.domain.negotiation import Negotiation
from sitlog.domain.prisoner_exchange import PrisonerExchange

AGGREGATES: tuple[type[Aggregate], ...] = (
    Attack, Negotiation, PrisonerExchange, CasualtyEstimate, LogEntry, Dataset,
)
