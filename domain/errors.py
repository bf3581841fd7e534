"""Errors an operator can understand and act on.

Every error raised by the domain or the application service derives from
``SitlogError``; the CLI prints its message on one line and exits 1.
"""


class SitlogError(Exception):
    """Base of every error the operator is meant to read."""


class InvalidInput(SitlogError):
    """A value does not make sense (wrong format, negative count, ...)."""


class RuleViolation(SitlogError):
    """The input is well-formed but breaks a rule of the domain."""


class NotFound(SitlogError):
    """The referenced aggregate has never been recorded."""


class WouldOverwrite(SitlogError):
    """Recording this would silently replace an earlier claim; a correction is needed."""
