"""Errors raised by the infrastructure, phrased for the operator."""

from sitlog.domain.errors import SitlogError


class ConfigError(SitlogError):
    """A setting (such as --db) cannot be understood."""


class StoreUnavailable(SitlogError):
    """The database cannot be reached or opened."""


class StoreNotInitialised(SitlogError):
    """The database is reachable but ``sitlog init`` has not been run on it."""


class ProjectionStopped(SitlogError):
    """A projection failed on events of the log: its tables stay as they were before them.

    The log is intact; the projection cannot pass those events until the cause is fixed (then
    ``sitlog projections catch-up``) or the one event it cannot apply, ``event`` when known,
    is set aside (``sitlog projections skip``).
    """

    def __init__(self, message: str, *, projections: tuple[str, ...] = (), event: int | None = None,
                 cause: str = "") -> None:
        super().__init__(message)
        self.projections, self.event, self.cause = projections, event, cause


class LogTampered(SitlogError):
    """The log and its hash chain part: an event altered, deleted, inserted or moved, or a head noted
    earlier that the chain no longer holds (``sitlog verify``)."""
