"""Secrets as data: their kinds, generated passwords, and what binds a ciphertext to its owner."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from enum import StrEnum

#: No look-alikes (0/O, 1/l/I): passwords are read aloud and typed from a printed sheet.
ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
SYMBOLS = "-_.+=#%"


class SecretKind(StrEnum):
    """What a secret opens."""

    MAILBOX = "mailbox"
    LOCAL_ADMIN = "local_admin"
    SWITCH = "switch"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class SecretRef:
    """Which secret: its owner record and its name there."""

    owner_type: str
    owner_id: str
    name: str

    def __str__(self) -> str:
        return f"{self.owner_type}:{self.owner_id}/{self.name}"


def generate_password(length: int = 24) -> str:
    """A random password from the OS's CSPRNG, with at least one digit and one symbol."""
    if length < 12:
        raise ValueError("generated passwords are at least 12 characters")
    while True:
        chars = [secrets.choice(ALPHABET + SYMBOLS) for _ in range(length)]
        if any(c.isdigit() for c in chars) and any(c in SYMBOLS for c in chars):
            return "".join(chars)


def binding(ref: SecretRef, key_id: str) -> bytes:
    """The associated data of a secret's ciphertext: owner, name and key.

    A ciphertext copied onto another record, or presented as made by another key, fails its
    authentication tag.
    """
    parts = ("crisis-kit secret v1", ref.owner_type, ref.owner_id, ref.name, key_id)
    return "\0".join(parts).encode("utf-8")
