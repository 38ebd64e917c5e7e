"""Isolated mailboxes lent with a kit, and the tool's own settings (the mail host...)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class Mailbox(SQLModel, table=True):
    """An isolated mailbox of a loan; its password lives in the vault."""

    id: int | None = Field(default=None, primary_key=True)
    address: str = Field(unique=True)
    loan_id: int = Field(foreign_key="loan.id", index=True)
    quota: str = "2G"
    state: str  # present | suspended | absent
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # What became of its data at the end: returned_to_town (with the archive's hash) or
    # destroyed (with the destruction certificate's reference).
    disposition: str = ""
    export_sha256: str = ""
    certificate: str = ""
    # The facts of its disposition: the checked archive (name, size, sha256, messages) or the
    # destruction (date, method, operator).
    disposition_facts: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=True)
    )


class Setting(SQLModel, table=True):
    """One named setting of this installation (JSON value)."""

    key: str = Field(primary_key=True)
    value: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
