"""Use cases of the estimate aggregate (see domain/application.py for execute/fetch)."""


class EstimateCommands:
    pass
