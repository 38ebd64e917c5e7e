"""Switch configurations read from or pushed to kit switches, kept with their hash."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from inventory.types import UTCDateTime


class SwitchSnapshot(SQLModel, table=True):
    """One running configuration of a switch: a backup before a change, or the result.

    ``version`` counts a switch's snapshots from 1; ``journal_seq`` is the event that
    recorded it.
    """

    __tablename__ = "switch_snapshot"
    __table_args__ = (UniqueConstraint("asset_tag", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    asset_tag: str = Field(index=True)
    version: int
    kind: str  # "backup" | "after"
    sha256: str
    text: str = Field(sa_column=Column(Text, nullable=False))
    taken_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    journal_seq: int
