"""Errors raised by the infrastructure, phrased for the operator."""

from domain.errors import SitlogError


class ConfigError(SitlogError):
    """A setting (such as --db) cannot be understood."""


class StoreUnavailable(SitlogError):
    """The database cannot be reached or opened."""


class StoreNotInitialised(SitlogError):
    """The database is reachable but ``sitlog init`` has not been run on it."""
