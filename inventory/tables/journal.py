"""The append-only journal, its head pointer and its signed checkpoints."""

from __future__ import annotations

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel


class JournalEvent(SQLModel, table=True):
    """One change of state, hash-chained to the previous one.

    Stored exactly as hashed (``at`` is the ISO text that was hashed), so verification never
    depends on how a database round-trips dates. UPDATE and DELETE are refused by triggers.
    """

    __tablename__ = "journal_event"
    __table_args__ = (Index("ix_journal_event_entity", "entity_type", "entity_id"),)

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    at: str
    operator: str
    action: str = Field(index=True)
    entity_type: str
    entity_id: str
    before: str = Field(sa_column=Column(Text, nullable=False))
    after: str = Field(sa_column=Column(Text, nullable=False))
    prev_hash: str
    hash: str


class JournalHead(SQLModel, table=True):
    """The last event's number and hash: a single row, locked by each appender."""

    __tablename__ = "journal_head"

    id: int = Field(default=1, primary_key=True)
    seq: int = 0
    hash: str


class JournalCheckpoint(SQLModel, table=True):
    """An Ed25519 signature over (log size, head hash), made at a point in time."""

    __tablename__ = "journal_checkpoint"

    id: int | None = Field(default=None, primary_key=True)
    size: int
    head_hash: str
    signed_at: str
    operator: str
    public_key: str  # hex, raw 32 bytes
    signature: str  # hex, over checkpoint_message(size, head_hash, signed_at)
