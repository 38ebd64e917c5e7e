"""Errors the core raises for a person to read: each says what is wrong and where."""

from __future__ import annotations


class CrisisError(Exception):
    """Base of every error the tool reports to its user.

    The message is complete and safe to print: it never holds a secret.
    """


class NotFoundError(CrisisError):
    """A record named by the user does not exist."""


class InvalidTransitionError(CrisisError):
    """A state change the domain rules forbid."""


class ValidationError(CrisisError):
    """Bad input, with where it was found.

    Attributes:
        where: the place of the error (file and line, field), empty when not applicable.
    """

    def __init__(self, message: str, *, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where


class PermissionDeniedError(CrisisError):
    """The operator's role does not allow this action."""


class ConfigurationError(CrisisError):
    """The tool is not set up for this action (missing database, key, operator...)."""


class PeerError(CrisisError):
    """An external system (switch, SSH host, mail server) failed or refused."""


class VaultError(CrisisError):
    """The vault cannot do this: locked, wrong key, or a ciphertext that does not open."""
