"""Use cases of the exchange aggregate (see domain/application.py for execute/fetch)."""


class ExchangeCommands:
    pass
