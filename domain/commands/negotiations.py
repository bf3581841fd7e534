"""Use cases of the negotiation aggregate (see domain/application.py for execute/fetch)."""


class NegotiationCommands:
    pass
