"""Errors the core raises for a person to read: each says what is wrong and where.

A service raises an error with a message id and its values (``NotFoundError(msg(
"error.asset.not_found", tag=tag))``); the front end renders it in its user's language with
`describe`. ``str(error)`` is the English wording (logs, and older errors built from a sentence).
"""

from __future__ import annotations

from crisis.i18n import Message


class CrisisError(Exception):
    """Base of every error the tool reports to its user.

    The message is complete and safe to print: it never holds a secret.

    Attributes:
        message: the message id and values, or None for an error built from a sentence.
    """

    def __init__(self, message: str | Message = "") -> None:
        self.message = message if isinstance(message, Message) else None
        super().__init__(message.render("en") if isinstance(message, Message) else message)

    def render(self, lang: str) -> str:
        """The error in `lang` (an error built from a sentence is shown as written)."""
        return self.message.render(lang) if self.message is not None else str(self)


class NotFoundError(CrisisError):
    """A record named by the user does not exist."""


class InvalidTransitionError(CrisisError):
    """A state change the domain rules forbid."""


class ValidationError(CrisisError):
    """Bad input, with where it was found.

    Attributes:
        where: the place of the error (file and line, field), empty when not applicable.
    """

    def __init__(self, message: str | Message, *, where: str | Message = "") -> None:
        if where:
            message = Message("error.where", {"where": where, "error": message})
        super().__init__(message)
        self.where = where.render("en") if isinstance(where, Message) else where


class PermissionDeniedError(CrisisError):
    """The operator's role does not allow this action."""


class ConfigurationError(CrisisError):
    """The tool is not set up for this action (missing database, key, operator...)."""


class PeerError(CrisisError):
    """An external system (switch, SSH host, mail server) failed or refused."""


class VaultError(CrisisError):
    """The vault cannot do this: locked, wrong key, or a ciphertext that does not open."""


def reason_of(error: BaseException) -> Message | str:
    """What `error` says, to be placed in another message: its message id when it has one
    (rendered later in the reader's language), else its text."""
    if isinstance(error, CrisisError) and error.message is not None:
        return error.message
    return str(error)


def describe(error: BaseException, lang: str) -> str:
    """What a front end shows for `error`: a CrisisError in `lang`, anything else as it is."""
    if isinstance(error, CrisisError):
        return error.render(lang)
    return str(error)
