"""Operators: the named people acting on the inventory, their role and signing key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class Operator(SQLModel, table=True):
    """A named operator with a role and an Ed25519 key protected by their passphrase."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    role: str  # "technician" | "responder" | "auditor" | "admin"
    public_key: str  # hex, raw 32 bytes
    private_key_pem: str = Field(sa_column=Column(Text, nullable=False))  # PKCS#8, encrypted
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
