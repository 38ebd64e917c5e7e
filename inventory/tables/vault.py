"""The secrets vault: its key's public description and the encrypted secrets."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class VaultKey(SQLModel, table=True):
    """How to find the vault's current key again; a single row (id 1).

    Nothing here opens a secret: ``key_id`` is an HMAC made with the key, used to tell a
    right passphrase or key file from a wrong one before anything is decrypted.
    """

    __tablename__ = "vault_key"

    id: int = Field(default=1, primary_key=True)
    key_id: str
    source: str  # "passphrase" | "key_file"
    kdf: str = ""  # "scrypt" for a passphrase
    salt: str = ""  # hex
    n: int = 0
    r: int = 0
    p: int = 0
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    rotated_at: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime(), nullable=True)
    )


class Secret(SQLModel, table=True):
    """One secret, AES-GCM encrypted, bound to its owner record by the associated data."""

    __table_args__ = (UniqueConstraint("owner_type", "owner_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    owner_type: str  # "organisation" | "asset" | "mailbox" | "switch" | ...
    owner_id: str
    name: str  # "password", "enable", "local-admin"...
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    kind: str  # "mailbox" | "local_admin" | "switch" | "other"
    login: str = ""  # the account the secret opens; not secret itself
    key_id: str
    version: int = 1
    ciphertext: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
